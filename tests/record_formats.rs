//! Every (fileformat, sampletype) pair pyo lists, through `record::open`:
//! written, finished and read back by independent readers (symphonia and
//! sox), or refused with Status::Unsupported naming the combination.
//!
//! sox must be installed (`.ci/run` installs it); without it these tests
//! fail, unless RPYO_SKIP_SOX=1, which skips the sox reads and says so.

use rpyo::record::{self, FileFormat, FileSpec, SampleType, SoundWriter};
use rpyo::Status;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

const RATE: u32 = 44100;
const FRAMES: usize = 3000;

const FORMATS: [FileFormat; 8] = [
    FileFormat::Wav,
    FileFormat::Aiff,
    FileFormat::Au,
    FileFormat::Raw,
    FileFormat::Sd2,
    FileFormat::Flac,
    FileFormat::Caf,
    FileFormat::Ogg,
];
const TYPES: [SampleType; 7] = [
    SampleType::Int16,
    SampleType::Int24,
    SampleType::Int32,
    SampleType::Float32,
    SampleType::Float64,
    SampleType::ULaw,
    SampleType::ALaw,
];

fn ext(f: FileFormat) -> &'static str {
    ["wav", "aif", "au", "raw", "sd2", "flac", "caf", "ogg"][f as usize]
}

/// A unique path in the temp dir, removed (with the sox copy) on drop.
struct TempFile(PathBuf);
impl TempFile {
    fn new(tag: &str, extension: &str) -> TempFile {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        TempFile(std::env::temp_dir().join(format!("rpyo-fmt-{}-{n}-{tag}.{extension}", std::process::id())))
    }
}
impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// `channels` interleaved channels: channel 0 starts with full-scale and
/// out-of-range values then a 440 Hz sine at 0.9; channel 1 is a ramp from
/// -1.25 to 1.25 (clipped at both ends by integer formats); more channels
/// are sines of other frequencies.
fn signal(channels: usize, frames: usize) -> Vec<f32> {
    let specials = [1.0f32, -1.0, 1.5, -1.5, 0.0, 0.5, -0.5, 1e-3, -0.75, 0.3];
    let mut out = Vec::with_capacity(channels * frames);
    for n in 0..frames {
        for c in 0..channels {
            let t = n as f64 / f64::from(RATE);
            let x = match c {
                0 if n < specials.len() => f64::from(specials[n]),
                0 => 0.9 * (2.0 * std::f64::consts::PI * 440.0 * t).sin(),
                1 => -1.25 + 2.5 * n as f64 / (frames - 1) as f64,
                _ => 0.5 * (2.0 * std::f64::consts::PI * 300.0 * c as f64 * t).sin(),
            };
            out.push(x as f32);
        }
    }
    out
}

/// What a reader should return for `x`, and the allowed error, for a
/// sample type (integers: the writer's rounding of x * (2^(b-1)-1), clipped,
/// read as v / 2^(b-1); G.711: within its quantisation step).
fn expected(st: SampleType, x: f32, reader_clips: bool) -> (f64, f64) {
    let x = f64::from(x);
    let int = |bits: i32| {
        let full = 2f64.powi(bits - 1);
        ((x.clamp(-1.0, 1.0) * (full - 1.0)).round()) / full
    };
    match st {
        SampleType::Int16 => (int(16), 2f64.powi(-17)),
        SampleType::Int24 => (int(24), 2f64.powi(-25)),
        // f32 readers cannot resolve the 32-bit step: within f32 precision.
        SampleType::Int32 => (int(32), 2f64.powi(-24)),
        SampleType::Float32 | SampleType::Float64 => (if reader_clips { x.clamp(-1.0, 1.0) } else { x }, 1e-7),
        SampleType::ULaw | SampleType::ALaw => {
            let x = x.clamp(-1.0, 1.0);
            (x, 0.035 * x.abs() + 1.0 / 2048.0)
        }
    }
}

struct Decoded {
    channels: usize,
    rate: u32,
    samples: Vec<f32>,
}

