//! Triggers: streams of one-sample pulses of exactly 1.0 (pyo's trigger
//! convention), their sources and the objects that react to them.

use super::node::{BlockCtx, Dsp, Flow, Param, Signal};
use super::registry::{ArgSpec, ClassSpec, MethodSpec, ParamKind, ParamSpec, StreamArgs};

const INPUT_TRIGGERS: ParamSpec = ParamSpec {
    name: "input",
    default: 0.0,
    min: f64::NEG_INFINITY,
    max: f64::INFINITY,
    kind: ParamKind::Input,
    ctor: true,
    doc: "Audio signal sending triggers (a sample of exactly 1.0 is a trigger).",
};

/// A sample is a trigger when it is exactly 1.0.
#[inline(always)]
fn is_trigger(x: f32) -> bool {
    x == 1.0
}

// ------------------------------------------------------------------ Metro --

pub static METRO: ClassSpec = ClassSpec {
    name: "Metro",
    doc: "Generates isochronous triggers: a one-sample 1.0 each period, the first when played.",
    params: &[
        ParamSpec {
            name: "time",
            default: 1.0,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Time between each trigger in seconds.",
        },
        ParamSpec {
            name: "poly",
            default: 1.0,
            min: 1.0,
            max: 4096.0,
            kind: ParamKind::Int,
            ctor: true,
            doc: "Streams per time value; the triggers go round robin between them. Fixed at creation.",
        },
    ],
    autoplay: false,
    audible: false,
    random_prime: None,
    outputs: 1,
    build: Metro::build,
    table: None,
    layout: crate::objects::registry::Layout::Outputs(1),
    keys: &[],
    methods: &[],
};

/// pyo's Metro, as measured: each stream (voice `j` of `poly`) runs its own
/// f64 clock that starts at 0 when the object is created and advances by
/// 1/sr after each sample while playing. With `P = time*poly` (f64) and the
/// voice's offset `o = (j/poly)*P`, each sample: when the clock has reached
/// `P` it drops by `P` and the voice's trigger becomes pending (no trigger
/// on that sample); otherwise a pending trigger is output as soon as the
/// clock has reached `o`. A trigger is pending at creation. So voice 0 fires
/// one sample after each wrap and voice `j` about `j*time` later; each voice
/// fires every `poly`-th period. `time` is read each sample, so a change
/// (setTime, an audio-rate time) moves `P` and `o` and keeps the clocks:
/// a voice whose clock is already past its new offset fires at once.
/// play() and stop() keep the clock where it is. Exact for every period
/// measured, down to 0 (which never fires) and sub-sample periods.
pub struct Metro {
    time: Param,
    clock: f64,
    pending: bool,
    step: f64,
    /// Number of streams sharing the round robin, as f64.
    poly: f64,
    /// This stream's share of the period: `j/poly`.
    offset: f64,
}

impl Metro {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let poly = (a.number(1).max(1.0) as usize).max(1);
        let me = a.stream.min(poly - 1);
        Box::new(Metro {
            time: a.param(0),
            clock: 0.0,
            pending: true,
            step: 1.0 / a.sr,
            poly: poly as f64,
            offset: me as f64 / poly as f64,
        })
    }

    #[inline(always)]
    fn run(&mut self, out: &mut [f32], time: impl Fn(usize) -> f64) {
        for (i, y) in out.iter_mut().enumerate() {
            let period = time(i) * self.poly;
            *y = if self.clock >= period {
                self.clock -= period;
                self.pending = true;
                0.0
            } else if self.pending && self.clock >= self.offset * period {
                self.pending = false;
                1.0
            } else {
                0.0
            };
            self.clock += self.step;
        }
    }
}

impl Dsp for Metro {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        match ctx.graph.signal(&self.time) {
            Signal::Const(t) => {
                // pyo keeps a constant time as the Python float the user
                // wrote (f64), not as an f32.
                let t = crate::objects::registry::as_written(t);
                self.run(out, |_| t)
            }
            Signal::Audio(t) => self.run(out, |i| t[i] as f64),
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        if index == 0 {
            self.time = value;
        }
    }
}

// ---------------------------------------------------------------- Counter --

