//! The C examples in c-examples/, built the way a C host builds against
//! rpyo: `cc -std=c11 -Wall -Wextra -Werror -Iinclude` and the cdylib of
//! this very build, then run; each must exit with status 0.
//!
//! RPYO_C_CHECK selects a stricter run (CI sets it):
//! - `valgrind`: each program runs under `valgrind --error-exitcode=99
//!   --leak-check=full --errors-for-leak-kinds=definite`; a memory error or
//!   a definite leak fails the test. valgrind missing fails too (never a
//!   silent skip).
//! - `asan`: each program is compiled with `-fsanitize=address,undefined
//!   -fno-omit-frame-pointer -fno-sanitize-recover=all`. Only the C side is
//!   instrumented; ASan's allocator and LeakSanitizer still see the Rust
//!   side's heap, since the cdylib allocates through the C malloc.
//!
//! Which library: cargo compiles rpyo with every crate type of Cargo.toml
//! (rlib, cdylib, staticlib) in the same rustc run that produces the rlib
//! this test links, and writes all of them to target/<profile>/deps/, next
//! to this test's executable. That copy is used. The copy in
//! target/<profile>/ is only refreshed ("uplifted") when the library itself
//! is a target of the cargo command: after `cargo test --test c_examples`
//! following a source change it is stale, so it is only the fallback, and
//! if neither exists the test builds the library with `cargo build --lib`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The flags the C examples promise to build cleanly with.
const CFLAGS: &[&str] = &["-std=c11", "-Wall", "-Wextra", "-Werror"];
const ASAN_FLAGS: &[&str] = &["-fsanitize=address,undefined", "-fno-omit-frame-pointer", "-fno-sanitize-recover=all"];
const VALGRIND_ARGS: &[&str] = &["--error-exitcode=99", "--leak-check=full", "--errors-for-leak-kinds=definite"];

/// Every C example; `every_c_example_has_a_test` keeps this in step with
/// the directory.
const EXAMPLES: &[&str] = &["embedded_callback", "planar_host", "null_safety", "objects", "scripts", "offline_record"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Check {
    Plain,
    Valgrind,
    Asan,
}

fn check_mode() -> Check {
    match std::env::var("RPYO_C_CHECK") {
        Err(std::env::VarError::NotPresent) => Check::Plain,
        Ok(v) if v.is_empty() => Check::Plain,
        Ok(v) if v == "valgrind" => Check::Valgrind,
        Ok(v) if v == "asan" => Check::Asan,
        Ok(v) => panic!("RPYO_C_CHECK={v:?}: expected `valgrind`, `asan` or nothing"),
        Err(e) => panic!("RPYO_C_CHECK: {e}"),
    }
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// target/<profile>/ (or target/<triple>/<profile>/) of this build: the
/// test executable is target/<profile>/deps/<test>-<hash>.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test executable's path");
    let deps = exe.parent().expect("the test executable is in a directory");
    assert_eq!(
        deps.file_name().and_then(|n| n.to_str()),
        Some("deps"),
        "{} is not in a cargo target/<profile>/deps directory",
        exe.display()
    );
    deps.parent().expect("deps has a parent").to_path_buf()
}

fn library_file_name() -> String {
    format!("{}rpyo{}", std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX)
}

/// The directory holding the cdylib built with this test (see the top of
/// the file), built on demand when it is missing.
fn library_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let profile = profile_dir();
        let candidates = [profile.join("deps"), profile.clone()];
        if let Some(dir) = candidates.iter().find(|d| d.join(library_file_name()).is_file()) {
            return dir.clone();
        }
        build_library(&profile);
        candidates
            .iter()
            .find(|d| d.join(library_file_name()).is_file())
            .unwrap_or_else(|| {
                panic!("{} is in neither {:?}, even after `cargo build --lib`", library_file_name(), candidates)
            })
            .clone()
    })
}

