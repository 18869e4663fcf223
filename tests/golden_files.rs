//! Sound file objects (SndTable, SfPlayer) against pyo 1.1.0: the cases of
//! tests/golden/cases_files.py. Each test first writes the same small sound
//! files as the Python cases (same generators, same formats), then renders.
//! FLAC has no pyo reference (pyo's bundled libsndfile has no FLAC): a FLAC
//! file is checked against the same 16-bit data in a WAV.

mod common;

use common::golden::{check, new, render, Patch};
use rpyo::server::arith::{ArithOp, Operand};
use rpyo::{ObjectId, Server};
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

fn sin16(i: usize) -> i16 {
    let x = i as f64;
    (20000.0 * (x * 0.05).sin() + 8000.0 * (x * 0.31).sin()) as i16
}

fn right16(i: usize) -> i16 {
    (15000.0 * (i as f64 * 0.11).sin()) as i16
}

fn flac16(i: usize) -> i16 {
    let x = i as f64;
    (12000.0 * (x * 0.023).sin() + 9000.0 * (x * 0.41).sin()) as i16
}

fn fl32(i: usize) -> f32 {
    let x = i as f64;
    (0.6 * (x * 0.07).sin() + 0.2 * (x * 0.5).sin()) as f32
}

fn riff(fmt: &[u8], fact: Option<u32>, data: &[u8]) -> Vec<u8> {
    let mut chunks = Vec::new();
    chunks.extend_from_slice(b"fmt ");
    chunks.extend_from_slice(&(fmt.len() as u32).to_le_bytes());
    chunks.extend_from_slice(fmt);
    if let Some(n) = fact {
        chunks.extend_from_slice(b"fact");
        chunks.extend_from_slice(&4u32.to_le_bytes());
        chunks.extend_from_slice(&n.to_le_bytes());
    }
    chunks.extend_from_slice(b"data");
    chunks.extend_from_slice(&(data.len() as u32).to_le_bytes());
    chunks.extend_from_slice(data);
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(4 + chunks.len() as u32).to_le_bytes());
    out.extend_from_slice(b"WAVE");
    out.extend_from_slice(&chunks);
    out
}

fn fmt_chunk(tag: u16, ch: u16, sr: u32, bits: u16) -> Vec<u8> {
    let align = ch * bits / 8;
    let mut f = Vec::new();
    for v in [tag, ch] {
        f.extend_from_slice(&v.to_le_bytes());
    }
    f.extend_from_slice(&sr.to_le_bytes());
    f.extend_from_slice(&(sr * align as u32).to_le_bytes());
    f.extend_from_slice(&align.to_le_bytes());
    f.extend_from_slice(&bits.to_le_bytes());
    f
}

fn wav16(chans: &[fn(usize) -> i16], n: usize, sr: u32) -> Vec<u8> {
    let data: Vec<u8> = (0..n).flat_map(|i| chans.iter().flat_map(move |f| f(i).to_le_bytes())).collect();
    riff(&fmt_chunk(1, chans.len() as u16, sr, 16), None, &data)
}

fn wav_float(f: fn(usize) -> f32, n: usize, sr: u32) -> Vec<u8> {
    let data: Vec<u8> = (0..n).flat_map(|i| f(i).to_le_bytes()).collect();
    riff(&fmt_chunk(3, 1, sr, 32), Some(n as u32), &data)
}

/// An integer rate as an 80-bit extended float (AIFF's COMM chunk).
fn ext80(x: u32) -> [u8; 10] {
    let e = 31 - x.leading_zeros();
    let mut b = [0u8; 10];
    b[..2].copy_from_slice(&(16383 + e as u16).to_be_bytes());
    b[2..].copy_from_slice(&((x as u64) << (63 - e)).to_be_bytes());
    b
}

