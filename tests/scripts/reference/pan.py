# Reference case pan of the oracle (../shared/oracle/render.py) as a script: Pan with a moving position and spread.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render pan.py -o pan.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="pan.wav", fileformat=0, sampletype=3)
src = Sine(440, mul=0.5)
p = Sine(0.5, mul=0.5, add=0.5)
pn = Pan(src, outs=2, pan=p, spread=0.3).out()
s.start()
