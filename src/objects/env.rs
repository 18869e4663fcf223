//! Envelopes.

use super::node::{BlockCtx, Dsp, Flow, Param, StopMode};
use super::registry::{ClassSpec, KeyKind, KeySpec, Layout, ParamKind, ParamSpec, StreamArgs};

pub static FADER: ClassSpec = ClassSpec {
    name: "Fader",
    doc: "Fade-in and fade-out envelope, started by play() and released by stop() or after dur.",
    params: &[
        ParamSpec {
            name: "fadein",
            default: 0.01,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Rising time in seconds.",
        },
        ParamSpec {
            name: "fadeout",
            default: 0.1,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Falling time in seconds.",
        },
        ParamSpec {
            name: "dur",
            default: 0.0,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Total duration in seconds; 0 holds until stop().",
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
    build: Fader::build,
    table: None,
    layout: Layout::PerArg,
    keys: END_TRIG_KEY,
    methods: &[],
};

/// `obj['trig']` of Fader and Adsr.
pub(crate) const END_TRIG_KEY: &[KeySpec] = &[KeySpec {
    name: "trig",
    kind: KeyKind::Output(1),
    doc: "A trigger (1.0 for one sample) at the first sample after the end of the envelope (dur or release over).",
}];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Idle,
    Attack,
    Release,
}

/// pyo's Fader, as measured: a double clock that adds f32(1/sr) per sample,
/// fade times used through their f32 reciprocals, each value computed in
/// f64 and rounded once to f32.
pub struct Fader {
    fadein: f64,
    fadeout: f64,
    dur: f64,
    inv_fadein: f64,
    inv_fadeout: f64,
    stage: Stage,
    /// Seconds since play (attack) or since stop (release).
    time: f64,
    /// Value when play (attack) or stop (release) was called.
    from: f64,
    /// The envelope before `exp`.
    value: f32,
    step: f64,
    /// The end trigger was sent for this play or stop.
    ended: bool,
    exp: f32,
}

/// A fade time used through its f32 reciprocal, as pyo does.
pub(crate) fn reciprocal(x: f32) -> f64 {
    (1.0f32 / x) as f64
}

impl Fader {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let mut f = Fader {
            fadein: 0.0,
            fadeout: 0.0,
            dur: 0.0,
            inv_fadein: 0.0,
            inv_fadeout: 0.0,
            stage: Stage::Idle,
            time: 0.0,
            from: 0.0,
            value: 0.0,
            step: (1.0 / a.sr) as f32 as f64,
            ended: true,
            exp: 1.0,
        };
        for i in 0..4 {
            f.set_param(i, a.param(i));
        }
        Box::new(f)
    }

    /// Whether the end is reached at this sample (once per play or stop):
    /// the dur or the release is over.
    #[inline(always)]
    fn end_trigger(&mut self) -> bool {
        let t = self.time;
        let end = match self.stage {
            Stage::Idle => false,
            Stage::Attack => self.dur > 0.0 && t >= self.dur,
            Stage::Release => t >= self.fadeout,
        };
        if end && !self.ended {
            self.ended = true;
            return true;
        }
        false
    }

    #[inline(always)]
    fn next(&mut self) -> f32 {
        let t = self.time;
        match self.stage {
            Stage::Idle => return self.value,
            Stage::Attack => {
                let mut v = if t < self.fadein {
                    self.from + (1.0 - self.from) * (t * self.inv_fadein)
                } else if self.dur > 0.0 && t > self.dur - self.fadeout {
                    (self.dur - t) * self.inv_fadeout
                } else {
                    1.0
                };
                if v < 0.0 {
                    v = 0.0;
                }
                self.value = v as f32;
            }
            Stage::Release => {
                let v = if t < self.fadeout { self.from * (1.0 - t * self.inv_fadeout) } else { 0.0 };
                self.value = v.max(0.0) as f32;
            }
        }
        self.time = t + self.step;
        self.value
    }
}

impl Dsp for Fader {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        // The stream ends one block after the fade reached 0, as pyo's does.
        let finished = match self.stage {
            Stage::Release => self.time >= self.fadeout,
            Stage::Attack => self.dur > 0.0 && self.time >= self.dur + self.fadeout,
            Stage::Idle => false,
        };
        let (out, trig) = super::tableread::split_trig(out, ctx.bs);
        trig.fill(0.0);
        for (i, y) in out.iter_mut().enumerate() {
            if self.end_trigger() {
                if let Some(tr) = trig.get_mut(i) {
                    *tr = 1.0;
                }
            }
            let v = self.next();
            // pyo: `exp` as powf(value, exp) in f32, as Adsr's.
            *y = if self.exp == 1.0 { v } else { v.powf(self.exp) };
        }
        if finished {
            self.stage = Stage::Idle;
            Flow::Finished
        } else {
            Flow::Continue
        }
    }

    fn set_param(&mut self, index: usize, value: Param) {
        if let Param::Const(v) = value {
            match index {
                0 => {
                    self.fadein = v as f64;
                    self.inv_fadein = reciprocal(v);
                }
                1 => {
                    self.fadeout = v as f64;
                    self.inv_fadeout = reciprocal(v);
                }
                2 => self.dur = v as f64,
                3 => self.exp = v,
                _ => {}
            }
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
