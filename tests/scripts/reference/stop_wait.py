# Reference case stop_wait of the oracle (../shared/oracle/render.py) as a script: Stops with a wait: L out(dur=0.5) after setStopDelay(0.3); R out(dur=0.5) after setStopDelay(0.2).
# The oracle's stop(wait=0.3) and stop() with setStopDelay(0.2) at 0.5 s: the stop comes from dur=0.5.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render stop_wait.py -o stop_wait.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1.5, filename="stop_wait.wav", fileformat=0, sampletype=3)
a = Sine(440, mul=0.5)
a.setStopDelay(0.3)
a.out(dur=0.5)
b = Sine(660, mul=0.5)
b.setStopDelay(0.2)
b.out(1, dur=0.5)
s.start()
