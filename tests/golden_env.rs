//! Envelopes (Adsr, Linseg, Expseg) against pyo 1.1.0: the cases of
//! tests/golden/cases_env.py, rebuilt through rpyo's API.

mod common;

use common::golden::{check, new, render, BS, SR};

/// The time of the start of block `b` (events land on that block).
fn block(b: usize) -> f64 {
    (b * BS) as f64 / SR
}

#[test]
fn linseg() {
    let out = render(1.5, None, false, |s, p| {
        let l1 = new(s, "Linseg", "[(0, 0), (0.3, 1), (0.8, 0.2), (1.2, 0)]");
        s.object_play(l1, 0.0, 0.0).unwrap();
        let l2 = new(s, "Linseg", "[(0, -1), (0.25, 1), (0.5, -1)], loop=True");
        s.object_play(l2, 0.0, 0.0).unwrap();
        let a = new(s, "Sine", &format!("440, mul=@{}", l1.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Sig", &format!("@{}, mul=0.5", l2.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.keep.extend([l1, l2]);
    });
    check("linseg", &out);
}

#[test]
fn linseg_sweep() {
    let out = render(1.0, None, false, |s, _| {
        let sw = new(s, "Linseg", "[(0, 100), (1.0, 8000)]");
        s.object_play(sw, 0.0, 0.0).unwrap();
        let a = new(s, "Sine", &format!("freq=@{}, mul=0.3", sw.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let l = new(s, "Linseg", "[(0, 0), (1.0, 1)], mul=[0.5, 0.25]");
        s.object_play(l, 0.0, 0.0).unwrap();
        let b = new(s, "Sig", &format!("@{}", l.id));
        s.object_out(b, 1, 0, 0.0, 0.0).unwrap();
    });
    check("linseg_sweep", &out);
}

#[test]
fn linseg_replay() {
    let out = render(0.5, None, false, |s, p| {
        let a = new(s, "Linseg", "[(0.005, 0.5), (0.01, 0.8), (0.0205, 0.1), (0.0205, 0.6), (0.03, 0.3)]");
        s.object_play(a, 0.0, 0.0).unwrap();
        p.at(block(4), move |s| s.object_play(a, 0.0, 0.0).unwrap());
        p.at(block(10), move |s| s.object_play(a, 0.0, 0.0).unwrap());
        p.at(block(16), move |s| s.object_stop(a, 0.0).unwrap());
        p.at(block(20), move |s| s.object_play(a, 0.0, 0.0).unwrap());
        let m = new(s, "Sine", "50");
        let b =
            new(s, "Linseg", &format!("[(0, 0.25), (0.00101, 1), (0.01023, 0.5)], loop=True, mul=@{}, add=0.1", m.id));
        s.object_play(b, 0.0, 0.0).unwrap();
        p.at(block(2), move |s| s.object_set_list(b, "list", &[0.0, 0.5, 0.0025, -0.2, 0.007, 0.3]).unwrap());
        p.at(block(40), move |s| s.object_set_float(b, "loop", 0.0).unwrap());
        let sa = new(s, "Sig", &format!("@{}", a.id));
        s.object_out(sa, 0, 1, 0.0, 0.0).unwrap();
        let sb = new(s, "Sig", &format!("@{}", b.id));
        s.object_out(sb, 1, 1, 0.0, 0.0).unwrap();
    });
    check("linseg_replay", &out);
}

#[test]
fn expseg() {
    let out = render(1.0, None, false, |s, _| {
        let e1 = new(s, "Expseg", "[(0, 0.001), (0.3, 1), (0.8, 0.2), (1.0, 0.001)]");
        s.object_play(e1, 0.0, 0.0).unwrap();
        let e2 = new(s, "Expseg", "[(0, 0.1), (0.1, 0.3), (0.25, 0.13), (0.4, 0.7)], exp=3, inverse=False");
        s.object_play(e2, 0.0, 0.0).unwrap();
        let a = new(s, "Sine", &format!("440, mul=@{}", e1.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Sig", &format!("@{}", e2.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    check("expseg", &out);
}

#[test]
fn expseg_replay() {
    let out = render(0.5, None, false, |s, p| {
        let a = new(s, "Expseg", "[(0.005, 0.5), (0.01, 0.8), (0.02, 0.1)], exp=2");
        s.object_play(a, 0.0, 0.0).unwrap();
        p.at(block(1), move |s| s.object_set_float(a, "exp", 0.5).unwrap());
        p.at(block(2), move |s| s.object_play(a, 0.0, 0.0).unwrap());
        p.at(block(6), move |s| s.object_play(a, 0.0, 0.0).unwrap());
        p.at(block(7), move |s| s.object_set_float(a, "inverse", 0.0).unwrap());
        let b = new(s, "Expseg", "[(0.002, 0.25), (0.005, 1), (0.01, 0.5)], exp=3, loop=True, mul=[1, 0.5]");
        s.object_play(b, 0.0, 0.0).unwrap();
        p.at(block(3), move |s| s.object_set_list(b, "list", &[0.0, 0.5, 0.0025, -0.2, 0.007, 0.3]).unwrap());
        p.at(block(30), move |s| s.object_set_float(b, "loop", 0.0).unwrap());
        let sa = new(s, "Sig", &format!("@{}", a.id));
        s.object_out(sa, 0, 1, 0.0, 0.0).unwrap();
        let sb = new(s, "Sig", &format!("@{}", b.id));
        s.object_out(sb, 1, 0, 0.0, 0.0).unwrap();
    });
    check("expseg_replay", &out);
}

#[test]
fn adsr() {
    let out = render(1.5, None, false, |s, p| {
        let e1 = new(s, "Adsr", "attack=0.05, decay=0.1, sustain=0.6, release=0.3, dur=1.0, mul=0.5");
        s.object_play(e1, 0.0, 0.0).unwrap();
        let e2 = new(s, "Adsr", "attack=0.02, decay=0.1, sustain=0.5, release=0.2, dur=0, mul=0.5");
        let a = new(s, "Sine", &format!("440, mul=@{}", e1.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Sine", &format!("550, mul=@{}", e2.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.1, move |s| s.object_play(e2, 0.0, 0.0).unwrap());
        p.at(0.6, move |s| s.object_stop(e2, 0.0).unwrap());
        p.at(0.9, move |s| s.object_play(e2, 0.0, 0.0).unwrap());
    });
    check("adsr", &out);
}

#[test]
fn adsr_edges() {
    let out = render(1.0, None, false, |s, p| {
        let a = new(s, "Adsr", "");
        s.object_play(a, 0.0, 0.0).unwrap();
        p.at(0.3, move |s| s.object_stop(a, 0.0).unwrap());
        let b = new(s, "Adsr", "attack=0.1, decay=0.1, sustain=[0.5, 1.5], release=0.2, mul=0.5");
        s.object_set_float(b, "exp", 2.0).unwrap();
        s.object_play(b, 0.0, 0.0).unwrap();
        p.at(0.05, move |s| s.object_stop(b, 0.0).unwrap());
        p.at(0.2, move |s| s.object_play(b, 0.0, 0.0).unwrap());
        p.at(0.3, move |s| s.object_set_float(b, "sustain", 0.3).unwrap());
        p.at(0.5, move |s| s.object_stop(b, 0.0).unwrap());
        p.at(0.6, move |s| s.object_play(b, 0.0, 0.0).unwrap());
        p.at(0.7, move |s| {
            s.object_set_float(b, "attack", 0.0).unwrap();
            s.object_set_float(b, "decay", 0.02).unwrap();
        });
        p.at(0.8, move |s| s.object_stop(b, 0.0).unwrap());
        let sa = new(s, "Sig", &format!("@{}", a.id));
        s.object_out(sa, 0, 1, 0.0, 0.0).unwrap();
        let sb = new(s, "Sig", &format!("@{}", b.id));
        s.object_out(sb, 1, 0, 0.0, 0.0).unwrap();
    });
    check("adsr_edges", &out);
}

#[test]
fn fader_edges() {
    let out = render(1.0, None, false, |s, p| {
        let a = new(s, "Fader", "fadein=0.1, fadeout=0.1, mul=0.5, add=0.1");
        s.object_play(a, 0.0, 0.0).unwrap();
        p.at(0.2, move |s| s.object_stop(a, 0.0).unwrap());
        let b = new(s, "Fader", "fadein=0.2, fadeout=0.1, mul=0.5");
        s.object_play(b, 0.0, 0.0).unwrap();
        p.at(0.1, move |s| s.object_stop(b, 0.0).unwrap());
        p.at(0.15, move |s| s.object_play(b, 0.0, 0.0).unwrap());
        p.at(0.5, move |s| s.object_stop(b, 0.0).unwrap());
        let sa = new(s, "Sig", &format!("@{}", a.id));
        s.object_out(sa, 0, 1, 0.0, 0.0).unwrap();
        let sb = new(s, "Sig", &format!("@{}", b.id));
        s.object_out(sb, 1, 1, 0.0, 0.0).unwrap();
    });
    check("fader_edges", &out);
}

#[test]
fn adsr_short_dur() {
    let out = render(0.5, None, false, |s, _| {
        let a = new(s, "Adsr", "attack=0.1, decay=0.1, sustain=0.5, release=0.1, dur=0.15");
        s.object_play(a, 0.0, 0.0).unwrap();
        let b = new(s, "Fader", "fadein=0.2, fadeout=0.1, dur=0.15, add=0.05");
        s.object_play(b, 0.0, 0.0).unwrap();
        let sa = new(s, "Sig", &format!("@{}", a.id));
        s.object_out(sa, 0, 1, 0.0, 0.0).unwrap();
        let sb = new(s, "Sig", &format!("@{}", b.id));
        s.object_out(sb, 1, 1, 0.0, 0.0).unwrap();
    });
    check("adsr_short_dur", &out);
}
