//! Panning and selecting: Pan, SPan (one node per output, each computing
//! its own gain) and Selector (an equal-power crossfade between inputs).

use super::node::{BlockCtx, BufRef, Dsp, Extra, Flow, Param, Signal};
use super::registry::{ClassSpec, Layout, ParamKind, ParamSpec, StreamArgs};

const INPUT: ParamSpec = ParamSpec {
    name: "input",
    default: 0.0,
    min: f64::NEG_INFINITY,
    max: f64::INFINITY,
    kind: ParamKind::Input,
    ctor: true,
    doc: "Input signal to process.",
};

const OUTS: ParamSpec = ParamSpec {
    name: "outs",
    default: 2.0,
    min: 1.0,
    max: 4096.0,
    kind: ParamKind::Int,
    ctor: true,
    doc: "Number of channels on the panning circle (streams per input stream); fixed at creation.",
};

const PAN: ParamSpec = ParamSpec {
    name: "pan",
    default: 0.5,
    min: 0.0,
    max: 1.0,
    kind: ParamKind::Audio,
    ctor: true,
    doc: "Position of the sound on the panning circle, between 0 and 1.",
};

pub static PAN_CLASS: ClassSpec = ClassSpec {
    name: "Pan",
    doc: "Cosinus panner with control on the spread factor.",
    params: &[
        INPUT,
        OUTS,
        PAN,
        ParamSpec {
            name: "spread",
            default: 0.5,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Amount of sound leaking to the surrounding channels, between 0 and 1 (outs > 2 only).",
        },
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Pan::build,
    table: None,
    layout: Layout::Outputs(1),
    keys: &[],
    methods: &[],
};

pub static SPAN: ClassSpec = ClassSpec {
    name: "SPan",
    doc: "Simple equal power panner.",
    params: &[INPUT, OUTS, PAN],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: SPanDsp::build,
    table: None,
    layout: Layout::Outputs(1),
    keys: &[],
    methods: &[],
};

pub static SELECTOR: ClassSpec = ClassSpec {
    name: "Selector",
    doc: "Audio selector: an equal-power crossfade between neighbouring inputs.",
    params: &[
        ParamSpec {
            name: "inputs",
            default: 0.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Inputs,
            ctor: true,
            doc: "Audio objects to select from; stream j of the selector reads stream j % n of each.",
        },
        ParamSpec {
            name: "voice",
            default: 0.0,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Position in the inputs list, clipped to [0, len(inputs) - 1]; fractions crossfade.",
        },
        ParamSpec {
            name: "mode",
            default: 0.0,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Int,
            ctor: false,
            doc: "setMode: the crossfade law, 0 equal power (sqrt), 1 linear.",
        },
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Selector::build,
    table: None,
    // pyo: one group of streams per voice (or mul/add) value, each group as
    // many streams as the inputs' longest object; stream j of a group
    // selects among stream j % n of every input.
    layout: Layout::Outputs(0),
    keys: &[],
    methods: &[],
};

#[inline(always)]
fn clip01(x: f32) -> f32 {
    x.clamp(0.0, 1.0)
}

/// The number of outputs from the `outs` argument (at least 1).
fn outs_of(a: &StreamArgs<'_>) -> usize {
    (a.number(1).max(1.0) as usize).max(1)
}

/// Fills `out` with `x * gain(i)`, choosing the loop once per block.
#[inline(always)]
fn gain_loop(out: &mut [f32], x: &[f32], gain: impl Fn(usize) -> f32) {
    for (i, (y, x)) in out.iter_mut().zip(x).enumerate() {
        *y = *x * gain(i);
    }
}

/// One output of pyo's Pan. Two outputs: `cos(p*π/2)`, `sin(p*π/2)` (f32,
/// p clipped to [0, 1]); more: `(0.5 + 0.5*cos(2π(p - j/n)))^e` with the
/// angle's product in f64 and `e = 20.1 - 20*sqrt(spread)` in f64 from the
/// f32 square root of the clipped spread; one output passes the input.
pub struct Pan {
    input: Param,
    pan: Param,
    spread: Param,
    /// Which output this node computes, and how many there are.
    out: usize,
    outs: usize,
    /// f32(j / n).
    offset: f32,
}

impl Pan {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let outs = outs_of(a);
        let out = a.stream.min(outs - 1);
        Box::new(Pan {
            input: a.param(0),
            pan: a.param(2),
            spread: a.param(3),
            out,
            outs,
            offset: out as f32 / outs as f32,
        })
    }

    #[inline(always)]
    fn exponent(spread: f32) -> f32 {
        (20.1 - 20.0 * clip01(spread).sqrt() as f64) as f32
    }

    #[inline(always)]
    fn circle_gain(pan: f32, offset: f32, e: f32) -> f32 {
        let angle = ((clip01(pan) - offset) as f64 * std::f64::consts::TAU) as f32;
        (0.5 + 0.5 * angle.cos()).powf(e)
    }
}

impl Dsp for Pan {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let bs = ctx.bs;
        let out = &mut out[..bs];
        let x = match ctx.graph.signal(&self.input) {
            Signal::Audio(b) => b,
            Signal::Const(_) => {
                out.fill(0.0);
                return Flow::Continue;
            }
        };
        const HALF_PI: f32 = std::f32::consts::FRAC_PI_2;
        let pan = ctx.graph.signal(&self.pan);
        match self.outs {
            1 => out.copy_from_slice(&x[..bs.min(x.len())]),
            2 => {
                let second = self.out == 1;
                match (pan, second) {
                    (Signal::Const(p), false) => {
                        let g = (clip01(p) * HALF_PI).cos();
                        gain_loop(out, x, |_| g)
                    }
                    (Signal::Const(p), true) => {
                        let g = (clip01(p) * HALF_PI).sin();
                        gain_loop(out, x, |_| g)
                    }
                    (Signal::Audio(p), false) => gain_loop(out, x, |i| (clip01(p[i]) * HALF_PI).cos()),
                    (Signal::Audio(p), true) => gain_loop(out, x, |i| (clip01(p[i]) * HALF_PI).sin()),
                }
            }
            _ => {
                let off = self.offset;
                match (pan, ctx.graph.signal(&self.spread)) {
                    (Signal::Const(p), Signal::Const(s)) => {
                        let g = Pan::circle_gain(p, off, Pan::exponent(s));
                        gain_loop(out, x, |_| g)
                    }
                    (Signal::Audio(p), Signal::Const(s)) => {
                        let e = Pan::exponent(s);
                        gain_loop(out, x, |i| Pan::circle_gain(p[i], off, e))
                    }
                    (Signal::Const(p), Signal::Audio(s)) => {
                        gain_loop(out, x, |i| Pan::circle_gain(p, off, Pan::exponent(s[i])))
                    }
                    (Signal::Audio(p), Signal::Audio(s)) => {
                        gain_loop(out, x, |i| Pan::circle_gain(p[i], off, Pan::exponent(s[i])))
                    }
                }
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            2 => self.pan = value,
            3 => self.spread = value,
            _ => {}
        }
    }
}

/// One output of pyo's SPan. Two outputs: `sqrt(1 - p)`, `sqrt(p)` (p
/// clipped to [0, 1]). More: the outputs sit on a circle at f32(j/n); the
/// segment is the last j (1 <= j < n) with `p > j/n` (0 otherwise), the
/// fraction `min((p - j/n)*n, 1)`; output j gets `sqrt(1 - frac)`, output
/// (j+1) % n `sqrt(frac)`, the others 0. p < 0 counts as 0; p > 1 puts
/// everything on output 0. One output passes the input.
pub struct SPanDsp {
    input: Param,
    pan: Param,
    out: usize,
    outs: usize,
}

impl SPanDsp {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let outs = outs_of(a);
        Box::new(SPanDsp { input: a.param(0), pan: a.param(2), out: a.stream.min(outs - 1), outs })
    }

    /// The gain of output `out` of `outs` (> 2) at position `p`.
    #[inline(always)]
    fn ring_gain(p: f32, out: usize, outs: usize) -> f32 {
        let n = outs as f32;
        let (seg, frac) = if p > 1.0 {
            (0, 0.0)
        } else {
            let p = p.max(0.0);
            // The last j in 1..outs with p > f32(j/n), from a guess.
            let bound = |j: usize| j as f32 / n;
            let mut seg = ((p * n) as usize).min(outs - 1);
            while seg > 0 && p <= bound(seg) {
                seg -= 1;
            }
            while seg + 1 < outs && p > bound(seg + 1) {
                seg += 1;
            }
            (seg, ((p - seg as f32 / n) * n).min(1.0))
        };
        if out == seg {
            (1.0 - frac).sqrt()
        } else if out == (seg + 1) % outs {
            frac.sqrt()
        } else {
            0.0
        }
    }
}

