# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
#
# Golden cases of the filter family (filters.rs, control.rs, convert.rs),
# rendered by render_golden.py with pyo 1.1.0.  Written from pyo's
# documented Python API only.
from render_golden import golden, at


@golden("biquad_butlp", dur=0.5, seed=42)
def biquad_butlp(s, pyo, events):
    """setGlobalSeed(42); n = Noise(0.5); L: Biquad(n, freq=1000, q=5, type=2); R: ButLP(n, freq=2000)."""
    n = pyo.Noise(0.5)
    a = pyo.Biquad(n, freq=1000, q=5, type=2).out()
    b = pyo.ButLP(n, freq=2000).out(1)
    return [n, a, b]


@golden("butlp_sine", dur=0.5)
def butlp_sine(s, pyo, events):
    """sw = Sine(0.5, mul=3900, add=4100); src = Sine(freq=sw, mul=0.5); fm = Sine(1, mul=1500, add=2000);
    L: ButLP(src, freq=1000); R: Biquad(src, freq=fm, q=2, type=0)."""
    sw = pyo.Sine(0.5, mul=3900, add=4100)
    src = pyo.Sine(freq=sw, mul=0.5)
    fm = pyo.Sine(1, mul=1500, add=2000)
    a = pyo.ButLP(src, freq=1000).out()
    b = pyo.Biquad(src, freq=fm, q=2, type=0).out(1)
    return [sw, src, fm, a, b]


@golden("buthp_list", dur=0.5, seed=7)
def buthp_list(s, pyo, events):
    """setGlobalSeed(7); n = Noise(0.5); a = ButHP(n, freq=[500, 3000], mul=0.8).out() (stream 0 left, 1 right);
    a.setFreq(8000) at 0.25 s (block 43)."""
    n = pyo.Noise(0.5)
    a = pyo.ButHP(n, freq=[500, 3000], mul=0.8).out()
    at(events, 0.25, lambda: a.setFreq(8000))
    return [n, a]


@golden("butlp_defaults", dur=0.5, seed=3)
def butlp_defaults(s, pyo, events):
    """setGlobalSeed(3); n = Noise(); L: ButLP(n); R: ButHP(n, freq=Sine(3, mul=5000, add=5100))
    (the right sweeps through the clamps at 0.1 Hz)."""
    n = pyo.Noise()
    lf = pyo.Sine(3, mul=5000, add=5100)
    a = pyo.ButLP(n).out()
    b = pyo.ButHP(n, freq=lf).out(1)
    return [n, lf, a, b]


@golden("biquad_types", dur=0.5, seed=11)
def biquad_types(s, pyo, events):
    """setGlobalSeed(11); n = Noise(0.4); q = Sine(2, mul=4, add=4.05);
    b = Biquad(n, freq=[800, 5000], q=q, type=[1, 3]).out();
    at 0.25 s (block 43): b.setType(4), b.setFreq(2500), b.setQ(0.5)."""
    n = pyo.Noise(0.4)
    q = pyo.Sine(2, mul=4, add=4.05)
    b = pyo.Biquad(n, freq=[800, 5000], q=q, type=[1, 3]).out()

    def change():
        b.setType(4)
        b.setFreq(2500)
        b.setQ(0.5)
    at(events, 0.25, change)
    return [n, q, b]


@golden("biquad_defaults", dur=0.5, seed=5)
def biquad_defaults(s, pyo, events):
    """setGlobalSeed(5); n = Noise(0.5); L: Biquad(n); R: Biquad(n, freq=300, q=10, type=2, mul=3)."""
    n = pyo.Noise(0.5)
    a = pyo.Biquad(n).out()
    b = pyo.Biquad(n, freq=300, q=10, type=2, mul=3).out(1)
    return [n, a, b]


@golden("sigto", dur=1.0)
def sigto(s, pyo, events):
    """st = SigTo(value=200, time=0.1, init=200); st2 = SigTo(value=1, time=0.25, init=0);
    L: Sine(freq=st, mul=0.5); R: Sig(st2); st.setValue(800) at 0.3 s, st.setValue(300) at 0.6 s."""
    st = pyo.SigTo(value=200, time=0.1, init=200)
    st2 = pyo.SigTo(value=1, time=0.25, init=0)
    a = pyo.Sine(freq=st, mul=0.5).out()
    b = pyo.Sig(st2).out(1)
    at(events, 0.3, lambda: st.setValue(800))
    at(events, 0.6, lambda: st.setValue(300))
    return [st, st2, a, b]


@golden("sigto_audio", dur=0.5)
def sigto_audio(s, pyo, events):
    """src = Sine(5, mul=0.5); tm = Sine(3, mul=0.002, add=0.002);
    a = SigTo(src, time=tm, init=0.2); b = SigTo([0.1, -0.4], time=[0.01, 0.05]);
    L: Sig(a).out(); R: Sig(b).out(1, inc=0) (both streams of b summed on the right);
    at 0.25 s: b.setValue([0.7, 0.3]), b.setTime(0.02)."""
    src = pyo.Sine(5, mul=0.5)
    tm = pyo.Sine(3, mul=0.002, add=0.002)
    a = pyo.SigTo(src, time=tm, init=0.2)
    b = pyo.SigTo([0.1, -0.4], time=[0.01, 0.05])
    la = pyo.Sig(a).out()
    lb = pyo.Sig(b).out(1, inc=0)

    def change():
        b.setValue([0.7, 0.3])
        b.setTime(0.02)
    at(events, 0.25, change)
    return [src, tm, a, b, la, lb]


