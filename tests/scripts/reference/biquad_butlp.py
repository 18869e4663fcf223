# Reference case biquad_butlp of the oracle (../shared/oracle/render.py) as a script: Seeded noise through a band-pass Biquad (L) and ButLP (R).
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render biquad_butlp.py -o biquad_butlp.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="biquad_butlp.wav", fileformat=0, sampletype=3)
s.setGlobalSeed(42)
n = Noise(0.5)
a = Biquad(n, freq=1000, q=5, type=2).out()
b = ButLP(n, freq=2000).out(1)
s.start()
