//! Every script in examples/scripts runs unchanged in pyo and in rpyo;
//! rpyo's render equals pyo's (tests/scripts/<name>.wav, rendered by pyo
//! 1.1.0 with `python3 <name>.py`) within the objects' tolerances.

mod common;
use common::{manual_server, max_diff, read_wav};

const BS: usize = 256;

/// Runs a script's patch on a manual server (its Server, recordOptions and
/// start lines left out) for `frames` frames.
fn render_manual(script: &str, frames: usize) -> Vec<f32> {
    let s = manual_server(false);
    let body: String = script
        .lines()
        .filter(|l| !l.contains("Server(") && !l.contains("recordOptions") && l.trim() != "s.start()")
        .map(|l| format!("{l}\n"))
        .collect();
    s.exec(&format!("s = Server()\n{body}")).unwrap_or_else(|e| panic!("{e}"));
    s.start().unwrap();
    let out_ptr = s.output_buffer().unwrap();
    let mut out = Vec::new();
    while out.len() < frames * 2 {
        s.process_block().unwrap();
        // SAFETY: the output buffer holds BS * 2 floats until shutdown.
        out.extend_from_slice(unsafe { std::slice::from_raw_parts(out_ptr, BS * 2) });
    }
    out.truncate(frames * 2);
    out
}

fn check_example(name: &str, tolerance: f32) {
    let dir = env!("CARGO_MANIFEST_DIR");
    let script = std::fs::read_to_string(format!("{dir}/examples/scripts/{name}.py")).unwrap();
    let (nch, theirs) = read_wav(&format!("{dir}/tests/scripts/{name}.wav"));
    assert_eq!(nch, 2);
    let frames = 88200;
    let ours = render_manual(&script, frames);
    let (d, at) = max_diff(&ours, &theirs[..frames * 2]);
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
        #[test]
        fn $name() {
            check_example(stringify!($name), $tol);
        }
    };
}

example!(beating_drones);
example!(clock_counter);
example!(delays_in_motion);
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

/// Debugging aid: `RPYO_SCRIPT=a.py RPYO_REF=a.wav cargo test --test examples compare_any -- --ignored`.
#[test]
#[ignore]
fn compare_any() {
    let script = std::fs::read_to_string(std::env::var("RPYO_SCRIPT").unwrap()).unwrap();
    let (_, theirs) = read_wav(&std::env::var("RPYO_REF").unwrap());
    let frames = theirs.len() / 2;
    let ours = render_manual(&script, frames);
    let (d, at) = max_diff(&ours, &theirs);
    let first = ours.iter().zip(&theirs).position(|(a, b)| (a - b).abs() > 1e-6);
    println!("max diff {d:e} at frame {} ch {}; first > 1e-6 at {:?}", at / 2, at % 2, first.map(|i| (i / 2, i % 2)));
    for f in [0usize, 1, 300, 1000] {
        println!("frame {f}: rpyo {:?} pyo {:?}", &ours[2 * f..2 * f + 2], &theirs[2 * f..2 * f + 2]);
    }
}
