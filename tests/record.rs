//! Recording (pyo's recordOptions / recstart / recstop) in embedded and
//! manual modes: the file holds exactly the frames the host received; it is
//! finalized by recstop, stop, shutdown and free; a writer that falls behind
//! loses an exact, reported number of frames; bad input is a clear error and
//! the engine keeps running.

mod common;

use common::manual_server;
use rpyo::record::{SoundWriter, WriterWrapper};
use rpyo::{AudioBackend, LogLevel, Server, ServerConfig, Status};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

const BS: usize = 256;
const NCH: usize = 2;

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("record-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    let _ = std::fs::remove_file(&p);
    p
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A patch with something on both channels that changes every sample.
fn patch(s: &Server) {
    let a = s.object_new("Sine", "freq=441, mul=0.5").unwrap();
    s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
    s.set_global_seed(7).unwrap();
    let n = s.object_new("Noise", "mul=0.25").unwrap();
    s.object_out(n, 1, 1, 0.0, 0.0).unwrap();
}

/// float32 WAV options, so the file holds exactly the host's samples.
fn float_options(s: &Server, path: &Path) {
    s.record_options(-1.0, Some(path_str(path)), 0, 3, 0.4).unwrap();
}

fn output_block(s: &Server) -> Vec<f32> {
    let p = s.output_buffer().unwrap();
    // SAFETY: the output buffer holds BS * NCH floats until shutdown.
    unsafe { std::slice::from_raw_parts(p, BS * NCH) }.to_vec()
}

/// Processes `n` blocks in manual mode and returns what the host saw.
fn blocks(s: &Server, n: usize) -> Vec<f32> {
    let mut out = Vec::new();
    for _ in 0..n {
        s.process_block().unwrap();
        out.extend(output_block(s));
    }
    out
}

fn read_f32(path: &Path) -> (hound::WavSpec, Vec<f32>) {
    let mut r = hound::WavReader::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let spec = r.spec();
    (spec, r.samples::<f32>().map(|x| x.unwrap()).collect())
}

fn frames_in(path: &Path) -> u32 {
    hound::WavReader::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).duration()
}

type Log = Arc<Mutex<Vec<(LogLevel, String)>>>;

fn capture_log(s: &Server) -> Log {
    let log: Log = Arc::default();
    let l = Arc::clone(&log);
    s.set_verbosity(15).unwrap();
    s.set_log_callback(Some(Box::new(move |level, msg: &str| l.lock().unwrap().push((level, msg.to_string())))));
    log
}

#[test]
fn manual_recording_holds_exactly_the_output_buffers() {
    let path = tmp("manual.wav");
    let s = manual_server(false);
    patch(&s);
    float_options(&s, &path);
    s.recstart(None).unwrap();
    assert!(s.is_recording());
    s.start().unwrap();
    let seen = blocks(&s, 50);
    s.recstop().unwrap();
    assert!(!s.is_recording());
    let after = blocks(&s, 3);
    assert!(after.iter().any(|x| *x != 0.0), "the engine keeps running after recstop");
    let (spec, got) = read_f32(&path);
    assert_eq!((spec.channels, spec.sample_rate, spec.bits_per_sample), (2, 44100, 32));
    assert_eq!(spec.sample_format, hound::SampleFormat::Float);
    assert_eq!(got.len(), seen.len(), "frames");
    assert!(got == seen, "the file differs from the output buffers");
    assert_eq!(s.rec_lost_frames(), 0);
    assert_eq!(s.rec_written_frames(), 50 * BS as u64);
}

#[test]
fn embedded_recording_holds_exactly_what_the_host_received() {
    let path = tmp("embedded.wav");
    let s =
        Server::new(ServerConfig { audio: AudioBackend::Embedded, duplex: false, verbosity: 1, ..Default::default() })
            .unwrap();
    s.boot(true).unwrap();
    patch(&s);
    float_options(&s, &path);
    s.start().unwrap();
    let mut host = vec![0.0f32; 512 * NCH];
    // Before recstart: not in the file.
    s.process_interleaved::<f32>(None, &mut host, 512).unwrap();
    s.recstart(Some(path_str(&path))).unwrap();
    let mut seen = Vec::new();
    for _ in 0..40 {
        s.process_interleaved::<f32>(None, &mut host, 512).unwrap();
        seen.extend_from_slice(&host);
    }
    s.recstop().unwrap();
    let (_, got) = read_f32(&path);
    assert_eq!(got.len(), 40 * 512 * NCH);
    assert!(got == seen, "the file differs from the host's buffers");
}

