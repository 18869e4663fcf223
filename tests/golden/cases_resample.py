# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
# Golden cases of resampling blocks (Server.beginResamplingBlock /
# endResamplingBlock) and Resample. Rendered by render_golden.py.
from render_golden import golden, at


@golden("resample", dur=1.0)
def resample(s, pyo, events):
    """The oracle's case. src = Sine(440, mul=0.5); s.beginResamplingBlock(2);
    up = Resample(src, mode=8); rm = Sine(3000, mul=up); hi = Sine(15000, mul=0.5);
    s.endResamplingBlock(); Resample(rm, mode=8).out(); Resample(hi, mode=1).out(1)."""
    src = pyo.Sine(440, mul=0.5)
    s.beginResamplingBlock(2)
    up = pyo.Resample(src, mode=8)
    rm = pyo.Sine(3000, mul=up)
    hi = pyo.Sine(15000, mul=0.5)
    s.endResamplingBlock()
    d1 = pyo.Resample(rm, mode=8).out()
    d2 = pyo.Resample(hi, mode=1).out(1)
    return [src, up, rm, hi, d1, d2]


@golden("resample_factor4_mode0", dur=0.5)
def resample_factor4_mode0(s, pyo, events):
    """src = Sine([300, 1250], mul=0.4) (two streams); s.beginResamplingBlock(4);
    z = Resample(src, mode=0); h = Resample(src, mode=1, mul=0.5); s.endResamplingBlock();
    Resample(z, mode=4, mul=4).out() (stream 0 left, 1 right);
    Resample(h, mode=0, add=0.05).out() (stream 0 left, 1 right)."""
    src = pyo.Sine([300, 1250], mul=0.4)
    s.beginResamplingBlock(4)
    z = pyo.Resample(src, mode=0)
    h = pyo.Resample(src, mode=1, mul=0.5)
    s.endResamplingBlock()
    a = pyo.Resample(z, mode=4, mul=4).out()
    b = pyo.Resample(h, mode=0, add=0.05).out()
    return [src, z, h, a, b]


@golden("resample_negative", dur=0.5)
def resample_negative(s, pyo, events):
    """src = Sine(700, mul=0.5); lfo = Sine(3, mul=0.5, add=0.5);
    s.beginResamplingBlock(-2); dn = Resample(src, mode=4); ring = Sine(250, mul=dn);
    lo = Sine(5000, mul=0.3); s.endResamplingBlock();
    Resample(ring, mode=6, mul=lfo).out(); Resample(lo, mode=0).out(1)."""
    src = pyo.Sine(700, mul=0.5)
    lfo = pyo.Sine(3, mul=0.5, add=0.5)
    s.beginResamplingBlock(-2)
    dn = pyo.Resample(src, mode=4)
    ring = pyo.Sine(250, mul=dn)
    lo = pyo.Sine(5000, mul=0.3)
    s.endResamplingBlock()
    a = pyo.Resample(ring, mode=6, mul=lfo).out()
    b = pyo.Resample(lo, mode=0).out(1)
    return [src, lfo, dn, ring, lo, a, b]


@golden("resample_setmode", dur=0.5)
def resample_setmode(s, pyo, events):
    """src = Sine(440, mul=0.5); s.beginResamplingBlock(2); up = Resample(src, mode=8);
    hi = Sine(9000, mul=0.5); s.endResamplingBlock(); a = Resample(up, mode=1).out();
    b = Resample(hi, mode=8).out(1);
    at 0.25 s (block 43): up.setMode(3), b.setMode(1), a.setMul(0.7)."""
    src = pyo.Sine(440, mul=0.5)
    s.beginResamplingBlock(2)
    up = pyo.Resample(src, mode=8)
    hi = pyo.Sine(9000, mul=0.5)
    s.endResamplingBlock()
    a = pyo.Resample(up, mode=1).out()
    b = pyo.Resample(hi, mode=8).out(1)

    def change():
        up.setMode(3)
        b.setMode(1)
        a.setMul(0.7)
    at(events, 0.25, change)
    return [src, up, hi, a, b]


@golden("resample_out_inside", dur=0.5)
def resample_out_inside(s, pyo, events):
    """pyo sends the first buffersize samples of each block of an up-rated object:
    s.beginResamplingBlock(2); Sine(440, mul=0.5).out(); s.endResamplingBlock();
    Sine(330, mul=0.3).out(1)."""
    s.beginResamplingBlock(2)
    a = pyo.Sine(440, mul=0.5).out()
    s.endResamplingBlock()
    b = pyo.Sine(330, mul=0.3).out(1)
    return [a, b]
