//! Envelopes started by play(): Adsr, Linseg, Expseg (Fader is in env.rs).
//!
//! Measured on pyo 1.1.0 (tests/golden/cases_env.py):
//! - Adsr works like Fader: an f64 clock that adds f32(1/sr) per sample,
//!   times used through their f32 reciprocals, each value computed in f64 and
//!   rounded once to f32; the decay is `sus + (1 - sus)*((a + d - t)/d)` and
//!   the release of a `dur` envelope `sus*((dur - t)/r)`; `exp` is applied as
//!   `powf(value, exp)` in f32 after that.
//! - Linseg and Expseg: an f64 clock that adds 1/sr per sample; a point is
//!   reached at the first sample whose clock is >= its time (times and values
//!   are the f64 numbers of the list). Linseg keeps an f64 value that adds
//!   `(v1 - v0)/((t1 - t0)*sr)` per sample and jumps to f32(v) on each point;
//!   Expseg computes `v0 + (v1 - v0)*p^exp` (`1 - (1 - p)^exp` downwards when
//!   `inverse`) from an f64 progress that adds `1/((t1 - t0)*sr)`.
//! - play() restarts the clock without clearing the segment in progress:
//!   until the first point is reached, Linseg goes on adding its last step
//!   from the first value, and Expseg draws its last curve from 0.
//! - With loop, reaching the last point restarts at once (that sample gives
//!   the first value). A new list (setList) takes effect at the next play()
//!   or loop restart; so do `exp` and `inverse` of Expseg.

use super::env::reciprocal;
use super::node::{BlockCtx, Dsp, Extra, Flow, Param, StopMode};
use super::registry::{as_written, ClassSpec, MethodSpec, ParamKind, ParamSpec, StreamArgs};

const LIST: ParamSpec = ParamSpec {
    name: "list",
    default: 0.0,
    min: 0.0,
    max: f64::INFINITY,
    kind: ParamKind::Pairs,
    ctor: true,
    doc: "Points (time in seconds, value), times in increasing order.",
};
const LOOP: ParamSpec = ParamSpec {
    name: "loop",
    default: 0.0,
    min: 0.0,
    max: 1.0,
    kind: ParamKind::Int,
    ctor: true,
    doc: "Looping mode: when true, restarts from the first point after the last one.",
};
const INIT_TO_FIRST_VAL: ParamSpec = ParamSpec {
    name: "initToFirstVal",
    default: 0.0,
    min: 0.0,
    max: 1.0,
    kind: ParamKind::Int,
    ctor: true,
    doc: "When true, the output buffer holds the first value (without mul and add) until play().",
};

pub static ADSR: ClassSpec = ClassSpec {
    name: "Adsr",
    doc: "Attack - Decay - Sustain - Release envelope, started by play() and released by stop() or after dur.",
    params: &[
        ParamSpec {
            name: "attack",
            default: 0.01,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Duration of the attack phase in seconds.",
        },
        ParamSpec {
            name: "decay",
            default: 0.05,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Duration of the decay phase in seconds.",
        },
        ParamSpec {
            name: "sustain",
            default: 0.707,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Amplitude of the sustain phase.",
        },
        ParamSpec {
            name: "release",
            default: 0.1,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Duration of the release phase in seconds.",
        },
        ParamSpec {
            name: "dur",
            default: 0.0,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Total duration in seconds; 0 holds the sustain until stop().",
        },
        ParamSpec {
            name: "exp",
            default: 1.0,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: false,
            doc: "Exponent applied to the envelope (setExp): 1 is linear.",
        },
    ],
    autoplay: false,
    audible: false,
    random_prime: None,
    outputs: 2,
    build: Adsr::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: super::env::END_TRIG_KEY,
    methods: &[],
};

pub static LINSEG: ClassSpec = ClassSpec {
    name: "Linseg",
    doc: "Draws a series of line segments between (time, value) points, started by play().",
    params: &[LIST, LOOP, INIT_TO_FIRST_VAL],
    autoplay: false,
    audible: false,
    random_prime: None,
    outputs: 1,
    build: Linseg::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: SEGMENT_METHODS,
};

pub static EXPSEG: ClassSpec = ClassSpec {
    name: "Expseg",
    doc: "Draws a series of exponential segments between (time, value) points, started by play().",
    params: &[
        LIST,
        LOOP,
        ParamSpec {
            name: "exp",
            default: 10.0,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Exponent factor of the curves.",
        },
        ParamSpec {
            name: "inverse",
            default: 1.0,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Int,
            ctor: true,
            doc: "When true, downward segments use the inverted curve 1 - (1 - x)^exp.",
        },
        INIT_TO_FIRST_VAL,
    ],
    autoplay: false,
    audible: false,
    random_prime: None,
    outputs: 1,
    build: Expseg::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: SEGMENT_METHODS,
};

