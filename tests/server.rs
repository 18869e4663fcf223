//! The Server's settings, lifecycle, getters, callbacks and MIDI queue, as
//! a Rust host sees them.

mod common;

use common::manual_server;
use rpyo::server::with_server_id;
use rpyo::{AudioBackend, LogLevel, Server, ServerConfig, Status};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

fn config(audio: AudioBackend) -> ServerConfig {
    ServerConfig { audio, verbosity: 1, ..Default::default() }
}

fn output_block(s: &Server) -> Vec<f32> {
    let p = s.output_buffer().unwrap();
    // SAFETY: bs * nchnls floats, valid until shutdown.
    unsafe { std::slice::from_raw_parts(p, s.buffer_size() * s.nchnls()) }.to_vec()
}

#[test]
fn lifecycle_and_buffer_addresses() {
    let s = Server::new(config(AudioBackend::Embedded)).unwrap();
    assert!(!s.is_booted());
    assert_eq!(s.process_block().unwrap_err().status, Status::InvalidState);
    assert_eq!(s.start().unwrap_err().status, Status::InvalidState);
    s.boot(true).unwrap();
    assert_eq!(s.boot(true).unwrap_err().status, Status::InvalidState);
    let (i, o) = (s.input_buffer().unwrap(), s.output_buffer().unwrap());
    s.start().unwrap();
    assert!(s.is_started());
    s.process_block().unwrap();
    s.stop().unwrap();
    s.start().unwrap();
    s.shutdown().unwrap();
    assert!(!s.is_booted() && !s.is_started());
    s.shutdown().unwrap(); // no effect when not booted
    s.boot(false).unwrap();
    assert_eq!((s.input_buffer().unwrap(), s.output_buffer().unwrap()), (i, o), "boot(false) keeps the buffers");
    s.shutdown().unwrap();
    s.set_buffer_size(512).unwrap();
    let e = s.boot(false).unwrap_err();
    assert_eq!(e.status, Status::InvalidState);
    s.boot(true).unwrap();
}

#[test]
fn pre_boot_setters_refuse_after_boot_and_name_themselves() {
    let s = manual_server(true);
    type Setter = Box<dyn Fn(&Server) -> rpyo::Result<()>>;
    let calls: Vec<(&str, Setter)> = vec![
        ("setSamplingRate", Box::new(|s| s.set_sampling_rate(48000.0))),
        ("setBufferSize", Box::new(|s| s.set_buffer_size(64))),
        ("setNchnls", Box::new(|s| s.set_nchnls(4))),
        ("setIchnls", Box::new(|s| s.set_ichnls(4))),
        ("setDuplex", Box::new(|s| s.set_duplex(false))),
        ("setInputDevice", Box::new(|s| s.set_input_device(1))),
        ("setOutputDevice", Box::new(|s| s.set_output_device(1))),
        ("setInOutDevice", Box::new(|s| s.set_inout_device(1))),
        ("setInputOffset", Box::new(|s| s.set_input_offset(1))),
        ("setOutputOffset", Box::new(|s| s.set_output_offset(1))),
        ("setInOutOffset", Box::new(|s| s.set_inout_offset(1))),
        ("setMidiInputDevice", Box::new(|s| s.set_midi_input_device(1))),
        ("setMidiOutputDevice", Box::new(|s| s.set_midi_output_device(1))),
        ("setIsJackTransportSlave", Box::new(|s| s.set_is_jack_transport_slave(true))),
        ("deactivateMidi", Box::new(|s| s.deactivate_midi())),
        ("allowMicrosoftMidiDevices", Box::new(|s| s.allow_microsoft_midi_devices())),
        ("reinit", Box::new(|s| s.reinit(ServerConfig::default()))),
    ];
    for (name, call) in &calls {
        let e = call(&s).unwrap_err();
        assert_eq!(e.status, Status::InvalidState, "{name}");
        assert!(e.message.contains(name), "{name}: {}", e.message);
    }
    // Verbosity and the runtime settings work at any time.
    s.set_verbosity(3).unwrap();
    assert_eq!(s.verbosity(), 3);
}

