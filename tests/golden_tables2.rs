//! Multichannel tables against pyo 1.1.0 (tests/golden/cases_tables2.py):
//! a table object of several channels (SndTable of a stereo file,
//! NewTable(chnls=2)) makes its readers expand to one stream per channel,
//! and TableRec records input stream i into channel i. The test writes the
//! same stereo WAV as cases_files.py's make_files() (st16.wav).

mod common;

use common::golden::{check, new, render};
use rpyo::{ObjectId, Server};
use std::path::PathBuf;
use std::sync::OnceLock;

fn left16(i: usize) -> i16 {
    let x = i as f64;
    (20000.0 * (x * 0.05).sin() + 8000.0 * (x * 0.31).sin()) as i16
}

fn right16(i: usize) -> i16 {
    (15000.0 * (i as f64 * 0.11).sin()) as i16
}

/// A 16-bit PCM WAV of `n` frames, one generator per channel.
fn wav16(chans: &[fn(usize) -> i16], n: usize, sr: u32) -> Vec<u8> {
    let ch = chans.len() as u16;
    let data: Vec<u8> = (0..n).flat_map(|i| chans.iter().flat_map(move |f| f(i).to_le_bytes())).collect();
    let mut fmt = Vec::new();
    fmt.extend_from_slice(&1u16.to_le_bytes());
    fmt.extend_from_slice(&ch.to_le_bytes());
    fmt.extend_from_slice(&sr.to_le_bytes());
    fmt.extend_from_slice(&(sr * 2 * ch as u32).to_le_bytes());
    fmt.extend_from_slice(&(2 * ch).to_le_bytes());
    fmt.extend_from_slice(&16u16.to_le_bytes());
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(4 + 8 + fmt.len() as u32 + 8 + data.len() as u32).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&(fmt.len() as u32).to_le_bytes());
    out.extend_from_slice(&fmt);
    out.extend_from_slice(b"data");
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&data);
    out
}

/// st16.wav of cases_files.py: stereo, 22050 Hz, 3000 frames.
fn st16() -> String {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("rpyo_tables2_test_{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("st16.wav");
        std::fs::write(&p, wav16(&[left16, right16], 3000, 22050)).unwrap();
        p
    })
    .to_string_lossy()
    .into_owned()
}

fn sndtable(s: &Server, args: &str) -> ObjectId {
    new(s, "SndTable", &format!("\"{}\"{args}", st16()))
}

#[test]
fn sndtable_stereo_read() {
    let out = render(0.5, None, false, |s, _| {
        let t = sndtable(s, "");
        assert_eq!(s.object_stream_count(t).unwrap(), 2, "len(SndTable(stereo))");
        let a = new(s, "TableRead", &format!("@{}, freq=5.1, loop=1, mul=0.5", t.id));
        assert_eq!(s.object_stream_count(a).unwrap(), 2);
        s.object_play(a, 0.0, 0.0).unwrap();
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let u = sndtable(s, ", start=0.02, stop=0.1");
        let b = new(s, "Osc", &format!("@{}, freq=40.3, interp=4, mul=0.3", u.id));
        s.object_out(b, 0, 1, 0.0, 0.0).unwrap();
    });
    check("sndtable_stereo_read", &out);
}

