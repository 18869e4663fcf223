# A morphing filter: a supersaw through a state-variable filter whose type slides from low-pass through band-pass to high-pass.
# Runs unchanged in pyo (python3 filter_morph.py) and in rpyo (rpyo render filter_morph.py -o filter_morph.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="filter_morph.wav", fileformat=0, sampletype=3)
saw = SuperSaw(freq=[87.3, 87.6], detune=0.4, bal=0.9, mul=1.2)
kind = Linseg([(0, 0), (2, 1)]).play()
cut = LFO(freq=2, sharp=0.5, type=1, mul=800, add=1200)
morph = SVF(saw, freq=cut, q=3, type=kind).out()
s.start()
