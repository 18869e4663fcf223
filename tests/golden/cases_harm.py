# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
#
# Golden cases of Harmonizer.  Rendered by render_golden.py; see its header
# for how.
#
# These cases are rendered with pyo's DOUBLE-precision build (pyo64), not the
# single-precision one: pyo 1.1.0's single-precision Harmonizer outputs NaN
# from its first sample on, for every input (even Sig(0)), transposition,
# feedback (even 0) and window size, under the offline, embedded and manual
# servers and buffer sizes 1, 64 and 256 (measured; see the report of the
# branch `harm`).  pyo64 computes Sine, Linseg and the master amplitude in
# double precision too, so the inputs here come through Input from the
# server's input buffer (the same f32 values in both), and the tests allow
# for the rest (see tests/golden_harm.rs).
import math

from render_golden import golden, at, SR, BS


def feed(block):
    """Input channel 0: the signal to transpose; channel 1: a transposition
    in semitones (both computed in f64, then stored as f32)."""
    vals = []
    for k in range(BS):
        n = block * BS + k
        vals.append(0.4 * math.sin(2 * math.pi * 330 * n / SR)
                    + 0.2 * math.sin(2 * math.pi * 1234.5 * n / SR))
        vals.append(7 * math.sin(2 * math.pi * 1.5 * n / SR))
    return vals


@golden("harmonizer_basic", dur=0.5, duplex=1, pyo64=True)
def harmonizer_basic(s, pyo, events):
    """pyo64 (double-precision build); duplex=1, input ch0 = f32(0.4*sin(2*pi*330*n/44100)
    + 0.2*sin(2*pi*1234.5*n/44100)), ch1 = f32(7*sin(2*pi*1.5*n/44100)) (f64 maths);
    x = Input(0); Harmonizer(x).out(); Harmonizer(x, transpo=5, feedback=0.4, winsize=0.05, mul=0.7).out(1)."""
    x = pyo.Input(0)
    a = pyo.Harmonizer(x).out()
    b = pyo.Harmonizer(x, transpo=5, feedback=0.4, winsize=0.05, mul=0.7).out(1)
    return [x, a, b], feed


@golden("harmonizer_audio_list", dur=1.0, duplex=1, pyo64=True)
def harmonizer_audio_list(s, pyo, events):
    """pyo64; input as harmonizer_basic; x = Input(0); t = Input(1);
    fb = Linseg([(0, 0), (0.5, 0.9)]).play();
    h = Harmonizer(x, transpo=t, feedback=fb, winsize=[0.1, 0.043], mul=0.5).out();
    at 0.5 s: h.setFeedback(0.3), h.setWinsize(0.2), h.setTranspo(-3.5)."""
    x = pyo.Input(0)
    t = pyo.Input(1)
    fb = pyo.Linseg([(0, 0), (0.5, 0.9)]).play()
    h = pyo.Harmonizer(x, transpo=t, feedback=fb, winsize=[0.1, 0.043], mul=0.5).out()

    def change():
        h.setFeedback(0.3)
        h.setWinsize(0.2)
        h.setTranspo(-3.5)
    at(events, 0.5, change)
    return [x, t, fb, h], feed


@golden("harmonizer_edges", dur=0.5, duplex=1, pyo64=True)
def harmonizer_edges(s, pyo, events):
    """pyo64; input as harmonizer_basic; x = Input(0);
    a = Harmonizer(x, transpo=12, feedback=1.5, winsize=2.0, mul=0.5).out() (feedback clamped to 1,
    winsize refused: 0.1); b = Harmonizer(x, transpo=-24, feedback=0.2, winsize=0.02).out(1);
    at 0.25 s: b.setWinsize(0) (refused: stays 0.02), b.setTranspo(7.3)."""
    x = pyo.Input(0)
    a = pyo.Harmonizer(x, transpo=12, feedback=1.5, winsize=2.0, mul=0.5).out()
    b = pyo.Harmonizer(x, transpo=-24, feedback=0.2, winsize=0.02).out(1)

    def change():
        b.setWinsize(0)
        b.setTranspo(7.3)
    at(events, 0.25, change)
    return [x, a, b], feed


@golden("reset_harmonizer", dur=0.5, duplex=1, pyo64=True)
def reset_harmonizer(s, pyo, events):
    """pyo64; duplex=1, input as harmonizer_basic; x = Input(0); a = Harmonizer(x, transpo=-5, feedback=0.5).out();
    b = Harmonizer(x, transpo=3, winsize=0.05).out(1); a.reset() at 0.2 s, b.reset() at 0.3 s (the delay line
    goes back to zeros)."""
    x = pyo.Input(0)
    a = pyo.Harmonizer(x, transpo=-5, feedback=0.5).out()
    b = pyo.Harmonizer(x, transpo=3, winsize=0.05).out(1)
    at(events, 0.2, lambda: a.reset())
    at(events, 0.3, lambda: b.reset())
    return [x, a, b], feed