#[test]
fn sndtable_chnl() {
    let out = render(0.5, None, false, |s, _| {
        let t1 = sndtable(s, ", chnl=1, start=0.01, stop=0.1");
        assert_eq!(s.object_stream_count(t1).unwrap(), 1);
        let a = new(s, "Osc", &format!("@{}, freq=31.7, mul=0.5", t1.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let t = sndtable(s, "");
        let right = s.object_stream(t, 1).unwrap();
        assert_eq!(s.object_stream_count(right).unwrap(), 1);
        let b = new(s, "Osc", &format!("@{}, freq=23.9, interp=3, mul=0.5", right.id));
        s.object_out(b, 1, 1, 0.0, 0.0).unwrap();
    });
    check("sndtable_chnl", &out);
}

#[test]
fn sndtable_list_longest() {
    let out = render(0.5, None, false, |s, p| {
        let t = sndtable(s, "");
        let a = new(s, "Osc", &format!("@{}, freq=[13.1, 17.3, 9.7], mul=0.3", t.id));
        assert_eq!(s.object_stream_count(a).unwrap(), 3, "the longest list wins");
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let m = new(s, "Metro", "0.07");
        s.object_play(m, 0.0, 0.0).unwrap();
        let te = new(s, "TrigEnv", &format!("@{}, @{}, dur=0.05, mul=0.4", m.id, t.id));
        assert_eq!(s.object_stream_count(te).unwrap(), 2);
        s.object_out(te, 0, 1, 0.0, 0.0).unwrap();
        let h = new(s, "HarmTable", "");
        let b = new(s, "Osc", &format!("@{}, freq=[200, 301], mul=0.2", h.id));
        s.object_out(b, 0, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| s.object_set_object(b, "table", t).unwrap());
    });
    check("sndtable_list_longest", &out);
}

#[test]
fn newtable_stereo_rec() {
    let out = render(0.5, None, false, |s, p| {
        let src = new(s, "Sine", "[440, 660.5], mul=0.6");
        let t = new(s, "NewTable", "0.02, chnls=2");
        assert_eq!(s.object_stream_count(t).unwrap(), 2);
        let r = new(s, "TableRec", &format!("@{}, @{}", src.id, t.id));
        s.object_play(r, 0.0, 0.0).unwrap();
        let a = new(s, "TableRead", &format!("@{}, freq=47.3, loop=1, mul=0.5", t.id));
        s.object_play(a, 0.0, 0.0).unwrap();
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let mono = new(s, "Sine", "1000, mul=0.5");
        let t2 = new(s, "NewTable", "0.01, chnls=2, feedback=0.5");
        let r2 = new(s, "TableRec", &format!("@{}, @{}", mono.id, t2.id));
        assert_eq!(s.object_stream_count(r2).unwrap(), 2, "one stream per channel");
        s.object_play(r2, 0.0, 0.0).unwrap();
        let b = new(s, "Osc", &format!("@{}, freq=[100, 150.5], mul=0.3", t2.id));
        s.object_out(b, 0, 1, 0.0, 0.0).unwrap();
        p.at(0.25, move |s| {
            s.object_set_list(src, "freq", &[300.0, 1234.5]).unwrap();
            s.object_play(r, 0.0, 0.0).unwrap();
            s.object_play(r2, 0.0, 0.0).unwrap();
        });
    });
    check("newtable_stereo_rec", &out);
}

#[test]
fn tablerec_more_inputs() {
    let out = render(0.3, None, false, |s, _| {
        let src = new(s, "Sine", "[440, 550, 660], mul=0.5");
        let t = new(s, "NewTable", "0.01");
        let r = new(s, "TableRec", &format!("@{}, @{}", src.id, t.id));
        assert_eq!(s.object_stream_count(r).unwrap(), 1, "the table's channels, not the input's streams");
        s.object_play(r, 0.0, 0.0).unwrap();
        let a = new(s, "Osc", &format!("@{}, 100, mul=0.5", t.id));
        s.object_out(a, 0, 1, 0.0, 0.0).unwrap();
        let src2 = new(s, "Sine", "[700, 900], mul=0.5");
        let t3 = new(s, "NewTable", "0.01, chnls=3");
        let r3 = new(s, "TableRec", &format!("@{}, @{}", src2.id, t3.id));
        assert_eq!(s.object_stream_count(r3).unwrap(), 3);
        s.object_play(r3, 0.0, 0.0).unwrap();
        let b = new(s, "Osc", &format!("@{}, freq=[100, 120, 140], mul=0.3", t3.id));
        s.object_out(b, 1, 0, 0.0, 0.0).unwrap();
    });
    check("tablerec_more_inputs", &out);
}

/// len() of a table object is its channel count; `table[i]` is channel i
/// as a table object of its own, sharing the samples; the channel count
/// cannot change afterwards; a channel past the end is an error.
#[test]
fn table_channels_api() {
    let s = common::manual_server(false);
    let t = sndtable(&s, "");
    assert_eq!(s.object_stream_count(t).unwrap(), 2);
    let right = s.object_stream(t, 1).unwrap();
    let left = s.object_stream(t, 0).unwrap();
    assert_eq!(s.object_stream_count(right).unwrap(), 1);
    for i in [0, 1, 7, 2999] {
        // A table object's points are those of its first channel.
        assert_eq!(s.object_get(t, i).unwrap(), left16(i) as f32 / 32768.0, "left point {i}");
        assert_eq!(s.object_get(left, i).unwrap(), left16(i) as f32 / 32768.0, "t[0] point {i}");
        assert_eq!(s.object_get(right, i).unwrap(), right16(i) as f32 / 32768.0, "t[1] point {i}");
    }
    // The guard point repeats each channel's first point.
    assert_eq!(s.object_get(right, 3000).unwrap(), right16(0) as f32 / 32768.0);
    let e = s.object_stream(t, 2).unwrap_err();
    assert_eq!(e.status, rpyo::Status::InvalidArgument);
    assert!(e.message.contains("channel 2"), "{}", e.message);
    assert_eq!(s.object_stream_count(sndtable(&s, ", chnl=0")).unwrap(), 1);
    let empty = new(&s, "SndTable", "initchnls=3");
    assert_eq!(s.object_stream_count(empty).unwrap(), 3);

    let n = new(&s, "NewTable", "0.001, chnls=3, init=[0.25, 0.5]");
    assert_eq!(s.object_stream_count(n).unwrap(), 3);
    for c in 0..3 {
        // A flat init list goes into every channel, as in pyo.
        let ch = s.object_stream(n, c).unwrap();
        assert_eq!((s.object_get(ch, 0).unwrap(), s.object_get(ch, 1).unwrap()), (0.25, 0.5), "channel {c}");
    }
    // A list of lists gives channel i list i, wrapping (pyo's
    // NewTable(chnls=3, init=[a, b]) has channels a, b, a).
    let lol = new(&s, "NewTable", "0.001, chnls=3, init=[[1, 2], [3]]");
    let first_two = |c: usize| {
        let ch = s.object_stream(lol, c).unwrap();
        (s.object_get(ch, 0).unwrap(), s.object_get(ch, 1).unwrap())
    };
    assert_eq!([first_two(0), first_two(1), first_two(2)], [(1.0, 2.0), (3.0, 0.0), (1.0, 2.0)]);
    // Only a multichannel table class takes a list of lists.
    assert!(s.object_new("HarmTable", "[[1, 0.5], [1]]").is_err());
    let e = s.object_set_float(n, "chnls", 2.0).unwrap_err();
    assert_eq!(e.status, rpyo::Status::Unsupported);
    // Setting the init of channel 1 alone rebuilds that channel only.
    let ch1 = s.object_stream(n, 1).unwrap();
    s.object_set_list(ch1, "init", &[-1.0]).unwrap();
    let ch0 = s.object_stream(n, 0).unwrap();
    assert_eq!(s.object_get(ch0, 0).unwrap(), 0.25);
    assert_eq!(s.object_get(s.object_stream(n, 1).unwrap(), 0).unwrap(), -1.0);
    s.object_set_list(ch0, "init", &[-0.5]).unwrap();
    assert_eq!(s.object_get(n, 0).unwrap(), -0.5, "t[0] shares the samples of channel 0");
    assert_eq!(s.object_get(ch1, 0).unwrap(), -1.0);
    // Readers: one stream per channel, the longest list winning.
    let o = new(&s, "Osc", &format!("@{}, freq=[1, 2, 3, 4, 5]", n.id));
    assert_eq!(s.object_stream_count(o).unwrap(), 5);
    let r = new(&s, "TableRec", &format!("@{}, @{}", o.id, n.id));
    assert_eq!(s.object_stream_count(r).unwrap(), 3);

    // Recording into t[1] writes channel 1 of t, not channel 0.
    let t2 = new(&s, "NewTable", "0.001, chnls=2");
    let right = s.object_stream(t2, 1).unwrap();
    let src = new(&s, "Sig", "0.75");
    let rec = new(&s, "TableRec", &format!("@{}, @{}", src.id, right.id));
    s.object_play(rec, 0.0, 0.0).unwrap();
    s.start().unwrap();
    s.process_block().unwrap();
    assert_eq!(s.object_get(right, 0).unwrap(), 0.75);
    assert_eq!(s.object_get(s.object_stream(t2, 1).unwrap(), 43).unwrap(), 0.75);
    assert_eq!(s.object_get(t2, 0).unwrap(), 0.0);
}

#[test]
fn newtable_init_lists() {
    let list = |f: fn(usize) -> f64| {
        let v: Vec<String> = (0..88).map(|i| format!("{:?}", f(i))).collect();
        format!("[{}]", v.join(", "))
    };
    let a = list(|i| 0.5 * (i as f64 * 0.2).sin());
    let b = list(|i| (i % 20) as f64 / 20.0 - 0.5);
    let out = render(0.3, None, false, |s, _| {
        let t = new(s, "NewTable", &format!("0.002, chnls=3, init=[{a}, {b}]"));
        let o = new(s, "Osc", &format!("@{}, freq=[300, 200.5, 150.3], mul=0.3", t.id));
        s.object_out(o, 0, 1, 0.0, 0.0).unwrap();
    });
    check("newtable_init_lists", &out);
}
