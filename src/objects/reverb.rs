//! Reverbs.

use super::node::{BlockCtx, BufRef, Dsp, Flow, Param, Signal};
use super::registry::{ClassSpec, ParamKind, ParamSpec, StreamArgs};

/// The processed audio object, first parameter of every effect.
pub(crate) const INPUT: ParamSpec = ParamSpec {
    name: "input",
    default: 0.0,
    min: f64::NEG_INFINITY,
    max: f64::INFINITY,
    kind: ParamKind::Input,
    ctor: true,
    doc: "Input signal to process.",
};

/// A "float or PyoObject" parameter between 0 and 1.
const fn unit(name: &'static str, default: f64, doc: &'static str) -> ParamSpec {
    ParamSpec { name, default, min: 0.0, max: 1.0, kind: ParamKind::Audio, ctor: true, doc }
}

pub static FREEVERB: ClassSpec = ClassSpec {
    name: "Freeverb",
    doc: "Jezar's Freeverb: eight parallel comb filters followed by four allpasses in series.",
    params: &[
        INPUT,
        unit("size", 0.5, "Length of the reverb, between 0 and 1 (higher is longer)."),
        unit("damp", 0.5, "High frequency attenuation, between 0 and 1 (higher damps faster)."),
        unit("bal", 0.5, "Balance between wet and dry signal, between 0 (dry) and 1 (wet)."),
    ],
    autoplay: true,
    audible: true,
    // pyo reseeds its generator when a Freeverb is made (and draws once),
    // although the reverb uses no random numbers: measured with a seeded
    // Noise made before it (tests/examples.rs, reverb_wash).
    random_prime: Some(2153),
    outputs: 1,
    build: Freeverb::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: super::registry::RESET_MEMORY,
};

/// Comb and allpass lengths in samples at 44.1 kHz.
const COMBS: [usize; 8] = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
const ALLPASSES: [usize; 4] = [556, 441, 341, 225];

/// A circular buffer and its read/write position.
pub(crate) struct Line {
    pub(crate) buf: Box<[f32]>,
    pub(crate) pos: usize,
}

impl Line {
    pub(crate) fn new(len: usize) -> Self {
        Line { buf: vec![0.0; len.max(1)].into_boxed_slice(), pos: 0 }
    }
}

/// Lengths scaled to the sampling rate as pyo does: `int(d/44100*sr + 0.5)`.
fn scaled(d: usize, sr: f64) -> usize {
    ((d as f64 / 44100.0 * sr + 0.5) as usize).max(1)
}

/// pyo's Freeverb, as measured (all f32, parameters read per sample and
/// clamped to [0, 1]): feedback `size*0.29 + 0.7`, damping `damp*0.5`;
/// each comb `x = buf; sum += x; st = x + (st - x)*damp; buf = st*fb + in`
/// (combs summed in order); allpasses `out = buf - s; buf = buf*0.5 + s`;
/// `y = sum*0.015*sqrt(bal) + in*sqrt(1 - bal)`. Streams are not detuned.
pub struct Freeverb {
    input: Param,
    size: Param,
    damp: Param,
    bal: Param,
    combs: [Line; 8],
    filt: [f32; 8],
    allpasses: [Line; 4],
    /// The comb sum, then the allpass chain's output, for one block.
    sum: Box<[f32]>,
    /// Per-sample feedback and damping when they are audio-rate.
    fb: Box<[f32]>,
    dm: Box<[f32]>,
}

impl Freeverb {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Freeverb {
            input: a.param(0),
            size: a.param(1),
            damp: a.param(2),
            bal: a.param(3),
            combs: COMBS.map(|d| Line::new(scaled(d, a.sr))),
            filt: [0.0; 8],
            allpasses: ALLPASSES.map(|d| Line::new(scaled(d, a.sr))),
            sum: vec![0.0; a.bs].into_boxed_slice(),
            fb: vec![0.0; a.bs].into_boxed_slice(),
            dm: vec![0.0; a.bs].into_boxed_slice(),
        })
    }
}

#[inline(always)]
fn clamp01(x: f32) -> f32 {
    x.clamp(0.0, 1.0)
}

/// One allpass over a block, in place.
#[inline(always)]
fn allpass(line: &mut Line, sig: &mut [f32]) {
    let len = line.buf.len();
    let n = sig.len();
    let mut i = 0;
    while i < n {
        let pos = line.pos.min(len - 1);
        let run = (len - pos).min(n - i);
        for (b, x) in line.buf[pos..pos + run].iter_mut().zip(sig[i..i + run].iter_mut()) {
            let v = *b;
            let s = *x;
            *x = v - s;
            *b = v * 0.5 + s;
        }
        i += run;
        line.pos = if pos + run >= len { 0 } else { pos + run };
    }
}

