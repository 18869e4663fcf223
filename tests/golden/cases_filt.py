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
