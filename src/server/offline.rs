//! Offline rendering (pyo's audio='offline' and 'offline_nb'): start()
//! runs the engine's blocks as fast as possible, the same blocks manual
//! mode computes, and writes exactly round(dur*sr) frames to the
//! recordOptions file (pyo writes whole blocks: ceil(dur*sr/bs)*bs frames).
//! The start offset's blocks are computed first and not written.

use super::{Control, ServerInner};
use crate::engine::denormal::DenormalGuard;
use crate::engine::{Engine, EngineShape};
use crate::error::{Error, Result, Status};
use crate::record::SoundWriter;
use crate::server::config::AudioBackend;
use crate::server::log::LogLevel;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::{JoinHandle, ThreadId};
use std::time::{Duration, Instant};

/// How an offline render ended.
#[derive(Clone, Debug, PartialEq)]
pub struct RenderOutcome {
    /// Frames written to the file.
    pub frames: u64,
    /// True when stop() (or shutdown, free) ended the render early; the
    /// file is finalized and holds `frames` frames.
    pub aborted: bool,
    /// Writing or finalizing failed (the message says what the file holds).
    pub error: Option<Error>,
}

/// Called once an offline render's file is finalized (on the render's
/// thread: the worker thread of 'offline_nb', start()'s caller for
/// 'offline').
pub type DoneCallback = Box<dyn FnMut(&RenderOutcome) + Send>;

#[derive(Default)]
struct Completion {
    done: Mutex<bool>,
    cv: Condvar,
}

impl Completion {
    fn is_done(&self) -> bool {
        *self.done.lock().unwrap_or_else(|e| e.into_inner())
    }
    fn mark(&self) {
        *self.done.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.cv.notify_all();
    }
    fn wait(&self, timeout: Option<Duration>) -> bool {
        // A timeout too long to represent waits as long as it takes.
        let deadline = timeout.and_then(|t| Instant::now().checked_add(t));
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        while !*done {
            match deadline {
                None => done = self.cv.wait(done).unwrap_or_else(|e| e.into_inner()),
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        return false;
                    }
                    done = self.cv.wait_timeout(done, d - now).unwrap_or_else(|e| e.into_inner()).0;
                }
            }
        }
        true
    }
}

/// The offline render in progress, or the last one.
pub(crate) struct OfflineJob {
    abort: Arc<AtomicBool>,
    completion: Arc<Completion>,
    thread: Option<JoinHandle<()>>,
    thread_id: Option<ThreadId>,
}

struct Render {
    writer: Box<dyn SoundWriter>,
    frames: u64,
    preroll: u64,
    path: String,
    abort: Arc<AtomicBool>,
    shape: EngineShape,
}

impl ServerInner {
    fn offline_slot(&self) -> MutexGuard<'_, Option<OfflineJob>> {
        self.offline.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// start() of an 'offline' or 'offline_nb' server.
    pub(super) fn start_offline(&self, c: MutexGuard<'_, Control>, shape: EngineShape) -> Result<()> {
        let nb = c.config.audio == AudioBackend::OfflineNb;
        {
            let mut slot = self.offline_slot();
            if slot.as_ref().is_some_and(|j| !j.completion.is_done()) {
                return Err(Error::state(
                    "start: an offline render is already running (stop() aborts it, wait() waits for it)",
                ));
            }
            if let Some(t) = slot.take().and_then(|mut j| j.thread.take()) {
                let _ = t.join();
            }
        }
        let dur = c.record_options.dur;
        if dur.is_nan() || dur <= 0.0 {
            return Err(Error::invalid(format!(
                "start: offline rendering needs a duration: call recordOptions with dur > 0 seconds (dur is {dur})"
            )));
        }
        let frames = (dur * shape.sr).round() as u64;
        if frames == 0 {
            return Err(Error::invalid(format!(
                "start: recordOptions dur {dur} s is shorter than one frame at {} Hz",
                shape.sr
            )));
        }
        let spec = c.record_options.spec(None, shape.sr, shape.nchnls, "start")?;
        let writer = c.open_writer(&spec, "start")?;
        let preroll =
            if c.start_offset > 0.0 { (c.start_offset as f64 * shape.sr / shape.bs as f64).ceil() as u64 } else { 0 };
        let abort = Arc::new(AtomicBool::new(false));
        let completion = Arc::new(Completion::default());
        let render =
            Render { writer, frames, preroll, path: spec.path.display().to_string(), abort: Arc::clone(&abort), shape };
        self.shared.start_generation.fetch_add(1, Ordering::AcqRel);
        self.shared.started.store(true, Ordering::Release);
        // The render runs without the control lock: the process callback
        // may call the server, as in manual mode.
        drop(c);
        let mut slot = self.offline_slot();
        if nb {
            let me = self.self_ref.upgrade().ok_or_else(|| Error::state("start: the server is being freed"))?;
            let comp = Arc::clone(&completion);
            let spawned = std::thread::Builder::new().name("rpyo-offline".into()).spawn(move || {
                let outcome = me.render(render);
                me.finish_render(outcome, &comp);
            });
            let thread = match spawned {
                Ok(t) => t,
                Err(e) => {
                    self.shared.started.store(false, Ordering::Release);
                    return Err(Error::new(Status::Io, format!("start: cannot start the offline thread: {e}")));
                }
            };
            let thread_id = Some(thread.thread().id());
            *slot = Some(OfflineJob { abort, completion, thread: Some(thread), thread_id });
            Ok(())
        } else {
            *slot = Some(OfflineJob {
                abort,
                completion: Arc::clone(&completion),
                thread: None,
                thread_id: Some(std::thread::current().id()),
            });
            drop(slot);
            let outcome = self.render(render);
            let error = outcome.error.clone();
            self.finish_render(outcome, &completion);
            error.map_or(Ok(()), Err)
        }
    }

