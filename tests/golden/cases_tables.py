# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
#
# Golden cases of the table family: table classes (HarmTable, HannTable,
# LinTable, CosTable, ExpTable, NewTable) heard through the objects that read
# and write them (Osc, TableRead, TableRec, TrigEnv).  Written from pyo's
# documented Python API only.
from render_golden import golden, at

PTS = [(0, 0.3), (77, 0.7), (500, -0.1), (801, 0.9)]
SQUARE = [1, 0, .33, 0, .2, 0, .143, 0, .111]


@golden("osc_harm", dur=0.5)
def osc_harm(s, pyo, events):
    """t1 = HarmTable(); Osc(t1, mul=0.5).out();
    t2 = HarmTable([1, 0, .33, 0, .2, 0, .143, 0, .111], size=1000);
    Osc(t2, freq=199.7, phase=0.25, interp=4, mul=0.3).out(1)."""
    t1 = pyo.HarmTable()
    a = pyo.Osc(t1, mul=0.5).out()
    t2 = pyo.HarmTable(SQUARE, size=1000)
    b = pyo.Osc(t2, freq=199.7, phase=0.25, interp=4, mul=0.3).out(1)
    return [t1, t2, a, b]


@golden("osc_audio_list", dur=0.5)
def osc_audio_list(s, pyo, events):
    """t = HarmTable([1, 0.5, 0.3], size=2048); lfo = Sine(3, mul=200, add=500);
    Osc(t, freq=lfo, phase=[0, 0.5], mul=0.3).out(): stream 0 left, 1 right."""
    t = pyo.HarmTable([1, 0.5, 0.3], size=2048)
    lfo = pyo.Sine(3, mul=200, add=500)
    a = pyo.Osc(t, freq=lfo, phase=[0, 0.5], mul=0.3).out()
    return [t, lfo, a]


@golden("osc_phase_interp", dur=0.5)
def osc_phase_interp(s, pyo, events):
    """t = HarmTable([1, 0.5, 0.3, 0, 0.2], size=1000); ph = Sine(5, mul=0.4, add=0.5);
    Osc(t, freq=300, phase=ph, interp=3, mul=0.4).out(); Osc(t, freq=-441.7, interp=1, mul=0.4).out(1)."""
    t = pyo.HarmTable([1, 0.5, 0.3, 0, 0.2], size=1000)
    ph = pyo.Sine(5, mul=0.4, add=0.5)
    a = pyo.Osc(t, freq=300, phase=ph, interp=3, mul=0.4).out()
    b = pyo.Osc(t, freq=-441.7, interp=1, mul=0.4).out(1)
    return [t, ph, a, b]


@golden("osc_setters", dur=0.5)
def osc_setters(s, pyo, events):
    """t = HarmTable([1, 0, 0.3]); t2 = HarmTable(size=1000); a = Osc(t, 220, mul=0.4).out();
    b = Osc(t2, 330, mul=0.4).out(1); at 0.25 s (block 43): a.setFreq(500), a.setPhase(0.3),
    a.setInterp(1), t.replace([0.5, 0.5, 0.5]), b.setTable(t)."""
    t = pyo.HarmTable([1, 0, 0.3])
    t2 = pyo.HarmTable(size=1000)
    a = pyo.Osc(t, 220, mul=0.4).out()
    b = pyo.Osc(t2, 330, mul=0.4).out(1)

    def change():
        a.setFreq(500)
        a.setPhase(0.3)
        a.setInterp(1)
        t.replace([0.5, 0.5, 0.5])
        b.setTable(t)
    at(events, 0.25, change)
    return [t, t2, a, b]


@golden("lintable_costable", dur=0.5)
def lintable_costable(s, pyo, events):
    """LinTable / CosTable([(0, 0.3), (77, 0.7), (500, -0.1), (801, 0.9)], size=1000), each read by
    Osc(freq=130.3, mul=0.5): LinTable left, CosTable right."""
    t1 = pyo.LinTable(PTS, size=1000)
    t2 = pyo.CosTable(PTS, size=1000)
    a = pyo.Osc(t1, freq=130.3, mul=0.5).out()
    b = pyo.Osc(t2, freq=130.3, mul=0.5).out(1)
    return [t1, t2, a, b]


@golden("tables_default", dur=0.5)
def tables_default(s, pyo, events):
    """Osc(LinTable(), 100, mul=0.5).out(); Osc(CosTable(), 150, mul=0.5).out(1);
    Osc(ExpTable(), 100, mul=0.5).out(1); Osc(HannTable(), 75, mul=0.5).out()."""
    t1, t2, t3, t4 = pyo.LinTable(), pyo.CosTable(), pyo.ExpTable(), pyo.HannTable()
    a = pyo.Osc(t1, 100, mul=0.5).out()
    b = pyo.Osc(t2, 150, mul=0.5).out(1)
    c = pyo.Osc(t3, 100, mul=0.5).out(1)
    d = pyo.Osc(t4, 75, mul=0.5).out()
    return [t1, t2, t3, t4, a, b, c, d]


