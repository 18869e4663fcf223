# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
#
# Golden cases of the effects and triggers families (Disto, Compress, Chorus,
# Harmonizer; Metro, Counter, Change, TrigRand).  Rendered by
# render_golden.py; see its header for how.  Metro times are exact in f32
# (rpyo keeps constant parameters as f32, pyo keeps Metro's time as a double).
from render_golden import golden, at


@golden("disto_basic", dur=0.5)
def disto_basic(s, pyo, events):
    """a = Sine(440, mul=0.8); Disto(a, mul=0.5).out(); Disto(a, drive=0.3, slope=0.9).out(1)."""
    a = pyo.Sine(440, mul=0.8)
    d1 = pyo.Disto(a, mul=0.5).out()
    d2 = pyo.Disto(a, drive=0.3, slope=0.9).out(1)
    return [a, d1, d2]


@golden("disto_audio_list", dur=1.0)
def disto_audio_list(s, pyo, events):
    """src = Sine([220, 330]); lfo = Sine([3, 5], mul=0.5, add=0.5);
    d = Disto(src, drive=lfo, slope=0.8, mul=0.4).out(); at 0.5 s: d.setSlope(0.2), d.setDrive(0.95)."""
    src = pyo.Sine([220, 330])
    lfo = pyo.Sine([3, 5], mul=0.5, add=0.5)
    d = pyo.Disto(src, drive=lfo, slope=0.8, mul=0.4).out()

    def change():
        d.setSlope(0.2)
        d.setDrive(0.95)
    at(events, 0.5, change)
    return [src, lfo, d]


@golden("metro_basic", dur=0.5)
def metro_basic(s, pyo, events):
    """m1 = Metro(0.01171875).play(); Sig(m1, mul=0.5).out();
    t = Sine(7, mul=0.004, add=0.01); m2 = Metro(t).play(); Sig(m2, mul=0.7).out(1);
    at 0.25 s: m1.setTime(0.0029296875)."""
    m1 = pyo.Metro(0.01171875).play()
    a = pyo.Sig(m1, mul=0.5).out()
    t = pyo.Sine(7, mul=0.004, add=0.01)
    m2 = pyo.Metro(t).play()
    b = pyo.Sig(m2, mul=0.7).out(1)
    at(events, 0.25, lambda: m1.setTime(0.0029296875))
    return [m1, a, t, m2, b]


@golden("metro_list_stop", dur=0.5)
def metro_list_stop(s, pyo, events):
    """m = Metro([0.0078125, 0.005859375]) played at 0.1 s, stopped at 0.25 s, played at 0.35 s;
    Sig(m, mul=0.6).out()."""
    m = pyo.Metro([0.0078125, 0.005859375])
    a = pyo.Sig(m, mul=0.6).out()
    at(events, 0.1, lambda: m.play())
    at(events, 0.25, lambda: m.stop())
    at(events, 0.35, lambda: m.play())
    return [m, a]


@golden("metro_poly", dur=0.5)
def metro_poly(s, pyo, events):
    """m = Metro(0.0078125, poly=3).play(); Sig(m, mul=[0.2, 0.5, 0.8]).out()
    (stream 0 x0.2 and stream 2 x0.8 on the left, stream 1 x0.5 on the right)."""
    m = pyo.Metro(0.0078125, poly=3).play()
    a = pyo.Sig(m, mul=[0.2, 0.5, 0.8]).out()
    return [m, a]


@golden("counter_basic", dur=0.5)
def counter_basic(s, pyo, events):
    """m = Metro(0.00390625).play(); c1 = Counter(m, mul=0.01); Sig(c1).out();
    c2 = Counter(m, min=3, max=8, dir=2, mul=0.1); Sig(c2).out(1)."""
    m = pyo.Metro(0.00390625).play()
    c1 = pyo.Counter(m, mul=0.01)
    a = pyo.Sig(c1).out()
    c2 = pyo.Counter(m, min=3, max=8, dir=2, mul=0.1)
    b = pyo.Sig(c2).out(1)
    return [m, c1, a, c2, b]


@golden("counter_list_change", dur=1.0)
def counter_list_change(s, pyo, events):
    """m = Metro([0.0078125, 0.005859375]).play(); c = Counter(m, min=2, max=9, dir=1, mul=0.1);
    Sig(c).out(); at 0.5 s: c.setDir(2), c.setMax(6), c.setMin(-1)."""
    m = pyo.Metro([0.0078125, 0.005859375]).play()
    c = pyo.Counter(m, min=2, max=9, dir=1, mul=0.1)
    a = pyo.Sig(c).out()

    def change():
        c.setDir(2)
        c.setMax(6)
        c.setMin(-1)
    at(events, 0.5, change)
    return [m, c, a]


