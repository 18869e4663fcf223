# Drive and squash: a sine loop distorted by a drive that rises and falls, compressed, then softened.
# Runs unchanged in pyo (python3 drive_and_squash.py) and in rpyo (rpyo render drive_and_squash.py -o drive_and_squash.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="drive_and_squash.wav", fileformat=0, sampletype=3)
src = SineLoop(freq=[98, 98.5], feedback=0.12, mul=0.6)
drive = Linseg([(0, 0.2), (1, 0.95), (2, 0.3)]).play()
dirty = Disto(src, drive=drive, slope=0.7)
squashed = Compress(dirty, thresh=-18, ratio=4, risetime=0.005, falltime=0.08, lookahead=3, knee=0.5)
soft = Tone(squashed, freq=3000, mul=0.8).out()
s.start()