#[test]
fn bad_values_are_invalid_arguments_naming_the_argument() {
    let s = Server::new(config(AudioBackend::Manual)).unwrap();
    let cases: Vec<(&str, rpyo::Result<()>)> = vec![
        ("sr", s.set_sampling_rate(0.0)),
        ("sr", s.set_sampling_rate(f64::NAN)),
        ("sr", s.set_sampling_rate(5.0e6)),
        ("buffersize", s.set_buffer_size(0)),
        ("buffersize", s.set_buffer_size(100_000)),
        ("nchnls", s.set_nchnls(0)),
        ("ichnls", s.set_ichnls(10_000)),
        ("setInputDevice", s.set_input_device(-5)),
        ("setOutputOffset", s.set_output_offset(-1)),
        ("verbosity", s.set_verbosity(99)),
        ("setAmp", s.set_amp(f32::NAN)),
        ("setStartOffset", s.set_start_offset(-1.0)),
        ("setGlobalDur", s.set_global_dur(f32::INFINITY)),
        ("setGlobalDel", s.set_global_del(-0.5)),
    ];
    for (name, r) in cases {
        let e = r.unwrap_err();
        assert_eq!(e.status, Status::InvalidArgument, "{name}");
        assert!(e.message.contains(name), "{name}: {}", e.message);
    }
    // Nothing was changed by the refused calls.
    assert_eq!((s.sampling_rate(), s.buffer_size(), s.nchnls()), (44100.0, 256, 2));
    let e = Server::new(ServerConfig { audio: AudioBackend::Manual, nchnls: 0, ..Default::default() }).err().unwrap();
    assert!(e.message.starts_with("nchnls"), "{}", e.message);
}

#[test]
fn backends_not_compiled_in_fail_at_boot_naming_the_feature() {
    // The backends this build lacks (with its feature, tests/jack.rs and
    // tests/cpal.rs cover a backend).
    let built: Vec<&str> = rpyo::features().split(',').collect();
    let cases = [(AudioBackend::PortAudio, "cpal"), (AudioBackend::CoreAudio, "cpal"), (AudioBackend::Jack, "jack")];
    for (audio, feature) in cases.into_iter().filter(|(_, f)| !built.contains(f)) {
        let s = Server::new(config(audio)).unwrap();
        let e = s.boot(true).unwrap_err();
        assert_eq!(e.status, Status::FeatureDisabled);
        assert!(e.message.contains(&format!("`{feature}`")), "{}", e.message);
        assert!(!s.is_booted());
    }
}

#[test]
fn getters_report_settings_and_time() {
    let s = Server::new(ServerConfig {
        audio: AudioBackend::Manual,
        sr: 48000.0,
        nchnls: 3,
        ichnls: Some(1),
        buffersize: 64,
        verbosity: 1,
        ..Default::default()
    })
    .unwrap();
    s.boot(true).unwrap();
    assert_eq!((s.sampling_rate(), s.nchnls(), s.ichnls(), s.buffer_size()), (48000.0, 3, 1, 64));
    assert!(s.id() < 256);
    s.set_global_seed(77).unwrap();
    s.set_start_offset(0.0).unwrap();
    s.set_global_dur(1.5).unwrap();
    s.set_global_del(0.25).unwrap();
    s.set_auto_start_children(true).unwrap();
    s.set_amp(0.5).unwrap();
    assert_eq!(s.global_seed(), 77);
    assert_eq!((s.global_dur(), s.global_del(), s.amp()), (1.5, 0.25, 0.5));
    assert!(s.auto_start_children());
    assert!(!s.midi_active());
    s.start().unwrap();
    for _ in 0..750 {
        s.process_block().unwrap();
    }
    assert_eq!(s.current_time_in_samples(), 750 * 64);
    assert_eq!(s.current_time(), "00 : 00 : 01 : 000");
    assert_eq!(s.current_amps().len(), 3);
}

#[test]
fn streams_are_listed_in_creation_order() {
    let s = manual_server(false);
    let a = s.object_new("Sine", "[100, 200]").unwrap();
    let b = s.object_new("Noise", "").unwrap();
    let list = s.streams();
    assert_eq!(s.stream_count(), 3);
    assert_eq!(
        list.iter().map(|i| (i.object, i.stream, i.class)).collect::<Vec<_>>(),
        vec![(a, 0, "Sine"), (a, 1, "Sine"), (b, 0, "Noise")]
    );
    s.object_free(a).unwrap();
    assert_eq!(s.stream_count(), 1);
}

