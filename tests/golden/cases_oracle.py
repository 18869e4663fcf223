# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
# The reference cases of the project's pyo oracle (../shared/oracle/render.py)
# not already among the family cases, patch for patch and under the same
# names, so that rpyo is checked on each of them (tests/golden_oracle.rs).
from render_golden import golden, at


@golden("sine_fm")
def sine_fm(s, pyo, events):
    """Sine(freq=Sine(5, mul=100, add=440), mul=0.5).out(); Sine(freq=Sine(110, mul=220, add=440), mul=0.5).out(1)."""
    m1 = pyo.Sine(5, mul=100, add=440)
    m2 = pyo.Sine(110, mul=220, add=440)
    a = pyo.Sine(freq=m1, mul=0.5).out()
    b = pyo.Sine(freq=m2, mul=0.5).out(1)
    return [m1, m2, a, b]


@golden("sine_phasemod")
def sine_phasemod(s, pyo, events):
    """Sine(220, phase=Sine(3, mul=0.5, add=0.5), mul=0.5).out(); Sine(220, mul=Sine(2), add=0.0).out(1)."""
    ph = pyo.Sine(3, mul=0.5, add=0.5)
    am = pyo.Sine(2)
    a = pyo.Sine(220, phase=ph, mul=0.5).out()
    b = pyo.Sine(220, mul=am, add=0.0).out(1)
    return [ph, am, a, b]


@golden("rcosc")
def rcosc(s, pyo, events):
    """RCOsc(freq=[100, 440], sharp=[0.25, 0.9], mul=0.3).out()."""
    return [pyo.RCOsc(freq=[100, 440], sharp=[0.25, 0.9], mul=0.3).out()]


@golden("freeverb", dur=2.0)
def freeverb(s, pyo, events):
    """f = Fader(0.005, 0.05, dur=0.2).play(); src = Sine(440, mul=f);
    Freeverb(src, size=0.8, damp=0.5, bal=1, mul=0.5).out(); Freeverb(src, size=0.3, damp=0.2, bal=0.5, mul=0.5).out(1)."""
    f = pyo.Fader(fadein=0.005, fadeout=0.05, dur=0.2).play()
    src = pyo.Sine(440, mul=f)
    r1 = pyo.Freeverb(src, size=0.8, damp=0.5, bal=1.0, mul=0.5).out()
    r2 = pyo.Freeverb(src, size=0.3, damp=0.2, bal=0.5, mul=0.5).out(1)
    return [f, src, r1, r2]


@golden("filters_sine")
def filters_sine(s, pyo, events):
    """sw = Linseg([(0, 100), (1.0, 8000)]).play(); src = Sine(freq=sw, mul=0.5); fm = Sine(1, mul=1500, add=2000);
    ButLP(src, freq=1000).out(); Biquad(src, freq=fm, q=2, type=0).out(1)."""
    sw = pyo.Linseg([(0, 100), (1.0, 8000)]).play()
    src = pyo.Sine(freq=sw, mul=0.5)
    fm = pyo.Sine(1, mul=1500, add=2000)
    a = pyo.ButLP(src, freq=1000).out()
    b = pyo.Biquad(src, freq=fm, q=2, type=0).out(1)
    return [sw, src, fm, a, b]


@golden("delay", dur=1.5)
def delay(s, pyo, events):
    """f = Fader(0.005, 0.02, dur=0.1).play(); src = Sine(440, mul=f); Delay(src, delay=0.25, feedback=0.5, mul=0.8).out();
    dt = Sine(0.5, mul=0.01, add=0.02); Delay(src, delay=dt, feedback=0.3, maxdelay=0.1, mul=0.8).out(1)."""
    f = pyo.Fader(fadein=0.005, fadeout=0.02, dur=0.1).play()
    src = pyo.Sine(440, mul=f)
    d1 = pyo.Delay(src, delay=0.25, feedback=0.5, mul=0.8).out()
    dt = pyo.Sine(0.5, mul=0.01, add=0.02)
    d2 = pyo.Delay(src, delay=dt, feedback=0.3, maxdelay=0.1, mul=0.8).out(1)
    return [f, src, d1, dt, d2]


