# Delays and filters in motion: a plucked sine burst through a resonant MoogLP whose cutoff wanders, into a modulated feedback delay.
# Runs unchanged in pyo (python3 delays_in_motion.py) and in rpyo (rpyo render delays_in_motion.py -o delays_in_motion.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="delays_in_motion.wav", fileformat=0, sampletype=3)
clock = Metro(time=0.25).play()
pluck = TrigEnv(clock, table=HannTable(), dur=0.08, mul=0.5)
src = RCOsc(freq=[110, 165], sharp=0.8, mul=pluck)
cutoff = Sine(freq=0.5, mul=1500, add=2000)
filt = MoogLP(src, freq=cutoff, res=0.6)
wobble = Sine(freq=0.3, mul=0.005, add=0.18)
echo = Delay(filt, delay=wobble, feedback=0.55, maxdelay=0.5, mul=0.7)
dry = filt.out()
wet = echo.out(1)
s.start()
