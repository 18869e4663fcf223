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
