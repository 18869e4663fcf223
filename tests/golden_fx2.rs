//! rpyo against pyo 1.1.0 for the effects and triggers families: the cases of
//! tests/golden/cases_fx2.py, rebuilt through rpyo's API.

mod common;

use common::golden::{check, new, render};
use rpyo::{ObjectId, Server};

fn at(o: ObjectId) -> String {
    format!("@{}", o.id)
}

fn out(s: &Server, o: ObjectId, chnl: i32) {
    s.object_out(o, chnl, 1, 0.0, 0.0).unwrap();
}

#[test]
fn disto_basic() {
    let o = render(0.5, None, false, |s, _| {
        let a = new(s, "Sine", "440, mul=0.8");
        out(s, new(s, "Disto", &format!("{}, mul=0.5", at(a))), 0);
        out(s, new(s, "Disto", &format!("{}, drive=0.3, slope=0.9", at(a))), 1);
    });
    check("disto_basic", &o);
}

#[test]
fn disto_audio_list() {
    let o = render(1.0, None, false, |s, p| {
        let src = new(s, "Sine", "[220, 330]");
        let lfo = new(s, "Sine", "[3, 5], mul=0.5, add=0.5");
        let d = new(s, "Disto", &format!("{}, drive={}, slope=0.8, mul=0.4", at(src), at(lfo)));
        out(s, d, 0);
        p.at(0.5, move |s| {
            s.object_set_float(d, "slope", 0.2).unwrap();
            s.object_set_float(d, "drive", 0.95).unwrap();
        });
    });
    check("disto_audio_list", &o);
}

#[test]
fn metro_basic() {
    let o = render(0.5, None, false, |s, p| {
        let m1 = new(s, "Metro", "0.01171875");
        s.object_play(m1, 0.0, 0.0).unwrap();
        out(s, new(s, "Sig", &format!("{}, mul=0.5", at(m1))), 0);
        let t = new(s, "Sine", "7, mul=0.004, add=0.01");
        let m2 = new(s, "Metro", &at(t));
        s.object_play(m2, 0.0, 0.0).unwrap();
        out(s, new(s, "Sig", &format!("{}, mul=0.7", at(m2))), 1);
        p.at(0.25, move |s| s.object_set_float(m1, "time", 0.0029296875).unwrap());
    });
    check("metro_basic", &o);
}

#[test]
fn metro_poly() {
    // Each of the 3 streams has its own gain, so each stream's ticks are checked.
    // Time changes with poly > 1: metro_poly_settime in tests/golden_fixes.rs.
    let o = render(0.5, None, false, |s, _| {
        let m = new(s, "Metro", "0.0078125, poly=3");
        s.object_play(m, 0.0, 0.0).unwrap();
        out(s, new(s, "Sig", &format!("{}, mul=[0.2, 0.5, 0.8]", at(m))), 0);
    });
    check("metro_poly", &o);
}

#[test]
fn metro_list_stop() {
    let o = render(0.5, None, false, |s, p| {
        let m = new(s, "Metro", "[0.0078125, 0.005859375]");
        out(s, new(s, "Sig", &format!("{}, mul=0.6", at(m))), 0);
        p.at(0.1, move |s| s.object_play(m, 0.0, 0.0).unwrap());
        p.at(0.25, move |s| s.object_stop(m, 0.0).unwrap());
        p.at(0.35, move |s| s.object_play(m, 0.0, 0.0).unwrap());
    });
    check("metro_list_stop", &o);
}

#[test]
fn counter_basic() {
    let o = render(0.5, None, false, |s, _| {
        let m = new(s, "Metro", "0.00390625");
        s.object_play(m, 0.0, 0.0).unwrap();
        let c1 = new(s, "Counter", &format!("{}, mul=0.01", at(m)));
        out(s, new(s, "Sig", &at(c1)), 0);
        let c2 = new(s, "Counter", &format!("{}, min=3, max=8, dir=2, mul=0.1", at(m)));
        out(s, new(s, "Sig", &at(c2)), 1);
    });
    check("counter_basic", &o);
}

#[test]
fn counter_list_change() {
    let o = render(1.0, None, false, |s, p| {
        let m = new(s, "Metro", "[0.0078125, 0.005859375]");
        s.object_play(m, 0.0, 0.0).unwrap();
        let c = new(s, "Counter", &format!("{}, min=2, max=9, dir=1, mul=0.1", at(m)));
        out(s, new(s, "Sig", &at(c)), 0);
        p.at(0.5, move |s| {
            s.object_set_float(c, "dir", 2.0).unwrap();
            s.object_set_float(c, "max", 6.0).unwrap();
            s.object_set_float(c, "min", -1.0).unwrap();
        });
    });
    check("counter_list_change", &o);
}

