//! MIDI objects against pyo 1.1.0 (tests/golden/cases_midi.py): events are
//! injected at the start of their block, as pyo's addMidiEvent does.

mod common;

use common::golden::{check, new, render, Patch};
use rpyo::server::arith::{ArithOp, Operand};
use rpyo::{ObjectId, Server};

fn midi(p: &mut Patch, t: f64, status: i32, d1: i32, d2: i32) {
    p.at(t, move |s| s.add_midi_event(status, d1, d2).unwrap());
}

fn key(s: &Server, o: ObjectId, k: &str) -> ObjectId {
    s.object_key(o, k).unwrap_or_else(|e| panic!("{k}: {e}"))
}

fn arith(s: &Server, a: ObjectId, op: ArithOp, x: Operand) -> ObjectId {
    s.object_arith(a, op, &x).unwrap()
}

/// `Sig(a) + Sig(b) * k`, as the pyo case writes it.
fn sum_scaled(s: &Server, a: ObjectId, b: ObjectId, k: f64) -> ObjectId {
    let sa = new(s, "Sig", &format!("@{}", a.id));
    let sb = new(s, "Sig", &format!("@{}", b.id));
    let scaled = arith(s, sb, ArithOp::Mul, Operand::Numbers(vec![k]));
    arith(s, sa, ArithOp::Add, Operand::Object(scaled))
}

#[test]
fn notein_raw() {
    let out = render(0.5, None, false, |s, p| {
        let n = new(s, "Notein", "poly=2");
        let (pitch, vel) = (key(s, n, "pitch"), key(s, n, "velocity"));
        let (p0, p1) = (s.object_stream(pitch, 0).unwrap(), s.object_stream(pitch, 1).unwrap());
        let left = sum_scaled(s, p0, p1, 1000.0);
        s.object_out(left, 0, 1, 0.0, 0.0).unwrap();
        let (v0, v1) = (s.object_stream(vel, 0).unwrap(), s.object_stream(vel, 1).unwrap());
        let right = sum_scaled(s, v0, v1, 10.0);
        s.object_out(right, 1, 1, 0.0, 0.0).unwrap();
        midi(p, 0.05, 144, 60, 100);
        midi(p, 0.1, 144, 64, 80);
        midi(p, 0.15, 144, 67, 127);
        midi(p, 0.2, 128, 60, 0);
        midi(p, 0.25, 144, 64, 0);
        midi(p, 0.3, 144, 72, 1);
        midi(p, 0.35, 128, 67, 0);
        midi(p, 0.4, 128, 72, 0);
    });
    check("notein_raw", &out);
}

fn set(p: &mut Patch, t: f64, o: ObjectId, param: &'static str, v: f32) {
    p.at(t, move |s| s.object_set_float(o, param, v).unwrap());
}

#[test]
fn midi_notein() {
    let out = render(1.1, None, false, |s, p| {
        let n = new(s, "Notein", "poly=4, scale=1");
        let (pitch, vel) = (key(s, n, "pitch"), key(s, n, "velocity"));
        let env =
            new(s, "MidiAdsr", &format!("@{}, attack=0.01, decay=0.05, sustain=0.5, release=0.1, mul=0.3", vel.id));
        let sig = new(s, "Sine", &format!("freq=@{}, mul=@{}", pitch.id, env.id));
        let m = s.object_mix(sig, 2).unwrap();
        s.object_out(m, 0, 1, 0.0, 0.0).unwrap();
        midi(p, 0.1, 144, 60, 100);
        midi(p, 0.3, 144, 64, 80);
        midi(p, 0.6, 128, 60, 0);
        midi(p, 0.9, 144, 64, 0);
    });
    check("midi_notein", &out);
}

#[test]
fn midiadsr_exp() {
    let out = render(0.6, None, false, |s, p| {
        let a = new(s, "Sig", "0");
        let b = new(s, "Sig", "0.5");
        // One object of two streams: `input` takes no list of objects.
        let ab = new(s, "Mix", &format!("[@{}, @{}], voices=2", a.id, b.id));
        let e = new(s, "MidiAdsr", &format!("@{}, attack=0.02, decay=0.03, sustain=0.6, release=0.05", ab.id));
        s.object_set_float(e, "exp", 2.5).unwrap();
        let out = new(s, "Sig", &format!("@{}", e.id));
        s.object_out(out, 0, 1, 0.0, 0.0).unwrap();
        set(p, 0.02, a, "value", 0.8);
        set(p, 0.025, e, "attack", 0.01);
        set(p, 0.1, a, "value", 0.3);
        set(p, 0.15, a, "value", 0.0);
        set(p, 0.17, a, "value", 0.5);
        set(p, 0.2, e, "sustain", 0.2);
        set(p, 0.25, b, "value", 0.0);
        set(p, 0.3, e, "exp", 1.0);
        set(p, 0.3, b, "value", -0.4);
        set(p, 0.32, a, "value", -0.2);
        set(p, 0.35, a, "value", 0.0);
        set(p, 0.37, e, "release", 0.1);
        set(p, 0.4, b, "value", 0.25);
        set(p, 0.5, a, "value", 0.9);
    });
    check("midiadsr_exp", &out);
}

