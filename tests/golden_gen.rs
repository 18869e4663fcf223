//! The generators family against pyo 1.1.0 (tests/golden/cases_gen.py):
//! each case rebuilt through rpyo's API must match pyo's render within 1e-6
//! per sample, with every onset and offset on the same frame.

mod common;

use common::golden::{check, new, render};
use rpyo::{ObjectId, Server};

/// `Phasor(3, mul=500, add=-100)` and `Phasor(7, mul=1.5, add=-0.2)`: the
/// audio-rate modulators the `*_audio` cases share.
fn modulators(s: &Server) -> (ObjectId, ObjectId) {
    (new(s, "Phasor", "3, mul=500, add=-100"), new(s, "Phasor", "7, mul=1.5, add=-0.2"))
}

fn out(s: &Server, o: ObjectId, chnl: i32) {
    s.object_out(o, chnl, 1, 0.0, 0.0).unwrap();
}

// ------------------------------------------------------------------ Phasor

#[test]
fn phasor_basic() {
    let o = render(0.5, None, false, |s, _| {
        out(s, new(s, "Phasor", ""), 0);
        out(s, new(s, "Phasor", "freq=440.3, phase=0.25, mul=0.5, add=-0.2"), 1);
    });
    check("phasor_basic", &o);
}

#[test]
fn phasor_audio() {
    let o = render(0.5, None, false, |s, _| {
        let (m, m2) = modulators(s);
        out(s, new(s, "Phasor", &format!("freq=@{}, mul=0.5", m.id)), 0);
        out(s, new(s, "Phasor", &format!("-300, phase=@{}, mul=0.5", m2.id)), 1);
    });
    check("phasor_audio", &o);
}

#[test]
fn phasor_setters() {
    let o = render(0.5, None, false, |s, p| {
        let a = new(s, "Phasor", "freq=[200, 300], phase=[0, 0.5]");
        out(s, a, 0);
        p.at(0.25, move |s| {
            s.object_set_list(a, "freq", &[-150.0, 300.0]).unwrap();
            s.object_set_list(a, "phase", &[0.2, 1.3]).unwrap();
            s.object_set_float(a, "mul", 0.5).unwrap();
        });
    });
    check("phasor_setters", &o);
}

// ------------------------------------------------------------------- RCOsc

#[test]
fn rcosc_basic() {
    let o = render(0.5, None, false, |s, _| {
        out(s, new(s, "RCOsc", ""), 0);
        out(s, new(s, "RCOsc", "freq=440, sharp=0.9, mul=0.3, add=0.1"), 1);
    });
    check("rcosc_basic", &o);
}

#[test]
fn rcosc_audio() {
    let o = render(0.5, None, false, |s, _| {
        let (m, m2) = modulators(s);
        out(s, new(s, "RCOsc", &format!("freq=@{}, sharp=0.1, mul=0.4", m.id)), 0);
        out(s, new(s, "RCOsc", &format!("-300, sharp=@{}, mul=0.4", m2.id)), 1);
    });
    check("rcosc_audio", &o);
}

#[test]
fn rcosc_setters() {
    let o = render(0.5, None, false, |s, p| {
        let a = new(s, "RCOsc", "freq=[200, 300], sharp=[0.25, 0.5]");
        out(s, a, 0);
        p.at(0.25, move |s| {
            s.object_set_list(a, "freq", &[30000.0, 300.0]).unwrap();
            s.object_set_list(a, "sharp", &[0.25, 0.1]).unwrap();
        });
    });
    check("rcosc_setters", &o);
}

// ---------------------------------------------------------------- FastSine

#[test]
fn fastsine_basic() {
    let o = render(0.5, None, false, |s, _| {
        out(s, new(s, "FastSine", ""), 0);
        out(s, new(s, "FastSine", "freq=1000.3, initphase=0.3, quality=0, mul=0.5"), 1);
    });
    check("fastsine_basic", &o);
}

#[test]
fn fastsine_audio() {
    let o = render(0.5, None, false, |s, _| {
        let m = new(s, "Phasor", "3, mul=500, add=100");
        out(s, new(s, "FastSine", &format!("freq=@{}, mul=0.4", m.id)), 0);
        out(s, new(s, "FastSine", "30000, initphase=0.7, mul=0.4"), 1);
    });
    check("fastsine_audio", &o);
}

