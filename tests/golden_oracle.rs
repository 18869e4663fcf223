//! The reference cases of the project's pyo oracle not already among the
//! family cases (tests/golden/cases_oracle.py), patch for patch.

mod common;

use common::golden::{check, new, render};
use rpyo::{ObjectId, Server};

fn out(s: &Server, o: ObjectId, chnl: i32) {
    s.object_out(o, chnl, 1, 0.0, 0.0).unwrap();
}

fn play(s: &Server, o: ObjectId) -> ObjectId {
    s.object_play(o, 0.0, 0.0).unwrap();
    o
}

#[test]
fn sine_fm() {
    let o = render(1.0, None, false, |s, _| {
        let m1 = new(s, "Sine", "5, mul=100, add=440");
        let m2 = new(s, "Sine", "110, mul=220, add=440");
        out(s, new(s, "Sine", &format!("freq=@{}, mul=0.5", m1.id)), 0);
        out(s, new(s, "Sine", &format!("freq=@{}, mul=0.5", m2.id)), 1);
    });
    check("sine_fm", &o);
}

#[test]
fn sine_phasemod() {
    let o = render(1.0, None, false, |s, _| {
        let ph = new(s, "Sine", "3, mul=0.5, add=0.5");
        let am = new(s, "Sine", "2");
        out(s, new(s, "Sine", &format!("220, phase=@{}, mul=0.5", ph.id)), 0);
        out(s, new(s, "Sine", &format!("220, mul=@{}, add=0.0", am.id)), 1);
    });
    check("sine_phasemod", &o);
}

#[test]
fn rcosc() {
    let o = render(1.0, None, false, |s, _| out(s, new(s, "RCOsc", "freq=[100, 440], sharp=[0.25, 0.9], mul=0.3"), 0));
    check("rcosc", &o);
}

#[test]
fn freeverb() {
    let o = render(2.0, None, false, |s, _| {
        let f = play(s, new(s, "Fader", "fadein=0.005, fadeout=0.05, dur=0.2"));
        let src = new(s, "Sine", &format!("440, mul=@{}", f.id));
        out(s, new(s, "Freeverb", &format!("@{}, size=0.8, damp=0.5, bal=1.0, mul=0.5", src.id)), 0);
        out(s, new(s, "Freeverb", &format!("@{}, size=0.3, damp=0.2, bal=0.5, mul=0.5", src.id)), 1);
    });
    check("freeverb", &o);
}

#[test]
fn filters_sine() {
    let o = render(1.0, None, false, |s, _| {
        let sw = play(s, new(s, "Linseg", "[(0, 100), (1.0, 8000)]"));
        let src = new(s, "Sine", &format!("freq=@{}, mul=0.5", sw.id));
        let fm = new(s, "Sine", "1, mul=1500, add=2000");
        out(s, new(s, "ButLP", &format!("@{}, freq=1000", src.id)), 0);
        out(s, new(s, "Biquad", &format!("@{}, freq=@{}, q=2, type=0", src.id, fm.id)), 1);
    });
    check("filters_sine", &o);
}

#[test]
fn delay() {
    let o = render(1.5, None, false, |s, _| {
        let f = play(s, new(s, "Fader", "fadein=0.005, fadeout=0.02, dur=0.1"));
        let src = new(s, "Sine", &format!("440, mul=@{}", f.id));
        out(s, new(s, "Delay", &format!("@{}, delay=0.25, feedback=0.5, mul=0.8", src.id)), 0);
        let dt = new(s, "Sine", "0.5, mul=0.01, add=0.02");
        out(s, new(s, "Delay", &format!("@{}, delay=@{}, feedback=0.3, maxdelay=0.1, mul=0.8", src.id, dt.id)), 1);
    });
    check("delay", &o);
}

#[test]
fn pan() {
    let o = render(1.0, None, false, |s, _| {
        let src = new(s, "Sine", "440, mul=0.5");
        let p = new(s, "Sine", "0.5, mul=0.5, add=0.5");
        out(s, new(s, "Pan", &format!("@{}, outs=2, pan=@{}, spread=0.3", src.id, p.id)), 0);
    });
    check("pan", &o);
}

#[test]
fn span() {
    let o = render(1.0, None, false, |s, _| {
        let src = new(s, "Sine", "440, mul=0.5");
        let p = play(s, new(s, "Linseg", "[(0, 0), (1.0, 1)]"));
        out(s, new(s, "SPan", &format!("@{}, outs=2, pan=@{}", src.id, p.id)), 0);
    });
    check("span", &o);
}

#[test]
fn metro_trigenv() {
    let o = render(1.0, None, false, |s, _| {
        let m1 = play(s, new(s, "Metro", "0.125"));
        let hann = new(s, "HannTable", "");
        let e1 = new(s, "TrigEnv", &format!("@{}, table=@{}, dur=0.1, mul=0.5", m1.id, hann.id));
        out(s, new(s, "Sine", &format!("660, mul=@{}", e1.id)), 0);
        let tab = new(s, "LinTable", "[(0, 0), (100, 1), (8191, 0)]");
        let m2 = play(s, new(s, "Metro", "0.2"));
        out(s, new(s, "TrigEnv", &format!("@{}, table=@{}, dur=0.15, mul=0.5", m2.id, tab.id)), 1);
    });
    check("metro_trigenv", &o);
}

#[test]
fn input_zero() {
    let o = render(1.0, None, true, |s, _| {
        out(s, new(s, "Input", "chnl=[0, 1]"), 0);
        out(s, new(s, "Sine", "440, mul=0.1"), 0);
    });
    check("input_zero", &o);
}

#[test]
fn stop_wait() {
    let o = render(1.5, None, false, |s, p| {
        let a = new(s, "Sine", "440, mul=0.5");
        out(s, a, 0);
        let b = new(s, "Sine", "660, mul=0.5");
        out(s, b, 1);
        s.object_set_stop_delay(b, 0.2).unwrap();
        p.at(0.5, move |s| s.object_stop(a, 0.3).unwrap());
        p.at(0.5, move |s| s.object_stop(b, 0.0).unwrap());
    });
    check("stop_wait", &o);
}

#[test]
fn midi_trig() {
    let o = render(1.0, None, false, |s, p| {
        let n = new(s, "Notein", "poly=2, scale=1");
        let trigon = s.object_key(n, "trigon").unwrap();
        let tr = new(s, "Mix", &format!("@{}, voices=1", trigon.id));
        let hann = new(s, "HannTable", "");
        let e = new(s, "TrigEnv", &format!("@{}, table=@{}, dur=0.05, mul=0.5", tr.id, hann.id));
        out(s, new(s, "Sine", &format!("880, mul=@{}", e.id)), 0);
        let pitch = s.object_key(n, "pitch").unwrap();
        let sig = new(s, "Sig", &format!("@{}, mul={:?}", pitch.id, 1.0 / 1000.0));
        out(s, s.object_mix(sig, 1).unwrap(), 1);
        p.at(0.1, |s| s.add_midi_event(144, 60, 100).unwrap());
        p.at(0.2, |s| s.add_midi_event(128, 60, 0).unwrap());
        p.at(0.5, |s| s.add_midi_event(144, 67, 100).unwrap());
    });
    check("midi_trig", &o);
}
