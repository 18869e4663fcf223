# Reference case linseg of the oracle (../shared/oracle/render.py) as a script: L: a Linseg envelope on a Sine; R: a raw looping Linseg triangle (0.5 s).
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render linseg.py -o linseg.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1.5, filename="linseg.wav", fileformat=0, sampletype=3)
l1 = Linseg([(0, 0), (0.3, 1), (0.8, 0.2), (1.2, 0)]).play()
l2 = Linseg([(0, -1), (0.25, 1), (0.5, -1)], loop=True).play()
a = Sine(440, mul=l1).out()
b = Sig(l2, mul=0.5).out(1)
s.start()