/// Reads `path` with symphonia.
fn read_symphonia(path: &Path) -> Decoded {
    use symphonia::core::audio::SampleBuffer;
    use symphonia::core::codecs::DecoderOptions;
    use symphonia::core::errors::Error as SymError;
    use symphonia::core::formats::FormatOptions;
    use symphonia::core::io::MediaSourceStream;
    use symphonia::core::meta::MetadataOptions;
    use symphonia::core::probe::Hint;

    let file = std::fs::File::open(path).unwrap();
    let mss = MediaSourceStream::new(Box::new(file), Default::default());
    let mut hint = Hint::new();
    if let Some(e) = path.extension().and_then(|e| e.to_str()) {
        hint.with_extension(e);
    }
    let probed = symphonia::default::get_probe()
        .format(&hint, mss, &FormatOptions::default(), &MetadataOptions::default())
        .unwrap_or_else(|e| panic!("symphonia cannot open {}: {e}", path.display()));
    let mut format = probed.format;
    let track = format.default_track().unwrap().clone();
    let mut decoder = symphonia::default::get_codecs()
        .make(&track.codec_params, &DecoderOptions::default())
        .unwrap_or_else(|e| panic!("symphonia has no decoder for {}: {e}", path.display()));
    let rate = track.codec_params.sample_rate.unwrap();
    let mut channels = track.codec_params.channels.map(|c| c.count()).unwrap_or(0);
    let mut samples = Vec::new();
    loop {
        let packet = match format.next_packet() {
            Ok(p) => p,
            Err(SymError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(e) => panic!("symphonia reading {}: {e}", path.display()),
        };
        let buf = decoder.decode(&packet).unwrap_or_else(|e| panic!("symphonia decoding {}: {e}", path.display()));
        channels = buf.spec().channels.count();
        let mut sb = SampleBuffer::<f32>::new(buf.capacity() as u64, *buf.spec());
        sb.copy_interleaved_ref(buf);
        samples.extend_from_slice(sb.samples());
    }
    Decoded { channels, rate, samples }
}

/// Whether sox is there; panics when it is not, unless RPYO_SKIP_SOX=1.
fn have_sox() -> bool {
    if Command::new("sox").arg("--version").output().is_ok_and(|o| o.status.success()) {
        return true;
    }
    if std::env::var("RPYO_SKIP_SOX").as_deref() == Ok("1") {
        eprintln!("record_formats: sox is not installed: SKIPPED the sox read-backs (RPYO_SKIP_SOX=1)");
        return false;
    }
    panic!("sox is not installed (apt-get install sox libsox-fmt-all); set RPYO_SKIP_SOX=1 to skip its checks");
}

/// Converts `path` to a 32-bit float WAV with sox (no dither) and reads it with hound.
fn read_sox(path: &Path, spec: &FileSpec) -> Decoded {
    let out = TempFile::new("sox", "wav");
    let mut cmd = Command::new("sox");
    if spec.format == FileFormat::Raw {
        let (enc, bits) = match spec.sample_type {
            SampleType::Int16 => ("signed-integer", "16"),
            SampleType::Int24 => ("signed-integer", "24"),
            SampleType::Int32 => ("signed-integer", "32"),
            SampleType::Float32 => ("floating-point", "32"),
            SampleType::Float64 => ("floating-point", "64"),
            SampleType::ULaw => ("u-law", "8"),
            SampleType::ALaw => ("a-law", "8"),
        };
        let (rate, channels) = (spec.sample_rate.to_string(), spec.channels.to_string());
        cmd.args(["-t", "raw", "-L", "-r", &rate, "-c", &channels, "-e", enc, "-b", bits]);
    }
    cmd.arg(path).args(["-D", "-e", "floating-point", "-b", "32"]).arg(&out.0);
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "sox cannot read {}: {}", path.display(), String::from_utf8_lossy(&o.stderr));
    let mut r = hound::WavReader::open(&out.0).unwrap();
    let s = r.spec();
    Decoded {
        channels: usize::from(s.channels),
        rate: s.sample_rate,
        samples: r.samples::<f32>().map(|x| x.unwrap()).collect(),
    }
}

