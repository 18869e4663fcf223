//! Oscillators and generators: Phasor, RCOsc, FastSine, SineLoop (FM and the
//! coloured noises are in `generators2.rs`).
//!
//! Every formula below was fitted bit for bit against renders of pyo 1.1.0;
//! the comments say where pyo keeps f64 and where it rounds to f32.

use super::node::{BlockCtx, Dsp, Flow, Param, Signal};
use super::registry::{ClassSpec, ParamKind, ParamSpec, StreamArgs};
use std::f64::consts::PI;
use std::sync::OnceLock;

/// A "float or PyoObject" parameter.
pub(crate) const fn audio(name: &'static str, default: f64, min: f64, max: f64, doc: &'static str) -> ParamSpec {
    ParamSpec { name, default, min, max, kind: ParamKind::Audio, ctor: true, doc }
}

/// A plain-number parameter of the constructor.
pub(crate) const fn number(
    name: &'static str,
    kind: ParamKind,
    default: f64,
    min: f64,
    max: f64,
    doc: &'static str,
) -> ParamSpec {
    ParamSpec { name, default, min, max, kind, ctor: true, doc }
}

pub(crate) const INF: f64 = f64::INFINITY;

/// A generator class with pyo's usual flags (auto-played, audible, one output).
pub(crate) const fn class(
    name: &'static str,
    doc: &'static str,
    params: &'static [ParamSpec],
    build: fn(&StreamArgs<'_>) -> Box<dyn Dsp>,
) -> ClassSpec {
    ClassSpec {
        name,
        doc,
        params,
        autoplay: true,
        audible: true,
        random_prime: None,
        outputs: 1,
        build,
        table: None,
        layout: crate::objects::registry::Layout::PerArg,
        keys: &[],
        methods: &[],
    }
}

const FREQ_DOC: &str = "Frequency in cycles per second.";

// ------------------------------------------------------------------ Phasor

pub static PHASOR: ClassSpec = ClassSpec {
    methods: super::registry::RESET_PHASE,
    ..class(
        "Phasor",
        "A simple phase incrementor: a periodic ramp from 0 to 1.",
        &[
            audio("freq", 100.0, -INF, INF, FREQ_DOC),
            audio("phase", 0.0, 0.0, 1.0, "Phase offset, as a fraction of a cycle (clipped to 0..1)."),
        ],
        Phasor::build,
    )
};

/// pyo's Phasor: an f64 pointer in [0, 1). Constant frequency steps by
/// `f64(freq)/sr`, audio-rate by `f32(freq * f32(1/sr))`. The output is
/// `pointer + clip(phase, 0, 1)`, minus 1 when above 1, rounded to f32. The
/// pointer wraps once per sample (`>= 1`: -1, `< 0`: +1), as pyo does.
pub struct Phasor {
    freq: Param,
    phase: Param,
    pointer: f64,
    sr: f64,
    inv_sr: f32,
}

impl Phasor {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Phasor { freq: a.param(0), phase: a.param(1), pointer: 0.0, sr: a.sr, inv_sr: (1.0 / a.sr) as f32 })
    }
}

#[inline(always)]
fn phasor_run(pointer: &mut f64, out: &mut [f32], inc: impl Fn(usize) -> f64, phase: impl Fn(usize) -> f32) {
    for (i, y) in out.iter_mut().enumerate() {
        let mut v = *pointer + phase(i).clamp(0.0, 1.0) as f64;
        if v > 1.0 {
            v -= 1.0;
        }
        *y = v as f32;
        *pointer += inc(i);
        if *pointer >= 1.0 {
            *pointer -= 1.0;
        } else if *pointer < 0.0 {
            *pointer += 1.0;
        }
    }
}

