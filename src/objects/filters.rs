//! Filters: Biquad, the Butterworth family (ButLP, ButHP, ButBP), the
//! one-pole Tone and Atone, MoogLP and SVF.
//!
//! Shared facts measured on pyo 1.1.0: coefficients come from libm's float
//! functions (tanf, cosf, sinf, which are not always correctly rounded: the
//! same glibc functions must be used, as Rust's `f32::tan` etc. do), the
//! filters run in direct form I with every product and sum in f32, and the
//! coefficients are recomputed only when the frequency (or q) changes.

use super::node::{batch_kind, Batch, BlockCtx, Dsp, Flow, Node, Param, Signal, MAX_BATCH};
use super::registry::{ClassSpec, ParamKind, ParamSpec, StreamArgs};

/// The processed audio object (`input`), first argument of every filter.
pub const INPUT: ParamSpec = ParamSpec {
    name: "input",
    default: 0.0,
    min: f64::NEG_INFINITY,
    max: f64::INFINITY,
    kind: ParamKind::Input,
    ctor: true,
    doc: "Input signal to process.",
};

const fn freq(doc: &'static str) -> ParamSpec {
    ParamSpec { name: "freq", default: 1000.0, min: 0.0, max: f64::INFINITY, kind: ParamKind::Audio, ctor: true, doc }
}

const fn q(doc: &'static str) -> ParamSpec {
    ParamSpec { name: "q", default: 1.0, min: 0.0, max: f64::INFINITY, kind: ParamKind::Audio, ctor: true, doc }
}

/// Reads the value of a parameter for frame `i` of a block; the loop over
/// a block is chosen once per block through the `Signal` kinds.
#[inline(always)]
fn at(s: &Signal<'_>, i: usize) -> f32 {
    s.at(i)
}

/// A filter with an input and one frequency parameter whose coefficients
/// follow the frequency (Butterworth low/high-pass, Tone, Atone).
trait FreqFilter {
    fn input(&self) -> Param;
    fn freq(&self) -> Param;
    /// Recomputes the coefficients when `f` changed.
    fn update(&mut self, f: f32);
    fn tick(&mut self, x: f32) -> f32;
}

/// One block of a [`FreqFilter`]: the coefficients once for a constant
/// frequency, every sample for an audio-rate one.
fn run_freq_filter(f: &mut impl FreqFilter, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
    let out = &mut out[..ctx.bs];
    let input = ctx.graph.signal(&f.input());
    match ctx.graph.signal(&f.freq()) {
        Signal::Const(fr) => {
            f.update(fr);
            for (i, y) in out.iter_mut().enumerate() {
                *y = f.tick(at(&input, i));
            }
        }
        Signal::Audio(fr) => {
            for (i, y) in out.iter_mut().enumerate() {
                f.update(fr.get(i).copied().unwrap_or(0.0));
                *y = f.tick(at(&input, i));
            }
        }
    }
    Flow::Continue
}

/// Direct form I state: previous two inputs and outputs.
#[derive(Clone, Copy, Default)]
struct Df1 {
    x1: f32,
    x2: f32,
    y1: f32,
    y2: f32,
}

/// Normalised second-order coefficients: `y = b0 x + b1 x1 + b2 x2 - a1 y1 - a2 y2`.
#[derive(Clone, Copy, Default)]
struct Coefs {
    b0: f32,
    b1: f32,
    b2: f32,
    a1: f32,
    a2: f32,
}

impl Df1 {
    #[inline(always)]
    fn tick(&mut self, c: &Coefs, x: f32) -> f32 {
        let y = c.b0 * x + c.b1 * self.x1 + c.b2 * self.x2 - c.a1 * self.y1 - c.a2 * self.y2;
        self.x2 = self.x1;
        self.x1 = x;
        self.y2 = self.y1;
        self.y1 = y;
        y
    }
}

// ------------------------------------------------------------ Butterworth --

