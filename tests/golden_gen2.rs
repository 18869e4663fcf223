//! The second generators family against pyo 1.1.0 (tests/golden/cases_gen2.py):
//! LFO, SuperSaw, Blit. Each case rebuilt through rpyo's API must match pyo's
//! render within 1e-6 per sample, with every onset and offset on the same frame.

mod common;

use common::golden::{check, new, render};
use rpyo::{ObjectId, Server};

fn out(s: &Server, o: ObjectId, chnl: i32) {
    s.object_out(o, chnl, 1, 0.0, 0.0).unwrap();
}

/// `Phasor(3, mul=500, add=-100)` and `Phasor(7, mul=1.5, add=-0.2)`: the
/// audio-rate modulators the `*_audio` cases share.
fn modulators(s: &Server) -> (ObjectId, ObjectId) {
    (new(s, "Phasor", "3, mul=500, add=-100"), new(s, "Phasor", "7, mul=1.5, add=-0.2"))
}

// --------------------------------------------------------------------- LFO

#[test]
fn lfo_basic() {
    let o = render(0.5, Some(1234), false, |s, _| {
        out(s, new(s, "LFO", ""), 0);
        out(s, new(s, "LFO", "freq=440.3, sharp=0.8, type=1, mul=0.5, add=0.1"), 1);
    });
    check("lfo_basic", &o);
}

#[test]
fn lfo_square_tri() {
    let o = render(0.5, Some(1234), false, |s, _| {
        out(s, new(s, "LFO", "freq=[150, 210.5], sharp=[0.3, 0.9], type=[2, 3], mul=0.5"), 0);
        out(s, new(s, "LFO", "freq=[3000, 1000], sharp=1, type=[2, 3], mul=0.3"), 0);
    });
    check("lfo_square_tri", &o);
}

#[test]
fn lfo_pulses() {
    let o = render(0.5, Some(1234), false, |s, _| {
        out(s, new(s, "LFO", "freq=[80, 123.4], sharp=[0.25, 0.6], type=[4, 5], mul=0.5"), 0);
        out(s, new(s, "LFO", "freq=[2500, 20000], sharp=0.9, type=[5, 4], mul=0.3"), 0);
    });
    check("lfo_pulses", &o);
}

#[test]
fn lfo_sah() {
    // Sample and hold: the glide's arithmetic is known within 3e-7.
    let o = render(0.5, Some(1234), false, |s, p| {
        let a = new(s, "LFO", "freq=[137, 40], sharp=[0.3, 0], type=6, mul=0.5");
        out(s, a, 0);
        out(s, new(s, "LFO", "freq=90, sharp=1, type=6, mul=0.3"), 1);
        p.at(0.25, move |s| s.object_set_list(a, "sharp", &[0.8, 0.5]).unwrap());
    });
    check("lfo_sah", &o);
}

#[test]
fn lfo_modsine() {
    // Modulated sine: within one f32 ulp of pyo (the rounding order is not exact).
    let o = render(0.5, Some(1234), false, |s, _| {
        let m = new(s, "Phasor", "2, mul=1.2, add=-0.1");
        out(s, new(s, "LFO", &format!("freq=60, sharp=@{}, type=7, mul=0.5", m.id)), 0);
        out(s, new(s, "LFO", "freq=[0.5, 331], sharp=[0, 0.7], type=7, mul=0.4"), 1);
    });
    check("lfo_modsine", &o);
}

#[test]
fn lfo_audio() {
    let o = render(0.5, Some(1234), false, |s, _| {
        let (m, m2) = modulators(s);
        out(s, new(s, "LFO", &format!("freq=@{}, sharp=0.6, type=0, mul=0.4", m.id)), 0);
        out(s, new(s, "LFO", &format!("freq=@{}, sharp=@{}, type=3, mul=0.4", m.id, m2.id)), 1);
        out(s, new(s, "LFO", &format!("freq=220, sharp=@{}, type=2, mul=0.2", m2.id)), 1);
    });
    check("lfo_audio", &o);
}

#[test]
fn lfo_setters() {
    let o = render(0.5, Some(1234), false, |s, p| {
        let a = new(s, "LFO", "freq=[200, 300], sharp=[0.5, 0.2], type=[0, 3]");
        out(s, a, 0);
        p.at(0.25, move |s| {
            s.object_set_list(a, "type", &[6.0, 2.0]).unwrap();
            s.object_set_list(a, "freq", &[250.0, 30000.0]).unwrap();
            s.object_set_list(a, "sharp", &[0.1, 1.5]).unwrap();
            s.object_set_float(a, "mul", 0.5).unwrap();
        });
    });
    check("lfo_setters", &o);
}

// -------------------------------------------------------------------- Blit

#[test]
fn blit_basic() {
    let o = render(0.5, None, false, |s, _| {
        out(s, new(s, "Blit", ""), 0);
        out(s, new(s, "Blit", "freq=441, harms=10.5, mul=0.5, add=0.1"), 1);
    });
    check("blit_basic", &o);
}

#[test]
fn blit_audio() {
    let o = render(0.5, None, false, |s, _| {
        let m = new(s, "Phasor", "3, mul=500, add=-100");
        let m2 = new(s, "Phasor", "7, mul=30, add=-2");
        out(s, new(s, "Blit", &format!("freq=@{}, harms=10, mul=0.4", m.id)), 0);
        out(s, new(s, "Blit", &format!("220, harms=@{}, mul=0.4", m2.id)), 1);
    });
    check("blit_audio", &o);
}

#[test]
fn blit_setters() {
    let o = render(0.5, None, false, |s, p| {
        let a = new(s, "Blit", "freq=[200, 330.3], harms=[5, 40]");
        out(s, a, 0);
        p.at(0.25, move |s| {
            s.object_set_list(a, "freq", &[1000.0, 30000.0]).unwrap();
            s.object_set_list(a, "harms", &[80.0, 3.0]).unwrap();
            s.object_set_float(a, "mul", 0.5).unwrap();
        });
    });
    check("blit_setters", &o);
}
