//! Control-signal smoothing: SigTo (linear ramps) and Port (exponential
//! portamento).

use super::filters::INPUT;
use super::node::{BlockCtx, Dsp, Flow, Param, Signal};
use super::registry::{ClassSpec, ParamKind, ParamSpec, StreamArgs};

// ------------------------------------------------------------------ SigTo --

pub static SIGTO: ClassSpec = ClassSpec {
    name: "SigTo",
    doc: "Converts a number (or an audio signal) into an audio stream with a linear portamento.",
    params: &[
        ParamSpec {
            name: "value",
            default: 0.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Value to convert; each new value starts a ramp from the current one.",
        },
        ParamSpec {
            name: "time",
            default: 0.025,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Ramp time in seconds to reach a new value (read when a ramp starts).",
        },
        ParamSpec {
            name: "init",
            default: 0.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Initial value of the internal memory.",
        },
    ],
    autoplay: true,
    audible: false,
    random_prime: None,
    outputs: 1,
    build: SigTo::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's SigTo, as measured: when the value differs from the current
/// target, `steps = int(f64(time) * sr)` and `inc = (target - current) /
/// f32(steps)` in f32; each sample adds `inc` (f32) and the last step lands
/// on the target; `steps <= 0` jumps at once. The ramp starts on the sample
/// where the new value appears.
pub struct SigTo {
    value: Param,
    time: Param,
    sr: f64,
    current: f32,
    target: f32,
    inc: f32,
    steps: i64,
    count: i64,
}

impl SigTo {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let init = a.number(2);
        Box::new(SigTo {
            value: a.param(0),
            time: a.param(1),
            sr: a.sr,
            current: init,
            target: init,
            inc: 0.0,
            steps: 0,
            count: 0,
        })
    }

    #[inline(always)]
    fn tick(&mut self, v: f32, time: impl Fn() -> f32) -> f32 {
        if v != self.target {
            self.target = v;
            let steps = (time() as f64 * self.sr) as i64;
            self.count = 0;
            if steps <= 0 {
                self.current = v;
                self.steps = 0;
            } else {
                self.steps = steps;
                self.inc = (v - self.current) / steps as f32;
            }
        }
        if self.count < self.steps {
            self.current += self.inc;
            self.count += 1;
            if self.count >= self.steps {
                self.current = self.target;
            }
        }
        self.current
    }
}

impl Dsp for SigTo {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let time = ctx.graph.signal(&self.time);
        match ctx.graph.signal(&self.value) {
            Signal::Const(v) => {
                for (i, y) in out.iter_mut().enumerate() {
                    *y = self.tick(v, || time.at(i));
                }
            }
            Signal::Audio(vs) => {
                for (i, y) in out.iter_mut().enumerate() {
                    *y = self.tick(vs.get(i).copied().unwrap_or(0.0), || time.at(i));
                }
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.value = value,
            1 => self.time = value,
            _ => {}
        }
    }
}

// ------------------------------------------------------------------- Port --

pub static PORT: ClassSpec = ClassSpec {
    name: "Port",
    doc: "Exponential portamento with different rising and falling times.",
    params: &[
        INPUT,
        ParamSpec {
            name: "risetime",
            default: 0.05,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Time to reach an upward value, in seconds (negative acts as 0).",
        },
        ParamSpec {
            name: "falltime",
            default: 0.05,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Time to reach a downward value, in seconds (negative acts as 0).",
        },
        ParamSpec {
            name: "init",
            default: 0.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Initial state of the internal memory (at creation only).",
        },
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Port::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's Port, as measured: the direction is that of the input's last
/// change, compared first with `init` (up while it has not changed); `y += (x - y) * f32(1 / ((t + 0.00025) * sr))`
/// for constant times, `y += (x - y) / f32((t + 0.00025) * sr)` for
/// audio-rate ones (f64 inside, t clamped to >= 0).
pub struct Port {
    input: Param,
    rise: Param,
    fall: Param,
    sr: f64,
    y: f32,
    last_x: f32,
    up: bool,
}

impl Port {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Port {
            input: a.param(0),
            rise: a.param(1),
            fall: a.param(2),
            sr: a.sr,
            y: a.number(3),
            last_x: a.number(3),
            up: true,
        })
    }

    fn denom(&self, t: f32) -> f64 {
        (t.max(0.0) as f64 + 0.00025) * self.sr
    }

    #[inline(always)]
    fn direction(&mut self, x: f32) -> bool {
        if x > self.last_x {
            self.up = true;
        } else if x < self.last_x {
            self.up = false;
        }
        self.last_x = x;
        self.up
    }
}

impl Dsp for Port {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let input = ctx.graph.signal(&self.input);
        match (ctx.graph.signal(&self.rise), ctx.graph.signal(&self.fall)) {
            (Signal::Const(r), Signal::Const(f)) => {
                let kr = (1.0 / self.denom(r)) as f32;
                let kf = (1.0 / self.denom(f)) as f32;
                for (i, y) in out.iter_mut().enumerate() {
                    let x = input.at(i);
                    let k = if self.direction(x) { kr } else { kf };
                    self.y += (x - self.y) * k;
                    *y = self.y;
                }
            }
            (r, f) => {
                for (i, y) in out.iter_mut().enumerate() {
                    let x = input.at(i);
                    let t = if self.direction(x) { r.at(i) } else { f.at(i) };
                    let d = self.denom(t) as f32;
                    self.y += (x - self.y) / d;
                    *y = self.y;
                }
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1 => self.rise = value,
            2 => self.fall = value,
            _ => {}
        }
    }
}
