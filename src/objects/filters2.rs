//! More filters: MoogLP (a four-stage resonant lowpass) and SVF (two
//! cascaded state variable filters with a lowpass-bandpass-highpass
//! crossfade).
//!
//! Both were fitted to renders of pyo 1.1.0 (see tests/golden_filt2.rs).
//! As with the other filters, coefficients use libm's float functions
//! (Rust's `f32::sin` calls the same `sinf`) and are recomputed only when
//! a parameter value changes.

use super::filters::INPUT;
use super::node::{BlockCtx, Dsp, Flow, Param, Signal};
use super::registry::{ClassSpec, Layout, ParamKind, ParamSpec, StreamArgs};

const fn audio(name: &'static str, default: f64, min: f64, max: f64, doc: &'static str) -> ParamSpec {
    ParamSpec { name, default, min, max, kind: ParamKind::Audio, ctor: true, doc }
}

// ----------------------------------------------------------------- MoogLP --

pub static MOOGLP: ClassSpec = ClassSpec {
    name: "MoogLP",
    doc: "A fourth-order resonant lowpass filter, a digital approximation of the Moog VCF (24 dB/oct).",
    params: &[
        INPUT,
        audio("freq", 1000.0, 0.0, f64::INFINITY, "Cutoff frequency of the filter in Hz (clamped to 0.1 .. sr*0.49)."),
        audio("res", 0.0, 0.0, 10.0, "Resonance, 0 (none) to 10; self-oscillation from about 1 (clamped to 0 .. 10)."),
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: MoogLP::build,
    table: None,
    layout: Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// ln of pyo's resonance scale, measured every 300 Hz (at 44.1 kHz) from 0
/// to 21600 Hz; the grid is in normalised frequency `2 fc / sr`.
///
/// The feedback gain is `r = res * scale(2 fc / sr)`. Its closed form was
/// not found: these are the f32 values of `r` fitted bit for bit from
/// renders with res = 1 (0 Hz extrapolated so that 100 Hz matches its
/// measured value). Between grid points the scale is interpolated with a
/// 4-point Lagrange polynomial in the log domain, within about 4e-7 of
/// pyo's value, which is 1-2 ulps of `r`.
const MOOG_LN_SCALE: [f64; 73] = [
    0.6851384541844271,
    0.6154893640059081,
    0.5457381169429373,
    0.4759484890393463,
    0.4061284864026193,
    0.3362855544796482,
    0.2664264131203337,
    0.1965580694275866,
    0.1266867316272569,
    0.05681941126118263,
    -0.013037242475098135,
    -0.08287663374313133,
    -0.15269100470789973,
    -0.2224732088890214,
    -0.2922140140288817,
    -0.36190461435227234,
    -0.431534528784832,
    -0.501092381247292,
    -0.5705658716181573,
    -0.6399407572252157,
    -0.7092007598849392,
    -0.7783286363292543,
    -0.8473050129701564,
    -0.9161074494875524,
    -0.9847117975088665,
    -1.0530913448089962,
    -1.1212155740844323,
    -1.18905126242303,
    -1.256562463362169,
    -1.323708777110085,
    -1.3904461463278406,
    -1.456726758208888,
    -1.522498725483749,
    -1.5877054944946307,
    -1.652285790543953,
    -1.7161745463818283,
    -1.77930196412258,
    -1.8415934962448166,
    -1.9029707327098497,
    -1.9633510139979753,
    -2.0226482596961834,
    -2.080772624034472,
    -2.137632567447393,
    -2.1931346637319127,
    -2.247183787369869,
    -2.2996860910272714,
    -2.350548130395479,
    -2.399680041808052,
    -2.44699480759237,
    -2.4924119081797693,
    -2.5358577277712717,
    -2.5772659090898937,
    -2.616581362405583,
    -2.653758676634992,
    -2.6887660170173735,
    -2.7215833120374557,
    -2.7522054291551834,
    -2.7806405583756564,
    -2.8069120842247033,
    -2.831057508288229,
    -2.8531275878001625,
    -2.873187084145717,
    -2.8913123068828614,
    -2.907591831223235,
    -2.9221232326374076,
    -2.935013593019449,
    -2.9463772623212936,
    -2.956334819019428,
    -2.9650118545200552,
    -2.972537448903393,
    -2.979043811531232,
    -2.984664871181382,
    -2.9895357752949505,
];

/// Grid step of `MOOG_LN_SCALE` in normalised frequency (300 Hz at 44.1 kHz).
const MOOG_STEP: f64 = 600.0 / 44100.0;

/// pyo's resonance scale at normalised frequency `f = 2 fc / sr`.
fn moog_scale(f: f64) -> f64 {
    let n = MOOG_LN_SCALE.len();
    let pos = (f / MOOG_STEP).max(0.0);
    let i = (pos as usize).saturating_sub(1).min(n - 4);
    let t = pos - i as f64;
    let y = &MOOG_LN_SCALE[i..i + 4];
    // Lagrange through t = 0, 1, 2, 3.
    let l0 = -(t - 1.0) * (t - 2.0) * (t - 3.0) / 6.0;
    let l1 = t * (t - 2.0) * (t - 3.0) / 2.0;
    let l2 = -t * (t - 1.0) * (t - 3.0) / 2.0;
    let l3 = t * (t - 1.0) * (t - 2.0) / 6.0;
    (y[0] * l0 + y[1] * l1 + y[2] * l2 + y[3] * l3).exp()
}

/// pyo's MoogLP, as measured: `f = f32(fc * f32(2/sr))` (fc clamped to
/// 0.1 .. 0.49 sr), stage gain `p = f32(1.8 f - 0.8 f^2)` (f64 inside),
/// pole `k = 2 sinf(f32(f pi/2)) - 1` (f32), feedback `r = res * scale(f)`
/// (see `moog_scale`); per sample `x = in - r y4`, four stages
/// `y_i = (u + u_prev) p - k y_i` (u the stage input, u_prev its previous
/// value), then `y4 = f32(y4 - f64(y4^3 in f32) / 6)`. State starts at zero.
pub struct MoogLP {
    input: Param,
    freq: Param,
    res: Param,
    two_on_sr: f32,
    nyquist: f32,
    last_f: f32,
    last_r: f32,
    scale: f64,
    p: f32,
    k: f32,
    r: f32,
    ox: f32,
    y: [f32; 4],
}

impl MoogLP {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(MoogLP {
            input: a.param(0),
            freq: a.param(1),
            res: a.param(2),
            two_on_sr: (2.0 / a.sr) as f32,
            nyquist: (a.sr * 0.49) as f32,
            last_f: f32::NAN,
            last_r: f32::NAN,
            scale: 0.0,
            p: 0.0,
            k: 0.0,
            r: 0.0,
            ox: 0.0,
            y: [0.0; 4],
        })
    }

    #[inline(always)]
    fn update(&mut self, fr: f32, res: f32) {
        if fr == self.last_f && res == self.last_r {
            return;
        }
        if fr != self.last_f {
            self.last_f = fr;
            let f = fr.clamp(0.1, self.nyquist) * self.two_on_sr;
            let f64_ = f as f64;
            self.p = (1.8 * f64_ - 0.8 * f64_ * f64_) as f32;
            self.k = 2.0 * ((f64_ * std::f64::consts::FRAC_PI_2) as f32).sin() - 1.0;
            self.scale = moog_scale(f64_);
        }
        self.last_r = res;
        self.r = (res.clamp(0.0, 10.0) as f64 * self.scale) as f32;
    }

    #[inline(always)]
    fn tick(&mut self, input: f32) -> f32 {
        let (p, k) = (self.p, self.k);
        let x = input - self.r * self.y[3];
        let [y1, y2, y3, y4] = self.y;
        let n1 = (x + self.ox) * p - k * y1;
        let n2 = (n1 + y1) * p - k * y2;
        let n3 = (n2 + y2) * p - k * y3;
        let n4 = (n3 + y3) * p - k * y4;
        let n4 = (n4 as f64 - (n4 * n4 * n4) as f64 / 6.0) as f32;
        self.ox = x;
        self.y = [n1, n2, n3, n4];
        n4
    }
}

impl Dsp for MoogLP {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let input = ctx.graph.signal(&self.input);
        match (ctx.graph.signal(&self.freq), ctx.graph.signal(&self.res)) {
            (Signal::Const(f), Signal::Const(r)) => {
                self.update(f, r);
                for (i, y) in out.iter_mut().enumerate() {
                    *y = self.tick(input.at(i));
                }
            }
            (f, r) => {
                for (i, y) in out.iter_mut().enumerate() {
                    self.update(f.at(i), r.at(i));
                    *y = self.tick(input.at(i));
                }
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1 => self.freq = value,
            2 => self.res = value,
            _ => {}
        }
    }
}

// -------------------------------------------------------------------- SVF --

pub static SVF: ClassSpec = ClassSpec {
    name: "SVF",
    doc: "Fourth-order state variable filter allowing continuous change of the filter type.",
    params: &[
        INPUT,
        audio("freq", 1000.0, 0.0, f64::INFINITY, "Cutoff or center frequency in Hz (clamped to 0.1 .. sr/6)."),
        audio("q", 1.0, 0.5, 50.0, "Q of the filter, freq/bandwidth for the bandpass (clamped to >= 0.5)."),
        audio("type", 0.0, 0.0, 1.0, "Filter type crossfade: 0 lowpass, 0.5 bandpass, 1 highpass (clamped to 0 .. 1)."),
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Svf::build,
    table: None,
    layout: Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// One Chamberlin state variable stage.
#[derive(Clone, Copy, Default)]
struct SvfStage {
    low: f32,
    band: f32,
}

impl SvfStage {
    /// Returns (low, band, high) after one sample.
    #[inline(always)]
    fn tick(&mut self, x: f32, f: f32, q1: f32) -> (f32, f32, f32) {
        self.low += f * self.band;
        let high = x - self.low - q1 * self.band;
        self.band += f * high;
        (self.low, self.band, high)
    }
}

/// pyo's SVF, as measured: `f = 2 sinf(f32(fc * f32(pi/sr)))` (fc clamped
/// to 0.1 .. sr/6), `q1 = 1/q` (q >= 0.5); two Chamberlin stages in
/// series (`low += f band; high = x - low - q1 band; band += f high`), each
/// stage's output mixed with weights `(0.5 - t, t, 0)` for type t <= 0.5
/// and `(0, 1 - t, t - 0.5)` above (t clamped to 0 .. 1), which also halves
/// each stage; the second stage processes the first one's mix. State
/// starts at zero.
pub struct Svf {
    input: Param,
    freq: Param,
    q: Param,
    kind: Param,
    pi_on_sr: f32,
    max_freq: f32,
    last_f: f32,
    last_q: f32,
    last_t: f32,
    f: f32,
    q1: f32,
    w: (f32, f32, f32),
    s1: SvfStage,
    s2: SvfStage,
}

impl Svf {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Svf {
            input: a.param(0),
            freq: a.param(1),
            q: a.param(2),
            kind: a.param(3),
            pi_on_sr: (std::f64::consts::PI / a.sr) as f32,
            max_freq: (a.sr / 6.0) as f32,
            last_f: f32::NAN,
            last_q: f32::NAN,
            last_t: f32::NAN,
            f: 0.0,
            q1: 1.0,
            w: (0.5, 0.0, 0.0),
            s1: SvfStage::default(),
            s2: SvfStage::default(),
        })
    }

    #[inline(always)]
    fn update(&mut self, f: f32, q: f32, t: f32) {
        if f != self.last_f {
            self.last_f = f;
            self.f = 2.0 * (f.clamp(0.1, self.max_freq) * self.pi_on_sr).sin();
        }
        if q != self.last_q {
            self.last_q = q;
            self.q1 = 1.0 / q.max(0.5);
        }
        if t != self.last_t {
            self.last_t = t;
            let t = t.clamp(0.0, 1.0);
            self.w = if t <= 0.5 { (0.5 - t, t, 0.0) } else { (0.0, 1.0 - t, t - 0.5) };
        }
    }

    #[inline(always)]
    fn tick(&mut self, x: f32) -> f32 {
        let (wl, wb, wh) = self.w;
        let (l, b, h) = self.s1.tick(x, self.f, self.q1);
        let u = l * wl + b * wb + h * wh;
        let (l, b, h) = self.s2.tick(u, self.f, self.q1);
        l * wl + b * wb + h * wh
    }
}

impl Dsp for Svf {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let input = ctx.graph.signal(&self.input);
        match (ctx.graph.signal(&self.freq), ctx.graph.signal(&self.q), ctx.graph.signal(&self.kind)) {
            (Signal::Const(f), Signal::Const(q), Signal::Const(t)) => {
                self.update(f, q, t);
                for (i, y) in out.iter_mut().enumerate() {
                    *y = self.tick(input.at(i));
                }
            }
            (f, q, t) => {
                for (i, y) in out.iter_mut().enumerate() {
                    self.update(f.at(i), q.at(i), t.at(i));
                    *y = self.tick(input.at(i));
                }
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1 => self.freq = value,
            2 => self.q = value,
            3 => self.kind = value,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moog_scale_hits_measured_values() {
        // f32 feedback gains fitted from pyo renders with res = 1.
        for (fc, r) in
            [(100.0, 1.938_544_4_f32), (3000.0, 0.987_047_4), (12000.0, 0.132_304_62), (21000.0, 0.050_841_425)]
        {
            assert_eq!(moog_scale(2.0 * fc / 44100.0) as f32, r, "{fc} Hz");
        }
    }
}
