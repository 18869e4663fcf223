# Reference case sine_phasemod of the oracle (../shared/oracle/render.py) as a script: L: audio-rate phase from a 3 Hz Sine; R: audio-rate mul from a 2 Hz Sine.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render sine_phasemod.py -o sine_phasemod.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="sine_phasemod.wav", fileformat=0, sampletype=3)
ph = Sine(3, mul=0.5, add=0.5)
am = Sine(2)
a = Sine(220, phase=ph, mul=0.5).out()
b = Sine(220, mul=am, add=0.0).out(1)
s.start()
