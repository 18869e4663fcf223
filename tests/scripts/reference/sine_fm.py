# Reference case sine_fm of the oracle (../shared/oracle/render.py) as a script: Frequency modulation: L a 5 Hz vibrato, R audio-rate FM at 110 Hz.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render sine_fm.py -o sine_fm.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="sine_fm.wav", fileformat=0, sampletype=3)
m1 = Sine(5, mul=100, add=440)
m2 = Sine(110, mul=220, add=440)
a = Sine(freq=m1, mul=0.5).out()
b = Sine(freq=m2, mul=0.5).out(1)
s.start()
