# Reference case midi_trig of the oracle (../shared/oracle/render.py) as a script: Notein(poly=2)['trigon'] -> TrigEnv(HannTable) on an 880 Hz Sine (L), the voices' pitches / 1000 (R): one grain per note-on.
# The oracle's events at 0.1-0.5 s are callbacks; a MIDI event given before s.start() lands in the
# first block, so one note-on (60) is given: two note-ons there would trigger at the same sample, the
# Mix of the voices' triggers would hold 2 there, and pyo's TrigEnv starts no grain on it (measured).
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render midi_trig.py -o midi_trig.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="midi_trig.wav", fileformat=0, sampletype=3)
n = Notein(poly=2, scale=1)
tr = Mix(n["trigon"], voices=1)
e = TrigEnv(tr, table=HannTable(), dur=0.05, mul=0.5)
a = Sine(880, mul=e).out()
b = Sig(n["pitch"], mul=1.0 / 1000).mix(1).out(1)
s.addMidiEvent(144, 60, 100)
s.start()