#[test]
fn current_amps_are_squared_peaks_after_the_master_amp() {
    let s = manual_server(false);
    let sig = s.object_new("Sig", "0.5").unwrap();
    s.object_out(sig, 1, 1, 0.0, 0.0).unwrap();
    s.start().unwrap();
    s.process_block().unwrap();
    s.process_block().unwrap();
    let amps = s.current_amps();
    let gain = output_block(&s)[1] / 0.5; // the master amplitude now (0.9999992)
    assert_eq!(amps[0], 0.0);
    assert_eq!(amps[1], (0.5 * gain) * (0.5 * gain));
}

#[test]
fn stale_handles_are_errors_not_crashes() {
    let s = manual_server(false);
    let a = s.object_new("Sine", "").unwrap();
    s.object_free(a).unwrap();
    for r in [s.object_set_float(a, "freq", 1.0), s.object_play(a, 0.0, 0.0), s.object_free(a)] {
        assert_eq!(r.unwrap_err().status, Status::StaleHandle);
    }
    let b = s.object_new("Sine", "").unwrap();
    assert_ne!(a, b, "a reused slot gets a new generation");
    s.shutdown().unwrap();
    s.boot(true).unwrap();
    assert_eq!(s.object_stop(b, 0.0).unwrap_err().status, Status::StaleHandle);
    // A handle of another server is stale here too.
    let other = manual_server(false);
    let c = other.object_new("Sine", "").unwrap();
    assert_eq!(s.object_stop(c, 0.0).unwrap_err().status, Status::StaleHandle);
}

#[test]
fn an_object_read_by_another_lives_until_its_reader_lets_go() {
    let s = manual_server(false);
    let src = s.object_new("Sig", "0.25").unwrap();
    let reader = s.object_new("Sig", "").unwrap();
    s.object_set_object(reader, "value", src).unwrap();
    s.object_out(reader, 0, 1, 0.0, 0.0).unwrap();
    s.object_free(src).unwrap();
    assert_eq!(s.object_set_float(src, "value", 1.0).unwrap_err().status, Status::StaleHandle);
    s.start().unwrap();
    for _ in 0..2 {
        s.process_block().unwrap();
    }
    assert!((output_block(&s)[0] - 0.25).abs() < 1e-5, "the freed source still plays through its reader");
    assert_eq!(s.stream_count(), 2);
    s.object_set_float(reader, "value", 0.0).unwrap();
    assert_eq!(s.stream_count(), 1, "the source went when its last reader let go");
}

#[test]
fn wrong_names_and_types_are_reported() {
    let s = manual_server(false);
    let e = s.object_new("Sinus", "").unwrap_err();
    assert_eq!(e.status, Status::NotFound);
    assert!(e.message.contains("Sinus") && e.message.contains("Sine"), "{}", e.message);
    let e = s.object_new("Sine", "frq=3").unwrap_err();
    assert_eq!(e.status, Status::NotFound);
    assert!(e.message.contains("frq") && e.message.contains("freq, phase, mul, add"), "{}", e.message);
    let e = s.object_new("Sine", "1, 2, 3, 4, 5").unwrap_err();
    assert!(e.message.contains("at most 4"), "{}", e.message);
    let e = s.object_new("Sine", "freq='a'").unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    let a = s.object_new("Sine", "").unwrap();
    let f = s.object_new("Fader", "").unwrap();
    assert_eq!(s.object_set_float(a, "fre", 1.0).unwrap_err().status, Status::NotFound);
    assert_eq!(s.object_set_object(f, "fadein", a).unwrap_err().status, Status::InvalidArgument);
    assert_eq!(s.object_set_object(a, "freq", a).unwrap_err().status, Status::InvalidArgument);
    assert_eq!(s.object_out(a, -1, 1, 0.0, 0.0).unwrap_err().status, Status::InvalidArgument);
    assert_eq!(s.object_play(a, -1.0, 0.0).unwrap_err().status, Status::InvalidArgument);
}

