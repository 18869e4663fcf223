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


@golden("delay_basic")
def delay_basic(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.02, dur=0.1).play(); src = Sine(440, mul=f);
    Delay(src, delay=0.25, feedback=0.5, mul=0.8).out(); dt = Sine(0.5, mul=0.01, add=0.02);
    Delay(src, delay=dt, feedback=0.3, maxdelay=0.1, mul=0.8).out(1)."""
    f, src = burst(pyo, 0.005, 0.02, 0.1)
    d1 = pyo.Delay(src, delay=0.25, feedback=0.5, mul=0.8).out()
    dt = pyo.Sine(0.5, mul=0.01, add=0.02)
    d2 = pyo.Delay(src, delay=dt, feedback=0.3, maxdelay=0.1, mul=0.8).out(1)
    return [f, src, d1, dt, d2]


@golden("delay_defaults_list")
def delay_defaults_list(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.02, dur=0.1).play(); src = Sine(440, mul=f);
    Delay(src).out(); Delay(src, delay=[0.1, 0.0123457], feedback=[0.2, 0.9], maxdelay=0.05, mul=0.5).out()
    (stream 0 clamped to 0.05 s, on the left with the first; stream 1 right)."""
    f, src = burst(pyo, 0.005, 0.02, 0.1)
    d1 = pyo.Delay(src).out()
    d2 = pyo.Delay(src, delay=[0.1, 0.0123457], feedback=[0.2, 0.9], maxdelay=0.05, mul=0.5).out()
    return [f, src, d1, d2]


@golden("delay_setters")
def delay_setters(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.02, dur=0.1).play(); src = Sine(440, mul=f);
    fb = Sine(4, mul=0.7, add=0.5); a = Delay(src, delay=0.0537, feedback=fb, maxdelay=0.2).out();
    b = Delay(src, delay=0.1, feedback=0.4).out(1);
    at 0.5 s (block 86): a.setDelay(0.0311), b.setDelay(0.0173), b.setFeedback(1.2)."""
    f, src = burst(pyo, 0.005, 0.02, 0.1)
    fb = pyo.Sine(4, mul=0.7, add=0.5)
    a = pyo.Delay(src, delay=0.0537, feedback=fb, maxdelay=0.2).out()
    b = pyo.Delay(src, delay=0.1, feedback=0.4).out(1)

    def change():
        a.setDelay(0.0311)
        b.setDelay(0.0173)
        b.setFeedback(1.2)
    at(events, 0.5, change)
    return [f, src, fb, a, b]


@golden("sdelay_basic")
def sdelay_basic(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.02, dur=0.1).play(); src = Sine(440, mul=f);
    SDelay(src).out(); SDelay(src, delay=0.01, maxdelay=0.0123, mul=0.5).out(1)
    (0.01 s is 440 samples: int(f64(f32(0.01))*44100))."""
    f, src = burst(pyo, 0.005, 0.02, 0.1)
    d1 = pyo.SDelay(src).out()
    d2 = pyo.SDelay(src, delay=0.01, maxdelay=0.0123, mul=0.5).out(1)
    return [f, src, d1, d2]


@golden("sdelay_audio_list_setters")
def sdelay_audio_list_setters(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.02, dur=0.1).play(); src = Sine(440, mul=f);
    dt = Sine(3, mul=0.06, add=0.05); a = SDelay(src, delay=dt, maxdelay=0.1).out();
    b = SDelay(src, delay=[0.0, 0.2], maxdelay=0.3, mul=0.5).out();
    at 0.5 s (block 86): b.setDelay(0.0123)."""
    f, src = burst(pyo, 0.005, 0.02, 0.1)
    dt = pyo.Sine(3, mul=0.06, add=0.05)
    a = pyo.SDelay(src, delay=dt, maxdelay=0.1).out()
    b = pyo.SDelay(src, delay=[0.0, 0.2], maxdelay=0.3, mul=0.5).out()
    at(events, 0.5, lambda: b.setDelay(0.0123))
    return [f, src, dt, a, b]
