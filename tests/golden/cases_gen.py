# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
#
# Golden cases of the generators family (src/objects/generators*.rs):
# Phasor, RCOsc, FastSine, SineLoop, PinkNoise, BrownNoise, LFO, FM,
# SuperSaw, Blit.  Rendered by render_golden.py (see there).
from render_golden import golden, at


# ------------------------------------------------------------------ Phasor

@golden("phasor_basic", dur=0.5)
def phasor_basic(s, pyo, events):
    """L: Phasor() (defaults); R: Phasor(freq=440.3, phase=0.25, mul=0.5, add=-0.2).out(1)."""
    return [pyo.Phasor().out(), pyo.Phasor(freq=440.3, phase=0.25, mul=0.5, add=-0.2).out(1)]


@golden("phasor_audio", dur=0.5)
def phasor_audio(s, pyo, events):
    """m = Phasor(3, mul=500, add=-100); m2 = Phasor(7, mul=1.5, add=-0.2);
    Phasor(freq=m, mul=0.5).out(); Phasor(-300, phase=m2, mul=0.5).out(1)."""
    m = pyo.Phasor(3, mul=500, add=-100)
    m2 = pyo.Phasor(7, mul=1.5, add=-0.2)
    return [m, m2, pyo.Phasor(freq=m, mul=0.5).out(), pyo.Phasor(-300, phase=m2, mul=0.5).out(1)]


@golden("phasor_setters", dur=0.5)
def phasor_setters(s, pyo, events):
    """a = Phasor(freq=[200, 300], phase=[0, 0.5]).out() (streams left, right); at 0.25 s:
    a.setFreq([-150, 300]), a.setPhase([0.2, 1.3]) (1.3 clipped to 1), a.setMul(0.5)."""
    a = pyo.Phasor(freq=[200, 300], phase=[0, 0.5]).out()

    def change():
        a.setFreq([-150, 300])
        a.setPhase([0.2, 1.3])
        a.setMul(0.5)
    at(events, 0.25, change)
    return [a]


# ------------------------------------------------------------------- RCOsc

@golden("rcosc_basic", dur=0.5)
def rcosc_basic(s, pyo, events):
    """L: RCOsc() (defaults); R: RCOsc(freq=440, sharp=0.9, mul=0.3, add=0.1).out(1)."""
    return [pyo.RCOsc().out(), pyo.RCOsc(freq=440, sharp=0.9, mul=0.3, add=0.1).out(1)]


@golden("rcosc_audio", dur=0.5)
def rcosc_audio(s, pyo, events):
    """m = Phasor(3, mul=500, add=-100); m2 = Phasor(7, mul=1.5, add=-0.2);
    RCOsc(freq=m, sharp=0.1, mul=0.4).out(); RCOsc(-300, sharp=m2, mul=0.4).out(1)."""
    m = pyo.Phasor(3, mul=500, add=-100)
    m2 = pyo.Phasor(7, mul=1.5, add=-0.2)
    return [m, m2, pyo.RCOsc(freq=m, sharp=0.1, mul=0.4).out(), pyo.RCOsc(-300, sharp=m2, mul=0.4).out(1)]


@golden("rcosc_setters", dur=0.5)
def rcosc_setters(s, pyo, events):
    """a = RCOsc(freq=[200, 300], sharp=[0.25, 0.5]).out(); at 0.25 s: a.setFreq([30000, 300]),
    a.setSharp([0.25, 0.1])."""
    a = pyo.RCOsc(freq=[200, 300], sharp=[0.25, 0.5]).out()

    def change():
        a.setFreq([30000, 300])
        a.setSharp([0.25, 0.1])
    at(events, 0.25, change)
    return [a]


# ---------------------------------------------------------------- FastSine

@golden("fastsine_basic", dur=0.5)
def fastsine_basic(s, pyo, events):
    """L: FastSine() (defaults); R: FastSine(freq=1000.3, initphase=0.3, quality=0, mul=0.5).out(1)."""
    return [pyo.FastSine().out(), pyo.FastSine(freq=1000.3, initphase=0.3, quality=0, mul=0.5).out(1)]


@golden("fastsine_audio", dur=0.5)
def fastsine_audio(s, pyo, events):
    """m = Phasor(3, mul=500, add=100); FastSine(freq=m, mul=0.4).out();
    FastSine(30000, initphase=0.7, mul=0.4).out(1)."""
    m = pyo.Phasor(3, mul=500, add=100)
    return [m, pyo.FastSine(freq=m, mul=0.4).out(), pyo.FastSine(30000, initphase=0.7, mul=0.4).out(1)]


