//! pyo's object keys (`obj['trig']`, TableRec's `obj['time']`) and the
//! methods beyond the setters, against pyo 1.1.0 (tests/golden/cases_keys.py).

mod common;

use common::golden::{check, new, render};
use rpyo::server::arith::{ArithOp, Operand};
use rpyo::{ObjectId, Server};

fn key(s: &Server, o: ObjectId, k: &str) -> ObjectId {
    s.object_key(o, k).unwrap_or_else(|e| panic!("{k}: {e}"))
}

/// `Sig(obj[k]).out(chnl)`, as the pyo cases write it (a trigger stream has
/// no out() in pyo).
fn sig_out(s: &Server, o: ObjectId, k: &str, chnl: i32) -> ObjectId {
    let t = key(s, o, k);
    let sig = new(s, "Sig", &format!("@{}", t.id));
    s.object_out(sig, chnl, 1, 0.0, 0.0).unwrap();
    sig
}

/// `(obj[k] * x).out(chnl)`.
fn scaled_out(s: &Server, o: ObjectId, k: &str, x: f64, chnl: i32) -> ObjectId {
    let t = key(s, o, k);
    let m = s.object_arith(t, ArithOp::Mul, &Operand::Numbers(vec![x])).unwrap();
    s.object_out(m, chnl, 1, 0.0, 0.0).unwrap();
    m
}

#[test]
fn keys_tableread() {
    let out = render(0.5, None, false, |s, _| {
        let t = new(s, "HarmTable", "");
        let a = new(s, "TableRead", &format!("@{}, freq=7.3, loop=True, mul=0.5", t.id));
        s.object_play(a, 0.0, 0.0).unwrap();
        let b = new(s, "TableRead", &format!("@{}, freq=4.1, loop=False", t.id));
        s.object_play(b, 0.0, 0.0).unwrap();
        let lfo = new(s, "Sine", "2, mul=2, add=9");
        let c = new(s, "TableRead", &format!("@{}, freq=@{}, loop=True", t.id, lfo.id));
        s.object_play(c, 0.0, 0.0).unwrap();
        sig_out(s, a, "trig", 0);
        sig_out(s, b, "trig", 1);
        scaled_out(s, c, "trig", 0.5, 1);
    });
    check("keys_tableread", &out);
}

#[test]
fn keys_trigenv() {
    let out = render(0.5, None, false, |s, _| {
        let m = new(s, "Metro", "0.05");
        s.object_play(m, 0.0, 0.0).unwrap();
        let h = new(s, "HannTable", "");
        let te = new(s, "TrigEnv", &format!("@{}, @{}, dur=0.03, mul=0.5", m.id, h.id));
        let te2 = new(s, "TrigEnv", &format!("@{}, @{}, dur=0.07", m.id, h.id));
        sig_out(s, te, "trig", 0);
        let trig = key(s, te, "trig");
        let c = new(s, "Counter", &format!("@{}, min=0, max=100, mul=0.01", trig.id));
        let sc = new(s, "Sig", &format!("@{}", c.id));
        s.object_out(sc, 1, 1, 0.0, 0.0).unwrap();
        sig_out(s, te2, "trig", 1);
    });
    check("keys_trigenv", &out);
}

#[test]
fn keys_envelopes() {
    let out = render(0.5, None, false, |s, p| {
        let f1 = new(s, "Fader", "0.01, 0.02, dur=0.1, mul=0.5");
        s.object_play(f1, 0.0, 0.0).unwrap();
        let f2 = new(s, "Fader", "0.01, 0.03");
        s.object_play(f2, 0.0, 0.0).unwrap();
        let a1 = new(s, "Adsr", "0.01, 0.02, 0.5, 0.03, dur=0.15");
        s.object_play(a1, 0.0, 0.0).unwrap();
        let a2 = new(s, "Adsr", "0.01, 0.02, 0.5, 0.04");
        s.object_play(a2, 0.0, 0.0).unwrap();
        sig_out(s, f1, "trig", 0);
        sig_out(s, a1, "trig", 0);
        scaled_out(s, f2, "trig", 0.5, 1);
        scaled_out(s, a2, "trig", 0.25, 1);
        p.at(0.2, move |s| s.object_stop(f2, 0.0).unwrap());
        p.at(0.3, move |s| s.object_stop(a2, 0.0).unwrap());
        p.at(0.3, move |s| s.object_play(f1, 0.0, 0.0).unwrap());
    });
    check("keys_envelopes", &out);
}

#[test]
fn keys_tablerec() {
    let out = render(0.5, None, false, |s, p| {
        let t = new(s, "NewTable", "0.1");
        let src = new(s, "Sine", "440");
        let r = new(s, "TableRec", &format!("@{}, @{}, fadetime=0.01", src.id, t.id));
        s.object_play(r, 0.0, 0.0).unwrap();
        sig_out(s, r, "trig", 0);
        scaled_out(s, r, "time", 0.0001, 1);
        p.at(0.25, move |s| s.object_play(r, 0.0, 0.0).unwrap());
    });
    check("keys_tablerec", &out);
}
