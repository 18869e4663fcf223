# A MIDI-driven synth: a chord of note-ons injected at start drives Notein, MidiAdsr and detuned saws.
# Runs unchanged in pyo (python3 midi_chord_synth.py) and in rpyo (rpyo render midi_chord_synth.py -o midi_chord_synth.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="midi_chord_synth.wav", fileformat=0, sampletype=3)
notes = Notein(poly=4, scale=1)
env = MidiAdsr(notes["velocity"], attack=0.05, decay=0.2, sustain=0.6, release=0.3, mul=0.2)
saws = Blit(freq=notes["pitch"], harms=30, mul=env)
soft = ButLP(saws, freq=2500)
out = soft.mix(2).out()
for pitch in [57, 60, 64, 69]:
    s.addMidiEvent(144, pitch, 100)
s.start()
