# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
# Golden cases for round 3's fixes: Metro's poly clock and tiny periods,
# STRev's setRoomSize while playing. Rendered by render_golden.py.
#
# Tiny periods are written as the shortest decimal of the f32 nearest to
# k/sr (e.g. 0.000022675737 for 1/44100): rpyo's constant parameters arrive
# as f32 and Metro recovers the decimal the user wrote, so the exact f64
# 1/44100 (which pyo would get from `1/44100.`) is out of rpyo's reach.
from render_golden import golden, at


@golden("metro_poly_settime", dur=1.0)
def metro_poly_settime(s, pyo, events):
    """m = Metro(0.1, poly=3).play(); Sig(m, mul=[0.2, 0.5, 0.8]).out()
    (stream 0 x0.2 and stream 2 x0.8 left, stream 1 x0.5 right);
    at 0.23 s (block 40): m.setTime(0.07); at 0.61 s (block 105): m.setTime(0.13)."""
    m = pyo.Metro(0.1, poly=3).play()
    a = pyo.Sig(m, mul=[0.2, 0.5, 0.8]).out()
    at(events, 0.23, lambda: m.setTime(0.07))
    at(events, 0.61, lambda: m.setTime(0.13))
    return [m, a]


@golden("metro_poly_audio", dur=0.5)
def metro_poly_audio(s, pyo, events):
    """t = Sine(5, mul=0.004, add=0.009); m = Metro(t, poly=3).play();
    Sig(m, mul=[0.2, 0.5, 0.8]).out() (streams 0 and 2 left, 1 right);
    at 0.3 s: m.setTime(0.0031)."""
    t = pyo.Sine(5, mul=0.004, add=0.009)
    m = pyo.Metro(t, poly=3).play()
    a = pyo.Sig(m, mul=[0.2, 0.5, 0.8]).out()
    at(events, 0.3, lambda: m.setTime(0.0031))
    return [t, m, a]


@golden("metro_tiny", dur=0.05)
def metro_tiny(s, pyo, events):
    """Periods of about 1, 2, 2.5 and 1.5 samples, each stream with its own gain:
    a = Metro(0.000022675737, poly=3) (1/sr); Sig(a, mul=[0.1, 0.2, 0.4]).out(0, inc=0);
    b = Metro(0.000045351473) (2/sr); Sig(b, mul=0.8).out();
    c = Metro(0.000056689343, poly=2) (2.5/sr); Sig(c, mul=[0.1, 0.2]).out(1, inc=0);
    d = Metro(0.000022675737) (1/sr: fires once); Sig(d, mul=1.6).out(1);
    e = Metro(0.000034013607, poly=2) (1.5/sr); Sig(e, mul=[0.4, 0.8]).out(1, inc=0)."""
    a = pyo.Metro(0.000022675737, poly=3).play()
    b = pyo.Metro(0.000045351473).play()
    c = pyo.Metro(0.000056689343, poly=2).play()
    d = pyo.Metro(0.000022675737).play()
    e = pyo.Metro(0.000034013607, poly=2).play()
    sigs = [pyo.Sig(a, mul=[0.1, 0.2, 0.4]).out(0, inc=0), pyo.Sig(b, mul=0.8).out(),
            pyo.Sig(c, mul=[0.1, 0.2]).out(1, inc=0), pyo.Sig(d, mul=1.6).out(1),
            pyo.Sig(e, mul=[0.4, 0.8]).out(1, inc=0)]
    return [a, b, c, d, e, sigs]


@golden("metro_tiny_change", dur=0.1)
def metro_tiny_change(s, pyo, events):
    """a = Metro(0.001, poly=3).play(); Sig(a, mul=[0.2, 0.3, 0.4]).out(0, inc=0) (all left);
    t = Sine(400, mul=0.000034, add=0.000045); b = Metro(t).play(); Sig(b, mul=0.5).out(1)
    (audio-rate time between 0.5 and 3.5 samples);
    at 0.02 s: a.setTime(0.000034013607) (1.5/sr); at 0.05 s: a.setTime(0.000011337868) (0.5/sr);
    at 0.07 s: a.setTime(0) (never fires); at 0.085 s: a.setTime(0.0005)."""
    a = pyo.Metro(0.001, poly=3).play()
    x = pyo.Sig(a, mul=[0.2, 0.3, 0.4]).out(0, inc=0)
    t = pyo.Sine(400, mul=0.000034, add=0.000045)
    b = pyo.Metro(t).play()
    y = pyo.Sig(b, mul=0.5).out(1)
    at(events, 0.02, lambda: a.setTime(0.000034013607))
    at(events, 0.05, lambda: a.setTime(0.000011337868))
    at(events, 0.07, lambda: a.setTime(0))
    at(events, 0.085, lambda: a.setTime(0.0005))
    return [a, x, t, b, y]


@golden("strev_roomsize", dur=0.5)
def strev_roomsize(s, pyo, events):
    """f = Fader(fadein=0.005, fadeout=0.05, dur=0.2).play(); src = Sine([440, 660], mul=f);
    r = STRev(src, inpos=[0, 0.7], bal=[1, 0.6], roomSize=1.2) (streams: left 440, right 440,
    left 660, right 660); r[0].out(0); r[3].out(1);
    at 0.15 s (block 26, input playing): r.setRoomSize(0.6);
    at 0.35 s (block 60, tail only): r.setRoomSize(2)."""
    f = pyo.Fader(fadein=0.005, fadeout=0.05, dur=0.2).play()
    src = pyo.Sine([440, 660], mul=f)
    r = pyo.STRev(src, inpos=[0, 0.7], bal=[1, 0.6], roomSize=1.2)
    a = r[0].out(0)
    b = r[3].out(1)
    at(events, 0.15, lambda: r.setRoomSize(0.6))
    at(events, 0.35, lambda: r.setRoomSize(2))
    return [f, src, r, a, b]