/// Linseg's and Expseg's methods, by index: 0 pause, 1 clear.
const SEGMENT_METHODS: &[MethodSpec] = &[
    MethodSpec {
        name: "pause",
        args: &[],
        doc: "Toggles between running and holding the current value, without restarting.",
    },
    MethodSpec { name: "clear", args: &[], doc: "Sets the current value to 0 (a segment in progress goes on from 0)." },
];

fn constant(p: Param) -> Option<f32> {
    match p {
        Param::Const(v) => Some(v),
        Param::Audio(_) => None,
    }
}

/// A list of points kept as given (flat x0, y0, x1, y1...), with the new list
/// a setList sent, applied at the next restart. The list given up at a
/// restart stays in `spare` until the next setList takes it back to the
/// control side, so no list is ever dropped on the audio thread.
struct Points {
    list: Box<[f32]>,
    spare: Option<Box<[f32]>>,
    spare_is_new: bool,
}

impl Points {
    fn new(list: &[f32]) -> Self {
        Points { list: list.into(), spare: None, spare_is_new: false }
    }
    fn len(&self) -> usize {
        self.list.len() / 2
    }
    fn time(&self, i: usize) -> f64 {
        self.list.get(2 * i).map_or(0.0, |&x| as_written(x))
    }
    fn value(&self, i: usize) -> f64 {
        self.list.get(2 * i + 1).map_or(0.0, |&x| as_written(x))
    }
    /// The value as pyo stores it for the jump at a point (f32).
    fn value32(&self, i: usize) -> f64 {
        self.list.get(2 * i + 1).map_or(0.0, |&x| x as f64)
    }
    fn set(&mut self, value: Extra) -> Option<Extra> {
        match value {
            Extra::List(new) => {
                let old = self.spare.replace(new);
                self.spare_is_new = true;
                old.map(Extra::List)
            }
            other => Some(other),
        }
    }
    /// At a restart: the list a setList sent becomes the current one.
    fn apply(&mut self) {
        if self.spare_is_new {
            if let Some(s) = self.spare.as_mut() {
                std::mem::swap(&mut self.list, s);
            }
            self.spare_is_new = false;
        }
    }
}

/// pyo's Linseg (see the module doc).
pub struct Linseg {
    points: Points,
    init_to_first: bool,
    /// pause(): the value is held, the clock stopped.
    paused: bool,
    looping: bool,
    step: f64,
    sr: f64,
    time: f64,
    next_time: f64,
    which: usize,
    value: f64,
    inc: f64,
    done: bool,
}

impl Linseg {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let mut l = Linseg {
            points: Points::new(a.list(0)),
            init_to_first: a.number(2) != 0.0,
            paused: false,
            looping: false,
            step: 1.0 / a.sr,
            sr: a.sr,
            time: 0.0,
            next_time: 0.0,
            which: 0,
            value: 0.0,
            inc: 0.0,
            done: false,
        };
        l.set_param(1, a.param(1));
        Box::new(l)
    }

    fn restart(&mut self) {
        self.points.apply();
        self.value = self.points.value32(0);
        self.time = 0.0;
        self.which = 0;
        self.next_time = self.points.time(0);
        self.done = false;
    }

    #[inline(always)]
    fn next(&mut self) -> f32 {
        if self.done {
            return self.value as f32;
        }
        self.value += self.inc;
        let n = self.points.len();
        if self.which < n && self.time >= self.next_time {
            if self.which + 1 >= n {
                if self.looping {
                    self.restart();
                } else {
                    self.value = self.points.value32(n - 1);
                    self.done = true;
                }
                return self.value as f32;
            }
            let p = &self.points;
            let w = self.which;
            self.value = p.value32(w);
            let t1 = p.time(w + 1);
            self.inc = (p.value(w + 1) - p.value(w)) / ((t1 - p.time(w)) * self.sr);
            self.next_time = t1;
            self.which = w + 1;
        }
        self.time += self.step;
        self.value as f32
    }
}

