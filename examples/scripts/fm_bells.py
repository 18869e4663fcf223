# FM bells: four strikes of inharmonic FM, each with its own decay, panned across the field.
# Runs unchanged in pyo (python3 fm_bells.py) and in rpyo (rpyo render fm_bells.py -o fm_bells.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="fm_bells.wav", fileformat=0, sampletype=3)
ratios = [1.4, 2.76, 3.5, 1.21]
freqs = [220, 330, 495, 587.33]
env = ExpTable([(0, 0), (50, 1), (8191, 0)], exp=4)
clocks = [Metro(time=0.5 + 0.1 * i).play(delay=0.2 * i) for i in range(4)]
amps = [TrigEnv(clocks[i], table=env, dur=1.2, mul=0.15) for i in range(4)]
bells = [FM(carrier=freqs[i], ratio=ratios[i], index=amps[i] * 30, mul=amps[i]) for i in range(4)]
panned = [SPan(bells[i], outs=2, pan=i / 3.0) for i in range(4)]
mix = Mix(panned, voices=2).out()
s.start()