    /// Runs `f` on the engine as the audio side, waiting while another
    /// thread holds it; None when aborted or shut down.
    fn offline_block<R>(&self, abort: &AtomicBool, f: impl FnOnce(&mut Engine) -> R) -> Option<R> {
        loop {
            if abort.load(Ordering::Acquire) {
                return None;
            }
            match self.engine.try_audio() {
                Ok(mut g) => return g.as_mut().map(|e| f(e)),
                Err(_) => std::thread::yield_now(),
            }
        }
    }

    fn render(&self, mut r: Render) -> RenderOutcome {
        let _ftz = DenormalGuard::new();
        let nch = r.shape.nchnls;
        let bs = r.shape.bs as u64;
        let mut written = 0u64;
        let mut aborted = false;
        let mut failed = None;
        if r.preroll > 0 && self.offline_block(&r.abort, |e| e.preroll(r.preroll)).is_none() {
            aborted = true;
        }
        while !aborted && written < r.frames {
            let n = (r.frames - written).min(bs) as usize;
            let writer = &mut r.writer;
            let step = self.offline_block(&r.abort, |e| {
                // A block not computed (stopped) is not written.
                e.process_block().then(|| writer.write(&e.io.output.as_slice()[..n * nch]))
            });
            match step.flatten() {
                None => aborted = true,
                Some(Err(e)) => {
                    failed = Some(format!("offline: write failed after {written} frames to '{}': {e}", r.path));
                    break;
                }
                Some(Ok(())) => written += n as u64,
            }
        }
        let finished = r.writer.finish();
        let error = match (failed, finished) {
            (None, Ok(())) => None,
            (Some(m), Ok(())) => Some(format!("{m}; the file was finalized and holds the first {written} frames")),
            (Some(m), Err(e)) => Some(format!("{m}; finalizing it failed too ({e}): the file may be incomplete")),
            (None, Err(e)) => Some(format!(
                "offline: finalizing '{}' failed after {written} frames: {e}; the file may be incomplete",
                r.path
            )),
        };
        match &error {
            Some(m) => self.log.log(LogLevel::Error, m),
            None if aborted => self.log.log(
                LogLevel::Message,
                &format!("offline: render aborted after {written} of {} frames; '{}' is finalized", r.frames, r.path),
            ),
            None => self.log.log(LogLevel::Debug, &format!("offline: wrote {written} frames to '{}'", r.path)),
        }
        RenderOutcome { frames: written, aborted, error: error.map(|m| Error::new(Status::Io, m)) }
    }

    /// After the file is finalized: not started any more, the done
    /// callback, then wait() returns.
    fn finish_render(&self, outcome: RenderOutcome, completion: &Completion) {
        self.shared.started.store(false, Ordering::Release);
        let cb = self.done_cb.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(mut cb) = cb {
            // A panicking callback must not leave wait() waiting forever.
            let called = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cb(&outcome)));
            if called.is_err() {
                self.log.log(LogLevel::Error, "offline: the done callback panicked");
            }
            let mut slot = self.done_cb.lock().unwrap_or_else(|e| e.into_inner());
            // Unless the callback set another one meanwhile.
            if slot.is_none() {
                *slot = Some(cb);
            }
        }
        completion.mark();
    }

    /// Aborts an offline render in progress and waits for its file to be
    /// finalized (unless called from the render's own thread).
    pub(super) fn abort_offline(&self) {
        let (thread, completion) = {
            let mut slot = self.offline_slot();
            let Some(job) = slot.as_mut() else { return };
            job.abort.store(true, Ordering::Release);
            if job.thread_id == Some(std::thread::current().id()) {
                return;
            }
            (job.thread.take(), Arc::clone(&job.completion))
        };
        match thread {
            Some(t) => {
                let _ = t.join();
            }
            // 'offline': the render runs on the thread that called start().
            None => {
                completion.wait(None);
            }
        }
    }

    /// Waits until the offline render (if any) has finished: its file is
    /// finalized and the done callback has returned. `timeout` None waits
    /// as long as it takes. Returns true when no render is running.
    ///
    /// Errors: InvalidState when called from the render's own thread (the
    /// process or done callback), where it would wait for itself.
    pub fn wait(&self, timeout: Option<Duration>) -> Result<bool> {
        let completion = {
            let slot = self.offline_slot();
            let Some(job) = slot.as_ref() else { return Ok(true) };
            if job.thread_id == Some(std::thread::current().id()) && !job.completion.is_done() {
                return Err(Error::state("wait: called from the offline render's own thread (a callback)"));
            }
            Arc::clone(&job.completion)
        };
        Ok(completion.wait(timeout))
    }

    /// Sets (None clears) the callback called when an offline render has
    /// finalized its file, on the render's thread, after is_started turns
    /// false and before wait() returns. It must not call wait(); it may
    /// call the server otherwise.
    pub fn set_done_callback(&self, cb: Option<DoneCallback>) {
        *self.done_cb.lock().unwrap_or_else(|e| e.into_inner()) = cb;
    }
}
