# Part of rpyo. SPDX-License-Identifier: MIT OR Apache-2.0
#
# Golden cases of multichannel tables: a table object of several channels
# (SndTable of a stereo file, NewTable(chnls=2)) is a list of tables; the
# objects reading it (TableRead, Osc, TrigEnv) make one stream per channel,
# the longest list argument winning, and TableRec records input stream i
# into channel i.  The sound files are those of cases_files.py (st16.wav:
# stereo 16-bit WAV 22050 Hz, 3000 frames), written by its make_files().
# Written from pyo's documented Python API only.
from render_golden import golden, at
from cases_files import make_files


@golden("sndtable_stereo_read", dur=0.5)
def sndtable_stereo_read(s, pyo, events):
    """t = SndTable(st16.wav) (two channels); TableRead(t, freq=5.1, loop=1, mul=0.5).out()
    (channel 0 left, 1 right); u = SndTable(st16.wav, start=0.02, stop=0.1);
    Osc(u, freq=40.3, interp=4, mul=0.3).out()."""
    f = make_files()
    t = pyo.SndTable(f["st16.wav"])
    a = pyo.TableRead(t, freq=5.1, loop=1, mul=0.5).out()
    u = pyo.SndTable(f["st16.wav"], start=0.02, stop=0.1)
    b = pyo.Osc(u, freq=40.3, interp=4, mul=0.3).out()
    return [t, a, u, b]


@golden("sndtable_chnl", dur=0.5)
def sndtable_chnl(s, pyo, events):
    """Osc(SndTable(st16.wav, chnl=1, start=0.01, stop=0.1), freq=31.7, mul=0.5).out();
    t = SndTable(st16.wav); Osc(t[1], freq=23.9, interp=3, mul=0.5).out(1)
    (t[1]: the right channel of the stereo table as a table of its own)."""
    f = make_files()
    t1 = pyo.SndTable(f["st16.wav"], chnl=1, start=0.01, stop=0.1)
    a = pyo.Osc(t1, freq=31.7, mul=0.5).out()
    t = pyo.SndTable(f["st16.wav"])
    b = pyo.Osc(t[1], freq=23.9, interp=3, mul=0.5).out(1)
    return [t1, a, t, b]


@golden("sndtable_list_longest", dur=0.5)
def sndtable_list_longest(s, pyo, events):
    """t = SndTable(st16.wav); a = Osc(t, freq=[13.1, 17.3, 9.7], mul=0.3).out()
    (3 streams: stream 2 reads channel 0 again and goes to the left);
    m = Metro(0.07).play(); TrigEnv(m, t, dur=0.05, mul=0.4).out() (2 streams);
    h = HarmTable(); b = Osc(h, freq=[200, 301], mul=0.2).out(); at 0.25 s (block 43):
    b.setTable(t) (stream 0 reads channel 0, stream 1 channel 1)."""
    f = make_files()
    t = pyo.SndTable(f["st16.wav"])
    a = pyo.Osc(t, freq=[13.1, 17.3, 9.7], mul=0.3).out()
    m = pyo.Metro(0.07).play()
    te = pyo.TrigEnv(m, t, dur=0.05, mul=0.4).out()
    h = pyo.HarmTable()
    b = pyo.Osc(h, freq=[200, 301], mul=0.2).out()
    at(events, 0.25, lambda: b.setTable(t))
    return [t, a, m, te, h, b]


@golden("newtable_stereo_rec", dur=0.5)
def newtable_stereo_rec(s, pyo, events):
    """src = Sine([440, 660.5], mul=0.6); t = NewTable(0.02, chnls=2); r = TableRec(src, t).play();
    TableRead(t, freq=47.3, loop=1, mul=0.5).out() (left reads channel 0, right 1);
    t2 = NewTable(0.01, chnls=2, feedback=0.5); r2 = TableRec(Sine(1000, mul=0.5), t2).play()
    (one input stream recorded in both channels); Osc(t2, freq=[100, 150.5], mul=0.3).out();
    at 0.25 s (block 43): src.setFreq([300, 1234.5]), r.play(), r2.play()."""
    src = pyo.Sine([440, 660.5], mul=0.6)
    t = pyo.NewTable(0.02, chnls=2)
    r = pyo.TableRec(src, t).play()
    a = pyo.TableRead(t, freq=47.3, loop=1, mul=0.5).out()
    mono = pyo.Sine(1000, mul=0.5)
    t2 = pyo.NewTable(0.01, chnls=2, feedback=0.5)
    r2 = pyo.TableRec(mono, t2).play()
    b = pyo.Osc(t2, freq=[100, 150.5], mul=0.3).out()

    def again():
        src.setFreq([300, 1234.5])
        r.play()
        r2.play()
    at(events, 0.25, again)
    return [src, t, r, a, mono, t2, r2, b]


@golden("tablerec_more_inputs", dur=0.3)
def tablerec_more_inputs(s, pyo, events):
    """src = Sine([440, 550, 660], mul=0.5); t = NewTable(0.01); TableRec(src, t).play()
    (one stream: only input stream 0 is recorded); Osc(t, 100, mul=0.5).out();
    t3 = NewTable(0.01, chnls=3); TableRec(Sine([700, 900], mul=0.5), t3).play()
    (channel 2 records input stream 0); Osc(t3, freq=[100, 120, 140], mul=0.3).out(1)
    (the three streams all to the right)."""
    src = pyo.Sine([440, 550, 660], mul=0.5)
    t = pyo.NewTable(0.01)
    r = pyo.TableRec(src, t).play()
    a = pyo.Osc(t, 100, mul=0.5).out()
    src2 = pyo.Sine([700, 900], mul=0.5)
    t3 = pyo.NewTable(0.01, chnls=3)
    r3 = pyo.TableRec(src2, t3).play()
    b = pyo.Osc(t3, freq=[100, 120, 140], mul=0.3).out(1, 0)
    return [src, t, r, a, src2, t3, r3, b]



INIT_A = [0.5 * __import__("math").sin(i * 0.2) for i in range(88)]
INIT_B = [(i % 20) / 20 - 0.5 for i in range(88)]


@golden("newtable_init_lists", dur=0.3)
def newtable_init_lists(s, pyo, events):
    """t = NewTable(0.002, chnls=3, init=[A, B]) (88 points; A[i] = 0.5 sin(0.2 i),
    B[i] = (i % 20)/20 - 0.5: channels A, B, A); Osc(t, freq=[300, 200.5, 150.3], mul=0.3).out()
    (streams 0 and 2 left, 1 right)."""
    t = pyo.NewTable(0.002, chnls=3, init=[INIT_A, INIT_B])
    a = pyo.Osc(t, freq=[300, 200.5, 150.3], mul=0.3).out()
    return [t, a]
