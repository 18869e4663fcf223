//! Resampling blocks and Resample against pyo 1.1.0
//! (tests/golden/cases_resample.py).
//!
//! Tolerance: Resample's kernel taps differ from pyo's by up to 3 ulps (the
//! exact f32 arithmetic of pyo's kernel construction was not pinned down);
//! everything else (the polyphase sums, zero-padding, holding, discarding,
//! rates of the objects inside the blocks) is exact. The max difference is
//! about 1e-7, under the usual 1e-6 of `check`.

mod common;

use common::golden::{check, new, render};
use rpyo::{ObjectId, Server};

fn out(s: &Server, o: ObjectId, chnl: i32) {
    s.object_out(o, chnl, 1, 0.0, 0.0).unwrap();
}

fn id(o: ObjectId) -> u64 {
    o.id
}

#[test]
fn resample() {
    // The oracle's case (/work/shared/oracle/render.py `resample`), 1 s.
    let o = render(1.0, None, false, |s, _| {
        let src = new(s, "Sine", "440, mul=0.5");
        s.begin_resampling_block(2).unwrap();
        let up = new(s, "Resample", &format!("@{}, mode=8", id(src)));
        let rm = new(s, "Sine", &format!("3000, mul=@{}", id(up)));
        let hi = new(s, "Sine", "15000, mul=0.5");
        s.end_resampling_block().unwrap();
        let d1 = new(s, "Resample", &format!("@{}, mode=8", id(rm)));
        out(s, d1, 0);
        let d2 = new(s, "Resample", &format!("@{}, mode=1", id(hi)));
        out(s, d2, 1);
    });
    check("resample", &o);
}

#[test]
fn resample_factor4_mode0() {
    let o = render(0.5, None, false, |s, _| {
        let src = new(s, "Sine", "[300, 1250], mul=0.4");
        s.begin_resampling_block(4).unwrap();
        let z = new(s, "Resample", &format!("@{}, mode=0", id(src)));
        let h = new(s, "Resample", &format!("@{}, mode=1, mul=0.5", id(src)));
        s.end_resampling_block().unwrap();
        let a = new(s, "Resample", &format!("@{}, mode=4, mul=4", id(z)));
        out(s, a, 0);
        let b = new(s, "Resample", &format!("@{}, mode=0, add=0.05", id(h)));
        out(s, b, 0);
    });
    check("resample_factor4_mode0", &o);
}

#[test]
fn resample_negative() {
    let o = render(0.5, None, false, |s, _| {
        let src = new(s, "Sine", "700, mul=0.5");
        let lfo = new(s, "Sine", "3, mul=0.5, add=0.5");
        s.begin_resampling_block(-2).unwrap();
        let dn = new(s, "Resample", &format!("@{}, mode=4", id(src)));
        let ring = new(s, "Sine", &format!("250, mul=@{}", id(dn)));
        let lo = new(s, "Sine", "5000, mul=0.3");
        s.end_resampling_block().unwrap();
        // A lower-rate object cannot go to the output (pyo reads past its buffer).
        assert!(s.object_out(lo, 1, 1, 0.0, 0.0).is_err());
        let a = new(s, "Resample", &format!("@{}, mode=6, mul=@{}", id(ring), id(lfo)));
        out(s, a, 0);
        let b = new(s, "Resample", &format!("@{}, mode=0", id(lo)));
        out(s, b, 1);
    });
    check("resample_negative", &o);
}

#[test]
fn resample_setmode() {
    let o = render(0.5, None, false, |s, p| {
        let src = new(s, "Sine", "440, mul=0.5");
        s.begin_resampling_block(2).unwrap();
        let up = new(s, "Resample", &format!("@{}, mode=8", id(src)));
        let hi = new(s, "Sine", "9000, mul=0.5");
        s.end_resampling_block().unwrap();
        let a = new(s, "Resample", &format!("@{}, mode=1", id(up)));
        out(s, a, 0);
        let b = new(s, "Resample", &format!("@{}, mode=8", id(hi)));
        out(s, b, 1);
        p.at(0.25, move |s| {
            s.object_set_float(up, "mode", 3.0).unwrap();
            s.object_set_float(b, "mode", 1.0).unwrap();
            s.object_set_float(a, "mul", 0.7).unwrap();
        });
    });
    check("resample_setmode", &o);
}

#[test]
fn resample_out_inside() {
    let o = render(0.5, None, false, |s, _| {
        s.begin_resampling_block(2).unwrap();
        let a = new(s, "Sine", "440, mul=0.5");
        out(s, a, 0);
        s.end_resampling_block().unwrap();
        let b = new(s, "Sine", "330, mul=0.3");
        out(s, b, 1);
    });
    check("resample_out_inside", &o);
}

#[test]
fn resampling_block_errors() {
    let o = render(0.01, None, false, |s, _| {
        assert!(s.end_resampling_block().is_err(), "end without begin");
        for bad in [0, 3, -6, 128, -128] {
            assert!(s.begin_resampling_block(bad).is_err(), "factor {bad}");
        }
        s.begin_resampling_block(-4).unwrap();
        assert_eq!(s.resampling_factor(), -4);
        assert!(s.begin_resampling_block(2).is_err(), "nested");
        s.end_resampling_block().unwrap();
        assert_eq!(s.resampling_factor(), 1);
        // 256 is not divisible by 512: refused before anything is made.
        assert!(s.begin_resampling_block(-512).is_err());
    });
    assert!(o.iter().all(|x| *x == 0.0));
}
