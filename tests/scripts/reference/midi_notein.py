# Reference case midi_notein of the oracle (../shared/oracle/render.py) as a script: Two MIDI notes (60 at velocity 100, 64 at 80) -> Notein(poly=4) -> MidiAdsr -> Sine, mixed to both channels.
# The oracle's events at 0.1-0.9 s are callbacks; MIDI events given before s.start()
# land in the first block, so both notes start there and are held.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render midi_notein.py -o midi_notein.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1.5, filename="midi_notein.wav", fileformat=0, sampletype=3)
n = Notein(poly=4, scale=1)
env = MidiAdsr(n["velocity"], attack=0.01, decay=0.05, sustain=0.5, release=0.1, mul=0.3)
sig = Sine(freq=n["pitch"], mul=env)
m = sig.mix(2).out()
s.addMidiEvent(144, 60, 100)
s.addMidiEvent(144, 64, 80)
s.start()
