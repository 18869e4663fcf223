//! Resample: converts a signal between the rate of its input and the rate
//! of the context it is made in (pyo's resampling blocks, see
//! `Server::begin_resampling_block`).
//!
//! Facts measured on pyo 1.1.0 (impulses and noise through TableRec):
//! - The ratio: made inside a block of factor F, Resample converts from the
//!   server's rate to F (whatever its input's rate is: an input made inside
//!   the same block is read as if it ran at the server's rate); made
//!   outside, it converts from its input's rate to the server's.
//! - Up by L: mode 0 puts each input sample first of L (zeros between),
//!   mode 1 holds it L times; mode M >= 2 filters with a windowed-sinc
//!   kernel of N = M*L taps: `y[L*i + p] = sum_j h[p + L*j] * x[i-1-j]`,
//!   j = 0..M in that order, in f32 (the kernel's sum is 1, so the DC gain
//!   of mode >= 2 is 1/L, as in pyo).
//! - Down by L: modes 0 and 1 keep `x[L*i]`; mode M >= 2 computes, for each
//!   phase p = 0..L, `a_p = sum_j h[p + L*j] * x[L*i - 1 - p - L*j]`
//!   (j = 0..M, f32), then `y[i] = a_0 + a_1 + ...` in that order.
//! - Kernel: for n = 0..N, k = n - N/2, cutoff fc = 0.49f/L cycles per
//!   sample of the higher rate; `sinc = sinf(f32(2*pi*fc*k)) / (pi*k)`
//!   (2*fc at k = 0), Hann window `0.5 + 0.5*f32(cos(2*pi*k/N))`, taps
//!   `f32(sinc) * f32(window)` normalised by their sum (in f64). pyo's taps
//!   differ from this model by up to 3 ulps (about 1e-7 on the output).
//! - setMode resets the filter's history to zeros.

use super::filters::INPUT;
use super::node::{BlockCtx, Dsp, Flow, Param};
use super::registry::{ClassSpec, Layout, ParamKind, ParamSpec, StreamArgs};

/// The largest `mode` (taps per phase).
pub const MAX_MODE: usize = 64;

pub static RESAMPLE: ClassSpec = ClassSpec {
    name: "Resample",
    doc: "Converts a signal between its input's rate and the rate of the resampling block it is made in.",
    params: &[
        INPUT,
        ParamSpec {
            name: "mode",
            default: 1.0,
            min: 0.0,
            max: MAX_MODE as f64,
            kind: ParamKind::Int,
            ctor: true,
            doc: "0: zero-padding (up) / discard (down), 1: sample-and-hold (up) / discard (down), \
                  2 or more: a lowpass kernel of mode * ratio taps.",
        },
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build,
    table: None,
    layout: Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// Which way the signal goes, and by what ratio.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Way {
    Copy,
    Up(usize),
    Down(usize),
}

/// log2 of the rate a factor gives, relative to the server's.
fn octaves(factor: i32) -> i32 {
    let e = factor.unsigned_abs().max(1).ilog2() as i32;
    if factor < 0 {
        -e
    } else {
        e
    }
}

fn way(from: i32, to: i32) -> Way {
    let e = octaves(to) - octaves(from);
    let l = 1usize << e.unsigned_abs().min(16);
    match e {
        0 => Way::Copy,
        e if e > 0 => Way::Up(l),
        _ => Way::Down(l),
    }
}

/// The last `len` samples of the input, newest last, kept twice so that
/// they always form one contiguous slice.
struct History {
    buf: Box<[f32]>,
    len: usize,
    w: usize,
}

impl History {
    fn new(capacity: usize) -> Self {
        History { buf: vec![0.0; 2 * capacity.max(1)].into_boxed_slice(), len: 0, w: 0 }
    }

    fn reset(&mut self, len: usize) {
        self.len = len.min(self.buf.len() / 2);
        self.w = 0;
        self.buf.fill(0.0);
    }

    #[inline(always)]
    fn push(&mut self, x: f32) {
        if self.len == 0 {
            return;
        }
        self.w = if self.w + 1 >= self.len { 0 } else { self.w + 1 };
        let (a, b) = (self.w, self.w + self.len);
        if let Some(v) = self.buf.get_mut(a) {
            *v = x;
        }
        if let Some(v) = self.buf.get_mut(b) {
            *v = x;
        }
    }

    /// The last `len` samples, oldest first (`.rev()` gives newest first).
    #[inline(always)]
    fn recent(&self) -> &[f32] {
        self.buf.get(self.w + 1..self.w + 1 + self.len).unwrap_or(&[])
    }
}

struct Resample {
    input: Param,
    way: Way,
    mode: usize,
    /// `mode * L` taps (capacity `MAX_MODE * L`); used when mode >= 2.
    kernel: Box<[f32]>,
    taps: usize,
    history: History,
}

/// pyo's kernel for `m` taps per phase and ratio `l`, into `out` (`m*l`).
fn fill_kernel(out: &mut [f32], m: usize, l: usize) {
    use std::f64::consts::PI;
    let n_taps = m * l;
    let fc = 0.49f32 as f64;
    let lf = l as f64;
    let half = (n_taps / 2) as i64;
    let mut sum = 0.0f64;
    for (n, h) in out.iter_mut().take(n_taps).enumerate() {
        let k = n as i64 - half;
        let kf = k as f64;
        let sinc = if k == 0 {
            2.0 * fc / lf
        } else {
            let arg = (2.0 * PI * fc / lf * kf) as f32;
            arg.sin() as f64 / (PI * kf)
        };
        let c = (2.0 * PI * kf / n_taps as f64).cos() as f32;
        let w = 0.5 + 0.5 * c as f64;
        *h = sinc as f32 * w as f32;
        sum += *h as f64;
    }
    for h in out.iter_mut().take(n_taps) {
        *h = (*h as f64 / sum) as f32;
    }
}

fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
    // pyo: inside a block the input is taken to run at the server's rate.
    let from = if a.factor != 1 { 1 } else { a.input_factor };
    let way = way(from, a.factor);
    let l = match way {
        Way::Copy => 1,
        Way::Up(l) | Way::Down(l) => l,
    };
    let mut r = Resample {
        input: a.param(0),
        way,
        mode: 0,
        kernel: vec![0.0; MAX_MODE * l].into_boxed_slice(),
        taps: 0,
        history: History::new(MAX_MODE * l),
    };
    r.set_mode(a.number(1));
    Box::new(r)
}

