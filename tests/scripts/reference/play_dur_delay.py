# Reference case play_dur_delay of the oracle (../shared/oracle/render.py) as a script: L: out(dur=0.5, delay=0.25); R: a Fader played with dur=0.5, delay=0.25.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render play_dur_delay.py -o play_dur_delay.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1.5, filename="play_dur_delay.wav", fileformat=0, sampletype=3)
a = Sine(440, mul=0.5).out(dur=0.5, delay=0.25)
f = Fader(fadein=0.05, fadeout=0.05, mul=0.5).play(dur=0.5, delay=0.25)
b = Sine(660, mul=f).out(1)
s.start()
