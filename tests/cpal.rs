//! Sound cards through cpal (feature `cpal`), for real: the machine has no
//! sound card, so each test starts its own jackd with the dummy driver
//! (`jackd -n NAME -R -d dummy -r 48000 -p 256`) and routes ALSA's default
//! PCM to it with libasound2-plugins' `jack` PCM, in an ALSA config file the
//! test writes (ALSA_CONFIG_PATH, JACK_DEFAULT_SERVER).
//!
//! ALSA's configuration and the JACK server name are per process, so every
//! scenario runs in a child process (this test binary, re-run on the ignored
//! test `child`, with the scenario in RPYO_CPAL_SCENARIO); the parent bounds
//! it with a timeout, so a hang is a failure, never a stuck test run.
//!
//! jackd missing fails loudly, unless RPYO_SKIP_JACK=1 (then the tests say
//! they skipped).
#![cfg(feature = "cpal")]

use rpyo::backend::cpal::{default_input, default_output, list_devices};
use rpyo::{AudioBackend, Server, ServerConfig, Status};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SR: f64 = 48000.0;

mod common;
use common::counting::{counted, watch, Counting};

#[global_allocator]
static ALLOC: Counting = Counting;
const CHILD_TIMEOUT: Duration = Duration::from_secs(60);

// ----- parent side: jackd, ALSA config, child processes -----

struct Jackd {
    child: Child,
    name: String,
    _one_at_a_time: std::sync::MutexGuard<'static, ()>,
}

