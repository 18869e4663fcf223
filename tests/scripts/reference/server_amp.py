# Reference case server_amp of the oracle (../shared/oracle/render.py) as a script: s.setAmp(0.5) before start; the oracle's setAmp(0.25) at 0.5 s is a mul halving at 0.5 s here.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render server_amp.py -o server_amp.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="server_amp.wav", fileformat=0, sampletype=3)
s.setAmp(0.5)
half = Linseg([(0, 0.8), (0.5, 0.8), (0.5, 0.4), (1, 0.4)]).play()
a = Sine(440, mul=half).out()
b = Sine(660, mul=half).out(1)
s.start()
