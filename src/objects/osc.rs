//! Oscillators.

use super::node::{BlockCtx, Dsp, Flow, Param, Signal};
use super::registry::{ClassSpec, Layout, ParamKind, ParamSpec, StreamArgs};
use std::sync::OnceLock;

const TABLE_SIZE: usize = 512;

/// pyo's 512-point sine table and its guard point.
pub(crate) fn sine_table() -> &'static [f32; TABLE_SIZE + 1] {
    static TABLE: OnceLock<[f32; TABLE_SIZE + 1]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0.0f32; TABLE_SIZE + 1];
        for (i, v) in t.iter_mut().enumerate().take(TABLE_SIZE) {
            *v = (std::f64::consts::TAU * i as f64 / TABLE_SIZE as f64).sin() as f32;
        }
        t[TABLE_SIZE] = t[0];
        t
    })
}

pub static SINE: ClassSpec = ClassSpec {
    name: "Sine",
    doc: "A simple sine wave oscillator.",
    params: &[
        ParamSpec {
            name: "freq",
            default: 1000.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Frequency in cycles per second.",
        },
        ParamSpec {
            name: "phase",
            default: 0.0,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Phase of sampling, expressed as a fraction of a cycle (0 to 1).",
        },
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Sine::build,
    table: None,
    layout: Layout::PerArg,
};

/// pyo's Sine: 512-point table (f64 sin rounded to f32) with linear
/// interpolation `a + (b-a)*f`, an f32 phase pointer advanced after the read.
pub struct Sine {
    freq: Param,
    phase: Param,
    pointer: f32,
    /// f32(512 / sr), the step factor of an audio-rate frequency.
    scale: f32,
    sr: f32,
    table: &'static [f32; TABLE_SIZE + 1],
}

impl Sine {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Sine {
            freq: a.param(0),
            phase: a.param(1),
            pointer: 0.0,
            scale: (TABLE_SIZE as f64 / a.sr) as f32,
            sr: a.sr as f32,
            table: sine_table(),
        })
    }
}

/// pyo's pointer wrap: into [0, 512). The common case is one comparison;
/// the rest is out of line.
#[inline(always)]
fn wrap(pos: f32) -> f32 {
    if (0.0..SIZE).contains(&pos) {
        pos
    } else if (SIZE..2.0 * SIZE).contains(&pos) {
        pos - SIZE
    } else {
        wrap_far(pos)
    }
}

const SIZE: f32 = TABLE_SIZE as f32;

/// The pointer left [0, 512): pyo adds whole tables to a negative pointer
/// and takes whole tables off until it is below 512 (the reduction below
/// gives the same value without looping, so a huge or infinite frequency
/// cannot hang the audio thread); NaN and infinity restart at 0.
#[cold]
#[inline(never)]
fn wrap_far(pos: f32) -> f32 {
    if !pos.is_finite() {
        return 0.0;
    }
    let mut pos = pos;
    if pos < 0.0 {
        pos += SIZE * ((-pos / SIZE).floor() + 1.0);
    }
    if pos >= SIZE {
        // Exact: pos - SIZE*k is representable for every whole k here, so
        // this equals subtracting SIZE k times.
        pos -= SIZE * (pos / SIZE).floor();
        if pos >= SIZE {
            pos -= SIZE;
        }
        if pos < 0.0 {
            pos = 0.0;
        }
    }
    pos
}

/// The sample loop, monomorphised per kind of frequency and phase input.
#[inline(always)]
fn run(
    pointer: &mut f32,
    table: &[f32; TABLE_SIZE + 1],
    out: &mut [f32],
    inc: impl Fn(usize) -> f32,
    phase: impl Fn(usize) -> f32,
) {
    for (i, y) in out.iter_mut().enumerate() {
        let pos = wrap(*pointer);
        let mut p = pos + phase(i);
        if p >= SIZE {
            p -= SIZE;
        }
        // A phase outside [0, 1] (from audio) leaves [0, 512): clamp the
        // index so the read stays in the table.
        let ip = (p as i32).clamp(0, TABLE_SIZE as i32 - 1) as usize;
        let fr = p - ip as f32;
        let a = table[ip];
        *y = a + (table[ip + 1] - a) * fr;
        *pointer = pos + inc(i);
    }
}

/// The loop of the common case, a constant phase of 0: the read point is
/// the wrapped pointer itself, which `wrap` keeps in [0, 512).
#[inline(always)]
fn run_no_phase(pointer: &mut f32, table: &[f32; TABLE_SIZE + 1], out: &mut [f32], inc: impl Fn(usize) -> f32) {
    for (i, y) in out.iter_mut().enumerate() {
        let pos = wrap(*pointer);
        debug_assert!((0.0..SIZE).contains(&pos));
        // SAFETY: `wrap` returns a finite value in [0, 512), so the
        // truncation is in range and the index is at most 511.
        let ip = unsafe { pos.to_int_unchecked::<u32>() } as usize & (TABLE_SIZE - 1);
        let fr = pos - ip as f32;
        let a = table[ip];
        *y = a + (table[ip + 1] - a) * fr;
        *pointer = pos + inc(i);
    }
}

impl Dsp for Sine {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let t = self.table;
        let size = TABLE_SIZE as f32;
        // pyo: a constant frequency steps by the correctly rounded
        // freq*512/sr; an audio-rate one by freq[i] * f32(512/sr).
        let sr = self.sr;
        let scale = self.scale;
        match (ctx.graph.signal(&self.freq), ctx.graph.signal(&self.phase)) {
            (Signal::Const(f), Signal::Const(0.0)) => {
                let inc = f * size / sr;
                run_no_phase(&mut self.pointer, t, out, |_| inc)
            }
            (Signal::Const(f), Signal::Const(ph)) => {
                let inc = f * size / sr;
                run(&mut self.pointer, t, out, |_| inc, |_| ph * size)
            }
            (Signal::Audio(f), Signal::Const(0.0)) => run_no_phase(&mut self.pointer, t, out, |i| f[i] * scale),
            (Signal::Const(f), Signal::Audio(ph)) => {
                let inc = f * size / sr;
                run(&mut self.pointer, t, out, |_| inc, |i| ph[i] * size)
            }
            (Signal::Audio(f), Signal::Const(ph)) => run(&mut self.pointer, t, out, |i| f[i] * scale, |_| ph * size),
            (Signal::Audio(f), Signal::Audio(ph)) => run(&mut self.pointer, t, out, |i| f[i] * scale, |i| ph[i] * size),
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
}