fn write_file(spec: &FileSpec, input: &[f32]) {
    let mut w: Box<dyn SoundWriter> = record::open(spec).unwrap_or_else(|e| panic!("open {spec:?}: {}", e.message));
    // Uneven pieces, as a writer thread gets them.
    let ch = usize::from(spec.channels);
    let mut rest = input;
    for frames in [1usize, 63, 512, 1000].iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let n = (frames * ch).min(rest.len());
        w.write(&rest[..n]).unwrap();
        rest = &rest[n..];
    }
    w.finish().unwrap();
}

fn spec(path: &Path, format: FileFormat, sample_type: SampleType, channels: u16, quality: f32) -> FileSpec {
    FileSpec { path: path.to_path_buf(), format, sample_type, quality, sample_rate: RATE, channels }
}

/// Checks that `d` holds `input` as `spec` stores it; returns the largest error.
fn check_samples(reader: &str, spec: &FileSpec, input: &[f32], d: &Decoded) -> f64 {
    let what = format!("{reader} reading {:?}/{:?}", spec.format, spec.sample_type);
    assert_eq!(d.channels, usize::from(spec.channels), "{what}: channels");
    assert_eq!(d.rate, spec.sample_rate, "{what}: sample rate");
    assert_eq!(d.samples.len(), input.len(), "{what}: sample count");
    let mut worst = 0f64;
    for (i, (&x, &y)) in input.iter().zip(&d.samples).enumerate() {
        let (want, tol) = expected(spec.sample_type, x, reader == "sox");
        let err = (f64::from(y) - want).abs();
        assert!(err <= tol, "{what}: sample {i} (input {x}) read {y}, want {want} within {tol}");
        worst = worst.max(err);
    }
    worst
}

/// Signal-to-noise ratio (dB) of `d` against `input`, leaving out the first
/// and last 2048 samples (the out-of-range impulses at the start, the edges
/// of the lapped transform).
fn snr_db(input: &[f32], d: &[f32]) -> f64 {
    let n = input.len().min(d.len());
    let (mut sig, mut noise) = (0f64, 0f64);
    for i in 2048..n - 2048 {
        sig += f64::from(input[i]).powi(2);
        noise += f64::from(input[i] - d[i]).powi(2);
    }
    10.0 * (sig / noise.max(1e-30)).log10()
}

/// Whether symphonia (with the test build's `caf` feature) reads the format.
fn symphonia_reads(format: FileFormat) -> bool {
    matches!(format, FileFormat::Wav | FileFormat::Aiff | FileFormat::Flac | FileFormat::Caf | FileFormat::Ogg)
}

/// Whether sox 14.4 reads the pair: it knows no AIFF-C 'ulaw'/'alaw' (nor
/// does it read libsndfile's own), and it reads CAF through libsndfile, which
/// rescales float files by their peak.
fn sox_reads(format: FileFormat, st: SampleType) -> bool {
    let g711 = matches!(st, SampleType::ULaw | SampleType::ALaw);
    let float = matches!(st, SampleType::Float32 | SampleType::Float64);
    !(format == FileFormat::Aiff && g711 || format == FileFormat::Caf && float)
}

#[test]
fn every_supported_pair_reads_back_through_independent_readers() {
    let sox = have_sox();
    let input = signal(2, FRAMES);
    let mut report = Vec::new();
    for format in FORMATS {
        for st in TYPES {
            if record::check_supported(format, st).is_err() || format == FileFormat::Ogg {
                continue;
            }
            let file = TempFile::new(&format!("{}-{}", format as i32, st as i32), ext(format));
            let spec = spec(&file.0, format, st, 2, 0.4);
            write_file(&spec, &input);
            if symphonia_reads(format) {
                let worst = check_samples("symphonia", &spec, &input, &read_symphonia(&file.0));
                report.push(format!("{format:?}/{st:?} symphonia max err {worst:.3e}"));
            }
            if sox && sox_reads(format, st) {
                let worst = check_samples("sox", &spec, &input, &read_sox(&file.0, &spec));
                report.push(format!("{format:?}/{st:?} sox max err {worst:.3e}"));
            }
        }
    }
    eprintln!("{}", report.join("\n"));
}

