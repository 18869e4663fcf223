//! rpyo against pyo 1.1.0 for the fx1 family (reverbs and delays): each
//! case of tests/golden/cases_fx1.py rebuilt through rpyo's API.

mod common;

use common::golden::{check, new, render};
use rpyo::{ObjectId, Server};

/// `Sine(freq, mul=Fader(fadein, fadeout, dur).play())`: returns (fader, sine).
fn burst(s: &Server, fadein: f64, fadeout: f64, dur: f64, freq: &str) -> (ObjectId, ObjectId) {
    let f = new(s, "Fader", &format!("fadein={fadein}, fadeout={fadeout}, dur={dur}"));
    s.object_play(f, 0.0, 0.0).unwrap();
    let src = new(s, "Sine", &format!("{freq}, mul=@{}", f.id));
    (f, src)
}

#[test]
fn freeverb_basic() {
    let out = render(1.0, None, false, |s, _| {
        let (_, src) = burst(s, 0.005, 0.05, 0.2, "440");
        let r1 = new(s, "Freeverb", &format!("@{}, size=0.8, damp=0.5, bal=1, mul=0.5", src.id));
        s.object_out(r1, 0, 1, 0.0, 0.0).unwrap();
        let r2 = new(s, "Freeverb", &format!("@{}, size=0.3, damp=0.2, bal=0.5, mul=0.5", src.id));
        s.object_out(r2, 1, 1, 0.0, 0.0).unwrap();
    });
    check("freeverb_basic", &out);
}

#[test]
fn freeverb_defaults_audio() {
    let out = render(1.0, None, false, |s, _| {
        let (_, src) = burst(s, 0.005, 0.05, 0.2, "440");
        let r1 = new(s, "Freeverb", &format!("@{}", src.id));
        s.object_out(r1, 0, 1, 0.0, 0.0).unwrap();
        let sz = new(s, "Sine", "3, mul=0.6, add=0.5");
        let dp = new(s, "Sine", "5, mul=0.7, add=0.4");
        let bl = new(s, "Sine", "2, mul=0.6, add=0.5");
        let r2 = new(s, "Freeverb", &format!("@{}, size=@{}, damp=@{}, bal=@{}", src.id, sz.id, dp.id, bl.id));
        s.object_out(r2, 1, 1, 0.0, 0.0).unwrap();
    });
    check("freeverb_defaults_audio", &out);
}

#[test]
fn freeverb_list_setters() {
    let out = render(1.0, None, false, |s, p| {
        let (_, src) = burst(s, 0.005, 0.05, 0.2, "[440, 660]");
        let r = new(s, "Freeverb", &format!("@{}, size=[0.5, 0.9], damp=[0.1, 0.9], bal=[0.3, 0.8]", src.id));
        s.object_out(r, 0, 1, 0.0, 0.0).unwrap();
        p.at(0.5, move |s| {
            s.object_set_float(r, "size", 0.2).unwrap();
            s.object_set_float(r, "damp", 0.6).unwrap();
            s.object_set_float(r, "bal", 1.0).unwrap();
        });
    });
    check("freeverb_list_setters", &out);
}
