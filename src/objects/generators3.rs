//! Band-limited generators: LFO, SuperSaw, Blit.
//!
//! Every formula below was fitted against renders of pyo 1.1.0 (probe
//! patches and numpy models in f32); the comments say where pyo keeps f64
//! and where it rounds to f32.

use super::generators::{audio, class, number, INF};
use super::node::{BlockCtx, Dsp, Flow, Param, Signal};
use super::registry::as_written;
use super::registry::{ClassSpec, ParamKind, StreamArgs};
use super::rng::Rng;
use std::f64::consts::PI;

/// Binds `$name` to a per-sample reader of `$sig` (a constant or a buffer)
/// and evaluates `$body` once per kind: the loop is chosen once per block.
macro_rules! with_signal {
    ($sig:expr, $name:ident, $body:expr) => {
        match $sig {
            Signal::Const(v) => {
                let $name = move |_: usize| v;
                $body
            }
            Signal::Audio(b) => {
                let $name = move |i: usize| b[i];
                $body
            }
        }
    };
}

const TWO_OVER_PI: f32 = (2.0 / PI) as f32;
/// pyo's `PI` constant, an f32, used in f64 arithmetic.
const PI_F32: f64 = std::f32::consts::PI as f64;

/// `sinf(f32(2π·pos))` with 2π·pos computed in f64, as pyo does.
#[inline(always)]
fn sin_turns(pos: f32) -> f32 {
    ((2.0 * PI * pos as f64) as f32).sin()
}

// --------------------------------------------------------------------- LFO

pub static LFO: ClassSpec = ClassSpec {
    random_prime: Some(2129),
    methods: super::registry::RESET_PHASE,
    ..class(
        "LFO",
        "A band-limited low frequency oscillator with eight wave shapes.",
        &[
            audio("freq", 100.0, -INF, INF, "Frequency in cycles per second (clamped to 0.00001 .. sr/4)."),
            audio("sharp", 0.5, 0.0, 1.0, "Sharpness, 0 to 1 (clipped): more harmonics when sharper."),
            number(
                "type",
                ParamKind::Int,
                0.0,
                0.0,
                7.0,
                "Wave shape: 0 saw up, 1 saw down, 2 square, 3 triangle, 4 pulse, 5 bipolar pulse, \
                 6 sample and hold, 7 modulated sine.",
            ),
        ],
        Lfo::build,
    )
};

/// pyo's LFO. An f32 pointer in [0, 1) steps by `freq * f32(1/sr)` (freq
/// clamped to [0.00001, f32(sr/4)]), sharp is clipped to [0, 1],
/// `numh = sharp*46 + 4` and `maxh = int(f32(sr/4) / freq)`:
/// - saw (0, 1): `t = 2*wrap(pos + 0.5) - 1`, `t - tanhf(numh*t)/tanhf(numh)`
///   (numh at most maxh); saw down is its negation;
/// - square (2): `atanf(numh*sin) * f32(2/π)` (numh at most maxh/2);
/// - triangle (3): `tri*sharp + tanf(sin)*f32(2/π)*(1 - sharp)`, with
///   `tri = 1 - 2|2*wrap(pos + 0.25) - 1|` and sharp taken as maxh/36 when
///   `sharp*36 > maxh`;
/// - pulses (4, 5): `tanf(powf(sin, k)) * f32(2/π)`, k the odd integer
///   `int(numh)` (+1 when even), numh at most maxh/2; the pulse is |that|;
/// - sample and hold (6): a new `u*2 - 1` from the server's generator at each
///   wrap, reached by a cosine glide `old*w + new*(1 - w)`,
///   `w = 0.5 + cosf(f*π)*0.5`, whose fraction f adds `1/int((1 - sharp)/inc)`
///   in f32 each sample (that step computed at the end of the previous
///   sample); within 3e-7 of pyo;
/// - modulated sine (7): `sin * ((cos2*0.5 + 0.5)*sharp) + sin*(1 - sharp)`,
///   where cos2 reads a second pointer stepping by `inc*(sharp*0.99)`,
///   advanced before it is read (within one f32 ulp of pyo).
///
/// where `sin = sinf(f32(2π·pos))` with the product in f64. Measured: the seed
/// prime is 2129; creation draws once, and that draw is the first held value.
pub struct Lfo {
    freq: Param,
    sharp: Param,
    kind: u8,
    st: LfoState,
}