#[test]
fn midi_injection_validates_and_counts_a_full_queue() {
    let s = manual_server(false);
    assert_eq!(s.add_midi_event(12, 0, 0).unwrap_err().status, Status::InvalidArgument);
    assert_eq!(s.add_midi_event(144, 128, 0).unwrap_err().status, Status::InvalidArgument);
    assert_eq!(s.add_midi_event_at(144, 60, 1, 256).unwrap_err().status, Status::InvalidArgument);
    assert_eq!(s.add_midi_event_at(144, 60, 1, -1).unwrap_err().status, Status::InvalidArgument);
    s.add_midi_event_at(144, 60, 1, 255).unwrap();
    for _ in 1..1024 {
        s.add_midi_event(144, 60, 100).unwrap();
    }
    let e = s.add_midi_event(144, 60, 100).unwrap_err();
    assert_eq!(e.status, Status::QueueFull);
    assert_eq!(s.midi_rejected(), 1);
    s.start().unwrap();
    s.process_block().unwrap(); // delivers 512 (the per-block limit) ...
    s.process_block().unwrap(); // ... and the other 512
    s.add_midi_event(128, 60, 0).unwrap();
    assert_eq!(s.midi_rejected(), 1);
}

#[test]
fn a_full_command_queue_is_an_error_and_nothing_is_lost() {
    let s = manual_server(false);
    s.start().unwrap(); // while started only the audio thread empties the queue
    let mut made = Vec::new();
    let err = loop {
        match s.object_new("Sig", "1") {
            Ok(h) => made.push(h),
            Err(e) => break e,
        }
        assert!(made.len() < 100_000);
    };
    assert_eq!(err.status, Status::QueueFull);
    let before = s.stream_count();
    assert_eq!(before, made.len(), "the refused object left no stream behind");
    s.process_block().unwrap();
    s.object_new("Sig", "1").unwrap();
    for h in made {
        let _ = s.object_free(h);
    }
}

#[test]
fn two_threads_processing_one_server_get_busy() {
    let s = manual_server(false);
    let id = s.id();
    let seen = Arc::new(Mutex::new(None));
    let seen2 = Arc::clone(&seen);
    s.set_process_callback(Some(Box::new(move || {
        // While this thread is inside process, another thread tries too.
        let r = std::thread::spawn(move || with_server_id(id, |srv| srv.process_block()).unwrap()).join().unwrap();
        *seen2.lock().unwrap() = Some(r.map_err(|e| e.status));
        // And this very thread may not re-enter or shut down.
        let again = with_server_id(id, |srv| (srv.process_block().map_err(|e| e.status), srv.shutdown().is_err()));
        assert_eq!(again, Some((Err(Status::Busy), true)));
    })))
    .unwrap();
    s.start().unwrap();
    s.process_block().unwrap();
    assert_eq!(*seen.lock().unwrap(), Some(Err(Status::Busy)));
}

#[test]
fn time_and_meter_callbacks_come_at_pyo_rates() {
    let s = manual_server(false);
    let sig = s.object_new("Sig", "0.5").unwrap();
    s.object_out(sig, 0, 1, 0.0, 0.0).unwrap();
    let times = Arc::new(Mutex::new(Vec::new()));
    let meters = Arc::new(Mutex::new(Vec::new()));
    let blocks = Arc::new(AtomicUsize::new(0));
    {
        let (t, b) = (Arc::clone(&times), Arc::clone(&blocks));
        s.set_time_callback(Some(Box::new(move |h, m, sec, ms| {
            t.lock().unwrap().push((b.load(Ordering::Relaxed), (h, m, sec, ms)));
        })))
        .unwrap();
        let (mt, b) = (Arc::clone(&meters), Arc::clone(&blocks));
        s.set_meter_callback(Some(Box::new(move |levels: &[f32]| {
            mt.lock().unwrap().push((b.load(Ordering::Relaxed), levels.to_vec()));
        })))
        .unwrap();
    }
    s.start().unwrap();
    for b in 0..30 {
        blocks.store(b, Ordering::Relaxed);
        s.process_block().unwrap();
    }
    let times = times.lock().unwrap();
    assert_eq!(times.iter().map(|t| t.0).collect::<Vec<_>>(), vec![12, 25]);
    assert_eq!(times[0].1, (0, 0, 0, 69));
    let meters = meters.lock().unwrap();
    assert_eq!(meters.iter().map(|m| m.0).collect::<Vec<_>>(), vec![9, 19, 29]);
    assert_eq!(meters[0].1.len(), 2);
    assert!(meters[0].1[0] > 0.2 && meters[0].1[0] < 0.25, "{:?}", meters[0].1);
    assert_eq!(meters[0].1[1], 0.0);
}

