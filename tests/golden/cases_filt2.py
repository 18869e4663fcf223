# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
#
# Golden cases of MoogLP and SVF (filters2.rs), and ButBP under smooth
# modulation, rendered by render_golden.py with pyo 1.1.0.  Written from
# pyo's documented Python API only.
from render_golden import golden, at


@golden("mooglp_defaults", dur=0.5, seed=21)
def mooglp_defaults(s, pyo, events):
    """setGlobalSeed(21); n = Noise(0.5); L: a = MoogLP(n) (defaults), a.setFreq(2500) at 0.25 s;
    R: MoogLP(n, freq=[400, 5000], mul=0.5) (both streams to the right)."""
    n = pyo.Noise(0.5)
    a = pyo.MoogLP(n).out()
    b = pyo.MoogLP(n, freq=[400, 5000], mul=0.5).out(1, inc=0)
    at(events, 0.25, lambda: a.setFreq(2500))
    return [n, a, b]


@golden("mooglp_res", dur=0.5, seed=22)
def mooglp_res(s, pyo, events):
    """setGlobalSeed(22); n = Noise(0.3); L: MoogLP(n, freq=Sine(2, mul=1500, add=2000), res=Sine(3, mul=0.4, add=0.5));
    R: b = MoogLP(n, 800, res=1.2) (self-oscillating), b.setRes(3), b.setFreq(1500) at 0.25 s."""
    n = pyo.Noise(0.3)
    lf = pyo.Sine(2, mul=1500, add=2000)
    rs = pyo.Sine(3, mul=0.4, add=0.5)
    a = pyo.MoogLP(n, freq=lf, res=rs).out()
    b = pyo.MoogLP(n, 800, res=1.2).out(1)

    def change():
        b.setRes(3)
        b.setFreq(1500)
    at(events, 0.25, change)
    return [n, lf, rs, a, b]


@golden("svf_basic", dur=0.5, seed=23)
def svf_basic(s, pyo, events):
    """setGlobalSeed(23); n = Noise(0.5); L: a = SVF(n) (defaults) + SVF(n, 3000, q=5, type=0.7, mul=0.5);
    R: SVF(n, freq=[500, 6000], type=[0.3, 1]) (both streams to the right);
    at 0.25 s: a.setType(0.5), a.setQ(2), a.setFreq(9000) (clamped to sr/6)."""
    n = pyo.Noise(0.5)
    a = pyo.SVF(n).out()
    b = pyo.SVF(n, 3000, q=5, type=0.7, mul=0.5).out()
    c = pyo.SVF(n, freq=[500, 6000], type=[0.3, 1]).out(1, inc=0)

    def change():
        a.setType(0.5)
        a.setQ(2)
        a.setFreq(9000)
    at(events, 0.25, change)
    return [n, a, b, c]


@golden("svf_audio", dur=0.5, seed=24)
def svf_audio(s, pyo, events):
    """setGlobalSeed(24); n = Noise(0.5); L: SVF(n, freq=Sine(1, mul=3000, add=3500), q=Sine(2, mul=2, add=2.6),
    type=Sine(3, mul=0.6, add=0.5)); R: SVF(n, 2000, q=0.2 (clamped to 0.5), type=Sine(5, mul=0.5, add=0.5))."""
    n = pyo.Noise(0.5)
    fr = pyo.Sine(1, mul=3000, add=3500)
    qq = pyo.Sine(2, mul=2, add=2.6)
    ty = pyo.Sine(3, mul=0.6, add=0.5)
    a = pyo.SVF(n, freq=fr, q=qq, type=ty).out()
    t2 = pyo.Sine(5, mul=0.5, add=0.5)
    b = pyo.SVF(n, 2000, q=0.2, type=t2).out(1)
    return [n, fr, qq, ty, a, t2, b]


@golden("butbp_sweep", dur=0.5, seed=25)
def butbp_sweep(s, pyo, events):
    """setGlobalSeed(25); n = Noise(0.5); L: ButBP(n, freq=Sine(1.5, mul=2000, add=2500), q=5);
    R: ButBP(n, freq=1200, q=Sine(2, mul=10, add=12)) (smooth modulation, every coefficient update)."""
    n = pyo.Noise(0.5)
    lf = pyo.Sine(1.5, mul=2000, add=2500)
    qq = pyo.Sine(2, mul=10, add=12)
    a = pyo.ButBP(n, freq=lf, q=5).out()
    b = pyo.ButBP(n, freq=1200, q=qq).out(1)
    return [n, lf, qq, a, b]
