//! Delays.

use super::node::{BlockCtx, Dsp, Flow, Param, Signal};
use super::registry::{ClassSpec, ParamKind, ParamSpec, StreamArgs};
use super::reverb::{input_block, INPUT};

const DELAY_TIME: ParamSpec = ParamSpec {
    name: "delay",
    default: 0.25,
    min: 0.0,
    max: f64::INFINITY,
    kind: ParamKind::Audio,
    ctor: true,
    doc: "Delay time in seconds (at least one sample, at most maxdelay).",
};

const MAXDELAY: ParamSpec = ParamSpec {
    name: "maxdelay",
    default: 1.0,
    min: 0.0,
    max: f64::INFINITY,
    kind: ParamKind::Float,
    ctor: true,
    doc: "Maximum delay length in seconds; available only at initialization.",
};

pub static DELAY: ClassSpec = ClassSpec {
    name: "Delay",
    doc: "Sweepable recursive delay (linear interpolation).",
    params: &[
        INPUT,
        DELAY_TIME,
        ParamSpec {
            name: "feedback",
            default: 0.0,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Amount of output signal sent back into the delay line, between 0 and 1.",
        },
        MAXDELAY,
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Delay::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: super::registry::RESET_MEMORY,
};

/// Delay line length for `maxdelay` seconds, as pyo: `int(maxdelay*sr + 0.5)`.
fn line_len(maxdelay: f32, sr: f64) -> usize {
    let n = maxdelay as f64 * sr + 0.5;
    if n.is_finite() && n >= 1.0 {
        (n as usize).min(1 << 30)
    } else {
        1
    }
}

/// pyo's Delay, as measured (f32): the delay is clamped to
/// [f32(1/sr), maxdelay], `pos = f32(w) - delay*sr` (plus the line length
/// when negative), linear interpolation `a + (b - a)*frac` with a guard
/// point after the line's end that repeats its first sample; then the line
/// takes `in + out*feedback`, the feedback clamped to [0, 1].
pub struct Delay {
    input: Param,
    delay: Param,
    feedback: Param,
    /// `size + 1` samples: the last is a copy of the first.
    buf: Box<[f32]>,
    size: usize,
    w: usize,
    sr: f32,
    min_delay: f32,
    max_delay: f32,
}

impl Delay {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let maxdelay = a.number(3);
        let size = line_len(maxdelay, a.sr);
        Box::new(Delay {
            input: a.param(0),
            delay: a.param(1),
            feedback: a.param(2),
            buf: vec![0.0; size + 1].into_boxed_slice(),
            size,
            w: 0,
            sr: a.sr as f32,
            min_delay: (1.0 / a.sr) as f32,
            max_delay: maxdelay,
        })
    }

    #[inline(always)]
    fn run(&mut self, input: &[f32], out: &mut [f32], delay: impl Fn(usize) -> f32, fb: impl Fn(usize) -> f32) {
        let size = self.size;
        let fsize = size as f32;
        let (lo, hi, sr) = (self.min_delay, self.max_delay, self.sr);
        let buf = &mut self.buf[..];
        let mut w = self.w.min(size - 1);
        for (i, (x, y)) in input.iter().zip(out.iter_mut()).enumerate() {
            let d = delay(i).max(lo).min(hi);
            let mut pos = w as f32 - d * sr;
            if pos < 0.0 {
                pos += fsize;
            }
            let mut ip = pos as usize;
            let frac = pos - ip as f32;
            if ip >= size {
                ip -= size;
            }
            let a = buf.get(ip).copied().unwrap_or(0.0);
            let b = buf.get(ip + 1).copied().unwrap_or(0.0);
            let v = a + (b - a) * frac;
            *y = v;
            let f = fb(i).clamp(0.0, 1.0);
            let s = *x + v * f;
            if let Some(slot) = buf.get_mut(w) {
                *slot = s;
            }
            if w == 0 {
                if let Some(g) = buf.get_mut(size) {
                    *g = s;
                }
            }
            w += 1;
            if w >= size {
                w = 0;
            }
        }
        self.w = w;
    }
}

