//! The oracle's reference cases (../shared/oracle/render.py) written as pyo
//! scripts (tests/scripts/reference/<case>.py): events in time are objects
//! (Linseg steps, play/out dur and delay, Fader/Adsr dur, MIDI events before
//! start), not callbacks. `rpyo render`'s file equals pyo's render of the
//! same script text (tests/scripts/reference/<case>.wav, rendered by pyo
//! 1.1.0 with `tests/scripts/render_refs.py tests/scripts/reference/<case>.py`)
//! within the objects' tolerances.
//!
//! Left out: noise_noseed (seeded from the clock: not deterministic) and
//! input_fed (feeds the audio input, which an offline server cannot).

mod common;
use common::{max_diff, read_wav};
use rpyo::script::render::{render_script, RenderOptions};
use std::path::Path;

/// Renders `tests/scripts/reference/<name>.py` through `rpyo render`'s
/// path and compares it with pyo's render of the same script.
fn check_reference(name: &str, dur: f64, tolerance: f32) {
    let dir = env!("CARGO_MANIFEST_DIR");
    let script = format!("{dir}/tests/scripts/reference/{name}.py");
    let (nch, theirs) = read_wav(&format!("{dir}/tests/scripts/reference/{name}.wav"));
    assert_eq!(nch, 2, "{name}: pyo's channels");
    assert!(theirs.iter().all(|x| x.is_finite()), "{name}: pyo's file holds NaN or infinity");
    assert!(theirs.iter().any(|x| x.abs() > 1e-3), "{name}: pyo's file is silent");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("reference-{name}.wav"));
    let opts = RenderOptions { output: Some(out.clone()), ..Default::default() };
    let summary = render_script(Path::new(&script), &opts, None).unwrap_or_else(|e| panic!("{name}: {e}"));
    let (nch, ours) = read_wav(&out.to_string_lossy());
    let _ = std::fs::remove_file(&out);
    assert_eq!(nch, 2, "{name}: channels");
    // rpyo writes exactly round(dur * sr) frames; pyo pads to whole blocks.
    let frames = (dur * 44100.0f64).round() as usize;
    assert_eq!(summary.frames, frames as u64, "{name}: frames");
    assert_eq!(ours.len(), frames * 2, "{name}: samples in the file");
    assert!(theirs.len() >= ours.len(), "{name}: pyo's file is shorter");
    let (d, at) = max_diff(&ours, &theirs[..ours.len()]);
    assert!(
        d <= tolerance,
        "{name}: max |rpyo - pyo| = {d:e} at frame {} channel {} (rpyo {}, pyo {})",
        at / 2,
        at % 2,
        ours[at],
        theirs[at]
    );
    println!("{name}: max |rpyo - pyo| = {d:e}");
}

macro_rules! reference {
    ($name:ident, $dur:expr) => {
        reference!($name, $dur, 1e-6);
    };
    ($name:ident, $dur:expr, $tol:expr) => {
        #[test]
        fn $name() {
            check_reference(stringify!($name), $dur, $tol);
        }
    };
}

reference!(sine_basic, 1.0);
reference!(sine_freqs_phases, 1.0);
reference!(sine_high_negmul, 1.0);
reference!(sine_setters, 1.0);
reference!(sine_fm, 1.0);
reference!(sine_phasemod, 1.0);
reference!(rcosc, 1.0);
reference!(fader, 1.5);
reference!(fader_replay, 1.5);
reference!(linseg, 1.5);
reference!(adsr, 1.5);
reference!(sigto, 1.0);
reference!(noise_seed, 1.0);
reference!(freeverb, 1.5);
reference!(biquad_butlp, 1.0);
reference!(filters_sine, 1.0);
reference!(delay, 1.5);
reference!(pan, 1.0);
reference!(span, 1.0);
reference!(mix, 1.0);
reference!(metro_trigenv, 1.0);
reference!(input_zero, 1.0);
reference!(out_chnl1, 1.0);
reference!(out_inc, 1.0);
reference!(play_dur_delay, 1.5);
reference!(stop_wait, 1.5);
reference!(server_amp, 1.0);
reference!(start_offset, 1.0);
reference!(global_dur_del, 1.5);
reference!(midi_notein, 1.5);
reference!(midi_trig, 1.0);
reference!(resample, 1.0);
