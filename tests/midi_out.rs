//! MIDI output: pyo's noteout, afterout, ctlout, programout, pressout,
//! bendout, sysexout and makenote. Bytes of every method, channel 0 = all
//! 16 channels, lists, timestamps and makenote's note-off at their exact
//! frames across block boundaries, errors, the schedule's capacity, the
//! backend sink, and offline renders.

use rpyo::midi::out::MIDI_OUT_CAPACITY;
use rpyo::{AudioBackend, Server, ServerConfig, Status};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// (bytes, frame) seen by the callback since the last drain.
type Seen = Arc<Mutex<Vec<(Vec<u8>, u32)>>>;

fn server(sr: f64, bs: usize) -> (Server, Seen) {
    server_with(sr, bs, AudioBackend::Manual)
}

fn server_with(sr: f64, bs: usize, audio: AudioBackend) -> (Server, Seen) {
    let s = Server::new(ServerConfig { sr, buffersize: bs, audio, duplex: false, verbosity: 1, ..Default::default() })
        .unwrap();
    s.deactivate_midi().unwrap();
    let seen: Seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    // Set before boot: handed to the engine at boot.
    s.set_midi_out_callback(Some(Box::new(move |bytes: &[u8], frame| {
        sink.lock().unwrap().push((bytes.to_vec(), frame));
    })))
    .unwrap();
    s.boot(true).unwrap();
    if audio != AudioBackend::Offline {
        s.start().unwrap();
    }
    (s, seen)
}

/// Runs `blocks` blocks; every event as (absolute sample, bytes), with the
/// frame checked to lie inside its block.
fn run(s: &Server, seen: &Seen, blocks: usize) -> Vec<(u64, Vec<u8>)> {
    let bs = s.buffer_size() as u64;
    let mut out = Vec::new();
    for _ in 0..blocks {
        let start = s.current_time_in_samples();
        s.process_block().unwrap();
        for (bytes, frame) in seen.lock().unwrap().drain(..) {
            assert!((frame as u64) < bs, "frame {frame} outside a block of {bs}");
            out.push((start + frame as u64, bytes));
        }
    }
    out
}

fn at0(events: &[(u64, Vec<u8>)]) -> Vec<Vec<u8>> {
    events
        .iter()
        .map(|(t, b)| {
            assert_eq!(*t, 0, "{b:02X?} sent now lands at frame 0 of the next block");
            b.clone()
        })
        .collect()
}

#[test]
fn every_method_sends_its_bytes() {
    let (s, seen) = server(44100.0, 64);
    s.noteout(60, 100, 1, 0.0).unwrap();
    s.noteout(61, 0, 10, 0.0).unwrap();
    s.afterout(62, 50, 2, 0.0).unwrap();
    s.ctlout(7, 127, 16, 0.0).unwrap();
    s.programout(5, 3, 0.0).unwrap();
    s.pressout(90, 4, 0.0).unwrap();
    s.bendout(16383, 1, 0.0).unwrap();
    s.bendout(8192, 2, 0.0).unwrap();
    s.bendout(0, 3, 0.0).unwrap();
    s.bendout(1000, 3, 0.0).unwrap();
    s.sysexout(&[0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7], 0.0).unwrap();
    s.makenote(64, 90, 0.0, 5).unwrap();
    let got = at0(&run(&s, &seen, 2));
    let want: Vec<Vec<u8>> = vec![
        vec![0x90, 60, 100],
        vec![0x99, 61, 0],
        vec![0xA1, 62, 50],
        vec![0xBF, 7, 127],
        vec![0xC2, 5],
        vec![0xD3, 90],
        vec![0xE0, 0x7F, 0x7F],
        vec![0xE1, 0x00, 0x40],
        vec![0xE2, 0x00, 0x00],
        vec![0xE2, 0x68, 0x07],
        vec![0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7],
        vec![0x94, 64, 90],
        // makenote's note-off: the same note with velocity 0.
        vec![0x94, 64, 0],
    ];
    assert_eq!(got, want);
    assert_eq!(s.midi_out_dropped(), 0);
    assert_eq!(s.leaked(), 0);
}

