//! The benchmark scenarios of pyo's own benchmark (bench_pyo.py in the
//! project's oracle), built through rpyo's API: shared by the criterion
//! bench and the side-by-side comparison (examples/bench_scenario.rs).

use rpyo::{AudioBackend, ObjectId, Server, ServerConfig};

/// Scenario names and their audio length in seconds, as pyo's benchmark.
pub const SCENARIOS: &[(&str, f64)] =
    &[("sines100", 60.0), ("voices8", 60.0), ("sines1000", 10.0), ("sines100_mix", 60.0)];

fn list(values: impl Iterator<Item = f64>) -> String {
    let v: Vec<String> = values.map(|x| format!("{x:?}")).collect();
    format!("[{}]", v.join(", "))
}

/// A started manual server (44100 Hz, 256 frames, stereo, no input) with
/// the scenario's objects; the objects are returned to keep them.
pub fn build(name: &str) -> Result<(Server, Vec<ObjectId>), rpyo::Error> {
    let s =
        Server::new(ServerConfig { audio: AudioBackend::Manual, duplex: false, verbosity: 1, ..Default::default() })?;
    s.deactivate_midi()?;
    s.boot(true)?;
    let mut keep = Vec::new();
    match name {
        "sines100" | "sines1000" | "sines100_mix" => {
            let n = if name == "sines1000" { 1000 } else { 100 };
            let freqs = if n == 100 {
                list((0..n).map(|i| 100.0 + 10.0 * i as f64))
            } else {
                list((0..n).map(|i| 100.0 + 1.7 * i as f64))
            };
            let a = s.object_new("Sine", &format!("freq={freqs}, mul={:?}", 1.0 / n as f64))?;
            keep.push(a);
            if name == "sines100_mix" {
                let m = s.object_mix(a, 2)?;
                s.object_out(m, 0, 1, 0.0, 0.0)?;
                keep.push(m);
            } else {
                s.object_out(a, 0, 1, 0.0, 0.0)?;
            }
        }
        "voices8" => {
            let freqs = list((0..8).map(|i| 110.0 * (i + 1) as f64 * 1.01));
            let a = s.object_new("Sine", &format!("freq={freqs}, mul=0.1"))?;
            let b = s.object_new("ButLP", &format!("@{}, freq=2000", a.id))?;
            let c = s.object_new("Freeverb", &format!("@{}, size=0.8, damp=0.5, bal=0.5", b.id))?;
            s.object_out(c, 0, 1, 0.0, 0.0)?;
            keep.extend([a, b, c]);
        }
        other => return Err(rpyo::Error::invalid(format!("unknown scenario '{other}'"))),
    }
    s.start()?;
    Ok((s, keep))
}

/// Whole blocks for `dur` seconds, as pyo's offline server renders them.
pub fn blocks(dur: f64) -> usize {
    (dur * 44100.0 / 256.0).ceil() as usize
}