impl Dsp for Linseg {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        if self.paused {
            out.iter_mut().take(ctx.bs).for_each(|y| *y = self.value as f32);
            return Flow::Continue;
        }
        for y in out.iter_mut().take(ctx.bs) {
            *y = self.next();
        }
        Flow::Continue
    }

    fn call(&mut self, method: usize, _args: &[f32]) {
        match method {
            0 => self.paused = !self.paused,
            1 => self.value = 0.0,
            _ => {}
        }
    }

    fn set_param(&mut self, index: usize, value: Param) {
        if let (1, Some(v)) = (index, constant(value)) {
            self.looping = v != 0.0;
        }
    }

    fn set_extra(&mut self, index: usize, value: Extra) -> Option<Extra> {
        if index == 0 {
            self.points.set(value)
        } else {
            Some(value)
        }
    }

    fn initial(&self) -> f32 {
        if self.init_to_first {
            self.points.value32(0) as f32
        } else {
            0.0
        }
    }

    fn play(&mut self) {
        self.restart();
    }
}

/// pyo's Expseg (see the module doc).
pub struct Expseg {
    points: Points,
    init_to_first: bool,
    /// pause(): the last value is held, the clock stopped.
    paused: bool,
    last: f32,
    looping: bool,
    exp: f64,
    inverse: bool,
    step: f64,
    sr: f64,
    time: f64,
    next_time: f64,
    which: usize,
    /// The current segment: start value, range, progress and its step;
    /// the exponent and direction as they were at the last (re)start.
    start: f64,
    range: f64,
    progress: f64,
    inc: f64,
    seg_exp: f64,
    seg_inverse: bool,
    done: bool,
    held: f32,
}

impl Expseg {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let mut e = Expseg {
            points: Points::new(a.list(0)),
            init_to_first: a.number(4) != 0.0,
            paused: false,
            last: 0.0,
            looping: false,
            exp: 10.0,
            inverse: true,
            step: 1.0 / a.sr,
            sr: a.sr,
            time: 0.0,
            next_time: 0.0,
            which: 0,
            start: 0.0,
            range: 0.0,
            progress: 0.0,
            inc: 0.0,
            seg_exp: 10.0,
            seg_inverse: true,
            done: false,
            held: 0.0,
        };
        for i in 1..4 {
            e.set_param(i, a.param(i));
        }
        e.seg_exp = e.exp;
        e.seg_inverse = e.inverse;
        Box::new(e)
    }

    fn restart(&mut self) {
        self.points.apply();
        self.time = 0.0;
        self.which = 0;
        self.next_time = self.points.time(0);
        self.start = 0.0;
        self.progress = 0.0;
        self.seg_exp = self.exp;
        self.seg_inverse = self.inverse;
        self.done = false;
    }

    #[inline(always)]
    fn next(&mut self) -> f32 {
        if self.done {
            return self.held;
        }
        let n = self.points.len();
        if self.which < n && self.time >= self.next_time {
            if self.which + 1 >= n {
                if self.looping {
                    self.restart();
                    return self.points.value(0) as f32;
                }
                self.held = self.points.value(n - 1) as f32;
                self.done = true;
                return self.held;
            }
            let p = &self.points;
            let w = self.which;
            self.start = p.value(w);
            self.range = p.value(w + 1) - self.start;
            let t1 = p.time(w + 1);
            self.inc = 1.0 / ((t1 - p.time(w)) * self.sr);
            self.progress = 0.0;
            self.next_time = t1;
            self.which = w + 1;
        }
        let x = self.progress;
        let g = if self.range < 0.0 && self.seg_inverse {
            1.0 - (1.0 - x).powf(self.seg_exp)
        } else {
            x.powf(self.seg_exp)
        };
        self.progress += self.inc;
        self.time += self.step;
        (self.start + self.range * g) as f32
    }
}

impl Dsp for Expseg {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        if self.paused {
            out.iter_mut().take(ctx.bs).for_each(|y| *y = self.last);
            return Flow::Continue;
        }
        for y in out.iter_mut().take(ctx.bs) {
            *y = self.next();
            self.last = *y;
        }
        Flow::Continue
    }

    fn call(&mut self, method: usize, _args: &[f32]) {
        match method {
            0 => self.paused = !self.paused,
            1 => {
                self.held = 0.0;
                self.last = 0.0;
            }
            _ => {}
        }
    }

    fn set_param(&mut self, index: usize, value: Param) {
        let Some(v) = constant(value) else { return };
        match index {
            1 => self.looping = v != 0.0,
            2 => self.exp = as_written(v),
            3 => self.inverse = v != 0.0,
            _ => {}
        }
    }

    fn set_extra(&mut self, index: usize, value: Extra) -> Option<Extra> {
        if index == 0 {
            self.points.set(value)
        } else {
            Some(value)
        }
    }

    fn initial(&self) -> f32 {
        if self.init_to_first {
            self.points.value32(0) as f32
        } else {
            0.0
        }
    }

    fn play(&mut self) {
        self.restart();
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Idle,
    Attack,
    Release,
}

