//! Renders a few seconds of rpyo to a WAV file with a manual server:
//! `cargo run --release --example render_wav -- out.wav`.

use rpyo::{AudioBackend, Server, ServerConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "rpyo_demo.wav".to_string());
    let s = Server::new(ServerConfig { audio: AudioBackend::Manual, verbosity: 1, ..Default::default() })?;
    s.boot(true)?;
    s.set_global_seed(7)?;
    // A slow vibrato on two detuned sines, a swelling envelope, and a little noise.
    let vib = s.object_new("Sine", "freq=5, mul=6, add=220")?;
    let env = s.object_new("Fader", "fadein=1.0, fadeout=1.0, dur=4.0")?;
    s.object_play(env, 0.0, 0.0)?;
    let tone = s.object_new("Sine", "freq=[220, 221.5], mul=0.3")?;
    s.object_set_object(tone, "freq", vib)?;
    s.object_set_object(tone, "mul", env)?;
    s.object_out(tone, 0, 1, 0.0, 0.0)?;
    let air = s.object_new("Noise", "mul=0.01")?;
    s.object_out(air, 0, 1, 0.0, 0.5)?;
    s.start()?;
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: 44100,
        bits_per_sample: 32,
        sample_format: hound::SampleFormat::Float,
    };
    let mut w = hound::WavWriter::create(&path, spec)?;
    let out = s.output_buffer()?;
    for _ in 0..(4.5 * 44100.0 / 256.0) as usize {
        s.process_block()?;
        // SAFETY: the output buffer holds 256 * 2 floats until shutdown.
        for x in unsafe { std::slice::from_raw_parts(out, 512) } {
            w.write_sample(*x)?;
        }
    }
    w.finalize()?;
    println!("wrote {path}: 4.5 s, 44100 Hz, stereo, 32-bit float");
    Ok(())
}