@golden("port_basic", dur=0.5)
def port_basic(s, pyo, events):
    """src = Clip(Sine(3, mul=4), min=-0.5, max=0.5); L: Port(src);
    R: Port(src, risetime=0.01, falltime=0.2, init=0.3, mul=0.5); R.setRiseTime(0.002) at 0.25 s."""
    src = pyo.Clip(pyo.Sine(3, mul=4), min=-0.5, max=0.5)
    a = pyo.Port(src).out()
    b = pyo.Port(src, risetime=0.01, falltime=0.2, init=0.3, mul=0.5).out(1)
    at(events, 0.25, lambda: b.setRiseTime(0.002))
    return [src, a, b]


@golden("port_audio", dur=0.5)
def port_audio(s, pyo, events):
    """src = Clip(Sine(5, mul=4), min=-0.5, max=0.5); rt = Sine(1, mul=0.02, add=0.03);
    ft = Sine(1.5, mul=0.01, add=0.012); L: Port(src, risetime=rt, falltime=ft);
    R: Port(src, risetime=[0.01, 0.1]) (two streams, both to channel 1)."""
    src = pyo.Clip(pyo.Sine(5, mul=4), min=-0.5, max=0.5)
    rt = pyo.Sine(1, mul=0.02, add=0.03)
    ft = pyo.Sine(1.5, mul=0.01, add=0.012)
    a = pyo.Port(src, risetime=rt, falltime=ft).out()
    b = pyo.Port(src, risetime=[0.01, 0.1]).out(1, inc=0)
    return [src, rt, ft, a, b]


@golden("mtof_clip", dur=0.5)
def mtof_clip(s, pyo, events):
    """m = Sine(2, mul=24, add=60); L: Sine(freq=MToF(m), mul=0.4);
    R: a = Clip(Sine(440), min=-0.5, max=Sine(1, mul=0.5)) plus Clip(Sine(330, mul=1.5), mul=0.2)
    (default limits); a.setMin(-0.2) at 0.25 s."""
    m = pyo.Sine(2, mul=24, add=60)
    f = pyo.MToF(m)
    a0 = pyo.Sine(freq=f, mul=0.4).out()
    mx = pyo.Sine(1, mul=0.5)
    a = pyo.Clip(pyo.Sine(440), min=-0.5, max=mx).out(1)
    b = pyo.Clip(pyo.Sine(330, mul=1.5), mul=0.2).out(1)
    at(events, 0.25, lambda: a.setMin(-0.2))
    return [m, f, a0, mx, a, b]


@golden("mtof_list", dur=0.5)
def mtof_list(s, pyo, events):
    """MToF(Sine([1, 3], mul=[30, 12], add=[69, 20]), mul=0.001).out(): stream 0 left, 1 right."""
    m = pyo.Sine([1, 3], mul=[30, 12], add=[69, 20])
    return [m, pyo.MToF(m, mul=0.001).out()]


@golden("scale", dur=0.5)
def scale(s, pyo, events):
    """src = Sine(300); om = Sine(2); L: Scale(src) (defaults: input clipped to 0..1);
    plus Scale(src, -1, 1, 0.2, om, exp=2.5, mul=0.5) on the left;
    R: Scale(src, inmin=1, inmax=-1, outmin=-1, outmax=Sine(3), exp=Sine(1, mul=2, add=2)) (read per block);
    at 0.25 s: left second one setExp(0.5), setInMax(0.5)."""
    src = pyo.Sine(300)
    om = pyo.Sine(2)
    a = pyo.Scale(src).out()
    b = pyo.Scale(src, -1, 1, 0.2, om, exp=2.5, mul=0.5).out()
    om2 = pyo.Sine(3)
    ex = pyo.Sine(1, mul=2, add=2)
    c = pyo.Scale(src, inmin=1, inmax=-1, outmin=-1, outmax=om2, exp=ex).out(1)

    def change():
        b.setExp(0.5)
        b.setInMax(0.5)
    at(events, 0.25, change)
    return [src, om, a, b, om2, ex, c]


@golden("butbp_tone", dur=0.5, seed=13)
def butbp_tone(s, pyo, events):
    """setGlobalSeed(13); n = Noise(0.5); lf = Sine(2, mul=1500, add=2000);
    L: ButBP(n) (defaults) + ButBP(n, freq=lf, q=Sine(3, mul=4, add=5)) + ButBP(n, 500, q=0.5 (clamped to 1));
    R: Tone(n, freq=[300, 5000]) + Atone(n, freq=lf) (Tone's two streams both to the right);
    at 0.25 s: the first ButBP setFreq(3000), setQ(8)."""
    n = pyo.Noise(0.5)
    lf = pyo.Sine(2, mul=1500, add=2000)
    qq = pyo.Sine(3, mul=4, add=5)
    a = pyo.ButBP(n).out()
    b = pyo.ButBP(n, freq=lf, q=qq).out()
    c = pyo.ButBP(n, 500, q=0.5).out()
    t = pyo.Tone(n, freq=[300, 5000]).out(1, inc=0)
    u = pyo.Atone(n, freq=lf).out(1)

    def change():
        a.setFreq(3000)
        a.setQ(8)
    at(events, 0.25, change)
    return [n, lf, qq, a, b, c, t, u]


@golden("tone_atone", dur=0.5, seed=17)
def tone_atone(s, pyo, events):
    """setGlobalSeed(17); n = Noise(0.5); L: Tone(n) (defaults), setFreq(100) at 0.25 s;
    R: Atone(n, freq=[200, 8000], mul=0.5) (both streams to the right)."""
    n = pyo.Noise(0.5)
    a = pyo.Tone(n).out()
    b = pyo.Atone(n, freq=[200, 8000], mul=0.5).out(1, inc=0)
    at(events, 0.25, lambda: a.setFreq(100))
    return [n, a, b]
