//! Sound files: SndTable (a file loaded into a table) and SfPlayer (a file
//! streamed from disk by a worker thread).
//!
//! SfPlayer's arithmetic, fitted on pyo 1.1.0 renders (all f32 unless
//! stated): per block, `d = f32(speed[0] * f32(file_sr / sr))` (the speed
//! is read at the first sample of the block); the read position `pos` is
//! f64. Forward: `start = floor(pos)`, `rel = pos - start`, sample k reads
//! at `p = f32(rel + k*d)` (f64 sum rounded), index `start + floor(p)`,
//! fraction `p - floor(p)`; after the block `pos += bs*d`; at `pos >= len`
//! a loop goes to `pos - len + offset`, otherwise the player ends. Past the
//! end a block reads zeros (or, looping, the frames after `offset`).
//! Backward (d < 0) starts at `(offset > 0 ? offset : len - 1) - 1`, reads
//! `start = floor(pos) + 1`, `rel = start - pos`, index `start - floor(p)`
//! interpolated towards the frame below, and wraps by `len`.
//! Interpolation: 1 none, 2 `a + (b-a)*f`, 3 `m = (1 - cosf(f32(f*π)))*0.5`,
//! `a + (b-a)*m`, 4 Lagrange cubic (pyo's exact rounding not found: within
//! 2e-7), whose missing left neighbour at a block's first frame is
//! `2*x0 - x1`. The start offset in frames is `f32(offset) * f32(file_sr)`.

use super::node::{BlockCtx, Dsp, Extra, Flow, Param, Signal};
use super::registry::{ClassSpec, KeyKind, KeySpec, ParamKind, ParamSpec, StreamArgs};
use super::sfread::{self, SoundFile};
use super::table::Table;
use crate::error::{Error, Result};
use ringbuf::traits::{Consumer, Observer, Producer, Split};
use ringbuf::{HeapCons, HeapProd, HeapRb};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const INF: f64 = f64::INFINITY;

// ------------------------------------------------------------- SndTable ----