#[test]
fn log_messages_are_filtered_by_verbosity() {
    let got = Arc::new(Mutex::new(Vec::<(LogLevel, String)>::new()));
    for verbosity in [7, 1] {
        let s = Server::new(ServerConfig { audio: AudioBackend::Manual, verbosity, ..Default::default() }).unwrap();
        let g = Arc::clone(&got);
        s.set_log_callback(Some(Box::new(move |level, msg: &str| g.lock().unwrap().push((level, msg.to_string())))));
        s.boot(true).unwrap(); // warns that MIDI ports need the `midir` feature
    }
    let got = got.lock().unwrap();
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, LogLevel::Warning);
    assert!(got[0].1.contains("midir"));
}

#[test]
fn start_offset_computes_the_first_seconds_silently() {
    let s = manual_server(false);
    s.set_start_offset(0.5).unwrap();
    let sig = s.object_new("Sig", "1").unwrap();
    s.object_out(sig, 0, 1, 0.0, 0.0).unwrap();
    s.start().unwrap();
    assert_eq!(s.current_time_in_samples(), 87 * 256, "ceil(0.5*44100/256) blocks");
    s.process_block().unwrap();
    let out = output_block(&s);
    assert_eq!(out[0], 1.0 / 220.0, "the amplitude ramps in again after the offset");
}

#[test]
fn many_servers_on_many_threads_are_independent() {
    fn render(seed: u32, freq: f32, together: Option<&std::sync::Barrier>) -> (u32, Vec<f32>) {
        let s = manual_server(false);
        s.set_global_seed(seed).unwrap();
        let n = s.object_new("Noise", "mul=0.3").unwrap();
        s.object_out(n, 0, 1, 0.0, 0.0).unwrap();
        let a = s.object_new("Sine", &format!("{freq}, mul=0.5")).unwrap();
        s.object_out(a, 1, 1, 0.0, 0.0).unwrap();
        s.start().unwrap();
        let mut out = Vec::new();
        for _ in 0..200 {
            s.process_block().unwrap();
            out.extend(output_block(&s));
        }
        // Ids are reused once a server is freed: hold every server until all
        // have rendered, so that the ids compared below are of live servers.
        if let Some(b) = together {
            b.wait();
        }
        (s.id(), out)
    }
    let alone: Vec<Vec<f32>> = (0..6).map(|k| render(100 + k, 200.0 + 50.0 * k as f32, None).1).collect();
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(6));
    let handles: Vec<_> = (0..6)
        .map(|k| {
            let b = std::sync::Arc::clone(&barrier);
            std::thread::spawn(move || render(100 + k, 200.0 + 50.0 * k as f32, Some(&b)))
        })
        .collect();
    let mut ids = Vec::new();
    for (k, h) in handles.into_iter().enumerate() {
        let (id, out) = h.join().unwrap();
        assert!(out == alone[k], "server {k} was disturbed by the others");
        ids.push(id);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 6, "each server has its own id");
}

#[test]
fn freeing_is_all_or_nothing_when_the_queue_is_full() {
    let s = manual_server(false);
    let src = s.object_new("Sig", "0.5").unwrap();
    let reader = s.object_new("Sig", "").unwrap();
    s.object_set_object(reader, "value", src).unwrap();
    s.object_free(src).unwrap(); // kept alive by its reader
    s.start().unwrap();
    let mut filler = Vec::new();
    while let Ok(h) = s.object_new("Sig", "") {
        filler.push(h);
    }
    let e = s.object_free(reader).unwrap_err();
    assert_eq!(e.status, Status::QueueFull);
    assert_eq!(s.stream_count(), filler.len() + 2, "nothing was freed");
    s.object_set_float(reader, "mul", 1.0).unwrap_err(); // still full, still valid (not stale)
    s.process_block().unwrap();
    s.object_free(reader).unwrap();
    assert_eq!(s.stream_count(), filler.len(), "the reader and its freed source went together");
}

