//! Recording control (pyo's recordOptions, recstart, recstop): the control
//! side opens the file and starts the writer thread, then hands the ring's
//! producer to the engine by a command.

use super::{Control, ServerInner};
use crate::engine::command::Command;
use crate::error::{Error, Result};
use crate::record::writer::{ring_frames, Recording, WriterWrapper};
use crate::record::{FileSpec, RecordOptions, SoundWriter};
use crate::server::config::AudioBackend;
use crate::server::log::LogLevel;
use std::path::Path;

impl Control {
    /// Opens the writer for `spec` (wrapped for tests). A file this call
    /// created but could not complete the header of is removed.
    pub(super) fn open_writer(&self, spec: &FileSpec, what: &str) -> Result<Box<dyn SoundWriter>> {
        let existed = spec.path.exists();
        match crate::record::open(spec) {
            Ok(w) => Ok(match &self.writer_wrapper {
                Some(wrap) => wrap(w),
                None => w,
            }),
            Err(e) => {
                if !existed && spec.path.exists() {
                    let _ = std::fs::remove_file(&spec.path);
                }
                Err(Error::new(e.status, format!("{what}: {}", e.message)))
            }
        }
    }
}

impl ServerInner {
    /// pyo's recordOptions(dur, filename, fileformat, sampletype, quality),
    /// allowed at any time; it applies to the next recstart or offline
    /// start. `dur` (seconds) is the length of an offline render (negative:
    /// not set); `filename` None: rpyo_rec.wav in the home folder;
    /// `fileformat` 0-7 (WAV, AIFF, AU, RAW, SD2, FLAC, CAF, OGG) is used
    /// when the file name has no known extension, -1 means the extension
    /// must name the format; `sampletype` 0-6 (int16, int24, int32,
    /// float32, float64, u-law, a-law); `quality` 0-1 (FLAC, Ogg).
    pub fn record_options(
        &self,
        dur: f64,
        filename: Option<&str>,
        fileformat: i32,
        sampletype: i32,
        quality: f64,
    ) -> Result<()> {
        let opts = RecordOptions::from_pyo(dur, filename, fileformat, sampletype, quality)?;
        self.lock().record_options = opts;
        Ok(())
    }

    /// The options set with [`record_options`](Self::record_options).
    pub fn recording_options(&self) -> RecordOptions {
        self.lock().record_options.clone()
    }

    /// pyo's recstart(filename): records what the server sends to the host
    /// (each computed block, after the master amplitude) to `filename`, or
    /// to recordOptions' file name, or to rpyo_rec.wav in the home folder.
    /// The format comes from the file name's extension, else from
    /// recordOptions' fileformat. Blocks are recorded while the server is
    /// started (the start offset's blocks are not); a writer thread owns
    /// the file, fed by a ring of [`RING_SECONDS`](crate::record::RING_SECONDS)
    /// of audio. With host buffers that are not whole blocks, the file
    /// holds each block as computed, so it may run up to one block ahead of
    /// what the host has been handed when recording stops.
    ///
    /// Errors: InvalidState (not booted, already recording, offline
    /// server), InvalidArgument (no format for the file name), Io (the file
    /// cannot be created), Unsupported (format and sample type), QueueFull.
    pub fn recstart(&self, filename: Option<&str>) -> Result<()> {
        let mut c = self.lock();
        let shape = c.require_booted("recstart")?;
        if matches!(c.config.audio, AudioBackend::Offline | AudioBackend::OfflineNb) {
            return Err(Error::state(
                "recstart: an offline server writes its render to the recordOptions file at start(); \
                 recstart is for the other modes",
            ));
        }
        if let Some(r) = &c.recording {
            return Err(Error::state(format!("recstart: already recording to '{}'; call recstop first", r.path())));
        }
        if filename == Some("") {
            return Err(Error::invalid("recstart: filename is empty (pass none for the recordOptions one)"));
        }
        let spec = c.record_options.spec(filename.map(Path::new), shape.sr, shape.nchnls, "recstart")?;
        let writer = c.open_writer(&spec, "recstart")?;
        let capacity = ring_frames(shape.sr, shape.bs, shape.nchnls);
        let (rec, tap) =
            Recording::start(&spec, writer, std::sync::Arc::clone(&self.log), capacity).inspect_err(|_| {
                let _ = std::fs::remove_file(&spec.path);
            })?;
        if let Err(e) = c.send(vec![Command::SetRecorder(Some(tap))]) {
            // Nothing was recorded: no file is left behind.
            let _ = rec.finish();
            let _ = std::fs::remove_file(&spec.path);
            return Err(e);
        }
        c.rec_stats = Some(std::sync::Arc::clone(rec.stats()));
        c.recording = Some(rec);
        self.settle(&mut c);
        self.log.log(LogLevel::Debug, &format!("recording to '{}'", spec.path.display()));
        Ok(())
    }

