//! Reading the server's audio input.

use super::node::{BlockCtx, Dsp, Flow, Param};
use super::registry::{ClassSpec, Layout, ParamKind, ParamSpec, StreamArgs};

pub static INPUT: ClassSpec = ClassSpec {
    name: "Input",
    doc: "Reads one channel of the server's audio input.",
    params: &[ParamSpec {
        name: "chnl",
        default: 0.0,
        min: 0.0,
        max: 255.0,
        kind: ParamKind::Int,
        ctor: true,
        doc: "Input channel to read from (0 is the first).",
    }],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Input::build,
    table: None,
    layout: Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's Input: channel `chnl` of the interleaved input buffer.
pub struct Input {
    chnl: usize,
}

impl Input {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Input { chnl: a.number(0).max(0.0) as usize })
    }
}

impl Dsp for Input {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let n = ctx.ichnls;
        if self.chnl >= n || n == 0 {
            out.iter_mut().for_each(|y| *y = 0.0);
            return Flow::Continue;
        }
        for (y, frame) in out.iter_mut().zip(ctx.input.chunks_exact(n)) {
            *y = frame[self.chnl];
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        if let (0, Param::Const(v)) = (index, value) {
            self.chnl = v.max(0.0) as usize;
        }
    }
}
