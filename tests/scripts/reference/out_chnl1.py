# Reference case out_chnl1 of the oracle (../shared/oracle/render.py) as a script: out(chnl=1) and out(chnl=3), which wraps to channel 3 % 2 = 1.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render out_chnl1.py -o out_chnl1.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="out_chnl1.wav", fileformat=0, sampletype=3)
a = Sine(440, mul=0.5).out(chnl=1)
b = Sine(220, mul=0.3).out(chnl=3)
s.start()