fn aiff16(f: fn(usize) -> i16, n: usize, sr: u32) -> Vec<u8> {
    let mut comm = Vec::new();
    comm.extend_from_slice(&1i16.to_be_bytes());
    comm.extend_from_slice(&(n as u32).to_be_bytes());
    comm.extend_from_slice(&16i16.to_be_bytes());
    comm.extend_from_slice(&ext80(sr));
    let mut ssnd = vec![0u8; 8];
    ssnd.extend((0..n).flat_map(|i| f(i).to_be_bytes()));
    let mut body = b"AIFF".to_vec();
    for (id, c) in [(b"COMM", &comm), (b"SSND", &ssnd)] {
        body.extend_from_slice(id);
        body.extend_from_slice(&(c.len() as u32).to_be_bytes());
        body.extend_from_slice(c);
    }
    let mut out = b"FORM".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_be_bytes());
    out.extend_from_slice(&body);
    out
}

fn crc8(data: &[u8]) -> u8 {
    let mut c = 0u8;
    for &b in data {
        c ^= b;
        for _ in 0..8 {
            c = if c & 0x80 != 0 { (c << 1) ^ 0x07 } else { c << 1 };
        }
    }
    c
}

fn crc16(data: &[u8]) -> u16 {
    let mut c = 0u16;
    for &b in data {
        c ^= (b as u16) << 8;
        for _ in 0..8 {
            c = if c & 0x8000 != 0 { (c << 1) ^ 0x8005 } else { c << 1 };
        }
    }
    c
}

/// Mono 16-bit FLAC: STREAMINFO and one frame with a VERBATIM subframe.
fn flac16_file(f: fn(usize) -> i16, n: usize, sr: u32) -> Vec<u8> {
    let mut si = Vec::new();
    si.extend_from_slice(&(n as u16).to_be_bytes());
    si.extend_from_slice(&(n as u16).to_be_bytes());
    si.extend_from_slice(&[0; 6]);
    let v: u64 = ((sr as u64) << 44) | (15u64 << 36) | n as u64;
    si.extend_from_slice(&v.to_be_bytes());
    si.extend_from_slice(&[0; 16]);
    let mut out = b"fLaC".to_vec();
    out.push(0x80);
    out.extend_from_slice(&(si.len() as u32).to_be_bytes()[1..]);
    out.extend_from_slice(&si);
    let mut frame = vec![0xFF, 0xF8, 0x70, 0x08, 0x00];
    frame.extend_from_slice(&((n - 1) as u16).to_be_bytes());
    frame.push(crc8(&frame));
    frame.push(0x02);
    frame.extend((0..n).flat_map(|i| f(i).to_be_bytes()));
    let c = crc16(&frame);
    frame.extend_from_slice(&c.to_be_bytes());
    out.extend_from_slice(&frame);
    out
}

/// Writes the files of cases_files.py (and a FLAC) once; their paths.
fn files() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("rpyo_files_test_{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let w = |name: &str, bytes: Vec<u8>| std::fs::write(dir.join(name), bytes).unwrap();
        w("sin16.wav", wav16(&[sin16], 4000, 44100));
        w("st16.wav", wav16(&[sin16, right16], 3000, 22050));
        w("fl32.wav", wav_float(fl32, 3000, 48000));
        w("aif16.aif", aiff16(sin16, 3000, 44100));
        w("fl16.flac", flac16_file(flac16, 4000, 44100));
        w("fl16.wav", wav16(&[flac16], 4000, 44100));
        dir
    })
}

fn path(name: &str) -> String {
    files().join(name).to_string_lossy().into_owned()
}

/// SfPlayer on a file (one stream per channel of the file).
fn player(s: &Server, file: &str, args: &str) -> ObjectId {
    new(s, "SfPlayer", &format!("\"{}\"{args}", path(file)))
}

/// A table's points, without the guard point (checked equal to point 0).
fn points(s: &Server, t: ObjectId) -> Vec<f32> {
    let mut v: Vec<f32> = (0..).map_while(|i| s.object_get(t, i).ok()).collect();
    let guard = v.pop().unwrap();
    assert_eq!(guard, v[0], "guard point");
    v
}

