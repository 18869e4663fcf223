# A clock and a counter: Counter steps through a scale on each Metro tick; Change marks each new step with a click.
# Runs unchanged in pyo (python3 clock_counter.py) and in rpyo (rpyo render clock_counter.py -o clock_counter.wav).
from pyo import *

s = Server(sr=44100, nchnls=2, buffersize=256, duplex=0, audio="offline").boot()
s.recordOptions(dur=2, filename="clock_counter.wav", fileformat=0, sampletype=3)
clock = Metro(time=0.15).play()
step = Counter(clock, min=0, max=8)
pitch = Scale(step, inmin=0, inmax=8, outmin=200, outmax=800, exp=1.5)
tone = Sine(freq=pitch, mul=0.2).out()
click = Change(step)
mark = TrigEnv(click, table=HannTable(), dur=0.01, mul=0.3)
tick = Sine(freq=2000, mul=mark).out(1)
s.start()
