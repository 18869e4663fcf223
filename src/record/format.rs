//! The file writers, one per format, behind [`open`].
//!
//! | format | writer |
//! |---|---|
//! | WAV, AU, CAF, RAW | `pcm.rs`: small hand-written headers (hound cannot write 64-bit float, µ-law or A-law WAV) |
//! | AIFF | `aiff.rs`: the `aifc` crate (AIFF for integers, AIFF-C for float, µ-law, A-law) |
//! | FLAC | `flac.rs`: the `flacenc` crate (pure Rust), 16 and 24-bit integers |
//! | Ogg Vorbis | `ogg.rs`: the `vorbis_rs` crate (libvorbis, built from vendored C) |
//! | SD2 | none: an error (Sound Designer II keeps its format in a macOS resource fork) |
//!
//! Float input is converted as libsndfile does with normalisation on:
//! integers scale by 2^(bits-1)-1 (so +1.0 and -1.0 are the largest and the
//! negated largest value), round to nearest (ties away from zero) and clip
//! to [-1, 1] first (libsndfile wraps instead; rpyo never does); µ-law and
//! A-law encode that 16-bit value per G.711; 32 and 64-bit float store the
//! value as it is, unclipped, as libsndfile does. NaN becomes 0 in integer
//! formats.

use super::{FileFormat, FileSpec, SampleType, SoundWriter};
use crate::error::{Error, Result, Status};
use std::path::Path;

/// Opens a writer for `spec`, or an error naming a combination no writer
/// supports (Status::Unsupported), a bad spec (Status::InvalidArgument) or a
/// file that cannot be created (Status::Io, naming the path).
pub fn open(spec: &FileSpec) -> Result<Box<dyn SoundWriter>> {
    check_supported(spec.format, spec.sample_type)?;
    if spec.channels == 0 {
        return Err(Error::new(Status::InvalidArgument, "recording: the file needs at least 1 channel"));
    }
    if spec.sample_rate == 0 {
        return Err(Error::new(Status::InvalidArgument, "recording: the sample rate must be positive"));
    }
    if spec.quality.is_nan() {
        return Err(Error::new(Status::InvalidArgument, "recording: quality is NaN (use 0.0-1.0)"));
    }
    match spec.format {
        FileFormat::Wav | FileFormat::Au | FileFormat::Caf | FileFormat::Raw => {
            Ok(Box::new(super::pcm::PcmWriter::create(spec)?))
        }
        FileFormat::Aiff => Ok(Box::new(super::aiff::AiffWriter::create(spec)?)),
        FileFormat::Flac => Ok(Box::new(super::flac::FlacWriter::create(spec)?)),
        FileFormat::Ogg => Ok(Box::new(super::ogg::OggWriter::create(spec)?)),
        FileFormat::Sd2 => unreachable!("check_supported refuses SD2"),
    }
}

/// pyo's name of a format, for messages.
pub fn format_name(format: FileFormat) -> &'static str {
    match format {
        FileFormat::Wav => "WAV",
        FileFormat::Aiff => "AIFF",
        FileFormat::Au => "AU",
        FileFormat::Raw => "RAW",
        FileFormat::Sd2 => "SD2",
        FileFormat::Flac => "FLAC",
        FileFormat::Caf => "CAF",
        FileFormat::Ogg => "OGG",
    }
}

/// A sample type's name, for messages.
pub fn sample_type_name(sample_type: SampleType) -> &'static str {
    match sample_type {
        SampleType::Int16 => "16-bit int",
        SampleType::Int24 => "24-bit int",
        SampleType::Int32 => "32-bit int",
        SampleType::Float32 => "32-bit float",
        SampleType::Float64 => "64-bit float",
        SampleType::ULaw => "u-law",
        SampleType::ALaw => "A-law",
    }
}

/// Whether [`open`] can write `format` with `sample_type`, without creating a
/// file: Ok, or the Status::Unsupported error `open` would return, naming the
/// combination and saying what works instead.
///
/// Ogg Vorbis accepts every sample type and ignores it (Vorbis codes floats).
pub fn check_supported(format: FileFormat, sample_type: SampleType) -> Result<()> {
    let why = match (format, sample_type) {
        (FileFormat::Sd2, _) => {
            "Sound Designer II keeps its format in a macOS resource fork, which rpyo cannot write \
             (use AIFF or WAV)"
        }
        (FileFormat::Flac, SampleType::Int16 | SampleType::Int24) => return Ok(()),
        (FileFormat::Flac, SampleType::Int32) => "the FLAC encoder stores at most 24 bits (use sampletype 0 or 1)",
        (FileFormat::Flac, _) => "FLAC stores integers (use sampletype 0 or 1)",
        _ => return Ok(()),
    };
    Err(Error::new(
        Status::Unsupported,
        format!(
            "recording: {} with {} samples (fileformat {}, sampletype {}) is not supported: {why}",
            format_name(format),
            sample_type_name(sample_type),
            format as i32,
            sample_type as i32
        ),
    ))
}