#[test]
fn channel_zero_sends_on_each_of_the_16_channels() {
    let (s, seen) = server(44100.0, 64);
    s.noteout(60, 100, 0, 0.0).unwrap();
    s.programout(9, 0, 0.0).unwrap();
    s.bendout(8192, [0], 0.0).unwrap();
    let got = at0(&run(&s, &seen, 1));
    assert_eq!(got.len(), 48);
    for c in 0..16u8 {
        assert_eq!(got[c as usize], vec![0x90 | c, 60, 100], "noteout channel {}", c + 1);
        assert_eq!(got[16 + c as usize], vec![0xC0 | c, 9]);
        assert_eq!(got[32 + c as usize], vec![0xE0 | c, 0, 64]);
    }
}

#[test]
fn lists_make_several_events_the_shorter_wrapping() {
    let sr = 48000.0;
    let (s, seen) = server(sr, 64);
    // 3 events (the longest list): timestamps 0, 10, 0 ms.
    s.noteout([60, 64, 67], 100, [1, 2], vec![0.0, 10.0]).unwrap();
    let values = vec![10, 20];
    s.ctlout(&[1, 2][..], &values, 3, 0.0).unwrap();
    s.sysexout_list(&[&[0xF0, 1, 0xF7], &[0xF0, 2, 3, 0xF7]], &[5.0]).unwrap();
    s.makenote([48, 50], 80, [1.0, 2.0], 1).unwrap();
    let got = run(&s, &seen, 10);
    let want: Vec<(u64, Vec<u8>)> = vec![
        (0, vec![0x90, 60, 100]),
        (0, vec![0x90, 67, 100]),
        (0, vec![0xB2, 1, 10]),
        (0, vec![0xB2, 2, 20]),
        (0, vec![0x90, 48, 80]),
        (0, vec![0x90, 50, 80]),
        (48, vec![0x90, 48, 0]),
        (96, vec![0x90, 50, 0]),
        (240, vec![0xF0, 1, 0xF7]),
        (240, vec![0xF0, 2, 3, 0xF7]),
        (480, vec![0x91, 64, 100]),
    ];
    assert_eq!(got, want);
    let e = s.noteout(Vec::<i32>::new(), 100, 1, 0.0).unwrap_err();
    assert_eq!(e.status, Status::InvalidArgument);
    assert!(e.message.contains("pitch is an empty list"), "{}", e.message);
}

#[test]
fn timestamps_land_on_their_exact_frame_with_any_block_size() {
    let sr = 44100.0;
    let delays_ms = [0.0, 1.0, 7.5, 23.0, 100.0, 0.01];
    for bs in [1usize, 64, 100, 256, 441, 1000] {
        let (s, seen) = server(sr, bs);
        // The calls are made after some blocks: timestamps count from the
        // start of the next block.
        assert!(run(&s, &seen, 3).is_empty());
        let base = 3 * bs as u64;
        for (i, ms) in delays_ms.iter().enumerate() {
            s.noteout(i as i32, 1, 1, *ms).unwrap();
        }
        let blocks = (0.11 * sr) as usize / bs + 2;
        let got = run(&s, &seen, blocks);
        let mut want: Vec<(u64, Vec<u8>)> = delays_ms
            .iter()
            .enumerate()
            .map(|(i, ms)| (base + (ms * sr / 1000.0_f64).round() as u64, vec![0x90, i as u8, 1]))
            .collect();
        want.sort_by_key(|w| w.0);
        assert_eq!(got, want, "block size {bs}");
        // 7.5 ms at 44.1 kHz is sample 331 (330.75 rounded).
        assert!(got.iter().any(|(t, b)| *t == base + 331 && b[1] == 2), "bs {bs}");
    }
}

