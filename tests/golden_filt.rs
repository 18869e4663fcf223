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

#[test]
fn sigto() {
    let out = render(1.0, None, false, |s, p| {
        let st = new(s, "SigTo", "value=200, time=0.1, init=200");
        let st2 = new(s, "SigTo", "value=1, time=0.25, init=0");
        let a = new(s, "Sine", &format!("freq=@{}, mul=0.5", st.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Sig", &format!("@{}", st2.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.3, move |s| s.object_set_float(st, "value", 800.0).unwrap());
        p.at(0.6, move |s| s.object_set_float(st, "value", 300.0).unwrap());
    });
    check("sigto", &out);
}

#[test]
fn sigto_audio() {
    let out = render(0.5, None, false, |s, p| {
        let src = new(s, "Sine", "5, mul=0.5");
        let tm = new(s, "Sine", "3, mul=0.002, add=0.002");
        let a = new(s, "SigTo", &format!("@{}, time=@{}, init=0.2", src.id, tm.id));
        let b = new(s, "SigTo", "[0.1, -0.4], time=[0.01, 0.05]");
        let la = new(s, "Sig", &format!("@{}", a.id));
        s.object_out(la, 0, 1, 0.0, 0.0).unwrap();
        let lb = new(s, "Sig", &format!("@{}", b.id));
        s.object_out(lb, 1, 0, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| {
            s.object_set_list(b, "value", &[0.7, 0.3]).unwrap();
            s.object_set_float(b, "time", 0.02).unwrap();
        });
    });
    check("sigto_audio", &out);
}

#[test]
fn port_basic() {
    let out = render(0.5, None, false, |s, p| {
        let sn = new(s, "Sine", "3, mul=4");
        let src = new(s, "Clip", &format!("@{}, min=-0.5, max=0.5", sn.id));
        let a = new(s, "Port", &format!("@{}", src.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Port", &format!("@{}, risetime=0.01, falltime=0.2, init=0.3, mul=0.5", src.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| s.object_set_float(b, "risetime", 0.002).unwrap());
    });
    check("port_basic", &out);
}

#[test]
fn port_audio() {
    let out = render(0.5, None, false, |s, _| {
        let sn = new(s, "Sine", "5, mul=4");
        let src = new(s, "Clip", &format!("@{}, min=-0.5, max=0.5", sn.id));
        let rt = new(s, "Sine", "1, mul=0.02, add=0.03");
        let ft = new(s, "Sine", "1.5, mul=0.01, add=0.012");
        let a = new(s, "Port", &format!("@{}, risetime=@{}, falltime=@{}", src.id, rt.id, ft.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Port", &format!("@{}, risetime=[0.01, 0.1]", src.id));
        s.object_out(b, 1, 0, 0.0, 0.0).unwrap();
    });
    check("port_audio", &out);
}

#[test]
fn mtof_clip() {
    let out = render(0.5, None, false, |s, p| {
        let m = new(s, "Sine", "2, mul=24, add=60");
        let f = new(s, "MToF", &format!("@{}", m.id));
        let a0 = new(s, "Sine", &format!("freq=@{}, mul=0.4", f.id));
        s.object_out(a0, 0, 1, 0.0, 0.0).unwrap();
        let mx = new(s, "Sine", "1, mul=0.5");
        let s1 = new(s, "Sine", "440");
        let a = new(s, "Clip", &format!("@{}, min=-0.5, max=@{}", s1.id, mx.id));
        s.object_out(a, 1, 1, 0.0, 0.0).unwrap();
        let s2 = new(s, "Sine", "330, mul=1.5");
        let b = new(s, "Clip", &format!("@{}, mul=0.2", s2.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| s.object_set_float(a, "min", -0.2).unwrap());
    });
    check("mtof_clip", &out);
}

#[test]
fn mtof_list() {
    let out = render(0.5, None, false, |s, _| {
        let m = new(s, "Sine", "[1, 3], mul=[30, 12], add=[69, 20]");
        let f = new(s, "MToF", &format!("@{}, mul=0.001", m.id));
        s.object_out(f, 0, 1, 0.0, 0.0).unwrap();
    });
    check("mtof_list", &out);
}

#[test]
fn scale() {
    let out = render(0.5, None, false, |s, p| {
        let src = new(s, "Sine", "300");
        let om = new(s, "Sine", "2");
        let a = new(s, "Scale", &format!("@{}", src.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Scale", &format!("@{}, -1, 1, 0.2, @{}, exp=2.5, mul=0.5", src.id, om.id));
        s.object_out(b, 0, 1, 0.0, 0.0).unwrap();
        let om2 = new(s, "Sine", "3");
        let ex = new(s, "Sine", "1, mul=2, add=2");
        let c =
            new(s, "Scale", &format!("@{}, inmin=1, inmax=-1, outmin=-1, outmax=@{}, exp=@{}", src.id, om2.id, ex.id));
        s.object_out(c, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| {
            s.object_set_float(b, "exp", 0.5).unwrap();
            s.object_set_float(b, "inmax", 0.5).unwrap();
        });
    });
    check("scale", &out);
}

#[test]
fn butbp_tone() {
    let out = render(0.5, Some(13), false, |s, p| {
        let n = new(s, "Noise", "0.5");
        let lf = new(s, "Sine", "2, mul=1500, add=2000");
        let qq = new(s, "Sine", "3, mul=4, add=5");
        let a = new(s, "ButBP", &format!("@{}", n.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "ButBP", &format!("@{}, freq=@{}, q=@{}", n.id, lf.id, qq.id));
        s.object_out(b, 0, 1, 0.0, 0.0).unwrap();
        let c = new(s, "ButBP", &format!("@{}, 500, q=0.5", n.id));
        s.object_out(c, 0, 1, 0.0, 0.0).unwrap();
        let t = new(s, "Tone", &format!("@{}, freq=[300, 5000]", n.id));
        s.object_out(t, 1, 0, 0.0, 0.0).unwrap();
        let u = new(s, "Atone", &format!("@{}, freq=@{}", n.id, lf.id));
        s.object_out(u, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| {
            s.object_set_float(a, "freq", 3000.0).unwrap();
            s.object_set_float(a, "q", 8.0).unwrap();
        });
    });
    check("butbp_tone", &out);
}

#[test]
fn tone_atone() {
    let out = render(0.5, Some(17), false, |s, p| {
        let n = new(s, "Noise", "0.5");
        let a = new(s, "Tone", &format!("@{}", n.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = new(s, "Atone", &format!("@{}, freq=[200, 8000], mul=0.5", n.id));
        s.object_out(b, 1, 0, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| s.object_set_float(a, "freq", 100.0).unwrap());
    });
    check("tone_atone", &out);
}
