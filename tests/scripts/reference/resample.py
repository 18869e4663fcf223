# Reference case resample of the oracle (../shared/oracle/render.py) as a script: A resampling block at 2x: L a ring modulation upsampled and back (mode 8); R a 15 kHz Sine at 2x brought down (mode 1).
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render resample.py -o resample.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="resample.wav", fileformat=0, sampletype=3)
src = Sine(440, mul=0.5)
s.beginResamplingBlock(2)
up = Resample(src, mode=8)
rm = Sine(3000, mul=up)
hi = Sine(15000, mul=0.5)
s.endResamplingBlock()
d1 = Resample(rm, mode=8).out()
d2 = Resample(hi, mode=1).out(1)
s.start()
