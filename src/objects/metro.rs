//! Metro: a minimal trigger generator (until the trigger family's lands).

use super::node::{BlockCtx, Dsp, Flow, Param};
use super::registry::{ClassSpec, ParamKind, ParamSpec, StreamArgs};
use super::tableread::as_written;

// ---------------------------------------------------------------- Metro ----

pub static METRO: ClassSpec = ClassSpec {
    name: "Metro",
    doc: "Generates a trigger (a one-sample 1) every `time` seconds, the first at play().",
    params: &[
        ParamSpec {
            name: "time",
            default: 1.0,
            min: 0.000_001,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Time between triggers in seconds.",
        },
        ParamSpec {
            name: "poly",
            default: 1.0,
            min: 1.0,
            max: 1.0,
            kind: ParamKind::Int,
            ctor: true,
            doc: "Voices the triggers rotate over (rpyo's Metro has one).",
        },
    ],
    autoplay: false,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Metro::build,
    table: None,
};

/// pyo's Metro, as measured: a trigger at the first sample after play(),
/// then trigger k (k >= 1) at sample floor(k*P) + 2 with P = time*sr in
/// f64 (time as the Python float). Kept as: count samples since play, fire
/// when `count - 1 > k*P`.
pub struct Metro {
    period: f64,
    count: f64,
    k: f64,
    sr: f64,
    playing: bool,
}

impl Metro {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let mut m = Metro { period: a.sr, count: 0.0, k: 0.0, sr: a.sr, playing: false };
        m.set_param(0, a.param(0));
        Box::new(m)
    }
}

impl Dsp for Metro {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        for y in out.iter_mut().take(ctx.bs) {
            *y = 0.0;
            if !self.playing {
                self.playing = true;
                self.count = 0.0;
                self.k = 0.0;
                *y = 1.0;
            } else if self.count - 1.0 > self.k * self.period {
                *y = 1.0;
            }
            if *y == 1.0 {
                self.k += 1.0;
            }
            self.count += 1.0;
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        if let (0, Param::Const(v)) = (index, value) {
            self.period = (as_written(v) * self.sr).max(1.0);
        }
    }

    fn play(&mut self) {
        self.playing = false;
    }
}