static FEED: Mutex<(Vec<f32>, Vec<f32>)> = Mutex::new((Vec::new(), Vec::new()));

fn feed(block: usize) -> Vec<f32> {
    let f = FEED.lock().unwrap();
    (0..common::golden::BS)
        .flat_map(|k| {
            let n = block * common::golden::BS + k;
            [f.0.get(n).copied().unwrap_or(0.0), f.1.get(n).copied().unwrap_or(0.0)]
        })
        .collect()
}

#[test]
fn sndtable_points() {
    let out = render(0.2, None, true, |s: &Server, p: &mut Patch| {
        let a = new(s, "SndTable", &format!("\"{}\", chnl=1, start=0.01, stop=0.05", path("st16.wav")));
        let b = new(s, "SndTable", &format!("\"{}\"", path("fl32.wav")));
        let c = new(s, "SndTable", &format!("\"{}\", start=0.001", path("aif16.aif")));
        let d = new(s, "SndTable", &format!("path=\"{}\", stop=0.02", path("sin16.wav")));
        let (a, b, c, d) = (points(s, a), points(s, b), points(s, c), points(s, d));
        assert_eq!((a.len(), b.len(), c.len(), d.len()), (882, 3000, 2956, 882));
        *FEED.lock().unwrap() = ([a, b].concat(), [c, d].concat());
        p.input = Some(feed);
        let i = new(s, "Input", "chnl=[0, 1]");
        s.object_out(i, 0, 1, 0.0, 0.0).unwrap();
    });
    check("sndtable_points", &out);
}

#[test]
fn sndtable_flac_and_errors() {
    let s = common::manual_server(false);
    let t = new(&s, "SndTable", &format!("\"{}\"", path("fl16.flac")));
    let v = points(&s, t);
    assert_eq!(v.len(), 4000);
    for (i, x) in v.iter().enumerate() {
        assert_eq!(*x, flac16(i) as f32 / 32768.0, "point {i}");
    }
    assert!(s.object_new("SndTable", &format!("\"{}\", chnl=2", path("st16.wav"))).is_err());
    assert!(s.object_new("SndTable", "\"/nonexistent/x.wav\"").is_err());
    let e = s.object_new("SfPlayer", "\"/nonexistent/x.wav\"").unwrap_err();
    assert!(e.message.contains("/nonexistent/x.wav"), "an unreadable file is named: {}", e.message);
    let empty = new(&s, "SndTable", "");
    assert_eq!(points(&s, empty).len(), 44100);
}