impl Dsp for Phasor {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let (sr, k) = (self.sr, self.inv_sr);
        let p = &mut self.pointer;
        match (ctx.graph.signal(&self.freq), ctx.graph.signal(&self.phase)) {
            (Signal::Const(f), Signal::Const(ph)) => phasor_run(p, out, |_| f as f64 / sr, |_| ph),
            (Signal::Const(f), Signal::Audio(ph)) => phasor_run(p, out, |_| f as f64 / sr, |i| ph[i]),
            (Signal::Audio(f), Signal::Const(ph)) => phasor_run(p, out, |i| (f[i] * k) as f64, |_| ph),
            (Signal::Audio(f), Signal::Audio(ph)) => phasor_run(p, out, |i| (f[i] * k) as f64, |i| ph[i]),
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.freq = value,
            1 => self.phase = value,
            _ => {}
        }
    }

    fn call(&mut self, method: usize, _args: &[f32]) {
        if method == 0 {
            self.pointer = 0.0;
        }
    }
}

// ------------------------------------------------------------------- RCOsc

pub static RCOSC: ClassSpec = ClassSpec {
    methods: super::registry::RESET_PHASE,
    ..class(
        "RCOsc",
        "A waveform like the charge and discharge of a capacitor (RC circuit).",
        &[
            audio("freq", 100.0, -INF, INF, FREQ_DOC),
            audio("sharp", 0.25, 0.0, 1.0, "Slope of the charge and discharge, 0 (triangle) to 1 (square)."),
        ],
        RcOsc::build,
    )
};

/// pyo's RCOsc: an f32 pointer in [0, 2) stepping by `f32(2*freq)/sr` (audio
/// rate: `freq * f32(2/sr)`); `sh = f32(f64(sharp²)*99 + 1)`; first half
/// `down = 1-p, up = 1`, second half `down = 0, up = 2-p`; `powf` in f32,
/// the rest `((1 - down^sh) + up^sh)*2 - 3` in f64.
pub struct RcOsc {
    freq: Param,
    sharp: Param,
    pointer: f32,
    sr: f32,
    two_over_sr: f32,
}

impl RcOsc {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(RcOsc {
            freq: a.param(0),
            sharp: a.param(1),
            pointer: 0.0,
            sr: a.sr as f32,
            two_over_sr: (2.0 / a.sr) as f32,
        })
    }
}

#[inline(always)]
fn rc_exponent(sharp: f32) -> f32 {
    let s = sharp.clamp(0.0, 1.0);
    ((s * s) as f64 * 99.0 + 1.0) as f32
}

#[inline(always)]
fn rc_run(pointer: &mut f32, out: &mut [f32], inc: impl Fn(usize) -> f32, sh: impl Fn(usize) -> f32) {
    for (i, y) in out.iter_mut().enumerate() {
        let p = *pointer;
        let sh = sh(i);
        let (down, up) = if p < 1.0 { (1.0 - p, 1.0f32) } else { (0.0f32, 2.0 - p) };
        *y = (((1.0 - down.powf(sh) as f64) + up.powf(sh) as f64) * 2.0 - 3.0) as f32;
        let mut p = p + inc(i);
        if p >= 2.0 {
            p -= 2.0;
        } else if p < 0.0 {
            p += 2.0;
        }
        *pointer = p;
    }
}

impl Dsp for RcOsc {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let (sr, k) = (self.sr, self.two_over_sr);
        let p = &mut self.pointer;
        match (ctx.graph.signal(&self.freq), ctx.graph.signal(&self.sharp)) {
            (Signal::Const(f), Signal::Const(s)) => {
                let (inc, sh) = (2.0 * f / sr, rc_exponent(s));
                rc_run(p, out, |_| inc, |_| sh)
            }
            (Signal::Const(f), Signal::Audio(s)) => {
                let inc = 2.0 * f / sr;
                rc_run(p, out, |_| inc, |i| rc_exponent(s[i]))
            }
            (Signal::Audio(f), Signal::Const(s)) => {
                let sh = rc_exponent(s);
                rc_run(p, out, |i| f[i] * k, |_| sh)
            }
            (Signal::Audio(f), Signal::Audio(s)) => rc_run(p, out, |i| f[i] * k, |i| rc_exponent(s[i])),
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.freq = value,
            1 => self.sharp = value,
            _ => {}
        }
    }

    fn call(&mut self, method: usize, _args: &[f32]) {
        if method == 0 {
            self.pointer = 0.0;
        }
    }
}