#[derive(Clone, Copy)]
struct LfoState {
    pos: f32,
    /// Modulated sine: the modulator's pointer.
    pos2: f32,
    /// Sample and hold: the glide from `old` to `new`.
    old: f32,
    new: f32,
    frac: f32,
    step: f32,
    k1: f32,
    quarter_sr: f32,
}

impl Lfo {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Lfo {
            freq: a.param(0),
            sharp: a.param(1),
            kind: lfo_kind(a.number(2)),
            st: LfoState {
                pos: 0.0,
                pos2: 0.0,
                old: 0.0,
                new: 0.0,
                frac: 1.0,
                step: 0.0,
                k1: (1.0 / a.sr) as f32,
                quarter_sr: (a.sr / 4.0) as f32,
            },
        })
    }
}

fn lfo_kind(v: f32) -> u8 {
    if v.is_nan() {
        0
    } else {
        v.clamp(0.0, 7.0) as u8
    }
}

/// One LFO sample of wave shape `T` at frequency `fr` and sharpness `sh`.
#[inline(always)]
fn lfo_sample<const T: u8>(st: &mut LfoState, fr: f32, sh: f32, rng: &mut Rng) -> f32 {
    let fr = if fr.is_nan() || fr < 0.00001 {
        0.00001
    } else if fr > st.quarter_sr {
        st.quarter_sr
    } else {
        fr
    };
    let sh = if sh.is_nan() { 0.0 } else { sh.clamp(0.0, 1.0) };
    let inc = fr * st.k1;
    let maxh = (st.quarter_sr / fr) as i64 as f32;
    let numh = sh * 46.0 + 4.0;
    let pos = st.pos;
    let y = match T {
        0 | 1 => {
            let n = numh.min(maxh);
            let mut q = pos + 0.5;
            if q >= 1.0 {
                q -= 1.0;
            }
            let t = q * 2.0 - 1.0;
            let v = t - (n * t).tanh() / n.tanh();
            if T == 1 {
                -v
            } else {
                v
            }
        }
        2 => {
            let n = numh.min((maxh * 0.5).floor());
            (n * sin_turns(pos)).atan() * TWO_OVER_PI
        }
        3 => {
            let s = if sh * 36.0 > maxh { maxh / 36.0 } else { sh };
            let mut q = pos + 0.25;
            if q >= 1.0 {
                q -= 1.0;
            }
            let tri = 1.0 - (q * 2.0 - 1.0).abs() * 2.0;
            tri * s + sin_turns(pos).tan() * TWO_OVER_PI * (1.0 - s)
        }
        4 | 5 => {
            let n = numh.min((maxh * 0.5).floor()) as i32;
            let k = if n % 2 == 0 { n + 1 } else { n };
            let v = sin_turns(pos).powf(k as f32).tan() * TWO_OVER_PI;
            if T == 4 {
                v.abs()
            } else {
                v
            }
        }
        6 => {
            if st.frac < 1.0 {
                st.frac += st.step;
                if st.frac >= 1.0 {
                    st.new
                } else {
                    let w = 0.5 + (st.frac * PI as f32).cos() * 0.5;
                    st.old * w + st.new * (1.0 - w)
                }
            } else {
                st.new
            }
        }
        _ => {
            st.pos2 += inc * (sh * 0.99);
            if st.pos2 >= 1.0 {
                st.pos2 -= 1.0;
            }
            let s = sin_turns(pos);
            let c = ((2.0 * PI * st.pos2 as f64) as f32).cos();
            s * (c * 0.5 + 0.5) * sh + s * (1.0 - sh)
        }
    };
    let mut p = pos + inc;
    if T == 6 {
        // The glide's step follows sharp and freq from the next sample on.
        let len = ((1.0 - sh) / inc) as i64;
        st.step = if len > 0 { 1.0 / len as f32 } else { 1.0 };
    }
    if p >= 1.0 {
        p -= 1.0;
        if T == 6 {
            st.old = y;
            st.new = rng.uniform() * 2.0 - 1.0;
            st.frac = if st.step < 1.0 { 0.0 } else { 1.0 };
        }
    }
    st.pos = p;
    y
}

#[inline(always)]
fn lfo_run<const T: u8>(
    st: &mut LfoState,
    out: &mut [f32],
    rng: &mut Rng,
    fr: impl Fn(usize) -> f32,
    sh: impl Fn(usize) -> f32,
) {
    for (i, y) in out.iter_mut().enumerate() {
        *y = lfo_sample::<T>(st, fr(i), sh(i), rng);
    }
}

