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

#[test]
fn delay_basic() {
    let out = render(1.0, None, false, |s, _| {
        let (_, src) = burst(s, 0.005, 0.02, 0.1, "440");
        let d1 = new(s, "Delay", &format!("@{}, delay=0.25, feedback=0.5, mul=0.8", src.id));
        s.object_out(d1, 0, 1, 0.0, 0.0).unwrap();
        let dt = new(s, "Sine", "0.5, mul=0.01, add=0.02");
        let d2 = new(s, "Delay", &format!("@{}, delay=@{}, feedback=0.3, maxdelay=0.1, mul=0.8", src.id, dt.id));
        s.object_out(d2, 1, 1, 0.0, 0.0).unwrap();
    });
    check("delay_basic", &out);
}

#[test]
fn delay_defaults_list() {
    let out = render(1.0, None, false, |s, _| {
        let (_, src) = burst(s, 0.005, 0.02, 0.1, "440");
        let d1 = new(s, "Delay", &format!("@{}", src.id));
        s.object_out(d1, 0, 1, 0.0, 0.0).unwrap();
        let d2 = new(
            s,
            "Delay",
            &format!("@{}, delay=[0.1, 0.0123457], feedback=[0.2, 0.9], maxdelay=0.05, mul=0.5", src.id),
        );
        s.object_out(d2, 0, 1, 0.0, 0.0).unwrap();
    });
    check("delay_defaults_list", &out);
}

#[test]
fn delay_setters() {
    let out = render(1.0, None, false, |s, p| {
        let (_, src) = burst(s, 0.005, 0.02, 0.1, "440");
        let fb = new(s, "Sine", "4, mul=0.7, add=0.5");
        let a = new(s, "Delay", &format!("@{}, delay=0.0537, feedback=@{}, maxdelay=0.2", src.id, fb.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Delay", &format!("@{}, delay=0.1, feedback=0.4", src.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.5, move |s| {
            s.object_set_float(a, "delay", 0.0311).unwrap();
            s.object_set_float(b, "delay", 0.0173).unwrap();
            s.object_set_float(b, "feedback", 1.2).unwrap();
        });
    });
    check("delay_setters", &out);
}

#[test]
fn sdelay_basic() {
    let out = render(1.0, None, false, |s, _| {
        let (_, src) = burst(s, 0.005, 0.02, 0.1, "440");
        let d1 = new(s, "SDelay", &format!("@{}", src.id));
        s.object_out(d1, 0, 1, 0.0, 0.0).unwrap();
        let d2 = new(s, "SDelay", &format!("@{}, delay=0.01, maxdelay=0.0123, mul=0.5", src.id));
        s.object_out(d2, 1, 1, 0.0, 0.0).unwrap();
    });
    check("sdelay_basic", &out);
}

#[test]
fn sdelay_audio_list_setters() {
    let out = render(1.0, None, false, |s, p| {
        let (_, src) = burst(s, 0.005, 0.02, 0.1, "440");
        let dt = new(s, "Sine", "3, mul=0.06, add=0.05");
        let a = new(s, "SDelay", &format!("@{}, delay=@{}, maxdelay=0.1", src.id, dt.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "SDelay", &format!("@{}, delay=[0.0, 0.2], maxdelay=0.3, mul=0.5", src.id));
        s.object_out(b, 0, 1, 0.0, 0.0).unwrap();
        p.at(0.5, move |s| s.object_set_float(b, "delay", 0.0123).unwrap());
    });
    check("sdelay_audio_list_setters", &out);
}