#[test]
fn ogg_vorbis_reads_back_for_every_sample_type_and_quality_sets_the_bitrate() {
    let sox = have_sox();
    let input = signal(2, FRAMES * 4);
    let mut sizes = Vec::new();
    for (st, quality) in TYPES.iter().zip([0.4, 0.0, 1.0, 0.4, 0.4, 0.4, 0.4]) {
        let file = TempFile::new(&format!("ogg-{}", *st as i32), "ogg");
        let spec = spec(&file.0, FileFormat::Ogg, *st, 2, quality);
        write_file(&spec, &input);
        let d = read_symphonia(&file.0);
        assert_eq!((d.channels, d.rate), (2, RATE));
        assert!(d.samples.len().abs_diff(input.len()) <= 2 * 2048, "{} vs {}", d.samples.len(), input.len());
        let snr = snr_db(&input, &d.samples);
        eprintln!(
            "Ogg {st:?} quality {quality}: {} bytes, symphonia SNR {snr:.1} dB",
            std::fs::metadata(&file.0).unwrap().len()
        );
        // Measured: 24.7 dB at quality 0, 37.8 at 0.4, 39.6 at 1.
        let floor = 20.0 + 15.0 * f64::from(quality);
        assert!(snr > floor, "Ogg {st:?} quality {quality}: SNR {snr:.1} dB");
        if sox {
            let d = read_sox(&file.0, &spec);
            assert_eq!((d.channels, d.rate), (2, RATE));
            // sox clips the decoded floats to [-1, 1]; compare with the clipped input.
            let clipped: Vec<f32> = input.iter().map(|x| x.clamp(-1.0, 1.0)).collect();
            let snr = snr_db(&clipped, &d.samples);
            eprintln!("  sox SNR {snr:.1} dB");
            assert!(snr > floor, "Ogg {st:?} through sox: SNR {snr:.1} dB");
            assert_eq!(d.samples.len(), input.len(), "libvorbisfile trims to the granule position");
        }
        sizes.push((quality, std::fs::metadata(&file.0).unwrap().len()));
    }
    let size = |q: f32| sizes.iter().find(|s| s.0 == q).unwrap().1;
    assert!(size(0.0) < size(0.4) && size(0.4) < size(1.0), "Vorbis sizes by quality: {sizes:?}");
}

#[test]
fn flac_is_lossless_at_every_quality() {
    let input = signal(2, FRAMES * 3);
    for st in [SampleType::Int16, SampleType::Int24] {
        let mut sizes = Vec::new();
        for quality in [0.0, 0.4, 1.0] {
            let file = TempFile::new("flac-q", "flac");
            let spec = spec(&file.0, FileFormat::Flac, st, 2, quality);
            write_file(&spec, &input);
            check_samples("symphonia", &spec, &input, &read_symphonia(&file.0));
            sizes.push(std::fs::metadata(&file.0).unwrap().len());
        }
        eprintln!("FLAC {st:?} sizes at quality 0, 0.4, 1: {sizes:?}");
    }
}