pub static BUTLP: ClassSpec = ClassSpec {
    name: "ButLP",
    doc: "A second-order Butterworth lowpass filter.",
    params: &[INPUT, freq("Cutoff frequency of the filter in Hz (clamped to 0.1 .. sr*0.49).")],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: |a| Butter::build(a, false),
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

pub static BUTHP: ClassSpec = ClassSpec {
    name: "ButHP",
    doc: "A second-order Butterworth highpass filter.",
    params: &[INPUT, freq("Cutoff frequency of the filter in Hz (clamped to 0.1 .. sr*0.49).")],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: |a| Butter::build(a, true),
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's ButLP / ButHP, as measured: `c = tanf(f32(pi/sr) * f)` (its
/// reciprocal for the lowpass), `c2 = c*c` and `r = f32(sqrt2)*c` in f32,
/// `b0 = f32(1 / (1 + r + c2))` in f64, `a1 = f32(±2 (1 - c2) b0)` and
/// `a2 = f32((1 - r + c2) b0)` in f64; state starts at zero.
pub struct Butter {
    hp: bool,
    input: Param,
    freq: Param,
    pi_on_sr: f32,
    nyquist: f32,
    last: f32,
    c: Coefs,
    s: Df1,
}

impl FreqFilter for Butter {
    fn input(&self) -> Param {
        self.input
    }
    fn freq(&self) -> Param {
        self.freq
    }
    #[inline(always)]
    fn update(&mut self, f: f32) {
        self.coefficients(f)
    }
    #[inline(always)]
    fn tick(&mut self, x: f32) -> f32 {
        self.s.tick(&self.c, x)
    }
}

impl Butter {
    fn build(a: &StreamArgs<'_>, hp: bool) -> Box<dyn Dsp> {
        Box::new(Butter {
            hp,
            input: a.param(0),
            freq: a.param(1),
            pi_on_sr: (std::f64::consts::PI / a.sr) as f32,
            nyquist: (a.sr * 0.49) as f32,
            last: f32::NAN,
            c: Coefs::default(),
            s: Df1::default(),
        })
    }

    #[inline(always)]
    fn coefficients(&mut self, f: f32) {
        if f == self.last {
            return;
        }
        self.last = f;
        let f = f.clamp(0.1, self.nyquist);
        let t = (self.pi_on_sr * f).tan();
        let c = if self.hp { t } else { 1.0 / t };
        let c2 = c * c;
        let r = std::f32::consts::SQRT_2 * c;
        let b0 = (1.0 / (1.0 + r as f64 + c2 as f64)) as f32;
        let (b1, a1) = if self.hp {
            (-2.0 * b0, (2.0 * (c2 as f64 - 1.0) * b0 as f64) as f32)
        } else {
            (2.0 * b0, (2.0 * (1.0 - c2 as f64) * b0 as f64) as f32)
        };
        let a2 = ((1.0 - r as f64 + c2 as f64) * b0 as f64) as f32;
        self.c = Coefs { b0, b1, b2: b0, a1, a2 };
    }
}

/// Up to eight ButLP/ButHP with constant frequencies in lockstep: each
/// lane computes exactly what `Df1::tick` computes, so the eight feedback
/// recurrences overlap instead of running one after another.
fn run_butter_batch(members: &mut [Option<Box<Node>>], ctx: &mut BlockCtx<'_>) {
    let mut c = [Coefs::default(); MAX_BATCH];
    let mut s = [Df1::default(); MAX_BATCH];
    let mut ins: [&[f32]; MAX_BATCH] = [&[]; MAX_BATCH];
    let mut outs: [&mut [f32]; MAX_BATCH] = Default::default();
    let mut n = 0;
    for (k, node) in members.iter_mut().take(MAX_BATCH).enumerate() {
        let Some(node) = node.as_deref_mut() else { continue };
        let Some(f) = node.dsp.as_any_mut().and_then(|a| a.downcast_mut::<Butter>()) else { continue };
        if let Param::Const(freq) = f.freq {
            f.update(freq);
        }
        c[k] = f.c;
        s[k] = f.s;
        if let Param::Audio(r) = f.input {
            ins[k] = ctx.graph.buffer(r);
        }
        outs[k] = &mut node.out[..];
        n = k + 1;
    }
    let bs = outs[..n].iter().map(|o| o.len()).chain(ins[..n].iter().map(|i| i.len())).min().unwrap_or(0).min(ctx.bs);
    // Every slice cut to `bs`: the sample loop needs no bounds checks.
    let ins = ins.map(|x| x.get(..bs).unwrap_or(&[]));
    let mut outs = outs.map(|o| o.get_mut(..bs).unwrap_or(&mut []));
    if n == MAX_BATCH && ins.iter().all(|x| x.len() == bs) {
        // Structure of arrays, so that the eight lanes vectorise; each lane
        // does Df1::tick's operations in its order.
        let lane = |f: fn(&Coefs) -> f32| -> [f32; MAX_BATCH] { std::array::from_fn(|k| f(&c[k])) };
        let (b0, b1, b2, a1, a2) = (lane(|c| c.b0), lane(|c| c.b1), lane(|c| c.b2), lane(|c| c.a1), lane(|c| c.a2));
        let mut x1: [f32; MAX_BATCH] = std::array::from_fn(|k| s[k].x1);
        let mut x2: [f32; MAX_BATCH] = std::array::from_fn(|k| s[k].x2);
        let mut y1: [f32; MAX_BATCH] = std::array::from_fn(|k| s[k].y1);
        let mut y2: [f32; MAX_BATCH] = std::array::from_fn(|k| s[k].y2);
        for i in 0..bs {
            let x: [f32; MAX_BATCH] = std::array::from_fn(|k| ins[k][i]);
            let mut y = [0.0f32; MAX_BATCH];
            for k in 0..MAX_BATCH {
                y[k] = b0[k] * x[k] + b1[k] * x1[k] + b2[k] * x2[k] - a1[k] * y1[k] - a2[k] * y2[k];
            }
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            for (o, v) in outs.iter_mut().zip(y) {
                o[i] = v;
            }
        }
        for (k, st) in s.iter_mut().enumerate() {
            *st = Df1 { x1: x1[k], x2: x2[k], y1: y1[k], y2: y2[k] };
        }
    } else {
        for i in 0..bs {
            for k in 0..n {
                let x = ins[k].get(i).copied().unwrap_or(0.0);
                if let Some(y) = outs[k].get_mut(i) {
                    *y = s[k].tick(&c[k], x);
                }
            }
        }
    }
    for (k, node) in members.iter_mut().take(MAX_BATCH).enumerate() {
        if let Some(f) = node.as_deref_mut().and_then(|n| n.dsp.as_any_mut()).and_then(|a| a.downcast_mut::<Butter>()) {
            f.s = s[k];
        }
    }
}

impl Dsp for Butter {
    fn batch(&self) -> Option<Batch> {
        match (self.input, self.freq) {
            (Param::Audio(r), Param::Const(_)) => {
                Some(Batch { kind: batch_kind::BUTTER_CONST, run: run_butter_batch, reads: Some(r.node) })
            }
            _ => None,
        }
    }

    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        Some(self)
    }

    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        run_freq_filter(self, out, ctx)
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1 => self.freq = value,
            _ => {}
        }
    }
}

