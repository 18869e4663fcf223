//! rpyo against pyo 1.1.0: the filter family (tests/golden/cases_filt.py).

mod common;

use common::golden::{check, new, render};

#[test]
fn biquad_butlp() {
    let out = render(0.5, Some(42), false, |s, _| {
        let n = new(s, "Noise", "0.5");
        let a = new(s, "Biquad", &format!("@{}, freq=1000, q=5, type=2", n.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "ButLP", &format!("@{}, freq=2000", n.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    check("biquad_butlp", &out);
}

#[test]
fn butlp_sine() {
    let out = render(0.5, None, false, |s, _| {
        let sw = new(s, "Sine", "0.5, mul=3900, add=4100");
        let src = new(s, "Sine", &format!("freq=@{}, mul=0.5", sw.id));
        let fm = new(s, "Sine", "1, mul=1500, add=2000");
        let a = new(s, "ButLP", &format!("@{}, freq=1000", src.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Biquad", &format!("@{}, freq=@{}, q=2, type=0", src.id, fm.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    check("butlp_sine", &out);
}

#[test]
fn buthp_list() {
    let out = render(0.5, Some(7), false, |s, p| {
        let n = new(s, "Noise", "0.5");
        let a = new(s, "ButHP", &format!("@{}, freq=[500, 3000], mul=0.8", n.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| s.object_set_float(a, "freq", 8000.0).unwrap());
    });
    check("buthp_list", &out);
}

#[test]
fn butlp_defaults() {
    let out = render(0.5, Some(3), false, |s, _| {
        let n = new(s, "Noise", "");
        let lf = new(s, "Sine", "3, mul=5000, add=5100");
        let a = new(s, "ButLP", &format!("@{}", n.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "ButHP", &format!("@{}, freq=@{}", n.id, lf.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    check("butlp_defaults", &out);
}

#[test]
fn biquad_types() {
    let out = render(0.5, Some(11), false, |s, p| {
        let n = new(s, "Noise", "0.4");
        let q = new(s, "Sine", "2, mul=4, add=4.05");
        let b = new(s, "Biquad", &format!("@{}, freq=[800, 5000], q=@{}, type=[1, 3]", n.id, q.id));
        s.object_out(b, 0, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| {
            s.object_set_float(b, "type", 4.0).unwrap();
            s.object_set_float(b, "freq", 2500.0).unwrap();
            s.object_set_float(b, "q", 0.5).unwrap();
        });
    });
    check("biquad_types", &out);
}

#[test]
fn biquad_defaults() {
    let out = render(0.5, Some(5), false, |s, _| {
        let n = new(s, "Noise", "0.5");
        let a = new(s, "Biquad", &format!("@{}", n.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Biquad", &format!("@{}, freq=300, q=10, type=2, mul=3", n.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    check("biquad_defaults", &out);
}
