//! Recording: the audio thread pushes each block it computes into a ring
//! buffer ([`RecordTap`], engine side); a writer thread ([`Recording`],
//! control side) owns the file, pops the ring and writes.
//!
//! The ring holds [`RING_SECONDS`] of audio. When the writer falls behind by
//! more than that, the engine pushes the whole frames that fit and counts the
//! rest as lost ([`RecordStats::lost`]); the writer thread reports losses
//! through the server's log. The file stays valid (it has gaps).
//!
//! Closing without a lock on the audio side: the engine raises `pushing`,
//! checks `closed`, pushes, lowers `pushing`; the control side raises
//! `closed`, then waits while `pushing` is up (one block's copy at most).
//! After that the engine never pushes again, so once the writer has emptied
//! the ring it has every frame there will be.

use super::{FileSpec, SoundWriter};
use crate::error::{Error, Result, Status};
use crate::server::log::{LogLevel, Logger};
use ringbuf::traits::{Consumer, Observer, Producer, Split};
use ringbuf::{HeapCons, HeapProd, HeapRb};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// Seconds of audio the recording ring holds (at most 2^24 samples, at
/// least 4 blocks).
pub const RING_SECONDS: f64 = 2.0;
const MAX_RING_SAMPLES: usize = 1 << 24;
/// Frames the writer thread takes from the ring per write call, at most.
const CHUNK_FRAMES: usize = 4096;
/// How long the writer thread sleeps when the ring is empty.
const IDLE: Duration = Duration::from_millis(2);

/// Wraps the writer a recording opens (tests: a slow or failing writer).
pub type WriterWrapper = Arc<dyn Fn(Box<dyn SoundWriter>) -> Box<dyn SoundWriter> + Send + Sync>;

/// The ring's capacity in frames for a server of this shape.
pub fn ring_frames(sr: f64, bs: usize, nchnls: usize) -> usize {
    let want = (RING_SECONDS * sr).ceil() as usize;
    want.min(MAX_RING_SAMPLES / nchnls.max(1)).max(4 * bs)
}

/// What the audio side, the writer thread and the control side share.
#[derive(Default)]
pub struct RecordStats {
    closed: AtomicBool,
    pushing: AtomicBool,
    /// Set once `closed` is up and no push is under way.
    stop: AtomicBool,
    lost: AtomicU64,
    written: AtomicU64,
    error: Mutex<Option<String>>,
}

