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
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
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

// --------------------------------------------------------------- Compress --

/// Longest look-ahead, in ms.
const MAX_LOOKAHEAD_MS: f64 = 25.0;

pub static COMPRESS: ClassSpec = ClassSpec {
    name: "Compress",
    doc: "Reduces the dynamic range of a signal above a threshold (peak follower, look-ahead delay).",
    params: &[
        INPUT,
        ParamSpec {
            name: "thresh",
            default: -20.0,
            min: -120.0,
            max: 0.0,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Level in dB above which the signal is reduced (0 dB is full scale).",
        },
        ParamSpec {
            name: "ratio",
            default: 2.0,
            min: 1.0,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Input/output ratio of the level above the threshold.",
        },
        ParamSpec {
            name: "risetime",
            default: 0.01,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Time of the amplitude follower to rise, in seconds.",
        },
        ParamSpec {
            name: "falltime",
            default: 0.1,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Time of the amplitude follower to fall, in seconds.",
        },
        ParamSpec {
            name: "lookahead",
            default: 5.0,
            min: 0.0,
            max: MAX_LOOKAHEAD_MS,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Delay of the signal ahead of its gain, in ms (0 to 25).",
        },
        ParamSpec {
            name: "knee",
            default: 0.0,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Knee: raises the threshold by knee*3 dB (0 hard, 1 softest).",
        },
        ParamSpec {
            name: "outputAmp",
            default: 0.0,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Int,
            ctor: true,
            doc: "If 1 (True), output the gain alone instead of the compressed signal (at creation only).",
        },
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Compress::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's Compress, as measured (f32 unless said): a peak follower
/// `y = |x| + (y - |x|)*c` with `c = f32(exp(-1/(time*sr)))` (f64 exp) of the
/// rise or fall time; `db = 20*log10f(y)`; above `thresh + knee*3` dB the
/// gain is `powf(10, -(d - d*(1/ratio))/20)` with `d` the excess in dB; the
/// output is the input delayed by `int(lookahead*sr/1000)` samples (a
/// lookahead of 0 delays by the whole line, `int(0.025*sr) + 1` samples)
/// times the gain, or the gain alone with outputAmp. thresh, ratio,
/// risetime and falltime are read once per block.
pub struct Compress {
    input: Param,
    thresh: Param,
    ratio: Param,
    rise: Param,
    fall: Param,
    knee: f32,
    gain_only: bool,
    follow: f32,
    line: Box<[f32]>,
    /// Read position trails the write position by `delay` samples.
    delay: usize,
    pos: usize,
    sr: f64,
}

impl Compress {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let size = (MAX_LOOKAHEAD_MS * 0.001 * a.sr) as usize + 1;
        let mut c = Compress {
            input: a.param(0),
            thresh: a.param(1),
            ratio: a.param(2),
            rise: a.param(3),
            fall: a.param(4),
            knee: 0.0,
            gain_only: a.number(7) >= 1.0,
            follow: 0.0,
            line: vec![0.0; size].into_boxed_slice(),
            delay: 0,
            pos: 0,
            sr: a.sr,
        };
        c.set_param(5, a.param(5));
        c.set_param(6, a.param(6));
        Box::new(c)
    }

    #[inline(always)]
    fn coef(time: f32, sr: f64) -> f32 {
        (-1.0 / (time as f64 * sr)).exp() as f32
    }

    #[inline(always)]
    fn run(&mut self, out: &mut [f32], x: &[f32], thresh: f32, inv_ratio: f32, rise: f32, fall: f32) {
        let size = self.line.len();
        let knee = self.knee * 3.0;
        let mut y = self.follow;
        for (o, &x) in out.iter_mut().zip(x) {
            let a = x.abs();
            let c = if a > y { rise } else { fall };
            y = a + (y - a) * c;
            let db = 20.0 * y.log10();
            let th = thresh + knee;
            let gain = if db > th {
                let d = db - th;
                10f32.powf(-(d - d * inv_ratio) / 20.0)
            } else {
                1.0
            };
            if self.gain_only {
                *o = gain;
            } else {
                let read = (self.pos + size - self.delay) % size;
                let delayed = self.line.get(read).copied().unwrap_or(0.0);
                if let Some(slot) = self.line.get_mut(self.pos) {
                    *slot = x;
                }
                self.pos = if self.pos + 1 >= size { 0 } else { self.pos + 1 };
                *o = delayed * gain;
            }
        }
        self.follow = y;
    }
}

impl Dsp for Compress {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let g = &ctx.graph;
        let Some(x) = audio_input(g.signal(&self.input), out) else { return Flow::Continue };
        // pyo reads these four once per block (their first sample).
        let sr = self.sr;
        let (t, r) = (g.signal(&self.thresh).at(0), g.signal(&self.ratio).at(0));
        let (rc, fc) = (Self::coef(g.signal(&self.rise).at(0), sr), Self::coef(g.signal(&self.fall).at(0), sr));
        self.run(out, x, t, 1.0 / r, rc, fc);
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match (index, value) {
            (0, v) => self.input = v,
            (1, v) => self.thresh = v,
            (2, v) => self.ratio = v,
            (3, v) => self.rise = v,
            (4, v) => self.fall = v,
            (5, Param::Const(ms)) => {
                // pyo refuses more than 25 ms and then behaves as with 0.
                let ms = if (0.0..MAX_LOOKAHEAD_MS).contains(&(ms as f64)) { ms as f64 } else { 0.0 };
                let d = (ms * 0.001 * self.sr) as usize;
                self.delay = if d == 0 { self.line.len() } else { d.min(self.line.len()) };
            }
            (6, Param::Const(k)) => self.knee = k.clamp(0.0, 1.0),
            _ => {}
        }
    }
}