impl Dsp for SPanDsp {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let bs = ctx.bs;
        let out = &mut out[..bs];
        let x = match ctx.graph.signal(&self.input) {
            Signal::Audio(b) => b,
            Signal::Const(_) => {
                out.fill(0.0);
                return Flow::Continue;
            }
        };
        let pan = ctx.graph.signal(&self.pan);
        let (o, n) = (self.out, self.outs);
        match n {
            1 => out.copy_from_slice(&x[..bs.min(x.len())]),
            2 => {
                let second = o == 1;
                let g2 = move |p: f32| if second { clip01(p).sqrt() } else { (1.0 - clip01(p)).sqrt() };
                match pan {
                    Signal::Const(p) => {
                        let g = g2(p);
                        gain_loop(out, x, |_| g)
                    }
                    Signal::Audio(p) => gain_loop(out, x, |i| g2(p[i])),
                }
            }
            _ => match pan {
                Signal::Const(p) => {
                    let g = SPanDsp::ring_gain(p, o, n);
                    gain_loop(out, x, |_| g)
                }
                Signal::Audio(p) => {
                    for (i, (y, x)) in out.iter_mut().zip(x).enumerate() {
                        let g = SPanDsp::ring_gain(p[i], o, n);
                        *y = if g == 0.0 { 0.0 } else { *x * g };
                    }
                }
            },
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            2 => self.pan = value,
            _ => {}
        }
    }
}

