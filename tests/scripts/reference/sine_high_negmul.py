# Reference case sine_high_negmul of the oracle (../shared/oracle/render.py) as a script: High frequencies, a negative mul and lists of add.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render sine_high_negmul.py -o sine_high_negmul.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="sine_high_negmul.wav", fileformat=0, sampletype=3)
a = Sine(freq=[11025, 19000.7], phase=[0.5, 0.75], mul=[0.2, -0.4], add=[0, -0.05]).out()
s.start()
