# Reference case span of the oracle (../shared/oracle/render.py) as a script: SPan from left to right over 1 s.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render span.py -o span.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="span.wav", fileformat=0, sampletype=3)
src = Sine(440, mul=0.5)
p = Linseg([(0, 0), (1.0, 1)]).play()
sp = SPan(src, outs=2, pan=p).out()
s.start()