#[test]
fn midiadsr_defaults() {
    let out = render(0.5, None, false, |s, p| {
        let n = new(s, "Notein", "poly=2");
        let vel = key(s, n, "velocity");
        let e = new(s, "MidiAdsr", &format!("@{}", vel.id));
        let sig = new(s, "Sine", &format!("freq=[300, 500], mul=@{}", e.id));
        s.object_out(sig, 0, 1, 0.0, 0.0).unwrap();
        midi(p, 0.02, 144, 60, 127);
        midi(p, 0.1, 144, 62, 40);
        midi(p, 0.2, 128, 60, 0);
        midi(p, 0.25, 144, 64, 90);
        midi(p, 0.3, 128, 62, 0);
        midi(p, 0.4, 128, 64, 0);
    });
    check("midiadsr_defaults", &out);
}

#[test]
fn midictl_basic() {
    let out = render(0.5, None, false, |s, p| {
        let m = new(s, "Midictl", "ctlnumber=[7, 1], minscale=-1, maxscale=[2, 0.5], init=0.25, channel=[0, 3]");
        let out = new(s, "Sig", &format!("@{}", m.id));
        s.object_out(out, 0, 1, 0.0, 0.0).unwrap();
        midi(p, 0.05, 0xB0, 7, 100);
        midi(p, 0.1, 0xB0, 1, 64);
        midi(p, 0.1, 0xB2, 1, 30);
        midi(p, 0.15, 0xB4, 7, 127);
        midi(p, 0.15, 0xB4, 7, 0);
        set(p, 0.2, m, "minscale", 0.5);
        midi(p, 0.25, 0xB1, 7, 64);
        midi(p, 0.25, 0xB2, 1, 127);
        set(p, 0.3, m, "value", 0.1);
        set(p, 0.35, m, "ctlnumber", 9.0);
        midi(p, 0.4, 0xB2, 7, 10);
        midi(p, 0.45, 0xB2, 9, 90);
    });
    check("midictl_basic", &out);
}

#[test]
fn bendin_basic() {
    let out = render(0.5, None, false, |s, p| {
        let b = new(s, "Bendin", "brange=[7.3, 2], scale=[0, 1], channel=[0, 2]");
        let out = new(s, "Sig", &format!("@{}", b.id));
        s.object_out(out, 0, 1, 0.0, 0.0).unwrap();
        midi(p, 0.05, 0xE0, 0, 0);
        midi(p, 0.1, 0xE1, 5, 100);
        midi(p, 0.15, 0xE1, 127, 127);
        midi(p, 0.2, 0xE0, 0, 64);
        set(p, 0.25, b, "brange", 12.0);
        midi(p, 0.3, 0xE1, 33, 20);
        set(p, 0.35, b, "scale", 0.0);
        set(p, 0.4, b, "channel", 0.0);
        midi(p, 0.45, 0xEF, 77, 90);
    });
    check("bendin_basic", &out);
}

