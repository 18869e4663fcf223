//! pyo's object model against pyo 1.1.0: Mix, arithmetic between objects
//! and numbers, in-place arithmetic, obj[i] (tests/golden/cases_core.py).

mod common;

use common::golden::{check, new, render};
use rpyo::server::arith::{ArithOp, Operand};
use rpyo::{ObjectId, Server};

fn num(x: f64) -> Operand {
    Operand::Numbers(vec![x])
}

fn arith(s: &Server, a: ObjectId, op: ArithOp, x: Operand) -> ObjectId {
    s.object_arith(a, op, &x).unwrap_or_else(|e| panic!("{op:?}: {e}"))
}

fn out(s: &Server, o: ObjectId, chnl: i32) {
    s.object_out(o, chnl, 1, 0.0, 0.0).unwrap();
}

#[test]
fn mix() {
    let o = render(1.0, None, false, |s, _| {
        let (a, b, c) = (new(s, "Sine", "440"), new(s, "Sine", "660"), new(s, "Sine", "880"));
        let m = new(s, "Mix", &format!("[@{}, @{}, @{}], voices=2, mul=0.3", a.id, b.id, c.id));
        out(s, m, 0);
    });
    check("mix", &o);
}

#[test]
fn mix_method() {
    let o = render(0.5, None, false, |s, _| {
        let a = new(s, "Sine", "[220, 330, 440], mul=0.2");
        let m1 = s.object_mix(a, 1).unwrap();
        out(s, m1, 0);
        let m2 = new(s, "Mix", &format!("@{}, voices=1, add=0.1", a.id));
        out(s, m2, 1);
    });
    check("mix_method", &o);
}

#[test]
fn arith_numbers() {
    let o = render(0.5, None, false, |s, _| {
        let a = new(s, "Sine", "440");
        let x = arith(s, a, ArithOp::Mul, num(0.3));
        let x = arith(s, x, ArithOp::Add, num(0.1));
        out(s, x, 0);
        let b = new(s, "Sine", "330");
        let y = arith(s, b, ArithOp::Mul, num(0.2));
        let y = arith(s, y, ArithOp::ReverseSub, num(0.5));
        let y = arith(s, y, ArithOp::Div, num(3.0));
        out(s, y, 1);
    });
    check("arith_numbers", &o);
}

#[test]
fn arith_objects() {
    let o = render(0.5, None, false, |s, _| {
        let a = new(s, "Sine", "440");
        let m = new(s, "Sine", "3");
        let x = arith(s, a, ArithOp::Mul, Operand::Object(m));
        out(s, x, 0);
        let b = new(s, "Sine", "441");
        let half = arith(s, b, ArithOp::Mul, num(0.5));
        let y = arith(s, a, ArithOp::Sub, Operand::Object(half));
        let y = arith(s, y, ArithOp::Add, Operand::Object(m));
        out(s, y, 1);
    });
    check("arith_objects", &o);
}

#[test]
fn arith_division() {
    let o = render(0.5, None, false, |s, _| {
        let d = new(s, "Sine", "1, mul=0.5, add=0.6");
        let a = new(s, "Sine", "220, mul=0.1");
        let x = arith(s, a, ArithOp::Div, Operand::Object(d));
        out(s, x, 0);
        let z = new(s, "Sine", "2");
        let b = new(s, "Sine", "220, mul=0.00001");
        let y = arith(s, b, ArithOp::Div, Operand::Object(z));
        out(s, y, 1);
    });
    check("arith_division", &o);
}

#[test]
fn arith_reversed() {
    let o = render(0.5, None, false, |s, _| {
        let d = new(s, "Sine", "1, mul=0.5, add=2");
        let x = arith(s, d, ArithOp::ReverseDiv, num(0.5));
        out(s, x, 0);
        let b = new(s, "Sine", "330");
        let y = arith(s, b, ArithOp::ReverseSub, num(2.0));
        let y = arith(s, y, ArithOp::Mul, num(0.25));
        out(s, y, 1);
    });
    check("arith_reversed", &o);
}

#[test]
fn arith_in_place() {
    let o = render(0.5, None, false, |s, p| {
        let a = new(s, "Sine", "440");
        s.object_arith_in_place(a, ArithOp::Mul, &num(0.5)).unwrap();
        let lfo = new(s, "Sine", "2, mul=0.1");
        s.object_arith_in_place(a, ArithOp::Add, &Operand::Object(lfo)).unwrap();
        out(s, a, 0);
        let b = new(s, "Sine", "330");
        s.object_arith_in_place(b, ArithOp::Div, &num(4.0)).unwrap();
        s.object_arith_in_place(b, ArithOp::Sub, &num(0.1)).unwrap();
        out(s, b, 1);
        p.at(0.25, move |s| s.object_arith_in_place(a, ArithOp::Mul, &num(0.25)).unwrap());
    });
    check("arith_in_place", &o);
}