/// pyo's Selector: voice clipped to [0, n-1], `i = floor(voice)`,
/// `f = voice - i`, `y = x[i]*sqrt(1-f) + x[i+1]*sqrt(f)` in f32 (x[i+1]
/// is x[n-1] at the top, where f is 0).
pub struct Selector {
    sources: Box<[BufRef]>,
    voice: Param,
    linear: bool,
}

impl Selector {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Selector { sources: a.sources(0).into(), voice: a.param(1), linear: a.number(2) == 1.0 })
    }
}

impl Dsp for Selector {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let n = self.sources.len();
        if n == 0 {
            out.fill(0.0);
            return Flow::Continue;
        }
        let top = (n - 1) as f32;
        let g = &ctx.graph;
        let src = &self.sources;
        let at = |k: usize| g.buffer(src[k.min(n - 1)]);
        match g.signal(&self.voice) {
            Signal::Const(v) => {
                let v = v.clamp(0.0, top);
                let k = (v as usize).min(n - 1);
                let f = v - k as f32;
                let (lo, hi) = (at(k), at(k + 1));
                let (glo, ghi) = if self.linear { (1.0 - f, f) } else { ((1.0 - f).sqrt(), f.sqrt()) };
                for ((y, a), b) in out.iter_mut().zip(lo).zip(hi) {
                    *y = *a * glo + *b * ghi;
                }
            }
            Signal::Audio(voice) => {
                for (i, (y, v)) in out.iter_mut().zip(voice).enumerate() {
                    let v = v.clamp(0.0, top);
                    let k = (v as usize).min(n - 1);
                    let f = v - k as f32;
                    let a = at(k).get(i).copied().unwrap_or(0.0);
                    let b = at(k + 1).get(i).copied().unwrap_or(0.0);
                    *y = if self.linear { a * (1.0 - f) + b * f } else { a * (1.0 - f).sqrt() + b * f.sqrt() };
                }
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match (index, value) {
            (1, v) => self.voice = v,
            (2, Param::Const(m)) => self.linear = m == 1.0,
            _ => {}
        }
    }

    fn set_extra(&mut self, index: usize, value: Extra) -> Option<Extra> {
        match (index, value) {
            (0, Extra::Sources(s)) => Some(Extra::Sources(std::mem::replace(&mut self.sources, s))),
            (_, other) => Some(other),
        }
    }
}
