//! Harmonizer: pitch shifting by two overlapping read heads on a delay line.
//!
//! pyo 1.1.0's single-precision build outputs NaN from Harmonizer's first
//! sample on (whatever the input and arguments), so this object follows
//! pyo's double-precision build (pyo64), measured: see
//! tests/golden/cases_harm.py.

use super::node::{BlockCtx, Dsp, Flow, Param, Signal};
use super::registry::as_written;
use super::registry::{ClassSpec, Layout, ParamKind, ParamSpec, StreamArgs};

/// Longest window, in seconds (pyo refuses longer ones).
const MAX_WINSIZE: f64 = 1.0;
/// Window size used when the one given at creation is out of range.
const DEFAULT_WINSIZE: f64 = 0.1;
/// Pole of the DC blocker in the feedback path.
const DC_POLE: f64 = 0.995;
/// pyo's window is `sin(PI * phase)` with PI rounded to f32 (measured:
/// `sin(PI_f32)` = -8.74e-8 shows in its output).
const PI_F32: f64 = std::f32::consts::PI as f64;

pub static HARMONIZER: ClassSpec = ClassSpec {
    name: "Harmonizer",
    doc: "Generates harmonizing voices in synchrony with its audio input.",
    params: &[
        ParamSpec {
            name: "input",
            default: 0.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Input,
            ctor: true,
            doc: "Input signal to process.",
        },
        ParamSpec {
            name: "transpo",
            default: -7.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Transposition factor in semitones.",
        },
        ParamSpec {
            name: "feedback",
            default: 0.0,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Amount of output signal sent back into the delay line, between 0 and 1.",
        },
        ParamSpec {
            name: "winsize",
            default: DEFAULT_WINSIZE,
            min: 0.0,
            max: MAX_WINSIZE,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Window size in seconds (above 0, at most 1); an out-of-range value is ignored.",
        },
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Harmonizer::build,
    table: None,
    layout: Layout::PerArg,
    keys: &[],
    methods: super::registry::RESET_MEMORY,
};

/// pyo's Harmonizer as measured on pyo64 (all f64 inside):
/// a phase `p` in [0, 1) moves by `(1 - 2^(transpo/12)) / winsize / sr` per
/// sample; two heads at phases `p` and `p + 0.5` (wrapped) read the delay
/// line `phase*winsize*sr` samples back (linear interpolation), each
/// weighted by `sin(PI_f32*phase)`; the output is their sum. The line is
/// written `x + dc(out)*feedback`, where `dc` is a DC blocker
/// `y = x - x1 + 0.995*y1`; feedback is clamped to [0, 1]; transpo and
/// feedback are read per sample; a new winsize takes effect at once (the
/// phase goes on), one outside (0, 1] is ignored (0.1 at creation).
pub struct Harmonizer {
    input: Param,
    transpo: Param,
    feedback: Param,
    winsize: f64,
    /// `size + 1` samples: the guard point repeats sample 0.
    line: Box<[f64]>,
    size: usize,
    pos: usize,
    phase: f64,
    dc_x1: f64,
    dc_y1: f64,
    sr: f64,
}

impl Harmonizer {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let size = ((MAX_WINSIZE * a.sr) as usize).max(1) + 1;
        let mut h = Harmonizer {
            input: a.param(0),
            transpo: a.param(1),
            feedback: a.param(2),
            winsize: DEFAULT_WINSIZE,
            line: vec![0.0; size + 1].into_boxed_slice(),
            size,
            pos: 0,
            phase: 0.0,
            dc_x1: 0.0,
            dc_y1: 0.0,
            sr: a.sr,
        };
        h.set_param(3, a.param(3));
        Box::new(h)
    }

    /// Phase increment per sample for a transposition in semitones.
    #[inline(always)]
    fn increment(transpo: f64, winsize: f64, sr: f64) -> f64 {
        (1.0 - 2f64.powf(transpo / 12.0)) / winsize / sr
    }

    /// The line `delay` samples behind the write position, interpolated.
    #[inline(always)]
    fn read(line: &[f64], size: usize, pos: usize, delay: f64) -> f64 {
        let mut x = pos as f64 - delay;
        if x < 0.0 {
            x += size as f64;
        }
        let i = (x.max(0.0) as usize).min(size - 1);
        let f = x - i as f64;
        let a = line.get(i).copied().unwrap_or(0.0);
        let b = line.get(i + 1).copied().unwrap_or(0.0);
        a + (b - a) * f
    }

    #[inline(always)]
    fn run(&mut self, out: &mut [f32], x: &[f32], inc: impl Fn(usize) -> f64, fb: impl Fn(usize) -> f64) {
        let size = self.size;
        let wsr = self.winsize * self.sr;
        let (mut p, mut pos) = (self.phase, self.pos.min(size - 1));
        let (mut x1, mut y1) = (self.dc_x1, self.dc_y1);
        for (i, (y, &x)) in out.iter_mut().zip(x).enumerate() {
            let mut p2 = p + 0.5;
            if p2 >= 1.0 {
                p2 -= 1.0;
            }
            let line = &self.line[..];
            let acc = Self::read(line, size, pos, p * wsr) * (PI_F32 * p).sin()
                + Self::read(line, size, pos, p2 * wsr) * (PI_F32 * p2).sin();
            *y = acc as f32;
            y1 = acc - x1 + DC_POLE * y1;
            x1 = acc;
            let v = x as f64 + y1 * fb(i).clamp(0.0, 1.0);
            if let Some(slot) = self.line.get_mut(pos) {
                *slot = v;
            }
            if pos == 0 {
                if let Some(guard) = self.line.get_mut(size) {
                    *guard = v;
                }
            }
            pos += 1;
            if pos >= size {
                pos = 0;
            }
            p += inc(i);
            if p < 0.0 {
                p += 1.0;
            } else if p >= 1.0 {
                p -= 1.0;
            }
            if !(0.0..1.0).contains(&p) {
                // Only for increments of a whole period or more (tiny
                // windows); NaN comes back to 0.
                let q = p - p.floor();
                p = if (0.0..1.0).contains(&q) { q } else { 0.0 };
            }
        }
        self.phase = p;
        self.pos = pos;
        self.dc_x1 = x1;
        self.dc_y1 = y1;
    }
}

