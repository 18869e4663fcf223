# A gliding melody: a stepwise Linseg melody smoothed by Port, played by a phase-modulated pair.
# Runs unchanged in pyo (python3 glide_melody.py) and in rpyo (rpyo render glide_melody.py -o glide_melody.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="glide_melody.wav", fileformat=0, sampletype=3)
steps = [(0, 60), (0.25, 60), (0.25, 64), (0.5, 64), (0.5, 67), (0.75, 67), (0.75, 72), (1.25, 72), (1.25, 67), (2, 67)]
melody = Linseg(steps).play()
glide = Port(melody, risetime=0.06, falltime=0.12, init=60)
pitch = MToF(glide)
wobble = Sine(freq=pitch * 2, mul=0.15, add=0.5)
lead = Sine(freq=pitch, phase=wobble, mul=0.25).out()
shadow = Sine(freq=pitch * 0.5, mul=0.1).out(1)
s.start()
