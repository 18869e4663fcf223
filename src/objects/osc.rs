//! Oscillators.

use super::node::{BlockCtx, Dsp, Flow, Param};
use super::registry::{ClassSpec, ParamKind, ParamSpec, StreamArgs};
use std::sync::OnceLock;

const TABLE_SIZE: usize = 512;

/// pyo's 512-point sine table and its guard point.
fn sine_table() -> &'static [f32; TABLE_SIZE + 1] {
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
    random_prime: None,
    outputs: 1,
    build: Sine::build,
};

/// pyo's Sine: table lookup with linear interpolation, f32 phase pointer.
pub struct Sine {
    freq: Param,
    phase: Param,
    pointer: f32,
    /// 512 / sr.
    scale: f32,
    table: &'static [f32; TABLE_SIZE + 1],
}

impl Sine {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Sine {
            freq: a.param(0),
            phase: a.param(1),
            pointer: 0.0,
            scale: (TABLE_SIZE as f64 / a.sr) as f32,
            table: sine_table(),
        })
    }
}

#[inline(always)]
fn wrap(pos: f32) -> f32 {
    const SIZE: f32 = TABLE_SIZE as f32;
    if pos < 0.0 {
        pos + (((-pos / SIZE) as i32) + 1) as f32 * SIZE
    } else if pos >= SIZE {
        pos - ((pos / SIZE) as i32) as f32 * SIZE
    } else {
        pos
    }
}

impl Dsp for Sine {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let freq = ctx.graph.signal(&self.freq);
        let phase = ctx.graph.signal(&self.phase);
        let t = self.table;
        let size = TABLE_SIZE as f32;
        for (i, y) in out.iter_mut().take(ctx.bs).enumerate() {
            self.pointer = wrap(self.pointer);
            let mut pos = self.pointer + phase.at(i) * size;
            if pos >= size {
                pos -= size;
            }
            let ip = (pos as usize).min(TABLE_SIZE - 1);
            let fp = pos - ip as f32;
            *y = t[ip] + (t[ip + 1] - t[ip]) * fp;
            self.pointer += freq.at(i) * self.scale;
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

    fn play(&mut self) {}
}
