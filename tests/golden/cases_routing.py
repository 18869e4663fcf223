# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
# Golden cases of the routing family: Pan, SPan, Selector. Rendered by
# render_golden.py. Streams of multi-output objects are read one by one
# with obj[i].out(chnl) where out() would wrap them mod 2.
from render_golden import golden, at


@golden("pan_basic", dur=0.5)
def pan_basic(s, pyo, events):
    """src = Sine(440, mul=0.5); lfo = Sine(1.7, mul=0.6, add=0.5) (goes past 0 and 1);
    Pan(src, outs=2, pan=lfo, spread=0.3).out()."""
    src = pyo.Sine(440, mul=0.5)
    lfo = pyo.Sine(1.7, mul=0.6, add=0.5)
    p = pyo.Pan(src, outs=2, pan=lfo, spread=0.3).out()
    return [src, lfo, p]


@golden("pan_defaults", dur=0.5)
def pan_defaults(s, pyo, events):
    """p = Pan(Sine(440, mul=0.5)).out() (defaults: outs 2, pan 0.5, spread 0.5);
    at 0.25 s (block 43): p.setPan(0.2), p.setSpread(0.9) (no effect with 2 outs)."""
    src = pyo.Sine(440, mul=0.5)
    p = pyo.Pan(src).out()

    def change():
        p.setPan(0.2)
        p.setSpread(0.9)
    at(events, 0.25, change)
    return [src, p]


@golden("pan_lists", dur=0.5)
def pan_lists(s, pyo, events):
    """src = Sine([330, 550], mul=0.4); p = Pan(src, outs=2, pan=[0.2, 0.9], mul=[0.5, 1]).out():
    4 streams (input 0: outs 0, 1; input 1: outs 0, 1), mul per input stream, channels 0 1 0 1;
    at 0.25 s: p.setPan([0.7, 0.05])."""
    src = pyo.Sine([330, 550], mul=0.4)
    p = pyo.Pan(src, outs=2, pan=[0.2, 0.9], mul=[0.5, 1]).out()
    at(events, 0.25, lambda: p.setPan([0.7, 0.05]))
    return [src, p]


def _pan4(pyo):
    src = pyo.Sine(440, mul=0.5)
    lfo = pyo.Sine(1.3, phase=0.9, mul=0.6, add=0.5)
    sp = pyo.Sine(2.1, mul=0.6, add=0.5)
    p = pyo.Pan(src, outs=4, pan=lfo, spread=sp)
    return [src, lfo, sp, p], p


@golden("pan_outs4_a", dur=0.5)
def pan_outs4_a(s, pyo, events):
    """src = Sine(440, mul=0.5); p = Pan(src, outs=4, pan=Sine(1.3, phase=0.9, mul=0.6, add=0.5),
    spread=Sine(2.1, mul=0.6, add=0.5)); p[0].out() (left); p[2].out(1) (right).
    The pan starts at 0.147, where no output's gain is tiny: pyo keeps denormal
    samples and rpyo flushes them to zero, which would move the onset."""
    keep, p = _pan4(pyo)
    p[0].out()
    p[2].out(1)
    return keep


@golden("pan_outs4_b", dur=0.5)
def pan_outs4_b(s, pyo, events):
    """The patch of pan_outs4_a; p[1].out() (left); p[3].out(1) (right)."""
    keep, p = _pan4(pyo)
    p[1].out()
    p[3].out(1)
    return keep


@golden("pan_outs_const", dur=0.5)
def pan_outs_const(s, pyo, events):
    """src = Sine(440, mul=0.5); Pan(src, outs=4, pan=0.3, spread=0.2).out() (streams 0+2 left, 1+3 right);
    Pan(src, outs=3, pan=[0.1, 0.7], spread=0.8, mul=0.5).out() (6 streams: channels 0 1 0 1 0 1);
    Pan(src, outs=1, mul=0.25).out() (left)."""
    src = pyo.Sine(440, mul=0.5)
    a = pyo.Pan(src, outs=4, pan=0.3, spread=0.2).out()
    b = pyo.Pan(src, outs=3, pan=[0.1, 0.7], spread=0.8, mul=0.5).out()
    c = pyo.Pan(src, outs=1, mul=0.25).out()
    return [src, a, b, c]


@golden("span_basic", dur=0.5)
def span_basic(s, pyo, events):
    """src = Sine(440, mul=0.5); SPan(src, outs=2, pan=Sine(1.7, mul=0.6, add=0.5)).out()."""
    src = pyo.Sine(440, mul=0.5)
    lfo = pyo.Sine(1.7, mul=0.6, add=0.5)
    p = pyo.SPan(src, outs=2, pan=lfo).out()
    return [src, lfo, p]


