# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
# Golden cases of the fx1 family (reverbs and delays): Freeverb, Delay,
# SDelay, WGVerb, STRev.  Rendered by render_golden.py (see its header).
from render_golden import golden, at


def burst(pyo, fadein=0.005, fadeout=0.05, dur=0.2, freq=440):
    """Sine(freq, mul=Fader(fadein, fadeout, dur).play()): a short tone."""
    f = pyo.Fader(fadein=fadein, fadeout=fadeout, dur=dur).play()
    return f, pyo.Sine(freq, mul=f)


@golden("freeverb_basic")
def freeverb_basic(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.05, dur=0.2).play(); src = Sine(440, mul=f);
    Freeverb(src, size=0.8, damp=0.5, bal=1, mul=0.5).out();
    Freeverb(src, size=0.3, damp=0.2, bal=0.5, mul=0.5).out(1)."""
    f, src = burst(pyo)
    r1 = pyo.Freeverb(src, size=0.8, damp=0.5, bal=1.0, mul=0.5).out()
    r2 = pyo.Freeverb(src, size=0.3, damp=0.2, bal=0.5, mul=0.5).out(1)
    return [f, src, r1, r2]


@golden("freeverb_defaults_audio")
def freeverb_defaults_audio(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.05, dur=0.2).play(); src = Sine(440, mul=f);
    Freeverb(src).out(); sz = Sine(3, mul=0.6, add=0.5); dp = Sine(5, mul=0.7, add=0.4);
    bl = Sine(2, mul=0.6, add=0.5); Freeverb(src, size=sz, damp=dp, bal=bl).out(1)
    (the audio-rate parameters overshoot [0, 1]: clamped)."""
    f, src = burst(pyo)
    r1 = pyo.Freeverb(src).out()
    sz = pyo.Sine(3, mul=0.6, add=0.5)
    dp = pyo.Sine(5, mul=0.7, add=0.4)
    bl = pyo.Sine(2, mul=0.6, add=0.5)
    r2 = pyo.Freeverb(src, size=sz, damp=dp, bal=bl).out(1)
    return [f, src, r1, sz, dp, bl, r2]


@golden("freeverb_list_setters")
def freeverb_list_setters(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.05, dur=0.2).play(); src = Sine([440, 660], mul=f);
    r = Freeverb(src, size=[0.5, 0.9], damp=[0.1, 0.9], bal=[0.3, 0.8]).out();
    at 0.5 s (block 86): r.setSize(0.2), r.setDamp(0.6), r.setBal(1)."""
    f = pyo.Fader(fadein=0.005, fadeout=0.05, dur=0.2).play()
    src = pyo.Sine([440, 660], mul=f)
    r = pyo.Freeverb(src, size=[0.5, 0.9], damp=[0.1, 0.9], bal=[0.3, 0.8]).out()

    def change():
        r.setSize(0.2)
        r.setDamp(0.6)
        r.setBal(1)
    at(events, 0.5, change)
    return [f, src, r]
