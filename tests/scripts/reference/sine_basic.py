# Reference case sine_basic of the oracle (../shared/oracle/render.py) as a script: Sine(440, mul=0.5) on the left channel only.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render sine_basic.py -o sine_basic.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="sine_basic.wav", fileformat=0, sampletype=3)
a = Sine(440, mul=0.5).out()
s.start()
