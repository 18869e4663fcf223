//! More generators: FM, PinkNoise, BrownNoise. Fitted against renders of
//! pyo 1.1.0, all bit for bit.

use super::generators::{audio, class, sine_table, table_read, wrap_table, INF, TABLE_SIZE};
use super::node::{BlockCtx, Dsp, Flow, Param, Signal};
use super::registry::{ClassSpec, StreamArgs};

/// Binds `$name` to a per-sample reader of `$sig` (a constant or a buffer)
/// and evaluates `$body` once per kind: the loop is chosen once per block.
macro_rules! with_signal {
    ($sig:expr, $name:ident, $body:expr) => {
        match $sig {
            Signal::Const(v) => {
                let $name = move |_: usize| v;
                $body
            }
            Signal::Audio(b) => {
                let $name = move |i: usize| b[i];
                $body
            }
        }
    };
}

// ---------------------------------------------------------------------- FM

pub static FM: ClassSpec = class(
    "FM",
    "A simple frequency modulation generator (Chowning).",
    &[
        audio("carrier", 100.0, -INF, INF, "Carrier frequency in cycles per second."),
        audio("ratio", 0.5, -INF, INF, "Modulator frequency as a factor of the carrier frequency."),
        audio("index", 5.0, -INF, INF, "Modulation index: times the modulator frequency, the modulator amplitude."),
    ],
    Fm::build,
);

/// pyo's FM: two readers of Sine's 512-point table with f32 pointers.
/// `mf = carrier*ratio`, `mod = (mf*index) * table(pm)`, `pm += mf*k`,
/// the carrier reads at `pc` and steps by `(carrier + mod)*k`, k = f32(512/sr).
pub struct Fm {
    carrier: Param,
    ratio: Param,
    index: Param,
    pc: f32,
    pm: f32,
    scale: f32,
    table: &'static [f32; TABLE_SIZE + 1],
}

impl Fm {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Fm {
            carrier: a.param(0),
            ratio: a.param(1),
            index: a.param(2),
            pc: 0.0,
            pm: 0.0,
            scale: (TABLE_SIZE as f64 / a.sr) as f32,
            table: sine_table(),
        })
    }
}

#[inline(always)]
fn fm_run(
    st: (&mut f32, &mut f32),
    k: f32,
    table: &[f32; TABLE_SIZE + 1],
    out: &mut [f32],
    car: impl Fn(usize) -> f32,
    rat: impl Fn(usize) -> f32,
    ind: impl Fn(usize) -> f32,
) {
    let (pc, pm) = st;
    for (i, y) in out.iter_mut().enumerate() {
        let c = car(i);
        let mf = c * rat(i);
        let amp = mf * ind(i);
        let m = wrap_table(*pm);
        let modv = amp * table_read(table, m);
        *pm = m + mf * k;
        let p = wrap_table(*pc);
        *y = table_read(table, p);
        *pc = p + (c + modv) * k;
    }
}

impl Dsp for Fm {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let (k, t) = (self.scale, self.table);
        let (c, r, x) = (ctx.graph.signal(&self.carrier), ctx.graph.signal(&self.ratio), ctx.graph.signal(&self.index));
        let st = (&mut self.pc, &mut self.pm);
        with_signal!(c, car, with_signal!(r, rat, with_signal!(x, ind, fm_run(st, k, t, out, car, rat, ind))));
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.carrier = value,
            1 => self.ratio = value,
            2 => self.index = value,
            _ => {}
        }
    }
}

// ------------------------------------------------------ PinkNoise, BrownNoise

/// pyo's white noise for the coloured noises: `f32(f64(u)*1.98 - 0.99)`,
/// u the f32 uniform (the arithmetic in f64, rounded once).
#[inline(always)]
fn white(ctx: &mut BlockCtx<'_>) -> f32 {
    (ctx.rng.uniform() as f64 * 1.98 - 0.99) as f32
}

pub static PINKNOISE: ClassSpec = ClassSpec {
    random_prime: Some(2111),
    ..class("PinkNoise", "A pink noise generator (Paul Kellet's filters).", &[], PinkNoise::build)
};

/// Paul Kellet's pink filter on the white noise above, bit-exact with pyo:
/// six one-poles `b = f32(a*b + w*c)` (f64 coefficients and arithmetic,
/// f32 states) and a one-sample delay `b6 = f32(w*0.115926)`; with `s` the
/// f32 sum of b0..b6 in order, `p = f32(s + w*0.5362)` and the output
/// `f32(p*0.2)`, both in f64. Measured: the seed prime is 2111 and creation
/// does not draw.
pub struct PinkNoise {
    b: [f32; 7],
}

const KELLET: [(f64, f64); 6] = [
    (0.99886, 0.0555179),
    (0.99332, 0.0750759),
    (0.96900, 0.1538520),
    (0.86650, 0.3104856),
    (0.55000, 0.5329522),
    (-0.7616, -0.0168980),
];

impl PinkNoise {
    fn build(_: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(PinkNoise { b: [0.0; 7] })
    }
}

impl Dsp for PinkNoise {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let bs = ctx.bs;
        for y in out.iter_mut().take(bs) {
            let x = white(ctx);
            let xd = x as f64;
            for (b, (a, c)) in self.b.iter_mut().zip(KELLET) {
                *b = (a * *b as f64 + xd * c) as f32;
            }
            let s = self.b.iter().fold(0.0f32, |s, b| s + b);
            *y = ((s as f64 + xd * 0.5362) as f32 as f64 * 0.2) as f32;
            self.b[6] = (xd * 0.115926) as f32;
        }
        Flow::Continue
    }

    fn set_param(&mut self, _: usize, _: Param) {}

    fn draws_at_creation(&self) -> bool {
        false
    }
}

pub static BROWNNOISE: ClassSpec = ClassSpec {
    random_prime: Some(2113),
    ..class("BrownNoise", "A brown noise generator (spectrum falling 6 dB per octave).", &[], BrownNoise::build)
};

/// Brown noise, bit-exact with pyo: a one-pole lowpass at 20 Hz on white
/// noise, times 20. Measured: the seed prime is 2113 and creation does not
/// draw; the white noise is PinkNoise's (above); the pole is
/// `c = b - sqrt(b*b - 1)`, `b = 2 - cos(f32(2*pi*20/sr))` in f32 (the
/// reverbs' `pole`); each sample `y = w + (y - w)*c` and the output `y*20`,
/// all in f32.
pub struct BrownNoise {
    y: f32,
    c: f32,
}

impl BrownNoise {
    fn build(args: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(BrownNoise { y: 0.0, c: super::reverb2::pole(20.0, args.sr) })
    }
}

impl Dsp for BrownNoise {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let bs = ctx.bs;
        for y in out.iter_mut().take(bs) {
            let w = white(ctx);
            self.y = w + (self.y - w) * self.c;
            *y = self.y * 20.0;
        }
        Flow::Continue
    }

    fn set_param(&mut self, _: usize, _: Param) {}

    fn draws_at_creation(&self) -> bool {
        false
    }
}
