//! Nodes that run side by side in a batch (consecutive streams of one class,
//! see `Dsp::batch`) give exactly what they give one at a time: each case
//! renders one multi-stream object (batched, 11 streams = a batch of 8 and
//! one of 3) and the same streams as separate objects kept apart by another
//! object (never batched), every stream on its own output channel.

mod common;

use rpyo::{AudioBackend, ObjectId, Server, ServerConfig};

const STREAMS: usize = 11;

fn server() -> Server {
    let s = Server::new(ServerConfig {
        audio: AudioBackend::Manual,
        duplex: false,
        nchnls: STREAMS,
        verbosity: 1,
        ..Default::default()
    })
    .unwrap();
    s.deactivate_midi().unwrap();
    s.boot(true).unwrap();
    s
}

fn render(s: &Server, blocks: usize) -> Vec<f32> {
    s.start().unwrap();
    let out = s.output_buffer().unwrap();
    let n = s.buffer_size() * s.nchnls();
    let mut v = Vec::new();
    for _ in 0..blocks {
        s.process_block().unwrap();
        // SAFETY: the output buffer holds bs * nchnls floats until shutdown.
        v.extend_from_slice(unsafe { std::slice::from_raw_parts(out, n) });
    }
    v
}

fn list(v: &[f64]) -> String {
    format!("[{}]", v.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>().join(", "))
}

/// Frequencies that take the batch through every path: ordinary, negative,
/// beyond the sampling rate (the pointer leaves [0, 1024)), zero.
const FREQS: [f64; STREAMS] =
    [100.0, 440.5, -330.0, 44100.0 * 2.5, 0.0, 1234.5678, 20000.0, 61.0, -7000.0, 3.3, 99999.0];
const PHASES: [f64; STREAMS] = [0.0, 0.25, 0.999, 0.5, 0.1, 0.0, 0.75, 0.3, 0.0, 0.9, 0.6];

fn separate(s: &Server, make: impl Fn(&Server, usize) -> ObjectId) -> Vec<ObjectId> {
    let mut keep = Vec::new();
    for i in 0..STREAMS {
        let o = make(s, i);
        s.object_out(o, i as i32, 1, 0.0, 0.0).unwrap();
        // Another class between two Sines: they never batch.
        keep.push(s.object_new("Sig", "0").unwrap());
        keep.push(o);
    }
    keep
}

#[test]
fn sines_batched_equal_sines_alone() {
    let a = server();
    let sines = a.object_new("Sine", &format!("freq={}, phase={}, mul=0.5", list(&FREQS), list(&PHASES))).unwrap();
    a.object_out(sines, 0, 1, 0.0, 0.0).unwrap();
    let batched = render(&a, 40);
    let b = server();
    let _keep = separate(&b, |s, i| {
        s.object_new("Sine", &format!("freq={:?}, phase={:?}, mul=0.5", FREQS[i], PHASES[i])).unwrap()
    });
    let alone = render(&b, 40);
    assert!(batched.iter().any(|x| *x != 0.0));
    assert_eq!(batched.len(), alone.len());
    for (i, (x, y)) in batched.iter().zip(&alone).enumerate() {
        assert!(x.to_bits() == y.to_bits(), "frame {} stream {}: batched {x}, alone {y}", i / STREAMS, i % STREAMS);
    }
}

#[test]
fn butterworths_batched_equal_butterworths_alone() {
    let cutoffs: Vec<f64> = (0..STREAMS).map(|i| 50.0 + 1900.0 * i as f64).collect();
    let a = server();
    let noise = a.object_new("Sine", &format!("freq={}", list(&FREQS))).unwrap();
    let lp = a.object_new("ButLP", &format!("@{}, freq={}", noise.id, list(&cutoffs))).unwrap();
    a.object_out(lp, 0, 1, 0.0, 0.0).unwrap();
    let batched = render(&a, 40);
    let b = server();
    let _keep = separate(&b, |s, i| {
        let src = s.object_new("Sine", &format!("freq={:?}", FREQS[i])).unwrap();
        s.object_new("ButLP", &format!("@{}, freq={:?}", src.id, cutoffs[i])).unwrap()
    });
    let alone = render(&b, 40);
    assert!(batched.iter().any(|x| *x != 0.0));
    for (i, (x, y)) in batched.iter().zip(&alone).enumerate() {
        assert!(x.to_bits() == y.to_bits(), "frame {} stream {}: batched {x}, alone {y}", i / STREAMS, i % STREAMS);
    }
}