#[test]
fn wav_extensible_multichannel_and_odd_sizes_read_back() {
    let sox = have_sox();
    for (st, channels, frames) in [
        (SampleType::Int24, 3u16, 1001usize),
        (SampleType::Float32, 6, 500),
        (SampleType::Float64, 3, 500),
        (SampleType::Int16, 1, 1001),
        (SampleType::ULaw, 1, 1001),
        (SampleType::ALaw, 3, 1001),
    ] {
        let input = signal(usize::from(channels), frames);
        for format in [FileFormat::Wav, FileFormat::Aiff, FileFormat::Au, FileFormat::Caf] {
            let file = TempFile::new("multi", ext(format));
            let spec = spec(&file.0, format, st, channels, 0.4);
            write_file(&spec, &input);
            if symphonia_reads(format) {
                let mut d = read_symphonia(&file.0);
                if format == FileFormat::Aiff && st == SampleType::ULaw && frames % 2 == 1 {
                    // symphonia 0.5.5 reads the SSND chunk's pad byte as one more
                    // 1-byte frame (sizes and numSampleFrames say 1001).
                    assert_eq!(d.samples.len(), input.len() + 1);
                    d.samples.pop();
                }
                check_samples("symphonia", &spec, &input, &d);
            }
            if sox && sox_reads(format, st) {
                check_samples("sox", &spec, &input, &read_sox(&file.0, &spec));
            }
        }
    }
}

#[test]
fn unsupported_pairs_are_refused_naming_the_combination() {
    let mut refused = 0;
    for format in FORMATS {
        for st in TYPES {
            let file = TempFile::new("refused", ext(format));
            let checked = record::check_supported(format, st);
            let want_refused = format == FileFormat::Sd2
                || (format == FileFormat::Flac && !matches!(st, SampleType::Int16 | SampleType::Int24));
            assert_eq!(checked.is_err(), want_refused, "{format:?}/{st:?}");
            let Err(e) = checked else { continue };
            refused += 1;
            assert_eq!(e.status, Status::Unsupported);
            let name = ["WAV", "AIFF", "AU", "RAW", "SD2", "FLAC", "CAF", "OGG"][format as usize];
            let st_name = ["16-bit int", "24-bit int", "32-bit int", "32-bit float", "64-bit float", "u-law", "A-law"]
                [st as usize];
            assert!(e.message.contains(name) && e.message.contains(st_name), "{}", e.message);
            let opened = record::open(&spec(&file.0, format, st, 2, 0.4));
            let e2 = opened.err().expect("open must refuse what check_supported refuses");
            assert_eq!((e2.status, &e2.message), (Status::Unsupported, &e.message));
            assert!(!file.0.exists(), "a refused {format:?}/{st:?} left a file");
        }
    }
    assert_eq!(refused, 7 + 5);
}

#[test]
fn bad_specs_and_writes_are_errors() {
    let file = TempFile::new("bad", "wav");
    let mut s = spec(&file.0, FileFormat::Wav, SampleType::Int16, 0, 0.4);
    assert_eq!(record::open(&s).err().unwrap().status, Status::InvalidArgument);
    s.channels = 2;
    s.sample_rate = 0;
    assert_eq!(record::open(&s).err().unwrap().status, Status::InvalidArgument);
    s.sample_rate = RATE;
    s.path = std::env::temp_dir().join("rpyo-no-such-dir/x.wav");
    let e = record::open(&s).err().unwrap();
    assert_eq!(e.status, Status::Io);
    assert!(e.message.contains("rpyo-no-such-dir/x.wav"), "{}", e.message);
    for format in [FileFormat::Wav, FileFormat::Aiff, FileFormat::Flac, FileFormat::Ogg, FileFormat::Raw] {
        let file = TempFile::new("partial", ext(format));
        let mut w = record::open(&spec(&file.0, format, SampleType::Int16, 2, 0.4)).unwrap();
        let e = w.write(&[0.0, 0.1, 0.2]).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput, "{format:?}");
        w.finish().unwrap();
    }
    assert!(FileFormat::from_index(8).is_none() && SampleType::from_index(7).is_none());
}

#[test]
fn extensions_name_pyo_formats() {
    for (name, f) in [
        ("a.wav", Some(FileFormat::Wav)),
        ("a.wave", Some(FileFormat::Wav)),
        ("a.AIFF", Some(FileFormat::Aiff)),
        ("a.aif", Some(FileFormat::Aiff)),
        ("a.au", Some(FileFormat::Au)),
        ("a.sd2", Some(FileFormat::Sd2)),
        ("a.flac", Some(FileFormat::Flac)),
        ("a.caf", Some(FileFormat::Caf)),
        ("a.ogg", Some(FileFormat::Ogg)),
        ("a.raw", Some(FileFormat::Raw)),
        ("a", None),
        ("a.txt", None),
    ] {
        assert_eq!(record::format_from_extension(Path::new(name)), f, "{name}");
    }
}

