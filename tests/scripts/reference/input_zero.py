# Reference case input_zero of the oracle (../shared/oracle/render.py) as a script: Input(chnl=[0, 1]) to the outputs (offline input is all zeros) plus a quiet Sine on the left.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render input_zero.py -o input_zero.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=1, audio="offline").boot()
s.recordOptions(dur=1, filename="input_zero.wav", fileformat=0, sampletype=3)
i = Input(chnl=[0, 1]).out()
a = Sine(440, mul=0.1).out()
s.start()