pub static COUNTER: ClassSpec = ClassSpec {
    name: "Counter",
    doc: "Integer count generator: counts the triggers it receives within [min, max).",
    params: &[
        INPUT_TRIGGERS,
        ParamSpec {
            name: "min",
            default: 0.0,
            min: -2147483648.0,
            max: 2147483647.0,
            kind: ParamKind::Int,
            ctor: true,
            doc: "Minimum value of the count, included.",
        },
        ParamSpec {
            name: "max",
            default: 100.0,
            min: -2147483648.0,
            max: 2147483647.0,
            kind: ParamKind::Int,
            ctor: true,
            doc: "Maximum value of the count, excluded: the count goes up to max - 1.",
        },
        ParamSpec {
            name: "dir",
            default: 0.0,
            min: 0.0,
            max: 2.0,
            kind: ParamKind::Int,
            ctor: true,
            doc: "Direction of the count: 0 up, 1 down, 2 up-and-down.",
        },
    ],
    autoplay: true,
    audible: false,
    random_prime: None,
    outputs: 1,
    build: Counter::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: COUNTER_METHODS,
};

const COUNTER_METHODS: &[MethodSpec] = &[MethodSpec {
    name: "reset",
    args: &[ArgSpec {
        name: "value",
        default: f64::NAN,
        doc: "The count to go on from; None (NaN): the beginning of the count.",
    }],
    doc: "Resets the current count (the output changes at the next trigger).",
}];

/// pyo's Counter, as measured: outputs 0 until the first trigger; at each
/// trigger it outputs its count, then steps it. Up: +1, wrapping to min at
/// max. Down: -1, wrapping to max-1 below min. Up-and-down: steps by ±1,
/// turning to max-2 at max and to min+1 below min, then clamped to max-1
/// and (last) to min. The count starts at min, or at max-1 when created
/// counting down.
pub struct Counter {
    input: Param,
    min: i64,
    max: i64,
    dir: i64,
    count: i64,
    inc: i64,
    value: f32,
    /// The next step is skipped (after a reset on the way down).
    skip: bool,
}

impl Counter {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let (min, max, dir) = (a.number(1) as i64, a.number(2) as i64, a.number(3) as i64);
        let count = if dir == 1 { max - 1 } else { min };
        Box::new(Counter { input: a.param(0), min, max, dir, count, inc: 1, value: 0.0, skip: false })
    }

    #[inline(always)]
    fn step(&mut self) {
        self.value = self.count as f32;
        if std::mem::take(&mut self.skip) {
            return;
        }
        match self.dir {
            0 => {
                self.count += 1;
                if self.count >= self.max {
                    self.count = self.min;
                }
            }
            1 => {
                self.count -= 1;
                if self.count < self.min {
                    self.count = self.max - 1;
                }
            }
            _ => {
                self.count += self.inc;
                if self.count >= self.max {
                    self.inc = -1;
                    self.count = self.max - 2;
                }
                if self.count < self.min {
                    self.inc = 1;
                    self.count = self.min + 1;
                }
                self.count = self.count.min(self.max - 1).max(self.min);
            }
        }
    }
}

impl Dsp for Counter {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let input = ctx.graph.signal(&self.input);
        for (i, y) in out.iter_mut().take(ctx.bs).enumerate() {
            if is_trigger(input.at(i)) {
                self.step();
            }
            *y = self.value;
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match (index, value) {
            (0, v) => self.input = v,
            (1, Param::Const(v)) => self.min = v as i64,
            (2, Param::Const(v)) => self.max = v as i64,
            (3, Param::Const(v)) => self.dir = v as i64,
            _ => {}
        }
    }

    fn call(&mut self, method: usize, args: &[f32]) {
        if method == 0 {
            let v = args.first().copied().unwrap_or(f32::NAN);
            self.count = if v.is_nan() {
                if self.dir == 1 {
                    self.max - 1
                } else {
                    self.min
                }
            } else {
                v as i64
            };
            // Measured: counting up and down, on its way down, the first
            // trigger after a reset gives the value without stepping.
            self.skip = self.dir == 2 && self.inc < 0;
        }
    }
}