/// pyo's Adsr (see the module doc).
pub struct Adsr {
    attack: f64,
    decay: f64,
    sustain: f64,
    release: f64,
    dur: f64,
    exp: f32,
    inv_attack: f64,
    inv_decay: f64,
    inv_release: f64,
    stage: Stage,
    /// Seconds since play (attack) or since stop (release).
    time: f64,
    /// Value when play (attack) or stop (release) was called.
    from: f64,
    /// The envelope before `exp`.
    value: f32,
    out: f32,
    step: f64,
    /// The end trigger was sent for this play or stop.
    ended: bool,
}

impl Adsr {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let mut e = Adsr {
            attack: 0.0,
            decay: 0.0,
            sustain: 0.0,
            release: 0.0,
            dur: 0.0,
            exp: 1.0,
            inv_attack: 0.0,
            inv_decay: 0.0,
            inv_release: 0.0,
            stage: Stage::Idle,
            time: 0.0,
            from: 0.0,
            value: 0.0,
            out: 0.0,
            step: (1.0 / a.sr) as f32 as f64,
            ended: true,
        };
        for i in 0..6 {
            e.set_param(i, a.param(i));
        }
        Box::new(e)
    }

    #[inline(always)]
    fn next(&mut self) -> f32 {
        let t = self.time;
        let v = match self.stage {
            Stage::Idle => return self.out,
            Stage::Attack => {
                let v = if t < self.attack {
                    self.from + (1.0 - self.from) * (t * self.inv_attack)
                } else if t < self.attack + self.decay {
                    self.sustain + (1.0 - self.sustain) * ((self.attack + self.decay - t) * self.inv_decay)
                } else if self.dur > 0.0 && t > self.dur - self.release {
                    self.sustain * ((self.dur - t) * self.inv_release)
                } else {
                    self.sustain
                };
                v.max(0.0)
            }
            Stage::Release => {
                if t < self.release {
                    (self.from * (1.0 - t * self.inv_release)).max(0.0)
                } else {
                    0.0
                }
            }
        };
        self.value = v as f32;
        self.out = if self.exp == 1.0 { self.value } else { self.value.powf(self.exp) };
        self.time = t + self.step;
        self.out
    }
}

impl Dsp for Adsr {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        // The stream ends after the block in which the release is over (or
        // `dur` has passed), as pyo's does.
        let finished = match self.stage {
            Stage::Release => self.time >= self.release,
            Stage::Attack => self.dur > 0.0 && self.time >= self.dur,
            Stage::Idle => false,
        };
        let (out, trig) = super::tableread::split_trig(out, ctx.bs);
        trig.fill(0.0);
        for (i, y) in out.iter_mut().enumerate() {
            // The end trigger: the first sample past dur or the release.
            let end = match self.stage {
                Stage::Attack => self.dur > 0.0 && self.time >= self.dur,
                Stage::Release => self.time >= self.release,
                Stage::Idle => false,
            };
            if end && !self.ended {
                self.ended = true;
                if let Some(tr) = trig.get_mut(i) {
                    *tr = 1.0;
                }
            }
            *y = self.next();
        }
        if finished {
            self.stage = Stage::Idle;
            Flow::Finished
        } else {
            Flow::Continue
        }
    }

    fn set_param(&mut self, index: usize, value: Param) {
        let Some(v) = constant(value) else { return };
        match index {
            0 => {
                let v = v.max(1e-6);
                self.attack = v as f64;
                self.inv_attack = reciprocal(v);
            }
            1 => {
                let v = v.max(1e-6);
                self.decay = v as f64;
                self.inv_decay = reciprocal(v);
            }
            2 => self.sustain = v.clamp(0.0, 1.0) as f64,
            3 => {
                let v = v.max(1e-6);
                self.release = v as f64;
                self.inv_release = reciprocal(v);
            }
            4 => self.dur = v as f64,
            5 => self.exp = v,
            _ => {}
        }
    }

    fn play(&mut self) {
        self.stage = Stage::Attack;
        self.from = self.value as f64;
        self.time = 0.0;
        self.ended = false;
    }

    fn stop(&mut self) -> StopMode {
        self.stage = Stage::Release;
        self.from = self.value as f64;
        self.time = 0.0;
        self.ended = false;
        StopMode::Release
    }
}

#[cfg(test)]
mod tests {
    use super::as_written;

    #[test]
    fn written_numbers_come_back() {
        for x in [0.3, 0.8, 1.2, 0.2, 0.00101, 0.0200113, 8000.0, -1.0, 0.0, 1e-7, 123456.7] {
            assert_eq!(as_written(x as f32), x);
        }
    }
}