/// `cargo build --lib` into this test's target directory and profile.
fn build_library(profile: &Path) {
    // CARGO_TARGET_TMPDIR is <target-dir>/tmp; a directory between the
    // target dir and the profile directory is a --target triple.
    let target_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("target dir").to_path_buf();
    let profile_name = profile.file_name().and_then(|n| n.to_str()).expect("profile directory name");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut cmd = Command::new(cargo);
    cmd.current_dir(manifest_dir())
        .args(["build", "--lib", "--profile", if profile_name == "debug" { "dev" } else { profile_name }])
        .arg("--target-dir")
        .arg(&target_dir);
    if let Some(triple_dir) = profile.parent().filter(|p| *p != target_dir) {
        cmd.arg("--target").arg(triple_dir.file_name().expect("target triple"));
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("running {cmd:?}: {e}"));
    assert!(out.status.success(), "{cmd:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
}

/// The C compiler: $CC (which may carry arguments, e.g. "ccache gcc") or cc.
fn c_compiler() -> (String, Vec<String>) {
    let cc = std::env::var("CC").ok().filter(|v| !v.trim().is_empty()).unwrap_or_else(|| "cc".to_string());
    let mut words = cc.split_whitespace().map(str::to_string);
    let program = words.next().expect("CC is not blank");
    (program, words.collect())
}

fn describe(what: &str, cmd: &Command, out: &Output) -> String {
    format!(
        "{what}: {}\ncommand: {cmd:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Compiles c-examples/<name>.c into target/tmp/ and returns the binary.
fn compile(name: &str, binary_name: &str, check: Check) -> PathBuf {
    let source = manifest_dir().join("c-examples").join(format!("{name}.c"));
    assert!(source.is_file(), "{} does not exist", source.display());
    let profile = profile_dir();
    let profile_name = profile.file_name().and_then(|n| n.to_str()).unwrap_or("profile");
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("c-examples-{profile_name}"));
    std::fs::create_dir_all(&out_dir).unwrap_or_else(|e| panic!("creating {}: {e}", out_dir.display()));
    let binary = out_dir.join(format!(
        "{binary_name}{}{}",
        if check == Check::Asan { "-asan" } else { "" },
        std::env::consts::EXE_SUFFIX
    ));

    let lib = library_dir();
    let (program, pre_args) = c_compiler();
    let mut cmd = Command::new(&program);
    cmd.args(&pre_args).args(CFLAGS);
    if check == Check::Asan {
        cmd.args(ASAN_FLAGS);
    }
    cmd.arg("-I")
        .arg(manifest_dir().join("include"))
        .arg(&source)
        .arg("-o")
        .arg(&binary)
        .arg("-L")
        .arg(lib)
        .arg("-lrpyo")
        .arg("-lm")
        .arg(format!("-Wl,-rpath,{}", lib.display()));
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run the C compiler `{program}` (set CC?): {e}"));
    assert!(out.status.success(), "{}", describe(&format!("compiling {name}.c failed"), &cmd, &out));
    binary
}

/// Compiles and runs one example with `args`; panics with its output unless
/// it exits with status 0.
fn run_example(name: &str, test_name: &str, args: &[&str]) {
    let check = check_mode();
    let binary = compile(name, test_name, check);
    let mut cmd = match check {
        Check::Valgrind => {
            let probe = Command::new("valgrind").arg("--version").output();
            match probe {
                Ok(o) if o.status.success() => {}
                _ => panic!(
                    "RPYO_C_CHECK=valgrind, but valgrind cannot be run here ({}); install valgrind \
                     or unset RPYO_C_CHECK",
                    match probe {
                        Ok(o) => format!("`valgrind --version` exited with {}", o.status),
                        Err(e) => e.to_string(),
                    }
                ),
            }
            let mut c = Command::new("valgrind");
            c.args(VALGRIND_ARGS).arg(&binary);
            c
        }
        Check::Plain | Check::Asan => Command::new(&binary),
    };
    cmd.args(args);
    // pyo's environment overrides would change the servers under test.
    for var in ["PYO_SERVER_AUDIO", "PYO_SERVER_MIDI", "PYO_SERVER_WINHOST"] {
        cmd.env_remove(var);
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {}: {e}", binary.display()));
    assert!(out.status.success(), "{}", describe(&format!("{name} failed"), &cmd, &out));
    // Shown with `cargo test -- --nocapture`.
    print!("{}", String::from_utf8_lossy(&out.stdout));
}

macro_rules! c_example {
    ($name:ident) => {
        #[test]
        fn $name() {
            run_example(stringify!($name), stringify!($name), &[]);
        }
    };
}

c_example!(embedded_callback);
c_example!(planar_host);
c_example!(null_safety);
c_example!(objects);
c_example!(scripts);

/// Writes its files to a directory of its own under target/tmp.
#[test]
fn offline_record() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("c-offline-record");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
    run_example("offline_record", "offline_record", &[dir.to_str().expect("a UTF-8 path")]);
}

#[test]
fn every_c_example_has_a_test() {
    let dir = manifest_dir().join("c-examples");
    let mut found: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "c").then(|| path.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    found.sort();
    let mut expected: Vec<String> = EXAMPLES.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(found, expected, "add a `c_example!(name);` line (and EXAMPLES entry) for each C file in c-examples/");
}