@golden("exptable_hanntable", dur=0.5)
def exptable_hanntable(s, pyo, events):
    """e = ExpTable([(0, 0.3), (77, 0.7), (500, -0.1), (801, 0.9)], exp=3.3, size=1000);
    Osc(e, 87.1, mul=0.5).out(); h = HannTable(999); Osc(h, 111.1, interp=3, mul=0.5).out(1);
    at 0.25 s (block 43): e.setExp(2), e.setInverse(False)."""
    e = pyo.ExpTable(PTS, exp=3.3, size=1000)
    a = pyo.Osc(e, 87.1, mul=0.5).out()
    h = pyo.HannTable(999)
    b = pyo.Osc(h, 111.1, interp=3, mul=0.5).out(1)

    def change():
        e.setExp(2)
        e.setInverse(False)
    at(events, 0.25, change)
    return [e, h, a, b]


PTS5 = PTS + [(999, 0.5)]


@golden("tableread_loop", dur=0.5)
def tableread_loop(s, pyo, events):
    """t = LinTable([(0, 0.3), (77, 0.7), (500, -0.1), (801, 0.9), (999, 0.5)], size=1000);
    a = TableRead(t, freq=[30.3, 41.7], loop=[0, 1], mul=0.5).out() (left once, right loops);
    at 0.25 s (block 43): a.play() (both restart from the start)."""
    t = pyo.LinTable(PTS5, size=1000)
    a = pyo.TableRead(t, freq=[30.3, 41.7], loop=[0, 1], mul=0.5).out()
    at(events, 0.25, lambda: a.play())
    return [t, a]


@golden("tableread_audio", dur=0.5)
def tableread_audio(s, pyo, events):
    """t = HarmTable([1, 0.5], size=512); lfo = Sine(2, mul=10, add=30);
    TableRead(t, freq=lfo, loop=1, interp=3, mul=0.5).out();
    b = TableRead(t, freq=20.5, loop=1, interp=4, mul=0.5).out(1); at 0.25 s: b.setFreq(35.25), b.setInterp(1)."""
    t = pyo.HarmTable([1, 0.5], size=512)
    lfo = pyo.Sine(2, mul=10, add=30)
    a = pyo.TableRead(t, freq=lfo, loop=1, interp=3, mul=0.5).out()
    b = pyo.TableRead(t, freq=20.5, loop=1, interp=4, mul=0.5).out(1)

    def change():
        b.setFreq(35.25)
        b.setInterp(1)
    at(events, 0.25, change)
    return [t, lfo, a, b]


@golden("trigenv_metro", dur=0.5)
def trigenv_metro(s, pyo, events):
    """m = Metro(0.05).play(); te = TrigEnv(m, HannTable(), dur=0.03); Sine(440, mul=te).out();
    m2 = Metro(0.0731).play(); TrigEnv(m2, LinTable([(0, 0), (100, 1), (8191, 0)]), dur=0.04, interp=3, mul=0.5).out(1);
    at 0.25 s (block 43): te.setDur(0.02)."""
    m = pyo.Metro(0.05).play()
    h = pyo.HannTable()
    te = pyo.TrigEnv(m, h, dur=0.03)
    a = pyo.Sine(440, mul=te).out()
    m2 = pyo.Metro(0.0731).play()
    l = pyo.LinTable([(0, 0), (100, 1), (8191, 0)])
    te2 = pyo.TrigEnv(m2, l, dur=0.04, interp=3, mul=0.5).out(1)
    at(events, 0.25, lambda: te.setDur(0.02))
    return [m, h, te, a, m2, l, te2]


@golden("tablerec_newtable", dur=0.5)
def tablerec_newtable(s, pyo, events):
    """src = Sine(1234.5, mul=0.7); t = NewTable(0.01); r = TableRec(src, t, fadetime=0.002).play();
    Osc(t, freq=100.3, mul=0.5).out(); t2 = NewTable(0.0123); r2 = TableRec(src, t2).play();
    TableRead(t2, freq=81.3, loop=1).out(1); at 0.25 s (block 43): r.play() (records again)."""
    src = pyo.Sine(1234.5, mul=0.7)
    t = pyo.NewTable(0.01)
    r = pyo.TableRec(src, t, fadetime=0.002).play()
    a = pyo.Osc(t, freq=100.3, mul=0.5).out()
    t2 = pyo.NewTable(0.0123)
    r2 = pyo.TableRec(src, t2).play()
    b = pyo.TableRead(t2, freq=81.3, loop=1).out(1)
    at(events, 0.25, lambda: r.play())
    return [src, t, r, a, t2, r2, b]


@golden("newtable_feedback", dur=0.5)
def newtable_feedback(s, pyo, events):
    """src = Sine(1234.5, mul=0.7); t = NewTable(0.01, feedback=0.5); r = TableRec(src, t).play();
    Osc(t, freq=100.3, mul=0.5).out(); block 43 (0.25 s): src.setFreq(777), r.play() (half of the old
    recording stays); block 69 (0.4 s): t.setFeedback(0.2), r.play()."""
    src = pyo.Sine(1234.5, mul=0.7)
    t = pyo.NewTable(0.01, feedback=0.5)
    r = pyo.TableRec(src, t).play()
    a = pyo.Osc(t, freq=100.3, mul=0.5).out()

    def again():
        src.setFreq(777)
        r.play()

    def lower():
        t.setFeedback(0.2)
        r.play()
    at(events, 0.25, again)
    at(events, 0.4, lower)
    return [src, t, r, a]