#[test]
fn sfplayer_basic() {
    let out = render(0.5, None, false, |s, _| {
        let a = player(s, "sin16.wav", "");
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = player(s, "sin16.wav", ", speed=0.7, interp=3, mul=0.5");
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    check("sfplayer_basic", &out);
}

#[test]
fn sfplayer_loop() {
    let out = render(0.5, None, false, |s, _| {
        let a = player(s, "sin16.wav", ", speed=1.3, loop=True, offset=0.01");
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = player(s, "fl32.wav", ", speed=0.9, loop=True, interp=4");
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    // Cubic interpolation: pyo's rounding of the Lagrange cubic was not
    // reproduced exactly (1-2 ulp, under the 1e-6 tolerance).
    check("sfplayer_loop", &out);
}

#[test]
fn sfplayer_list() {
    let out = render(0.5, None, false, |s, _| {
        let a = player(s, "sin16.wav", ", speed=[0.5, 1.5], loop=True, mul=0.5");
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
    });
    check("sfplayer_list", &out);
}

#[test]
fn sfplayer_audio_speed() {
    let out = render(0.5, None, false, |s, _| {
        let m = new(s, "Sine", "30, mul=0.3, add=1");
        let a = player(s, "sin16.wav", &format!(", speed=@{}, loop=True", m.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
    });
    check("sfplayer_audio_speed", &out);
}

#[test]
fn sfplayer_stereo() {
    let out = render(0.5, None, false, |s, p| {
        // One object, a stream per file channel, as in pyo.
        let st = player(s, "st16.wav", ", speed=1.1, loop=True, mul=0.8");
        assert_eq!(s.object_stream_count(st).unwrap(), 2);
        s.object_out(st, 0, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| s.object_set_float(st, "speed", 0.6).unwrap());
    });
    check("sfplayer_stereo", &out);
}

#[test]
fn sfplayer_formats() {
    let out = render(0.5, None, false, |s, p| {
        let a = player(s, "aif16.aif", ", speed=0.8, interp=1");
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = player(s, "fl32.wav", ", speed=1.2, loop=True");
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.05, move |s| s.object_set_float(a, "loop", 1.0).unwrap());
    });
    check("sfplayer_formats", &out);
}

#[test]
fn sfplayer_backward() {
    let out = render(0.05, None, false, |s, _| {
        let a = player(s, "sin16.wav", ", speed=-1");
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let b = player(s, "sin16.wav", ", speed=-0.7, interp=4");
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    check("sfplayer_backward", &out);
}

/// A FLAC file plays exactly as the same data in a WAV (pyo cannot read
/// FLAC, the WAV path is checked against pyo above).
#[test]
fn sfplayer_flac_equals_wav() {
    let play = |file: &'static str| {
        render(0.3, None, false, move |s, _| {
            let a = player(s, file, ", speed=1.2, loop=True, interp=3");
            s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        })
    };
    let (f, w) = (play("fl16.flac"), play("fl16.wav"));
    assert!(w.iter().any(|x| *x != 0.0));
    assert_eq!(f, w);
}

#[test]
fn sfplayer_trig() {
    let out = render(0.5, None, false, |s, _| {
        let a = player(s, "sin16.wav", ", speed=1.3, loop=True, offset=0.01");
        let b = player(s, "fl32.wav", ", speed=0.8, loop=True");
        let c = player(s, "st16.wav", "");
        let ka = s.object_key(a, "trig").unwrap();
        let sa = new(s, "Sig", &format!("@{}", ka.id));
        s.object_out(sa, 0, 1, 0.0, 0.0).unwrap();
        let kb = s.object_key(b, "trig").unwrap();
        let kb = s.object_arith(kb, ArithOp::Mul, &Operand::Numbers(vec![0.5])).unwrap();
        s.object_out(kb, 0, 1, 0.0, 0.0).unwrap();
        let kc = s.object_key(c, "trig").unwrap();
        assert_eq!(s.object_stream_count(kc).unwrap(), 2, "one trigger stream per channel");
        let kc = s.object_arith(kc, ArithOp::Mul, &Operand::Numbers(vec![0.25, 0.5])).unwrap();
        s.object_out(kc, 1, 0, 0.0, 0.0).unwrap();
    });
    check("sfplayer_trig", &out);
}

#[test]
fn sfplayer_setpath() {
    let out = render(0.5, None, false, |s, p| {
        let a = player(s, "sin16.wav", ", loop=True");
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let k = s.object_key(a, "trig").unwrap();
        let sk = new(s, "Sig", &format!("@{}", k.id));
        s.object_out(sk, 1, 1, 0.0, 0.0).unwrap();
        let b = player(s, "fl32.wav", ", speed=0.8, mul=0.5");
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
        p.at(0.1, move |s| s.object_set_text(a, "path", &path("aif16.aif")).unwrap());
        p.at(0.2, move |s| s.object_set_text(b, "path", &path("sin16.wav")).unwrap());
        // The channels of a new sound must match.
        let e = s.object_set_text(b, "path", &path("st16.wav")).unwrap_err();
        assert!(e.message.contains("channel"), "{}", e.message);
    });
    check("sfplayer_setpath", &out);
}
