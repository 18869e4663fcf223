//! Oscillators.

use super::node::{batch_kind, Batch, BlockCtx, Dsp, Flow, Node, Param, Signal, MAX_BATCH};
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
    keys: &[],
    methods: super::registry::RESET_PHASE,
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

/// Up to eight Sines with constant frequency and a constant phase in
/// [0, 1) in lockstep: the same f32 operations as `run`, lane by lane, so
/// the processor runs eight pointer recurrences at once instead of waiting
/// on one (SSE2 on x86_64; elsewhere the lanes run as a plain loop).
fn run_batch(members: &mut [Option<Box<Node>>], ctx: &mut BlockCtx<'_>) {
    let mut lanes = Lanes::default();
    let mut outs: [&mut [f32]; MAX_BATCH] = Default::default();
    let mut n = 0;
    for (k, node) in members.iter_mut().take(MAX_BATCH).enumerate() {
        let Some(node) = node.as_deref_mut() else { continue };
        let Some(sine) = node.dsp.as_any_mut().and_then(|a| a.downcast_mut::<Sine>()) else { continue };
        if let (Param::Const(f), Param::Const(p)) = (sine.freq, sine.phase) {
            lanes.inc[k] = f * SIZE / sine.sr;
            lanes.phase[k] = p * SIZE;
        }
        lanes.ptr[k] = sine.pointer;
        outs[k] = &mut node.out[..];
        n = k + 1;
    }
    let bs = outs[..n].iter().map(|o| o.len()).min().unwrap_or(0).min(ctx.bs);
    let mut y = [0.0f32; MAX_BATCH];
    for i in 0..bs {
        lanes.step(&mut y);
        for (o, v) in outs[..n].iter_mut().zip(y) {
            o[i] = v;
        }
    }
    for (k, node) in members.iter_mut().take(MAX_BATCH).enumerate() {
        if let Some(sine) = node.as_deref_mut().and_then(|n| n.dsp.as_any_mut()).and_then(|a| a.downcast_mut::<Sine>())
        {
            sine.pointer = lanes.ptr[k];
        }
    }
}

/// The state of eight lanes of `run_batch` (unused lanes compute on zeros).
#[derive(Default)]
struct Lanes {
    ptr: [f32; MAX_BATCH],
    inc: [f32; MAX_BATCH],
    /// phase * 512, in [0, 512).
    phase: [f32; MAX_BATCH],
}

impl Lanes {
    /// One sample of every lane, exactly as `run` computes it.
    #[inline(always)]
    fn step_scalar(&mut self, y: &mut [f32; MAX_BATCH]) {
        let table = sine_table();
        for (k, yk) in y.iter_mut().enumerate() {
            let pos = wrap(self.ptr[k]);
            let mut p = pos + self.phase[k];
            if p >= SIZE {
                p -= SIZE;
            }
            let ip = (p as i32).clamp(0, TABLE_SIZE as i32 - 1) as usize;
            let fr = p - ip as f32;
            let a = table[ip];
            *yk = a + (table[ip + 1] - a) * fr;
            self.ptr[k] = pos + self.inc[k];
        }
    }

    #[cfg(not(target_arch = "x86_64"))]
    #[inline(always)]
    fn step(&mut self, y: &mut [f32; MAX_BATCH]) {
        self.step_scalar(y)
    }

    /// SSE2: four lanes per register. A lane whose pointer left [0, 1024)
    /// (or is NaN) sends the whole sample to `step_scalar`.
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    fn step(&mut self, y: &mut [f32; MAX_BATCH]) {
        use std::arch::x86_64::*;
        let table = sine_table();
        // SAFETY: SSE2 is part of x86_64; the loads and stores are of
        // arrays of 8 f32 / i32 at offsets 0 and 4.
        unsafe {
            let size = _mm_set1_ps(SIZE);
            let zero = _mm_setzero_ps();
            let mut pos = [_mm_setzero_ps(); 2];
            let mut all_in = 0xFF;
            for (h, pos_h) in pos.iter_mut().enumerate() {
                let p = _mm_loadu_ps(self.ptr.as_ptr().add(4 * h));
                let w = _mm_sub_ps(p, _mm_and_ps(_mm_cmpge_ps(p, size), size));
                let inside = _mm_and_ps(_mm_cmpge_ps(w, zero), _mm_cmplt_ps(w, size));
                all_in &= _mm_movemask_ps(inside) << (4 * h) | !(0xF << (4 * h));
                *pos_h = w;
            }
            if all_in != 0xFF {
                return self.step_scalar(y);
            }
            for (h, &w) in pos.iter().enumerate() {
                let ph = _mm_loadu_ps(self.phase.as_ptr().add(4 * h));
                let p = _mm_add_ps(w, ph);
                let p = _mm_sub_ps(p, _mm_and_ps(_mm_cmpge_ps(p, size), size));
                let ip = _mm_cvttps_epi32(p);
                let fr = _mm_sub_ps(p, _mm_cvtepi32_ps(ip));
                let mut idx = [0i32; 4];
                _mm_storeu_si128(idx.as_mut_ptr() as *mut __m128i, ip);
                let mut a = [0.0f32; 4];
                let mut b = [0.0f32; 4];
                for l in 0..4 {
                    // p is in [0, 512): the index is 0..=511.
                    let i = (idx[l] as usize).min(TABLE_SIZE - 1);
                    a[l] = table[i];
                    b[l] = table[i + 1];
                }
                let a = _mm_loadu_ps(a.as_ptr());
                let b = _mm_loadu_ps(b.as_ptr());
                let v = _mm_add_ps(a, _mm_mul_ps(_mm_sub_ps(b, a), fr));
                _mm_storeu_ps(y.as_mut_ptr().add(4 * h), v);
                let inc = _mm_loadu_ps(self.inc.as_ptr().add(4 * h));
                _mm_storeu_ps(self.ptr.as_mut_ptr().add(4 * h), _mm_add_ps(w, inc));
            }
        }
    }
}

impl Dsp for Sine {
    fn batch(&self) -> Option<Batch> {
        match (self.freq, self.phase) {
            (Param::Const(_), Param::Const(p)) if (0.0..1.0).contains(&p) => {
                Some(Batch { kind: batch_kind::SINE_CONST, run: run_batch, reads: None })
            }
            _ => None,
        }
    }

    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        Some(self)
    }

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

    fn call(&mut self, method: usize, _args: &[f32]) {
        if method == 0 {
            self.pointer = 0.0;
        }
    }
}
