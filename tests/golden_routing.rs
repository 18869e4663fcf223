//! The routing family against pyo 1.1.0: Pan, SPan, Selector
//! (tests/golden/cases_routing.py).

mod common;

use common::golden::{check, new, render};
use rpyo::{ObjectId, Server};

fn out(s: &Server, o: ObjectId, chnl: i32) {
    s.object_out(o, chnl, 1, 0.0, 0.0).unwrap();
}

/// Sends stream `i` of `o` to channel `chnl` (pyo's `o[i].out(chnl)`).
fn out_stream(s: &Server, o: ObjectId, i: usize, chnl: i32) {
    let st = s.object_stream(o, i).unwrap();
    out(s, st, chnl);
}

#[test]
fn pan_basic() {
    let o = render(0.5, None, false, |s, _| {
        let src = new(s, "Sine", "440, mul=0.5");
        let lfo = new(s, "Sine", "1.7, mul=0.6, add=0.5");
        let p = new(s, "Pan", &format!("@{}, outs=2, pan=@{}, spread=0.3", src.id, lfo.id));
        out(s, p, 0);
    });
    check("pan_basic", &o);
}

#[test]
fn pan_defaults() {
    let o = render(0.5, None, false, |s, p| {
        let src = new(s, "Sine", "440, mul=0.5");
        let pan = new(s, "Pan", &format!("@{}", src.id));
        out(s, pan, 0);
        p.at(0.25, move |s| {
            s.object_set_float(pan, "pan", 0.2).unwrap();
            s.object_set_float(pan, "spread", 0.9).unwrap();
        });
    });
    check("pan_defaults", &o);
}

#[test]
fn pan_lists() {
    let o = render(0.5, None, false, |s, p| {
        let src = new(s, "Sine", "[330, 550], mul=0.4");
        let pan = new(s, "Pan", &format!("@{}, outs=2, pan=[0.2, 0.9], mul=[0.5, 1]", src.id));
        assert_eq!(s.object_stream_count(pan).unwrap(), 4);
        out(s, pan, 0);
        p.at(0.25, move |s| s.object_set_list(pan, "pan", &[0.7, 0.05]).unwrap());
    });
    check("pan_lists", &o);
}

fn pan4(s: &Server) -> ObjectId {
    let src = new(s, "Sine", "440, mul=0.5");
    let lfo = new(s, "Sine", "1.3, phase=0.9, mul=0.6, add=0.5");
    let sp = new(s, "Sine", "2.1, mul=0.6, add=0.5");
    new(s, "Pan", &format!("@{}, outs=4, pan=@{}, spread=@{}", src.id, lfo.id, sp.id))
}

#[test]
fn pan_outs4_a() {
    let o = render(0.5, None, false, |s, _| {
        let p = pan4(s);
        out_stream(s, p, 0, 0);
        out_stream(s, p, 2, 1);
    });
    check("pan_outs4_a", &o);
}

#[test]
fn pan_outs4_b() {
    let o = render(0.5, None, false, |s, _| {
        let p = pan4(s);
        out_stream(s, p, 1, 0);
        out_stream(s, p, 3, 1);
    });
    check("pan_outs4_b", &o);
}

#[test]
fn pan_outs_const() {
    let o = render(0.5, None, false, |s, _| {
        let src = new(s, "Sine", "440, mul=0.5");
        let a = new(s, "Pan", &format!("@{}, outs=4, pan=0.3, spread=0.2", src.id));
        out(s, a, 0);
        let b = new(s, "Pan", &format!("@{}, outs=3, pan=[0.1, 0.7], spread=0.8, mul=0.5", src.id));
        assert_eq!(s.object_stream_count(b).unwrap(), 6);
        out(s, b, 0);
        let c = new(s, "Pan", &format!("@{}, outs=1, mul=0.25", src.id));
        out(s, c, 0);
    });
    check("pan_outs_const", &o);
}

#[test]
fn span_basic() {
    let o = render(0.5, None, false, |s, _| {
        let src = new(s, "Sine", "440, mul=0.5");
        let lfo = new(s, "Sine", "1.7, mul=0.6, add=0.5");
        let p = new(s, "SPan", &format!("@{}, outs=2, pan=@{}", src.id, lfo.id));
        out(s, p, 0);
    });
    check("span_basic", &o);
}

