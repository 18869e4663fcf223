//! MIDI ports through midir (feature `midir`). Containers and CI have no
//! ALSA sequencer (/dev/snd/seq), so no port can be opened here: these tests
//! check what holds with or without one (listing is Ok or a clear error, a
//! server boots either way, pyo's device numbering, the timestamp to frame
//! mapping). Opening a real port and receiving a timed event is not tested.
#![cfg(feature = "midir")]

use rpyo::midi::midir::{
    format_devices, inputs_to_open, list_devices, output_to_open, parse_message, timestamp_to_frame, StampClock,
};
use rpyo::{AudioBackend, LogLevel, MidiBackend, MidiEvent, Server, ServerConfig, Status};
use std::sync::{Arc, Mutex};

fn has_sequencer() -> bool {
    std::path::Path::new("/dev/snd/seq").exists()
}

#[test]
fn listing_is_ok_or_a_clear_error() {
    match list_devices() {
        Ok(list) => {
            let text = format_devices(&list);
            assert!(text.starts_with("MIDI devices:\n"));
            // Inputs first, then outputs, numbered from 0.
            for (i, d) in list.iter().enumerate() {
                assert_eq!(d.index, i);
                assert!(text.contains(&format!("{i}: {}, name: {}", if d.input { "IN" } else { "OUT" }, d.name)));
            }
            let first_out = list.iter().position(|d| !d.input).unwrap_or(list.len());
            assert!(list[first_out..].iter().all(|d| !d.input));
        }
        Err(e) => {
            assert!(!has_sequencer(), "a sequencer exists but listing failed: {e}");
            assert_eq!(e.status, Status::Io);
            assert!(e.message.starts_with("pm_list_devices: no MIDI"), "{}", e.message);
            eprintln!("no MIDI system here (expected without /dev/snd/seq): {e}");
        }
    }
}

type Log = Arc<Mutex<Vec<(LogLevel, String)>>>;

fn logged_server(audio: AudioBackend) -> (Server, Log) {
    let s =
        Server::new(ServerConfig { audio, midi: MidiBackend::PortMidi, verbosity: 15, ..Default::default() }).unwrap();
    let got = Arc::new(Mutex::new(Vec::new()));
    let g = Arc::clone(&got);
    s.set_log_callback(Some(Box::new(move |level, msg: &str| g.lock().unwrap().push((level, msg.to_string())))));
    (s, got)
}

#[test]
fn host_driven_servers_open_no_port_and_say_so() {
    let (s, got) = logged_server(AudioBackend::Manual);
    s.set_midi_input_device(1000).unwrap();
    s.boot(true).unwrap();
    assert!(!s.midi_active());
    let got = got.lock().unwrap();
    assert!(
        got.iter().any(|(l, m)| *l == LogLevel::Warning && m.contains("midir") && m.contains("audio='manual'")),
        "{got:?}"
    );
    // Injected events still reach the engine.
    s.start().unwrap();
    s.add_midi_event(0x90, 60, 100).unwrap();
}

#[test]
fn ports_open_at_boot_or_the_boot_goes_on_with_a_warning() {
    // The ports are opened by midir directly (no audio device needed).
    let cfg = ServerConfig { audio: AudioBackend::PortAudio, midi_input_device: Some(1000), ..Default::default() };
    let queue = Arc::new(crossbeam_queue::ArrayQueue::<MidiEvent>::new(16));
    let shared = Arc::new(rpyo::engine::shared::EngineShared::new());
    match rpyo::midi::midir::open(&cfg, queue, shared) {
        Ok(ports) => {
            // Above the last index: every input is open.
            let n_in = list_devices().unwrap().iter().filter(|d| d.input).count();
            assert_eq!(ports.inputs(), n_in);
        }
        Err(e) => {
            assert!(!has_sequencer(), "a sequencer exists but opening failed: {e}");
            assert_eq!(e.status, Status::Io);
            assert!(e.message.starts_with("MIDI"), "{}", e.message);
        }
    }
    // A wrong index is an error naming the setter, whatever the system has.
    assert!(output_to_open(Some(0), 1, 3).unwrap_err().message.contains("setMidiOutputDevice(0)"));
}

#[test]
fn an_index_above_the_last_opens_every_input() {
    // pm_list_devices numbering: 3 inputs (0-2), 2 outputs (3-4).
    assert_eq!(inputs_to_open(Some(5), 3, 5).unwrap(), vec![0, 1, 2]);
    assert_eq!(inputs_to_open(Some(4), 3, 5).unwrap_err().status, Status::InvalidArgument);
    assert_eq!(inputs_to_open(Some(2), 3, 5).unwrap(), vec![2]);
    assert_eq!(inputs_to_open(None, 3, 5).unwrap(), vec![0]);
    assert_eq!(output_to_open(Some(3), 3, 5).unwrap(), Some(0));
    assert_eq!(output_to_open(Some(4), 3, 5).unwrap(), Some(1));
}

#[test]
fn timestamps_become_frame_offsets_of_the_block() {
    // A stamp clock whose origin is 2 s behind the wall clock; events arrive
    // 0.5 to 3 ms after their stamps; the block began at wall 2_000_000 µs.
    let clock = StampClock::default();
    let block = 2_000_000;
    let events = [(1_000u64, 500u64), (2_000, 3_000), (3_000, 700)]; // (stamp after 0, arrival delay)
    let frames: Vec<u32> = events
        .iter()
        .map(|&(stamp, delay)| {
            let wall = clock.to_wall(stamp, stamp + 2_000_000 + delay);
            timestamp_to_frame(wall, block, 48000.0, 256)
        })
        .collect();
    // The first event defines the offset (500 µs late): 1.5 ms = 72 frames;
    // the others keep their 1 ms spacing (48 frames) despite the jitter.
    assert_eq!(frames, vec![72, 120, 168]);
    // Events are parsed into the engine's queue format at that frame.
    assert_eq!(parse_message(&[0x90, 64, 90], frames[1]).unwrap().frame, 120);
}
