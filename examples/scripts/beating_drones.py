# Beating drones: pairs of close sines under exponential swells, high-passed so only their shimmer stays.
# Runs unchanged in pyo (python3 beating_drones.py) and in rpyo (rpyo render beating_drones.py -o beating_drones.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="beating_drones.wav", fileformat=0, sampletype=3)
swell = Expseg([(0, 0.001), (1.2, 1), (2, 0.05)], exp=3).play()
low = Sine(freq=[130.8, 131.6, 196.0, 196.9], mul=swell * 0.15)
shimmer = Atone(low, freq=150)
drone = shimmer.mix(2).out()
s.start()
