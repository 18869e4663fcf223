//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod counting;
pub mod golden;

use rpyo::{AudioBackend, Server, ServerConfig};

/// A booted manual server at pyo's defaults (44100 Hz, 256 frames, stereo).
pub fn manual_server(duplex: bool) -> Server {
    let s = Server::new(ServerConfig { audio: AudioBackend::Manual, duplex, verbosity: 1, ..Default::default() })
        .expect("server");
    s.deactivate_midi().unwrap();
    s.boot(true).expect("boot");
    s
}

/// Reads a 32-bit float WAV: (channels, interleaved samples).
pub fn read_wav(path: &str) -> (usize, Vec<f32>) {
    let mut r = hound::WavReader::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let ch = r.spec().channels as usize;
    let s: Vec<f32> = r.samples::<f32>().map(|x| x.unwrap()).collect();
    (ch, s)
}

/// Frame index of the first and last sample of channel `c` whose magnitude
/// is at least 1e-30: rpyo flushes subnormals to zero (FTZ/DAZ, by design)
/// where pyo keeps them, so a decaying feedback tail ends a few frames
/// apart near 1e-38, which is not an onset or offset anyone hears.
pub fn onset_offset(samples: &[f32], nchnls: usize, c: usize) -> Option<(usize, usize)> {
    let frames: Vec<usize> =
        samples.chunks(nchnls).enumerate().filter(|(_, f)| f[c].abs() >= 1e-30).map(|(i, _)| i).collect();
    Some((*frames.first()?, *frames.last()?))
}

/// Compares two interleaved renders: (max |a-b|, index of the worst sample).
pub fn max_diff(a: &[f32], b: &[f32]) -> (f32, usize) {
    a.iter().zip(b).enumerate().fold((0.0, 0), |(m, at), (i, (x, y))| {
        let d = (x - y).abs();
        if d > m {
            (d, i)
        } else {
            (m, at)
        }
    })
}