impl Dsp for Delay {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let input = input_block(ctx, &self.input);
        let n = ctx.bs.min(out.len()).min(input.len());
        let (input, out) = (&input[..n], &mut out[..n]);
        match (ctx.graph.signal(&self.delay), ctx.graph.signal(&self.feedback)) {
            (Signal::Const(d), Signal::Const(f)) => self.run(input, out, |_| d, |_| f),
            (Signal::Audio(d), Signal::Const(f)) => self.run(input, out, |i| d[i], |_| f),
            (Signal::Const(d), Signal::Audio(f)) => self.run(input, out, |_| d, |i| f[i]),
            (Signal::Audio(d), Signal::Audio(f)) => self.run(input, out, |i| d[i], |i| f[i]),
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1 => self.delay = value,
            2 => self.feedback = value,
            _ => {}
        }
    }

    fn call(&mut self, method: usize, _args: &[f32]) {
        if method == 0 {
            self.buf.fill(0.0);
        }
    }
}

pub static SDELAY: ClassSpec = ClassSpec {
    name: "SDelay",
    doc: "Simple delay without interpolation.",
    params: &[
        INPUT,
        ParamSpec { doc: "Delay time in seconds (0 passes the input through; at most maxdelay).", ..DELAY_TIME },
        MAXDELAY,
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: SDelay::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: super::registry::RESET_MEMORY,
};

/// pyo's SDelay, as measured: the delay clamped to [0, maxdelay] (f32),
/// `n = int(f64(delay)*sr)` samples; n = 0 passes the input through,
/// otherwise the line is read `n` samples back before it takes the input.
pub struct SDelay {
    input: Param,
    delay: Param,
    buf: Box<[f32]>,
    w: usize,
    sr: f64,
    max_delay: f32,
}

impl SDelay {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let maxdelay = a.number(2);
        Box::new(SDelay {
            input: a.param(0),
            delay: a.param(1),
            buf: vec![0.0; line_len(maxdelay, a.sr)].into_boxed_slice(),
            w: 0,
            sr: a.sr,
            max_delay: maxdelay,
        })
    }

    #[inline(always)]
    fn samples(&self, d: f32) -> usize {
        let d = d.max(0.0).min(self.max_delay);
        ((d as f64 * self.sr) as usize).min(self.buf.len())
    }

    #[inline(always)]
    fn run(&mut self, input: &[f32], out: &mut [f32], samples: impl Fn(usize) -> usize) {
        let buf = &mut self.buf[..];
        let size = buf.len();
        let mut w = self.w.min(size - 1);
        for (i, (x, y)) in input.iter().zip(out.iter_mut()).enumerate() {
            let n = samples(i);
            *y = if n == 0 {
                *x
            } else {
                let r = if w >= n { w - n } else { w + size - n };
                buf.get(r).copied().unwrap_or(0.0)
            };
            if let Some(slot) = buf.get_mut(w) {
                *slot = *x;
            }
            w += 1;
            if w >= size {
                w = 0;
            }
        }
        self.w = w;
    }
}

impl Dsp for SDelay {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let input = input_block(ctx, &self.input);
        let n = ctx.bs.min(out.len()).min(input.len());
        let (input, out) = (&input[..n], &mut out[..n]);
        match ctx.graph.signal(&self.delay) {
            Signal::Const(d) => {
                let s = self.samples(d);
                self.run(input, out, |_| s)
            }
            Signal::Audio(d) => {
                let (sr, max) = (self.sr, self.max_delay);
                let size = self.buf.len();
                self.run(input, out, |i| ((d[i].max(0.0).min(max) as f64 * sr) as usize).min(size))
            }
        }
        Flow::Continue
    }

    fn call(&mut self, method: usize, _args: &[f32]) {
        if method == 0 {
            self.buf.fill(0.0);
        }
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1 => self.delay = value,
            _ => {}
        }
    }
}
