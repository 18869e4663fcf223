//! Offline rendering (audio 'offline' and 'offline_nb'): exactly
//! round(dur*sr) frames, the same samples manual mode computes, the start
//! offset as pyo renders it, waiting, the done callback, and aborting.

mod common;

use common::golden::{check_within, TOLERANCE};
use common::manual_server;
use rpyo::record::{SoundWriter, WriterWrapper};
use rpyo::server::offline::RenderOutcome;
use rpyo::server::with_server_id;
use rpyo::{AudioBackend, Server, ServerConfig, Status};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

const SR: f64 = 44100.0;
const BS: usize = 256;
const NCH: usize = 2;

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("offline-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    let _ = std::fs::remove_file(&p);
    p
}

fn server(audio: AudioBackend) -> Server {
    let s = Server::new(ServerConfig { audio, duplex: false, verbosity: 1, ..Default::default() }).unwrap();
    s.deactivate_midi().unwrap();
    s.boot(true).unwrap();
    s
}

/// float32 WAV of `dur` seconds at `path`.
fn options(s: &Server, dur: f64, path: &Path) {
    s.record_options(dur, Some(path.to_str().unwrap()), 0, 3, 0.4).unwrap();
}

fn read_f32(path: &Path) -> Vec<f32> {
    let mut r = hound::WavReader::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(r.spec().channels as usize, NCH);
    r.samples::<f32>().map(|x| x.unwrap()).collect()
}

/// A patch with random objects, an envelope, a frequency change at block 10
/// (from the process callback, as pyo's setCallback) and an amplitude change.
fn patch(s: &Server) {
    s.set_global_seed(1234).unwrap();
    let f = s.object_new("Fader", "fadein=0.05, fadeout=0.1, dur=0.3").unwrap();
    s.object_play(f, 0.0, 0.0).unwrap();
    let a = s.object_new("Sine", &format!("freq=330, mul=@{}", f.id)).unwrap();
    s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
    let n = s.object_new("Noise", "mul=0.2").unwrap();
    let lp = s.object_new("ButLP", &format!("@{}, freq=2000", n.id)).unwrap();
    s.object_out(lp, 1, 1, 0.0, 0.0).unwrap();
    let id = s.id();
    let block = Arc::new(Mutex::new(0usize));
    s.set_process_callback(Some(Box::new(move || {
        let mut b = block.lock().unwrap();
        if *b == 10 {
            with_server_id(id, |srv| {
                srv.object_set_float(a, "freq", 660.0).unwrap();
                srv.set_amp(0.5).unwrap();
            });
        }
        *b += 1;
    })))
    .unwrap();
}

#[test]
fn offline_writes_exactly_round_dur_times_sr_frames() {
    for (dur, name) in [(0.5, "len_half.wav"), (0.01, "len_short.wav"), (1.0, "len_one.wav")] {
        let path = tmp(name);
        let s = server(AudioBackend::Offline);
        let sig = s.object_new("Sig", "0.25").unwrap();
        s.object_out(sig, 0, 1, 0.0, 0.0).unwrap();
        options(&s, dur, &path);
        s.start().unwrap();
        assert!(!s.is_started(), "start() returns when the file is complete");
        let frames = (dur * SR).round() as u32;
        let r = hound::WavReader::open(&path).unwrap();
        assert_eq!(r.duration(), frames, "dur {dur}: round(dur*sr) frames (pyo writes whole blocks)");
        assert_eq!(s.current_time_in_samples(), (frames as u64).div_ceil(BS as u64) * BS as u64);
    }
}

#[test]
fn offline_equals_manual_mode_sample_for_sample() {
    let dur = 0.75; // 33075 frames: 129 whole blocks and 51 frames of the 130th
    let path = tmp("equals_manual.wav");
    let off = server(AudioBackend::Offline);
    patch(&off);
    options(&off, dur, &path);
    off.start().unwrap();
    let file = read_f32(&path);

    let m = manual_server(false);
    patch(&m);
    m.start().unwrap();
    let out = m.output_buffer().unwrap();
    let mut manual = Vec::new();
    while manual.len() < file.len() {
        m.process_block().unwrap();
        // SAFETY: the output buffer holds BS * NCH floats until shutdown.
        manual.extend_from_slice(unsafe { std::slice::from_raw_parts(out, BS * NCH) });
    }
    assert_eq!(file.len(), (dur * SR).round() as usize * NCH);
    assert!(file.iter().any(|x| *x != 0.0));
    let first_diff = file.iter().zip(&manual).position(|(a, b)| a.to_bits() != b.to_bits());
    assert_eq!(first_diff, None, "offline and manual differ");
}

#[test]
fn a_missing_or_negative_dur_is_a_clear_error() {
    for dur in [None, Some(-1.0), Some(0.0)] {
        let path = tmp("no_dur.wav");
        let s = server(AudioBackend::Offline);
        if let Some(d) = dur {
            options(&s, d, &path);
        }
        let e = s.start().unwrap_err();
        assert_eq!(e.status, Status::InvalidArgument);
        assert!(e.message.contains("recordOptions") && e.message.contains("dur"), "{}", e.message);
        assert!(!s.is_started());
        assert!(!path.exists());
    }
}

