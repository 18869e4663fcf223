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
