//! rpyo against pyo 1.1.0 for round 3's fixes: the cases of
//! tests/golden/cases_fixes.py rebuilt through rpyo's API (Metro's poly
//! clock after time changes, audio-rate and tiny periods).

mod common;

use common::golden::{check, check_within, new, render};
use rpyo::{ObjectId, Server};

fn at(o: ObjectId) -> String {
    format!("@{}", o.id)
}

fn play(s: &Server, o: ObjectId) -> ObjectId {
    s.object_play(o, 0.0, 0.0).unwrap();
    o
}

#[test]
fn metro_poly_settime() {
    // Each of the 3 streams has its own gain, so each stream's ticks are checked.
    let o = render(1.0, None, false, |s, p| {
        let m = play(s, new(s, "Metro", "0.1, poly=3"));
        s.object_out(new(s, "Sig", &format!("{}, mul=[0.2, 0.5, 0.8]", at(m))), 0, 1, 0.0, 0.0).unwrap();
        p.at(0.23, move |s| s.object_set_float(m, "time", 0.07).unwrap());
        p.at(0.61, move |s| s.object_set_float(m, "time", 0.13).unwrap());
    });
    check("metro_poly_settime", &o);
}

#[test]
fn metro_poly_audio() {
    let o = render(0.5, None, false, |s, p| {
        let t = new(s, "Sine", "5, mul=0.004, add=0.009");
        let m = play(s, new(s, "Metro", &format!("{}, poly=3", at(t))));
        s.object_out(new(s, "Sig", &format!("{}, mul=[0.2, 0.5, 0.8]", at(m))), 0, 1, 0.0, 0.0).unwrap();
        p.at(0.3, move |s| s.object_set_float(m, "time", 0.0031).unwrap());
    });
    check("metro_poly_audio", &o);
}

#[test]
fn metro_tiny() {
    // Periods of about 1, 2, 2.5 and 1.5 samples (the f32 nearest k/sr,
    // written as its shortest decimal on both sides), each stream with its
    // own gain.
    let o = render(0.05, None, false, |s, _| {
        let sig = |m: ObjectId, mul: &str, chnl: i32| {
            s.object_out(new(s, "Sig", &format!("{}, mul={mul}", at(m))), chnl, 0, 0.0, 0.0).unwrap();
        };
        sig(play(s, new(s, "Metro", "0.000022675737, poly=3")), "[0.1, 0.2, 0.4]", 0);
        sig(play(s, new(s, "Metro", "0.000045351473")), "0.8", 0);
        sig(play(s, new(s, "Metro", "0.000056689343, poly=2")), "[0.1, 0.2]", 1);
        sig(play(s, new(s, "Metro", "0.000022675737")), "1.6", 1);
        sig(play(s, new(s, "Metro", "0.000034013607, poly=2")), "[0.4, 0.8]", 1);
    });
    check("metro_tiny", &o);
}

#[test]
fn metro_tiny_change() {
    let o = render(0.1, None, false, |s, p| {
        let a = play(s, new(s, "Metro", "0.001, poly=3"));
        s.object_out(new(s, "Sig", &format!("{}, mul=[0.2, 0.3, 0.4]", at(a))), 0, 0, 0.0, 0.0).unwrap();
        let t = new(s, "Sine", "400, mul=0.000034, add=0.000045");
        let b = play(s, new(s, "Metro", &at(t)));
        s.object_out(new(s, "Sig", &format!("{}, mul=0.5", at(b))), 1, 1, 0.0, 0.0).unwrap();
        p.at(0.02, move |s| s.object_set_float(a, "time", 0.000034013607).unwrap());
        p.at(0.05, move |s| s.object_set_float(a, "time", 0.000011337868).unwrap());
        p.at(0.07, move |s| s.object_set_float(a, "time", 0.0).unwrap());
        p.at(0.085, move |s| s.object_set_float(a, "time", 0.0005).unwrap());
    });
    check("metro_tiny_change", &o);
}

/// STRev's long feedback loops: its model's loop gain and cutoffs are
/// fitted to ~1e-5 relative (see tests/golden_strev.rs), so its golden
/// cases share this tolerance.
const VERB_TOLERANCE: f32 = 1e-4;

/// setRoomSize while the input plays and again in the tail: each call
/// empties the lines, the reflections' history and the loop filters, keeps
/// the junction and the delayed reflections of the last sample (they enter
/// the empty lines once) and restarts the lines' random walks with 16 new
/// draws. Measured max difference 1.4e-6 (the loop fit's usual error).
#[test]
fn strev_roomsize() {
    let out = render(0.5, None, false, |s, p| {
        let f = new(s, "Fader", "fadein=0.005, fadeout=0.05, dur=0.2");
        s.object_play(f, 0.0, 0.0).unwrap();
        let src = new(s, "Sine", &format!("[440, 660], mul={}", at(f)));
        let r = new(s, "STRev", &format!("{}, inpos=[0, 0.7], bal=[1, 0.6], roomSize=1.2", at(src)));
        s.object_out(s.object_stream(r, 0).unwrap(), 0, 1, 0.0, 0.0).unwrap();
        s.object_out(s.object_stream(r, 3).unwrap(), 1, 1, 0.0, 0.0).unwrap();
        p.at(0.15, move |s| s.object_set_float(r, "roomSize", 0.6).unwrap());
        p.at(0.35, move |s| s.object_set_float(r, "roomSize", 2.0).unwrap());
    });
    check_within("strev_roomsize", &out, VERB_TOLERANCE);
}
