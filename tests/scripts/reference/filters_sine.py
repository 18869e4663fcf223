# Reference case filters_sine of the oracle (../shared/oracle/render.py) as a script: A 100 -> 8000 Hz sweep through ButLP (L) and a moving low-pass Biquad (R).
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render filters_sine.py -o filters_sine.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="filters_sine.wav", fileformat=0, sampletype=3)
sw = Linseg([(0, 100), (1.0, 8000)]).play()
src = Sine(freq=sw, mul=0.5)
fm = Sine(1, mul=1500, add=2000)
a = ButLP(src, freq=1000).out()
b = Biquad(src, freq=fm, q=2, type=0).out(1)
s.start()