#[test]
fn change_basic() {
    let o = render(0.5, None, false, |s, p| {
        let m = new(s, "Metro", "[0.0078125, 0.01171875]");
        s.object_play(m, 0.0, 0.0).unwrap();
        let c = new(s, "Counter", &format!("{}, max=3", at(m)));
        let ch = new(s, "Change", &format!("{}, mul=0.5", at(c)));
        out(s, new(s, "Sig", &at(ch)), 0);
        let v = new(s, "Sig", "0");
        let ch2 = new(s, "Change", &at(v));
        out(s, new(s, "Sig", &format!("{}, mul=0.3", at(ch2))), 1);
        p.at(0.1, move |s| s.object_set_float(v, "value", 1.0).unwrap());
        p.at(0.2, move |s| s.object_set_float(v, "value", 1.0).unwrap());
        p.at(0.3, move |s| s.object_set_float(v, "value", 2.5).unwrap());
    });
    check("change_basic", &o);
}

#[test]
fn trigrand_basic() {
    let o = render(0.5, Some(1234), false, |s, _| {
        let m = new(s, "Metro", "0.0078125");
        s.object_play(m, 0.0, 0.0).unwrap();
        out(s, new(s, "TrigRand", &format!("{}, mul=0.5", at(m))), 0);
        out(s, new(s, "TrigRand", &format!("{}, min=-0.5, max=0.8, port=0.003, init=0.2", at(m))), 1);
    });
    check("trigrand_basic", &o);
}

#[test]
fn trigrand_audio_list() {
    let o = render(1.0, Some(77), false, |s, p| {
        let m = new(s, "Metro", "[0.0078125, 0.01171875]");
        s.object_play(m, 0.0, 0.0).unwrap();
        let lo = new(s, "Sine", "2, mul=0.3");
        let t = new(s, "TrigRand", &format!("{}, min={}, max=[0.5, 0.9], port=0.01", at(m), at(lo)));
        out(s, t, 0);
        p.at(0.5, move |s| {
            s.object_set_float(t, "max", 0.2).unwrap();
            s.object_set_float(t, "port", 0.002).unwrap();
        });
    });
    check("trigrand_audio_list", &o);
}

#[test]
fn compress_basic() {
    let o = render(0.5, None, false, |s, _| {
        let env = new(s, "Sine", "3, mul=0.5, add=0.5");
        let x = new(s, "Sine", &format!("220, mul={}", at(env)));
        out(s, new(s, "Compress", &at(x)), 0);
        let args = format!(
            "{}, thresh=-12, ratio=3, risetime=0.003, falltime=0.05, lookahead=3.3, knee=0.5, outputAmp=True",
            at(x)
        );
        out(s, new(s, "Compress", &args), 1);
    });
    check("compress_basic", &o);
}

#[test]
fn compress_audio_list() {
    let o = render(1.0, None, false, |s, p| {
        let env = new(s, "Sine", "4, mul=0.5, add=0.5");
        let x = new(s, "Sine", &format!("[220, 330], mul={}", at(env)));
        let th = new(s, "Sine", "1.5, mul=6, add=-15");
        let c = new(s, "Compress", &format!("{}, thresh={}, ratio=[2, 5], lookahead=0, mul=0.8", at(x), at(th)));
        out(s, c, 0);
        p.at(0.5, move |s| {
            s.object_set_float(c, "ratio", 8.0).unwrap();
            s.object_set_float(c, "risetime", 0.001).unwrap();
        });
    });
    check("compress_audio_list", &o);
}

#[test]
fn chorus_basic() {
    let o = render(0.5, None, false, |s, _| {
        let x = new(s, "Sine", "440, mul=0.5");
        out(s, new(s, "Chorus", &at(x)), 0);
        out(s, new(s, "Chorus", &format!("{}, depth=3.3, feedback=0.7, bal=0.8", at(x))), 1);
    });
    check("chorus_basic", &o);
}

#[test]
fn chorus_audio_list() {
    let o = render(1.0, None, false, |s, p| {
        let x = new(s, "Sine", "[220, 330], mul=0.5");
        let d = new(s, "Sine", "2, mul=2, add=2.5");
        let c = new(s, "Chorus", &format!("{}, depth={}, feedback=[0.1, 0.5], bal=0.6", at(x), at(d)));
        out(s, c, 0);
        p.at(0.5, move |s| {
            s.object_set_float(c, "bal", 0.9).unwrap();
            s.object_set_float(c, "feedback", 0.3).unwrap();
        });
    });
    check("chorus_audio_list", &o);
}
