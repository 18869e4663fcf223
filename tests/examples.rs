//! Every script in examples/scripts runs unchanged in pyo and in rpyo;
//! `rpyo render`'s file equals pyo's (tests/scripts/<name>.wav, rendered
//! by pyo 1.1.0 with tests/scripts/render_refs.py) within the objects'
//! tolerances.

mod common;
use common::{max_diff, read_wav};
use rpyo::script::render::{render_script, RenderOptions};
use std::path::Path;

/// Renders a script through `rpyo render`'s path (its own Server,
/// recordOptions and start, the file name replaced) and reads the file.
fn render(script: &Path, name: &str) -> (u64, Vec<f32>) {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("example-{name}.wav"));
    let opts = RenderOptions { output: Some(out.clone()), ..Default::default() };
    let summary = render_script(script, &opts, None).unwrap_or_else(|e| panic!("{name}: {e}"));
    let (nch, samples) = read_wav(&out.to_string_lossy());
    assert_eq!(nch, 2, "{name}: channels");
    let _ = std::fs::remove_file(&out);
    (summary.frames, samples)
}

fn check_example(name: &str, tolerance: f32, seconds: f64) {
    let dir = env!("CARGO_MANIFEST_DIR");
    let script = format!("{dir}/examples/scripts/{name}.py");
    let (nch, theirs) = read_wav(&format!("{dir}/tests/scripts/{name}.wav"));
    assert_eq!(nch, 2);
    let (frames, ours) = render(Path::new(&script), name);
    // rpyo writes exactly round(dur * sr) frames; pyo pads to whole blocks.
    let expected = (seconds * 44100.0).round() as usize;
    assert_eq!(frames as usize, expected, "{name}: frames");
    assert_eq!(ours.len(), expected * 2, "{name}: samples in the file");
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
}

macro_rules! example {
    ($name:ident) => {
        example!($name, 1e-6);
    };
    ($name:ident, $tol:expr) => {
        example!($name, $tol, 2.0);
    };
    ($name:ident, $tol:expr, $seconds:expr) => {
        #[test]
        fn $name() {
            check_example(stringify!($name), $tol, $seconds);
        }
    };
}

example!(beating_drones);
example!(clock_counter);
example!(delays_in_motion);
// The README's demo: SuperSaw inside (its named tolerance, as below).
example!(demo, 2e-5, 6.0);
example!(drive_and_squash);
// SuperSaw's named tolerance (tests/golden_supersaw.rs): its high-pass recursion
// amplifies an ulp in its 100-150 Hz channels.
example!(filter_morph, 2e-5);
example!(fm_bells);
example!(glide_melody);
example!(midi_chord_synth);
example!(noise_drums);
example!(oversampled_ring);
example!(random_arpeggio);
example!(reverb_wash);
example!(stereo_dance);
example!(supersaw_pad, 2e-5);
example!(tape_loop);
example!(wavetable_morph);

/// Debugging aid: `RPYO_SCRIPT=a.py RPYO_REF=a.wav cargo test --test examples compare_any -- --ignored --nocapture`
/// (render the reference with tests/scripts/render_refs.py a.py).
#[test]
#[ignore]
fn compare_any() {
    let script = std::env::var("RPYO_SCRIPT").unwrap();
    let (_, theirs) = read_wav(&std::env::var("RPYO_REF").unwrap());
    let (_, ours) = render(Path::new(&script), "compare-any");
    let n = ours.len().min(theirs.len());
    let (d, at) = max_diff(&ours[..n], &theirs[..n]);
    let first = ours.iter().zip(&theirs).position(|(a, b)| (a - b).abs() > 1e-6);
    println!("max diff {d:e} at frame {} ch {}; first > 1e-6 at {:?}", at / 2, at % 2, first.map(|i| (i / 2, i % 2)));
}
