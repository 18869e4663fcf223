# Reference case stop_wait of the oracle (../shared/oracle/render.py) as a script: L stop(wait=0.8), R setStopDelay(0.7) then stop(), both called before s.start().
# The oracle's stop(wait=0.3) and stop() after setStopDelay(0.2), called at 0.5 s, are called at 0 s here
# with 0.5 s more wait: the objects stop at 0.8 s and 0.7 s of the render.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render stop_wait.py -o stop_wait.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1.5, filename="stop_wait.wav", fileformat=0, sampletype=3)
a = Sine(440, mul=0.5).out()
b = Sine(660, mul=0.5).out(1)
b.setStopDelay(0.7)
a.stop(wait=0.8)
b.stop()
s.start()
