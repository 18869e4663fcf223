//! Mixing and routing between streams.

use super::node::{BlockCtx, BufRef, Dsp, Extra, Flow, Param};
use super::registry::{ClassSpec, Layout, ParamKind, ParamSpec, StreamArgs};

pub static MIX: ClassSpec = ClassSpec {
    name: "Mix",
    doc: "Mixes the streams of one or more objects into `voices` streams.",
    params: &[
        ParamSpec {
            name: "input",
            default: 0.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Inputs,
            ctor: true,
            doc: "Object or list of objects: stream k is summed into voice k % voices.",
        },
        ParamSpec {
            name: "voices",
            default: 1.0,
            min: 1.0,
            max: 4096.0,
            kind: ParamKind::Int,
            ctor: true,
            doc: "Number of output streams.",
        },
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Mix::build,
    table: None,
    layout: Layout::Count(1),
    keys: &[],
    methods: &[],
};

/// One voice of pyo's Mix: the sum, in stream order, of every input stream
/// `k` with `k % voices == voice`.
pub struct Mix {
    sources: Box<[BufRef]>,
    voice: usize,
    voices: usize,
}

impl Mix {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Mix { sources: a.sources(0).into(), voice: a.stream, voices: (a.number(1).max(1.0)) as usize })
    }
}

impl Dsp for Mix {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        out.fill(0.0);
        for r in self.sources.iter().skip(self.voice).step_by(self.voices.max(1)) {
            for (y, x) in out.iter_mut().zip(ctx.graph.buffer(*r)) {
                *y += *x;
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, _index: usize, _value: Param) {}

    fn set_extra(&mut self, index: usize, value: Extra) -> Option<Extra> {
        match (index, value) {
            (0, Extra::Sources(s)) => Some(Extra::Sources(std::mem::replace(&mut self.sources, s))),
            (_, other) => Some(other),
        }
    }
}
