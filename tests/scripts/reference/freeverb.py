# Reference case freeverb of the oracle (../shared/oracle/render.py) as a script: A short 440 Hz burst into two Freeverbs (L size 0.8 wet, R size 0.3 half wet).
# The oracle renders 2 s; 1.5 s here keeps the file small.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render freeverb.py -o freeverb.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1.5, filename="freeverb.wav", fileformat=0, sampletype=3)
f = Fader(fadein=0.005, fadeout=0.05, dur=0.2).play()
src = Sine(440, mul=f)
r1 = Freeverb(src, size=0.8, damp=0.5, bal=1.0, mul=0.5).out()
r2 = Freeverb(src, size=0.3, damp=0.2, bal=0.5, mul=0.5).out(1)
s.start()
