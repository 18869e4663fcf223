# Reference case sigto of the oracle (../shared/oracle/render.py) as a script: L: a SigTo glide 200 -> 800 Hz at 0.3 s, -> 300 Hz at 0.6 s; R: a raw SigTo 0 -> 1 in 0.25 s.
# The oracle's setValue(800)@0.3 and setValue(300)@0.6: SigTo's value is a stepping Linseg.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render sigto.py -o sigto.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="sigto.wav", fileformat=0, sampletype=3)
target = Linseg([(0, 200), (0.3, 200), (0.3, 800), (0.6, 800), (0.6, 300), (1, 300)]).play()
st = SigTo(value=target, time=0.1, init=200)
st2 = SigTo(value=1, time=0.25, init=0)
a = Sine(freq=st, mul=0.5).out()
b = Sig(st2).out(1)
s.start()
