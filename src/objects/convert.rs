//! Value converters: MToF, Clip, Scale.

use super::filters::INPUT;
use super::node::{BlockCtx, Dsp, Flow, Param, Signal};
use super::registry::{ClassSpec, ParamKind, ParamSpec, StreamArgs};

const fn audio(name: &'static str, default: f64, doc: &'static str) -> ParamSpec {
    ParamSpec { name, default, min: f64::NEG_INFINITY, max: f64::INFINITY, kind: ParamKind::Audio, ctor: true, doc }
}

// ------------------------------------------------------------------- MToF --

pub static MTOF: ClassSpec = ClassSpec {
    name: "MToF",
    doc: "Converts a MIDI note number to a frequency in Hz.",
    params: &[INPUT],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: MToF::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's MToF, as measured: `f32(440 * powf(2, f32((m - 69) / 12)))` (the
/// exponent in f64 rounded to f32, the product in f64), only
/// recomputed when the note changes; the remembered note starts at 0 with
/// the frequency f32(8.1757989156).
pub struct MToF {
    input: Param,
    last_m: f32,
    last_f: f32,
}

impl MToF {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(MToF { input: a.param(0), last_m: 0.0, last_f: 8.175_798_915_6_f64 as f32 })
    }
}

impl Dsp for MToF {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let input = ctx.graph.signal(&self.input);
        for (i, y) in out.iter_mut().take(ctx.bs).enumerate() {
            let m = input.at(i);
            if m != self.last_m {
                self.last_f = (440.0 * 2f32.powf(((m as f64 - 69.0) / 12.0) as f32) as f64) as f32;
                self.last_m = m;
            }
            *y = self.last_f;
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        if index == 0 {
            self.input = value;
        }
    }
}

// ------------------------------------------------------------------- Clip --

pub static CLIP: ClassSpec = ClassSpec {
    name: "Clip",
    doc: "Clips a signal to a predefined limit.",
    params: &[INPUT, audio("min", -1.0, "Minimum possible value."), audio("max", 1.0, "Maximum possible value.")],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Clip::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's Clip: `x < min ? min : (x > max ? max : x)`, per sample (min wins
/// when min > max).
pub struct Clip {
    input: Param,
    min: Param,
    max: Param,
}

impl Clip {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Clip { input: a.param(0), min: a.param(1), max: a.param(2) })
    }
}

#[inline(always)]
fn clip(x: f32, lo: f32, hi: f32) -> f32 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}

impl Dsp for Clip {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let input = ctx.graph.signal(&self.input);
        match (ctx.graph.signal(&self.min), ctx.graph.signal(&self.max)) {
            (Signal::Const(lo), Signal::Const(hi)) => {
                for (i, y) in out.iter_mut().enumerate() {
                    *y = clip(input.at(i), lo, hi);
                }
            }
            (lo, hi) => {
                for (i, y) in out.iter_mut().enumerate() {
                    *y = clip(input.at(i), lo.at(i), hi.at(i));
                }
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1 => self.min = value,
            2 => self.max = value,
            _ => {}
        }
    }
}

// ------------------------------------------------------------------ Scale --

pub static SCALE: ClassSpec = ClassSpec {
    name: "Scale",
    doc: "Maps an input range of audio values to an output range.",
    params: &[
        INPUT,
        audio("inmin", 0.0, "Minimum input value (read once per block)."),
        audio("inmax", 1.0, "Maximum input value (read once per block)."),
        audio("outmin", 0.0, "Minimum output value (read once per block)."),
        audio("outmax", 1.0, "Maximum output value (read once per block)."),
        audio("exp", 1.0, "Exponent of the scaling curve; below 0 acts as 0 (read once per block)."),
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Scale::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's Scale, as measured: every range parameter is read once per block
/// (the first sample of an audio one). `n = (x - inmin) / (inmax - inmin)`
/// clipped to [0, 1] (0 when the range is empty); a reversed input range
/// gives `1 - clip((x - inmax) / (inmin - inmax))`; `n = powf(n, exp)`
/// unless exp is 1 (exp < 0 counts as 0); `y = n * (outmax - outmin) + outmin`.
pub struct Scale {
    input: Param,
    p: [Param; 5],
}

impl Scale {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Scale { input: a.param(0), p: [a.param(1), a.param(2), a.param(3), a.param(4), a.param(5)] })
    }
}

impl Dsp for Scale {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let input = ctx.graph.signal(&self.input);
        let v = |k: usize| ctx.graph.signal(&self.p[k]).at(0);
        let (inmin, inmax, outmin, outmax) = (v(0), v(1), v(2), v(3));
        let e = v(4).max(0.0);
        let outr = outmax - outmin;
        let (lo, range, reversed) =
            if inmin <= inmax { (inmin, inmax - inmin, false) } else { (inmax, inmin - inmax, true) };
        for (i, y) in out.iter_mut().enumerate() {
            let mut n = if range != 0.0 { ((input.at(i) - lo) / range).clamp(0.0, 1.0) } else { 0.0 };
            if reversed {
                n = 1.0 - n;
            }
            if e != 1.0 {
                n = n.powf(e);
            }
            *y = n * outr + outmin;
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1..=5 => self.p[index - 1] = value,
            _ => {}
        }
    }
}