#[test]
fn recording_skips_the_start_offset_and_stopped_blocks() {
    let path = tmp("offset.wav");
    let s = manual_server(false);
    let sig = s.object_new("Sig", "1").unwrap();
    s.object_out(sig, 0, 1, 0.0, 0.0).unwrap();
    float_options(&s, &path);
    s.recstart(None).unwrap();
    blocks(&s, 4); // stopped: silence, not recorded
    s.set_start_offset(0.5).unwrap();
    s.start().unwrap(); // 87 blocks computed, not recorded
    let seen = blocks(&s, 3);
    s.recstop().unwrap();
    let (_, got) = read_f32(&path);
    assert_eq!(got.len(), 3 * BS * NCH);
    assert_eq!(got[0], 1.0 / 220.0, "the first recorded frame is the first heard");
    assert!(got == seen);
}

fn finalized_by(end: impl FnOnce(Server), name: &str) {
    let path = tmp(name);
    let s = manual_server(false);
    patch(&s);
    s.record_options(-1.0, None, 0, 0, 0.4).unwrap(); // int16
    s.recstart(Some(path_str(&path))).unwrap();
    s.start().unwrap();
    blocks(&s, 30);
    end(s);
    assert_eq!(frames_in(&path), 30 * BS as u32, "{name}: frames in the finalized file");
    let r = hound::WavReader::open(&path).unwrap();
    assert_eq!(r.spec().bits_per_sample, 16);
    assert_eq!(r.into_samples::<i16>().filter(|x| x.is_ok()).count(), 30 * BS * NCH, "{name}: every sample reads");
}

#[test]
fn recstop_finalizes_the_file() {
    finalized_by(|s| s.recstop().unwrap(), "end_recstop.wav");
}

#[test]
fn stop_finalizes_the_file() {
    finalized_by(
        |s| {
            s.stop().unwrap();
            assert!(!s.is_recording(), "stop ends the recording");
            // Keep the server alive: the file is complete before free.
            std::mem::forget(s);
        },
        "end_stop.wav",
    );
}

#[test]
fn shutdown_finalizes_the_file() {
    finalized_by(
        |s| {
            s.shutdown().unwrap();
            assert!(!s.is_recording());
            std::mem::forget(s);
        },
        "end_shutdown.wav",
    );
}

#[test]
fn free_finalizes_the_file() {
    finalized_by(drop, "end_free.wav");
}

/// A writer that blocks on its first write until the gate opens.
#[derive(Default)]
struct Gate {
    state: Mutex<(bool, bool)>, // (entered, open)
    cv: Condvar,
}

impl Gate {
    fn wait_entered(&self) {
        let mut g = self.state.lock().unwrap();
        while !g.0 {
            g = self.cv.wait(g).unwrap();
        }
    }
    fn open(&self) {
        self.state.lock().unwrap().1 = true;
        self.cv.notify_all();
    }
    fn pass(&self) {
        let mut g = self.state.lock().unwrap();
        g.0 = true;
        self.cv.notify_all();
        while !g.1 {
            g = self.cv.wait(g).unwrap();
        }
    }
}

struct GateWriter {
    inner: Box<dyn SoundWriter>,
    gate: Arc<Gate>,
}

impl SoundWriter for GateWriter {
    fn write(&mut self, x: &[f32]) -> io::Result<()> {
        self.gate.pass();
        self.inner.write(x)
    }
    fn finish(self: Box<Self>) -> io::Result<()> {
        self.inner.finish()
    }
}

fn gated(s: &Server) -> Arc<Gate> {
    let gate = Arc::new(Gate::default());
    let g = Arc::clone(&gate);
    let wrap: WriterWrapper = Arc::new(move |inner| Box::new(GateWriter { inner, gate: Arc::clone(&g) }));
    s.set_record_writer_wrapper(Some(wrap));
    gate
}

/// What a slow-writer run gives: what the host saw, the file, lost frames,
/// the log, the ring's capacity.
struct SlowRun {
    seen: Vec<f32>,
    got: Vec<f32>,
    lost: u64,
    log: Vec<(LogLevel, String)>,
    cap: usize,
}

