//! rpyo against pyo 1.1.0 for the verb2 family (WGVerb, STRev): each case
//! of tests/golden/cases_verb2.py rebuilt through rpyo's API.
//!
//! Tolerance: WGVerb and STRev match pyo bit for bit except where a wandering
//! line length lands exactly halfway between two f32 values: pyo then rounds
//! away from the nominal length and rpyo to even (a few samples a second,
//! measured to give differences up to ~1.3e-5 that the feedback loop keeps
//! alive). Those cases compare within 1e-4.

mod common;

use common::golden::{check_within, new, render};
use rpyo::{ObjectId, Server};

/// Reverbs: see the module comment.
const VERB_TOLERANCE: f32 = 1e-4;

/// `Sine(freq, mul=Fader(0.005, 0.05, 0.2).play())`.
fn burst(s: &Server, freq: &str) -> ObjectId {
    let f = new(s, "Fader", "fadein=0.005, fadeout=0.05, dur=0.2");
    s.object_play(f, 0.0, 0.0).unwrap();
    new(s, "Sine", &format!("{freq}, mul=@{}", f.id))
}

#[test]
fn wgverb_basic() {
    let out = render(1.0, None, false, |s, _| {
        let src = burst(s, "440");
        let a = new(s, "WGVerb", &format!("@{}", src.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "WGVerb", &format!("@{}, feedback=0.85, cutoff=3000, bal=1, mul=0.8", src.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    check_within("wgverb_basic", &out, VERB_TOLERANCE);
}

#[test]
fn wgverb_audio() {
    let out = render(1.0, None, false, |s, _| {
        let src = burst(s, "440");
        let fb = new(s, "Sine", "3, mul=0.3, add=0.75");
        let ct = new(s, "Sine", "20, mul=2000, add=4000.3");
        let bl = new(s, "Sine", "10, mul=0.6, add=0.5");
        let a = new(s, "WGVerb", &format!("@{}, feedback=@{}, cutoff=@{}, bal=@{}", src.id, fb.id, ct.id, bl.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
    });
    check_within("wgverb_audio", &out, VERB_TOLERANCE);
}

#[test]
fn wgverb_list_setters() {
    let out = render(1.0, None, false, |s, p| {
        let src = burst(s, "[440, 660]");
        let r = new(s, "WGVerb", &format!("@{}, feedback=[0.6, 0.9], cutoff=[2000, 8000], bal=[0.3, 0.8]", src.id));
        s.object_out(r, 0, 1, 0.0, 0.0).unwrap();
        p.at(0.5, move |s| {
            s.object_set_float(r, "feedback", 0.95).unwrap();
            s.object_set_float(r, "cutoff", 1000.0).unwrap();
            s.object_set_float(r, "bal", 1.0).unwrap();
        });
    });
    check_within("wgverb_list_setters", &out, VERB_TOLERANCE);
}