/// The format pyo infers from a file name's extension (one table:
/// [`FileFormat::from_extension`]); None for any other or no extension
/// (pyo then uses the `fileformat` argument).
pub fn format_from_extension(path: &Path) -> Option<FileFormat> {
    FileFormat::from_extension(path)
}

/// The Status::Io error for a file that cannot be created.
pub(crate) fn create_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(Status::Io, format!("recording: cannot create '{}': {e}", path.display()))
}

/// Checks that `len` samples are whole frames of `channels`.
pub(crate) fn check_frames(len: usize, channels: usize) -> std::io::Result<()> {
    if len % channels == 0 {
        Ok(())
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("recording: {len} samples is not a whole number of {channels}-channel frames"),
        ))
    }
}

/// `x` as a signed integer of `bits` bits: clipped to [-1, 1], scaled by
/// 2^(bits-1)-1, rounded to nearest. NaN gives 0.
#[inline]
pub fn to_int(x: f32, bits: u32) -> i32 {
    let max = f64::from((1u32 << (bits - 1)) - 1);
    // f64 keeps 32-bit values exact; `as` maps NaN to 0.
    (f64::from(x.clamp(-1.0, 1.0)) * max).round() as i32
}

/// G.711 µ-law byte of `x` (through its 16-bit value).
#[inline]
pub fn to_ulaw(x: f32) -> u8 {
    audio_codec_algorithms::encode_ulaw(to_int(x, 16) as i16)
}

/// G.711 A-law byte of `x` (through its 16-bit value).
#[inline]
pub fn to_alaw(x: f32) -> u8 {
    audio_codec_algorithms::encode_alaw(to_int(x, 16) as i16)
}

/// Bytes per sample of `sample_type` in an uncompressed file.
pub(crate) fn bytes_per_sample(sample_type: SampleType) -> usize {
    match sample_type {
        SampleType::Int16 => 2,
        SampleType::Int24 => 3,
        SampleType::Int32 | SampleType::Float32 => 4,
        SampleType::Float64 => 8,
        SampleType::ULaw | SampleType::ALaw => 1,
    }
}

/// Appends `samples` to `out` encoded as `sample_type`, big or little-endian.
pub(crate) fn encode(sample_type: SampleType, big_endian: bool, samples: &[f32], out: &mut Vec<u8>) {
    out.reserve(samples.len() * bytes_per_sample(sample_type));
    macro_rules! put {
        ($v:expr) => {{
            let v = $v;
            out.extend_from_slice(&if big_endian { v.to_be_bytes() } else { v.to_le_bytes() });
        }};
    }
    for &x in samples {
        match sample_type {
            SampleType::Int16 => put!(to_int(x, 16) as i16),
            SampleType::Int24 => {
                let b = to_int(x, 24).to_le_bytes();
                if big_endian {
                    out.extend_from_slice(&[b[2], b[1], b[0]]);
                } else {
                    out.extend_from_slice(&b[..3]);
                }
            }
            SampleType::Int32 => put!(to_int(x, 32)),
            SampleType::Float32 => put!(x),
            SampleType::Float64 => put!(f64::from(x)),
            SampleType::ULaw => out.push(to_ulaw(x)),
            SampleType::ALaw => out.push(to_alaw(x)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_scale_by_max_round_and_clip() {
        assert_eq!(to_int(1.0, 16), 32767);
        assert_eq!(to_int(-1.0, 16), -32767);
        assert_eq!(to_int(2.0, 16), 32767);
        assert_eq!(to_int(-2.0, 16), -32767);
        assert_eq!(to_int(-0.75, 16), -24575);
        assert_eq!(to_int(0.3, 16), 9830);
        assert_eq!(to_int(f32::NAN, 16), 0);
        assert_eq!(to_int(1.0, 24), 8_388_607);
        assert_eq!(to_int(1.0, 32), 2_147_483_647);
        assert_eq!(to_int(-1.0, 32), -2_147_483_647);
    }

    #[test]
    fn g711_bytes_match_libsndfile() {
        // Bytes libsndfile (through pyo's savefile) wrote for -1, 1, 0.
        assert_eq!([to_ulaw(-1.0), to_ulaw(1.0), to_ulaw(0.0)], [0, 128, 255]);
        assert_eq!([to_alaw(-1.0), to_alaw(1.0), to_alaw(0.0)], [42, 170, 213]);
    }

    #[test]
    fn int24_byte_order() {
        let mut out = Vec::new();
        encode(SampleType::Int24, true, &[-1.0], &mut out);
        encode(SampleType::Int24, false, &[-1.0], &mut out);
        assert_eq!(out, [0x80, 0x00, 0x01, 0x01, 0x00, 0x80]);
    }

    #[test]
    fn extensions() {
        assert_eq!(format_from_extension(Path::new("a/b.WAV")), Some(FileFormat::Wav));
        assert_eq!(format_from_extension(Path::new("b.aif")), Some(FileFormat::Aiff));
        assert_eq!(format_from_extension(Path::new("b.ogg")), Some(FileFormat::Ogg));
        assert_eq!(format_from_extension(Path::new("b")), None);
        assert_eq!(format_from_extension(Path::new("b.mp3")), None);
    }
}