// ----------------------------------------------------------------- Change --

pub static CHANGE: ClassSpec = ClassSpec {
    name: "Change",
    doc: "Sends a trigger when the input value changes.",
    params: &[ParamSpec {
        name: "input",
        default: 0.0,
        min: f64::NEG_INFINITY,
        max: f64::INFINITY,
        kind: ParamKind::Input,
        ctor: true,
        doc: "Audio signal, normally holding whole numbers.",
    }],
    autoplay: true,
    audible: false,
    random_prime: None,
    outputs: 1,
    build: Change::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's Change, as measured: 1.0 where the input sample differs (as a
/// float) from the previous one, which starts at 0.
pub struct Change {
    input: Param,
    last: f32,
}

impl Change {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Change { input: a.param(0), last: 0.0 })
    }
}

impl Dsp for Change {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let input = ctx.graph.signal(&self.input);
        for (i, y) in out.iter_mut().take(ctx.bs).enumerate() {
            let x = input.at(i);
            *y = if x != self.last { 1.0 } else { 0.0 };
            self.last = x;
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        if index == 0 {
            self.input = value;
        }
    }
}

// --------------------------------------------------------------- TrigRand --

pub static TRIGRAND: ClassSpec = ClassSpec {
    name: "TrigRand",
    doc: "Pseudo-random number between min and max at each trigger, held until the next.",
    params: &[
        INPUT_TRIGGERS,
        ParamSpec {
            name: "min",
            default: 0.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Minimum value for the random generation.",
        },
        ParamSpec {
            name: "max",
            default: 1.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Maximum value for the random generation.",
        },
        ParamSpec {
            name: "port",
            default: 0.0,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Portamento: time in seconds to reach a new value.",
        },
        ParamSpec {
            name: "init",
            default: 0.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Initial value (at creation only).",
        },
    ],
    autoplay: true,
    audible: true,
    random_prime: Some(2063),
    outputs: 1,
    build: TrigRand::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's TrigRand, as measured: at a trigger the target is
/// `u*(max-min) + min` (f32) with u drawn from the server's generator (no
/// draw at creation); with `port`, the value moves there in
/// `int(port*sr)` equal f32 steps `(target - value)/n` and lands exactly
/// on the target. The ramp counts its samples against the current `steps`:
/// a shorter `port` set during a ramp freezes it where it is, a longer one
/// resumes it (pyo does both).
pub struct TrigRand {
    input: Param,
    min: Param,
    max: Param,
    steps: u32,
    value: f32,
    target: f32,
    inc: f32,
    /// Ramp samples done since the last trigger (stops at `steps`).
    elapsed: u32,
    sr: f64,
}

impl TrigRand {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let init = a.number(4);
        let mut t = TrigRand {
            input: a.param(0),
            min: a.param(1),
            max: a.param(2),
            steps: 0,
            value: init,
            target: init,
            inc: 0.0,
            elapsed: u32::MAX,
            sr: a.sr,
        };
        t.set_param(3, a.param(3));
        Box::new(t)
    }
}

impl Dsp for TrigRand {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let input = ctx.graph.signal(&self.input);
        let (min, max) = (ctx.graph.signal(&self.min), ctx.graph.signal(&self.max));
        for (i, y) in out.iter_mut().take(ctx.bs).enumerate() {
            if is_trigger(input.at(i)) {
                let (lo, hi) = (min.at(i), max.at(i));
                self.target = ctx.rng.uniform() * (hi - lo) + lo;
                if self.steps == 0 {
                    self.value = self.target;
                } else {
                    self.inc = (self.target - self.value) / self.steps as f32;
                    self.elapsed = 0;
                }
            }
            if self.elapsed < self.steps {
                self.elapsed += 1;
                self.value = if self.elapsed == self.steps { self.target } else { self.value + self.inc };
            }
            *y = self.value;
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match (index, value) {
            (0, v) => self.input = v,
            (1, v) => self.min = v,
            (2, v) => self.max = v,
            (3, Param::Const(p)) => self.steps = (p.max(0.0) as f64 * self.sr) as u32,
            _ => {}
        }
    }

    fn draws_at_creation(&self) -> bool {
        false
    }
}