/// The writer takes block 0, then blocks; `more` blocks follow while it is
/// blocked.
fn slow_writer(more: usize, name: &str) -> SlowRun {
    let path = tmp(name);
    let s = manual_server(false);
    let log = capture_log(&s);
    patch(&s);
    float_options(&s, &path);
    let gate = gated(&s);
    s.recstart(None).unwrap();
    s.start().unwrap();
    let mut seen = blocks(&s, 1);
    gate.wait_entered(); // the writer popped block 0 and is stuck writing it
    seen.extend(blocks(&s, more));
    let lost = s.rec_lost_frames();
    gate.open();
    s.recstop().unwrap();
    let (_, got) = read_f32(&path);
    let log = log.lock().unwrap().clone();
    SlowRun { seen, got, lost, log, cap: s.rec_ring_frames() }
}

#[test]
fn a_slow_writer_within_the_ring_loses_nothing() {
    let cap = rpyo::record::writer::ring_frames(44100.0, BS, NCH);
    assert_eq!(cap, 88200, "2 s at 44100 Hz");
    let more = cap / BS; // 344 blocks: 88064 frames fit
    let SlowRun { seen, got, lost, log, .. } = slow_writer(more, "slow_fits.wav");
    assert_eq!(lost, 0);
    assert_eq!(got.len(), seen.len());
    assert!(got == seen, "every frame reached the file");
    assert!(!log.iter().any(|(_, m)| m.contains("lost")), "{log:?}");
}

#[test]
fn a_slow_writer_beyond_the_ring_loses_an_exact_count_and_says_so() {
    let more = 400;
    let SlowRun { seen, got, lost, log, cap } = slow_writer(more, "slow_overflows.wav");
    assert_eq!(cap, 88200);
    let expected_lost = (more * BS - cap) as u64;
    assert_eq!(lost, expected_lost, "frames beyond the ring's capacity");
    // Block 0, then the first `cap` frames pushed while the writer was stuck.
    let kept = (BS + cap) * NCH;
    assert_eq!(got.len(), kept, "the file holds what the ring held");
    assert!(got[..] == seen[..kept], "whole frames, in order");
    let warned: Vec<_> = log.iter().filter(|(l, m)| *l == LogLevel::Warning && m.contains("lost")).collect();
    assert!(
        warned.iter().any(|(_, m)| m.contains(&format!("{expected_lost} frames"))),
        "the log reports the loss: {log:?}"
    );
}

/// Fails (like a full disk) once more than `limit` frames would be written.
struct FailingWriter {
    inner: Box<dyn SoundWriter>,
    written: usize,
    limit: usize,
}

impl SoundWriter for FailingWriter {
    fn write(&mut self, x: &[f32]) -> io::Result<()> {
        if self.written + x.len() / NCH > self.limit {
            return Err(io::Error::other("No space left on device (simulated)"));
        }
        self.written += x.len() / NCH;
        self.inner.write(x)
    }
    fn finish(self: Box<Self>) -> io::Result<()> {
        self.inner.finish()
    }
}

#[test]
fn a_failing_writer_is_reported_and_the_file_stays_valid() {
    let path = tmp("disk_full.wav");
    let s = manual_server(false);
    let log = capture_log(&s);
    patch(&s);
    float_options(&s, &path);
    let wrap: WriterWrapper = Arc::new(|inner| Box::new(FailingWriter { inner, written: 0, limit: 1000 }));
    s.set_record_writer_wrapper(Some(wrap));
    s.recstart(None).unwrap();
    s.start().unwrap();
    let seen = blocks(&s, 20);
    let e = s.recstop().unwrap_err();
    let written = s.rec_written_frames();
    assert!(written <= 1000);
    assert_eq!(e.status, Status::Io);
    assert!(
        e.message.starts_with(&format!("recording: write failed after {written} frames to '{}'", path.display())),
        "{}",
        e.message
    );
    assert!(e.message.contains("No space left") && e.message.contains("finalized"), "{}", e.message);
    assert_eq!(s.rec_error().as_deref(), Some(&*e.message));
    assert!(log.lock().unwrap().iter().any(|(l, m)| *l == LogLevel::Error && m.contains("write failed")));
    // The file is valid and holds the frames written before the failure.
    let (_, got) = read_f32(&path);
    assert_eq!(got.len(), written as usize * NCH);
    assert!(got[..] == seen[..got.len()]);
    // The engine keeps running, and a new recording works.
    s.set_record_writer_wrapper(None);
    assert!(blocks(&s, 2).iter().any(|x| *x != 0.0));
    let again = tmp("after_disk_full.wav");
    s.recstart(Some(path_str(&again))).unwrap();
    blocks(&s, 2);
    s.recstop().unwrap();
    assert_eq!(frames_in(&again), 2 * BS as u32);
}

