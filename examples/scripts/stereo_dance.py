# A stereo dance: five sine voices circle the two speakers at different speeds.
# Runs unchanged in pyo (python3 stereo_dance.py) and in rpyo (rpyo render stereo_dance.py -o stereo_dance.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="stereo_dance.wav", fileformat=0, sampletype=3)
voices = []
for i in range(5):
    where = Sine(freq=0.2 + 0.15 * i, phase=i / 5.0, mul=0.5, add=0.5)
    tone = Sine(freq=200 * (i + 1) * 1.01, mul=0.08)
    voices.append(SPan(tone, outs=2, pan=where))
dance = Mix(voices, voices=2).out()
s.start()