/// jackd2 allows few servers per machine: this binary runs one at a time.
static JACKD: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Drop for Jackd {
    fn drop(&mut self) {
        // SIGTERM lets jackd free its slot in JACK's server registry
        // (SIGKILL leaves it taken: "Too many servers already active").
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn jackd_installed() -> bool {
    Command::new("jackd").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok()
}

/// Starts a named jackd (dummy driver); None when skipped.
fn start_jackd(tag: &str) -> Option<Jackd> {
    if !jackd_installed() {
        if std::env::var("RPYO_SKIP_JACK").as_deref() == Ok("1") {
            eprintln!("SKIPPED {tag}: jackd is not installed (RPYO_SKIP_JACK=1)");
            return None;
        }
        panic!("jackd is not installed: install jackd2 (or set RPYO_SKIP_JACK=1 to skip the cpal tests)");
    }
    let guard = JACKD.lock().unwrap_or_else(|e| e.into_inner());
    // A fixed name per test: JACK reclaims a registry slot only for a dead
    // server of the same name, so a name per run would leak slots (8 per
    // machine) whenever a run is killed.
    let name = format!("rpyo_cpal_{tag}");
    let log = temp_dir(tag).join("jackd.log");
    let child = Command::new("jackd")
        .args(["-n", &name, "-R", "-d", "dummy", "-r", "48000", "-p", "256"])
        .env("JACK_NO_START_SERVER", "1")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("start jackd");
    let mut jack = Jackd { child, name, _one_at_a_time: guard };
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let ok = Command::new("jack_lsp")
            .args(["-s", &jack.name])
            .env("JACK_NO_START_SERVER", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if ok {
            return Some(jack);
        }
        let exited = jack.child.try_wait().ok().flatten();
        if exited.is_some() || Instant::now() > deadline {
            panic!(
                "jackd -n {} did not come up ({}):\n{}",
                jack.name,
                exited.map_or("still not answering after 10 s".to_string(), |s| format!("exited: {s}")),
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("rpyo_cpal_{tag}_{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// An ALSA config whose default PCM plays to and records from jackd's
/// system ports (through `plug`, for format conversion).
fn jack_alsa_conf(dir: &Path) -> PathBuf {
    let p = dir.join("asound.conf");
    std::fs::write(
        &p,
        r#"pcm.!default {
    type plug
    slave.pcm "rpyojack"
    hint { show on description "rpyo test: ALSA to jackd" }
}
pcm.rpyojack {
    type jack
    playback_ports { 0 system:playback_1 1 system:playback_2 }
    capture_ports { 0 system:capture_1 1 system:capture_2 }
    hint { show on description "rpyo test: jack PCM" }
}
"#,
    )
    .unwrap();
    p
}

/// An ALSA config whose default PCM plays to jackd but records from a sound
/// card that does not exist.
fn no_input_alsa_conf(dir: &Path) -> PathBuf {
    let p = dir.join("asound_no_input.conf");
    std::fs::write(
        &p,
        r#"pcm.!default {
    type asym
    playback.pcm { type plug slave.pcm "rpyojack" }
    capture.pcm { type hw card 42 device 0 }
}
pcm.rpyojack {
    type jack
    playback_ports { 0 system:playback_1 1 system:playback_2 }
}
"#,
    )
    .unwrap();
    p
}

/// An ALSA config whose default PCM is a sound card that does not exist.
fn nowhere_alsa_conf(dir: &Path) -> PathBuf {
    let p = dir.join("asound_nowhere.conf");
    std::fs::write(&p, "pcm.!default { type hw card 42 device 0 }\nctl.!default { type hw card 42 }\n").unwrap();
    p
}

/// Runs `cmd` with ALSA routed by `alsa_conf` (and jackd `jack`), bounded
/// by a timeout: a hang fails. Returns (success, stdout + stderr).
fn run_bounded(mut cmd: Command, what: &str, alsa_conf: &Path, jack: Option<&str>) -> (bool, String) {
    cmd.env("ALSA_CONFIG_PATH", alsa_conf)
        .env("JACK_NO_START_SERVER", "1")
        .env("JACK_DEFAULT_SERVER", jack.unwrap_or("rpyo_cpal_no_such_server"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("{what}: cannot run: {e}"));
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > CHILD_TIMEOUT {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!(
                "{what} hung (killed after {} s)\n{}{}",
                CHILD_TIMEOUT.as_secs(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = child.wait_with_output().unwrap();
    (status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// Runs scenario `name` in a child process; its output on failure.
fn run_scenario(name: &str, alsa_conf: &Path, jack: Option<&str>) {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["child", "--exact", "--ignored", "--nocapture", "--test-threads=1"]).env("RPYO_CPAL_SCENARIO", name);
    let (ok, text) = run_bounded(cmd, &format!("scenario {name}"), alsa_conf, jack);
    assert!(ok, "scenario {name} failed:\n{text}");
    assert!(text.contains(&format!("scenario {name}: ok")), "scenario {name} did not run:\n{text}");
}

#[test]
fn rpyo_devices_and_play_use_the_sound_card() {
    let Some(jack) = start_jackd("cli") else { return };
    let dir = temp_dir("cli");
    let conf = jack_alsa_conf(&dir);
    let rpyo = env!("CARGO_BIN_EXE_rpyo");
    let mut cmd = Command::new(rpyo);
    cmd.arg("devices");
    let (ok, text) = run_bounded(cmd, "rpyo devices", &conf, Some(&jack.name));
    assert!(ok, "{text}");
    assert!(text.contains("AUDIO devices:\n0: IN, name: rpyo test: ALSA to jackd"), "{text}");
    assert!(text.contains("0: OUT, name: rpyo test: ALSA to jackd"), "{text}");
    assert!(text.contains("default input: 0, default output: 0"), "{text}");

    let script = dir.join("play.py");
    std::fs::write(
        &script,
        "s = Server(sr=48000, nchnls=2, buffersize=256).boot()\na = Sine(440, mul=0.5).out()\ns.start()\n",
    )
    .unwrap();
    let mut cmd = Command::new(rpyo);
    cmd.arg("play").arg(&script).args(["--dur", "0.8"]);
    let (ok, text) = run_bounded(cmd, "rpyo play", &conf, Some(&jack.name));
    assert!(ok, "{text}");
    // The last meter line: the clock advanced, the sine's level shows.
    let last = text.rsplit('\r').next().unwrap_or_default();
    assert!(last.starts_with("00:00:00.") && !last.starts_with("00:00:00.000"), "{last:?}");
    let db: f32 = last.split(" dB").next().unwrap().rsplit(' ').next().unwrap().trim().parse().unwrap();
    assert!(db > -20.0 && db < 0.0, "{last:?}");
}

#[test]
fn cpal_through_alsa_to_jackd_delivers_paced_callbacks() {
    let Some(jack) = start_jackd("paced") else { return };
    let dir = temp_dir("paced");
    run_scenario("paced", &jack_alsa_conf(&dir), Some(&jack.name));
}

#[test]
fn devices_are_listed_and_chosen_by_index() {
    let Some(jack) = start_jackd("devices") else { return };
    let dir = temp_dir("devices");
    run_scenario("devices", &jack_alsa_conf(&dir), Some(&jack.name));
    run_scenario("no_input", &no_input_alsa_conf(&dir), Some(&jack.name));
}

#[test]
fn no_device_is_a_clear_boot_error_not_a_hang() {
    let dir = temp_dir("nowhere");
    run_scenario("nowhere", &nowhere_alsa_conf(&dir), None);
}

// ----- child side -----

#[test]
#[ignore = "run by the other tests in a child process"]
fn child() {
    let Ok(scenario) = std::env::var("RPYO_CPAL_SCENARIO") else {
        eprintln!("child: run by the other tests of tests/cpal.rs (RPYO_CPAL_SCENARIO not set)");
        return;
    };
    match scenario.as_str() {
        "paced" => paced(),
        "devices" => devices(),
        "nowhere" => nowhere(),
        "no_input" => no_input(),
        other => panic!("unknown scenario {other}"),
    }
    println!("scenario {scenario}: ok");
}

fn server(duplex: bool) -> Server {
    Server::new(ServerConfig {
        audio: AudioBackend::PortAudio,
        sr: SR,
        buffersize: 256,
        nchnls: 2,
        duplex,
        verbosity: 7,
        ..Default::default()
    })
    .unwrap()
}

/// Runs the server ~`secs` seconds; returns (samples computed, wall seconds).
fn run_for(s: &Server, secs: f64) -> (u64, f64) {
    let t0 = Instant::now();
    let n0 = s.current_time_in_samples();
    std::thread::sleep(Duration::from_secs_f64(secs));
    (s.current_time_in_samples() - n0, t0.elapsed().as_secs_f64())
}

fn paced() {
    let s = server(true);
    s.boot(true).unwrap();
    let sine = s.object_new("Sine", "freq=440, mul=0.5").unwrap();
    s.object_out(sine, 0, 1, 0.0, 0.0).unwrap();
    // Booted but stopped: callbacks run, the clock does not.
    std::thread::sleep(Duration::from_millis(300));
    let before = s.cpal_stats().expect("cpal streams run after boot");
    assert!(before.callbacks > 0, "no callback while booted: {before:?}");
    assert_eq!(s.current_time_in_samples(), 0);
    // Mark the audio thread (the callback's first call), then count.
    let marked = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let m = std::sync::Arc::clone(&marked);
    s.set_process_callback(Some(Box::new(move || {
        if !m.load(std::sync::atomic::Ordering::Relaxed) {
            watch(true);
            m.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    })))
    .unwrap();
    s.start().unwrap();
    let (samples, wall) = run_for(&s, 1.0);
    let stats = s.cpal_stats().unwrap();
    let allocs = counted();
    assert!(marked.load(std::sync::atomic::Ordering::Relaxed), "the process callback never ran");
    assert_eq!(allocs, 0, "the cpal audio thread allocated or freed {allocs} times in 1 s");
    eprintln!("paced: {samples} samples in {wall:.3} s, {stats:?}");
    assert!(stats.callbacks > before.callbacks && stats.frames > 0, "{stats:?}");
    assert!(samples > 0, "the engine's clock did not advance");
    // Paced by the device, not free-running: within a wide margin of real time.
    let expected = SR * wall;
    assert!(
        (samples as f64) > 0.25 * expected && (samples as f64) < 4.0 * expected,
        "{samples} samples in {wall:.3} s (expected about {expected:.0})"
    );
    // The sine reached the output: the server's meter saw its level.
    let amps = s.current_amps();
    assert!(amps[0] > 0.1, "{amps:?}");
    s.stop().unwrap();
    let t = s.current_time_in_samples();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(s.current_time_in_samples(), t, "stopped, the clock still advanced");
    s.shutdown().unwrap();
    assert!(s.cpal_stats().is_none());
    // A second boot on the same server works (the device was released).
    s.boot(true).unwrap();
    s.start().unwrap();
    let (samples, _) = run_for(&s, 0.3);
    assert!(samples > 0);
    s.shutdown().unwrap();
}

fn devices() {
    let list = list_devices().unwrap();
    eprintln!("{}", rpyo::backend::cpal::format_devices(&list));
    assert!(!list.is_empty());
    let out = default_output().unwrap().expect("a default output");
    let inp = default_input().unwrap().expect("a default input");
    assert!(list[out].max_output_channels >= 2, "{:?}", list[out]);
    assert!(list[inp].max_input_channels >= 2, "{:?}", list[inp]);
    for (i, d) in list.iter().enumerate() {
        assert_eq!(d.index, i);
    }

    // Selection by index: the default devices by their numbers.
    let s = server(true);
    s.set_output_device(out as i32).unwrap();
    s.set_input_device(inp as i32).unwrap();
    s.boot(true).unwrap();
    s.start().unwrap();
    let (samples, _) = run_for(&s, 0.3);
    assert!(samples > 0);
    s.shutdown().unwrap();

    // Another device by its index: the raw jack PCM (2 channels), so that
    // 3 channels fit the default device (plug, 64) but not this one.
    let raw = list.iter().position(|d| d.name.contains("jack PCM")).expect("the raw jack PCM is listed");
    assert_ne!(raw, out);
    assert_eq!(list[raw].max_output_channels, 2, "{:?}", list[raw]);
    let s = server(false);
    s.set_output_device(raw as i32).unwrap();
    s.boot(true).unwrap();
    s.start().unwrap();
    assert!(run_for(&s, 0.3).0 > 0);
    s.shutdown().unwrap();
    let three = |dev: usize| {
        let s = Server::new(ServerConfig {
            audio: AudioBackend::PortAudio,
            sr: SR,
            nchnls: 3,
            duplex: false,
            verbosity: 1,
            ..Default::default()
        })
        .unwrap();
        s.set_output_device(dev as i32).unwrap();
        s.boot(true)
    };
    three(out).unwrap();
    let e = three(raw).unwrap_err();
    assert!(e.message.contains("has 2 output channels; 3 are needed"), "{}", e.message);

    // setInOutDevice and channel offsets: device channel 1 is server channel 0.
    let s = Server::new(ServerConfig {
        audio: AudioBackend::PortAudio,
        sr: SR,
        nchnls: 1,
        duplex: true,
        verbosity: 1,
        ..Default::default()
    })
    .unwrap();
    s.set_inout_device(out as i32).unwrap();
    s.set_inout_offset(1).unwrap();
    s.boot(true).unwrap();
    s.start().unwrap();
    assert!(run_for(&s, 0.3).0 > 0);
    s.shutdown().unwrap();

    // Duplex off: output only, no input ring.
    let s = server(false);
    s.boot(true).unwrap();
    s.start().unwrap();
    assert!(run_for(&s, 0.3).0 > 0);
    let st = s.cpal_stats().unwrap();
    assert_eq!((st.input_underruns, st.input_overruns), (0, 0));
    s.shutdown().unwrap();

    // A device index that does not exist: a clear error naming the setter.
    let n = list.len() as i32;
    for (setter, set) in [
        ("setOutputDevice", rpyo::ServerInner::set_output_device as fn(&rpyo::ServerInner, i32) -> rpyo::Result<()>),
        ("setInputDevice", rpyo::ServerInner::set_input_device),
    ] {
        let s = server(true);
        set(&s, n + 3).unwrap();
        let e = s.boot(true).unwrap_err();
        assert_eq!(e.status, Status::InvalidArgument, "{e}");
        assert!(e.message.contains(setter) && e.message.contains("no audio device"), "{}", e.message);
        assert!(!s.is_booted());
    }

    // More channels than the device has: a clear error naming the channels.
    let s = server(false);
    s.set_output_offset(1000).unwrap();
    let e = s.boot(true).unwrap_err();
    assert!(e.message.contains("channels") && e.message.contains("offset"), "{}", e.message);
    assert!(!s.is_booted());
}

fn nowhere() {
    let t0 = Instant::now();
    let s = server(true);
    let e = s.boot(true).unwrap_err();
    eprintln!("nowhere: {e} after {:?}", t0.elapsed());
    assert!(matches!(e.status, Status::Io | Status::NotFound | Status::InvalidArgument), "{e}");
    assert!(e.message.starts_with("boot:"), "{}", e.message);
    assert!(!s.is_booted());
    assert!(s.cpal_stats().is_none());
    // Listing does not hang either; an index is then a clear error.
    let list = list_devices().unwrap_or_default();
    s.set_output_device(list.len() as i32 + 1).unwrap();
    let e = s.boot(true).unwrap_err();
    assert!(e.message.contains("setOutputDevice"), "{}", e.message);
}

/// The default device has no working input: a duplex server runs output
/// only and says so; an input chosen by index must work.
fn no_input() {
    let got = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let s = server(true);
    let g = std::sync::Arc::clone(&got);
    s.set_log_callback(Some(Box::new(move |_, m: &str| g.lock().unwrap().push(m.to_string()))));
    s.boot(true).unwrap();
    s.start().unwrap();
    assert!(run_for(&s, 0.3).0 > 0);
    let st = s.cpal_stats().unwrap();
    assert_eq!((st.input_underruns, st.input_overruns), (0, 0), "no input ring: {st:?}");
    s.shutdown().unwrap();
    let got = got.lock().unwrap();
    assert!(got.iter().any(|m| m.contains("running without input")), "{got:?}");

    let s = server(true);
    s.set_input_device(0).unwrap();
    let e = s.boot(true).unwrap_err();
    assert!(e.message.starts_with("boot:") && e.message.contains("input"), "{}", e.message);
}
