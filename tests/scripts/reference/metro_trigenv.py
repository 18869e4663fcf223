# Reference case metro_trigenv of the oracle (../shared/oracle/render.py) as a script: L: Metro(0.125) -> TrigEnv(HannTable) on a Sine; R: Metro(0.2) -> TrigEnv(LinTable) raw.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render metro_trigenv.py -o metro_trigenv.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="metro_trigenv.wav", fileformat=0, sampletype=3)
m1 = Metro(0.125).play()
e1 = TrigEnv(m1, table=HannTable(), dur=0.1, mul=0.5)
a = Sine(660, mul=e1).out()
tab = LinTable([(0, 0), (100, 1), (8191, 0)])
m2 = Metro(0.2).play()
e2 = TrigEnv(m2, table=tab, dur=0.15, mul=0.5).out(1)
s.start()