/// The eight combs over a block, summed in order into `sum`. All eight run
/// in the same sample loop (their filter recurrences are independent, so the
/// processor overlaps them), in segments that end where a buffer wraps;
/// inside a segment every buffer slice is exactly as long as the segment,
/// so the loop carries no bounds checks.
#[inline(always)]
fn combs(
    lines: &mut [Line; 8],
    filt: &mut [f32; 8],
    input: &[f32],
    sum: &mut [f32],
    fb: impl Fn(usize) -> f32,
    dm: impl Fn(usize) -> f32,
) {
    let n = input.len().min(sum.len());
    let mut st = *filt;
    let mut i = 0;
    while i < n {
        let mut run = n - i;
        for l in lines.iter_mut() {
            l.pos = l.pos.min(l.buf.len() - 1);
            run = run.min(l.buf.len() - l.pos);
        }
        let [b0, b1, b2, b3, b4, b5, b6, b7] = lines.each_mut().map(|l| &mut l.buf[l.pos..l.pos + run]);
        let (xs, acc) = (&input[i..i + run], &mut sum[i..i + run]);
        for j in 0..run {
            let (x, f, d) = (xs[j], fb(i + j), dm(i + j));
            let v = [b0[j], b1[j], b2[j], b3[j], b4[j], b5[j], b6[j], b7[j]];
            // pyo's order: 0 + comb 0 + comb 1 + ... + comb 7.
            acc[j] = 0.0 + v[0] + v[1] + v[2] + v[3] + v[4] + v[5] + v[6] + v[7];
            for (s, v) in st.iter_mut().zip(v) {
                *s = v + (*s - v) * d;
            }
            b0[j] = st[0] * f + x;
            b1[j] = st[1] * f + x;
            b2[j] = st[2] * f + x;
            b3[j] = st[3] * f + x;
            b4[j] = st[4] * f + x;
            b5[j] = st[5] * f + x;
            b6[j] = st[6] * f + x;
            b7[j] = st[7] * f + x;
        }
        for l in lines.iter_mut() {
            l.pos += run;
            if l.pos >= l.buf.len() {
                l.pos = 0;
            }
        }
        i += run;
    }
    *filt = st;
}

/// The block of an effect's `input` (zeros if it is not an object).
pub(crate) fn input_block<'a>(ctx: &BlockCtx<'a>, input: &Param) -> &'a [f32] {
    match input {
        Param::Audio(r) => ctx.graph.buffer(*r),
        Param::Const(_) => ctx.graph.buffer(BufRef { node: u32::MAX, output: 0 }),
    }
}

#[inline(always)]
fn mix(out: &mut [f32], wet: &[f32], input: &[f32], bal: impl Fn(usize) -> f32) {
    for (i, (y, (w, x))) in out.iter_mut().zip(wet.iter().zip(input)).enumerate() {
        let b = clamp01(bal(i));
        *y = *w * 0.015 * b.sqrt() + *x * (1.0 - b).sqrt();
    }
}

impl Dsp for Freeverb {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let bs = ctx.bs.min(out.len()).min(self.sum.len());
        let input = input_block(ctx, &self.input);
        let bs = bs.min(input.len());
        let input = &input[..bs];
        let sum = &mut self.sum[..bs];
        sum.iter_mut().for_each(|s| *s = 0.0);
        match (ctx.graph.signal(&self.size), ctx.graph.signal(&self.damp)) {
            (Signal::Const(sz), Signal::Const(dp)) => {
                let fb = clamp01(sz) * 0.29 + 0.7;
                let dm = clamp01(dp) * 0.5;
                combs(&mut self.combs, &mut self.filt, input, sum, |_| fb, |_| dm);
            }
            (size, damp) => {
                let (fbs, dms) = (&mut self.fb[..bs], &mut self.dm[..bs]);
                for (i, (f, d)) in fbs.iter_mut().zip(dms.iter_mut()).enumerate() {
                    *f = clamp01(size.at(i)) * 0.29 + 0.7;
                    *d = clamp01(damp.at(i)) * 0.5;
                }
                let (fbs, dms) = (&*fbs, &*dms);
                combs(&mut self.combs, &mut self.filt, input, sum, |i| fbs[i], |i| dms[i]);
            }
        }
        for line in self.allpasses.iter_mut() {
            allpass(line, &mut self.sum[..bs]);
        }
        let out = &mut out[..bs];
        match ctx.graph.signal(&self.bal) {
            Signal::Const(b) => {
                let b = clamp01(b);
                let (wet, dry) = (b.sqrt(), (1.0 - b).sqrt());
                for (y, (w, x)) in out.iter_mut().zip(self.sum.iter().zip(input)) {
                    *y = *w * 0.015 * wet + *x * dry;
                }
            }
            Signal::Audio(b) => mix(out, &self.sum, input, |i| b.get(i).copied().unwrap_or(0.0)),
        }
        Flow::Continue
    }

    fn call(&mut self, method: usize, _args: &[f32]) {
        if method == 0 {
            for l in self.combs.iter_mut().chain(self.allpasses.iter_mut()) {
                l.buf.fill(0.0);
            }
            self.filt = [0.0; 8];
        }
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1 => self.size = value,
            2 => self.damp = value,
            3 => self.bal = value,
            _ => {}
        }
    }
}