#[test]
fn span_lists() {
    let o = render(0.5, None, false, |s, p| {
        let src = new(s, "Sine", "[330, 550], mul=0.4");
        let sp = new(s, "SPan", &format!("@{}, pan=[0.25, 0.8]", src.id));
        out(s, sp, 0);
        p.at(0.25, move |s| {
            s.object_set_float(sp, "pan", 0.9).unwrap();
            s.object_set_float(sp, "mul", 0.5).unwrap();
        });
    });
    check("span_lists", &o);
}

fn span(s: &Server, outs: usize) -> ObjectId {
    let src = new(s, "Sine", "440, mul=0.5");
    let lfo = new(s, "Sine", "1.9, mul=0.6, add=0.5");
    new(s, "SPan", &format!("@{}, outs={outs}, pan=@{}", src.id, lfo.id))
}

#[test]
fn span_outs4() {
    let o = render(0.5, None, false, |s, _| {
        let p = span(s, 4);
        out_stream(s, p, 0, 0);
        out_stream(s, p, 3, 1);
    });
    check("span_outs4", &o);
}

#[test]
fn span_outs6() {
    let o = render(0.5, None, false, |s, _| {
        let p = span(s, 6);
        out_stream(s, p, 2, 0);
        out_stream(s, p, 5, 1);
    });
    check("span_outs6", &o);
}

#[test]
fn span_outs_const() {
    let o = render(0.5, None, false, |s, _| {
        let src = new(s, "Sine", "440, mul=0.5");
        let a = new(s, "SPan", &format!("@{}, outs=3, pan=[0.5, 1.0]", src.id));
        out(s, a, 0);
        let b = new(s, "SPan", &format!("@{}, outs=6, pan=0.5, mul=0.5", src.id));
        out(s, b, 0);
    });
    check("span_outs_const", &o);
}

#[test]
fn selector_audio() {
    let o = render(0.5, None, false, |s, p| {
        let a = new(s, "Sine", "220, mul=0.5");
        let b = new(s, "Sine", "330, mul=0.5");
        let c = new(s, "Sine", "440, mul=0.5");
        let v = new(s, "Sine", "2.1, mul=1.4, add=1");
        let left = new(s, "Selector", &format!("[@{}, @{}, @{}], voice=@{}", a.id, b.id, c.id, v.id));
        out(s, left, 0);
        let r = new(s, "Selector", &format!("[@{}, @{}, @{}], voice=0.5, mul=0.5", a.id, b.id, c.id));
        out(s, r, 1);
        p.at(0.25, move |s| s.object_set_float(r, "voice", 1.75).unwrap());
    });
    check("selector_audio", &o);
}

#[test]
fn selector_lists() {
    let o = render(0.5, None, false, |s, p| {
        let a = new(s, "Sine", "220, mul=0.5");
        let b = new(s, "Sine", "330, mul=0.5");
        let sel = new(s, "Selector", &format!("[@{}, @{}], voice=[0, 0.3, 1]", a.id, b.id));
        assert_eq!(s.object_stream_count(sel).unwrap(), 3);
        out(s, sel, 0);
        p.at(0.25, move |s| s.object_set_objects(sel, "inputs", &[b, a]).unwrap());
    });
    check("selector_lists", &o);
}

#[test]
fn selector_multi() {
    let o = render(0.5, None, false, |s, p| {
        let a = new(s, "Sine", "[220, 330], mul=0.5");
        let b = new(s, "Sine", "[440, 550, 660], mul=0.5");
        let c = new(s, "Sine", "880, mul=0.5");
        let v = new(s, "Sine", "1.5, mul=1.4, add=1");
        let sel = new(s, "Selector", &format!("[@{}, @{}, @{}], voice=@{}", a.id, b.id, c.id, v.id));
        assert_eq!(s.object_stream_count(sel).unwrap(), 3);
        out_stream(s, sel, 0, 0);
        out_stream(s, sel, 2, 1);
        p.at(0.25, move |s| s.object_set_objects(sel, "inputs", &[c, b, a]).unwrap());
        let sel2 = new(s, "Selector", &format!("[@{}, @{}], voice=[0.25, 0.8], mul=[1, 0.5]", a.id, c.id));
        assert_eq!(s.object_stream_count(sel2).unwrap(), 4);
        out(s, sel2, 0);
    });
    check("selector_multi", &o);
}
