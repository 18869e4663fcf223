# Reference case global_dur_del of the oracle (../shared/oracle/render.py) as a script: s.setGlobalDel(0.25) and s.setGlobalDur(0.5) override the out() calls made while they are set.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render global_dur_del.py -o global_dur_del.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1.5, filename="global_dur_del.wav", fileformat=0, sampletype=3)
s.setGlobalDel(0.25)
s.setGlobalDur(0.5)
a = Sine(440, mul=0.5).out()
b = Sine(660, mul=0.5).out(1)
s.setGlobalDel(0)
s.setGlobalDur(0)
s.start()
