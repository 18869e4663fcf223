# A random arpeggio: a Metro picks seeded random MIDI notes (TrigRand), MToF turns them into the pitch of a feedback sine.
# Runs unchanged in pyo (python3 random_arpeggio.py) and in rpyo (rpyo render random_arpeggio.py -o random_arpeggio.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="random_arpeggio.wav", fileformat=0, sampletype=3)
s.setGlobalSeed(2024)
clock = Metro(time=0.125).play()
note = TrigRand(clock, min=48, max=84, init=60)
pitch = MToF(note)
env = TrigEnv(clock, table=CosTable([(0, 0), (300, 1), (2000, 0.4), (8191, 0)]), dur=0.12, mul=0.3)
voice = SineLoop(freq=pitch, feedback=0.08, mul=env)
stereo = Pan(voice, outs=2, pan=0.35, spread=0.2).out()
s.start()