impl Resample {
    fn ratio(&self) -> usize {
        match self.way {
            Way::Copy => 1,
            Way::Up(l) | Way::Down(l) => l,
        }
    }

    fn set_mode(&mut self, v: f32) {
        let m = if v.is_finite() { v.max(0.0).min(MAX_MODE as f32) as usize } else { 1 };
        let l = self.ratio();
        self.mode = m;
        self.taps = if m >= 2 { m * l } else { 0 };
        if m >= 2 {
            fill_kernel(&mut self.kernel, m, l);
        }
        // Up keeps `mode` past input samples, down `mode * L`.
        let keep = match self.way {
            Way::Up(_) if m >= 2 => m,
            Way::Down(_) if m >= 2 => m * l,
            _ => 0,
        };
        self.history.reset(keep);
    }

    fn up(&mut self, x: &dyn Fn(usize) -> f32, out: &mut [f32], l: usize) {
        let (kernel, hist) = (&self.kernel[..self.taps.min(self.kernel.len())], &mut self.history);
        for (i, group) in out.chunks_exact_mut(l).enumerate() {
            let xi = x(i);
            match self.mode {
                0 => {
                    group.fill(0.0);
                    if let Some(first) = group.first_mut() {
                        *first = xi;
                    }
                }
                1 => group.fill(xi),
                _ => {
                    let recent = hist.recent();
                    for (p, y) in group.iter_mut().enumerate() {
                        let mut acc = 0.0f32;
                        for (h, v) in kernel.iter().skip(p).step_by(l).zip(recent.iter().rev()) {
                            acc += h * v;
                        }
                        *y = acc;
                    }
                    hist.push(xi);
                }
            }
        }
    }

    fn down(&mut self, x: &dyn Fn(usize) -> f32, out: &mut [f32], l: usize) {
        let (kernel, hist) = (&self.kernel[..self.taps.min(self.kernel.len())], &mut self.history);
        for (i, y) in out.iter_mut().enumerate() {
            if self.mode < 2 {
                *y = x(l * i);
                continue;
            }
            let recent = hist.recent();
            let mut total = 0.0f32;
            for p in 0..l {
                let mut acc = 0.0f32;
                for (h, v) in kernel.iter().skip(p).step_by(l).zip(recent.iter().rev().skip(p).step_by(l)) {
                    acc += h * v;
                }
                total += acc;
            }
            *y = total;
            for q in 0..l {
                hist.push(x(l * i + q));
            }
        }
    }
}

impl Dsp for Resample {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let block;
        let value;
        let x: &dyn Fn(usize) -> f32 = match self.input {
            Param::Audio(r) => {
                block = ctx.graph.block(r);
                &|i| block.get(i).copied().unwrap_or(0.0)
            }
            Param::Const(v) => {
                value = v;
                &|_| value
            }
        };
        match self.way {
            Way::Copy => {
                for (i, y) in out.iter_mut().enumerate() {
                    *y = x(i);
                }
            }
            Way::Up(l) => self.up(x, out, l),
            Way::Down(l) => self.down(x, out, l),
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match (index, value) {
            (0, v) => self.input = v,
            (1, Param::Const(v)) => self.set_mode(v),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_follow_pyo() {
        assert_eq!(way(1, 2), Way::Up(2));
        assert_eq!(way(2, 1), Way::Down(2));
        assert_eq!(way(-4, 1), Way::Up(4));
        assert_eq!(way(1, -8), Way::Down(8));
        assert_eq!(way(1, 1), Way::Copy);
    }

    #[test]
    fn kernel_is_pyos_within_ulps() {
        // pyo 1.1.0's taps for L = 2, mode 8 (an impulse through Resample).
        let pyo = [
            0.0,
            -0.001686553,
            0.001453677,
            0.01937945,
            -0.004979542,
            -0.07292112,
            0.008517417,
            0.30559555,
            0.48928228,
            0.30559555,
            0.008517417,
            -0.07292112,
            -0.004979542,
            0.01937945,
            0.001453677,
            -0.001686553,
        ];
        let mut k = [0.0f32; 16];
        fill_kernel(&mut k, 8, 2);
        for (a, b) in k.iter().zip(pyo) {
            assert!((a - b).abs() <= 1.2e-7, "{a} vs {b}");
        }
    }
}
