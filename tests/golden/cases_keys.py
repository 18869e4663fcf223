# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
#
# Golden cases of pyo's object keys (obj['trig'], TableRec's obj['time']) and
# of the methods beyond the setters (reset(), Counter.reset(value), ...).
# tests/golden_keys.rs renders the same patches with rpyo.
from render_golden import golden, at


@golden("keys_tableread", dur=0.5)
def keys_tableread(s, pyo, events):
    """t = HarmTable(); a = TableRead(t, freq=7.3, loop=True, mul=0.5).play();
    b = TableRead(t, freq=4.1, loop=False).play();
    c = TableRead(t, freq=Sine(2, mul=2, add=9), loop=True).play();
    Sig(a['trig']).out(0); Sig(b['trig']).out(1); (c['trig'] * 0.5).out(1)."""
    t = pyo.HarmTable()
    a = pyo.TableRead(t, freq=7.3, loop=True, mul=0.5).play()
    b = pyo.TableRead(t, freq=4.1, loop=False).play()
    lfo = pyo.Sine(2, mul=2, add=9)
    c = pyo.TableRead(t, freq=lfo, loop=True).play()
    ka = pyo.Sig(a['trig']).out(0)
    kb = pyo.Sig(b['trig']).out(1)
    kc = (c['trig'] * 0.5).out(1)
    return [t, a, b, lfo, c, ka, kb, kc]


@golden("keys_trigenv", dur=0.5)
def keys_trigenv(s, pyo, events):
    """m = Metro(0.05).play(); te = TrigEnv(m, HannTable(), dur=0.03, mul=0.5);
    te2 = TrigEnv(m, HannTable(), dur=0.07) (retriggered before its end: no trigger);
    Sig(te['trig']).out(0); Sig(Counter(te['trig'], min=0, max=100, mul=0.01)).out(1); Sig(te2['trig']).out(1)."""
    m = pyo.Metro(0.05).play()
    h = pyo.HannTable()
    te = pyo.TrigEnv(m, h, dur=0.03, mul=0.5)
    te2 = pyo.TrigEnv(m, h, dur=0.07)
    k = pyo.Sig(te['trig']).out(0)
    c = pyo.Counter(te['trig'], min=0, max=100, mul=0.01)
    sc = pyo.Sig(c).out(1)
    k2 = pyo.Sig(te2['trig']).out(1)
    return [m, h, te, te2, k, c, sc, k2]


@golden("keys_envelopes", dur=0.5)
def keys_envelopes(s, pyo, events):
    """f1 = Fader(0.01, 0.02, dur=0.1, mul=0.5).play(); f2 = Fader(0.01, 0.03).play();
    a1 = Adsr(0.01, 0.02, 0.5, 0.03, dur=0.15).play(); a2 = Adsr(0.01, 0.02, 0.5, 0.04).play();
    Sig(f1['trig']).out(0); Sig(a1['trig']).out(0); (f2['trig'] * 0.5).out(1); (a2['trig'] * 0.25).out(1);
    f2.stop() at 0.2 s; a2.stop() at 0.3 s; f1.play() at 0.3 s."""
    f1 = pyo.Fader(0.01, 0.02, dur=0.1, mul=0.5).play()
    f2 = pyo.Fader(0.01, 0.03).play()
    a1 = pyo.Adsr(0.01, 0.02, 0.5, 0.03, dur=0.15).play()
    a2 = pyo.Adsr(0.01, 0.02, 0.5, 0.04).play()
    k = [pyo.Sig(f1['trig']).out(0), pyo.Sig(a1['trig']).out(0), (f2['trig'] * 0.5).out(1), (a2['trig'] * 0.25).out(1)]
    at(events, 0.2, lambda: f2.stop())
    at(events, 0.3, lambda: a2.stop())
    at(events, 0.3, lambda: f1.play())
    return [f1, f2, a1, a2] + k


@golden("keys_tablerec", dur=0.5)
def keys_tablerec(s, pyo, events):
    """t = NewTable(0.1); src = Sine(440); r = TableRec(src, t, fadetime=0.01).play();
    Sig(r['trig']).out(0); (r['time'] * 0.0001).out(1); r.play() again at 0.25 s."""
    t = pyo.NewTable(0.1)
    src = pyo.Sine(440)
    r = pyo.TableRec(src, t, fadetime=0.01).play()
    k1 = pyo.Sig(r['trig']).out(0)
    k2 = (r['time'] * 0.0001).out(1)
    at(events, 0.25, lambda: r.play())
    return [t, src, r, k1, k2]


# ------------------------------------------------------------ methods ----
# Methods are called from the process callback at the start of their block,
# as every timed event of the harness (at(...)).