#[test]
fn empty_files_are_valid() {
    let sox = have_sox();
    for format in FORMATS {
        if format == FileFormat::Sd2 {
            continue;
        }
        let file = TempFile::new("empty", ext(format));
        let s = spec(&file.0, format, SampleType::Int16, 2, 0.4);
        record::open(&s).unwrap().finish().unwrap();
        // symphonia 0.5.5 cannot open a FLAC stream without frames ("end of stream").
        if symphonia_reads(format) && format != FileFormat::Flac {
            let d = read_symphonia(&file.0);
            assert_eq!((d.channels, d.samples.len()), (2, 0), "{format:?}");
        }
        // sox 14.4 cannot open an empty AIFF, not even one it wrote itself
        // ("Missing SSND chunk"), although the chunk is there.
        if sox && format != FileFormat::Aiff {
            let d = read_sox(&file.0, &s);
            assert_eq!((d.channels, d.samples.len()), (2, 0), "{format:?}");
        }
    }
}

#[test]
fn sample_rates_and_channel_counts_work_or_are_refused() {
    let sox = have_sox();
    for format in [FileFormat::Flac, FileFormat::Ogg, FileFormat::Wav, FileFormat::Caf] {
        for rate in [8000u32, 12345, 96000, 192000, 352_800, 700_000] {
            let file = TempFile::new("rate", ext(format));
            let mut s = spec(&file.0, format, SampleType::Int24, 1, 0.4);
            s.sample_rate = rate;
            let input: Vec<f32> = (0..2000).map(|n| (n as f32 * 0.05).sin() * 0.5).collect();
            match record::open(&s) {
                Ok(mut w) => {
                    w.write(&input).unwrap();
                    w.finish().unwrap();
                    let d =
                        if symphonia_reads(format) || !sox { read_symphonia(&file.0) } else { read_sox(&file.0, &s) };
                    assert_eq!((d.rate, d.channels), (rate, 1), "{format:?} at {rate} Hz");
                    assert!(d.samples.len() >= input.len(), "{format:?} at {rate} Hz");
                    eprintln!("{format:?} at {rate} Hz: ok");
                }
                Err(e) => {
                    eprintln!("{format:?} at {rate} Hz: {}", e.message);
                    assert_eq!(e.status, Status::Unsupported, "{}", e.message);
                    assert!(e.message.contains(&rate.to_string()), "{}", e.message);
                    assert!(
                        (format == FileFormat::Flac && rate == 700_000)
                            || (format == FileFormat::Ogg && rate > 192_000),
                        "{format:?} refused {rate} Hz"
                    );
                }
            }
        }
    }
    let file = TempFile::new("chans", "flac");
    let e = record::open(&spec(&file.0, FileFormat::Flac, SampleType::Int16, 9, 0.4)).err().unwrap();
    assert_eq!(e.status, Status::Unsupported);
    assert!(e.message.contains("FLAC") && e.message.contains('9'), "{}", e.message);
}

#[test]
fn unfinished_au_files_read_to_their_end() {
    // A writer dropped without `finish` (its process died): the AU header
    // says "size unknown", so readers take every sample there is.
    let sox = have_sox();
    let input = signal(2, 1000);
    {
        let format = FileFormat::Au;
        let file = TempFile::new("unfinished", ext(format));
        let s = spec(&file.0, format, SampleType::Int16, 2, 0.4);
        let mut w = record::open(&s).unwrap();
        w.write(&input).unwrap();
        drop(w); // BufWriter flushes on drop; no header rewrite.
        if sox {
            check_samples("sox", &s, &input, &read_sox(&file.0, &s));
        }
    }
}
