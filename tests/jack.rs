//! audio='jack' / midi='jack' against a real JACK server: each test starts
//! its own `jackd -n <unique name> -R -d dummy -r 48000 -p 256` (the dummy
//! driver is paced in real time, so tests keep to well under 2 s of audio),
//! talks to rpyo through a second client made here with the jack crate, and
//! kills jackd at the end.
//!
//! Each test runs in its own process (see own_process). Without jackd the
//! tests fail, unless RPYO_SKIP_JACK=1, when they print SKIPPED.
#![cfg(feature = "jack")]

use jack::{AudioIn, AudioOut, Client, ClientOptions, Control, MidiIn, MidiOut, Port, ProcessScope, RawMidi};
use rpyo::server::jack_settings::{PortGroup, PortNames};
use rpyo::{AudioBackend, MidiBackend, Server, ServerConfig, Status};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

// ----- a counting allocator: allocations on the watched (JACK process) thread -----

mod common;
use common::counting::{counted, watch, Counting};

#[global_allocator]
static ALLOC: Counting = Counting;

// ----- jackd, one process per test -----

/// libjack talks to one JACK server per process (a second server, even
/// after the first one's clients are closed, is refused: measured with
/// jackd2 1.9.21), and picks it from JACK_DEFAULT_SERVER: each test runs
/// in a fresh process of this test binary, one at a time (SERIAL).
static SERIAL: Mutex<()> = Mutex::new(());

const CHILD: &str = "RPYO_JACK_TEST_CHILD";

/// In the test's own process: true (run the body). Otherwise runs the
/// test `name` in a child process with its own JACK server name, passes
/// its output on, asserts that it succeeded, and returns false.
fn own_process(name: &str) -> bool {
    if std::env::var_os(CHILD).is_some() {
        return true;
    }
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // The dummy driver keeps real time on a shared 2-core machine: a cycle
    // JACK skips under load (an xrun: the recorder sees a gap, or frames
    // shift by a cycle) fails a timing assertion without any fault of
    // rpyo's. Such a run is tried again, saying so; a real fault fails
    // every attempt.
    const ATTEMPTS: u32 = 3;
    for attempt in 1..=ATTEMPTS {
        let server = format!("rpyo_{}_{name}_{attempt}", std::process::id());
        let out = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", name, "--nocapture", "--test-threads=1"])
            .env(CHILD, "1")
            .env("JACK_DEFAULT_SERVER", &server)
            .output()
            .unwrap();
        print!("{}", String::from_utf8_lossy(&out.stdout));
        eprint!("{}", String::from_utf8_lossy(&out.stderr));
        let stdout = String::from_utf8_lossy(&out.stdout);
        if out.status.success() {
            assert!(stdout.contains("1 passed"), "{name} did not run in its own process");
            return false;
        }
        assert!(attempt < ATTEMPTS, "{name} failed in its own process ({}), {ATTEMPTS} times", out.status);
        eprintln!("RETRYING: {name} failed in attempt {attempt} of {ATTEMPTS} ({})", out.status);
    }
    false
}

struct Jackd {
    child: Option<Child>,
    name: String,
}

impl Jackd {
    /// Stops jackd as a user would (SIGTERM: it tells its clients and
    /// cleans up), SIGKILL if it lingers.
    fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = Command::new("kill").arg(c.id().to_string()).status();
            // Generous: a SIGKILLed jackd leaves a stale entry in JACK's
            // machine-wide registry of 8 servers.
            let deadline = Instant::now() + Duration::from_secs(30);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = c.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Jackd {
    fn drop(&mut self) {
        self.stop();
    }
}

fn find_jackd() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin"), PathBuf::from("/usr/local/bin")])
        .map(|d| d.join("jackd"))
        .find(|p| p.is_file())
}

