# A supersaw pad: three SuperSaw voices of a minor chord, chorused and darkened.
# Runs unchanged in pyo (python3 supersaw_pad.py) and in rpyo (rpyo render supersaw_pad.py -o supersaw_pad.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="supersaw_pad.wav", fileformat=0, sampletype=3)
chord = [midiToHz(n) for n in [50, 53, 57]]
saws = SuperSaw(freq=chord, detune=0.6, bal=0.8, mul=0.4)
swell = Fader(fadein=0.6, fadeout=0.5, dur=2).play()
pad = ButLP(saws.mix(2), freq=1800, mul=swell)
wide = Chorus(pad, depth=1.5, feedback=0.3, bal=0.6).out()
s.start()