pub static SNDTABLE: ClassSpec = ClassSpec {
    name: "SndTable",
    doc: "Transfers data from a soundfile into a function table.",
    params: &[
        ParamSpec {
            name: "path",
            default: 0.0,
            min: 0.0,
            max: 0.0,
            kind: ParamKind::Text,
            ctor: true,
            doc: "Full path name of the sound (WAV, AIFF, FLAC, Ogg Vorbis); empty: a silent table of one second.",
        },
        ParamSpec {
            name: "chnl",
            default: -1.0,
            min: -1.0,
            max: INF,
            kind: ParamKind::Int,
            ctor: true,
            doc: "Channel to read, from 0; -1 (pyo's None) reads all channels, one table each.",
        },
        ParamSpec {
            name: "start",
            default: 0.0,
            min: 0.0,
            max: INF,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Begins reading at `start` seconds into the file.",
        },
        ParamSpec {
            name: "stop",
            default: -1.0,
            min: -1.0,
            max: INF,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Stops reading at `stop` seconds into the file; -1 (pyo's None) or <= start: the end.",
        },
        ParamSpec {
            name: "initchnls",
            default: 1.0,
            min: 1.0,
            max: INF,
            kind: ParamKind::Int,
            ctor: true,
            doc: "Number of channels for an empty table (path empty).",
        },
    ],
    autoplay: false,
    audible: false,
    random_prime: None,
    outputs: 1,
    build: silent,
    table: Some(build_sndtable),
    layout: crate::objects::registry::Layout::Channels(sndtable_channels),
    keys: &[],
    methods: &[],
};

fn silent(_: &StreamArgs<'_>) -> Box<dyn Dsp> {
    Box::new(Silent)
}

struct Silent;

impl Dsp for Silent {
    fn process(&mut self, out: &mut [f32], _: &mut BlockCtx<'_>) -> Flow {
        out.iter_mut().for_each(|x| *x = 0.0);
        Flow::Continue
    }
    fn set_param(&mut self, _: usize, _: Param) {}
}

/// SndTable's channels: `chnl` alone, else every channel of the file
/// (`initchnls` for an empty table).
fn sndtable_channels(a: &StreamArgs<'_>) -> Result<usize> {
    if a.text(0).is_empty() {
        Ok(a.number(4).max(1.0) as usize)
    } else if a.number(1) >= 0.0 {
        Ok(1)
    } else {
        Ok(SoundFile::open(a.text(0))?.channels.max(1))
    }
}

/// pyo's SndTable: frames `int(start*sr)..int(stop*sr)` of one channel
/// (`chnl`, else the channel this table is: `a.stream`), integer PCM
/// scaled by 2^-(bits-1), guard point = first point; the table keeps the
/// file's sampling rate.
fn build_sndtable(a: &StreamArgs<'_>) -> Result<Table> {
    let path = a.text(0);
    if path.is_empty() {
        return Ok(Table::zeros(a.sr as usize, a.sr));
    }
    let mut f = SoundFile::open(path)?;
    let ch = f.channels;
    let chnl = a.number(1);
    let chnl = if chnl < 0.0 { a.stream } else { chnl as usize };
    if chnl >= ch {
        return Err(Error::invalid(format!("SndTable: '{path}' has {ch} channel(s), no channel {chnl}")));
    }
    let all = f.read_channel(chnl)?;
    let frames = all.len();
    let sr = f.sr;
    // The arguments arrive as f32: their product with the rate in f32 is
    // the nearest to pyo's f64 product (0.02 * 44100 = 882, not 881).
    let first = ((a.number(2) * sr as f32) as usize).min(frames);
    let stop = a.number(3);
    let mut last = if stop < 0.0 { frames } else { ((stop * sr as f32) as usize).min(frames) };
    if last <= first {
        last = frames;
    }
    let mut data = all[first..last].to_vec();
    data.push(data.first().copied().unwrap_or(0.0));
    Ok(Table::from_samples(&data, sr))
}

// ------------------------------------------------------------- SfPlayer ----

pub static SFPLAYER: ClassSpec = ClassSpec {
    name: "SfPlayer",
    doc: "Soundfile player, streamed from disk.",
    params: &[
        ParamSpec {
            name: "path",
            default: 0.0,
            min: 0.0,
            max: 0.0,
            kind: ParamKind::Text,
            ctor: true,
            doc: "Full path name of the sound to read (WAV, AIFF, FLAC, Ogg Vorbis).",
        },
        ParamSpec {
            name: "speed",
            default: 1.0,
            min: -INF,
            max: INF,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Transposition factor (negative plays backward); read once per block.",
        },
        ParamSpec {
            name: "loop",
            default: 0.0,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Int,
            ctor: true,
            doc: "If 1 (True), the sound plays in loop.",
        },
        ParamSpec {
            name: "offset",
            default: 0.0,
            min: 0.0,
            max: INF,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Time in seconds skipped at the start and at every loop point.",
        },
        ParamSpec {
            name: "interp",
            default: 2.0,
            min: 1.0,
            max: 4.0,
            kind: ParamKind::Int,
            ctor: true,
            doc: "Interpolation: 1 none, 2 linear, 3 cosine, 4 cubic.",
        },
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 2,
    build: SfPlayer::build,
    table: None,
    layout: crate::objects::registry::Layout::Channels(file_channels),
    keys: SFPLAYER_KEYS,
    methods: &[],
};

/// `obj['trig']` of SfPlayer.
const SFPLAYER_KEYS: &[KeySpec] = &[KeySpec {
    name: "trig",
    kind: KeyKind::Output(1),
    doc: "A trigger (1.0 at the first sample of the block) in each block that reaches the end of the \
          sound (a loop wraps or the playback ends); one stream per channel.",
}];

/// Samples per chunk the worker sends (interleaved frames).
const CHUNK: usize = 1024;
/// Chunks the ring holds (2^17 samples: 3 s of mono at 44.1 kHz).
const RING_CHUNKS: usize = 128;
/// Frames the node keeps around the read position (a power of two).
const WINDOW: usize = 16384;

/// Frames decoded by the worker: `frames` frames of the virtual sequence
/// starting at `first` (going up, or down when the request is backward).
#[derive(Clone, Copy)]
struct Chunk {
    gen: u32,
    first: i64,
    frames: u32,
    data: [f32; CHUNK],
}

/// What the node asks the worker for, and the worker's counters.
struct Shared {
    /// Request number: every chunk carries the one it answers.
    gen: AtomicU32,
    /// Virtual frame to start from, direction (+1 or -1) and the loop
    /// offset in frames of the request.
    first: AtomicI64,
    dir: AtomicI64,
    ioff: AtomicI64,
    quit: AtomicBool,
    /// Blocks that needed frames the worker had not delivered yet.
    underruns: AtomicU64,
}

/// The frame of the file that virtual frame `u` stands for. Forward the
/// sequence is the file, then laps of `ioff..len`; backward it is the file
/// repeated (`u mod len`). None outside the file.
fn file_frame(u: i64, dir: i64, len: i64, ioff: i64) -> Option<i64> {
    if len <= 0 {
        return None;
    }
    if dir >= 0 {
        if u < 0 {
            None
        } else if u < len {
            Some(u)
        } else if ioff < len {
            Some(ioff + (u - len).rem_euclid(len - ioff))
        } else {
            None
        }
    } else {
        Some(u.rem_euclid(len))
    }
}

/// The worker: decodes the requested virtual sequence ahead into the ring.
fn worker(mut file: SoundFile, len: i64, shared: Arc<Shared>, mut prod: HeapProd<Chunk>) {
    let ch = file.channels;
    let per = CHUNK / ch;
    let mut gen = u32::MAX;
    let (mut u, mut dir, mut ioff) = (0i64, 1i64, 0i64);
    let mut chunk = Chunk { gen: 0, first: 0, frames: 0, data: [0.0; CHUNK] };
    let mut run = vec![0.0f32; CHUNK];
    while !shared.quit.load(Ordering::Acquire) {
        let g = shared.gen.load(Ordering::Acquire);
        if g != gen {
            let (f, d, o) = (
                shared.first.load(Ordering::Acquire),
                shared.dir.load(Ordering::Acquire),
                shared.ioff.load(Ordering::Acquire),
            );
            if shared.gen.load(Ordering::Acquire) != g {
                continue;
            }
            (gen, u, dir, ioff) = (g, f, d, o);
        }
        if prod.is_full() {
            std::thread::park_timeout(Duration::from_millis(2));
            continue;
        }
        chunk.gen = gen;
        chunk.first = u;
        chunk.frames = per as u32;
        chunk.data.iter_mut().for_each(|x| *x = 0.0);
        // Frames of the chunk in sequence order, read in runs of
        // consecutive file frames.
        let mut k = 0;
        while k < per {
            let v = u + dir * k as i64;
            let Some(f0) = file_frame(v, dir, len, ioff) else {
                k += 1;
                continue;
            };
            // Longest run of consecutive file frames from here.
            let mut n = 1;
            while k + n < per && file_frame(v + dir * n as i64, dir, len, ioff) == Some(f0 + dir * n as i64) {
                n += 1;
            }
            let lo = if dir >= 0 { f0 } else { f0 - (n as i64 - 1) };
            let buf = &mut run[..n * ch];
            if file.read(lo as u64, buf).is_err() {
                buf.iter_mut().for_each(|x| *x = 0.0);
            }
            for j in 0..n {
                let src = if dir >= 0 { j } else { n - 1 - j };
                chunk.data[(k + j) * ch..(k + j + 1) * ch].copy_from_slice(&buf[src * ch..(src + 1) * ch]);
            }
            k += n;
        }
        if prod.try_push(chunk).is_ok() {
            u += dir * per as i64;
        }
    }
}

/// One stream of SfPlayer: pops decoded frames, never touches the file.
pub struct SfPlayer {
    speed: Param,
    looping: bool,
    offset: f32,
    interp: u8,
    chnl: usize,
    /// Per-file constants: channels, frames, f32(file_sr/sr), file_sr.
    nch: usize,
    len: i64,
    ratio: f32,
    file_sr: f32,
    pos: f64,
    /// Virtual index of file frame 0 at the current lap.
    lap: i64,
    /// Direction and loop offset (frames) of the worker's current request.
    dir: i64,
    ioff: i64,
    gen: u32,
    /// No block computed since the start (or a restart).
    fresh: bool,
    /// The end was reached (not looping): the next block finishes.
    ended: bool,
    win: Box<[f32]>,
    win_lo: i64,
    win_hi: i64,
    io: Option<(Arc<Shared>, HeapCons<Chunk>, std::thread::Thread)>,
}

impl Drop for SfPlayer {
    fn drop(&mut self) {
        if let Some((shared, _, thread)) = &self.io {
            shared.quit.store(true, Ordering::Release);
            thread.unpark();
        }
    }
}

/// SfPlayer's streams: one per channel of its file (read on the control
/// side; a file that cannot be read refuses the object, naming it).
fn file_channels(a: &StreamArgs<'_>) -> crate::error::Result<usize> {
    Ok(SoundFile::open(a.text(0))?.channels.max(1))
}

impl SfPlayer {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let mut p = SfPlayer {
            speed: a.param(1),
            looping: a.number(2) != 0.0,
            offset: a.number(3),
            interp: a.number(4) as u8,
            chnl: a.stream,
            nch: 1,
            len: 0,
            ratio: 1.0,
            file_sr: a.sr as f32,
            pos: 0.0,
            lap: 0,
            dir: 1,
            ioff: 0,
            gen: 0,
            fresh: true,
            ended: false,
            win: Box::new([]),
            win_lo: 0,
            win_hi: 0,
            io: None,
        };
        // A file that cannot be read gives a silent stream (build cannot
        // fail in this framework).
        if let Ok((nch, fsr, frames)) = sfread::info(a.text(0)) {
            if let Ok(file) = SoundFile::open(a.text(0)) {
                p.nch = nch;
                p.len = frames as i64;
                p.file_sr = fsr as f32;
                p.ratio = (fsr / a.sr) as f32;
                p.win = vec![0.0; WINDOW * nch].into_boxed_slice();
                let backward = matches!(p.speed, Param::Const(s) if s < 0.0);
                p.dir = if backward { -1 } else { 1 };
                p.pos = p.initial_pos(p.dir);
                p.ioff = p.loop_offset().floor() as i64;
                let shared = Arc::new(Shared {
                    gen: AtomicU32::new(0),
                    first: AtomicI64::new(p.request_start(p.dir)),
                    dir: AtomicI64::new(p.dir),
                    ioff: AtomicI64::new(p.ioff),
                    quit: AtomicBool::new(false),
                    underruns: AtomicU64::new(0),
                });
                let (prod, cons) = HeapRb::<Chunk>::new(RING_CHUNKS).split();
                let (len, sh) = (p.len, Arc::clone(&shared));
                let spawned =
                    std::thread::Builder::new().name("rpyo-sfplayer".into()).spawn(move || worker(file, len, sh, prod));
                if let Ok(handle) = spawned {
                    // Pre-roll: let the worker fill the ring (control thread).
                    let t0 = Instant::now();
                    while !cons.is_full() && t0.elapsed() < Duration::from_millis(500) {
                        std::thread::sleep(Duration::from_micros(200));
                    }
                    p.win_lo = p.request_start(p.dir);
                    p.win_hi = p.win_lo;
                    if p.dir < 0 {
                        p.win_lo += 1;
                        p.win_hi += 1;
                    }
                    p.io = Some((shared, cons, handle.thread().clone()));
                }
            }
        }
        Box::new(p)
    }

    /// The loop offset in frames: f32(offset) * f32(file_sr).
    fn loop_offset(&self) -> f64 {
        (self.offset * self.file_sr) as f64
    }

    fn initial_pos(&self, dir: i64) -> f64 {
        let off = self.loop_offset();
        if dir >= 0 {
            off
        } else if off > 0.0 {
            off - 1.0
        } else {
            (self.len - 2) as f64
        }
    }

    /// First virtual frame a request in `dir` from `pos` starts at.
    fn request_start(&self, dir: i64) -> i64 {
        if dir >= 0 {
            self.pos.floor() as i64 - 1 + self.lap
        } else {
            self.pos.floor() as i64 + 3 + self.lap
        }
    }

    /// Asks the worker for a new sequence from the current position
    /// (file coordinates: the lap restarts at 0).
    fn request(&mut self, dir: i64) {
        self.lap = 0;
        self.dir = dir;
        self.ioff = self.loop_offset().floor() as i64;
        let first = self.request_start(dir);
        self.gen = self.gen.wrapping_add(1);
        if let Some((shared, _, thread)) = &self.io {
            shared.first.store(first, Ordering::Release);
            shared.dir.store(dir, Ordering::Release);
            shared.ioff.store(self.ioff, Ordering::Release);
            shared.gen.store(self.gen, Ordering::Release);
            thread.unpark();
        }
        self.win_lo = if dir >= 0 { first } else { first + 1 };
        self.win_hi = self.win_lo;
    }

    /// Pops chunks until virtual frames `lo..=hi` are in the window (or
    /// the ring is empty). False when frames are missing.
    fn fill(&mut self, lo: i64, hi: i64) -> bool {
        let nch = self.nch;
        let mask = WINDOW - 1;
        let Some((_, cons, _)) = &mut self.io else { return false };
        let covered = |s: &(i64, i64)| s.0 <= lo && hi < s.1;
        let mut w = (self.win_lo, self.win_hi);
        while !covered(&w) {
            let Some(c) = cons.try_pop() else { break };
            if c.gen != self.gen {
                continue;
            }
            let n = (c.frames as usize).min(CHUNK / nch);
            if self.dir >= 0 {
                if c.first != w.1 {
                    w = (c.first, c.first);
                }
                for j in 0..n {
                    let at = ((c.first + j as i64) as usize & mask) * nch;
                    self.win[at..at + nch].copy_from_slice(&c.data[j * nch..(j + 1) * nch]);
                }
                w.1 += n as i64;
                w.0 = w.0.max(w.1 - WINDOW as i64);
            } else {
                if c.first != w.0 - 1 {
                    w = (c.first + 1, c.first + 1);
                }
                for j in 0..n {
                    let at = ((c.first - j as i64) as usize & mask) * nch;
                    self.win[at..at + nch].copy_from_slice(&c.data[j * nch..(j + 1) * nch]);
                }
                w.0 -= n as i64;
                w.1 = w.1.min(w.0 + WINDOW as i64);
            }
        }
        (self.win_lo, self.win_hi) = w;
        if cons.occupied_len() < RING_CHUNKS / 2 {
            if let Some((_, _, thread)) = &self.io {
                thread.unpark();
            }
        }
        covered(&w)
    }

    /// Runs one block; `x(i)` reads file frame i (zeros outside).
    #[inline(always)]
    fn run(&self, out: &mut [f32], d: f64, start: i64, rel: f64, x: impl Fn(i64) -> f32) {
        let interp = self.interp;
        let (dir, ad) = if d >= 0.0 { (1, d) } else { (-1, -d) };
        for (k, y) in out.iter_mut().enumerate() {
            let p = (rel + k as f64 * ad) as f32;
            let ipf = p.floor();
            let fr = p - ipf;
            let ip = ipf as i64;
            let i = start + dir * ip;
            let x0 = x(i);
            *y = match interp {
                1 => x0,
                3 => {
                    let x1 = x(i + dir);
                    let m = (1.0 - ((fr as f64 * std::f64::consts::PI) as f32).cos()) * 0.5;
                    x0 + (x1 - x0) * m
                }
                4 => {
                    let (x1, x2) = (x(i + dir), x(i + 2 * dir));
                    let xm1 = if ip == 0 { x0 * 2.0 - x1 } else { x(i - dir) };
                    cubic(xm1, x0, x1, x2, fr)
                }
                _ => {
                    let x1 = x(i + dir);
                    x0 + (x1 - x0) * fr
                }
            };
        }
    }
}

/// Lagrange 3rd order in f64, rounded once.
#[inline(always)]
fn cubic(xm1: f32, x0: f32, x1: f32, x2: f32, fr: f32) -> f32 {
    let d = fr as f64;
    let (dm1, dp1, dm2) = (d - 1.0, d + 1.0, d - 2.0);
    (-d * dm1 * dm2 / 6.0 * xm1 as f64 + dp1 * dm1 * dm2 / 2.0 * x0 as f64 - dp1 * d * dm2 / 2.0 * x1 as f64
        + dp1 * d * dm1 / 6.0 * x2 as f64) as f32
}

impl Dsp for SfPlayer {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let bs = ctx.bs;
        let (out, trig) = super::tableread::split_trig(out, bs);
        trig.fill(0.0);
        if self.ended || self.io.is_none() {
            out.iter_mut().for_each(|x| *x = 0.0);
            return if self.ended { Flow::Finished } else { Flow::Continue };
        }
        let sp = match ctx.graph.signal(&self.speed) {
            Signal::Const(v) => v,
            Signal::Audio(b) => b.first().copied().unwrap_or(0.0),
        };
        let d = (sp * self.ratio) as f64;
        let dir = if d >= 0.0 { 1 } else { -1 };
        if self.fresh {
            self.fresh = false;
            if dir != self.dir {
                self.pos = self.initial_pos(dir);
                self.request(dir);
            }
        } else if dir != self.dir {
            self.request(dir);
        }
        let (len, looping, lap) = (self.len, self.looping, self.lap);
        let span = (bs as f64 * d.abs()).ceil() as i64 + 4;
        let (start, rel) = if dir >= 0 {
            let s = self.pos.floor();
            (s as i64, self.pos - s)
        } else {
            let s = self.pos.floor() + 1.0;
            (s as i64, s - self.pos)
        };
        let (lo, hi) =
            if dir >= 0 { (start - 1 + lap, start + span + lap) } else { (start - span + lap, start + 2 + lap) };
        if !self.fill(lo, hi) {
            if let Some((shared, _, _)) = &self.io {
                shared.underruns.fetch_add(1, Ordering::Relaxed);
            }
            // Data we need was dropped or never asked for: ask again.
            let (wl, wh) = (self.win_lo, self.win_hi);
            if (dir >= 0 && lo < wl) || (dir < 0 && hi >= wh) {
                self.request(dir);
            }
        }
        let (wl, wh, nch, ch) = (self.win_lo, self.win_hi, self.nch, self.chnl.min(self.nch - 1));
        let win = &self.win;
        let read = |i: i64| -> f32 {
            if !looping && (i < 0 || i >= len) {
                return 0.0;
            }
            let u = i + lap;
            if u < wl || u >= wh {
                return 0.0;
            }
            win.get((u as usize & (WINDOW - 1)) * nch + ch).copied().unwrap_or(0.0)
        };
        self.run(out, d, start, rel, read);
        // Advance and wrap, as pyo: once per block; a wrap or the end
        // sends a trigger at the block's first sample.
        if dir >= 0 {
            self.pos += bs as f64 * d;
            if self.pos >= len as f64 {
                if let Some(t) = trig.first_mut() {
                    *t = 1.0;
                }
                if self.looping {
                    self.pos = self.pos - len as f64 + self.loop_offset();
                    let ioff = self.loop_offset().floor() as i64;
                    if ioff != self.ioff {
                        self.request(1);
                    } else {
                        self.lap += len - self.ioff;
                    }
                } else {
                    self.ended = true;
                }
            }
        } else {
            self.pos += bs as f64 * d;
            if self.pos < 0.0 {
                if let Some(t) = trig.first_mut() {
                    *t = 1.0;
                }
                if self.looping {
                    self.pos += len as f64;
                    self.lap -= len;
                } else {
                    self.ended = true;
                }
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        let num = match value {
            Param::Const(v) => v,
            Param::Audio(_) => 0.0,
        };
        match index {
            1 => self.speed = value,
            2 => self.looping = num != 0.0,
            3 => self.offset = num.max(0.0),
            4 => self.interp = num.clamp(1.0, 4.0) as u8,
            5 => self.chnl = num.max(0.0) as usize,
            _ => {}
        }
    }

    /// pyo restarts the sound from its start (offset) on play().
    fn play(&mut self) {
        if self.fresh {
            return;
        }
        self.ended = false;
        self.fresh = true;
        let dir = self.dir;
        self.pos = self.initial_pos(dir);
        self.request(dir);
    }

    /// A new path (pyo's setPath/setSound): the player rebuilt on the
    /// control side with the new file takes over from the next block, from
    /// the start of the sound (measured); this one goes back to be dropped
    /// there (its worker quits).
    fn set_extra(&mut self, _index: usize, value: Extra) -> Option<Extra> {
        match value {
            Extra::Rebuilt(mut new) => {
                if let Some(p) = new.as_any_mut().and_then(|a| a.downcast_mut::<SfPlayer>()) {
                    std::mem::swap(self, p);
                }
                Some(Extra::Rebuilt(new))
            }
            other => Some(other),
        }
    }

    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        Some(self)
    }
}
