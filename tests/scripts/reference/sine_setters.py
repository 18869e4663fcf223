# Reference case sine_setters of the oracle (../shared/oracle/render.py) as a script: L: 300 Hz jumping to 600 Hz and mul 0.5 to 0.2 at 0.5 s; R: 300 Hz whose phase jumps by half a cycle at 0.5 s.
# The oracle's setFreq/setMul/setPhase at 0.5 s are stepping Linsegs here.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render sine_setters.py -o sine_setters.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="sine_setters.wav", fileformat=0, sampletype=3)
freq = Linseg([(0, 300), (0.5, 300), (0.5, 600), (1, 600)]).play()
amp = Linseg([(0, 0.5), (0.5, 0.5), (0.5, 0.2), (1, 0.2)]).play()
phase = Linseg([(0, 0), (0.5, 0), (0.5, 0.5), (1, 0.5)]).play()
a = Sine(freq=freq, mul=amp).out()
b = Sine(300, phase=phase, mul=0.5).out(1)
s.start()
