//! Effects: distortion, dynamics, chorus, pitch shifting.

use super::node::{BlockCtx, Dsp, Flow, Param, Signal};
use super::registry::{ClassSpec, ParamKind, ParamSpec, StreamArgs};

const INPUT: ParamSpec = ParamSpec {
    name: "input",
    default: 0.0,
    min: f64::NEG_INFINITY,
    max: f64::INFINITY,
    kind: ParamKind::Input,
    ctor: true,
    doc: "Input signal to process.",
};

/// The processed input's block; without one (its object is gone), the
/// output is silent.
fn audio_input<'a>(input: Signal<'a>, out: &mut [f32]) -> Option<&'a [f32]> {
    match input {
        Signal::Audio(x) => Some(x),
        Signal::Const(_) => {
            out.fill(0.0);
            None
        }
    }
}

// ------------------------------------------------------------------ Disto --

pub static DISTO: ClassSpec = ClassSpec {
    name: "Disto",
    doc: "Arc tangent-like distortion followed by a one-pole lowpass filter.",
    params: &[
        INPUT,
        ParamSpec {
            name: "drive",
            default: 0.75,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Amount of distortion, between 0 and 1.",
        },
        ParamSpec {
            name: "slope",
            default: 0.5,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Slope of the lowpass filter applied after the distortion, between 0 and 1.",
        },
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Disto::build,
};

/// pyo's Disto, as measured (all f32): drive clamped to [0, 0.998], slope to
/// [0, 0.999]; `k = 2*drive/(1 - drive)`, `w = (1 + k)*x/(1 + k*|x|)`,
/// `y = w + (y1 - w)*slope`, y1 starting at 0.
pub struct Disto {
    input: Param,
    drive: Param,
    slope: Param,
    y1: f32,
}

impl Disto {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Disto { input: a.param(0), drive: a.param(1), slope: a.param(2), y1: 0.0 })
    }

    #[inline(always)]
    fn coef(drive: f32) -> f32 {
        let d = drive.clamp(0.0, 0.998);
        2.0 * d / (1.0 - d)
    }

    #[inline(always)]
    fn run(&mut self, out: &mut [f32], x: &[f32], k: impl Fn(usize) -> f32, slope: impl Fn(usize) -> f32) {
        let mut y1 = self.y1;
        for (i, (y, &x)) in out.iter_mut().zip(x).enumerate() {
            let k = k(i);
            let w = (1.0 + k) * x / (1.0 + k * x.abs());
            y1 = w + (y1 - w) * slope(i);
            *y = y1;
        }
        self.y1 = y1;
    }
}

impl Dsp for Disto {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let g = &ctx.graph;
        let Some(x) = audio_input(g.signal(&self.input), out) else { return Flow::Continue };
        let sl = |s: f32| s.clamp(0.0, 0.999);
        match (g.signal(&self.drive), g.signal(&self.slope)) {
            (Signal::Const(d), Signal::Const(s)) => {
                let (k, s) = (Self::coef(d), sl(s));
                self.run(out, x, |_| k, |_| s)
            }
            (Signal::Const(d), Signal::Audio(s)) => {
                let k = Self::coef(d);
                self.run(out, x, |_| k, |i| sl(s[i]))
            }
            (Signal::Audio(d), Signal::Const(s)) => {
                let s = sl(s);
                self.run(out, x, |i| Self::coef(d[i]), |_| s)
            }
            (Signal::Audio(d), Signal::Audio(s)) => self.run(out, x, |i| Self::coef(d[i]), |i| sl(s[i])),
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1 => self.drive = value,
            2 => self.slope = value,
            _ => {}
        }
    }
}