@golden("reset_sine_phasor", dur=0.5)
def reset_sine_phasor(s, pyo, events):
    """a = Sine(300.3, phase=0.2, mul=0.3).out(); b = Phasor(170.7, phase=0.1, mul=0.3).out(1);
    a.reset() and b.reset() at 0.25 s."""
    a = pyo.Sine(300.3, phase=0.2, mul=0.3).out()
    b = pyo.Phasor(170.7, phase=0.1, mul=0.3).out(1)
    at(events, 0.25, lambda: a.reset())
    at(events, 0.25, lambda: b.reset())
    return [a, b]


@golden("reset_osc_fastsine", dur=0.5)
def reset_osc_fastsine(s, pyo, events):
    """t = HarmTable([1, 0.5, 0.3]); a = Osc(t, 211.1, phase=0.3, mul=0.3).out();
    b = FastSine(123.4, initphase=0.4, mul=0.3).out(1); a.reset() and b.reset() at 0.25 s."""
    t = pyo.HarmTable([1, 0.5, 0.3])
    a = pyo.Osc(t, 211.1, phase=0.3, mul=0.3).out()
    b = pyo.FastSine(123.4, initphase=0.4, mul=0.3).out(1)
    at(events, 0.25, lambda: a.reset())
    at(events, 0.25, lambda: b.reset())
    return [t, a, b]


@golden("reset_rcosc_lfo", dur=0.5)
def reset_rcosc_lfo(s, pyo, events):
    """a = RCOsc(97.1, sharp=0.3, mul=0.3).out(); b = LFO(55.5, sharp=0.7, type=3, mul=0.3).out(1)
    (type 3: triangle); c = LFO(41.3, type=1, mul=0.2).out(1) (saw down);
    a.reset(), b.reset(), c.reset() at 0.25 s."""
    a = pyo.RCOsc(97.1, sharp=0.3, mul=0.3).out()
    b = pyo.LFO(55.5, sharp=0.7, type=3, mul=0.3).out(1)
    c = pyo.LFO(41.3, type=1, mul=0.2).out(1)
    at(events, 0.25, lambda: a.reset())
    at(events, 0.25, lambda: b.reset())
    at(events, 0.25, lambda: c.reset())
    return [a, b, c]


@golden("reset_tableread", dur=0.5)
def reset_tableread(s, pyo, events):
    """t = HarmTable(); a = TableRead(t, freq=3.3, loop=True, mul=0.5).play(); a.out();
    b = TableRead(t, freq=5.1).play(); Sig(b['trig']).out(1); a.reset() at 0.25 s, b.reset() at 0.1 s."""
    t = pyo.HarmTable()
    a = pyo.TableRead(t, freq=3.3, loop=True, mul=0.5).out()
    b = pyo.TableRead(t, freq=5.1).out(1)
    k = pyo.Sig(b['trig']).out(1)
    at(events, 0.25, lambda: a.reset())
    at(events, 0.1, lambda: b.reset())
    return [t, a, b, k]


@golden("reset_delays", dur=0.5)
def reset_delays(s, pyo, events):
    """src = Sine(500, mul=Fader(0.01, 0.01, dur=0.1).play()); a = Delay(src, delay=0.07, feedback=0.6).out();
    b = SDelay(src, delay=0.13).out(1); a.reset() at 0.2 s; b.reset() at 0.15 s."""
    f = pyo.Fader(0.01, 0.01, dur=0.1).play()
    src = pyo.Sine(500, mul=f)
    a = pyo.Delay(src, delay=0.07, feedback=0.6).out()
    b = pyo.SDelay(src, delay=0.13).out(1)
    at(events, 0.2, lambda: a.reset())
    at(events, 0.15, lambda: b.reset())
    return [f, src, a, b]


@golden("reset_chorus", dur=0.5)
def reset_chorus(s, pyo, events):
    """src = Sine(300, mul=Fader(0.01, 0.01, dur=0.15).play()); a = Chorus(src, depth=2, feedback=0.5).out();
    b = Chorus(src, depth=1, feedback=0.2, bal=1).out(1); a.reset() at 0.12 s; b.reset() at 0.2 s
    (Harmonizer's reset: cases_harm.py, pyo64)."""
    f = pyo.Fader(0.01, 0.01, dur=0.15).play()
    src = pyo.Sine(300, mul=f)
    a = pyo.Chorus(src, depth=2, feedback=0.5).out()
    b = pyo.Chorus(src, depth=1, feedback=0.2, bal=1).out(1)
    at(events, 0.12, lambda: a.reset())
    at(events, 0.2, lambda: b.reset())
    return [f, src, a, b]