// ----------------------------------------------------------------- Biquad --

pub static BIQUAD: ClassSpec = ClassSpec {
    name: "Biquad",
    doc: "A sweepable general purpose biquadratic digital filter.",
    params: &[
        INPUT,
        freq("Cutoff or center frequency of the filter in Hz (clamped to 1 .. sr*0.49)."),
        q("Q of the filter, freq/bandwidth for the bandpass (clamped to >= 0.1)."),
        ParamSpec {
            name: "type",
            default: 0.0,
            min: 0.0,
            max: 4.0,
            kind: ParamKind::Int,
            ctor: true,
            doc: "Filter type: 0 lowpass, 1 highpass, 2 bandpass, 3 bandstop, 4 allpass.",
        },
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Biquad::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's Biquad, as measured: RBJ cookbook with `w = f32(f32(2pi/sr) * f)`,
/// `c = cosf(w)`, `s = sinf(w)`, `alpha = f32(s / (2q))`,
/// `inv = 1 / f32(1 + alpha)`; numerator and feedback coefficients are
/// rounded to f32 un-normalised and the sum is multiplied by `inv`:
/// `y = (b0 x + b1 x1 + b2 x2 - a1 y1 - a2 y2) * inv`. The state starts
/// at the first input sample (x1 = x2 = y1 = y2 = x[0]).
pub struct Biquad {
    input: Param,
    freq: Param,
    q: Param,
    kind: u8,
    two_pi_on_sr: f32,
    nyquist: f32,
    last_f: f32,
    last_q: f32,
    c: Coefs,
    inv: f32,
    s: Df1,
    started: bool,
}

impl Biquad {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Biquad {
            input: a.param(0),
            freq: a.param(1),
            q: a.param(2),
            kind: biquad_type(a.number(3)),
            two_pi_on_sr: (std::f64::consts::TAU / a.sr) as f32,
            nyquist: (a.sr * 0.49) as f32,
            last_f: f32::NAN,
            last_q: f32::NAN,
            c: Coefs::default(),
            inv: 1.0,
            s: Df1::default(),
            started: false,
        })
    }

    #[inline(always)]
    fn update(&mut self, f: f32, q: f32) {
        if f == self.last_f && q == self.last_q {
            return;
        }
        self.last_f = f;
        self.last_q = q;
        let f = f.clamp(1.0, self.nyquist);
        let q = q.max(0.1);
        let w = self.two_pi_on_sr * f;
        let c = w.cos();
        let s = w.sin();
        let alpha = s / (2.0 * q);
        let (c64, al) = (c as f64, alpha as f64);
        let (b0, b1, b2) = match self.kind {
            0 => ((1.0 - c64) / 2.0, 1.0 - c64, (1.0 - c64) / 2.0),
            1 => ((1.0 + c64) / 2.0, -(1.0 + c64), (1.0 + c64) / 2.0),
            2 => (al, 0.0, -al),
            3 => (1.0, -2.0 * c64, 1.0),
            _ => (1.0 - al, -2.0 * c64, 1.0 + al),
        };
        self.c = Coefs { b0: b0 as f32, b1: b1 as f32, b2: b2 as f32, a1: -2.0 * c, a2: (1.0 - al) as f32 };
        self.inv = 1.0 / (1.0 + alpha);
    }

    #[inline(always)]
    fn tick(&mut self, x: f32) -> f32 {
        let y = self.s.tick(&self.c, x) * self.inv;
        self.s.y1 = y;
        y
    }
}

