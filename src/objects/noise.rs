//! Noise generators.

use super::node::{BlockCtx, Dsp, Flow, Param};
use super::registry::{ClassSpec, Layout, ParamKind, ParamSpec, StreamArgs};

pub static NOISE: ClassSpec = ClassSpec {
    name: "Noise",
    doc: "A white noise generator.",
    params: &[ParamSpec {
        name: "type",
        default: 0.0,
        min: 0.0,
        max: 1.0,
        kind: ParamKind::Int,
        ctor: false,
        doc: "Generator: 0 uses the server's random generator, 1 a cheap 16-bit generator (setType).",
    }],
    autoplay: true,
    audible: true,
    random_prime: Some(2099),
    outputs: 1,
    build: Noise::build,
    table: None,
    layout: Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's Noise: `f32(f64(u)*1.98 - 0.99)` from the server's generator
/// (type 0), or a 16-bit linear congruential generator of its own (type 1)
/// whose state is the low 16 bits of the generator at creation.
pub struct Noise {
    cheap: bool,
    state: u32,
}

impl Noise {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Noise { cheap: a.number(0) >= 1.0, state: 1 })
    }
}

impl Dsp for Noise {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        if self.cheap {
            for y in out.iter_mut().take(ctx.bs) {
                self.state = (self.state.wrapping_mul(15625).wrapping_add(1)) & 0xFFFF;
                *y = (self.state as f32 - 32768.0) / 32768.0;
            }
        } else {
            for y in out.iter_mut().take(ctx.bs) {
                *y = (ctx.rng.uniform() as f64 * 1.98 - 0.99) as f32;
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        if let (0, Param::Const(v)) = (index, value) {
            self.cheap = v >= 1.0;
        }
    }

    fn seeded(&mut self, state: u32) {
        self.state = state & 0xFFFF;
    }
}