impl RecordStats {
    /// Frames the ring had no room for.
    pub fn lost(&self) -> u64 {
        self.lost.load(Ordering::Relaxed)
    }
    /// Frames handed to the file writer.
    pub fn written(&self) -> u64 {
        self.written.load(Ordering::Relaxed)
    }
    /// The writer's error, if writing failed.
    pub fn error(&self) -> Option<String> {
        self.error.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// The engine's end of a recording. Never allocates or frees on the audio
/// thread: it goes back to the control side to be dropped.
pub struct RecordTap {
    prod: HeapProd<f32>,
    stats: Arc<RecordStats>,
    nchnls: usize,
}

impl RecordTap {
    /// Pushes interleaved frames; whole frames only, the rest counted lost.
    pub fn push(&mut self, interleaved: &[f32]) {
        let s = &*self.stats;
        s.pushing.store(true, Ordering::SeqCst);
        if !s.closed.load(Ordering::SeqCst) {
            let frames = interleaved.len() / self.nchnls;
            let fit = (self.prod.vacant_len() / self.nchnls).min(frames);
            self.prod.push_slice(&interleaved[..fit * self.nchnls]);
            if fit < frames {
                s.lost.fetch_add((frames - fit) as u64, Ordering::Relaxed);
            }
        }
        s.pushing.store(false, Ordering::SeqCst);
    }
}

/// A recording in progress: the writer thread and what it shares.
pub struct Recording {
    stats: Arc<RecordStats>,
    thread: Option<JoinHandle<Result<u64>>>,
    path: String,
}

impl Recording {
    /// Starts the writer thread on `writer` (already open on `spec`) and
    /// returns it with the tap to hand to the engine. `capacity` in frames.
    pub fn start(
        spec: &FileSpec,
        writer: Box<dyn SoundWriter>,
        log: Arc<Logger>,
        capacity: usize,
    ) -> Result<(Recording, RecordTap)> {
        let nchnls = usize::from(spec.channels).max(1);
        let (prod, cons) = HeapRb::<f32>::new(capacity * nchnls).split();
        let stats = Arc::new(RecordStats::default());
        let path = spec.path.display().to_string();
        let job = WriterJob { cons, writer, stats: Arc::clone(&stats), log, path: path.clone(), nchnls, capacity };
        let thread = std::thread::Builder::new()
            .name("rpyo-recorder".into())
            .spawn(move || job.run())
            .map_err(|e| Error::new(Status::Io, format!("recstart: cannot start the writer thread: {e}")))?;
        let tap = RecordTap { prod, stats: Arc::clone(&stats), nchnls };
        Ok((Recording { stats, thread: Some(thread), path }, tap))
    }

    pub fn stats(&self) -> &Arc<RecordStats> {
        &self.stats
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// Stops the engine from pushing (waits out a push under way), lets the
    /// writer drain the ring, finalizes the file. Returns the frames
    /// written, or the writer's error (already logged).
    pub fn finish(mut self) -> Result<u64> {
        let s = &*self.stats;
        s.closed.store(true, Ordering::SeqCst);
        let mut spins = 0u32;
        while s.pushing.load(Ordering::SeqCst) {
            spins += 1;
            if spins < 64 {
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
        s.stop.store(true, Ordering::SeqCst);
        let Some(t) = self.thread.take() else { return Ok(s.written()) };
        t.thread().unpark();
        t.join().unwrap_or_else(|_| {
            Err(Error::new(Status::Io, format!("recording: the writer thread of '{}' panicked", self.path)))
        })
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        if self.thread.is_some() {
            let r = Recording { stats: Arc::clone(&self.stats), thread: self.thread.take(), path: self.path.clone() };
            let _ = r.finish();
        }
    }
}

struct WriterJob {
    cons: HeapCons<f32>,
    writer: Box<dyn SoundWriter>,
    stats: Arc<RecordStats>,
    log: Arc<Logger>,
    path: String,
    nchnls: usize,
    capacity: usize,
}

impl WriterJob {
    fn report_lost(&self, reported: &mut u64) {
        let lost = self.stats.lost();
        if lost > *reported {
            *reported = lost;
            self.log.log(
                LogLevel::Warning,
                &format!(
                    "recording: the writer fell behind: {lost} frames lost so far (the ring holds {} frames, {} s); \
                     '{}' stays valid but has gaps",
                    self.capacity, RING_SECONDS, self.path
                ),
            );
        }
    }

    fn run(mut self) -> Result<u64> {
        let mut buf = vec![0.0f32; CHUNK_FRAMES * self.nchnls];
        let mut failed: Option<String> = None;
        let mut reported = 0u64;
        loop {
            let stopping = self.stats.stop.load(Ordering::SeqCst);
            // The ring only ever holds whole frames (pushed whole).
            let n = self.cons.pop_slice(&mut buf);
            if n > 0 {
                if failed.is_none() {
                    match self.writer.write(&buf[..n]) {
                        Ok(()) => {
                            self.stats.written.fetch_add((n / self.nchnls) as u64, Ordering::Relaxed);
                        }
                        Err(e) => {
                            let msg = format!(
                                "recording: write failed after {} frames to '{}': {e}",
                                self.stats.written(),
                                self.path
                            );
                            self.log.log(LogLevel::Error, &msg);
                            *self.stats.error.lock().unwrap_or_else(|e| e.into_inner()) = Some(msg.clone());
                            failed = Some(msg);
                        }
                    }
                }
                self.report_lost(&mut reported);
                continue;
            }
            if stopping {
                break;
            }
            self.report_lost(&mut reported);
            std::thread::park_timeout(IDLE);
        }
        self.report_lost(&mut reported);
        let written = self.stats.written();
        let finished = self.writer.finish();
        let outcome = match (failed, finished) {
            (None, Ok(())) => {
                let lost = self.stats.lost();
                if lost > 0 {
                    self.log.log(
                        LogLevel::Warning,
                        &format!("recording: '{}' finalized with {written} frames; {lost} frames were lost", self.path),
                    );
                }
                return Ok(written);
            }
            (Some(msg), Ok(())) => format!("{msg}; the file was finalized and holds the first {written} frames"),
            (Some(msg), Err(e)) => format!("{msg}; finalizing it failed too ({e}): the file may be incomplete"),
            (None, Err(e)) => {
                format!(
                    "recording: finalizing '{}' failed after {written} frames: {e}; the file may be incomplete",
                    self.path
                )
            }
        };
        self.log.log(LogLevel::Error, &outcome);
        *self.stats.error.lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome.clone());
        Err(Error::new(Status::Io, outcome))
    }
}