fn biquad_type(v: f32) -> u8 {
    if v.is_nan() {
        0
    } else {
        v.clamp(0.0, 4.0) as u8
    }
}

impl Dsp for Biquad {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let input = ctx.graph.signal(&self.input);
        if !self.started {
            self.started = true;
            let x0 = at(&input, 0);
            self.s = Df1 { x1: x0, x2: x0, y1: x0, y2: x0 };
        }
        match (ctx.graph.signal(&self.freq), ctx.graph.signal(&self.q)) {
            (Signal::Const(f), Signal::Const(q)) => {
                self.update(f, q);
                for (i, y) in out.iter_mut().enumerate() {
                    *y = self.tick(at(&input, i));
                }
            }
            (f, q) => {
                for (i, y) in out.iter_mut().enumerate() {
                    self.update(at(&f, i), at(&q, i));
                    *y = self.tick(at(&input, i));
                }
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1 => self.freq = value,
            2 => self.q = value,
            3 => {
                if let Param::Const(v) = value {
                    self.kind = biquad_type(v);
                    self.last_f = f32::NAN;
                }
            }
            _ => {}
        }
    }
}

// ----------------------------------------------------------- Tone, Atone --

pub static TONE: ClassSpec = ClassSpec {
    name: "Tone",
    doc: "A first-order recursive lowpass filter with variable frequency response.",
    params: &[INPUT, freq("Cutoff frequency of the filter in Hz (clamped to 0.1 .. sr*0.49).")],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: |a| OnePole::build(a, false),
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

pub static ATONE: ClassSpec = ClassSpec {
    name: "Atone",
    doc: "A first-order recursive highpass filter with variable frequency response.",
    params: &[INPUT, freq("Cutoff frequency of the filter in Hz (clamped to 0.1 .. sr*0.49).")],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: |a| OnePole::build(a, true),
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's Tone / Atone, as measured: `c = expf(-(f32(2pi/sr) * f))`,
/// lowpass `lp = x + c * (lp - x)` (f32); Atone outputs `x - lp`. State
/// starts at zero.
pub struct OnePole {
    hp: bool,
    input: Param,
    freq: Param,
    two_pi_on_sr: f32,
    nyquist: f32,
    last: f32,
    c: f32,
    lp: f32,
}

impl OnePole {
    fn build(a: &StreamArgs<'_>, hp: bool) -> Box<dyn Dsp> {
        Box::new(OnePole {
            hp,
            input: a.param(0),
            freq: a.param(1),
            two_pi_on_sr: (std::f64::consts::TAU / a.sr) as f32,
            nyquist: (a.sr * 0.49) as f32,
            last: f32::NAN,
            c: 0.0,
            lp: 0.0,
        })
    }
}

impl FreqFilter for OnePole {
    fn input(&self) -> Param {
        self.input
    }
    fn freq(&self) -> Param {
        self.freq
    }
    #[inline(always)]
    fn update(&mut self, f: f32) {
        if f != self.last {
            self.last = f;
            self.c = (-(self.two_pi_on_sr * f.clamp(0.1, self.nyquist))).exp();
        }
    }

    #[inline(always)]
    fn tick(&mut self, x: f32) -> f32 {
        self.lp = x + self.c * (self.lp - x);
        if self.hp {
            x - self.lp
        } else {
            self.lp
        }
    }
}

impl Dsp for OnePole {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        run_freq_filter(self, out, ctx)
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1 => self.freq = value,
            _ => {}
        }
    }
}

