# Reference case noise_seed of the oracle (../shared/oracle/render.py) as a script: Seeded noise: L Noise, R Noise of type 1 (the cheap generator).
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render noise_seed.py -o noise_seed.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="noise_seed.wav", fileformat=0, sampletype=3)
s.setGlobalSeed(1234)
n1 = Noise(mul=0.3).out()
n2 = Noise(mul=0.3)
n2.setType(1)
n2.out(1)
s.start()