// ---------------------------------------------------------------- FastSine

pub static FASTSINE: ClassSpec = ClassSpec {
    methods: super::registry::RESET_PHASE,
    ..class(
        "FastSine",
        "A fast sine approximation built from parabolas.",
        &[
            audio("freq", 1000.0, -INF, INF, FREQ_DOC),
            number("initphase", ParamKind::Float, 0.0, 0.0, 1.0, "Initial phase, 0 to 1 (at creation only)."),
            number(
                "quality",
                ParamKind::Int,
                1.0,
                0.0,
                1.0,
                "1: more accurate parabola pair, 0: one parabola (cheaper).",
            ),
        ],
        FastSine::build,
    )
};

/// pyo's FastSine: an f32 pointer in radians, wrapped by `-2π` (in f64) only
/// when above π (a negative frequency is never wrapped, as in pyo); step
/// `freq * f32(2π/sr)`. `y = f32(B*x) + f32(C*x)*|x|` with B = 4/π,
/// C = -4/π² in f32; quality 1 adds `f32(0.218*f64(y*|y| - y) + y)`.
pub struct FastSine {
    freq: Param,
    quality: bool,
    pointer: f32,
    /// The pointer at creation (initphase): reset() goes back to it.
    init: f32,
    k: f32,
}

impl FastSine {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let mut p = (a.number(1) as f64 * 2.0 * PI) as f32;
        if p as f64 > PI {
            p = (p as f64 - 2.0 * PI) as f32;
        }
        Box::new(FastSine {
            freq: a.param(0),
            quality: a.number(2) >= 1.0,
            pointer: p,
            init: p,
            k: (2.0 * PI / a.sr) as f32,
        })
    }
}

#[inline(always)]
fn fastsine_run<const Q: bool>(pointer: &mut f32, out: &mut [f32], inc: impl Fn(usize) -> f32) {
    const B: f32 = (4.0 / PI) as f32;
    const C: f32 = (-4.0 / (PI * PI)) as f32;
    for (i, y) in out.iter_mut().enumerate() {
        let x = *pointer;
        let mut v = B * x + (C * x) * x.abs();
        if Q {
            v = (0.218 * (v * v.abs() - v) as f64 + v as f64) as f32;
        }
        *y = v;
        let mut p = x + inc(i);
        if p as f64 > PI {
            p = (p as f64 - 2.0 * PI) as f32;
        }
        *pointer = p;
    }
}

impl Dsp for FastSine {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let k = self.k;
        let p = &mut self.pointer;
        match (ctx.graph.signal(&self.freq), self.quality) {
            (Signal::Const(f), true) => {
                let inc = f * k;
                fastsine_run::<true>(p, out, |_| inc)
            }
            (Signal::Const(f), false) => {
                let inc = f * k;
                fastsine_run::<false>(p, out, |_| inc)
            }
            (Signal::Audio(f), true) => fastsine_run::<true>(p, out, |i| f[i] * k),
            (Signal::Audio(f), false) => fastsine_run::<false>(p, out, |i| f[i] * k),
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match (index, value) {
            (0, v) => self.freq = v,
            (2, Param::Const(q)) => self.quality = q >= 1.0,
            _ => {}
        }
    }

    fn call(&mut self, method: usize, _args: &[f32]) {
        if method == 0 {
            self.pointer = self.init;
        }
    }
}

// ---------------------------------------------------------------- SineLoop

pub static SINELOOP: ClassSpec = class(
    "SineLoop",
    "A sine oscillator whose output, times feedback, is added to its phase.",
    &[
        audio("freq", 1000.0, -INF, INF, FREQ_DOC),
        audio("feedback", 0.0, 0.0, 1.0, "Amount of output added to the phase, 0 to 1 (clipped): brightness."),
    ],
    SineLoop::build,
);

pub(crate) const TABLE_SIZE: usize = 512;