#[test]
fn fastsine_setters() {
    let o = render(0.5, None, false, |s, p| {
        let a = new(s, "FastSine", "freq=[440, 300], initphase=[0, 0.25], quality=[1, 0]");
        out(s, a, 0);
        p.at(0.25, move |s| {
            s.object_set_list(a, "quality", &[0.0, 1.0]).unwrap();
            s.object_set_list(a, "freq", &[660.0, 300.0]).unwrap();
        });
    });
    check("fastsine_setters", &o);
}

// ---------------------------------------------------------------- SineLoop

#[test]
fn sineloop_basic() {
    let o = render(0.5, None, false, |s, _| {
        out(s, new(s, "SineLoop", ""), 0);
        out(s, new(s, "SineLoop", "freq=440, feedback=0.3, mul=0.5"), 1);
    });
    check("sineloop_basic", &o);
}

#[test]
fn sineloop_audio() {
    let o = render(0.5, None, false, |s, _| {
        let (m, m2) = modulators(s);
        out(s, new(s, "SineLoop", &format!("freq=@{}, feedback=0.1, mul=0.4", m.id)), 0);
        out(s, new(s, "SineLoop", &format!("-300, feedback=@{}, mul=0.4", m2.id)), 1);
    });
    check("sineloop_audio", &o);
}

#[test]
fn sineloop_setters() {
    let o = render(0.5, None, false, |s, p| {
        let a = new(s, "SineLoop", "freq=[200, 300], feedback=[1, 0]");
        out(s, a, 0);
        p.at(0.25, move |s| {
            s.object_set_list(a, "feedback", &[-0.2, 1.5]).unwrap();
            s.object_set_list(a, "freq", &[200.0, 30000.0]).unwrap();
        });
    });
    check("sineloop_setters", &o);
}

// ---------------------------------------------------------------------- FM

#[test]
fn fm_basic() {
    let o = render(0.5, None, false, |s, _| {
        out(s, new(s, "FM", ""), 0);
        out(s, new(s, "FM", "carrier=250, ratio=0.3, index=2, mul=0.5"), 1);
    });
    check("fm_basic", &o);
}

#[test]
fn fm_audio() {
    let o = render(0.5, None, false, |s, _| {
        let (m, m2) = modulators(s);
        out(s, new(s, "FM", &format!("carrier=@{}, ratio=0.37, index=@{}, mul=0.4", m.id, m2.id)), 0);
        out(s, new(s, "FM", &format!("300, ratio=@{}, index=-3, mul=0.4", m2.id)), 1);
    });
    check("fm_audio", &o);
}

#[test]
fn fm_setters() {
    let o = render(0.5, None, false, |s, p| {
        let a = new(s, "FM", "carrier=[200, 301], ratio=[0.5, 1.5], index=[5, 1]");
        out(s, a, 0);
        p.at(0.25, move |s| {
            s.object_set_list(a, "carrier", &[400.0, 301.0]).unwrap();
            s.object_set_list(a, "ratio", &[0.25, 2.0]).unwrap();
            s.object_set_list(a, "index", &[10.0, 0.0]).unwrap();
        });
    });
    check("fm_setters", &o);
}

// ------------------------------------------------------ PinkNoise, BrownNoise

#[test]
fn pinknoise_seed() {
    let o = render(0.5, Some(1234), false, |s, p| {
        let a = new(s, "PinkNoise", "mul=[0.5, 0.3]");
        out(s, a, 0);
        p.at(0.25, move |s| s.object_set_float(a, "mul", 0.2).unwrap());
    });
    check("pinknoise_seed", &o);
}

#[test]
fn brownnoise_seed() {
    let o = render(0.5, Some(1234), false, |s, p| {
        p.keep.push(new(s, "Noise", "mul=0.1"));
        let b = new(s, "BrownNoise", "mul=[0.5, 0.3], add=[0, 0.1]");
        out(s, b, 0);
        p.at(0.25, move |s| s.object_set_float(b, "mul", 0.2).unwrap());
    });
    check("brownnoise_seed", &o);
}