#[test]
fn makenote_note_off_lands_duration_later_at_its_frame() {
    for (sr, bs) in [(48000.0, 64usize), (44100.0, 256), (96000.0, 100)] {
        let (s, seen) = server(sr, bs);
        run(&s, &seen, 2);
        s.makenote(60, 100, 250.0, 1).unwrap();
        s.makenote(61, 100, 3.3, 16).unwrap();
        let got = run(&s, &seen, (0.26 * sr) as usize / bs + 2);
        let base = 2 * bs as u64;
        let off60 = base + (0.25 * sr).round() as u64;
        let off61 = base + (0.0033 * sr).round() as u64;
        assert_eq!(
            got,
            vec![
                (base, vec![0x90, 60, 100]),
                (base, vec![0x9F, 61, 100]),
                (off61, vec![0x9F, 61, 0]),
                (off60, vec![0x90, 60, 0]),
            ],
            "sr {sr}, bs {bs}"
        );
    }
    // 250 ms at 48 kHz with blocks of 64: sample 12000 = block 187, frame 32.
    assert_eq!((12000 / 64, 12000 % 64), (187, 32));
}

#[test]
fn events_sent_from_the_process_callback_act_in_the_same_block() {
    let (s, seen) = server(44100.0, 64);
    let id = s.id();
    let block = Arc::new(Mutex::new(0));
    s.set_process_callback(Some(Box::new(move || {
        let mut b = block.lock().unwrap();
        if *b == 4 {
            rpyo::server::with_server_id(id, |srv| srv.noteout(70, 1, 1, 0.5).unwrap());
        }
        *b += 1;
    })))
    .unwrap();
    let got = run(&s, &seen, 6);
    // 0.5 ms = 22 samples after the start of block 4.
    assert_eq!(got, vec![(4 * 64 + 22, vec![0x90, 70, 1])]);
}

fn invalid(r: rpyo::Result<()>, words: &[&str]) {
    let e = r.expect_err("out of range");
    assert_eq!(e.status, Status::InvalidArgument, "{}", e.message);
    for w in words {
        assert!(e.message.contains(w), "{:?} does not name {w:?}", e.message);
    }
}

#[test]
fn out_of_range_values_are_errors_naming_them() {
    let (s, seen) = server(44100.0, 64);
    invalid(s.noteout(128, 100, 1, 0.0), &["noteout", "pitch", "128"]);
    invalid(s.noteout(60, -1, 1, 0.0), &["noteout", "velocity", "-1"]);
    invalid(s.noteout(60, 100, 17, 0.0), &["noteout", "channel", "17"]);
    invalid(s.noteout(60, 100, -1, 0.0), &["channel", "-1"]);
    invalid(s.noteout(60, 100, 1, -5.0), &["noteout", "timestamp", "-5"]);
    invalid(s.noteout(60, 100, 1, f64::NAN), &["timestamp", "NaN"]);
    invalid(s.afterout(60, 300, 1, 0.0), &["afterout", "velocity", "300"]);
    invalid(s.ctlout(128, 0, 1, 0.0), &["ctlout", "ctlnum", "128"]);
    invalid(s.ctlout(7, 128, 1, 0.0), &["ctlout", "value", "128"]);
    invalid(s.programout(128, 1, 0.0), &["programout", "value", "128"]);
    invalid(s.pressout(-3, 1, 0.0), &["pressout", "value", "-3"]);
    invalid(s.bendout(16384, 1, 0.0), &["bendout", "value", "16384"]);
    invalid(s.bendout(-1, 1, 0.0), &["bendout", "-1"]);
    invalid(s.sysexout(&[0xF0, 1, 2], 0.0), &["sysexout", "F0 01 02", "F0 ... F7"]);
    invalid(s.sysexout(&[1, 2, 0xF7], 0.0), &["sysexout", "not framed"]);
    invalid(s.sysexout(&[], 0.0), &["sysexout", "not framed"]);
    invalid(s.sysexout(&[0xF0, 1, 0x90, 0xF7], 0.0), &["sysexout", "byte 2", "90"]);
    invalid(s.sysexout(&[0xF0, 0xF7], -1.0), &["sysexout", "timestamp", "-1"]);
    invalid(s.makenote(128, 100, 10.0, 1), &["makenote", "pitch", "128"]);
    invalid(s.makenote(60, 100, -10.0, 1), &["makenote", "duration", "-10"]);
    invalid(s.makenote(60, 100, 10.0, 17), &["makenote", "channel", "17"]);
    // A list with one bad item sends nothing at all.
    invalid(s.noteout([60, 61, 200], 100, 1, 0.0), &["pitch", "200"]);
    assert!(run(&s, &seen, 2).is_empty(), "nothing was sent");
    assert_eq!(s.midi_out_pending(), 0);
    // Not booted: a state error.
    let off = Server::new(ServerConfig { audio: AudioBackend::Manual, verbosity: 1, ..Default::default() }).unwrap();
    let e = off.noteout(60, 100, 1, 0.0).unwrap_err();
    assert_eq!(e.status, Status::InvalidState);
    assert!(e.message.contains("noteout") && e.message.contains("not booted"), "{}", e.message);
}