@golden("reset_reverbs", dur=0.5)
def reset_reverbs(s, pyo, events):
    """src = Sine(400, mul=Fader(0.01, 0.01, dur=0.1).play()); a = Freeverb(src, size=0.8, bal=1).out();
    b = Freeverb(src, size=0.5, damp=0.2, bal=0.6).out(1); a.reset() at 0.2 s; b.reset() at 0.3 s."""
    f = pyo.Fader(0.01, 0.01, dur=0.1).play()
    src = pyo.Sine(400, mul=f)
    a = pyo.Freeverb(src, size=0.8, bal=1).out()
    b = pyo.Freeverb(src, size=0.5, damp=0.2, bal=0.6).out(1)
    at(events, 0.2, lambda: a.reset())
    at(events, 0.3, lambda: b.reset())
    return [f, src, a, b]


@golden("reset_wgverb", dur=0.5)
def reset_wgverb(s, pyo, events):
    """src = Sine(400, mul=Fader(0.01, 0.01, dur=0.1).play()); a = WGVerb(src, feedback=0.8, bal=1).out();
    b = WGVerb(src, feedback=0.7, cutoff=3000, bal=0.5).out(1); a.reset() at 0.2 s; b.reset() at 0.3 s
    (not with a Freeverb made before them: pyo's random draws then differ from rpyo's)."""
    f = pyo.Fader(0.01, 0.01, dur=0.1).play()
    src = pyo.Sine(400, mul=f)
    a = pyo.WGVerb(src, feedback=0.8, bal=1).out()
    b = pyo.WGVerb(src, feedback=0.7, cutoff=3000, bal=0.5).out(1)
    at(events, 0.2, lambda: a.reset())
    at(events, 0.3, lambda: b.reset())
    return [f, src, a, b]


@golden("reset_counter", dur=0.5)
def reset_counter(s, pyo, events):
    """m = Metro(0.02).play(); a = Counter(m, min=2, max=100, mul=0.01); b = Counter(m, min=0, max=40, dir=1, mul=0.01);
    Sig(a).out(); Sig(b).out(1); a.reset() at 0.2 s; b.reset(7) at 0.3 s; a.reset(50) at 0.4 s."""
    m = pyo.Metro(0.02).play()
    a = pyo.Counter(m, min=2, max=100, mul=0.01)
    b = pyo.Counter(m, min=0, max=40, dir=1, mul=0.01)
    sa = pyo.Sig(a).out()
    sb = pyo.Sig(b).out(1)
    at(events, 0.2, lambda: a.reset())
    at(events, 0.3, lambda: b.reset(7))
    at(events, 0.4, lambda: a.reset(50))
    return [m, a, b, sa, sb]


@golden("linseg_init_first", dur=0.5)
def linseg_init_first(s, pyo, events):
    """l = Linseg([(0, 0.5), (0.1, 1), (0.2, 0.2)], initToFirstVal=True, mul=2, add=0.1); Sig(l).out();
    e = Expseg([(0, 0.3), (0.1, 1)], initToFirstVal=True); Sig(e).out(1); l.play() at 0.1 s; e.play() at 0.2 s
    (before play the buffer holds the first value, without mul and add)."""
    l = pyo.Linseg([(0, 0.5), (0.1, 1), (0.2, 0.2)], initToFirstVal=True, mul=2, add=0.1)
    e = pyo.Expseg([(0, 0.3), (0.1, 1)], initToFirstVal=True)
    sl = pyo.Sig(l).out()
    se = pyo.Sig(e).out(1)
    at(events, 0.1, lambda: l.play())
    at(events, 0.2, lambda: e.play())
    return [l, e, sl, se]


@golden("linseg_pause_clear", dur=0.5)
def linseg_pause_clear(s, pyo, events):
    """l = Linseg([(0, 0), (0.2, 1), (0.3, 0.5)], mul=0.5).play(); Sig(l).out();
    e = Expseg([(0, 0), (0.2, 1)]).play(); Sig(e).out(1);
    l.pause() at 0.05 s and 0.1 s (holds, then goes on), l.clear() at 0.15 s and 0.4 s (the value goes to 0);
    e.pause() at 0.05 s and 0.12 s, e.clear() at 0.3 s (after its end)."""
    l = pyo.Linseg([(0, 0), (0.2, 1), (0.3, 0.5)], mul=0.5).play()
    e = pyo.Expseg([(0, 0), (0.2, 1)]).play()
    sl = pyo.Sig(l).out()
    se = pyo.Sig(e).out(1)
    at(events, 0.05, lambda: l.pause())
    at(events, 0.1, lambda: l.pause())
    at(events, 0.15, lambda: l.clear())
    at(events, 0.4, lambda: l.clear())
    at(events, 0.05, lambda: e.pause())
    at(events, 0.12, lambda: e.pause())
    at(events, 0.3, lambda: e.clear())
    return [l, e, sl, se]