// ----------------------------------------------------------------- Chorus --

/// Chorus lines at 44.1 kHz: base delays and modulation depths (samples,
/// measured), LFO frequencies (Hz, nominal values whose f32 table pointer
/// reproduces the measured rates).
const CHORUS_BASE: [f32; 8] = [384.0, 450.0, 489.0, 553.0, 591.0, 662.0, 753.0, 785.0];
const CHORUS_AMP: [f32; 8] = [44.0, 53.0, 57.0, 62.0, 66.0, 71.0, 88.0, 101.0];
const CHORUS_FREQ: [f32; 8] = [1.879, 1.654, 1.342, 1.231, 0.879, 0.657, 0.465, 0.254];
const CHORUS_MAX_DEPTH: f32 = 5.0;

pub static CHORUS: ClassSpec = ClassSpec {
    name: "Chorus",
    doc: "8 modulated delay lines chorus processor.",
    params: &[
        INPUT,
        ParamSpec {
            name: "depth",
            default: 1.0,
            min: 0.0,
            max: 5.0,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Chorus depth, between 0 and 5.",
        },
        ParamSpec {
            name: "feedback",
            default: 0.25,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Amount of output signal sent back into the delay lines.",
        },
        ParamSpec {
            name: "bal",
            default: 0.5,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Balance between dry and wet signals, between 0 (dry) and 1 (wet).",
        },
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Chorus::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: super::registry::RESET_MEMORY,
};

/// pyo's Chorus, as measured (bit-exact at 44.1 and 48 kHz): 8 delay lines,
/// line j its own ring of `round(2*base_j)` samples (base_j = base at
/// 44.1 kHz times f32 `sr/44100`), all write indices starting at 0. Line j
/// reads at `xind = pos_j - (base_j + lfo_j*(amp_j*depth))`, all f32, plus
/// the ring size when negative; linear interpolation between `xind as int`
/// and the next sample. Its LFO is a 512-point sine table read like Sine's
/// (f32 pointer from 0, increment `(freq*512)/sr` in f32). Each line is
/// written `x + read*feedback`; the output is
/// `x*(1 - bal) + (sum of reads * 0.25)*bal` (reads summed in line order).
/// depth is clamped to [0, 5], feedback and bal to [0, 1], all per sample.
pub struct Chorus {
    input: Param,
    depth: Param,
    feedback: Param,
    bal: Param,
    /// The 8 rings one after the other, each `size + 1` samples long (a
    /// guard point repeats its sample 0).
    lines: Box<[f32]>,
    start: [usize; 8],
    size: [usize; 8],
    pos: [usize; 8],
    ptr: [f32; 8],
    inc: [f32; 8],
    base: [f32; 8],
    amp: [f32; 8],
    table: &'static [f32; 513],
}

impl Chorus {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let sr = a.sr as f32;
        let scale = sr / 44100.0;
        let base = CHORUS_BASE.map(|b| b * scale);
        let amp = CHORUS_AMP.map(|m| m * scale);
        let size = CHORUS_BASE.map(|b| (((2.0 * b) * scale + 0.5) as usize).max(2));
        let mut start = [0usize; 8];
        let mut total = 0;
        for j in 0..8 {
            start[j] = total;
            total += size[j] + 1;
        }
        Box::new(Chorus {
            input: a.param(0),
            depth: a.param(1),
            feedback: a.param(2),
            bal: a.param(3),
            lines: vec![0.0; total].into_boxed_slice(),
            start,
            size,
            pos: [0; 8],
            ptr: [0.0; 8],
            inc: CHORUS_FREQ.map(|f| (f * 512.0) / sr),
            base,
            amp,
            table: super::osc::sine_table(),
        })
    }

    #[inline(always)]
    fn run(
        &mut self,
        out: &mut [f32],
        x: &[f32],
        depth: impl Fn(usize) -> f32,
        feedback: impl Fn(usize) -> f32,
        bal: impl Fn(usize) -> f32,
    ) {
        let t = self.table;
        for (i, (y, &x)) in out.iter_mut().zip(x).enumerate() {
            let d = depth(i).clamp(0.0, CHORUS_MAX_DEPTH);
            let fb = feedback(i).clamp(0.0, 1.0);
            let b = bal(i).clamp(0.0, 1.0);
            let mut sum = 0.0f32;
            for j in 0..8 {
                let p = self.ptr[j];
                let ip = (p as usize).min(511);
                let a = t[ip];
                let lfo = a + (t[ip + 1] - a) * (p - ip as f32);
                let mut np = p + self.inc[j];
                if np >= 512.0 {
                    np -= 512.0;
                }
                self.ptr[j] = np;
                let size = self.size[j];
                let pos = self.pos[j];
                let del = self.base[j] + lfo * (self.amp[j] * d);
                let mut xind = pos as f32 - del;
                if xind < 0.0 {
                    xind += size as f32;
                }
                let mut xi = xind as usize;
                let fr = xind - xi as f32;
                if xi >= size {
                    xi -= size;
                }
                let xi = xi.min(size - 1);
                let s0 = self.start[j];
                let line = &mut self.lines[s0..s0 + size + 1];
                let v0 = line[xi];
                let val = v0 + (line[xi + 1] - v0) * fr;
                sum += val;
                line[pos] = x + val * fb;
                if pos == 0 {
                    line[size] = line[0];
                }
                self.pos[j] = if pos + 1 >= size { 0 } else { pos + 1 };
            }
            *y = x * (1.0 - b) + (sum * 0.25) * b;
        }
    }
}

impl Dsp for Chorus {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let g = &ctx.graph;
        let Some(x) = audio_input(g.signal(&self.input), out) else { return Flow::Continue };
        match (g.signal(&self.depth), g.signal(&self.feedback), g.signal(&self.bal)) {
            (Signal::Const(d), Signal::Const(f), Signal::Const(b)) => self.run(out, x, |_| d, |_| f, |_| b),
            (d, f, b) => self.run(out, x, |i| d.at(i), |i| f.at(i), |i| b.at(i)),
        }
        Flow::Continue
    }

    fn call(&mut self, method: usize, _args: &[f32]) {
        if method == 0 {
            self.lines.fill(0.0);
        }
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1 => self.depth = value,
            2 => self.feedback = value,
            3 => self.bal = value,
            _ => {}
        }
    }
}