/// pyo's setJack* settings through the C API: stored on any server (the
/// JACK backend acts on them, tests/jack.rs), checked for length and names.
#[test]
fn jack_settings_through_the_c_api() {
    use rpyo::ffi::*;
    use rpyo::server::jack_settings::{PortGroup, PortNames};
    use std::ffi::CString;
    let mut opts = std::mem::MaybeUninit::<rpyo_server_options>::uninit();
    let mut srv = std::ptr::null_mut();
    unsafe {
        assert_eq!(rpyo_server_options_default(opts.as_mut_ptr()), Status::Ok);
        let mut o = opts.assume_init();
        o.nchnls = 2;
        o.ichnls = 1;
        let audio = CString::new("manual").unwrap();
        o.audio = audio.as_ptr();
        assert_eq!(rpyo_server_new(&o, &mut srv), Status::Ok);
        let s: *const rpyo_server = srv;
        let (a, b, c) = (CString::new("a").unwrap(), CString::new("b").unwrap(), CString::new("x:y").unwrap());
        let two = [a.as_ptr(), b.as_ptr()];
        assert_eq!(rpyo_server_set_jack_output_port_names(s, two.as_ptr(), 2), Status::Ok);
        assert_eq!(rpyo_server_set_jack_input_port_names(s, two.as_ptr(), 2), Status::InvalidArgument);
        let msg = std::ffi::CStr::from_ptr(rpyo_last_error()).to_str().unwrap();
        assert!(msg.starts_with("setJackInputPortNames: 2 names for 1 channels"), "{msg}");
        assert_eq!(rpyo_server_set_jack_input_port_base_name(s, c.as_ptr()), Status::InvalidArgument);
        assert_eq!(rpyo_server_set_jack_input_port_base_name(s, a.as_ptr()), Status::Ok);
        assert_eq!(rpyo_server_set_jack_output_port_names(s, std::ptr::null(), 2), Status::NullPointer);
        // Output channel 0 to "x:y", channel 1 to "a" and "b".
        let ports = [c.as_ptr(), a.as_ptr(), b.as_ptr()];
        assert_eq!(rpyo_server_set_jack_auto_connect_output_ports(s, ports.as_ptr(), [1, 2].as_ptr(), 2), Status::Ok);
        assert_eq!(
            rpyo_server_set_jack_auto_connect_input_ports(s, ports.as_ptr(), [1, 2].as_ptr(), 2),
            Status::InvalidArgument,
            "one list per input channel"
        );
        assert_eq!(rpyo_server_set_jack_auto_connect_midi_input_port(s, ports.as_ptr(), 1), Status::Ok);
        assert_eq!(rpyo_server_set_jack_midi_output_port_name(s, b.as_ptr()), Status::Ok);
        assert_eq!(rpyo_server_set_jack_auto(s, false, true), Status::Ok);
        let mut buf = [0 as std::ffi::c_char; 64];
        assert_eq!(rpyo_server_jack_client_name(s, buf.as_mut_ptr(), 64), Status::InvalidState);
        rpyo_server_free(srv);
    }
    // What the setters store (the Rust API: the C calls above reach the same code).
    let s = Server::new(ServerConfig { audio: AudioBackend::Manual, nchnls: 2, ichnls: Some(1), ..Default::default() })
        .unwrap();
    s.set_jack_port_names(PortGroup::Output, PortNames::List(vec!["a".into(), "b".into()])).unwrap();
    s.set_jack_port_names(PortGroup::Input, PortNames::Base("a".into())).unwrap();
    s.set_jack_auto_connect_ports(PortGroup::Output, vec![vec!["x:y".into()], vec!["a".into(), "b".into()]]).unwrap();
    s.set_jack_auto_connect_midi_port(PortGroup::MidiInput, vec!["x:y".into()]).unwrap();
    s.set_jack_midi_port_name(PortGroup::MidiOutput, "b").unwrap();
    s.set_jack_auto(false, true).unwrap();
    let cfg = s.config();
    let j = &cfg.jack;
    assert_eq!(j.output_port_names(2), ["a", "b"]);
    assert_eq!(j.input_port_names(1), ["a_0"]);
    assert_eq!(j.connect_outputs, [vec!["x:y".to_string()], vec!["a".into(), "b".into()]]);
    assert_eq!(j.connect_midi_in, ["x:y"]);
    assert_eq!((j.midi_in_name.as_str(), j.midi_out_name.as_str(), j.auto_in, j.auto_out), ("input", "b", false, true));
    assert_eq!(s.jack_client_name(), None);
}
