# Reference case out_inc of the oracle (../shared/oracle/render.py) as a script: Three streams out from channel 1 with inc=1: channels 1, 0, 1.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render out_inc.py -o out_inc.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="out_inc.wav", fileformat=0, sampletype=3)
a = Sine([220, 330, 440], mul=0.2).out(chnl=1, inc=1)
s.start()
