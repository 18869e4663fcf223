# Reference case rcosc of the oracle (../shared/oracle/render.py) as a script: RCOsc at two sharpnesses.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render rcosc.py -o rcosc.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1, filename="rcosc.wav", fileformat=0, sampletype=3)
a = RCOsc(freq=[100, 440], sharp=[0.25, 0.9], mul=0.3).out()
s.start()
