# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
# Golden cases of the envelopes Adsr, Linseg and Expseg (src/objects/envelopes.rs).
from render_golden import golden, at, SR, BS


@golden("linseg", dur=1.5)
def linseg(s, pyo, events):
    """l1 = Linseg([(0,0),(0.3,1),(0.8,0.2),(1.2,0)]).play(); l2 = Linseg([(0,-1),(0.25,1),(0.5,-1)], loop=True).play();
    Sine(440, mul=l1).out(); Sig(l2, mul=0.5).out(1) (the oracle's case `linseg`)."""
    l1 = pyo.Linseg([(0, 0), (0.3, 1), (0.8, 0.2), (1.2, 0)]).play()
    l2 = pyo.Linseg([(0, -1), (0.25, 1), (0.5, -1)], loop=True).play()
    a = pyo.Sine(440, mul=l1).out()
    b = pyo.Sig(l2, mul=0.5).out(1)
    return [l1, l2, a, b]


@golden("linseg_sweep")
def linseg_sweep(s, pyo, events):
    """sw = Linseg([(0,100),(1.0,8000)]).play(); Sine(freq=sw, mul=0.3).out();
    Sig(Linseg([(0,0),(1.0,1)], mul=[0.5, 0.25]).play()).out(1, inc=0): two streams summed right (mul list)."""
    sw = pyo.Linseg([(0, 100), (1.0, 8000)]).play()
    a = pyo.Sine(freq=sw, mul=0.3).out()
    l = pyo.Linseg([(0, 0), (1.0, 1)], mul=[0.5, 0.25]).play()
    b = pyo.Sig(l).out(1, inc=0)
    return [sw, a, l, b]


@golden("linseg_replay", dur=0.5)
def linseg_replay(s, pyo, events):
    """a = Linseg([(0.005,0.5),(0.01,0.8),(0.0205,0.1),(0.0205,0.6),(0.03,0.3)]).play(), replayed at block 4
    (mid segment: the old step goes on from the first value until 0.005 s) and block 10, stopped at block 16,
    played at block 20; Sig(a).out().
    b = Linseg([(0,0.25),(0.00101,1),(0.01023,0.5)], loop=True, mul=Sine(50), add=0.1).play();
    setList([(0,0.5),(0.0025,-0.2),(0.007,0.3)]) at block 2 (taken at the next loop); setLoop(False) at block 40;
    Sig(b).out(1)."""
    a = pyo.Linseg([(0.005, 0.5), (0.01, 0.8), (0.0205, 0.1), (0.0205, 0.6), (0.03, 0.3)]).play()
    at(events, 4 * BS / SR, lambda: a.play())
    at(events, 10 * BS / SR, lambda: a.play())
    at(events, 16 * BS / SR, lambda: a.stop())
    at(events, 20 * BS / SR, lambda: a.play())
    m = pyo.Sine(50)
    b = pyo.Linseg([(0, 0.25), (0.00101, 1), (0.01023, 0.5)], loop=True, mul=m, add=0.1).play()
    at(events, 2 * BS / SR, lambda: b.setList([(0, 0.5), (0.0025, -0.2), (0.007, 0.3)]))
    at(events, 40 * BS / SR, lambda: b.setLoop(False))
    return [a, m, b, pyo.Sig(a).out(), pyo.Sig(b).out(1)]


@golden("expseg", dur=1.0)
def expseg(s, pyo, events):
    """e1 = Expseg([(0,0.001),(0.3,1),(0.8,0.2),(1.0,0.001)]).play() (defaults exp 10, inverse; from 0.001:
    rpyo flushes subnormals, pyo does not);
    e2 = Expseg([(0,0.1),(0.1,0.3),(0.25,0.13),(0.4,0.7)], exp=3, inverse=False).play();
    Sine(440, mul=e1).out(); Sig(e2).out(1)."""
    e1 = pyo.Expseg([(0, 0.001), (0.3, 1), (0.8, 0.2), (1.0, 0.001)]).play()
    e2 = pyo.Expseg([(0, 0.1), (0.1, 0.3), (0.25, 0.13), (0.4, 0.7)], exp=3, inverse=False).play()
    return [e1, e2, pyo.Sine(440, mul=e1).out(), pyo.Sig(e2).out(1)]


@golden("expseg_replay", dur=0.5)
def expseg_replay(s, pyo, events):
    """a = Expseg([(0.005,0.5),(0.01,0.8),(0.02,0.1)], exp=2).play(), setExp(0.5) at block 1 (next segment),
    replayed at block 2 (the old curve from 0 until 0.005 s) and block 6, setInverse(False) at block 7;
    Sig(a).out().
    b = Expseg([(0.002,0.25),(0.005,1),(0.01,0.5)], exp=3, loop=True, mul=[1, 0.5]).play();
    setList([(0,0.5),(0.0025,-0.2),(0.007,0.3)]) at block 3 (next loop); setLoop(False) at block 30;
    Sig(b).out(1, inc=0): both streams right."""
    a = pyo.Expseg([(0.005, 0.5), (0.01, 0.8), (0.02, 0.1)], exp=2).play()
    at(events, 1 * BS / SR, lambda: a.setExp(0.5))
    at(events, 2 * BS / SR, lambda: a.play())
    at(events, 6 * BS / SR, lambda: a.play())
    at(events, 7 * BS / SR, lambda: a.setInverse(False))
    b = pyo.Expseg([(0.002, 0.25), (0.005, 1), (0.01, 0.5)], exp=3, loop=True, mul=[1, 0.5]).play()
    at(events, 3 * BS / SR, lambda: b.setList([(0, 0.5), (0.0025, -0.2), (0.007, 0.3)]))
    at(events, 30 * BS / SR, lambda: b.setLoop(False))
    return [a, b, pyo.Sig(a).out(), pyo.Sig(b).out(1, inc=0)]


