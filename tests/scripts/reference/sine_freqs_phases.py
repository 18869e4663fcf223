# Reference case sine_freqs_phases of the oracle (../shared/oracle/render.py) as a script: Two streams from lists: freq [220, 1000.5], phase [0, 0.25], with mul and add.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render sine_freqs_phases.py -o sine_freqs_phases.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="sine_freqs_phases.wav", fileformat=0, sampletype=3)
a = Sine(freq=[220, 1000.5], phase=[0, 0.25], mul=0.3, add=0.1).out()
s.start()
