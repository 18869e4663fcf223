# Reference case fader_replay of the oracle (../shared/oracle/render.py) as a script: A note faded in, out from 0.4 s, and in again at 0.7 s.
# The oracle's stop() at 0.4 s and play() at 0.7 s: a first Fader with dur=0.5
# (fade-out from 0.4 s) and a second one played with delay=0.7.
# Runs unchanged in pyo (tests/scripts/render_refs.py) and in rpyo (rpyo render fader_replay.py -o fader_replay.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=1.5, filename="fader_replay.wav", fileformat=0, sampletype=3)
first = Fader(fadein=0.1, fadeout=0.1, dur=0.5, mul=0.5).play()
again = Fader(fadein=0.1, fadeout=0.1, mul=0.5).play(delay=0.7)
a = Sine(440, mul=first + again).out()
s.start()
