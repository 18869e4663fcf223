# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
#
# Golden cases of the second generators family (src/objects/generators3.rs):
# LFO, SuperSaw, Blit.  Rendered by render_golden.py (see there).
from render_golden import golden, at


# --------------------------------------------------------------------- LFO

@golden("lfo_basic", dur=0.5, seed=1234)
def lfo_basic(s, pyo, events):
    """L: LFO() (defaults: saw up, 100 Hz, sharp 0.5); R: LFO(freq=440.3, sharp=0.8, type=1,
    mul=0.5, add=0.1).out(1)."""
    return [pyo.LFO().out(), pyo.LFO(freq=440.3, sharp=0.8, type=1, mul=0.5, add=0.1).out(1)]


@golden("lfo_square_tri", dur=0.5, seed=1234)
def lfo_square_tri(s, pyo, events):
    """LFO(freq=[150, 210.5], sharp=[0.3, 0.9], type=[2, 3], mul=0.5).out() (square left,
    triangle right); LFO(freq=[3000, 1000], sharp=1, type=[2, 3], mul=0.3).out() (harmonics
    limited by sr/4/freq)."""
    return [pyo.LFO(freq=[150, 210.5], sharp=[0.3, 0.9], type=[2, 3], mul=0.5).out(),
            pyo.LFO(freq=[3000, 1000], sharp=1, type=[2, 3], mul=0.3).out()]


@golden("lfo_pulses", dur=0.5, seed=1234)
def lfo_pulses(s, pyo, events):
    """LFO(freq=[80, 123.4], sharp=[0.25, 0.6], type=[4, 5], mul=0.5).out() (pulse left,
    bipolar pulse right); LFO(freq=[2500, 20000], sharp=0.9, type=[5, 4], mul=0.3).out()."""
    return [pyo.LFO(freq=[80, 123.4], sharp=[0.25, 0.6], type=[4, 5], mul=0.5).out(),
            pyo.LFO(freq=[2500, 20000], sharp=0.9, type=[5, 4], mul=0.3).out()]


@golden("lfo_sah", dur=0.5, seed=1234)
def lfo_sah(s, pyo, events):
    """s.setGlobalSeed(1234); a = LFO(freq=[137, 40], sharp=[0.3, 0], type=6, mul=0.5).out()
    (sample and hold: seeded 1234+2129, 1234+2*2129); b = LFO(freq=90, sharp=1, type=6,
    mul=0.3).out(1) (instant jumps); at 0.25 s: a.setSharp([0.8, 0.5])."""
    a = pyo.LFO(freq=[137, 40], sharp=[0.3, 0], type=6, mul=0.5).out()
    b = pyo.LFO(freq=90, sharp=1, type=6, mul=0.3).out(1)
    at(events, 0.25, lambda: a.setSharp([0.8, 0.5]))
    return [a, b]


@golden("lfo_modsine", dur=0.5, seed=1234)
def lfo_modsine(s, pyo, events):
    """m = Phasor(2, mul=1.2, add=-0.1); LFO(freq=60, sharp=m, type=7, mul=0.5).out();
    LFO(freq=[0.5, 331], sharp=[0, 0.7], type=7, mul=0.4).out(1) (both to the right)."""
    m = pyo.Phasor(2, mul=1.2, add=-0.1)
    return [m, pyo.LFO(freq=60, sharp=m, type=7, mul=0.5).out(),
            pyo.LFO(freq=[0.5, 331], sharp=[0, 0.7], type=7, mul=0.4).out(1)]


@golden("lfo_audio", dur=0.5, seed=1234)
def lfo_audio(s, pyo, events):
    """m = Phasor(3, mul=500, add=-100); m2 = Phasor(7, mul=1.5, add=-0.2);
    LFO(freq=m, sharp=0.6, type=0, mul=0.4).out(); LFO(freq=m, sharp=m2, type=3, mul=0.4).out(1);
    LFO(freq=220, sharp=m2, type=2, mul=0.2).out(1)."""
    m = pyo.Phasor(3, mul=500, add=-100)
    m2 = pyo.Phasor(7, mul=1.5, add=-0.2)
    return [m, m2, pyo.LFO(freq=m, sharp=0.6, type=0, mul=0.4).out(),
            pyo.LFO(freq=m, sharp=m2, type=3, mul=0.4).out(1),
            pyo.LFO(freq=220, sharp=m2, type=2, mul=0.2).out(1)]


@golden("lfo_setters", dur=0.5, seed=1234)
def lfo_setters(s, pyo, events):
    """a = LFO(freq=[200, 300], sharp=[0.5, 0.2], type=[0, 3]).out(); at 0.25 s:
    a.setType([6, 2]), a.setFreq([250, 30000]) (clamped to sr/4), a.setSharp([0.1, 1.5])
    (clipped to 1), a.setMul(0.5)."""
    a = pyo.LFO(freq=[200, 300], sharp=[0.5, 0.2], type=[0, 3]).out()

    def change():
        a.setType([6, 2])
        a.setFreq([250, 30000])
        a.setSharp([0.1, 1.5])
        a.setMul(0.5)
    at(events, 0.25, change)
    return [a]


# -------------------------------------------------------------------- Blit

@golden("blit_basic", dur=0.5)
def blit_basic(s, pyo, events):
    """L: Blit() (defaults: 100 Hz, 40 harmonics); R: Blit(freq=441, harms=10.5, mul=0.5,
    add=0.1).out(1) (int(harms) = 10)."""
    return [pyo.Blit().out(), pyo.Blit(freq=441, harms=10.5, mul=0.5, add=0.1).out(1)]


@golden("blit_audio", dur=0.5)
def blit_audio(s, pyo, events):
    """m = Phasor(3, mul=500, add=-100) (negative at first: the phase goes below 0 and the
    output holds 1); m2 = Phasor(7, mul=30, add=-2); Blit(freq=m, harms=10, mul=0.4).out();
    Blit(220, harms=m2, mul=0.4).out(1)."""
    m = pyo.Phasor(3, mul=500, add=-100)
    m2 = pyo.Phasor(7, mul=30, add=-2)
    return [m, m2, pyo.Blit(freq=m, harms=10, mul=0.4).out(), pyo.Blit(220, harms=m2, mul=0.4).out(1)]


@golden("blit_setters", dur=0.5)
def blit_setters(s, pyo, events):
    """a = Blit(freq=[200, 330.3], harms=[5, 40]).out(); at 0.25 s: a.setFreq([1000, 30000]),
    a.setHarms([80, 3]), a.setMul(0.5)."""
    a = pyo.Blit(freq=[200, 330.3], harms=[5, 40]).out()

    def change():
        a.setFreq([1000, 30000])
        a.setHarms([80, 3])
        a.setMul(0.5)
    at(events, 0.25, change)
    return [a]
