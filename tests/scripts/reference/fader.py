# Reference case fader of the oracle (../shared/oracle/render.py) as a script: L: Fader(0.2, 0.3) whose fade-out starts at 1.0 s (the oracle's stop() at 1.0 s is dur=1.3 here); R: Fader(0.1, 0.2, dur=0.8).
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render fader.py -o fader.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1.5, filename="fader.wav", fileformat=0, sampletype=3)
f1 = Fader(fadein=0.2, fadeout=0.3, dur=1.3, mul=0.5).play()
f2 = Fader(fadein=0.1, fadeout=0.2, dur=0.8, mul=0.5).play()
a = Sine(440, mul=f1).out()
b = Sine(660, mul=f2).out(1)
s.start()
