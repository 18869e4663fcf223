# Reference case delay of the oracle (../shared/oracle/render.py) as a script: A sine burst into Delay(0.25 s, feedback 0.5) (L) and a modulated short Delay (R).
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render delay.py -o delay.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1.5, filename="delay.wav", fileformat=0, sampletype=3)
f = Fader(fadein=0.005, fadeout=0.02, dur=0.1).play()
src = Sine(440, mul=f)
d1 = Delay(src, delay=0.25, feedback=0.5, mul=0.8).out()
dt = Sine(0.5, mul=0.01, add=0.02)
d2 = Delay(src, delay=dt, feedback=0.3, maxdelay=0.1, mul=0.8).out(1)
s.start()
