//! STRev: pyo's stereo reverb (two WGVerb-like networks fed by early
//! reflections), one node per output channel.

use super::node::{BlockCtx, Dsp, Flow, Param, Signal};
use super::registry::{ClassSpec, Layout, ParamKind, ParamSpec, StreamArgs};
use super::reverb::{input_block, INPUT};
use super::reverb2::{pole, Line};
use super::rng::Rng;

const fn audio(name: &'static str, default: f64, min: f64, max: f64, doc: &'static str) -> ParamSpec {
    ParamSpec { name, default, min, max, kind: ParamKind::Audio, ctor: true, doc }
}

const fn float(name: &'static str, default: f64, min: f64, max: f64, doc: &'static str) -> ParamSpec {
    ParamSpec { name, default, min, max, kind: ParamKind::Float, ctor: true, doc }
}

pub static STREV: ClassSpec = ClassSpec {
    name: "STRev",
    doc: "Stereo reverb based on WGVerb: two 8 delay line networks (left, right) fed by 13 early reflections.",
    params: &[
        INPUT,
        audio("inpos", 0.5, 0.0, 1.0, "Position of the source, between 0 (fully left) and 1 (fully right)."),
        audio("revtime", 1.0, 0.01, f64::INFINITY, "Duration, in seconds, for the reverberated sound to drop 40 dB."),
        audio("cutoff", 5000.0, 0.0, f64::INFINITY, "Cutoff in Hz of the first order lowpass filters in the loops."),
        audio("bal", 0.5, 0.0, 1.0, "Balance between wet and dry signal, between 0 (dry) and 1 (wet)."),
        float("roomSize", 1.0, 0.25, 4.0, "Delay line length scaler, between 0.25 and 4."),
        float("firstRefGain", -3.0, f64::NEG_INFINITY, f64::INFINITY, "Gain, in dB, of the first reflections."),
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: StRev::build,
    table: None,
    layout: Layout::Fixed(2),
    keys: &[],
    methods: super::registry::RESET_MEMORY,
};

/// Per line, in the order pyo draws their random values: (left length,
/// right length, in samples at 44.1 kHz, random depth in seconds, random
/// rate in Hz). Left lines draw first (8 values), then the right ones.
const ROWS: [(f64, f64, f64, f64); 8] = [
    (2473.0, 2503.0, 0.0010, 3.100),
    (2767.0, 2749.0, 0.0011, 3.500),
    (3217.0, 3187.0, 0.0017, 1.110),
    (3557.0, 3583.0, 0.0006, 3.973),
    (3907.0, 3929.0, 0.0010, 2.341),
    (4127.0, 4093.0, 0.0011, 1.897),
    (2143.0, 2131.0, 0.0017, 0.891),
    (1933.0, 1951.0, 0.0006, 3.221),
];

/// Early reflection delays in samples at 44.1 kHz.
const TAPS: [usize; 13] = [283, 467, 587, 677, 757, 911, 1117, 1223, 1307, 1429, 1553, 1613, 1783];

/// The largest roomSize: lines are allocated for it.
const MAX_ROOM: f32 = 4.0;

/// Average line length in samples at 44.1 kHz (all 16 lines).
const AVG_LEN: f64 = 3015.625;

/// Reflection delays in samples for `room` (scaled and rounded; measured
/// against pyo at roomSize 0.6, 1, 1.2, 2 and through setRoomSize).
fn tap_delays(sr: f64, room: f32) -> [usize; 13] {
    TAPS.map(|t| ((t as f64 * sr / 44100.0 * room as f64 + 0.5) as usize).max(1))
}

/// The LCG's inverse multiplier: 1664525 * A_INV = 1 (mod 2^32).
const A_INV: u32 = {
    // Newton's iteration for the inverse of an odd number mod 2^32.
    let a: u32 = 1_664_525;
    let mut x: u32 = a;
    let mut k = 0;
    while k < 5 {
        x = x.wrapping_mul(2u32.wrapping_sub(a.wrapping_mul(x)));
        k += 1;
    }
    x
};

/// The generator's state `n` draws before `seed`.
fn back(mut seed: u32, n: usize) -> u32 {
    for _ in 0..n {
        seed = seed.wrapping_sub(1_013_904_223).wrapping_mul(A_INV);
    }
    seed
}

/// Reflection gains of a channel for source position `p` (0: this side).
fn ref_gains(p: f32, far_scale: f32) -> [f32; 13] {
    let mut g = [0.0f32; 13];
    for (k, g) in g.iter_mut().enumerate() {
        let kf = k as f32;
        let v = 0.25 * ((1.0 - p) * (12.0 - kf) + p * kf) / 12.0;
        *g = if k > 6 && p > 0.5 { v * far_scale } else { v };
    }
    g
}

/// pyo's STRev as measured (see the fitting notes in tests/golden_strev.rs):
/// each channel is a WGVerb network (8 lines, junction `0.25*sum`) with its
/// own line lengths, whose input is `a*x + 0.4*refs[n] + frg*refs[n-1]`
/// (a = 0.8 - 0.6*pan; revtime read once per block); 13 reflections tap the
/// input with gains panned by `inpos`; out = `dry + (refs*frg + wet - dry)*bal`
/// (that order, measured: it rounds differently from `dry*(1-bal) + ...`).
///
/// setRoomSize (any value, even the current one; clamped to [0.25, 4]), as
/// measured: the lines, the reflections' input history and the loop filters
/// are emptied and the lines' write positions restart; the junction sum and
/// the delayed reflections term of the last sample are kept, so they enter
/// the empty lines once (a small impulse back after one line length); each
/// line's random walk restarts at the nominal length (segment clock 0,
/// start 0) towards a new target: 16 draws from the server's generator,
/// left lines then right, as at creation. pyo draws when setRoomSize is
/// called; rpyo draws when the left node next runs (the same block).
pub struct StRev {
    ch: usize,
    input: Param,
    inpos: Param,
    revtime: Param,
    cutoff: Param,
    bal: Param,
    room: f32,
    frg: f32,
    lines: [[Line; 8]; 2],
    /// The input history for the reflections.
    hist: Box<[f32]>,
    hpos: usize,
    taps: [usize; 13],
    sr: f64,
    last: [u32; 4],
    gains: [[f32; 13]; 2],
    amp: [f32; 2],
    c: [f32; 2],
    fb: f32,
    prev: [f32; 2],
    /// Each network's junction for the next sample: the sum of its lines'
    /// filter states after this one.
    junc: [f32; 2],
    /// setRoomSize restarts the lines' random walks at the next block.
    restart: bool,
}

impl StRev {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let room = a.number(5).clamp(0.25, MAX_ROOM);
        let mk = |ch: usize| {
            ROWS.map(|(l, r, d, f)| Line::scalable(if ch == 0 { l } else { r }, d, f, a.sr, MAX_ROOM, room))
        };
        let taps = tap_delays(a.sr, room);
        let hsize = (TAPS[12] as f64 * a.sr / 44100.0 * MAX_ROOM as f64) as usize + 2;
        Box::new(StRev {
            ch: a.stream.min(1),
            input: a.param(0),
            inpos: a.param(1),
            revtime: a.param(2),
            cutoff: a.param(3),
            bal: a.param(4),
            room,
            frg: a.number(6),
            lines: [mk(0), mk(1)],
            hist: vec![0.0; hsize].into_boxed_slice(),
            hpos: 0,
            taps,
            sr: a.sr,
            last: [u32::MAX; 4],
            gains: [[0.0; 13]; 2],
            amp: [0.0; 2],
            c: [0.0; 2],
            fb: 0.0,
            prev: [0.0; 2],
            junc: [0.0; 2],
            restart: false,
        })
    }

    /// setRoomSize: new lengths and taps, the network emptied (see StRev);
    /// the random walks restart in the next `process`, which has the
    /// generator.
    fn set_room(&mut self, room: f32) {
        self.room = room.clamp(0.25, MAX_ROOM);
        for ch in self.lines.iter_mut() {
            for l in ch.iter_mut() {
                l.set_scale(self.room);
            }
        }
        self.taps = tap_delays(self.sr, self.room);
        self.last[1] = u32::MAX;
        for ch in self.lines.iter_mut() {
            for l in ch.iter_mut() {
                l.clear();
            }
        }
        self.hist.fill(0.0);
        self.hpos = 0;
        self.restart = true;
    }

    /// How many draws the lines' segment clocks make in the next `n` samples.
    fn draws_ahead(&self, n: usize) -> usize {
        self.lines.iter().flatten().map(|l| l.draws_in(n)).sum()
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn run(
        &mut self,
        out: &mut [f32],
        input: &[f32],
        rng: &mut Rng,
        inpos: impl Fn(usize) -> f32,
        rt: impl Fn(usize) -> f32,
        cut: impl Fn(usize) -> f32,
        bal: impl Fn(usize) -> f32,
    ) {
        let frg = 10f32.powf(self.frg / 20.0);
        let hsize = self.hist.len();
        // revtime is read once per block (its first sample), measured.
        let r = rt(0).max(0.01);
        if r.to_bits() != self.last[1] {
            self.last[1] = r.to_bits();
            self.fb = 10f64.powf(-2.0 * AVG_LEN / 44100.0 * self.room as f64 / r as f64) as f32;
        }
        for (i, (y, &x)) in out.iter_mut().zip(input).enumerate() {
            let p = inpos(i).clamp(0.0, 1.0);
            let ct = cut(i);
            let b = bal(i).clamp(0.0, 1.0);
            if p.to_bits() != self.last[0] {
                self.last[0] = p.to_bits();
                self.gains[0] = ref_gains(p, 1.5 - p);
                self.gains[1] = ref_gains(1.0 - p, 0.5 + p);
                self.amp = [0.8 - 0.6 * p, 0.8 - 0.6 * (1.0 - p)];
                self.last[2] = u32::MAX;
            }
            if ct.to_bits() != self.last[2] {
                self.last[2] = ct.to_bits();
                self.c = [pole(ct * (1.0 - 0.3 * p), self.sr), pole(ct * (1.0 - 0.3 * (1.0 - p)), self.sr)];
            }
            // Input history and reflections.
            let hp = self.hpos.min(hsize - 1);
            self.hist[hp] = x;
            let mut refs = [0.0f32; 2];
            for (k, &t) in self.taps.iter().enumerate() {
                let j = if hp >= t { hp - t } else { hp + hsize - t.min(hsize) };
                let v = self.hist[j.min(hsize - 1)];
                refs[0] += v * self.gains[0][k];
                refs[1] += v * self.gains[1][k];
            }
            self.hpos = if hp + 1 >= hsize { 0 } else { hp + 1 };
            let fb = self.fb;
            let mut wet = [0.0f32; 2];
            for ch in 0..2 {
                let lines = &mut self.lines[ch];
                let c = self.c[ch];
                let j = self.junc[ch];
                // The reflections enter the lines twice: this sample's at
                // 0.4, and the previous sample's at firstRefGain (measured).
                let w = x * self.amp[ch] + refs[ch] * 0.4 + self.prev[ch] + j * 0.25;
                let mut tot = 0.0f32;
                for l in lines.iter_mut() {
                    let fs = l.fs;
                    tot += l.tick(w - fs, fb, c, rng);
                }
                self.junc[ch] = tot;
                wet[ch] = tot * 0.25;
            }
            self.prev = [refs[0] * frg, refs[1] * frg];
            let ch = self.ch;
            let dry = if ch == 0 { x * (1.0 - p) } else { x * p };
            *y = dry + (refs[ch] * frg + wet[ch] - dry) * b;
        }
    }
}

impl Dsp for StRev {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let input = input_block(ctx, &self.input);
        let n = ctx.bs.min(out.len()).min(input.len());
        let (out, input) = (&mut out[..n], &input[..n]);
        let ip = ctx.graph.signal(&self.inpos);
        let rt = ctx.graph.signal(&self.revtime);
        let cut = ctx.graph.signal(&self.cutoff);
        let bal = ctx.graph.signal(&self.bal);
        // The left node draws from the server's generator as pyo's one
        // object does; the right node replays those draws: the left node
        // ran just before it, so the generator's state is the one after
        // the left's draws of this block.
        let redraws = if self.restart {
            for l in self.lines.iter_mut().flatten() {
                l.restart();
            }
            16
        } else {
            0
        };
        let mut own =
            if self.ch == 1 { Rng::new(back(ctx.rng.seed(), self.draws_ahead(n) + redraws)) } else { Rng::new(0) };
        let rng = if self.ch == 1 { &mut own } else { &mut *ctx.rng };
        if self.restart {
            self.restart = false;
            for l in self.lines.iter_mut().flatten() {
                l.draw(rng);
            }
        }
        match (ip, rt, cut, bal) {
            (Signal::Const(p), Signal::Const(r), Signal::Const(c), Signal::Const(b)) => {
                self.run(out, input, rng, |_| p, |_| r, |_| c, |_| b)
            }
            (p, r, c, b) => self.run(out, input, rng, |i| p.at(i), |i| r.at(i), |i| c.at(i), |i| b.at(i)),
        }
        Flow::Continue
    }

    /// reset(): the lines, their filters and the reflections' history go
    /// back to zeros.
    fn call(&mut self, method: usize, _args: &[f32]) {
        if method == 0 {
            for l in self.lines.iter_mut().flatten() {
                l.clear();
            }
            self.hist.fill(0.0);
            self.prev = [0.0; 2];
            self.junc = [0.0; 2];
        }
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match index {
            0 => self.input = value,
            1 => self.inpos = value,
            2 => self.revtime = value,
            3 => self.cutoff = value,
            4 => self.bal = value,
            5 => {
                if let Param::Const(v) = value {
                    self.set_room(v)
                }
            }
            6 => {
                if let Param::Const(v) = value {
                    self.frg = v
                }
            }
            _ => {}
        }
    }

    fn added(&mut self, rng: &mut Rng) {
        // Both nodes hold the same 16 targets; the generator ends as pyo
        // leaves it (16 draws), the right node undoing none of the left's.
        if self.ch == 0 {
            for ch in self.lines.iter_mut() {
                for l in ch.iter_mut() {
                    l.draw(rng);
                }
            }
        } else {
            let mut own = Rng::new(back(rng.seed(), 16));
            for ch in self.lines.iter_mut() {
                for l in ch.iter_mut() {
                    l.draw(&mut own);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_undoes_draws() {
        let mut r = Rng::new(12345);
        for _ in 0..16 {
            r.next_u32();
        }
        assert_eq!(back(r.seed(), 16), 12345);
    }
}