@golden("change_basic", dur=0.5)
def change_basic(s, pyo, events):
    """m = Metro([0.0078125, 0.01171875]).play(); c = Counter(m, max=3);
    ch = Change(c, mul=0.5); Sig(ch).out();
    v = Sig(0); ch2 = Change(v); Sig(ch2, mul=0.3).out(1) (no trigger at the start: 0 = the initial last);
    at 0.1 s v.setValue(1); at 0.2 s v.setValue(1); at 0.3 s v.setValue(2.5)."""
    m = pyo.Metro([0.0078125, 0.01171875]).play()
    c = pyo.Counter(m, max=3)
    ch = pyo.Change(c, mul=0.5)
    a = pyo.Sig(ch).out()
    v = pyo.Sig(0)
    ch2 = pyo.Change(v)
    b = pyo.Sig(ch2, mul=0.3).out(1)
    at(events, 0.1, lambda: v.setValue(1))
    at(events, 0.2, lambda: v.setValue(1))
    at(events, 0.3, lambda: v.setValue(2.5))
    return [m, c, ch, a, v, ch2, b]


@golden("trigrand_basic", dur=0.5, seed=1234)
def trigrand_basic(s, pyo, events):
    """s.setGlobalSeed(1234); m = Metro(0.0078125).play(); t1 = TrigRand(m, mul=0.5).out();
    t2 = TrigRand(m, min=-0.5, max=0.8, port=0.003, init=0.2).out(1)."""
    m = pyo.Metro(0.0078125).play()
    t1 = pyo.TrigRand(m, mul=0.5).out()
    t2 = pyo.TrigRand(m, min=-0.5, max=0.8, port=0.003, init=0.2).out(1)
    return [m, t1, t2]


@golden("trigrand_audio_list", dur=1.0, seed=77)
def trigrand_audio_list(s, pyo, events):
    """s.setGlobalSeed(77); m = Metro([0.0078125, 0.01171875]).play(); lo = Sine(2, mul=0.3);
    t = TrigRand(m, min=lo, max=[0.5, 0.9], port=0.01).out(); at 0.5 s: t.setMax(0.2), t.setPort(0.002)."""
    m = pyo.Metro([0.0078125, 0.01171875]).play()
    lo = pyo.Sine(2, mul=0.3)
    t = pyo.TrigRand(m, min=lo, max=[0.5, 0.9], port=0.01).out()

    def change():
        t.setMax(0.2)
        t.setPort(0.002)
    at(events, 0.5, change)
    return [m, lo, t]


@golden("compress_basic", dur=0.5)
def compress_basic(s, pyo, events):
    """env = Sine(3, mul=0.5, add=0.5); x = Sine(220, mul=env); Compress(x).out();
    Compress(x, thresh=-12, ratio=3, risetime=0.003, falltime=0.05, lookahead=3.3, knee=0.5, outputAmp=True).out(1)."""
    env = pyo.Sine(3, mul=0.5, add=0.5)
    x = pyo.Sine(220, mul=env)
    a = pyo.Compress(x).out()
    b = pyo.Compress(x, thresh=-12, ratio=3, risetime=0.003, falltime=0.05, lookahead=3.3,
                     knee=0.5, outputAmp=True).out(1)
    return [env, x, a, b]


@golden("compress_audio_list", dur=1.0)
def compress_audio_list(s, pyo, events):
    """env = Sine(4, mul=0.5, add=0.5); x = Sine([220, 330], mul=env); th = Sine(1.5, mul=6, add=-15);
    c = Compress(x, thresh=th, ratio=[2, 5], lookahead=0, mul=0.8).out(); at 0.5 s: c.setRatio(8), c.setRiseTime(0.001)."""
    env = pyo.Sine(4, mul=0.5, add=0.5)
    x = pyo.Sine([220, 330], mul=env)
    th = pyo.Sine(1.5, mul=6, add=-15)
    c = pyo.Compress(x, thresh=th, ratio=[2, 5], lookahead=0, mul=0.8).out()

    def change():
        c.setRatio(8)
        c.setRiseTime(0.001)
    at(events, 0.5, change)
    return [env, x, th, c]


@golden("chorus_basic", dur=0.5)
def chorus_basic(s, pyo, events):
    """x = Sine(440, mul=0.5); Chorus(x).out(); Chorus(x, depth=3.3, feedback=0.7, bal=0.8).out(1)."""
    x = pyo.Sine(440, mul=0.5)
    a = pyo.Chorus(x).out()
    b = pyo.Chorus(x, depth=3.3, feedback=0.7, bal=0.8).out(1)
    return [x, a, b]


@golden("chorus_audio_list", dur=1.0)
def chorus_audio_list(s, pyo, events):
    """x = Sine([220, 330], mul=0.5); d = Sine(2, mul=2, add=2.5);
    c = Chorus(x, depth=d, feedback=[0.1, 0.5], bal=0.6).out(); at 0.5 s: c.setBal(0.9), c.setFeedback(0.3)."""
    x = pyo.Sine([220, 330], mul=0.5)
    d = pyo.Sine(2, mul=2, add=2.5)
    c = pyo.Chorus(x, depth=d, feedback=[0.1, 0.5], bal=0.6).out()

    def change():
        c.setBal(0.9)
        c.setFeedback(0.3)
    at(events, 0.5, change)
    return [x, d, c]
