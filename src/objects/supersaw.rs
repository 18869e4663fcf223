//! SuperSaw: the Roland JP-8000 supersaw emulation, fitted against renders of
//! pyo 1.1.0 (see the struct's comment for what is measured and how close).

use super::generators::{audio, class, INF};
use super::node::{BlockCtx, Dsp, Flow, Param, Signal};
use super::registry::{ClassSpec, StreamArgs};

pub static SUPERSAW: ClassSpec = class(
    "SuperSaw",
    "Roland JP-8000 Supersaw emulator: seven detuned sawtooths, high-passed at the frequency.",
    &[
        audio("freq", 100.0, -INF, INF, "Frequency in cycles per second."),
        audio("detune", 0.5, 0.0, 1.0, "Depth of the detuning, 0 (all in tune) to 1 (clipped to 0..1)."),
        audio("bal", 0.7, 0.0, 1.0, "Balance of central and sideband oscillators, 0 to 1 (clipped to 0..1)."),
    ],
    SuperSaw::build,
);

/// Start phases of the seven sawtooths (values in [-1, 1)), in the order of
/// `OFFSETS`; the fourth is the central oscillator.
const START: [f64; 7] = [0.75, 0.5, 0.25, 0.0, -0.25, -0.5, -0.75];
/// Frequency offsets at full detuning: Adam Szabo's measured JP-8000 values
/// rounded to 6 significant digits, as pyo uses them (fitted: each offset's
/// interval over all 127 detune indices at 5000 and 3100 Hz holds exactly
/// this value; Szabo's 8-digit values miss by 1-3 ulps of `f32(1 + D off)`).
const OFFSETS: [f64; 7] = [0.107452, 0.0621654, 0.0199122, 0.0, -0.0195236, -0.0628844, -0.110023];

/// pyo's SuperSaw, as measured:
/// - seven naive sawtooths with f64 phases `p` in [-1, 1) (`p += inc`, `-2`
///   when `>= 1`; output `p as f32`) starting at 0.75, 0.5, 0.25, 0, -0.25,
///   -0.5, -0.75, with `inc = 2 * f32(f32(freq * f32(1 + D off_i)) * f32(1/sr))`
///   (exact against pyo for D = 0 over 1 s at ten frequencies);
/// - detune and bal are clipped to [0, 1] and quantised: `x = int(v*126)/127`;
///   `D = x^6`; gains: central `0.99785 - 0.553666 x`, the three faster
///   sidebands `-0.73764 x^2 + 1.2841 x + 0.044372`, the three slower ones
///   `-0.73764 x^2 + 1.23 x + 0.044372`;
/// - the weighted sum times 0.2 goes through an RBJ high-pass (Q 1) at
///   `freq`: `K = tan(pi f/sr)`, `b0 = 1/(1 + K + K^2)`, b1 = -2 b0, b2 = b0,
///   `a1 = 2 (K^2 - 1) b0`, `a2 = (1 - K + K^2) b0`, state from zero.
///
/// The high-pass has a double zero at DC, so a constant phase drift is
/// invisible: only the sample at which each sawtooth wraps can be compared.
/// With these offsets every detune index 0..127 wraps on pyo's samples over
/// 8192 samples at 5000 Hz and at 3100 Hz.
pub struct SuperSaw {
    freq: Param,
    detune: Param,
    bal: Param,
    ph: [f64; 7],
    inv_sr: f32,
    pi_on_sr: f32,
    // last freq/detune index and their increments
    last_f: f32,
    last_d: i32,
    inc: [f64; 7],
    // last bal index and its gains
    last_b: i32,
    gain: [f32; 7],
    // filter
    co: [f32; 4], // b0, b1, a1, a2
    x1: f32,
    x2: f32,
    y1: f32,
    y2: f32,
}

#[inline(always)]
fn index(v: f32) -> i32 {
    if v.is_nan() {
        0
    } else {
        (v.clamp(0.0, 1.0) * 126.0) as i32
    }
}

impl SuperSaw {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(SuperSaw {
            freq: a.param(0),
            detune: a.param(1),
            bal: a.param(2),
            ph: START,
            inv_sr: (1.0 / a.sr) as f32,
            pi_on_sr: (std::f64::consts::PI / a.sr) as f32,
            last_f: f32::NAN,
            last_d: -1,
            inc: [0.0; 7],
            last_b: -1,
            gain: [0.0; 7],
            co: [0.0; 4],
            x1: 0.0,
            x2: 0.0,
            y1: 0.0,
            y2: 0.0,
        })
    }

    #[inline(always)]
    fn update(&mut self, f: f32, det: f32, bal: f32) {
        let d = index(det);
        if f != self.last_f || d != self.last_d {
            let x = d as f64 / 127.0;
            let dd = x.powi(6);
            for (inc, off) in self.inc.iter_mut().zip(OFFSETS) {
                let fo = f * (1.0 + dd * off) as f32;
                *inc = 2.0 * (fo * self.inv_sr) as f64;
            }
            if f != self.last_f {
                let k = (self.pi_on_sr * f).tan();
                let k2 = k * k;
                let b0 = 1.0 / (1.0 + k + k2);
                self.co = [b0, -2.0 * b0, 2.0 * (k2 - 1.0) * b0, (1.0 - k + k2) * b0];
            }
            self.last_f = f;
            self.last_d = d;
        }
        let b = index(bal);
        if b != self.last_b {
            self.last_b = b;
            let x = b as f64 / 127.0;
            let c = (0.99785 - 0.553666 * x) as f32;
            let fast = (-0.73764 * x * x + 1.2841 * x + 0.044372) as f32;
            let slow = (-0.73764 * x * x + 1.23 * x + 0.044372) as f32;
            self.gain = [fast, fast, fast, c, slow, slow, slow];
        }
    }

    #[inline(always)]
    fn tick(&mut self) -> f32 {
        let mut acc = 0.0f32;
        for (p, g) in self.ph.iter().zip(self.gain) {
            acc += g * *p as f32;
        }
        let x = acc * 0.2;
        let [b0, b1, a1, a2] = self.co;
        let y = b0 * x + b1 * self.x1 + b0 * self.x2 - a1 * self.y1 - a2 * self.y2;
        self.x2 = self.x1;
        self.x1 = x;
        self.y2 = self.y1;
        self.y1 = y;
        for (p, inc) in self.ph.iter_mut().zip(self.inc) {
            *p += inc;
            if *p >= 1.0 {
                *p -= 2.0;
            } else if *p < -1.0 {
                *p += 2.0;
            }
        }
        y
    }
}

impl Dsp for SuperSaw {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let (f, d, b) = (ctx.graph.signal(&self.freq), ctx.graph.signal(&self.detune), ctx.graph.signal(&self.bal));
        match (f, d, b) {
            (Signal::Const(f), Signal::Const(d), Signal::Const(b)) => {
                self.update(f, d, b);
                for y in out.iter_mut() {
                    *y = self.tick();
                }
            }
            (f, d, b) => {
                for (i, y) in out.iter_mut().enumerate() {
                    self.update(f.at(i), d.at(i), b.at(i));
                    *y = self.tick();
                }
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.freq = value,
            1 => self.detune = value,
            2 => self.bal = value,
            _ => {}
        }
    }
}
