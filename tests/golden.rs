//! rpyo against pyo 1.1.0: every case of tests/golden/render_golden.py,
//! rebuilt through rpyo's API, must match pyo's render within 1e-6 per
//! sample, with every onset and offset on the same frame.

mod common;

use common::golden::{check, new, render, BS, SR};

#[test]
fn sine_basic() {
    let out = render(1.0, None, false, |s, p| {
        let a = new(s, "Sine", "440, mul=0.5");
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        p.keep.push(a);
    });
    check("sine_basic", &out);
}

#[test]
fn sine_freqs_phases() {
    let out = render(1.0, None, false, |s, _| {
        let a = new(s, "Sine", "freq=[220, 1000.5], phase=[0, 0.25], mul=0.3, add=0.1");
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
    });
    check("sine_freqs_phases", &out);
}

#[test]
fn sine_high_negmul() {
    let out = render(1.0, None, false, |s, _| {
        let a = new(s, "Sine", "freq=[11025, 19000.7], phase=[0.5, 0.75], mul=[0.2, -0.4], add=[0, -0.05]");
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
    });
    check("sine_high_negmul", &out);
}

#[test]
fn sine_setters() {
    let out = render(1.0, None, false, |s, p| {
        let a = new(s, "Sine", "300, mul=0.5");
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Sine", "300, mul=0.5");
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.5, move |s| {
            s.object_set_float(a, "freq", 600.0).unwrap();
            s.object_set_float(a, "mul", 0.2).unwrap();
        });
        p.at(0.5, move |s| s.object_set_float(b, "phase", 0.5).unwrap());
    });
    check("sine_setters", &out);
}

#[test]
fn out_chnl1() {
    let out = render(1.0, None, false, |s, _| {
        let a = new(s, "Sine", "440, mul=0.5");
        s.object_out(a, 1, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Sine", "220, mul=0.3");
        s.object_out(b, 3, 1, 0.0, 0.0).unwrap();
    });
    check("out_chnl1", &out);
}

#[test]
fn out_inc() {
    let out = render(1.0, None, false, |s, _| {
        let a = new(s, "Sine", "[220, 330, 440], mul=0.2");
        s.object_out(a, 1, 1, 0.0, 0.0).unwrap();
    });
    check("out_inc", &out);
}

#[test]
fn play_dur_delay() {
    let out = render(1.5, None, false, |s, _| {
        let a = new(s, "Sine", "440, mul=0.5");
        s.object_out(a, 0, 1, 0.5, 0.25).unwrap();
        let f = new(s, "Fader", "fadein=0.05, fadeout=0.05, mul=0.5");
        s.object_play(f, 0.5, 0.25).unwrap();
        let b = new(s, "Sine", "660");
        s.object_set_object(b, "mul", f).unwrap();
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    check("play_dur_delay", &out);
}

#[test]
fn global_dur_del() {
    let out = render(1.5, None, false, |s, _| {
        s.set_global_del(0.25).unwrap();
        s.set_global_dur(0.5).unwrap();
        let a = new(s, "Sine", "440, mul=0.5");
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Sine", "660, mul=0.5");
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        s.set_global_del(0.0).unwrap();
        s.set_global_dur(0.0).unwrap();
    });
    check("global_dur_del", &out);
}

#[test]
fn server_amp() {
    let out = render(1.0, None, false, |s, p| {
        s.set_amp(0.5).unwrap();
        let a = new(s, "Sine", "440, mul=0.8");
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Sine", "660, mul=0.8");
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.5, |s| s.set_amp(0.25).unwrap());
    });
    check("server_amp", &out);
}

#[test]
fn noise_seed() {
    let out = render(1.0, Some(1234), false, |s, _| {
        let n1 = new(s, "Noise", "mul=0.3");
        s.object_out(n1, 0, 1, 0.0, 0.0).unwrap();
        let n2 = new(s, "Noise", "mul=0.3");
        s.object_set_float(n2, "type", 1.0).unwrap();
        s.object_out(n2, 1, 1, 0.0, 0.0).unwrap();
    });
    check("noise_seed", &out);
}

fn input_feed(block: usize) -> Vec<f32> {
    let mut v = Vec::with_capacity(BS * 2);
    for k in 0..BS {
        let n = block * BS + k;
        v.push((0.5 * (2.0 * std::f64::consts::PI * 330.0 * n as f64 / SR).sin()) as f32);
        v.push(((n % 1000) as f64 / 1000.0) as f32);
    }
    v
}

#[test]
fn input_fed() {
    let out = render(1.0, None, true, |s, p| {
        let i = new(s, "Input", "chnl=[0, 1], mul=[1, 0.5]");
        s.object_out(i, 0, 1, 0.0, 0.0).unwrap();
        p.input = Some(input_feed);
    });
    check("input_fed", &out);
}

#[test]
fn fader() {
    let out = render(1.5, None, false, |s, p| {
        let f1 = new(s, "Fader", "fadein=0.2, fadeout=0.3, dur=0, mul=0.5");
        s.object_play(f1, 0.0, 0.0).unwrap();
        let f2 = new(s, "Fader", "fadein=0.1, fadeout=0.2, dur=0.8, mul=0.5");
        s.object_play(f2, 0.0, 0.0).unwrap();
        let a = new(s, "Sine", "440");
        s.object_set_object(a, "mul", f1).unwrap();
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Sine", "660");
        s.object_set_object(b, "mul", f2).unwrap();
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.at(1.0, move |s| s.object_stop(f1, 0.0).unwrap());
    });
    check("fader", &out);
}

#[test]
fn fader_replay() {
    let out = render(1.5, None, false, |s, p| {
        let f = new(s, "Fader", "fadein=0.1, fadeout=0.1, mul=0.5");
        s.object_play(f, 0.0, 0.0).unwrap();
        let a = new(s, "Sine", "440");
        s.object_set_object(a, "mul", f).unwrap();
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        p.at(0.4, move |s| s.object_stop(f, 0.0).unwrap());
        p.at(0.7, move |s| s.object_play(f, 0.0, 0.0).unwrap());
    });
    check("fader_replay", &out);
}
