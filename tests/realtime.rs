//! The audio thread never allocates or frees: a counting global allocator
//! watches the thread that processes 10,000 blocks while another thread
//! creates, changes, schedules and deletes objects, sets callbacks and the
//! amplitude, injects MIDI, sends MIDI out (notes, makenote, bends on all
//! channels, sysex: scheduled, delivered to a callback and to a backend's
//! sink), and starts and stops recordings (the audio thread pushes every
//! block into the recording's ring).

use rpyo::server::arith::{ArithOp, Operand};
use rpyo::{AudioBackend, Server, ServerConfig, Status};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

mod common;
use common::counting::{counted, watch, Counting};

#[global_allocator]
static ALLOC: Counting = Counting;

#[test]
fn no_allocation_on_the_audio_thread() {
    let server = Arc::new(
        Server::new(ServerConfig { audio: AudioBackend::Manual, verbosity: 1, ..Default::default() }).unwrap(),
    );
    server.boot(true).unwrap();
    // Callbacks run on the audio thread too: they must not allocate either.
    let ticks = Arc::new(AtomicUsize::new(0));
    let t = Arc::clone(&ticks);
    server
        .set_process_callback(Some(Box::new(move || {
            t.fetch_add(1, Ordering::Relaxed);
        })))
        .unwrap();
    server.set_meter_callback(Some(Box::new(|levels: &[f32]| assert!(levels.len() == 2)))).unwrap();
    server.set_time_callback(Some(Box::new(|_, _, _, _| {}))).unwrap();
    let midi_out = Arc::new(AtomicUsize::new(0));
    let m = Arc::clone(&midi_out);
    server
        .set_midi_out_callback(Some(Box::new(move |bytes: &[u8], frame| {
            assert!(!bytes.is_empty() && frame < 256);
            m.fetch_add(1, Ordering::Relaxed);
        })))
        .unwrap();
    let rec_dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("realtime-rec");
    std::fs::create_dir_all(&rec_dir).unwrap();
    let rec_path = rec_dir.join("take.wav");
    server.record_options(-1.0, Some(rec_path.to_str().unwrap()), 0, 3, 0.4).unwrap();
    server.recstart(None).unwrap();
    server.start().unwrap();

    let done = Arc::new(AtomicBool::new(false));
    let control = {
        let (s, done) = (Arc::clone(&server), Arc::clone(&done));
        std::thread::spawn(move || {
            let mut live = Vec::new();
            let mut doomed = Vec::new();
            let mut round = 0u32;
            let mut refused = 0usize;
            let mut recordings = 0usize;
            let mut next_take = 500u64;
            while !done.load(Ordering::Relaxed) {
                round += 1;
                let r: rpyo::Result<()> = (|| {
                    // Delete first: the engine hands the streams back to be
                    // freed here. On QueueFull the handle stays for the next
                    // round, and nothing new is made until the backlog is gone.
                    while let Some(&h) = doomed.last() {
                        let _ = s.object_stop(h, 0.0);
                        s.object_free(h)?;
                        doomed.pop();
                    }
                    // Every handle is kept at once: a refused call later in the
                    // round must not lose track of what was made.
                    let env = s.object_new("Fader", "fadein=0.01, fadeout=0.02, dur=0.1")?;
                    live.push(env);
                    s.object_play(env, 0.0, 0.0)?;
                    let osc = s.object_new("Sine", &format!("freq=[{}, {}], mul=0.1", 200 + round % 500, 300))?;
                    live.push(osc);
                    s.object_set_object(osc, "mul", env)?;
                    s.object_out(osc, 0, 1, 0.05, 0.0)?;
                    let noise = s.object_new("Noise", "mul=0.01")?;
                    live.push(noise);
                    s.object_out(noise, 1, 1, 0.0, 0.01)?;
                    if round % 8 == 0 {
                        // A resampling block: nodes with their own block size,
                        // and Resample's kernel recomputed on the audio thread.
                        s.begin_resampling_block(2)?;
                        let made = s.object_new("Resample", &format!("@{}, mode=8", noise.id));
                        s.end_resampling_block()?;
                        let up = made?;
                        live.push(up);
                        let down = s.object_new("Resample", &format!("@{}, mode=4", up.id))?;
                        live.push(down);
                        s.object_out(down, 0, 1, 0.0, 0.0)?;
                        s.object_set_float(up, "mode", (2 + round % 7) as f32)?;
                    }
                    if round % 16 == 1 {
                        // Batches (9 Sines, 9 ButLPs), a filter, crossfades,
                        // changes at a frame, arithmetic, lists and tables.
                        let bank =
                            s.object_new("Sine", "freq=[100, 200, 300, 400, 500, 600, 700, 800, 900], mul=0.01")?;
                        live.push(bank);
                        let lp = s.object_new("ButLP", &format!("@{}, freq=[500, 900, 1200]", bank.id))?;
                        live.push(lp);
                        let verb = s.object_new("Tone", &format!("@{}, freq=3000", lp.id))?;
                        live.push(verb);
                        s.object_out(verb, 0, 1, 0.0, 0.0)?;
                        s.object_set_input(lp, osc, 0.01)?;
                        s.object_set_float_at(bank, "freq", 250.0, round % 256)?;
                        s.object_set_float_at(verb, "mul", 0.5, (round * 7) % 256)?;
                        let sum = s.object_arith(bank, ArithOp::Div, &Operand::Object(osc))?;
                        live.push(sum);
                        let mix = s.object_mix(sum, 2)?;
                        live.push(mix);
                        s.object_out(mix, 0, 1, 0.0, 0.0)?;
                        let seg = s.object_new("Linseg", "[(0, 0), (0.05, 1), (0.1, 0)], loop=True")?;
                        live.push(seg);
                        s.object_play(seg, 0.0, 0.0)?;
                        s.object_set_list(seg, "list", &[0.0, 1.0, 0.02, 0.0])?;
                        let table = s.object_new("HarmTable", "[1, 0.5, 0.25]")?;
                        live.push(table);
                        let reader = s.object_new("Osc", &format!("@{}, freq=220, mul=0.05", table.id))?;
                        live.push(reader);
                        s.object_out(reader, 1, 1, 0.0, 0.0)?;
                        let notes = s.object_new("Notein", "poly=4")?;
                        live.push(notes);
                        live.push(s.object_key(notes, "trigon")?);
                        let pan = s.object_new("Pan", &format!("@{}, outs=2, pan=0.3", reader.id))?;
                        live.push(pan);
                        // Keys (trigger streams as other outputs) and methods.
                        let tr = s.object_new("TableRead", &format!("@{}, freq=50, loop=True", table.id))?;
                        live.push(tr);
                        s.object_play(tr, 0.0, 0.0)?;
                        let trig = s.object_key(tr, "trig")?;
                        live.push(trig);
                        let count = s.object_new("Counter", &format!("@{}, max=4", trig.id))?;
                        live.push(count);
                        s.object_call(count, "reset", &[2.0])?;
                        s.object_call(tr, "reset", &[])?;
                        let delay = s.object_new("Delay", &format!("@{}, delay=0.01", reader.id))?;
                        live.push(delay);
                        s.object_call(delay, "reset", &[])?;
                        let rec = s.object_new("TableRec", &format!("@{}, @{}", reader.id, table.id))?;
                        live.push(rec);
                        live.push(s.object_key(rec, "time")?);
                    }
                    if round % 64 == 5 {
                        // STRev's setRoomSize empties the network and redraws
                        // on the audio thread (briefly: STRev is slow unoptimised);
                        // Metro's poly clocks.
                        let verb = s.object_new("STRev", &format!("@{}, roomSize=0.5", osc.id))?;
                        live.push(verb);
                        s.object_out(verb, 0, 1, 0.02, 0.0)?;
                        s.object_set_float(verb, "roomSize", 0.25 + (round % 4) as f32)?;
                        let metro = s.object_new("Metro", "0.01, poly=3")?;
                        live.push(metro);
                        s.object_play(metro, 0.0, 0.0)?;
                        s.object_set_float(metro, "time", 0.003)?;
                    }
                    s.object_set_list(osc, "freq", &[100.0, 150.0, 175.0])?;
                    s.add_midi_event(144, (round % 128) as i32, 100)?;
                    s.add_midi_event_at(128, (round % 128) as i32, 0, (round % 256) as i64)?;
                    s.set_amp(0.5 + (round % 2) as f32 * 0.25)?;
                    // MIDI out: now and later, makenote's note-offs, all
                    // channels, sysex (its bytes come back to be freed here).
                    s.noteout((round % 128) as i32, 100, 1 + (round % 16) as i32, (round % 50) as f64)?;
                    if round % 2 == 0 {
                        s.makenote([60, 64], 90, (round % 30) as f64, 2)?;
                    }
                    if round % 16 == 0 {
                        s.bendout((round % 16384) as i32, 0, 3.0)?;
                        s.sysexout(&[0xF0, 0x7D, (round % 128) as u8, 0xF7], (round % 20) as f64)?;
                    }
                    if live.len() > 150 {
                        doomed.extend(live.drain(..75));
                    }
                    if round % 50 == 0 {
                        // New callbacks replace old ones, which come back to be dropped here.
                        s.set_time_callback(Some(Box::new(|_, _, _, _| {})))?;
                    }
                    if s.current_time_in_samples() >= next_take * 256 {
                        // Every 500 blocks a recording ends (its tap comes
                        // back to be dropped here) and another starts.
                        next_take += 500;
                        if s.is_recording() {
                            s.recstop()?;
                            recordings += 1;
                        }
                        s.recstart(None)?;
                    }
                    Ok(())
                })();
                match r {
                    Ok(()) => {}
                    Err(e) if e.status == Status::QueueFull => {
                        refused += 1;
                        std::thread::yield_now();
                    }
                    Err(e) => panic!("control thread: {e}"),
                }
            }
            assert!(live.len() + doomed.len() < 1000, "objects piled up: the test lost track of handles");
            if s.is_recording() {
                s.recstop().unwrap();
                recordings += 1;
            }
            (round, refused, s.stream_count(), recordings)
        })
    };

    let audio = {
        let s = Arc::clone(&server);
        std::thread::spawn(move || {
            let mut host_out = vec![0.0f32; 2 * 1024];
            watch(true);
            for block in 0..10_000 {
                if block % 3 == 0 {
                    // Host buffers of odd sizes take the remainder path.
                    let frames = [37usize, 512, 1, 300][block % 4];
                    s.process_interleaved::<f32>(None, &mut host_out[..frames * 2], frames).unwrap();
                } else if block % 3 == 1 {
                    // A backend reading each block's MIDI output.
                    let mut n = 0usize;
                    s.process_block_midi(&mut |bytes, _| n += bytes.len()).unwrap();
                    std::hint::black_box(n);
                } else {
                    s.process_block().unwrap();
                }
                if block % 7 == 0 {
                    // MIDI injected from the audio thread itself is lock-free.
                    let _ = s.add_midi_event(176, 1, 64);
                }
            }
            watch(false);
        })
    };
    audio.join().unwrap();
    done.store(true, Ordering::Relaxed);
    let (rounds, refused, streams, recordings) = control.join().unwrap();
    let allocations = counted();
    eprintln!(
        "control rounds {rounds}, refused {refused}, streams at the end {streams}, recordings {recordings}, \
         frames lost in the last {}, MIDI out events {}",
        server.rec_lost_frames(),
        midi_out.load(Ordering::Relaxed)
    );
    assert!(recordings >= 2, "recordings started and stopped while processing ({recordings})");
    assert!(hound::WavReader::open(&rec_path).is_ok(), "the last recording is a valid file");
    assert!(rounds > 100, "the control thread barely ran ({rounds} rounds)");
    assert!(ticks.load(Ordering::Relaxed) > 6_000, "the process callback ran every block");
    assert_eq!(server.leaked(), 0, "the engine had to leak garbage");
    assert!(midi_out.load(Ordering::Relaxed) > 1000, "MIDI output reached the callback");
    assert_eq!(server.midi_out_dropped(), 0);
    assert_eq!(allocations, 0, "{allocations} allocations or frees on the audio thread");
}