#[test]
fn an_unwritable_path_is_a_clear_error() {
    let s = manual_server(false);
    patch(&s);
    s.start().unwrap();
    let e = s.recstart(Some("/nonexistent/dir/x.wav")).unwrap_err();
    assert_eq!(e.status, Status::Io);
    assert!(e.message.starts_with("recstart:") && e.message.contains("/nonexistent/dir/x.wav"), "{}", e.message);
    assert!(!s.is_recording());
    assert!(!Path::new("/nonexistent/dir/x.wav").exists());
    assert!(blocks(&s, 2).iter().any(|x| *x != 0.0), "the engine keeps running");
}

#[test]
fn no_extension_and_no_format_is_a_clear_error() {
    let s = manual_server(false);
    let path = tmp("take_without_extension");
    s.record_options(-1.0, Some(path_str(&path)), -1, 0, 0.4).unwrap();
    let e = s.recstart(None).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(e.message.contains("take_without_extension") && e.message.contains("extension"), "{}", e.message);
    assert!(!path.exists(), "no file was left");
    // A format out of range is refused by recordOptions, naming it.
    for (ff, st, q, name) in [(8, 0, 0.4, "fileformat 8"), (0, 9, 0.4, "sampletype 9"), (0, 0, 2.0, "quality 2")] {
        let e = s.record_options(1.0, None, ff, st, q).unwrap_err();
        assert_eq!(e.status, Status::InvalidArgument);
        assert!(e.message.contains(name), "{name}: {}", e.message);
    }
    // With a fileformat, the file name without an extension is that format.
    s.record_options(-1.0, Some(path_str(&path)), 0, 0, 0.4).unwrap();
    s.recstart(None).unwrap();
    s.recstop().unwrap();
    assert_eq!(frames_in(&path), 0);
}

#[test]
fn recstart_while_recording_is_refused_and_the_first_recording_goes_on() {
    let (a, b) = (tmp("first.wav"), tmp("second.wav"));
    let s = manual_server(false);
    patch(&s);
    float_options(&s, &a);
    s.recstart(None).unwrap();
    s.start().unwrap();
    let mut seen = blocks(&s, 5);
    let e = s.recstart(Some(path_str(&b))).unwrap_err();
    assert_eq!(e.status, Status::InvalidState);
    assert!(e.message.contains("already recording") && e.message.contains("first.wav"), "{}", e.message);
    assert!(!b.exists());
    seen.extend(blocks(&s, 5));
    s.recstop().unwrap();
    assert_eq!(read_f32(&a).1, seen);
    let e = s.recstop().unwrap_err();
    assert_eq!(e.status, Status::InvalidState);
}

#[test]
fn recording_needs_a_booted_server_and_not_an_offline_one() {
    let s = Server::new(ServerConfig { audio: AudioBackend::Manual, verbosity: 1, ..Default::default() }).unwrap();
    assert_eq!(s.recstart(Some(path_str(&tmp("x.wav")))).unwrap_err().status, Status::InvalidState);
    let off = Server::new(ServerConfig { audio: AudioBackend::Offline, verbosity: 1, ..Default::default() }).unwrap();
    off.boot(true).unwrap();
    let e = off.recstart(Some(path_str(&tmp("y.wav")))).unwrap_err();
    assert_eq!(e.status, Status::InvalidState);
    assert!(e.message.contains("offline"), "{}", e.message);
}

#[test]
fn a_process_callback_may_call_the_server_during_the_start_offset() {
    // The offset's blocks run without the control lock (they used to hold
    // it: a callback calling the server waited for itself).
    let s = manual_server(false);
    let sig = s.object_new("Sig", "0").unwrap();
    s.object_out(sig, 0, 1, 0.0, 0.0).unwrap();
    let id = s.id();
    let mut block = 0;
    s.set_process_callback(Some(Box::new(move || {
        block += 1;
        if block == 10 {
            rpyo::server::with_server_id(id, |srv| srv.object_set_float(sig, "value", 0.5).unwrap());
        }
    })))
    .unwrap();
    s.set_start_offset(0.5).unwrap();
    s.start().unwrap();
    let out = blocks(&s, 2);
    assert!((out[2 * 300] - 0.5).abs() < 1e-5, "the change made during the offset holds: {}", out[2 * 300]);
}
