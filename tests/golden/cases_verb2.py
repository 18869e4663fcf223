# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
# Golden cases of the verb2 family: WGVerb, STRev.
# Rendered by render_golden.py (see its header).
from render_golden import golden, at


def burst(pyo, freq=440, dur=0.2):
    """Sine(freq, mul=Fader(fadein=0.005, fadeout=0.05, dur=dur).play()): a short tone."""
    f = pyo.Fader(fadein=0.005, fadeout=0.05, dur=dur).play()
    return f, pyo.Sine(freq, mul=f)


@golden("wgverb_basic")
def wgverb_basic(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.05, dur=0.2).play(); src = Sine(440, mul=f);
    WGVerb(src).out(); WGVerb(src, feedback=0.85, cutoff=3000, bal=1, mul=0.8).out(1)
    (the second draws its random line lengths after the first)."""
    f, src = burst(pyo)
    a = pyo.WGVerb(src).out()
    b = pyo.WGVerb(src, feedback=0.85, cutoff=3000, bal=1, mul=0.8).out(1)
    return [f, src, a, b]


@golden("wgverb_audio")
def wgverb_audio(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.05, dur=0.2).play(); src = Sine(440, mul=f);
    fb = Sine(3, mul=0.3, add=0.75); ct = Sine(20, mul=2000, add=4000.3); bl = Sine(10, mul=0.6, add=0.5);
    WGVerb(src, feedback=fb, cutoff=ct, bal=bl).out() (feedback and bal overshoot [0, 1]: clamped)."""
    f, src = burst(pyo)
    fb = pyo.Sine(3, mul=0.3, add=0.75)
    ct = pyo.Sine(20, mul=2000, add=4000.3)
    bl = pyo.Sine(10, mul=0.6, add=0.5)
    a = pyo.WGVerb(src, feedback=fb, cutoff=ct, bal=bl).out()
    return [f, src, fb, ct, bl, a]


@golden("wgverb_list_setters")
def wgverb_list_setters(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.05, dur=0.2).play(); src = Sine([440, 660], mul=f);
    r = WGVerb(src, feedback=[0.6, 0.9], cutoff=[2000, 8000], bal=[0.3, 0.8]).out();
    at 0.5 s (block 86): r.setFeedback(0.95), r.setCutoff(1000), r.setBal(1)."""
    f = pyo.Fader(fadein=0.005, fadeout=0.05, dur=0.2).play()
    src = pyo.Sine([440, 660], mul=f)
    r = pyo.WGVerb(src, feedback=[0.6, 0.9], cutoff=[2000, 8000], bal=[0.3, 0.8]).out()

    def change():
        r.setFeedback(0.95)
        r.setCutoff(1000)
        r.setBal(1)
    at(events, 0.5, change)
    return [f, src, r]
