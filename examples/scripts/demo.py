# rpyo's demo: FM bells over a supersaw pad and a pulse of noise drums,
# with a feedback delay and a Freeverb hall. Six seconds.
# Runs unchanged in pyo (python3 demo.py) and in rpyo (rpyo render demo.py -o demo.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=6, filename="demo.wav", fileformat=0, sampletype=3)
s.setGlobalSeed(31)

# A pad: a minor chord of detuned saws, slowly opening.
chord = [midiToHz(n) for n in [45, 52, 57, 60]]
pad_env = Fader(fadein=2, fadeout=1.5, dur=6).play()
saws = SuperSaw(freq=chord, detune=0.5, bal=0.75, mul=0.08)
cutoff = Linseg([(0, 400), (4, 2500), (6, 900)]).play()
pad = MoogLP(saws.mix(2), freq=cutoff, res=0.3, mul=pad_env)

# Bells: a slow random melody of FM strikes.
bell_clock = Metro(time=0.375).play(delay=1)
note = TrigRand(bell_clock, min=57, max=81, init=69)
strike = TrigEnv(bell_clock, table=ExpTable([(0, 0), (40, 1), (8191, 0)], exp=5), dur=1.4, mul=0.18)
bell = FM(carrier=MToF(note), ratio=1.41, index=strike * 12, mul=strike)
echo = Delay(bell, delay=[0.375, 0.5], feedback=0.45, mul=0.5)

# Drums: a kick on every beat, hats in between.
kick_clock = Metro(time=0.75).play(delay=2)
kick_env = TrigEnv(kick_clock, table=ExpTable([(0, 1), (8191, 0)], exp=6), dur=0.3)
kick = Sine(freq=kick_env * 110 + 42, mul=kick_env * 0.5)
hat_clock = Metro(time=0.1875).play(delay=3)
hat_env = TrigEnv(hat_clock, table=ExpTable([(0, 1), (8191, 0)], exp=10), dur=0.04, mul=0.12)
hat = Atone(Noise(), freq=8000, mul=hat_env)

# The hall, and the mix.
dry = Mix([pad, bell, echo, kick, hat], voices=2)
hall = Freeverb(dry, size=0.85, damp=0.5, bal=0.3).out()
s.start()
