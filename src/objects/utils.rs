//! Small utilities.

use super::node::{BlockCtx, Dsp, Flow, Param};
use super::registry::{ClassSpec, Layout, ParamKind, ParamSpec, StreamArgs};

pub static SIG: ClassSpec = ClassSpec {
    name: "Sig",
    doc: "Converts a number (or an audio signal) into an audio stream.",
    params: &[ParamSpec {
        name: "value",
        default: 0.0,
        min: f64::NEG_INFINITY,
        max: f64::INFINITY,
        kind: ParamKind::Audio,
        ctor: true,
        doc: "Value to convert into an audio stream.",
    }],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Sig::build,
    table: None,
    layout: Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's Sig: outputs its value (copied sample by sample when it is audio).
pub struct Sig {
    value: Param,
}

impl Sig {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Sig { value: a.param(0) })
    }
}

impl Dsp for Sig {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let v = ctx.graph.signal(&self.value);
        for (i, y) in out.iter_mut().take(ctx.bs).enumerate() {
            *y = v.at(i);
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        if index == 0 {
            self.value = value;
        }
    }
}