#[test]
fn touchin_programin() {
    let out = render(0.5, None, false, |s, p| {
        let t = new(s, "Touchin", "minscale=-0.37, maxscale=2.9, init=0.3, channel=0");
        let a = new(s, "Sig", &format!("@{}", t.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let pr = new(s, "Programin", "channel=4, mul=0.01");
        let b = new(s, "Sig", &format!("@{}", pr.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        midi(p, 0.05, 0xD0, 100, 0);
        midi(p, 0.1, 0xA0, 60, 30);
        midi(p, 0.15, 0xD8, 7, 0);
        midi(p, 0.1, 0xC3, 42, 0);
        midi(p, 0.2, 0xC0, 99, 0);
        midi(p, 0.3, 0xC3, 5, 0);
    });
    check("touchin_programin", &out);
}

// ----- frame offsets (rpyo only: pyo's MIDI events all act at frame 0) -----

/// The master amplitude once its start ramp is over (f32 0.9999992).
const AMP: f32 = 0.999_999_2;

/// Output frame (channel `c`) at which a value first differs from the one
/// before it, from frame `from` on.
fn first_change(out: &[f32], c: usize, from: usize) -> usize {
    (from + 1..out.len() / 2).find(|&i| out[2 * i + c] != out[2 * (i - 1) + c]).expect("no change")
}

fn midi_at(p: &mut Patch, t: f64, status: i32, d1: i32, d2: i32, frame: i64) {
    p.at(t, move |s| s.add_midi_event_at(status, d1, d2, frame).unwrap());
}

/// A Notein pitch and a Midictl change at the exact frame of their events,
/// inside the block; events without offset act at frame 0 of their block.
#[test]
fn frame_offsets_notein_midictl() {
    let block = |t: f64| (t * 44100.0 / 256.0).round() as usize * 256;
    let out = render(0.3, None, false, |s, p| {
        let n = new(s, "Notein", "poly=1");
        let pitch = key(s, n, "pitch");
        let left = new(s, "Sig", &format!("@{}", pitch.id));
        s.object_out(left, 0, 1, 0.0, 0.0).unwrap();
        let m = new(s, "Midictl", "7, minscale=0, maxscale=127, init=5");
        let right = new(s, "Sig", &format!("@{}", m.id));
        s.object_out(right, 1, 1, 0.0, 0.0).unwrap();
        midi_at(p, 0.1, 0x90, 60, 100, 100);
        midi_at(p, 0.15, 0x80, 60, 0, 255);
        midi_at(p, 0.2, 0x90, 72, 100, 0);
        midi_at(p, 0.1, 0xB0, 7, 64, 37);
        // Two changes in one block: each holds until the next.
        midi_at(p, 0.15, 0xB0, 7, 100, 200);
        midi_at(p, 0.15, 0xB0, 7, 10, 10);
        p.at(0.2, |s| s.add_midi_event(0xB0, 7, 1).unwrap());
    });
    let at = |i: usize, c: usize| out[2 * i + c];
    let (b1, b2, b3) = (block(0.1), block(0.15), block(0.2));
    // Left: Notein's pitch (note numbers; a note-off keeps the pitch).
    assert_eq!(first_change(&out, 0, 300), b1 + 100);
    assert_eq!(at(b1 + 99, 0), 0.0);
    assert_eq!(at(b1 + 100, 0), 60.0 * AMP);
    assert_eq!(first_change(&out, 0, b1 + 100), b3);
    assert_eq!(at(b3, 0), 72.0 * AMP);
    // Right: Midictl, 5 from the start, then 64 at frame 37; 10 at frame 10
    // and 100 at frame 200 of one block; 1 at frame 0.
    assert_eq!(at(b1 + 36, 1), 5.0 * AMP);
    assert_eq!(first_change(&out, 1, 300), b1 + 37);
    assert_eq!(at(b1 + 37, 1), 64.0 * AMP);
    assert_eq!(first_change(&out, 1, b1 + 37), b2 + 10);
    assert_eq!(at(b2 + 10, 1), 10.0 * AMP);
    assert_eq!(first_change(&out, 1, b2 + 10), b2 + 200);
    assert_eq!(at(b2 + 200, 1), 100.0 * AMP);
    assert_eq!(first_change(&out, 1, b2 + 200), b3);
    assert_eq!(at(b3, 1), 1.0 * AMP);
}

/// A note-on at a frame offset starts MidiAdsr's attack on that frame (its
/// first sample is 0, the next rises), and Bendin follows its offsets too.
#[test]
fn frame_offsets_midiadsr_bendin() {
    let b1 = (0.1f64 * 44100.0 / 256.0).round() as usize * 256;
    let out = render(0.2, None, false, |s, p| {
        let n = new(s, "Notein", "poly=1");
        let vel = key(s, n, "velocity");
        let env = new(s, "MidiAdsr", &format!("@{}, attack=0.01", vel.id));
        let left = new(s, "Sig", &format!("@{}", env.id));
        s.object_out(left, 0, 1, 0.0, 0.0).unwrap();
        let bend = new(s, "Bendin", "brange=2");
        let right = new(s, "Sig", &format!("@{}", bend.id));
        s.object_out(right, 1, 1, 0.0, 0.0).unwrap();
        midi_at(p, 0.1, 0x90, 60, 127, 77);
        midi_at(p, 0.1, 0xE0, 0, 0, 150);
    });
    let at = |i: usize, c: usize| out[2 * i + c];
    assert_eq!(at(b1 + 77, 0), 0.0);
    assert_eq!(first_change(&out, 0, 300), b1 + 78);
    // Attack of 441 samples to 1.0: one step per sample.
    assert!((at(b1 + 78, 0) - 1.0 / 441.0).abs() < 1e-6, "{}", at(b1 + 78, 0));
    assert_eq!(first_change(&out, 1, 300), b1 + 150);
    assert_eq!(at(b1 + 150, 1), -2.0 * AMP);
}

#[test]
fn notein_trigs_setters() {
    let out = render(0.5, None, false, |s, p| {
        let n = new(s, "Notein", "poly=2");
        let on = key(s, n, "trigon");
        let son = new(s, "Sig", &format!("@{}", on.id));
        s.object_out(son, 0, 1, 0.0, 0.0).unwrap();
        let off = arith(s, key(s, n, "trigoff"), ArithOp::Mul, Operand::Numbers(vec![0.5]));
        s.object_out(off, 0, 1, 0.0, 0.0).unwrap();
        midi(p, 0.05, 144, 60, 100);
        midi(p, 0.1, 144, 64, 80);
        midi(p, 0.15, 128, 60, 0);
        midi(p, 0.2, 144, 62, 90);
        midi(p, 0.25, 144, 64, 0);
        midi(p, 0.3, 128, 62, 0);
        p.at(0.32, move |s| s.object_set_float(n, "first", 61.0).unwrap());
        midi(p, 0.35, 144, 60, 100);
        midi(p, 0.38, 144, 65, 100);
        p.at(0.4, move |s| s.object_set_float(n, "channel", 2.0).unwrap());
        midi(p, 0.42, 144, 67, 100);
        midi(p, 0.45, 145, 69, 100);
        p.at(0.46, move |s| s.object_set_float(n, "scale", 1.0).unwrap());
    });
    check("notein_trigs_setters", &out);
}

#[test]
fn notein_velocity_range() {
    let out = render(0.5, None, false, |s, p| {
        let n = new(s, "Notein", "poly=2");
        s.object_set_float(n, "firstVelocity", 20.0).unwrap();
        s.object_set_float(n, "lastVelocity", 110.0).unwrap();
        let (pitch, vel, trig) = (key(s, n, "pitch"), key(s, n, "velocity"), key(s, n, "trigon"));
        let stream = |o: ObjectId, i: usize| s.object_stream(o, i).unwrap();
        let left = sum_scaled(s, stream(pitch, 0), stream(pitch, 1), 1000.0);
        s.object_out(left, 0, 1, 0.0, 0.0).unwrap();
        let v = sum_scaled(s, stream(vel, 0), stream(vel, 1), 10.0);
        let t = sum_scaled(s, stream(trig, 0), stream(trig, 1), 10.0);
        let t = arith(s, t, ArithOp::Mul, Operand::Numbers(vec![100.0]));
        let right = arith(s, v, ArithOp::Add, Operand::Object(t));
        s.object_out(right, 1, 1, 0.0, 0.0).unwrap();
        midi(p, 0.05, 144, 60, 100);
        midi(p, 0.1, 144, 67, 120);
        midi(p, 0.15, 144, 66, 10);
        midi(p, 0.2, 144, 62, 20);
        midi(p, 0.25, 128, 60, 0);
        p.at(0.3, move |s| s.object_set_float(n, "lastVelocity", 127.0).unwrap());
        midi(p, 0.35, 144, 69, 120);
        midi(p, 0.4, 144, 62, 0);
    });
    check("notein_velocity_range", &out);
}

#[test]
fn notein_centralkey() {
    let out = render(0.4, None, false, |s, p| {
        let n = new(s, "Notein", "poly=1, scale=2");
        let pitch = key(s, n, "pitch");
        let o = new(s, "Sig", &format!("@{}", pitch.id));
        s.object_out(o, 0, 1, 0.0, 0.0).unwrap();
        midi(p, 0.05, 144, 60, 100);
        midi(p, 0.1, 128, 60, 0);
        p.at(0.15, move |s| s.object_set_float(n, "centralkey", 64.0).unwrap());
        midi(p, 0.2, 144, 60, 100);
        midi(p, 0.25, 128, 60, 0);
        midi(p, 0.3, 144, 76, 100);
    });
    check("notein_centralkey", &out);
}