    /// pyo's recstop(): ends the recording. Returns when the file is
    /// complete and closed: the writer thread has written what the ring
    /// held and finalized the file.
    ///
    /// Errors: InvalidState (not recording), Io (writing or finalizing
    /// failed: the message says how many frames the file holds).
    pub fn recstop(&self) -> Result<()> {
        let rec =
            self.lock().recording.take().ok_or_else(|| Error::state("recstop: not recording (call recstart first)"))?;
        self.finish_recording(rec).map(|_| ())
    }

    /// Ends a recording taken out of the control state, for stop/shutdown:
    /// an error is logged (and kept for [`rec_error`](Self::rec_error)).
    pub(super) fn end_recording(&self, rec: Option<Recording>, what: &str) {
        if let Some(rec) = rec {
            if let Err(e) = self.finish_recording(rec) {
                self.log.log(LogLevel::Debug, &format!("{what}: ended the recording: {e}"));
            }
        }
    }

    /// Finalizes without the control lock (draining the ring may take a
    /// while; a process callback calling the server must not wait for it),
    /// then lets the engine hand back the closed tap.
    fn finish_recording(&self, rec: Recording) -> Result<u64> {
        let r = rec.finish();
        let mut c = self.lock();
        // A recstart made meanwhile has replaced the tap already. QueueFull:
        // the tap stays, closed, until the next recstart or shutdown.
        if c.booted.is_some() && c.recording.is_none() {
            let _ = c.send(vec![Command::SetRecorder(None)]);
        }
        self.settle(&mut c);
        r
    }

    /// True between recstart and recstop (or stop, shutdown).
    pub fn is_recording(&self) -> bool {
        self.lock().recording.is_some()
    }

    /// Frames of the current (or last) recording that were lost because the
    /// writer fell more than the ring's capacity behind (0 when none).
    pub fn rec_lost_frames(&self) -> u64 {
        self.lock().rec_stats.as_ref().map_or(0, |s| s.lost())
    }

    /// Frames of the current (or last) recording handed to the file so far.
    pub fn rec_written_frames(&self) -> u64 {
        self.lock().rec_stats.as_ref().map_or(0, |s| s.written())
    }

    /// The writer error of the current (or last) recording, if writing
    /// failed.
    pub fn rec_error(&self) -> Option<String> {
        self.lock().rec_stats.as_ref().and_then(|s| s.error())
    }

    /// The recording ring's capacity, in frames, for this server's shape
    /// ([`RING_SECONDS`](crate::record::RING_SECONDS) of audio).
    pub fn rec_ring_frames(&self) -> usize {
        let c = self.lock();
        let (sr, bs, nch) = match c.booted {
            Some(s) => (s.sr, s.bs, s.nchnls),
            None => (c.config.sr, c.config.buffersize, c.config.nchnls),
        };
        ring_frames(sr, bs, nch)
    }

    /// Wraps every sound-file writer this server opens from now on (tests:
    /// a slow or a failing writer). Not part of the stable API.
    #[doc(hidden)]
    pub fn set_record_writer_wrapper(&self, wrapper: Option<WriterWrapper>) {
        self.lock().writer_wrapper = wrapper;
    }
}