@golden("pan")
def pan(s, pyo, events):
    """src = Sine(440, mul=0.5); p = Sine(0.5, mul=0.5, add=0.5); Pan(src, outs=2, pan=p, spread=0.3).out()."""
    src = pyo.Sine(440, mul=0.5)
    p = pyo.Sine(0.5, mul=0.5, add=0.5)
    pn = pyo.Pan(src, outs=2, pan=p, spread=0.3).out()
    return [src, p, pn]


@golden("span")
def span(s, pyo, events):
    """src = Sine(440, mul=0.5); p = Linseg([(0, 0), (1.0, 1)]).play(); SPan(src, outs=2, pan=p).out()."""
    src = pyo.Sine(440, mul=0.5)
    p = pyo.Linseg([(0, 0), (1.0, 1)]).play()
    sp = pyo.SPan(src, outs=2, pan=p).out()
    return [src, p, sp]


@golden("metro_trigenv")
def metro_trigenv(s, pyo, events):
    """m1 = Metro(0.125).play(); e1 = TrigEnv(m1, table=HannTable(), dur=0.1, mul=0.5); Sine(660, mul=e1).out();
    tab = LinTable([(0, 0), (100, 1), (8191, 0)]); m2 = Metro(0.2).play(); TrigEnv(m2, table=tab, dur=0.15, mul=0.5).out(1)."""
    m1 = pyo.Metro(0.125).play()
    e1 = pyo.TrigEnv(m1, table=pyo.HannTable(), dur=0.1, mul=0.5)
    a = pyo.Sine(660, mul=e1).out()
    tab = pyo.LinTable([(0, 0), (100, 1), (8191, 0)])
    m2 = pyo.Metro(0.2).play()
    e2 = pyo.TrigEnv(m2, table=tab, dur=0.15, mul=0.5).out(1)
    return [m1, e1, a, tab, m2, e2]


@golden("input_zero", duplex=1)
def input_zero(s, pyo, events):
    """duplex=1, input all zeros: Input(chnl=[0, 1]).out(); Sine(440, mul=0.1).out()."""
    i = pyo.Input(chnl=[0, 1]).out()
    a = pyo.Sine(440, mul=0.1).out()
    return [i, a]


@golden("stop_wait", dur=1.5)
def stop_wait(s, pyo, events):
    """a = Sine(440, mul=0.5).out(); b = Sine(660, mul=0.5).out(1); b.setStopDelay(0.2);
    block 86 (0.5 s): a.stop(wait=0.3), b.stop()."""
    a = pyo.Sine(440, mul=0.5).out()
    b = pyo.Sine(660, mul=0.5).out(1)
    b.setStopDelay(0.2)
    at(events, 0.5, lambda: a.stop(wait=0.3))
    at(events, 0.5, lambda: b.stop())
    return [a, b]


@golden("midi_trig")
def midi_trig(s, pyo, events):
    """n = Notein(poly=2, scale=1); tr = Mix(n['trigon'], voices=1); e = TrigEnv(tr, table=HannTable(), dur=0.05, mul=0.5);
    Sine(880, mul=e).out(); Sig(n['pitch'], mul=1/1000).mix(1).out(1); note on 60 at 0.1 s, off at 0.2 s, on 67 at 0.5 s."""
    n = pyo.Notein(poly=2, scale=1)
    tr = pyo.Mix(n['trigon'], voices=1)
    e = pyo.TrigEnv(tr, table=pyo.HannTable(), dur=0.05, mul=0.5)
    a = pyo.Sine(880, mul=e).out()
    b = pyo.Sig(n['pitch'], mul=1.0 / 1000).mix(1).out(1)
    at(events, 0.1, lambda: s.addMidiEvent(144, 60, 100))
    at(events, 0.2, lambda: s.addMidiEvent(128, 60, 0))
    at(events, 0.5, lambda: s.addMidiEvent(144, 67, 100))
    return [n, tr, e, a, b]
