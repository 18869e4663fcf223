# Reference case adsr of the oracle (../shared/oracle/render.py) as a script: L: Adsr with dur=1.0; R: a note held from 0.1 s to 0.6 s, then a new one from 0.9 s.
# The oracle's play@0.1, stop@0.6, play@0.9: one Adsr with dur=0.7 played with
# delay=0.1 (release from 0.6 s) and one with dur=0 played with delay=0.9.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render adsr.py -o adsr.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1.5, filename="adsr.wav", fileformat=0, sampletype=3)
e1 = Adsr(attack=0.05, decay=0.1, sustain=0.6, release=0.3, dur=1.0, mul=0.5).play()
held = Adsr(attack=0.02, decay=0.1, sustain=0.5, release=0.2, dur=0.7, mul=0.5).play(delay=0.1)
again = Adsr(attack=0.02, decay=0.1, sustain=0.5, release=0.2, dur=0, mul=0.5).play(delay=0.9)
a = Sine(440, mul=e1).out()
b = Sine(550, mul=held + again).out(1)
s.start()
