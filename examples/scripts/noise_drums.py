# Noise drums: a kick (a sine whose pitch falls), a snare of band-passed noise and a hat of high-passed noise, from three Metros.
# Runs unchanged in pyo (python3 noise_drums.py) and in rpyo (rpyo render noise_drums.py -o noise_drums.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="noise_drums.wav", fileformat=0, sampletype=3)
s.setGlobalSeed(99)
kick_clock = Metro(time=0.5).play()
kick_env = TrigEnv(kick_clock, table=ExpTable([(0, 1), (8191, 0)], exp=6), dur=0.35)
kick = Sine(freq=kick_env * 120 + 45, mul=kick_env * 0.6)
snare_clock = Metro(time=1).play(delay=0.5)
snare_env = TrigEnv(snare_clock, table=ExpTable([(0, 1), (8191, 0)], exp=8), dur=0.2, mul=0.5)
snare = Biquad(Noise(), freq=1800, q=1.5, type=2, mul=snare_env)
hat_clock = Metro(time=0.125).play()
hat_env = TrigEnv(hat_clock, table=ExpTable([(0, 1), (8191, 0)], exp=10), dur=0.05, mul=0.2)
hat = Atone(Noise(), freq=7000, mul=hat_env)
left = Mix([kick, snare], voices=1).out()
right = Mix([kick, hat], voices=1).out(1)
s.start()