#[test]
fn a_full_schedule_refuses_the_call_until_events_go_out() {
    let (s, seen) = server(44100.0, 256);
    s.stop().unwrap();
    // Stopped: commands are applied at once, so the command queue never fills.
    for _ in 0..MIDI_OUT_CAPACITY / 16 {
        s.noteout(60, 100, 0, 1000.0).unwrap();
    }
    assert_eq!(s.midi_out_pending(), MIDI_OUT_CAPACITY as u64);
    let e = s.noteout(60, 100, 1, 0.0).unwrap_err();
    assert_eq!(e.status, Status::QueueFull);
    assert!(e.message.contains("noteout") && e.message.contains("schedule is full"), "{}", e.message);
    let e = s.makenote(60, 100, 1.0, 1).unwrap_err();
    assert_eq!(e.status, Status::QueueFull, "{}", e.message);
    assert_eq!(s.midi_out_pending(), MIDI_OUT_CAPACITY as u64, "refused calls add nothing");
    s.start().unwrap();
    // 1000 ms = 44100 samples: block 172, frame 68.
    let got = run(&s, &seen, 173);
    assert_eq!(got.len(), MIDI_OUT_CAPACITY);
    assert!(got.iter().all(|(t, _)| *t == 44100));
    // The last block's events are released by the next block.
    run(&s, &seen, 1);
    assert_eq!(s.midi_out_pending(), 0);
    s.makenote(60, 100, 1.0, 0).unwrap();
    assert_eq!(s.midi_out_pending(), 32, "makenote takes two places per channel");
    assert_eq!(run(&s, &seen, 2).len(), 32);
    assert_eq!(s.midi_out_dropped(), 0);
}

#[test]
fn backends_read_each_block_through_process_block_midi() {
    let (s, seen) = server(44100.0, 64);
    s.noteout(60, 100, 1, 2.0).unwrap(); // sample 88: block 1, frame 24
    s.sysexout(&[0xF0, 0x43, 0xF7], 0.0).unwrap();
    let mut sink: Vec<(usize, Vec<u8>, u32)> = Vec::new();
    for b in 0..3 {
        s.process_block_midi(&mut |bytes, frame| sink.push((b, bytes.to_vec(), frame))).unwrap();
    }
    assert_eq!(sink, vec![(0, vec![0xF0, 0x43, 0xF7], 0), (1, vec![0x90, 60, 100], 24)]);
    // The callback saw the same events.
    let cb: Vec<_> = seen.lock().unwrap().drain(..).collect();
    assert_eq!(cb, vec![(vec![0xF0, 0x43, 0xF7], 0), (vec![0x90, 60, 100], 24)]);
    assert_eq!(s.leaked(), 0);
}

