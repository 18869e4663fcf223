# Reference case mix of the oracle (../shared/oracle/render.py) as a script: Three sines mixed down to two voices.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render mix.py -o mix.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="mix.wav", fileformat=0, sampletype=3)
a = Sine(440)
b = Sine(660)
c = Sine(880)
m = Mix([a, b, c], voices=2, mul=0.3).out()
s.start()