/// pyo's 512-point sine table (f64 sin rounded to f32) and its guard point.
pub(crate) fn sine_table() -> &'static [f32; TABLE_SIZE + 1] {
    static TABLE: OnceLock<[f32; TABLE_SIZE + 1]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0.0f32; TABLE_SIZE + 1];
        for (i, v) in t.iter_mut().enumerate().take(TABLE_SIZE) {
            *v = (2.0 * PI * i as f64 / TABLE_SIZE as f64).sin() as f32;
        }
        t[TABLE_SIZE] = t[0];
        t
    })
}

/// Wraps a table position into [0, 512) as pyo's Sine does, in f32.
#[inline(always)]
pub(crate) fn wrap_table(pos: f32) -> f32 {
    const SIZE: f32 = TABLE_SIZE as f32;
    let mut pos = pos;
    if pos < 0.0 {
        pos += SIZE * ((-pos / SIZE).floor() + 1.0);
    }
    // Far past the table (a huge frequency), subtracting 512 stops changing
    // the number: the remainder, exact, equals what the subtractions give
    // wherever they end. An infinite position becomes NaN and reads point 0.
    if pos >= SIZE * 16.0 {
        pos %= SIZE;
    }
    while pos >= SIZE {
        pos -= SIZE;
    }
    pos
}

/// Linear interpolation in the sine table at a wrapped position.
#[inline(always)]
pub(crate) fn table_read(table: &[f32; TABLE_SIZE + 1], pos: f32) -> f32 {
    let ip = (pos as usize).min(TABLE_SIZE - 1);
    let fr = pos - ip as f32;
    let a = table[ip];
    a + (table[ip + 1] - a) * fr
}

/// pyo's SineLoop: Sine's table and f32 pointer; the read position is
/// `wrap(pointer + (y_prev*clip(feedback, 0, 1))*512)`.
pub struct SineLoop {
    freq: Param,
    feedback: Param,
    pointer: f32,
    last: f32,
    sr: f32,
    scale: f32,
    table: &'static [f32; TABLE_SIZE + 1],
}

impl SineLoop {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(SineLoop {
            freq: a.param(0),
            feedback: a.param(1),
            pointer: 0.0,
            last: 0.0,
            sr: a.sr as f32,
            scale: (TABLE_SIZE as f64 / a.sr) as f32,
            table: sine_table(),
        })
    }
}

#[inline(always)]
fn sineloop_run(
    st: (&mut f32, &mut f32),
    table: &[f32; TABLE_SIZE + 1],
    out: &mut [f32],
    inc: impl Fn(usize) -> f32,
    fb: impl Fn(usize) -> f32,
) {
    const SIZE: f32 = TABLE_SIZE as f32;
    let (pointer, last) = st;
    for (i, y) in out.iter_mut().enumerate() {
        let p = wrap_table(*pointer);
        let pos = wrap_table(p + (*last * fb(i).clamp(0.0, 1.0)) * SIZE);
        let v = table_read(table, pos);
        *y = v;
        *last = v;
        *pointer = p + inc(i);
    }
}

impl Dsp for SineLoop {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let (sr, scale, t) = (self.sr, self.scale, self.table);
        let size = TABLE_SIZE as f32;
        let st = (&mut self.pointer, &mut self.last);
        match (ctx.graph.signal(&self.freq), ctx.graph.signal(&self.feedback)) {
            (Signal::Const(f), Signal::Const(fb)) => {
                let inc = f * size / sr;
                sineloop_run(st, t, out, |_| inc, |_| fb)
            }
            (Signal::Const(f), Signal::Audio(fb)) => {
                let inc = f * size / sr;
                sineloop_run(st, t, out, |_| inc, |i| fb[i])
            }
            (Signal::Audio(f), Signal::Const(fb)) => sineloop_run(st, t, out, |i| f[i] * scale, |_| fb),
            (Signal::Audio(f), Signal::Audio(fb)) => sineloop_run(st, t, out, |i| f[i] * scale, |i| fb[i]),
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.freq = value,
            1 => self.feedback = value,
            _ => {}
        }
    }
}
