//! Host buffers of any frame count: the engine runs whole blocks and keeps
//! the remainder.
//!
//! While every call so far has been whole blocks starting on a block
//! boundary, each block reads the host's input of the same frames (no
//! latency, as pyo's embedded callback). At the first call that is not, the
//! adapter switches for good to a one-block input lag: a block is computed
//! when its first frame is asked for, from the input of the block before.
//! Output never lags.

use super::Engine;

/// Reads and writes a host's buffers, `count` frames from frame `start` of
/// the current call, as interleaved f32 frames.
pub trait HostIo {
    /// Fills `dst` (count * ichnls samples, interleaved).
    fn read_input(&self, start: usize, count: usize, dst: &mut [f32]);
    /// Writes `src` (count * nchnls samples, interleaved).
    fn write_output(&mut self, start: usize, count: usize, src: &[f32]);
}

pub struct HostAdapter {
    /// Frames of the current block already handed to the host.
    pos: usize,
    /// No unaligned call has happened yet.
    aligned: bool,
    /// Input collected for the next block in lagged mode (bs * ichnls).
    pending: Box<[f32]>,
}

impl HostAdapter {
    pub fn new(bs: usize, ichnls: usize) -> Self {
        HostAdapter { pos: 0, aligned: true, pending: vec![0.0; bs * ichnls].into_boxed_slice() }
    }

    /// True once the adapter has switched to the one-block input lag.
    pub fn is_lagged(&self) -> bool {
        !self.aligned
    }
}

/// Replaces NaN and infinities with 0 so that one bad host sample cannot
/// poison the graph's feedback paths forever.
fn sanitize(buf: &mut [f32]) {
    for x in buf {
        if !x.is_finite() {
            *x = 0.0;
        }
    }
}

impl Engine {
    /// Processes `frames` frames of the host's buffers.
    pub fn process_host(&mut self, io: &mut dyn HostIo, frames: usize) {
        let bs = self.shape.bs;
        let ich = self.shape.ichnls;
        let nch = self.shape.nchnls;
        let read_input = self.shape.duplex;
        if self.host.aligned && self.host.pos == 0 && frames % bs == 0 {
            for b in 0..frames / bs {
                if read_input {
                    let input = self.io.input.as_mut_slice();
                    io.read_input(b * bs, bs, input);
                    sanitize(input);
                }
                self.process_block();
                io.write_output(b * bs, bs, self.io.output.as_slice());
            }
            return;
        }
        if self.host.aligned {
            self.host.aligned = false;
            self.host.pending.copy_from_slice(self.io.input.as_slice());
        }
        let mut done = 0;
        while done < frames {
            if self.host.pos == 0 {
                self.io.input.as_mut_slice().copy_from_slice(&self.host.pending);
                self.process_block();
            }
            let pos = self.host.pos;
            let n = (bs - pos).min(frames - done);
            if read_input {
                let dst = &mut self.host.pending[pos * ich..(pos + n) * ich];
                io.read_input(done, n, dst);
                sanitize(dst);
            }
            io.write_output(done, n, &self.io.output.as_slice()[pos * nch..(pos + n) * nch]);
            self.host.pos = (pos + n) % bs;
            done += n;
        }
    }
}

/// Interleaved host buffers of f32 or f64.
pub struct Interleaved<'a, T> {
    pub input: Option<&'a [T]>,
    pub output: &'a mut [T],
    pub ichnls: usize,
    pub nchnls: usize,
}

/// Planar host buffers (one slice per channel) of f32 or f64.
pub struct Planar<'a, 'b, 'c, 'd, T> {
    pub input: Option<&'a [&'b [T]]>,
    pub output: &'c mut [&'d mut [T]],
}

/// f32 and f64 host samples.
pub trait HostSample: Copy {
    fn to_f32(self) -> f32;
    fn from_f32(v: f32) -> Self;
}
impl HostSample for f32 {
    fn to_f32(self) -> f32 {
        self
    }
    fn from_f32(v: f32) -> Self {
        v
    }
}
impl HostSample for f64 {
    fn to_f32(self) -> f32 {
        self as f32
    }
    fn from_f32(v: f32) -> Self {
        v as f64
    }
}

impl<T: HostSample> HostIo for Interleaved<'_, T> {
    fn read_input(&self, start: usize, count: usize, dst: &mut [f32]) {
        match self.input {
            Some(input) => {
                let src = &input[start * self.ichnls..(start + count) * self.ichnls];
                for (d, s) in dst.iter_mut().zip(src) {
                    *d = s.to_f32();
                }
            }
            None => dst.fill(0.0),
        }
    }
    fn write_output(&mut self, start: usize, count: usize, src: &[f32]) {
        let dst = &mut self.output[start * self.nchnls..(start + count) * self.nchnls];
        for (d, s) in dst.iter_mut().zip(src) {
            *d = T::from_f32(*s);
        }
    }
}

impl<T: HostSample> HostIo for Planar<'_, '_, '_, '_, T> {
    fn read_input(&self, start: usize, count: usize, dst: &mut [f32]) {
        match self.input {
            Some(chans) if !chans.is_empty() => {
                let n = chans.len();
                for (c, chan) in chans.iter().enumerate() {
                    for (k, s) in chan[start..start + count].iter().enumerate() {
                        dst[k * n + c] = s.to_f32();
                    }
                }
            }
            _ => dst.fill(0.0),
        }
    }
    fn write_output(&mut self, start: usize, count: usize, src: &[f32]) {
        let n = self.output.len();
        if n == 0 {
            return;
        }
        for (c, chan) in self.output.iter_mut().enumerate() {
            for (k, d) in chan[start..start + count].iter_mut().enumerate() {
                *d = T::from_f32(src[k * n + c]);
            }
        }
    }
}
