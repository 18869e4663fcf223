//! rpyo against pyo 1.1.0: the table family (tests/golden/cases_tables.py).

mod common;

use common::golden::{check, new, render};

const PTS: &str = "[(0, 0.3), (77, 0.7), (500, -0.1), (801, 0.9)]";
const SQUARE: &str = "[1, 0, .33, 0, .2, 0, .143, 0, .111]";

#[test]
fn osc_harm() {
    let out = render(0.5, None, false, |s, _| {
        let t1 = new(s, "HarmTable", "");
        let a = new(s, "Osc", &format!("@{}, mul=0.5", t1.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let t2 = new(s, "HarmTable", &format!("{SQUARE}, size=1000"));
        let b = new(s, "Osc", &format!("@{}, freq=199.7, phase=0.25, interp=4, mul=0.3", t2.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    check("osc_harm", &out);
}

#[test]
fn osc_audio_list() {
    let out = render(0.5, None, false, |s, _| {
        let t = new(s, "HarmTable", "[1, 0.5, 0.3], size=2048");
        let lfo = new(s, "Sine", "3, mul=200, add=500");
        let a = new(s, "Osc", &format!("@{}, freq=@{}, phase=[0, 0.5], mul=0.3", t.id, lfo.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
    });
    check("osc_audio_list", &out);
}

#[test]
fn osc_phase_interp() {
    let out = render(0.5, None, false, |s, _| {
        let t = new(s, "HarmTable", "[1, 0.5, 0.3, 0, 0.2], size=1000");
        let ph = new(s, "Sine", "5, mul=0.4, add=0.5");
        let a = new(s, "Osc", &format!("@{}, freq=300, phase=@{}, interp=3, mul=0.4", t.id, ph.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Osc", &format!("@{}, freq=-441.7, interp=1, mul=0.4", t.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    check("osc_phase_interp", &out);
}

#[test]
fn osc_setters() {
    let out = render(0.5, None, false, |s, p| {
        let t = new(s, "HarmTable", "[1, 0, 0.3]");
        let t2 = new(s, "HarmTable", "size=1000");
        let a = new(s, "Osc", &format!("@{}, 220, mul=0.4", t.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Osc", &format!("@{}, 330, mul=0.4", t2.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| {
            s.object_set_float(a, "freq", 500.0).unwrap();
            s.object_set_float(a, "phase", 0.3).unwrap();
            s.object_set_float(a, "interp", 1.0).unwrap();
            s.object_set_list(t, "list", &[0.5, 0.5, 0.5]).unwrap();
            s.object_set_object(b, "table", t).unwrap();
        });
    });
    check("osc_setters", &out);
}

#[test]
fn lintable_costable() {
    let out = render(0.5, None, false, |s, _| {
        let t1 = new(s, "LinTable", &format!("{PTS}, size=1000"));
        let t2 = new(s, "CosTable", &format!("{PTS}, size=1000"));
        let a = new(s, "Osc", &format!("@{}, freq=130.3, mul=0.5", t1.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Osc", &format!("@{}, freq=130.3, mul=0.5", t2.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    check("lintable_costable", &out);
}

#[test]
fn tables_default() {
    let out = render(0.5, None, false, |s, _| {
        let tables: Vec<_> = ["LinTable", "CosTable", "ExpTable", "HannTable"].iter().map(|c| new(s, c, "")).collect();
        for (t, (freq, chnl)) in tables.iter().zip([(100, 0), (150, 1), (100, 1), (75, 0)]) {
            let o = new(s, "Osc", &format!("@{}, {freq}, mul=0.5", t.id));
            s.object_out(o, chnl, 1, 0.0, 0.0).unwrap();
        }
    });
    check("tables_default", &out);
}

#[test]
fn exptable_hanntable() {
    let out = render(0.5, None, false, |s, p| {
        let e = new(s, "ExpTable", &format!("{PTS}, exp=3.3, size=1000"));
        let a = new(s, "Osc", &format!("@{}, 87.1, mul=0.5", e.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let h = new(s, "HannTable", "999");
        let b = new(s, "Osc", &format!("@{}, 111.1, interp=3, mul=0.5", h.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| {
            s.object_set_float(e, "exp", 2.0).unwrap();
            s.object_set_float(e, "inverse", 0.0).unwrap();
        });
    });
    check("exptable_hanntable", &out);
}

const PTS5: &str = "[(0, 0.3), (77, 0.7), (500, -0.1), (801, 0.9), (999, 0.5)]";

#[test]
fn tableread_loop() {
    let out = render(0.5, None, false, |s, p| {
        let t = new(s, "LinTable", &format!("{PTS5}, size=1000"));
        let a = new(s, "TableRead", &format!("@{}, freq=[30.3, 41.7], loop=[0, 1], mul=0.5", t.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| s.object_play(a, 0.0, 0.0).unwrap());
    });
    check("tableread_loop", &out);
}

#[test]
fn tableread_audio() {
    let out = render(0.5, None, false, |s, p| {
        let t = new(s, "HarmTable", "[1, 0.5], size=512");
        let lfo = new(s, "Sine", "2, mul=10, add=30");
        let a = new(s, "TableRead", &format!("@{}, freq=@{}, loop=1, interp=3, mul=0.5", t.id, lfo.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "TableRead", &format!("@{}, freq=20.5, loop=1, interp=4, mul=0.5", t.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| {
            s.object_set_float(b, "freq", 35.25).unwrap();
            s.object_set_float(b, "interp", 1.0).unwrap();
        });
    });
    check("tableread_audio", &out);
}

#[test]
fn trigenv_metro() {
    let out = render(0.5, None, false, |s, p| {
        let m = new(s, "Metro", "0.05");
        s.object_play(m, 0.0, 0.0).unwrap();
        let h = new(s, "HannTable", "");
        let te = new(s, "TrigEnv", &format!("@{}, @{}, dur=0.03", m.id, h.id));
        let a = new(s, "Sine", "440");
        s.object_set_object(a, "mul", te).unwrap();
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let m2 = new(s, "Metro", "0.0731");
        s.object_play(m2, 0.0, 0.0).unwrap();
        let l = new(s, "LinTable", "[(0, 0), (100, 1), (8191, 0)]");
        let te2 = new(s, "TrigEnv", &format!("@{}, @{}, dur=0.04, interp=3, mul=0.5", m2.id, l.id));
        s.object_out(te2, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| s.object_set_float(te, "dur", 0.02).unwrap());
    });
    check("trigenv_metro", &out);
}

#[test]
fn tablerec_newtable() {
    let out = render(0.5, None, false, |s, p| {
        let src = new(s, "Sine", "1234.5, mul=0.7");
        let t = new(s, "NewTable", "0.01");
        let r = new(s, "TableRec", &format!("@{}, @{}, fadetime=0.002", src.id, t.id));
        s.object_play(r, 0.0, 0.0).unwrap();
        let a = new(s, "Osc", &format!("@{}, freq=100.3, mul=0.5", t.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let t2 = new(s, "NewTable", "0.0123");
        let r2 = new(s, "TableRec", &format!("@{}, @{}", src.id, t2.id));
        s.object_play(r2, 0.0, 0.0).unwrap();
        let b = new(s, "TableRead", &format!("@{}, freq=81.3, loop=1", t2.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| s.object_play(r, 0.0, 0.0).unwrap());
    });
    check("tablerec_newtable", &out);
}

#[test]
fn newtable_feedback() {
    let out = render(0.5, None, false, |s, p| {
        let src = new(s, "Sine", "1234.5, mul=0.7");
        let t = new(s, "NewTable", "0.01, feedback=0.5");
        let r = new(s, "TableRec", &format!("@{}, @{}", src.id, t.id));
        s.object_play(r, 0.0, 0.0).unwrap();
        let a = new(s, "Osc", &format!("@{}, freq=100.3, mul=0.5", t.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| {
            s.object_set_float(src, "freq", 777.0).unwrap();
            s.object_play(r, 0.0, 0.0).unwrap();
        });
        p.at(0.4, move |s| {
            s.object_set_float(t, "feedback", 0.2).unwrap();
            s.object_play(r, 0.0, 0.0).unwrap();
        });
    });
    check("newtable_feedback", &out);
}