@golden("adsr", dur=1.5)
def adsr(s, pyo, events):
    """e1 = Adsr(0.05, 0.1, 0.6, 0.3, dur=1.0, mul=0.5).play(); e2 = Adsr(0.02, 0.1, 0.5, 0.2, dur=0, mul=0.5);
    Sine(440, mul=e1).out(); Sine(550, mul=e2).out(1); e2.play() at 0.1 s, stop() at 0.6 s, play() at 0.9 s
    (the oracle's case `adsr`)."""
    e1 = pyo.Adsr(attack=0.05, decay=0.1, sustain=0.6, release=0.3, dur=1.0, mul=0.5).play()
    e2 = pyo.Adsr(attack=0.02, decay=0.1, sustain=0.5, release=0.2, dur=0, mul=0.5)
    a = pyo.Sine(440, mul=e1).out()
    b = pyo.Sine(550, mul=e2).out(1)
    at(events, 0.1, lambda: e2.play())
    at(events, 0.6, lambda: e2.stop())
    at(events, 0.9, lambda: e2.play())
    return [e1, e2, a, b]


@golden("adsr_edges", dur=1.0)
def adsr_edges(s, pyo, events):
    """a = Adsr().play() (defaults), stop() at 0.3 s; Sig(a).out().
    b = Adsr(attack=0.1, decay=0.1, sustain=[0.5, 1.5], release=0.2, mul=0.5) (two streams, 1.5 clamps to 1),
    setExp(2), play(); stop() at 0.05 s (during the attack), play() at 0.2 s (during the release), setSustain(0.3)
    at 0.3 s, stop() at 0.5 s, play() at 0.6 s, setAttack(0) and setDecay(0.02) at 0.7 s, stop() at 0.8 s;
    Sig(b).out(1, inc=0): both streams right."""
    a = pyo.Adsr().play()
    at(events, 0.3, lambda: a.stop())
    b = pyo.Adsr(attack=0.1, decay=0.1, sustain=[0.5, 1.5], release=0.2, mul=0.5)
    b.setExp(2)
    b.play()
    at(events, 0.05, lambda: b.stop())
    at(events, 0.2, lambda: b.play())
    at(events, 0.3, lambda: b.setSustain(0.3))
    at(events, 0.5, lambda: b.stop())
    at(events, 0.6, lambda: b.play())

    def change():
        b.setAttack(0)
        b.setDecay(0.02)
    at(events, 0.7, change)
    at(events, 0.8, lambda: b.stop())
    return [a, b, pyo.Sig(a).out(), pyo.Sig(b).out(1, inc=0)]


@golden("fader_edges", dur=1.0)
def fader_edges(s, pyo, events):
    """a = Fader(fadein=0.1, fadeout=0.1, mul=0.5, add=0.1).play(); stop() at 0.2 s; Sig(a).out().
    b = Fader(fadein=0.2, fadeout=0.1, mul=0.5).play(); stop() at 0.1 s (during the attack), play() at 0.15 s
    (during the release), stop() at 0.5 s; Sig(b).out(1)."""
    a = pyo.Fader(fadein=0.1, fadeout=0.1, mul=0.5, add=0.1).play()
    at(events, 0.2, lambda: a.stop())
    b = pyo.Fader(fadein=0.2, fadeout=0.1, mul=0.5).play()
    at(events, 0.1, lambda: b.stop())
    at(events, 0.15, lambda: b.play())
    at(events, 0.5, lambda: b.stop())
    return [a, b, pyo.Sig(a).out(), pyo.Sig(b).out(1)]


@golden("adsr_short_dur", dur=0.5)
def adsr_short_dur(s, pyo, events):
    """a = Adsr(attack=0.1, decay=0.1, sustain=0.5, release=0.1, dur=0.15).play(): the stream ends after the
    block in which 0.15 s passed, still in its decay, and its last block stays in its buffer; Sig(a).out().
    b = Fader(fadein=0.2, fadeout=0.1, dur=0.15, add=0.05).play(); Sig(b).out(1)."""
    a = pyo.Adsr(attack=0.1, decay=0.1, sustain=0.5, release=0.1, dur=0.15).play()
    b = pyo.Fader(fadein=0.2, fadeout=0.1, dur=0.15, add=0.05).play()
    return [a, b, pyo.Sig(a).out(), pyo.Sig(b).out(1)]
