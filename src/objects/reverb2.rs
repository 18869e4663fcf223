//! Waveguide reverbs: WGVerb (and STRev, built on the same network).

use super::node::{BlockCtx, Dsp, Flow, Param, Signal};
use super::registry::{ClassSpec, Layout, ParamKind, ParamSpec, StreamArgs};
use super::reverb::{input_block, INPUT};
use super::rng::Rng;

const fn audio(name: &'static str, default: f64, min: f64, max: f64, doc: &'static str) -> ParamSpec {
    ParamSpec { name, default, min, max, kind: ParamKind::Audio, ctor: true, doc }
}

pub static WGVERB: ClassSpec = ClassSpec {
    name: "WGVerb",
    doc: "8 delay lines mono FDN reverb (scattering junction of 8 lossless waveguides).",
    params: &[
        INPUT,
        audio("feedback", 0.5, 0.0, 1.0, "Amount of output signal sent back into the delay lines, between 0 and 1."),
        audio("cutoff", 5000.0, 0.0, f64::INFINITY, "Cutoff in Hz of the first order lowpass filters in the loop."),
        audio("bal", 0.5, 0.0, 1.0, "Balance between wet and dry signal, between 0 (dry) and 1 (wet)."),
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: WgVerb::build,
    table: None,
    layout: Layout::PerArg,
    keys: &[],
    methods: super::registry::RESET_MEMORY,
};

/// The eight lines, in the order pyo draws their random values:
/// (length in samples at 44.1 kHz, random depth in seconds, random rate in Hz).
const ROWS: [(f64, f64, f64); 8] = [
    (2473.0, 0.0010, 3.100),
    (2767.0, 0.0011, 3.500),
    (3217.0, 0.0017, 1.110),
    (3557.0, 0.0006, 3.973),
    (3907.0, 0.0010, 2.341),
    (4127.0, 0.0011, 1.897),
    (2143.0, 0.0017, 0.891),
    (1933.0, 0.0006, 3.221),
];

/// One waveguide: a delay line whose length wanders along straight segments
/// between random targets, and the lowpass filter of its loop.
pub(crate) struct Line {
    /// Room for the longest length: `cap + 1` samples.
    buf: Box<[f32]>,
    cap: usize,
    /// The length in use (pyo's buffer size for the current scale): the
    /// line wraps there, and `buf[size]` repeats `buf[0]` (guard point).
    size: usize,
    pos: usize,
    /// The nominal length at scale 1 (STRev scales it by its room size).
    base: f32,
    nominal: f32,
    /// Random target `range*u - range/2`, samples (range = depth*sr/2).
    range: f32,
    half: f32,
    /// Segment clock: `+= inc` per sample, a new target at 1.
    inc: f32,
    time: f32,
    old: f32,
    target: f32,
    diff: f32,
    /// The loop filter's state.
    pub(crate) fs: f32,
}

impl Line {
    pub(crate) fn new(len: f64, depth: f64, rate: f64, sr: f64) -> Self {
        Line::scalable(len, depth, rate, sr, 1.0, 1.0)
    }

    /// A line whose nominal length `len` (samples at 44.1 kHz) is scaled by
    /// `scale`, with room for scales up to `max_scale`.
    pub(crate) fn scalable(len: f64, depth: f64, rate: f64, sr: f64, max_scale: f32, scale: f32) -> Self {
        let base = (len / 44100.0 * sr) as f32;
        let range = (depth as f32 * sr as f32) * 0.5;
        let cap = Self::size_for(base * max_scale, range).min(1 << 28);
        Line {
            buf: vec![0.0; cap + 1].into_boxed_slice(),
            cap,
            size: Self::size_for(base * scale, range).min(cap),
            pos: 0,
            base,
            nominal: base * scale,
            range,
            half: range * 0.5,
            inc: (rate * 0.5 / sr) as f32,
            time: 0.0,
            old: 0.0,
            target: 0.0,
            diff: 0.0,
            fs: 0.0,
        }
    }

    /// pyo's buffer size for a nominal length and a random range.
    fn size_for(nominal: f32, range: f32) -> usize {
        (nominal + range) as usize + 4
    }

    /// The nominal length becomes the base length times `scale`, and the
    /// buffer in use pyo's size for it (call `clear` after: the contents no
    /// longer line up).
    pub(crate) fn set_scale(&mut self, scale: f32) {
        self.nominal = self.base * scale;
        self.size = Self::size_for(self.nominal, self.range).min(self.cap);
    }

    /// Empties the line: contents, write position and filter state (the
    /// length's random walk goes on). Only the part in use is cleared, up to
    /// its guard point: call it after every `set_scale`.
    pub(crate) fn clear(&mut self) {
        if let Some(used) = self.buf.get_mut(..=self.size) {
            used.fill(0.0);
        }
        self.pos = 0;
        self.fs = 0.0;
    }

    /// Restarts the length's random walk from the nominal length: a new
    /// segment from 0 towards a new target (drawn by `draw`).
    pub(crate) fn restart(&mut self) {
        self.time = 0.0;
        self.old = 0.0;
    }

    /// How many new targets the segment clock draws in the next `n` samples.
    pub(crate) fn draws_in(&self, n: usize) -> usize {
        let mut t = self.time;
        let mut count = 0;
        for _ in 0..n {
            t += self.inc;
            if t >= 1.0 {
                t -= 1.0;
                count += 1;
            }
        }
        count
    }

    /// The first target, drawn when the object is created.
    pub(crate) fn draw(&mut self, rng: &mut Rng) {
        self.target = self.range * rng.uniform() - self.half;
        self.diff = self.target - self.old;
    }

    /// Writes `w`, reads the wandering delay (linear interpolation), scales
    /// by `fb` and lowpasses with pole `c`: returns the new filter state.
    #[inline(always)]
    pub(crate) fn tick(&mut self, w: f32, fb: f32, c: f32, rng: &mut Rng) -> f32 {
        self.time += self.inc;
        if self.time >= 1.0 {
            self.time -= 1.0;
            self.old = self.target;
            self.target = self.range * rng.uniform() - self.half;
            self.diff = self.target - self.old;
        }
        let jit = self.old + self.diff * self.time;
        let size = self.size;
        let pos = self.pos.min(size - 1);
        self.buf[pos] = w;
        if pos == 0 {
            self.buf[size] = w;
        }
        let mut x = pos as f32 - (self.nominal + jit);
        if x < 0.0 {
            x += size as f32;
        }
        let i = (x.max(0.0) as usize).min(size - 1);
        let frac = x - i as f32;
        let a = self.buf[i];
        let b = self.buf[i + 1];
        let v = (a + (b - a) * frac) * fb;
        self.fs = v + (self.fs - v) * c;
        self.pos = if pos + 1 >= size { 0 } else { pos + 1 };
        self.fs
    }
}

/// The loop lowpass pole for `cutoff` Hz: `b - sqrt(b*b - 1)`, `b = 2 - cos(w)`,
/// `w = 2*pi*cutoff/sr` (f64, then f32 maths).
#[inline]
pub(crate) fn pole(cutoff: f32, sr: f64) -> f32 {
    let w = (2.0 * std::f64::consts::PI * cutoff as f64 / sr) as f32;
    let b = 2.0 - w.cos();
    b - (b * b - 1.0).sqrt()
}

/// pyo's WGVerb, as measured (f32): each sample the junction pressure
/// `j = 0.25 * sum(fs)` (lines in order) is formed; every line writes
/// `in + j - fs`, reads its wandering length and filters
/// `fs = v + (fs - v)*c` with `v = read*feedback`; `wet = 0.25 * sum(fs)`,
/// `y = in*(1 - bal) + wet*bal`. feedback and bal are clamped to [0, 1]; the
/// cutoff is not clamped. Each line's length moves linearly to a new random
/// target every `2*sr/rate` samples; the first eight targets are drawn from
/// the server's generator when the object is created (no reseed), the next
/// ones as each line's segment ends.
pub struct WgVerb {
    input: Param,
    feedback: Param,
    cutoff: Param,
    bal: Param,
    lines: [Line; 8],
    last_cut: f32,
    c: f32,
    sr: f64,
}

impl WgVerb {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(WgVerb {
            input: a.param(0),
            feedback: a.param(1),
            cutoff: a.param(2),
            bal: a.param(3),
            lines: ROWS.map(|(l, d, r)| Line::new(l, d, r, a.sr)),
            last_cut: f32::NAN,
            c: 0.0,
            sr: a.sr,
        })
    }

    #[inline(always)]
    fn run(
        &mut self,
        out: &mut [f32],
        input: &[f32],
        rng: &mut Rng,
        fb: impl Fn(usize) -> f32,
        cut: impl Fn(usize) -> f32,
        bal: impl Fn(usize) -> f32,
    ) {
        for (i, (y, &x)) in out.iter_mut().zip(input).enumerate() {
            let f = fb(i).clamp(0.0, 1.0);
            let b = bal(i).clamp(0.0, 1.0);
            let ct = cut(i);
            if ct.to_bits() != self.last_cut.to_bits() {
                self.last_cut = ct;
                self.c = pole(ct, self.sr);
            }
            let c = self.c;
            let mut j = 0.0f32;
            for l in self.lines.iter() {
                j += l.fs;
            }
            let w = x + j * 0.25;
            let mut tot = 0.0f32;
            for l in self.lines.iter_mut() {
                let fs = l.fs;
                tot += l.tick(w - fs, f, c, rng);
            }
            *y = x * (1.0 - b) + tot * 0.25 * b;
        }
    }
}

impl Dsp for WgVerb {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let input = input_block(ctx, &self.input);
        let n = ctx.bs.min(out.len()).min(input.len());
        let (out, input) = (&mut out[..n], &input[..n]);
        let fb = ctx.graph.signal(&self.feedback);
        let cut = ctx.graph.signal(&self.cutoff);
        let bal = ctx.graph.signal(&self.bal);
        let rng = &mut *ctx.rng;
        match (fb, cut, bal) {
            (Signal::Const(f), Signal::Const(c), Signal::Const(b)) => self.run(out, input, rng, |_| f, |_| c, |_| b),
            (f, c, b) => self.run(out, input, rng, |i| f.at(i), |i| c.at(i), |i| b.at(i)),
        }
        Flow::Continue
    }

    fn call(&mut self, method: usize, _args: &[f32]) {
        if method == 0 {
            for l in self.lines.iter_mut() {
                l.clear();
            }
        }
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1 => self.feedback = value,
            2 => self.cutoff = value,
            3 => self.bal = value,
            _ => {}
        }
    }

    fn added(&mut self, rng: &mut Rng) {
        for l in self.lines.iter_mut() {
            l.draw(rng);
        }
    }
}
