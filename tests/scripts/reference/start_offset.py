# Reference case start_offset of the oracle (../shared/oracle/render.py) as a script: s.setStartOffset(0.5): the first 0.5 s run but are not recorded; a Linseg 0 -> 1 over 2 s and a Sine.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render start_offset.py -o start_offset.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="start_offset.wav", fileformat=0, sampletype=3)
s.setStartOffset(0.5)
l = Linseg([(0, 0), (2, 1)]).play()
a = Sig(l).out()
b = Sine(440, mul=0.5).out(1)
s.start()