@golden("fastsine_setters", dur=0.5)
def fastsine_setters(s, pyo, events):
    """a = FastSine(freq=[440, 300], initphase=[0, 0.25], quality=[1, 0]).out(); at 0.25 s:
    a.setQuality([0, 1]), a.setFreq([660, 300])."""
    a = pyo.FastSine(freq=[440, 300], initphase=[0, 0.25], quality=[1, 0]).out()

    def change():
        a.setQuality([0, 1])
        a.setFreq([660, 300])
    at(events, 0.25, change)
    return [a]


# ---------------------------------------------------------------- SineLoop

@golden("sineloop_basic", dur=0.5)
def sineloop_basic(s, pyo, events):
    """L: SineLoop() (defaults); R: SineLoop(freq=440, feedback=0.3, mul=0.5).out(1)."""
    return [pyo.SineLoop().out(), pyo.SineLoop(freq=440, feedback=0.3, mul=0.5).out(1)]


@golden("sineloop_audio", dur=0.5)
def sineloop_audio(s, pyo, events):
    """m = Phasor(3, mul=500, add=-100); m2 = Phasor(7, mul=1.5, add=-0.2);
    SineLoop(freq=m, feedback=0.1, mul=0.4).out(); SineLoop(-300, feedback=m2, mul=0.4).out(1)."""
    m = pyo.Phasor(3, mul=500, add=-100)
    m2 = pyo.Phasor(7, mul=1.5, add=-0.2)
    return [m, m2, pyo.SineLoop(freq=m, feedback=0.1, mul=0.4).out(),
            pyo.SineLoop(-300, feedback=m2, mul=0.4).out(1)]


@golden("sineloop_setters", dur=0.5)
def sineloop_setters(s, pyo, events):
    """a = SineLoop(freq=[200, 300], feedback=[1, 0]).out(); at 0.25 s: a.setFeedback([-0.2, 1.5])
    (clipped to 0 and 1), a.setFreq([200, 30000])."""
    a = pyo.SineLoop(freq=[200, 300], feedback=[1, 0]).out()

    def change():
        a.setFeedback([-0.2, 1.5])
        a.setFreq([200, 30000])
    at(events, 0.25, change)
    return [a]


# ---------------------------------------------------------------------- FM

@golden("fm_basic", dur=0.5)
def fm_basic(s, pyo, events):
    """L: FM() (defaults); R: FM(carrier=250, ratio=0.3, index=2, mul=0.5).out(1)."""
    return [pyo.FM().out(), pyo.FM(carrier=250, ratio=0.3, index=2, mul=0.5).out(1)]


@golden("fm_audio", dur=0.5)
def fm_audio(s, pyo, events):
    """m = Phasor(3, mul=500, add=-100); m2 = Phasor(7, mul=1.5, add=-0.2);
    FM(carrier=m, ratio=0.37, index=m2, mul=0.4).out(); FM(300, ratio=m2, index=-3, mul=0.4).out(1)."""
    m = pyo.Phasor(3, mul=500, add=-100)
    m2 = pyo.Phasor(7, mul=1.5, add=-0.2)
    return [m, m2, pyo.FM(carrier=m, ratio=0.37, index=m2, mul=0.4).out(),
            pyo.FM(300, ratio=m2, index=-3, mul=0.4).out(1)]


@golden("fm_setters", dur=0.5)
def fm_setters(s, pyo, events):
    """a = FM(carrier=[200, 301], ratio=[0.5, 1.5], index=[5, 1]).out(); at 0.25 s:
    a.setCarrier([400, 301]), a.setRatio([0.25, 2]), a.setIndex([10, 0])."""
    a = pyo.FM(carrier=[200, 301], ratio=[0.5, 1.5], index=[5, 1]).out()

    def change():
        a.setCarrier([400, 301])
        a.setRatio([0.25, 2])
        a.setIndex([10, 0])
    at(events, 0.25, change)
    return [a]


# ------------------------------------------------------ PinkNoise, BrownNoise

@golden("pinknoise_seed", dur=0.5, seed=1234)
def pinknoise_seed(s, pyo, events):
    """s.setGlobalSeed(1234); a = PinkNoise(mul=[0.5, 0.3]).out() (two streams, seeded
    1234+2111 and 1234+2*2111); at 0.25 s: a.setMul(0.2)."""
    a = pyo.PinkNoise(mul=[0.5, 0.3]).out()
    at(events, 0.25, lambda: a.setMul(0.2))
    return [a]


@golden("brownnoise_seed", dur=0.5, seed=1234)
def brownnoise_seed(s, pyo, events):
    """s.setGlobalSeed(1234); n = Noise(mul=0.1) (not sent out; it draws from the shared
    generator first every block); b = BrownNoise(mul=[0.5, 0.3], add=[0, 0.1]).out();
    at 0.25 s: b.setMul(0.2)."""
    n = pyo.Noise(mul=0.1)
    b = pyo.BrownNoise(mul=[0.5, 0.3], add=[0, 0.1]).out()
    at(events, 0.25, lambda: b.setMul(0.2))
    return [n, b]