#[test]
fn start_offset_matches_pyo() {
    // tests/golden/cases_offline.py: pyo computes ceil(0.5*44100/256) = 87
    // blocks at start() without recording them, then ramps the amplitude in.
    let path = tmp("start_offset.wav");
    let s = server(AudioBackend::Offline);
    s.set_start_offset(0.5).unwrap();
    let l = s.object_new("Linseg", "[(0, 0), (2, 1)]").unwrap();
    s.object_play(l, 0.0, 0.0).unwrap();
    let a = s.object_new("Sig", &format!("@{}", l.id)).unwrap();
    s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
    let b = s.object_new("Sine", "440, mul=0.5").unwrap();
    s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    options(&s, 1.0, &path);
    s.start().unwrap();
    let ours = read_f32(&path);
    assert_eq!(ours.len(), 44100 * NCH, "round(dur*sr) frames after the offset");
    // pyo's file holds 173 whole blocks (44288 frames); rpyo stops at 44100.
    let mut padded = ours.clone();
    let golden = common::read_wav(&format!("{}/tests/golden/start_offset.wav", env!("CARGO_MANIFEST_DIR"))).1;
    padded.extend_from_slice(&golden[ours.len()..]);
    check_within("start_offset", &padded, TOLERANCE);
}

/// Blocks the first write until opened.
#[derive(Default)]
struct Gate {
    state: Mutex<(bool, bool)>,
    cv: Condvar,
}

struct GateWriter {
    inner: Box<dyn SoundWriter>,
    gate: Arc<Gate>,
}