@golden("span_lists", dur=0.5)
def span_lists(s, pyo, events):
    """src = Sine([330, 550], mul=0.4); p = SPan(src, pan=[0.25, 0.8]).out() (4 streams, channels 0 1 0 1);
    at 0.25 s: p.setPan(0.9), p.setMul(0.5)."""
    src = pyo.Sine([330, 550], mul=0.4)
    p = pyo.SPan(src, pan=[0.25, 0.8]).out()

    def change():
        p.setPan(0.9)
        p.setMul(0.5)
    at(events, 0.25, change)
    return [src, p]


def _span(pyo, outs):
    src = pyo.Sine(440, mul=0.5)
    lfo = pyo.Sine(1.9, mul=0.6, add=0.5)
    p = pyo.SPan(src, outs=outs, pan=lfo)
    return [src, lfo, p], p


@golden("span_outs4", dur=0.5)
def span_outs4(s, pyo, events):
    """src = Sine(440, mul=0.5); p = SPan(src, outs=4, pan=Sine(1.9, mul=0.6, add=0.5));
    p[0].out() (left); p[3].out(1) (right)."""
    keep, p = _span(pyo, 4)
    p[0].out()
    p[3].out(1)
    return keep


@golden("span_outs6", dur=0.5)
def span_outs6(s, pyo, events):
    """src = Sine(440, mul=0.5); p = SPan(src, outs=6, pan=Sine(1.9, mul=0.6, add=0.5));
    p[2].out() (left); p[5].out(1) (right)."""
    keep, p = _span(pyo, 6)
    p[2].out()
    p[5].out(1)
    return keep


@golden("span_outs_const", dur=0.5)
def span_outs_const(s, pyo, events):
    """src = Sine(440, mul=0.5); SPan(src, outs=3, pan=[0.5, 1.0]).out() (6 streams, channels 0 1 0 1 0 1);
    SPan(src, outs=6, pan=0.5, mul=0.5).out() (streams 2, 3 carry it: 2.44e-4 and 0.99999994)."""
    src = pyo.Sine(440, mul=0.5)
    a = pyo.SPan(src, outs=3, pan=[0.5, 1.0]).out()
    b = pyo.SPan(src, outs=6, pan=0.5, mul=0.5).out()
    return [src, a, b]


@golden("selector_audio", dur=0.5)
def selector_audio(s, pyo, events):
    """a, b, c = Sine(220, mul=0.5), Sine(330, mul=0.5), Sine(440, mul=0.5);
    Selector([a, b, c], voice=Sine(2.1, mul=1.4, add=1)).out() (left; voice goes past 0 and 2);
    r = Selector([a, b, c], voice=0.5, mul=0.5).out(1); at 0.25 s: r.setVoice(1.75)."""
    a, b, c = pyo.Sine(220, mul=0.5), pyo.Sine(330, mul=0.5), pyo.Sine(440, mul=0.5)
    v = pyo.Sine(2.1, mul=1.4, add=1)
    left = pyo.Selector([a, b, c], voice=v).out()
    r = pyo.Selector([a, b, c], voice=0.5, mul=0.5).out(1)
    at(events, 0.25, lambda: r.setVoice(1.75))
    return [a, b, c, v, left, r]


@golden("selector_lists", dur=0.5)
def selector_lists(s, pyo, events):
    """a, b = Sine(220, mul=0.5), Sine(330, mul=0.5); sel = Selector([a, b], voice=[0, 0.3, 1]).out()
    (3 streams: channels 0 1 0); at 0.25 s: sel.setInputs([b, a])."""
    a, b = pyo.Sine(220, mul=0.5), pyo.Sine(330, mul=0.5)
    sel = pyo.Selector([a, b], voice=[0, 0.3, 1]).out()
    at(events, 0.25, lambda: sel.setInputs([b, a]))
    return [a, b, sel]


@golden("selector_multi", dur=0.5)
def selector_multi(s, pyo, events):
    """a = Sine([220, 330], mul=0.5); b = Sine([440, 550, 660], mul=0.5); c = Sine(880, mul=0.5);
    sel = Selector([a, b, c], voice=Sine(1.5, mul=1.4, add=1)) (3 streams: stream j picks among
    a[j % 2], b[j], c[0]); sel[0].out() (left); sel[2].out(1) (right);
    at 0.25 s: sel.setInputs([c, b, a]);
    sel2 = Selector([a, c], voice=[0.25, 0.8], mul=[1, 0.5]).out() (4 streams: voice 0.25 on
    a[0]/c, a[1]/c, then voice 0.8 with mul 0.5: channels 0 1 0 1)."""
    a = pyo.Sine([220, 330], mul=0.5)
    b = pyo.Sine([440, 550, 660], mul=0.5)
    c = pyo.Sine(880, mul=0.5)
    v = pyo.Sine(1.5, mul=1.4, add=1)
    sel = pyo.Selector([a, b, c], voice=v)
    sel[0].out()
    sel[2].out(1)
    at(events, 0.25, lambda: sel.setInputs([c, b, a]))
    sel2 = pyo.Selector([a, c], voice=[0.25, 0.8], mul=[1, 0.5]).out()
    assert len(sel) == 3 and len(sel2) == 4
    return [a, b, c, v, sel, sel2]