/// Starts the dummy jackd named by JACK_DEFAULT_SERVER (set by
/// own_process) and waits until it accepts a client. None (SKIPPED) only
/// when jackd is missing and RPYO_SKIP_JACK=1.
fn jackd(tag: &str) -> Option<Jackd> {
    let Some(bin) = find_jackd() else {
        if std::env::var("RPYO_SKIP_JACK").as_deref() == Ok("1") {
            println!("SKIPPED {tag}: jackd is not installed (RPYO_SKIP_JACK=1)");
            return None;
        }
        panic!("jackd is not installed: install jackd2 (.ci/run does), or set RPYO_SKIP_JACK=1 to skip the JACK tests");
    };
    let name = std::env::var("JACK_DEFAULT_SERVER").expect("own_process sets JACK_DEFAULT_SERVER");
    let err_path = std::env::temp_dir().join(format!("{name}.stderr"));
    let err_file = std::fs::File::create(&err_path).unwrap();
    let child = Command::new(bin)
        .args(["-n", &name, "-R", "-d", "dummy", "-r", "48000", "-p", "256"])
        .stdout(Stdio::null())
        .stderr(err_file)
        .spawn()
        .expect("jackd starts");
    let mut j = Jackd { child: Some(child), name };
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        match Client::new("rpyo_probe", ClientOptions::NO_START_SERVER) {
            Ok(_) => break,
            Err(e) if Instant::now() > deadline => {
                j.stop();
                let said = std::fs::read_to_string(&err_path).unwrap_or_default();
                panic!(
                    "jackd '{}' did not accept a client: {e}\njackd said:\n{said}\n(\"no free server slot\" or a \
                     registry error: JACK's /dev/shm/jack-shm-registry holds 8 servers, and jackds killed with \
                     SIGKILL stay in it)",
                    j.name
                )
            }
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    let _ = std::fs::remove_file(&err_path);
    Some(j)
}

/// Waits until `f` holds (a deadline against hangs, not a timing assertion).
fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

// ----- rpyo -----

type Log = Arc<Mutex<Vec<String>>>;

fn jack_server(name: &str, f: impl FnOnce(&mut ServerConfig)) -> (Server, Log) {
    let mut cfg = ServerConfig {
        audio: AudioBackend::Jack,
        jackname: name.to_string(),
        sr: 48000.0,
        buffersize: 256,
        midi: MidiBackend::Jack,
        verbosity: 15,
        ..Default::default()
    };
    f(&mut cfg);
    let s = Server::new(cfg).unwrap();
    let log: Log = Arc::default();
    let l = Arc::clone(&log);
    s.set_log_callback(Some(Box::new(move |_, m| l.lock().unwrap().push(m.to_string()))));
    s.set_jack_auto(false, false).unwrap();
    (s, log)
}

fn logged(log: &Log, needle: &str) -> bool {
    log.lock().unwrap().iter().any(|m| m.contains(needle))
}

// ----- a second JACK client: records audio, sends and receives MIDI -----

struct Cycle {
    start: u32,
    chans: Vec<Vec<f32>>,
}

#[derive(Default)]
struct PeerShared {
    recording: AtomicBool,
    cycles: Mutex<Vec<Cycle>>,
    /// A message to send next cycle, at a frame.
    pending: Mutex<Option<(u32, Vec<u8>)>>,
    /// The start frame of the cycle that sent it.
    sent_at: Mutex<Option<u32>>,
    /// Sends a note-on/off pair every cycle (real-time test).
    chatter: AtomicBool,
    /// Plays saw(absolute frame) on out_1.
    saw: AtomicBool,
    received: Mutex<Vec<(u32, Vec<u8>)>>,
}

struct Peer {
    ins: Vec<Port<AudioIn>>,
    out: Port<AudioOut>,
    midi_out: Port<MidiOut>,
    midi_in: Port<MidiIn>,
    shared: Arc<PeerShared>,
    n: u32,
}

impl jack::ProcessHandler for Peer {
    fn process(&mut self, _: &Client, ps: &ProcessScope) -> Control {
        let start = ps.last_frame_time();
        if self.shared.recording.load(Ordering::Acquire) {
            let chans = self.ins.iter().map(|p| p.as_slice(ps).to_vec()).collect();
            self.shared.cycles.lock().unwrap().push(Cycle { start, chans });
        }
        let playing = self.shared.saw.load(Ordering::Acquire);
        for (k, v) in self.out.as_mut_slice(ps).iter_mut().enumerate() {
            *v = if playing { saw(start.wrapping_add(k as u32)) } else { 0.0 };
        }
        let mut w = self.midi_out.writer(ps);
        if let Some((frame, bytes)) = self.shared.pending.lock().unwrap().take() {
            w.write(&RawMidi { time: frame, bytes: &bytes }).unwrap();
            *self.shared.sent_at.lock().unwrap() = Some(start);
        } else if self.shared.chatter.load(Ordering::Relaxed) {
            self.n = self.n.wrapping_add(1);
            let note = 40 + (self.n % 40) as u8;
            w.write(&RawMidi { time: self.n % 200, bytes: &[0x90, note, 100] }).unwrap();
            w.write(&RawMidi { time: 200 + self.n % 50, bytes: &[0x80, note, 0] }).unwrap();
            w.write(&RawMidi { time: 255, bytes: &[0xB0, 7, note] }).unwrap();
        }
        for e in self.midi_in.iter(ps) {
            self.shared.received.lock().unwrap().push((start + e.time, e.bytes.to_vec()));
        }
        Control::Continue
    }
}

type PeerClient = jack::AsyncClient<(), Peer>;

fn peer(name: &str, inputs: usize) -> (PeerClient, Arc<PeerShared>) {
    let (client, _) = Client::new(name, ClientOptions::NO_START_SERVER).unwrap();
    let ins = (1..=inputs).map(|i| client.register_port(&format!("in_{i}"), AudioIn::default()).unwrap()).collect();
    let out = client.register_port("out_1", AudioOut::default()).unwrap();
    let midi_out = client.register_port("midi_out", MidiOut::default()).unwrap();
    let midi_in = client.register_port("midi_in", MidiIn::default()).unwrap();
    let shared = Arc::new(PeerShared::default());
    let p = Peer { ins, out, midi_out, midi_in, shared: Arc::clone(&shared), n: 0 };
    (client.activate_async((), p).unwrap(), shared)
}

/// Channel `c` of what the peer recorded, from the first cycle on: (the
/// absolute frame of its first sample, the samples); cycles must follow
/// each other without a gap.
fn recorded(shared: &PeerShared, c: usize) -> (u32, Vec<f32>) {
    let cycles = shared.cycles.lock().unwrap();
    let start = cycles.first().map_or(0, |cy| cy.start);
    let mut out = Vec::new();
    for cy in cycles.iter() {
        assert_eq!(cy.start, start.wrapping_add(out.len() as u32), "the recorder missed a cycle");
        out.extend_from_slice(&cy.chans[c]);
    }
    (start, out)
}

fn recorded_len(shared: &PeerShared) -> usize {
    shared.cycles.lock().unwrap().iter().map(|c| c.chans.first().map_or(0, Vec::len)).sum()
}

/// A sawtooth of the absolute JACK frame (period 4800 frames, -0.5..0.5).
fn saw(frame: u32) -> f32 {
    (frame % 4800) as f32 / 4800.0 - 0.5
}

/// Frequency by interpolated upward zero crossings, and the peak.
fn analyse(x: &[f32], sr: f64) -> (f64, f32) {
    let mut crossings = Vec::new();
    for i in 1..x.len() {
        if x[i - 1] < 0.0 && x[i] >= 0.0 {
            crossings.push((i - 1) as f64 + (-x[i - 1] / (x[i] - x[i - 1])) as f64);
        }
    }
    let periods = (crossings.len() - 1) as f64;
    let freq = sr * periods / (crossings[crossings.len() - 1] - crossings[0]);
    (freq, x.iter().fold(0.0f32, |m, v| m.max(v.abs())))
}

// ----- tests -----

/// A sine through rpyo's output ports, recorded by a second client, has the
/// frequency and level asked for; the other channel carries its own sine.
#[test]
fn sines_reach_a_second_client_at_the_right_frequency_and_level() {
    if !own_process("sines_reach_a_second_client_at_the_right_frequency_and_level") {
        return;
    }
    let Some(_j) = jackd("sine") else { return };
    let (s, _log) = jack_server("rpyo_sine", |_| {});
    s.boot(true).unwrap();
    let a = s.object_new("Sine", "freq=1000, mul=0.5").unwrap();
    s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
    let b = s.object_new("Sine", "freq=750, mul=0.25").unwrap();
    s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    let (rec, shared) = peer("rec", 2);
    let c = rec.as_client();
    c.connect_ports_by_name("rpyo_sine:output_1", "rec:in_1").unwrap();
    c.connect_ports_by_name("rpyo_sine:output_2", "rec:in_2").unwrap();
    s.start().unwrap();
    // Past the 5 ms amplitude ramp, then 0.3 s.
    wait_for("the server to run", || s.current_time_in_samples() > 4800);
    shared.recording.store(true, Ordering::Release);
    wait_for("0.3 s of recording", || recorded_len(&shared) >= 14400);
    shared.recording.store(false, Ordering::Release);
    let (_, left) = recorded(&shared, 0);
    let (_, right) = recorded(&shared, 1);
    let (f, peak) = analyse(&left, 48000.0);
    assert!((f - 1000.0).abs() < 0.5, "left frequency {f}");
    assert!((peak - 0.5).abs() < 1e-3, "left peak {peak}");
    let (f, peak) = analyse(&right, 48000.0);
    assert!((f - 750.0).abs() < 0.5, "right frequency {f}");
    assert!((peak - 0.25).abs() < 1e-3, "right peak {peak}");
    // A pure sine: the samples follow sin(2*pi*f*n/sr + phase) closely.
    let rms = (left.iter().map(|v| (*v as f64).powi(2)).sum::<f64>() / left.len() as f64).sqrt();
    assert!((rms - 0.5 / 2f64.sqrt()).abs() < 2e-3, "left rms {rms}");
    assert!(s.is_started());
    s.shutdown().unwrap();
    drop(rec);
}

/// Duplex: what a client plays into rpyo's input ports comes out of
/// Input(0).out() in the same cycle, sample for sample (the JACK cycle is
/// one block: no added latency).
#[test]
fn input_ports_feed_the_engine_without_latency() {
    if !own_process("input_ports_feed_the_engine_without_latency") {
        return;
    }
    let Some(_j) = jackd("input") else { return };
    let (src, played) = peer("src", 0);
    let (rec, shared) = peer("rec", 2);
    let (s, _) = jack_server("rpyo_in", |c| c.ichnls = Some(1));
    s.set_jack_auto_connect_ports(PortGroup::Input, vec![vec!["src:out_1".into()]]).unwrap();
    s.set_jack_auto_connect_ports(PortGroup::Output, vec![vec!["rec:in_1".into()], vec!["rec:in_2".into()]]).unwrap();
    s.boot(true).unwrap();
    let i = s.object_new("Input", "0").unwrap();
    s.object_out(i, 0, 1, 0.0, 0.0).unwrap();
    played.saw.store(true, Ordering::Release);
    s.start().unwrap();
    wait_for("the amplitude ramp", || s.current_time_in_samples() > 4800);
    shared.recording.store(true, Ordering::Release);
    wait_for("0.1 s of recording", || recorded_len(&shared) >= 4800);
    shared.recording.store(false, Ordering::Release);
    let (start, left) = recorded(&shared, 0);
    for (k, v) in left.iter().enumerate() {
        let want = saw(start.wrapping_add(k as u32));
        assert!((v - want).abs() < 1e-4, "frame {k}: {v}, the input played {want}");
    }
    let (_, right) = recorded(&shared, 1);
    assert!(right.iter().all(|v| *v == 0.0));
    s.shutdown().unwrap();
    drop((src, rec));
}

/// Asked for 44100 Hz and 512 frames, the server runs at JACK's 48000 Hz
/// and 256 frames, and says so in the log.
#[test]
fn rate_and_buffer_size_follow_jack() {
    if !own_process("rate_and_buffer_size_follow_jack") {
        return;
    }
    let Some(_j) = jackd("rate") else { return };
    let (s, log) = jack_server("rpyo_rate", |c| {
        c.sr = 44100.0;
        c.buffersize = 512;
    });
    s.boot(true).unwrap();
    assert_eq!(s.sampling_rate(), 48000.0);
    assert_eq!(s.buffer_size(), 256);
    assert!(logged(&log, "sr: 44100 Hz asked for, the JACK server runs at 48000 Hz"), "{:?}", log.lock().unwrap());
    assert!(logged(&log, "buffersize: 512 frames asked for, the JACK server runs 256-frame cycles"));
    s.start().unwrap();
    let t = s.current_time_in_samples();
    wait_for("a few blocks", || s.current_time_in_samples() >= t + 2560);
    assert_eq!(s.current_time_in_samples() % 256, 0, "whole 256-frame blocks");
    s.shutdown().unwrap();
}

/// Port names (a string gets _0, _1..., a list is used as is; MIDI port
/// names), setJackAuto, the auto-connect lists, renaming after boot, and
/// wrong lengths.
#[test]
fn port_names_and_connections_are_what_was_asked() {
    if !own_process("port_names_and_connections_are_what_was_asked") {
        return;
    }
    let Some(_j) = jackd("ports") else { return };
    let (p, _shared) = peer("peer", 2);
    let (s, log) = jack_server("rpyo_ports", |c| {
        c.nchnls = 2;
        c.ichnls = Some(2);
    });
    // Wrong lengths are errors naming the setter.
    let e = s.set_jack_port_names(PortGroup::Input, PortNames::List(vec!["a".into()])).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(e.message.starts_with("setJackInputPortNames: 1 names for 2 channels"), "{}", e.message);
    let e = s.set_jack_auto_connect_ports(PortGroup::Output, vec![vec![], vec![], vec![]]).unwrap_err();
    assert!(e.message.starts_with("setJackAutoConnectOutputPorts: 3 lists of ports for 2 channels"), "{}", e.message);
    s.set_jack_port_names(PortGroup::Output, PortNames::Base("out".into())).unwrap();
    s.set_jack_port_names(PortGroup::Input, PortNames::List(vec!["left".into(), "right".into()])).unwrap();
    s.set_jack_midi_port_name(PortGroup::MidiInput, "notes").unwrap();
    s.set_jack_auto(false, true).unwrap();
    s.set_jack_auto_connect_ports(PortGroup::Input, vec![vec!["system:capture_2".into()], vec![]]).unwrap();
    s.set_jack_auto_connect_ports(
        PortGroup::Output,
        vec![vec!["peer:in_2".into()], vec!["peer:in_1".into(), "peer:in_2".into()]],
    )
    .unwrap();
    s.set_jack_auto_connect_midi_port(PortGroup::MidiInput, vec!["peer:midi_out".into()]).unwrap();
    s.set_jack_auto_connect_midi_port(PortGroup::MidiOutput, vec!["peer:midi_in".into(), "nobody:here".into()])
        .unwrap();
    s.boot(true).unwrap();
    assert_eq!(s.jack_client_name().as_deref(), Some("rpyo_ports"));
    assert!(s.midi_active());
    let c = p.as_client();
    let mut ports = c.ports(Some("^rpyo_ports:"), None, jack::PortFlags::empty());
    ports.sort();
    assert_eq!(
        ports,
        [
            "rpyo_ports:left",
            "rpyo_ports:notes",
            "rpyo_ports:out_0",
            "rpyo_ports:out_1",
            "rpyo_ports:output",
            "rpyo_ports:right"
        ]
    );
    let conns = |name: &str| {
        let mut v = c.port_by_name(name).unwrap_or_else(|| panic!("{name}")).get_connections();
        v.sort();
        v
    };
    assert_eq!(conns("rpyo_ports:out_0"), ["peer:in_2", "system:playback_1"]);
    assert_eq!(conns("rpyo_ports:out_1"), ["peer:in_1", "peer:in_2", "system:playback_2"]);
    assert_eq!(conns("rpyo_ports:left"), ["system:capture_2"], "setJackAuto(False, ...): no capture port");
    assert!(conns("rpyo_ports:right").is_empty());
    assert_eq!(conns("rpyo_ports:notes"), ["peer:midi_out"]);
    assert_eq!(conns("rpyo_ports:output"), ["peer:midi_in"]);
    assert!(logged(&log, "cannot connect 'rpyo_ports:output' to 'nobody:here'"), "{:?}", log.lock().unwrap());
    // Renamed after boot (pyo's way), the connections stay.
    s.set_jack_port_names(PortGroup::Output, PortNames::List(vec!["L".into(), "R".into()])).unwrap();
    s.set_jack_midi_port_name(PortGroup::MidiOutput, "ctl").unwrap();
    let mut ports = c.ports(Some("^rpyo_ports:"), None, jack::PortFlags::empty());
    ports.sort();
    assert_eq!(
        ports,
        ["rpyo_ports:L", "rpyo_ports:R", "rpyo_ports:ctl", "rpyo_ports:left", "rpyo_ports:notes", "rpyo_ports:right"]
    );
    assert_eq!(conns("rpyo_ports:R"), ["peer:in_1", "peer:in_2", "system:playback_2"]);
    // A list set on the booted server is connected at once.
    s.set_jack_auto_connect_ports(PortGroup::Input, vec![vec![], vec!["system:capture_1".into()]]).unwrap();
    assert_eq!(conns("rpyo_ports:right"), ["system:capture_1"]);
    s.shutdown().unwrap();
    assert!(c.ports(Some("^rpyo_ports:"), None, jack::PortFlags::empty()).is_empty(), "the client is closed");
    // Default names and setJackAuto(True, True): pyo's input_i/output_i
    // connected to the physical ports; no MIDI ports with midi='portmidi'.
    let (s, _) = jack_server("rpyo_ports2", |c| c.midi = MidiBackend::PortMidi);
    s.set_jack_auto(true, true).unwrap();
    s.boot(true).unwrap();
    assert!(!s.midi_active());
    assert_eq!(conns("rpyo_ports2:output_1"), ["system:playback_1"]);
    assert_eq!(conns("rpyo_ports2:output_2"), ["system:playback_2"]);
    assert_eq!(conns("rpyo_ports2:input_1"), ["system:capture_1"]);
    assert_eq!(conns("rpyo_ports2:input_2"), ["system:capture_2"]);
    assert_eq!(c.ports(Some("^rpyo_ports2:"), None, jack::PortFlags::empty()).len(), 4);
    drop(s);
    drop(p);
}

/// A note-on sent by a second client at frame 100 of a cycle changes
/// Notein's pitch at frame 100 of the same cycle in rpyo's output.
#[test]
fn jack_midi_drives_notein_at_the_right_frame() {
    if !own_process("jack_midi_drives_notein_at_the_right_frame") {
        return;
    }
    let Some(_j) = jackd("midi") else { return };
    // Two clients: sender -> rpyo -> recorder, so JACK runs them in that
    // order within each cycle (one client both sending and recording would
    // make a loop, and JACK would hand it rpyo's output a cycle late).
    let (sender, to_send) = peer("sender", 0);
    let (rec, shared) = peer("rec", 1);
    let (s, _) = jack_server("rpyo_midi", |_| {});
    s.set_jack_auto_connect_midi_port(PortGroup::MidiInput, vec!["sender:midi_out".into()]).unwrap();
    s.set_jack_auto_connect_ports(PortGroup::Output, vec![vec!["rec:in_1".into()], vec![]]).unwrap();
    s.boot(true).unwrap();
    let n = s.object_new("Notein", "poly=1").unwrap();
    let pitch = s.object_key(n, "pitch").unwrap();
    let sig = s.object_new("Sig", &format!("@{}", pitch.id)).unwrap();
    s.object_out(sig, 0, 1, 0.0, 0.0).unwrap();
    s.start().unwrap();
    wait_for("the amplitude ramp", || s.current_time_in_samples() > 4800);
    shared.recording.store(true, Ordering::Release);
    wait_for("some silence", || recorded_len(&shared) >= 2048);
    *to_send.pending.lock().unwrap() = Some((100, vec![0x90, 60, 100]));
    wait_for("the note to be sent", || to_send.sent_at.lock().unwrap().is_some());
    wait_for("a few more cycles", || recorded_len(&shared) >= 2048 + 4096);
    shared.recording.store(false, Ordering::Release);
    let sent = to_send.sent_at.lock().unwrap().unwrap();
    let (start, left) = recorded(&shared, 0);
    let first = left.iter().position(|v| *v != 0.0).expect("the pitch appears");
    assert_eq!(start.wrapping_add(first as u32), sent.wrapping_add(100), "the pitch changes at frame 100 of the cycle");
    // 60 times the master amplitude (its ramp ends a hair under 1).
    assert!(left[first..].iter().all(|v| (*v - 60.0).abs() < 1e-3), "{}", left[first]);
    assert_eq!(s.object_get(pitch, 0).unwrap(), 60.0);
    s.shutdown().unwrap();
    drop((sender, rec));
}

/// JACK's buffer size changing under a running server (256 -> 512): the
/// change is logged, the server keeps its 256-frame block and runs two per
/// cycle; a sine stays a clean sine and a note at frame 300 of a cycle (in
/// the second block) still acts at frame 300.
#[test]
fn a_jack_buffer_size_change_keeps_audio_and_midi_frames() {
    if !own_process("a_jack_buffer_size_change_keeps_audio_and_midi_frames") {
        return;
    }
    let Some(_j) = jackd("bufsize") else { return };
    let (sender, to_send) = peer("sender", 0);
    let (rec, shared) = peer("rec", 2);
    let (s, log) = jack_server("rpyo_bs", |_| {});
    s.set_jack_auto_connect_midi_port(PortGroup::MidiInput, vec!["sender:midi_out".into()]).unwrap();
    s.set_jack_auto_connect_ports(PortGroup::Output, vec![vec!["rec:in_1".into()], vec!["rec:in_2".into()]]).unwrap();
    s.boot(true).unwrap();
    let n = s.object_new("Notein", "poly=1").unwrap();
    let pitch = s.object_key(n, "pitch").unwrap();
    let sig = s.object_new("Sig", &format!("@{}", pitch.id)).unwrap();
    s.object_out(sig, 0, 1, 0.0, 0.0).unwrap();
    let sine = s.object_new("Sine", "freq=1000, mul=0.5").unwrap();
    s.object_out(sine, 1, 1, 0.0, 0.0).unwrap();
    s.start().unwrap();
    wait_for("the amplitude ramp", || s.current_time_in_samples() > 4800);
    sender.as_client().set_buffer_size(512).unwrap();
    wait_for("the change to be logged", || logged(&log, "the cycle is now 512 frames"));
    assert_eq!(s.buffer_size(), 256, "the server's block stays");
    shared.recording.store(true, Ordering::Release);
    wait_for("512-frame cycles at the recorder", || {
        shared.cycles.lock().unwrap().last().is_some_and(|c| c.chans[0].len() == 512)
    });
    shared.cycles.lock().unwrap().clear();
    wait_for("some recording", || recorded_len(&shared) >= 2048);
    *to_send.pending.lock().unwrap() = Some((300, vec![0x90, 60, 100]));
    wait_for("the note to be sent", || to_send.sent_at.lock().unwrap().is_some());
    wait_for("a few more cycles", || recorded_len(&shared) >= 2048 + 9600);
    shared.recording.store(false, Ordering::Release);
    let sent = to_send.sent_at.lock().unwrap().unwrap();
    let (start, left) = recorded(&shared, 0);
    let first = left.iter().position(|v| *v != 0.0).expect("the pitch appears");
    assert_eq!(start.wrapping_add(first as u32), sent.wrapping_add(300), "the pitch changes at frame 300 of the cycle");
    assert!(left[first..].iter().all(|v| (*v - 60.0).abs() < 1e-3));
    let (_, right) = recorded(&shared, 1);
    let (f, peak) = analyse(&right, 48000.0);
    assert!((f - 1000.0).abs() < 0.5 && (peak - 0.5).abs() < 1e-3, "{f} Hz, peak {peak}");
    s.shutdown().unwrap();
    drop((sender, rec));
}

/// No JACK server with that name: boot fails at once with Io and a message
/// that says what is missing; the server stays usable.
#[test]
fn boot_without_a_jack_server_is_a_clear_error() {
    if !own_process("boot_without_a_jack_server_is_a_clear_error") {
        return;
    }
    let name = std::env::var("JACK_DEFAULT_SERVER").unwrap();
    let (s, _) = jack_server("rpyo_absent", |_| {});
    let e = s.boot(true).unwrap_err();
    assert_eq!(e.status, Status::Io);
    assert!(e.message.contains("cannot open a client on the JACK server"), "{}", e.message);
    assert!(e.message.contains(&name), "{}", e.message);
    assert!(e.message.contains("is jackd running?"), "{}", e.message);
    assert!(!s.is_booted());
    // Not booted: the settings can still change and boot be tried again.
    s.set_buffer_size(128).unwrap();
    assert_eq!(s.boot(true).unwrap_err().status, Status::Io);
}

/// jackd going away under a running server (SIGTERM): reported in the
/// log, is_started becomes false, start() says why it cannot, the control
/// side still answers, shutdown and drop work. (A SIGKILLed jackd is
/// noticed the same way, measured, but it leaves its entry in JACK's
/// machine-wide registry of 8 servers: after 8 of them no jackd can start,
/// so no test kills one.)
fn jack_going_away() {
    let Some(mut j) = jackd("gone") else { return };
    let (s, log) = jack_server("rpyo_gone", |_| {});
    s.boot(true).unwrap();
    let a = s.object_new("Sine", "freq=440, mul=0.1").unwrap();
    s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
    s.start().unwrap();
    wait_for("the server to run", || s.current_time_in_samples() > 2560);
    j.stop();
    wait_for("is_started to become false", || !s.is_started());
    wait_for("the log message", || logged(&log, "stopped under client 'rpyo_gone'"));
    s.object_set_float(a, "freq", 220.0).unwrap();
    let e = s.start().unwrap_err();
    assert_eq!(e.status, Status::InvalidState);
    assert!(e.message.contains("the JACK server stopped"), "{}", e.message);
    assert!(!s.is_started());
    s.stop().unwrap();
    s.shutdown().unwrap();
    assert!(!s.is_booted());
    drop(s);
    // The semaphore of a client whose server went away stays behind.
    let _ = std::fs::remove_file(format!("/dev/shm/jack_sem.0_{}_rpyo_gone", j.name));
}

#[test]
fn jack_stopping_under_rpyo_is_reported() {
    if !own_process("jack_stopping_under_rpyo_is_reported") {
        return;
    }
    jack_going_away();
}

/// setIsJackTransportSlave: the JACK transport starting and stopping
/// starts and stops the server.
#[test]
fn transport_slave_follows_jack_transport() {
    if !own_process("transport_slave_follows_jack_transport") {
        return;
    }
    let Some(_j) = jackd("transport") else { return };
    let (p, _) = peer("peer", 0);
    let transport = p.as_client().transport();
    transport.stop().unwrap();
    let (s, _) = jack_server("rpyo_transport", |_| {});
    s.set_is_jack_transport_slave(true).unwrap();
    s.boot(true).unwrap();
    std::thread::sleep(Duration::from_millis(50));
    assert!(!s.is_started());
    transport.start().unwrap();
    wait_for("the transport to start the server", || s.is_started());
    let t = s.current_time_in_samples();
    wait_for("blocks to run", || s.current_time_in_samples() > t + 1024);
    transport.stop().unwrap();
    wait_for("the transport to stop the server", || !s.is_started());
    transport.start().unwrap();
    wait_for("the transport to start it again", || s.is_started());
    s.shutdown().unwrap();
    drop(p);
}

/// recstart/recstop under JACK record what goes out of the ports: the file
/// holds the same samples the second client received.
#[test]
fn recording_under_jack_writes_what_the_ports_carry() {
    if !own_process("recording_under_jack_writes_what_the_ports_carry") {
        return;
    }
    let Some(_j) = jackd("rec") else { return };
    let (p, shared) = peer("peer", 1);
    let (s, _) = jack_server("rpyo_rec", |_| {});
    s.set_jack_auto_connect_ports(PortGroup::Output, vec![vec!["peer:in_1".into()], vec![]]).unwrap();
    s.boot(true).unwrap();
    // 997 Hz: no period of a whole number of samples, so the file's first
    // samples occur once in the port's stream.
    let a = s.object_new("Sine", "freq=997, mul=0.5").unwrap();
    s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
    shared.recording.store(true, Ordering::Release);
    s.start().unwrap();
    let dir = std::env::temp_dir().join(format!("rpyo_jack_rec_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("jack.wav");
    s.record_options(-1.0, None, 0, 3, 0.4).unwrap();
    s.recstart(Some(path.to_str().unwrap())).unwrap();
    let t = s.current_time_in_samples();
    wait_for("0.5 s of audio", || s.current_time_in_samples() >= t + 24000);
    s.recstop().unwrap();
    let have = recorded_len(&shared);
    wait_for("the recorder to catch up", || recorded_len(&shared) >= have + 2048);
    shared.recording.store(false, Ordering::Release);
    let written = s.rec_written_frames();
    assert_eq!(s.rec_lost_frames(), 0);
    let mut r = hound::WavReader::open(&path).unwrap();
    let spec = r.spec();
    assert_eq!((spec.sample_rate, spec.channels, spec.sample_format), (48000, 2, hound::SampleFormat::Float));
    let file: Vec<f32> = r.samples::<f32>().map(Result::unwrap).collect();
    let left: Vec<f32> = file.iter().step_by(2).copied().collect();
    assert_eq!(left.len() as u64, written);
    assert!(left.len() >= 24000 && left.len() % 256 == 0, "{} frames", left.len());
    assert!(file.iter().skip(1).step_by(2).all(|v| *v == 0.0), "channel 2 is silent");
    let (f, peak) = analyse(&left, 48000.0);
    assert!((f - 997.0).abs() < 0.5 && (peak - 0.5).abs() < 1e-3, "{f} Hz, peak {peak}");
    // The same samples as the JACK port carried.
    let (_, jack_left) = recorded(&shared, 0);
    let at = jack_left.windows(64).position(|w| w == &left[..64]).expect("the file's start is in the JACK stream");
    assert_eq!(&jack_left[at..at + left.len()], &left[..], "file and port agree sample for sample");
    s.shutdown().unwrap();
    drop(p);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The JACK process callback (rpyo's engine, JACK MIDI input, transport
/// following) never allocates or frees while the control side creates,
/// changes and deletes objects, MIDI flows in through the JACK port and a
/// recording runs.
#[test]
fn the_jack_process_callback_does_not_allocate() {
    if !own_process("the_jack_process_callback_does_not_allocate") {
        return;
    }
    let Some(_j) = jackd("rt") else { return };
    let (p, shared) = peer("peer", 0);
    let (s, _) = jack_server("rpyo_rt", |_| {});
    s.set_is_jack_transport_slave(true).unwrap();
    s.set_jack_auto_connect_midi_port(PortGroup::MidiInput, vec!["peer:midi_out".into()]).unwrap();
    s.boot(true).unwrap();
    let cycles = Arc::new(AtomicUsize::new(0));
    let c = Arc::clone(&cycles);
    s.set_process_callback(Some(Box::new(move || {
        watch(true);
        c.fetch_add(1, Ordering::Relaxed);
    })))
    .unwrap();
    let n = s.object_new("Notein", "poly=4").unwrap();
    let pitch = s.object_key(n, "pitch").unwrap();
    let sine = s.object_new("Sine", &format!("freq=@{}, mul=0.1", pitch.id)).unwrap();
    s.object_out(sine, 0, 1, 0.0, 0.0).unwrap();
    shared.chatter.store(true, Ordering::Relaxed);
    p.as_client().transport().start().unwrap();
    s.start().unwrap();
    let dir = std::env::temp_dir().join(format!("rpyo_jack_rt_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    s.recstart(Some(dir.join("rt.wav").to_str().unwrap())).unwrap();
    wait_for("the first cycles", || cycles.load(Ordering::Relaxed) > 4);
    let before = counted();
    let start = cycles.load(Ordering::Relaxed);
    let mut k = 0;
    while cycles.load(Ordering::Relaxed) < start + 150 {
        k += 1;
        s.object_set_float(sine, "mul", 0.05 + (k % 10) as f32 * 0.01).unwrap();
        let tmp = s.object_new("Sine", "freq=300, mul=0.01").unwrap();
        s.object_out(tmp, 1, 1, 0.0, 0.0).unwrap();
        s.add_midi_event(0xB0, 1, k % 128).unwrap();
        std::thread::sleep(Duration::from_millis(2));
        s.object_free(tmp).unwrap();
    }
    let after = counted();
    s.recstop().unwrap();
    s.shutdown().unwrap();
    assert_eq!(after - before, 0, "allocations on the JACK process thread over 150 cycles");
    assert!(k > 10, "the control side was busy meanwhile ({k} rounds)");
    drop(p);
    let _ = std::fs::remove_dir_all(&dir);
}

/// MIDI output through the JACK MIDI port: makenote's note-on and the
/// note-off the engine schedules `duration` later reach a second client
/// exactly 2400 frames apart (50 ms at 48 kHz); two notes of one noteout
/// call with timestamps 0 and 10 ms arrive 480 frames apart.
#[test]
fn midi_out_reaches_a_second_client_at_its_frames() {
    if !own_process("midi_out_reaches_a_second_client_at_its_frames") {
        return;
    }
    let Some(_j) = jackd("midiout") else { return };
    let (rec, shared) = peer("rec", 0);
    let (s, _) = jack_server("rpyo_mout", |_| {});
    s.set_jack_auto_connect_midi_port(PortGroup::MidiOutput, vec!["rec:midi_in".into()]).unwrap();
    s.boot(true).unwrap();
    s.start().unwrap();
    wait_for("a few cycles", || s.current_time_in_samples() > 2048);
    s.makenote(60, 100, 50.0, 1).unwrap();
    s.noteout(&[62, 64][..], 90, 2, &[0.0, 10.0][..]).unwrap();
    wait_for("the note-off", || shared.received.lock().unwrap().len() >= 4);
    let got = shared.received.lock().unwrap().clone();
    let at = |bytes: &[u8]| {
        got.iter().find(|(_, b)| b == bytes).map(|(f, _)| *f).unwrap_or_else(|| panic!("{bytes:?} not in {got:?}"))
    };
    let on = at(&[0x90, 60, 100]);
    assert_eq!(at(&[0x90, 60, 0]).wrapping_sub(on), 2400, "makenote's note-off 50 ms later: {got:?}");
    assert_eq!(at(&[0x91, 64, 90]).wrapping_sub(at(&[0x91, 62, 90])), 480, "10 ms apart: {got:?}");
    s.shutdown().unwrap();
    drop(rec);
}
