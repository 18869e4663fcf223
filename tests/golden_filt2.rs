//! rpyo against pyo 1.1.0: MoogLP, SVF and ButBP under smooth modulation
//! (tests/golden/cases_filt2.py).

mod common;

use common::golden::{check, new, render};

#[test]
fn mooglp_defaults() {
    let out = render(0.5, Some(21), false, |s, p| {
        let n = new(s, "Noise", "0.5");
        let a = new(s, "MoogLP", &format!("@{}", n.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "MoogLP", &format!("@{}, freq=[400, 5000], mul=0.5", n.id));
        s.object_out(b, 1, 0, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| s.object_set_float(a, "freq", 2500.0).unwrap());
    });
    check("mooglp_defaults", &out);
}

#[test]
fn mooglp_res() {
    let out = render(0.5, Some(22), false, |s, p| {
        let n = new(s, "Noise", "0.3");
        let lf = new(s, "Sine", "2, mul=1500, add=2000");
        let rs = new(s, "Sine", "3, mul=0.4, add=0.5");
        let a = new(s, "MoogLP", &format!("@{}, freq=@{}, res=@{}", n.id, lf.id, rs.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "MoogLP", &format!("@{}, 800, res=1.2", n.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| {
            s.object_set_float(b, "res", 3.0).unwrap();
            s.object_set_float(b, "freq", 1500.0).unwrap();
        });
    });
    // MoogLP's resonance gain comes from a measured table (filters2.rs:
    // its closed form was not found), 1-2 ulps off pyo's between grid
    // points: measured 2.9e-7 here, within the usual 1e-6.
    check("mooglp_res", &out);
}

#[test]
fn svf_basic() {
    let out = render(0.5, Some(23), false, |s, p| {
        let n = new(s, "Noise", "0.5");
        let a = new(s, "SVF", &format!("@{}", n.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "SVF", &format!("@{}, 3000, q=5, type=0.7, mul=0.5", n.id));
        s.object_out(b, 0, 1, 0.0, 0.0).unwrap();
        let c = new(s, "SVF", &format!("@{}, freq=[500, 6000], type=[0.3, 1]", n.id));
        s.object_out(c, 1, 0, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| {
            s.object_set_float(a, "type", 0.5).unwrap();
            s.object_set_float(a, "q", 2.0).unwrap();
            s.object_set_float(a, "freq", 9000.0).unwrap();
        });
    });
    check("svf_basic", &out);
}

#[test]
fn svf_audio() {
    let out = render(0.5, Some(24), false, |s, _| {
        let n = new(s, "Noise", "0.5");
        let fr = new(s, "Sine", "1, mul=3000, add=3500");
        let qq = new(s, "Sine", "2, mul=2, add=2.6");
        let ty = new(s, "Sine", "3, mul=0.6, add=0.5");
        let a = new(s, "SVF", &format!("@{}, freq=@{}, q=@{}, type=@{}", n.id, fr.id, qq.id, ty.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let t2 = new(s, "Sine", "5, mul=0.5, add=0.5");
        let b = new(s, "SVF", &format!("@{}, 2000, q=0.2, type=@{}", n.id, t2.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    check("svf_audio", &out);
}

#[test]
fn butbp_sweep() {
    let out = render(0.5, Some(25), false, |s, _| {
        let n = new(s, "Noise", "0.5");
        let lf = new(s, "Sine", "1.5, mul=2000, add=2500");
        let qq = new(s, "Sine", "2, mul=10, add=12");
        let a = new(s, "ButBP", &format!("@{}, freq=@{}, q=5", n.id, lf.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "ButBP", &format!("@{}, freq=1200, q=@{}", n.id, qq.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    check("butbp_sweep", &out);
}