#[test]
fn stream_index() {
    let o = render(0.5, None, false, |s, _| {
        let a = new(s, "Sine", "[220, 330, 440], mul=0.3");
        let third = s.object_stream(a, 2).unwrap();
        out(s, third, 0);
        let first = s.object_stream(a, 0).unwrap();
        let b = new(s, "Sig", &format!("@{}, mul=2", first.id));
        out(s, b, 1);
    });
    check("stream_index", &o);
}

#[test]
fn auto_children() {
    let o = render(1.0, None, false, |s, p| {
        s.set_auto_start_children(true).unwrap();
        let a = new(s, "Sine", "440, mul=0.5");
        let lp = new(s, "ButLP", &format!("@{}, freq=2000", a.id));
        out(s, lp, 0);
        let f = new(s, "Fader", "fadein=0.05, fadeout=0.1");
        let c = new(s, "Sine", "330");
        s.object_set_object(c, "mul", f).unwrap();
        p.at(0.1, move |s| s.object_stop(c, 0.0).unwrap());
        p.at(0.25, move |s| s.object_stop(lp, 0.0).unwrap());
        p.at(0.3, move |s| s.object_out(c, 1, 1, 0.0, 0.0).unwrap());
        p.at(0.5, move |s| s.object_out(lp, 0, 1, 0.0, 0.0).unwrap());
        p.at(0.6, move |s| s.object_stop(c, 0.2).unwrap());
    });
    check("auto_children", &o);
}

#[test]
fn set_input_fade() {
    let o = render(1.0, None, false, |s, p| {
        let a = new(s, "Sine", "440, mul=0.5");
        let b = new(s, "Sine", "660, mul=0.5");
        let lp = new(s, "ButLP", &format!("@{}, freq=5000", a.id));
        out(s, lp, 0);
        let t = new(s, "Tone", &format!("@{}, freq=3000", a.id));
        out(s, t, 1);
        p.at(0.25, move |s| s.object_set_input(lp, b, 0.05).unwrap());
        p.at(0.4, move |s| s.object_set_input(t, b, 0.1).unwrap());
        p.at(0.6, move |s| s.object_set_input(t, a, 0.05).unwrap());
        p.at(0.65, move |s| s.object_set_input(lp, a, 0.01).unwrap());
    });
    check("set_input_fade", &o);
}

#[test]
fn out_channel_list() {
    let o = render(0.5, None, false, |s, _| {
        let a = new(s, "Sine", "[220, 330, 440], mul=0.2");
        s.object_out_channels(a, &[1, 0], 0.0, 0.0).unwrap();
    });
    check("out_channel_list", &o);
}

#[test]
fn list_of_objects() {
    let o = render(0.5, None, false, |s, p| {
        let a = new(s, "Sine", "[220, 330], mul=0.5");
        let b = new(s, "Sine", "550, mul=0.5");
        let lfo = new(s, "Sine", "3, mul=100, add=400");
        let lp = new(s, "ButLP", &format!("[@{}, @{}], freq=2000", a.id, b.id));
        let x = new(s, "Sine", &format!("freq=[@{}, 300], mul=[@{}, 0.3]", lfo.id, b.id));
        let m = new(s, "Mix", &format!("[@{}, @{}], voices=2", lp.id, x.id));
        out(s, m, 0);
        p.at(0.25, move |s| {
            s.object_set_value(
                x,
                "freq",
                &rpyo::objects::args::Value::List(vec![
                    rpyo::objects::args::Value::Number(500.0),
                    rpyo::objects::args::Value::Object(lfo.id),
                ]),
            )
            .unwrap();
            let v = rpyo::objects::args::parse(&format!("[@{}, 3000]", lfo.id)).unwrap().positional.remove(0);
            s.object_set_value(lp, "freq", &v).unwrap();
        });
    });
    check("list_of_objects", &o);
}

#[test]
fn list_of_tables() {
    let o = render(0.5, None, false, |s, p| {
        let t1 = new(s, "HarmTable", "");
        let t2 = new(s, "HarmTable", "[1, 0, 0.5]");
        let osc = new(s, "Osc", &format!("[@{}, @{}], freq=[220, 330], mul=0.4", t1.id, t2.id));
        out(s, osc, 0);
        p.at(0.25, move |s| {
            let v = rpyo::objects::args::parse(&format!("[@{}, @{}]", t2.id, t1.id)).unwrap().positional.remove(0);
            s.object_set_value(osc, "table", &v).unwrap();
        });
    });
    check("list_of_tables", &o);
}