// ------------------------------------------------------------------ ButBP --

pub static BUTBP: ClassSpec = ClassSpec {
    name: "ButBP",
    doc: "A second-order Butterworth bandpass filter.",
    params: &[
        INPUT,
        freq("Center frequency of the filter in Hz (clamped to 1 .. sr*0.49)."),
        q("Q of the filter, freq/bandwidth (clamped to >= 1)."),
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: ButBP::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's ButBP, as measured: `bw = f32(f / q)`,
/// `c = f32(1 / tanf(f32(pi/sr) * bw))`, `d = f32(2 cosf(f32(2pi/sr) * f))`,
/// `b0 = f32(1 / (1 + c))` and `a2 = f32((c - 1) b0)` (f64 inside),
/// `a1 = (-c b0) d` in f32 (measured with smooth sweeps: the f64 product
/// is 1 ulp off for some frequencies); `y = b0 x - b0 x2 - a1 y1 - a2 y2`; state starts at zero.
pub struct ButBP {
    input: Param,
    freq: Param,
    q: Param,
    pi_on_sr: f32,
    two_pi_on_sr: f32,
    nyquist: f32,
    last_f: f32,
    last_q: f32,
    c: Coefs,
    s: Df1,
}

impl ButBP {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(ButBP {
            input: a.param(0),
            freq: a.param(1),
            q: a.param(2),
            pi_on_sr: (std::f64::consts::PI / a.sr) as f32,
            two_pi_on_sr: (std::f64::consts::TAU / a.sr) as f32,
            nyquist: (a.sr * 0.49) as f32,
            last_f: f32::NAN,
            last_q: f32::NAN,
            c: Coefs::default(),
            s: Df1::default(),
        })
    }

    #[inline(always)]
    fn update(&mut self, f: f32, q: f32) {
        if f == self.last_f && q == self.last_q {
            return;
        }
        self.last_f = f;
        self.last_q = q;
        let f = f.clamp(1.0, self.nyquist);
        let q = q.max(1.0);
        let bw = f / q;
        let c = 1.0 / (self.pi_on_sr * bw).tan();
        let d = 2.0 * (self.two_pi_on_sr * f).cos();
        let b0 = (1.0 / (1.0 + c as f64)) as f32;
        let a1 = (-c * b0) * d;
        let a2 = ((c as f64 - 1.0) * b0 as f64) as f32;
        self.c = Coefs { b0, b1: 0.0, b2: -b0, a1, a2 };
    }
}

impl Dsp for ButBP {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let input = ctx.graph.signal(&self.input);
        match (ctx.graph.signal(&self.freq), ctx.graph.signal(&self.q)) {
            (Signal::Const(f), Signal::Const(q)) => {
                self.update(f, q);
                for (i, y) in out.iter_mut().enumerate() {
                    *y = self.s.tick(&self.c, at(&input, i));
                }
            }
            (f, q) => {
                for (i, y) in out.iter_mut().enumerate() {
                    self.update(at(&f, i), at(&q, i));
                    *y = self.s.tick(&self.c, at(&input, i));
                }
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1 => self.freq = value,
            2 => self.q = value,
            _ => {}
        }
    }
}