impl Dsp for Harmonizer {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let g = &ctx.graph;
        let x = match g.signal(&self.input) {
            Signal::Audio(x) => x,
            Signal::Const(_) => {
                out.fill(0.0);
                return Flow::Continue;
            }
        };
        let (ws, sr) = (self.winsize, self.sr);
        match (g.signal(&self.transpo), g.signal(&self.feedback)) {
            (Signal::Const(t), Signal::Const(f)) => {
                let (inc, f) = (Self::increment(as_written(t), ws, sr), f as f64);
                self.run(out, x, |_| inc, |_| f)
            }
            (Signal::Const(t), Signal::Audio(f)) => {
                let inc = Self::increment(as_written(t), ws, sr);
                self.run(out, x, |_| inc, |i| f.get(i).copied().unwrap_or(0.0) as f64)
            }
            (Signal::Audio(t), Signal::Const(f)) => {
                let f = f as f64;
                self.run(out, x, |i| Self::increment(t.get(i).copied().unwrap_or(0.0) as f64, ws, sr), |_| f)
            }
            (Signal::Audio(t), Signal::Audio(f)) => self.run(
                out,
                x,
                |i| Self::increment(t.get(i).copied().unwrap_or(0.0) as f64, ws, sr),
                |i| f.get(i).copied().unwrap_or(0.0) as f64,
            ),
        }
        Flow::Continue
    }

    fn call(&mut self, method: usize, _args: &[f32]) {
        if method == 0 {
            self.line.fill(0.0);
        }
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match (index, value) {
            (0, v) => self.input = v,
            (1, v) => self.transpo = v,
            (2, v) => self.feedback = v,
            (3, Param::Const(w)) => {
                let w = as_written(w);
                if w > 0.0 && w <= MAX_WINSIZE {
                    self.winsize = w;
                }
            }
            _ => {}
        }
    }
}
