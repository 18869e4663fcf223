# Oversampled ring modulation: a sine ring-modulated at four times the rate, then brought back down without aliasing.
# Runs unchanged in pyo (python3 oversampled_ring.py) and in rpyo (rpyo render oversampled_ring.py -o oversampled_ring.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="oversampled_ring.wav", fileformat=0, sampletype=3)
src = Sine(freq=[330, 440], mul=0.5)
s.beginResamplingBlock(4)
up = Resample(src, mode=4)
ring = Sine(freq=Sine(0.5, mul=2000, add=5000), mul=up)
s.endResamplingBlock()
down = Resample(ring, mode=4).out()
s.start()