@golden("tableread_keeplast", dur=0.5)
def tableread_keeplast(s, pyo, events):
    """t = HarmTable([1, 0.3]); a = TableRead(t, freq=7.7).play(); Sig(a).out() (read after its end: 0);
    b = TableRead(t, freq=6.1).play(); b.setKeepLast(1); Sig(b).out(1) (holds its last value after the end);
    c = TableRead(t, freq=2.3, mul=0.5).play(); c.setKeepLast(True); Sig(c).out(1); c.stop() at 0.3 s (holds)."""
    t = pyo.HarmTable([1, 0.3])
    a = pyo.TableRead(t, freq=7.7).play()
    b = pyo.TableRead(t, freq=6.1).play()
    b.setKeepLast(1)
    c = pyo.TableRead(t, freq=2.3, mul=0.5).play()
    c.setKeepLast(True)
    sa = pyo.Sig(a).out()
    sb = pyo.Sig(b).out(1)
    sc = pyo.Sig(c).out(1)
    at(events, 0.3, lambda: c.stop())
    return [t, a, b, c, sa, sb, sc]


@golden("reset_strev", dur=0.5)
def reset_strev(s, pyo, events):
    """src = Sine(400, mul=Fader(0.01, 0.01, dur=0.1).play()); a = STRev(src, bal=1).out() (left, right);
    a.reset() at 0.2 s."""
    f = pyo.Fader(0.01, 0.01, dur=0.1).play()
    src = pyo.Sine(400, mul=f)
    a = pyo.STRev(src, bal=1).out()
    at(events, 0.2, lambda: a.reset())
    return [f, src, a]


@golden("selector_mode", dur=0.5)
def selector_mode(s, pyo, events):
    """a = Sine(200, mul=0.4); b = Sine(310, mul=0.4); v = Sine(2, mul=0.5, add=0.5);
    l = Selector([a, b], voice=v); l.setMode(1); l.out(); r = Selector([a, b], voice=0.3).out(1); r.setMode(1) at 0.25 s."""
    a = pyo.Sine(200, mul=0.4)
    b = pyo.Sine(310, mul=0.4)
    v = pyo.Sine(2, mul=0.5, add=0.5)
    l = pyo.Selector([a, b], voice=v)
    l.setMode(1)
    l.out()
    r = pyo.Selector([a, b], voice=0.3).out(1)
    at(events, 0.25, lambda: r.setMode(1))
    return [a, b, v, l, r]


@golden("fader_exp", dur=0.5)
def fader_exp(s, pyo, events):
    """f = Fader(0.1, 0.1, dur=0.3).play(); f.setExp(2.5); Sig(f).out(); g = Fader(0.05, 0.2).play(); Sig(g).out(1);
    g.setExp(0.5) at 0.1 s; g.stop() at 0.2 s."""
    f = pyo.Fader(0.1, 0.1, dur=0.3).play()
    f.setExp(2.5)
    g = pyo.Fader(0.05, 0.2).play()
    sf = pyo.Sig(f).out()
    sg = pyo.Sig(g).out(1)
    at(events, 0.1, lambda: g.setExp(0.5))
    at(events, 0.2, lambda: g.stop())
    return [f, g, sf, sg]


@golden("reset_counter_dirs", dur=0.5)
def reset_counter_dirs(s, pyo, events):
    """m = Metro(0.02).play(); a = Counter(m, min=3, max=12, dir=1, mul=0.01); b = Counter(m, min=2, max=9, dir=2, mul=0.01);
    Sig(a).out(); Sig(b).out(1); a.reset() at 0.15 s; b.reset() at 0.2 s (going down); b.reset(4) at 0.33 s."""
    m = pyo.Metro(0.02).play()
    a = pyo.Counter(m, min=3, max=12, dir=1, mul=0.01)
    b = pyo.Counter(m, min=2, max=9, dir=2, mul=0.01)
    sa = pyo.Sig(a).out()
    sb = pyo.Sig(b).out(1)
    at(events, 0.15, lambda: a.reset())
    at(events, 0.2, lambda: b.reset())
    at(events, 0.33, lambda: b.reset(4))
    return [m, a, b, sa, sb]


@golden("keys_tablerec_stop", dur=0.4)
def keys_tablerec_stop(s, pyo, events):
    """t = NewTable(0.1); src = Sine(440); r = TableRec(src, t).play(); (r['time'] * 0.0001).out();
    Sig(r['trig']).out(1); r.stop() at 0.05 s (time holds its last value); r.play() at 0.2 s."""
    t = pyo.NewTable(0.1)
    src = pyo.Sine(440)
    r = pyo.TableRec(src, t).play()
    k1 = (r['time'] * 0.0001).out()
    k2 = pyo.Sig(r['trig']).out(1)
    at(events, 0.05, lambda: r.stop())
    at(events, 0.2, lambda: r.play())
    return [t, src, r, k1, k2]
