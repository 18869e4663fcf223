# Wavetable morph: two oscillators read harmonic tables of different spectra; a slow crossfade moves between them.
# Runs unchanged in pyo (python3 wavetable_morph.py) and in rpyo (rpyo render wavetable_morph.py -o wavetable_morph.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="wavetable_morph.wav", fileformat=0, sampletype=3)
bright = HarmTable([1, 0.5, 0.33, 0.25, 0.2, 0.16, 0.14, 0.12])
hollow = HarmTable([1, 0, 0.33, 0, 0.2, 0, 0.14])
fade = Sine(freq=0.5, mul=0.5, add=0.5)
a = Osc(bright, freq=[110, 110.7], mul=fade * 0.2)
b = Osc(hollow, freq=[220, 219.4], mul=(1 - fade) * 0.2)
both = (a + b).out()
s.start()
