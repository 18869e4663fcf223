//! The `rpyo` command as a person runs it.

mod common;
use common::read_wav;
use std::path::Path;
use std::process::Command;

fn rpyo(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rpyo")).args(args).output().expect("run rpyo");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn render_writes_the_file_and_a_summary() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-bells.wav");
    let script = format!("{dir}/examples/scripts/fm_bells.py");
    let (ok, stdout, stderr) = rpyo(&[
        "render",
        &script,
        "-o",
        out.to_str().unwrap(),
        "--dur",
        "0.5",
        "--sr",
        "48000",
        "--sampletype",
        "float32",
    ]);
    assert!(ok, "{stderr}");
    let (nch, samples) = read_wav(out.to_str().unwrap());
    assert_eq!((nch, samples.len()), (2, 24000 * 2), "--dur and --sr win over the script's");
    assert!(stdout.contains("0.500 s (24000 frames at 48000 Hz)"), "{stdout}");
    assert!(stdout.contains("peak: ch0 0.") && stdout.contains("x real time"), "{stdout}");
    assert!(stderr.contains("100%"), "a progress bar: {stderr}");
    let _ = std::fs::remove_file(&out);
}

#[test]
fn render_errors_name_the_problem() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let script = format!("{dir}/examples/scripts/fm_bells.py");
    let (ok, _, stderr) = rpyo(&["render", &script, "-o", "/nonexistent/dir/x.wav", "--quiet"]);
    assert!(!ok && stderr.contains("/nonexistent/dir/x.wav"), "{stderr}");
    let (ok, _, stderr) = rpyo(&["render", &script, "--format", "mp3"]);
    assert!(!ok && stderr.contains("--format: 'mp3' is not a format"), "{stderr}");
    let bad = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-bad.py");
    std::fs::write(&bad, "from pyo import *\na = Sine(440\n").unwrap();
    let (ok, _, stderr) = rpyo(&["render", bad.to_str().unwrap(), "--dur", "0.1", "--quiet"]);
    assert!(!ok && stderr.contains("cli-bad.py: line 2, column 9: '(' is never closed"), "{stderr}");
}

#[test]
fn a_script_without_start_is_rendered_after_it_runs() {
    let script = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-embedded.py");
    std::fs::write(&script, "a = Sine(440, mul=0.5).out()\n").unwrap();
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-embedded.wav");
    let (ok, _, stderr) =
        rpyo(&["render", script.to_str().unwrap(), "-o", out.to_str().unwrap(), "--dur", "0.25", "--quiet"]);
    assert!(ok, "{stderr}");
    // The script gives no sample type: pyo's default, 16-bit.
    let r = hound::WavReader::open(&out).unwrap();
    assert_eq!((r.spec().bits_per_sample, r.len()), (16, 11025 * 2));
    let (ok, _, stderr) = rpyo(&["render", script.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet"]);
    assert!(!ok && stderr.contains("dur"), "no duration anywhere is an error: {stderr}");
    let _ = std::fs::remove_file(&out);
}

#[test]
fn classes_show_the_registry() {
    let (ok, stdout, _) = rpyo(&["classes"]);
    assert!(ok && stdout.lines().count() >= 67 && stdout.contains("Sine "), "{stdout}");
    let (ok, stdout, _) = rpyo(&["classes", "Sine"]);
    assert!(ok && stdout.contains("freq") && stdout.contains("default 1000"), "{stdout}");
    let (ok, _, stderr) = rpyo(&["classes", "Sin"]);
    assert!(!ok && stderr.contains("no class 'Sin'") && stderr.contains("Sine"), "{stderr}");
    let (ok, stdout, _) = rpyo(&["devices"]);
    // pyo's headings: "AUDIO devices:" (pa_list_devices), "MIDI devices:".
    assert!(ok && stdout.contains("AUDIO devices") && stdout.contains("MIDI devices"), "{stdout}");
}
