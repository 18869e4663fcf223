//! Envelopes.

use super::node::{BlockCtx, Dsp, Flow, Param, StopMode};
use super::registry::{ClassSpec, ParamKind, ParamSpec, StreamArgs};

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
    ],
    autoplay: false,
    random_prime: None,
    outputs: 1,
    build: Fader::build,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Idle,
    Attack,
    Release,
}

/// pyo's Fader.
pub struct Fader {
    fadein: f32,
    fadeout: f32,
    dur: f32,
    stage: Stage,
    /// Seconds since play (attack) or since stop (release).
    time: f64,
    /// Value when play or stop was called.
    from: f32,
    value: f32,
    sample_time: f64,
}

impl Fader {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Fader {
            fadein: a.number(0),
            fadeout: a.number(1),
            dur: a.number(2),
            stage: Stage::Idle,
            time: 0.0,
            from: 0.0,
            value: 0.0,
            sample_time: 1.0 / a.sr,
        })
    }
}

impl Dsp for Fader {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let mut flow = Flow::Continue;
        for y in out.iter_mut().take(ctx.bs) {
            match self.stage {
                Stage::Idle => {}
                Stage::Attack => {
                    let t = self.time as f32;
                    if self.dur > 0.0 && t >= self.dur - self.fadeout {
                        self.stage = Stage::Release;
                        self.from = self.value;
                        self.time = 0.0;
                        continue;
                    }
                    self.value = if t < self.fadein {
                        self.from + (1.0 - self.from) * t / self.fadein
                    } else {
                        1.0
                    };
                    self.time += self.sample_time;
                }
                Stage::Release => {
                    let t = self.time as f32;
                    if t < self.fadeout {
                        self.value = self.from * (1.0 - t / self.fadeout);
                    } else {
                        self.value = 0.0;
                        flow = Flow::Finished;
                    }
                    self.time += self.sample_time;
                }
            }
            *y = self.value;
        }
        flow
    }

    fn set_param(&mut self, index: usize, value: Param) {
        if let Param::Const(v) = value {
            match index {
                0 => self.fadein = v,
                1 => self.fadeout = v,
                2 => self.dur = v,
                _ => {}
            }
        }
    }

    fn play(&mut self) {
        self.stage = Stage::Attack;
        self.from = self.value;
        self.time = 0.0;
    }

    fn stop(&mut self) -> StopMode {
        self.stage = Stage::Release;
        self.from = self.value;
        self.time = 0.0;
        StopMode::Release
    }
}