#[test]
fn clearing_the_callback_stops_delivery_to_it() {
    let (s, seen) = server(44100.0, 64);
    s.set_midi_out_callback(None).unwrap();
    s.noteout(60, 100, 1, 0.0).unwrap();
    s.process_block().unwrap();
    assert!(seen.lock().unwrap().is_empty());
}

#[test]
fn offline_renders_deliver_to_the_callback() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("midi-out-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("offline.wav");
    let (s, seen) = server_with(44100.0, 256, AudioBackend::Offline);
    s.record_options(0.5, Some(path.to_str().unwrap()), 0, 3, 0.4).unwrap();
    s.makenote(60, 100, 300.0, 1).unwrap();
    s.noteout(62, 100, 1, 100.0).unwrap();
    s.noteout(63, 100, 1, 900.0).unwrap(); // after the end: never sent
    s.start().unwrap();
    let got: Vec<_> = seen.lock().unwrap().drain(..).collect();
    // 100 ms = 4410 = block 17, frame 58; 300 ms = 13230 = block 51, frame 174.
    assert_eq!(
        got,
        vec![(vec![0x90, 60, 100], 0), (vec![0x90, 62, 100], 4410 % 256), (vec![0x90, 60, 0], 13230 % 256)]
    );
}

#[test]
fn embedded_mode_with_host_buffers_of_several_blocks() {
    use std::sync::atomic::{AtomicU64, Ordering};
    let (s, _) = server_with(44100.0, 64, AudioBackend::Embedded);
    // The block being computed, counted by the process callback; the MIDI
    // callback tags each event with it.
    let block = Arc::new(AtomicU64::new(0));
    let b = Arc::clone(&block);
    s.set_process_callback(Some(Box::new(move || {
        b.fetch_add(1, Ordering::Relaxed);
    })))
    .unwrap();
    let got = Arc::new(Mutex::new(Vec::new()));
    let (g, b) = (Arc::clone(&got), Arc::clone(&block));
    s.set_midi_out_callback(Some(Box::new(move |bytes: &[u8], frame| {
        g.lock().unwrap().push((b.load(Ordering::Relaxed) - 1, bytes.to_vec(), frame));
    })))
    .unwrap();
    s.noteout(60, 100, 1, 0.0).unwrap();
    s.noteout(61, 100, 1, 2.0).unwrap(); // 88: the second block, frame 24
    s.makenote(62, 100, 4.0, 1).unwrap(); // off at 176: the third block, frame 48
                                          // One host call of three blocks: the k-th block starts at frame 64k of
                                          // the call, and the callback runs after each block.
    let mut out = vec![0.0f32; 3 * 64 * 2];
    s.process_interleaved::<f32>(None, &mut out, 3 * 64).unwrap();
    assert_eq!(
        *got.lock().unwrap(),
        vec![
            (0, vec![0x90, 60, 100], 0),
            (0, vec![0x90, 62, 100], 0),
            (1, vec![0x90, 61, 100], 24),
            (2, vec![0x90, 62, 0], 48),
        ]
    );
}

#[test]
fn while_stopped_waiting_events_wait() {
    let (s, seen) = server(44100.0, 64);
    run(&s, &seen, 1);
    s.noteout(60, 100, 1, 2.0).unwrap(); // 88 samples after block 1 starts
    s.stop().unwrap();
    for _ in 0..5 {
        s.process_block().unwrap();
    }
    assert!(seen.lock().unwrap().is_empty(), "nothing goes out while stopped");
    assert_eq!(s.midi_out_pending(), 1);
    s.start().unwrap();
    // Time resumes where it stopped: sample 64 + 88 = 152, block 2 frame 24.
    assert_eq!(run(&s, &seen, 3), vec![(152, vec![0x90, 60, 100])]);
}
