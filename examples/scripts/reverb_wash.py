# A reverb wash: pink noise through a slowly sweeping band-pass, drowned in a large Freeverb.
# Runs unchanged in pyo (python3 reverb_wash.py) and in rpyo (rpyo render reverb_wash.py -o reverb_wash.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="reverb_wash.wav", fileformat=0, sampletype=3)
s.setGlobalSeed(7)
noise = PinkNoise(mul=0.4)
sweep = LFO(freq=0.7, sharp=0.3, type=3, mul=600, add=900)
band = ButBP(noise, freq=sweep, q=8)
wash = Freeverb(band, size=[0.93, 0.95], damp=0.4, bal=0.8, mul=4).out()
s.start()
