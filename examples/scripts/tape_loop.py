# A tape loop: a short phrase is recorded into a table, then played back at three speeds at once.
# Runs unchanged in pyo (python3 tape_loop.py) and in rpyo (rpyo render tape_loop.py -o tape_loop.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="tape_loop.wav", fileformat=0, sampletype=3)
tape = NewTable(length=0.5)
phrase_env = Linseg([(0, 0), (0.02, 0.8), (0.2, 0.3), (0.5, 0)]).play()
phrase = Sine(freq=Linseg([(0, 440), (0.25, 660), (0.5, 550)]).play(), mul=phrase_env)
rec = TableRec(phrase, table=tape).play()
speeds = [2.0, 1.0, 0.5]
players = [TableRead(tape, freq=sp, loop=1, mul=0.25).play(delay=0.5) for sp in speeds]
mix = Mix(players, voices=2).out()
s.start()
