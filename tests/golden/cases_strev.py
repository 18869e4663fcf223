# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
# Golden cases of STRev (stereo reverb: left and right streams per input stream).
# Rendered by render_golden.py (see its header).
from render_golden import golden, at


def burst(pyo, freq=440, dur=0.2):
    """Sine(freq, mul=Fader(fadein=0.005, fadeout=0.05, dur=dur).play()): a short tone."""
    f = pyo.Fader(fadein=0.005, fadeout=0.05, dur=dur).play()
    return f, pyo.Sine(freq, mul=f)


@golden("strev_basic", dur=0.5)
def strev_basic(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.05, dur=0.2).play(); src = Sine(440, mul=f);
    STRev(src).out() (left on channel 0, right on channel 1)."""
    f, src = burst(pyo)
    a = pyo.STRev(src).out()
    return [f, src, a]


@golden("strev_args", dur=0.5)
def strev_args(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.05, dur=0.2).play(); src = Sine(440, mul=f);
    STRev(src, inpos=0.2, revtime=2, cutoff=3000, bal=0.8, roomSize=1.5, firstRefGain=-6, mul=0.8).out()."""
    f, src = burst(pyo)
    a = pyo.STRev(src, inpos=0.2, revtime=2, cutoff=3000, bal=0.8, roomSize=1.5, firstRefGain=-6, mul=0.8).out()
    return [f, src, a]


@golden("strev_audio", dur=0.5)
def strev_audio(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.05, dur=0.2).play(); src = Sine(440, mul=f);
    ip = Sine(2, mul=0.5, add=0.5); rt = Sine(3, mul=0.5, add=1.5); ct = Sine(20, mul=2000, add=4000.3);
    bl = Sine(10, mul=0.4, add=0.5); STRev(src, inpos=ip, revtime=rt, cutoff=ct, bal=bl).out()."""
    f, src = burst(pyo)
    ip = pyo.Sine(2, mul=0.5, add=0.5)
    rt = pyo.Sine(3, mul=0.5, add=1.5)
    ct = pyo.Sine(20, mul=2000, add=4000.3)
    bl = pyo.Sine(10, mul=0.4, add=0.5)
    a = pyo.STRev(src, inpos=ip, revtime=rt, cutoff=ct, bal=bl).out()
    return [f, src, ip, rt, ct, bl, a]


@golden("strev_list_setters", dur=0.5)
def strev_list_setters(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.05, dur=0.2).play(); src = Sine([440, 660], mul=f);
    r = STRev(src, inpos=[0, 0.7], bal=[1, 0.6]) (streams: left 440, right 440, left 660, right 660);
    r[0].out(0); r[3].out(1);
    at 0.25 s: r.setInpos(0.9), r.setRevtime(0.5), r.setCutoff(2000), r.setBal(1),
    r.setFirstRefGain(0). (setRoomSize is left out: pyo's resets the reverb's
    state, which rpyo does not model.)"""
    f = pyo.Fader(fadein=0.005, fadeout=0.05, dur=0.2).play()
    src = pyo.Sine([440, 660], mul=f)
    r = pyo.STRev(src, inpos=[0, 0.7], bal=[1, 0.6])
    a = r[0].out(0)
    b = r[3].out(1)

    def change():
        r.setInpos(0.9)
        r.setRevtime(0.5)
        r.setCutoff(2000)
        r.setBal(1)
        r.setFirstRefGain(0)
    at(events, 0.25, change)
    return [f, src, r, a, b]
