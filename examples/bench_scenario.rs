//! Renders one of pyo's benchmark scenarios with rpyo to a 32-bit float
//! WAV (as pyo's offline server does) and prints one JSON line with the
//! time it took: `cargo run --release --example bench_scenario -- sines100`.
//! benches/compare.py runs it beside pyo and prints the ratios.

#[path = "../benches/support/scenarios.rs"]
mod scenarios;

use std::time::Instant;

/// CPU time this process has run, in seconds (Linux: /proc/self/schedstat,
/// in nanoseconds), so that other processes' load does not count; None
/// elsewhere.
fn cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "sines100".to_string());
    let out_path = args.next().unwrap_or_else(|| std::env::temp_dir().join("rpyo_bench_out.wav").display().to_string());
    let dur = scenarios::SCENARIOS.iter().find(|(n, _)| *n == name).map(|(_, d)| *d).ok_or("unknown scenario")?;
    let t0 = Instant::now();
    let (s, _keep) = scenarios::build(&name)?;
    let setup = t0.elapsed().as_secs_f64();
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: 44100,
        bits_per_sample: 32,
        sample_format: hound::SampleFormat::Float,
    };
    let mut w = hound::WavWriter::new(std::io::BufWriter::new(std::fs::File::create(&out_path)?), spec)?;
    let out = s.output_buffer()?;
    let nblocks = scenarios::blocks(dur);
    let t1 = Instant::now();
    let c1 = cpu_seconds();
    for _ in 0..nblocks {
        s.process_block()?;
        // SAFETY: the output buffer holds 256 * 2 floats until shutdown.
        for x in unsafe { std::slice::from_raw_parts(out, 512) } {
            w.write_sample(*x)?;
        }
    }
    w.finalize()?;
    let render = t1.elapsed().as_secs_f64();
    let cpu = match (c1, cpu_seconds()) {
        (Some(a), Some(b)) => b - a,
        _ => render,
    };
    let audio = nblocks as f64 * 256.0 / 44100.0;
    println!(
        "{{\"scenario\": \"{name}\", \"setup_s\": {setup:.4}, \"render_wall_s\": {render:.4}, \"render_cpu_s\": {cpu:.4}, \"audio_s\": {audio:.3}, \"rtf_cpu\": {:.2}}}",
        audio / cpu
    );
    Ok(())
}