impl Dsp for Lfo {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let (f, s) = (ctx.graph.signal(&self.freq), ctx.graph.signal(&self.sharp));
        let (st, rng) = (&mut self.st, &mut *ctx.rng);
        with_signal!(
            f,
            fr,
            with_signal!(
                s,
                sh,
                match self.kind {
                    0 => lfo_run::<0>(st, out, rng, fr, sh),
                    1 => lfo_run::<1>(st, out, rng, fr, sh),
                    2 => lfo_run::<2>(st, out, rng, fr, sh),
                    3 => lfo_run::<3>(st, out, rng, fr, sh),
                    4 => lfo_run::<4>(st, out, rng, fr, sh),
                    5 => lfo_run::<5>(st, out, rng, fr, sh),
                    6 => lfo_run::<6>(st, out, rng, fr, sh),
                    _ => lfo_run::<7>(st, out, rng, fr, sh),
                }
            )
        );
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match (index, value) {
            (0, v) => self.freq = v,
            (1, v) => self.sharp = v,
            (2, Param::Const(t)) => self.kind = lfo_kind(t),
            _ => {}
        }
    }

    fn call(&mut self, method: usize, _args: &[f32]) {
        if method == 0 {
            self.st.pos = 0.0;
        }
    }

    fn seeded(&mut self, state: u32) {
        let v = (state as f64 / 4_294_967_296.0) as f32 * 2.0 - 1.0;
        self.st.old = v;
        self.st.new = v;
    }
}

// -------------------------------------------------------------------- Blit

pub static BLIT: ClassSpec = class(
    "Blit",
    "A band-limited impulse train with a chosen number of harmonics.",
    &[
        audio("freq", 100.0, -INF, INF, "Frequency in cycles per second."),
        audio("harms", 40.0, 0.0, INF, "Number of harmonics in the spectrum (its integer part)."),
    ],
    Blit::build,
);

/// pyo's Blit: an f32 phase in radians steps by `f32(f32(π)*freq/sr)` in f64
/// math for a constant freq, taken as written (a Python float, f64): exact.
/// An audio-rate freq steps by `f32(π / f32(sr/freq))` (the period in
/// samples rounded to f32, then f64 π over it): exact;
/// the phase wraps by `-π` (in f64) when `>= π`; `M = 2*int(harms) + 1`,
/// `y = sinf(f32(p*M)) / (M*sinf(p))`, and 1 where `sinf(p) == 0` or
/// `p <= 0` (a negative frequency leaves the phase below 0 and the output at
/// 1, as in pyo, until the phase climbs back).
pub struct Blit {
    freq: Param,
    harms: Param,
    phase: f32,
    sr: f64,
}

impl Blit {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Blit { freq: a.param(0), harms: a.param(1), phase: 0.0, sr: a.sr })
    }
}

#[inline(always)]
fn blit_run(phase: &mut f32, inc: impl Fn(usize) -> f64, out: &mut [f32], hs: impl Fn(usize) -> f32) {
    for (i, y) in out.iter_mut().enumerate() {
        let p = *phase;
        let m = (2 * (hs(i) as i32).clamp(-(1 << 29), 1 << 29) + 1) as f32;
        let d = p.sin();
        *y = if d == 0.0 || p <= 0.0 { 1.0 } else { (p * m).sin() / (m * d) };
        let mut np = p + inc(i) as f32;
        if np as f64 >= PI {
            np = (np as f64 - PI) as f32;
        }
        *phase = np;
    }
}

impl Dsp for Blit {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let (f, h) = (ctx.graph.signal(&self.freq), ctx.graph.signal(&self.harms));
        let (phase, sr) = (&mut self.phase, self.sr);
        match f {
            Signal::Const(v) => {
                let v = PI_F32 * as_written(v) / sr;
                with_signal!(h, hs, blit_run(phase, |_| v, out, hs))
            }
            Signal::Audio(b) => {
                // The period in samples in f32, then π (f64) over it.
                with_signal!(h, hs, blit_run(phase, |i| PI / ((sr / b[i] as f64) as f32) as f64, out, hs))
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.freq = value,
            1 => self.harms = value,
            _ => {}
        }
    }
}