impl SoundWriter for GateWriter {
    fn write(&mut self, x: &[f32]) -> io::Result<()> {
        let mut g = self.gate.state.lock().unwrap();
        g.0 = true;
        self.gate.cv.notify_all();
        while !g.1 {
            g = self.gate.cv.wait(g).unwrap();
        }
        drop(g);
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

fn open(gate: &Gate) {
    let mut g = gate.state.lock().unwrap();
    while !g.0 {
        g = gate.cv.wait(g).unwrap();
    }
    g.1 = true;
    gate.cv.notify_all();
}

type Outcomes = Arc<Mutex<Vec<RenderOutcome>>>;

fn on_done(s: &Server) -> Outcomes {
    let got: Outcomes = Arc::default();
    let g = Arc::clone(&got);
    s.set_done_callback(Some(Box::new(move |o: &RenderOutcome| g.lock().unwrap().push(o.clone()))));
    got
}

#[test]
fn offline_nb_returns_at_once_then_wait_and_the_callback_report_the_end() {
    let path = tmp("nb.wav");
    let s = server(AudioBackend::OfflineNb);
    patch(&s);
    options(&s, 0.5, &path);
    let done = on_done(&s);
    let gate = gated(&s);
    s.start().unwrap();
    // The worker is held in its first write: start() has returned already.
    assert!(s.is_started());
    assert!(!s.wait(Some(Duration::from_millis(20))).unwrap(), "the time ran out");
    assert!(done.lock().unwrap().is_empty());
    assert_eq!(s.start().unwrap_err().status, Status::InvalidState, "one render at a time");
    open(&gate);
    assert!(s.wait(None).unwrap());
    assert!(!s.is_started());
    let frames = 22050;
    assert_eq!(*done.lock().unwrap(), vec![RenderOutcome { frames, aborted: false, error: None }]);
    assert_eq!(hound::WavReader::open(&path).unwrap().duration(), frames as u32);
    // The same file as a blocking render.
    let blocking = tmp("nb_blocking.wav");
    let b = server(AudioBackend::Offline);
    patch(&b);
    options(&b, 0.5, &blocking);
    b.start().unwrap();
    assert!(read_f32(&path) == read_f32(&blocking));
    // Waiting again (nothing running) returns at once; a new render works.
    assert!(s.wait(Some(Duration::ZERO)).unwrap());
    assert!(s.wait(Some(Duration::MAX)).unwrap(), "an endless timeout is no overflow");
    s.set_record_writer_wrapper(None);
    s.start().unwrap();
    assert!(s.wait(None).unwrap());
    assert_eq!(done.lock().unwrap().len(), 2);
}

/// Starts a long offline_nb render held in its first write; `end` ends it
/// after the gate opens. The file must be valid, finalized and shorter.
fn aborted_by(end: impl FnOnce(Server, &Arc<Gate>), name: &str) -> Outcomes {
    let path = tmp(name);
    let s = server(AudioBackend::OfflineNb);
    patch(&s);
    options(&s, 3600.0, &path);
    let done = on_done(&s);
    let gate = gated(&s);
    s.start().unwrap();
    end(s, &gate);
    let got = done.lock().unwrap().clone();
    assert_eq!(got.len(), 1, "{name}: the callback ran once");
    let o = &got[0];
    assert!(o.aborted && o.error.is_none(), "{name}: {o:?}");
    assert!(o.frames < 3600 * 44100 && o.frames % BS as u64 == 0, "{name}: whole blocks, fewer than asked");
    let r = hound::WavReader::open(&path).unwrap();
    assert_eq!(r.duration() as u64, o.frames, "{name}: the finalized file holds what was written");
    done
}

#[test]
fn stop_aborts_offline_nb_and_leaves_a_finalized_file() {
    aborted_by(
        |s, gate| {
            open(gate);
            s.stop().unwrap();
            assert!(!s.is_started());
            assert!(s.wait(Some(Duration::ZERO)).unwrap(), "stop waited for the file");
            std::mem::forget(s);
        },
        "abort_stop.wav",
    );
}

#[test]
fn shutdown_and_free_abort_offline_nb_and_leave_a_finalized_file() {
    aborted_by(
        |s, gate| {
            open(gate);
            s.shutdown().unwrap();
            std::mem::forget(s);
        },
        "abort_shutdown.wav",
    );
    aborted_by(
        |s, gate| {
            open(gate);
            drop(s);
        },
        "abort_free.wav",
    );
}

#[test]
fn stop_from_the_process_callback_ends_the_render_after_that_block() {
    let path = tmp("abort_callback.wav");
    let s = server(AudioBackend::OfflineNb);
    let sig = s.object_new("Sig", "0.5").unwrap();
    s.object_out(sig, 0, 1, 0.0, 0.0).unwrap();
    options(&s, 10.0, &path);
    let done = on_done(&s);
    let id = s.id();
    let mut block = 0;
    s.set_process_callback(Some(Box::new(move || {
        block += 1;
        if block == 20 {
            with_server_id(id, |srv| srv.stop().unwrap());
        }
    })))
    .unwrap();
    s.start().unwrap();
    assert!(s.wait(None).unwrap());
    let o = done.lock().unwrap()[0].clone();
    assert_eq!(o, RenderOutcome { frames: 20 * BS as u64, aborted: true, error: None });
    assert_eq!(hound::WavReader::open(&path).unwrap().duration(), 20 * BS as u32);
}

/// Fails every write after the first `ok` calls.
struct FailingWriter {
    inner: Box<dyn SoundWriter>,
    ok: usize,
}

impl SoundWriter for FailingWriter {
    fn write(&mut self, x: &[f32]) -> io::Result<()> {
        if self.ok == 0 {
            return Err(io::Error::other("No space left on device (simulated)"));
        }
        self.ok -= 1;
        self.inner.write(x)
    }
    fn finish(self: Box<Self>) -> io::Result<()> {
        self.inner.finish()
    }
}

#[test]
fn a_failing_writer_ends_the_render_with_a_clear_error_and_a_valid_file() {
    let path = tmp("offline_disk_full.wav");
    let s = server(AudioBackend::Offline);
    let sig = s.object_new("Sig", "0.5").unwrap();
    s.object_out(sig, 0, 1, 0.0, 0.0).unwrap();
    options(&s, 1.0, &path);
    let wrap: WriterWrapper = Arc::new(|inner| Box::new(FailingWriter { inner, ok: 10 }));
    s.set_record_writer_wrapper(Some(wrap));
    let e = s.start().unwrap_err();
    assert_eq!(e.status, Status::Io);
    assert!(
        e.message.starts_with(&format!("offline: write failed after 2560 frames to '{}'", path.display())),
        "{}",
        e.message
    );
    assert!(e.message.contains("finalized and holds the first 2560 frames"), "{}", e.message);
    assert!(!s.is_started());
    assert_eq!(hound::WavReader::open(&path).unwrap().duration(), 2560);
    // The server can render again.
    s.set_record_writer_wrapper(None);
    s.start().unwrap();
    assert_eq!(hound::WavReader::open(&path).unwrap().duration(), 44100);
}

#[test]
fn an_unwritable_offline_file_is_a_clear_error() {
    let s = server(AudioBackend::Offline);
    s.record_options(1.0, Some("/nonexistent/dir/out.wav"), 0, 3, 0.4).unwrap();
    let e = s.start().unwrap_err();
    assert_eq!(e.status, Status::Io);
    assert!(e.message.starts_with("start:") && e.message.contains("/nonexistent/dir/out.wav"), "{}", e.message);
    assert!(!s.is_started());
}

#[test]
fn stop_from_another_thread_aborts_a_blocking_render_and_waits_for_its_file() {
    let path = tmp("abort_blocking.wav");
    let s = Arc::new(server(AudioBackend::Offline));
    patch(&s);
    options(&s, 3600.0, &path);
    let done = on_done(&s);
    let gate = gated(&s);
    let renderer = {
        let s = Arc::clone(&s);
        std::thread::spawn(move || s.start())
    };
    open(&gate); // the render has reached its first write
    s.stop().unwrap();
    // stop() returned after the file was finalized.
    let o = done.lock().unwrap().clone();
    assert_eq!(o.len(), 1);
    assert!(o[0].aborted && o[0].error.is_none(), "{:?}", o[0]);
    assert_eq!(hound::WavReader::open(&path).unwrap().duration() as u64, o[0].frames);
    assert!(!s.is_started());
    renderer.join().unwrap().unwrap();
}
