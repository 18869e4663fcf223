//! Recording and offline files: the sound-file writers ([`format`]) and the
//! writer thread that owns the file while the audio thread only fills a ring
//! buffer.

pub mod format;
pub mod writer;

mod aiff;
mod flac;
mod ogg;
mod pcm;

use crate::error::{Error, Result};
use std::io;
use std::path::{Path, PathBuf};

pub use format::{check_supported, format_from_extension, open};
pub use writer::{RecordStats, WriterWrapper, RING_SECONDS};

/// pyo's `fileformat` numbers (recordOptions, savefile).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    Wav = 0,
    Aiff = 1,
    Au = 2,
    Raw = 3,
    Sd2 = 4,
    Flac = 5,
    Caf = 6,
    Ogg = 7,
}

/// pyo's `sampletype` numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SampleType {
    Int16 = 0,
    Int24 = 1,
    Int32 = 2,
    Float32 = 3,
    Float64 = 4,
    ULaw = 5,
    ALaw = 6,
}

impl FileFormat {
    /// The format of pyo's number `n` (0-7).
    pub fn from_index(n: i32) -> Option<FileFormat> {
        use FileFormat::*;
        [Wav, Aiff, Au, Raw, Sd2, Flac, Caf, Ogg].get(usize::try_from(n).ok()?).copied()
    }

    /// The format a file name's extension names (case-insensitive): .wav
    /// .wave, .aif .aiff .aifc, .au .snd, .raw, .sd2, .flac, .caf, .ogg .oga.
    /// None for a missing or unknown extension.
    pub fn from_extension(path: &Path) -> Option<FileFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "wav" | "wave" => FileFormat::Wav,
            "aif" | "aiff" | "aifc" => FileFormat::Aiff,
            "au" | "snd" => FileFormat::Au,
            "raw" => FileFormat::Raw,
            "sd2" => FileFormat::Sd2,
            "flac" => FileFormat::Flac,
            "caf" => FileFormat::Caf,
            "ogg" | "oga" => FileFormat::Ogg,
            _ => return None,
        })
    }
}

impl SampleType {
    /// The sample type of pyo's number `n` (0-6).
    pub fn from_index(n: i32) -> Option<SampleType> {
        use SampleType::*;
        [Int16, Int24, Int32, Float32, Float64, ULaw, ALaw].get(usize::try_from(n).ok()?).copied()
    }
}

/// Everything a writer needs to create a file.
#[derive(Clone, Debug, PartialEq)]
pub struct FileSpec {
    pub path: PathBuf,
    pub format: FileFormat,
    pub sample_type: SampleType,
    /// 0.0-1.0, used by FLAC and Ogg Vorbis.
    pub quality: f32,
    pub sample_rate: u32,
    pub channels: u16,
}

/// An open sound file. Runs on the writer thread (or the offline render
/// thread), never on the audio thread.
pub trait SoundWriter: Send {
    /// Appends frames, `interleaved.len()` a multiple of the channel count.
    fn write(&mut self, interleaved: &[f32]) -> io::Result<()>;
    /// Completes the file (header sizes, final blocks) and closes it.
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// The file name pyo's recordOptions and recstart use when none is given:
/// `rpyo_rec.wav` in the home folder (pyo writes `pyo_rec.wav`).
pub const DEFAULT_FILE_NAME: &str = "rpyo_rec.wav";

/// pyo's `recordOptions(dur, filename, fileformat, sampletype, quality)`:
/// what offline rendering and recording write.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordOptions {
    /// Seconds an offline render lasts; negative: not set (pyo's -1).
    /// Recording ignores it.
    pub dur: f64,
    /// The file; None: [`DEFAULT_FILE_NAME`] in the home folder.
    pub filename: Option<PathBuf>,
    /// The format used when the file name's extension names none; None
    /// (fileformat -1 in the C API): the extension must name one.
    pub fileformat: Option<FileFormat>,
    pub sampletype: SampleType,
    /// 0.0-1.0 (FLAC and Ogg Vorbis).
    pub quality: f32,
}

impl Default for RecordOptions {
    /// pyo's defaults: dur -1, no file name, WAV, 16-bit int, quality 0.4.
    fn default() -> Self {
        RecordOptions {
            dur: -1.0,
            filename: None,
            fileformat: Some(FileFormat::Wav),
            sampletype: SampleType::Int16,
            quality: 0.4,
        }
    }
}

impl RecordOptions {
    /// Options from pyo's numbers, each checked: `fileformat` -1 (none) or
    /// 0-7, `sampletype` 0-6, `quality` 0-1, `dur` not NaN (any negative
    /// value means "not set").
    pub fn from_pyo(dur: f64, filename: Option<&str>, fileformat: i32, sampletype: i32, quality: f64) -> Result<Self> {
        if dur.is_nan() || dur.is_infinite() {
            return Err(Error::invalid(format!("recordOptions: dur {dur} is not a duration in seconds")));
        }
        let fileformat = match fileformat {
            -1 => None,
            n => Some(FileFormat::from_index(n).ok_or_else(|| {
                Error::invalid(format!(
                    "recordOptions: fileformat {n} is out of range (0 WAV, 1 AIFF, 2 AU, 3 RAW, 4 SD2, 5 FLAC, \
                     6 CAF, 7 OGG; -1: from the file name's extension only)"
                ))
            })?),
        };
        let sampletype = SampleType::from_index(sampletype).ok_or_else(|| {
            Error::invalid(format!(
                "recordOptions: sampletype {sampletype} is out of range (0 int16, 1 int24, 2 int32, 3 float32, \
                 4 float64, 5 u-law, 6 a-law)"
            ))
        })?;
        if !(0.0..=1.0).contains(&quality) {
            return Err(Error::invalid(format!("recordOptions: quality {quality} is out of range (0.0 to 1.0)")));
        }
        if filename == Some("") {
            return Err(Error::invalid("recordOptions: filename is empty (pass none for the default)"));
        }
        Ok(RecordOptions {
            dur,
            filename: filename.map(PathBuf::from),
            fileformat,
            sampletype,
            quality: quality as f32,
        })
    }

    /// The file to create: `filename` (recstart's), else the options'
    /// file name, else rpyo_rec.wav in the home folder; its format from the
    /// extension first, then from `fileformat`. `what` prefixes errors.
    pub fn spec(&self, filename: Option<&Path>, sample_rate: f64, channels: usize, what: &str) -> Result<FileSpec> {
        let path = match filename.or(self.filename.as_deref()) {
            Some(p) => p.to_path_buf(),
            None => home_dir()
                .ok_or_else(|| {
                    Error::invalid(format!(
                        "{what}: no file name was given and the home folder is unknown (HOME is not set)"
                    ))
                })?
                .join(DEFAULT_FILE_NAME),
        };
        let format = FileFormat::from_extension(&path).or(self.fileformat).ok_or_else(|| {
            Error::invalid(format!(
                "{what}: '{}' has no known extension (.wav .aif .au .raw .sd2 .flac .caf .ogg ...) and no \
                 fileformat was set with recordOptions",
                path.display()
            ))
        })?;
        let channels = u16::try_from(channels)
            .map_err(|_| Error::invalid(format!("{what}: {channels} channels do not fit a sound file")))?;
        Ok(FileSpec {
            path,
            format,
            sample_type: self.sampletype,
            quality: self.quality,
            sample_rate: sample_rate.round() as u32,
            channels,
        })
    }
}

fn home_dir() -> Option<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    std::env::var_os(var).filter(|h| !h.is_empty()).map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_name_formats() {
        for (name, f) in [
            ("a.wav", Some(FileFormat::Wav)),
            ("a.WAVE", Some(FileFormat::Wav)),
            ("a.aifc", Some(FileFormat::Aiff)),
            ("a.snd", Some(FileFormat::Au)),
            ("a.oga", Some(FileFormat::Ogg)),
            ("a.flac", Some(FileFormat::Flac)),
            ("a", None),
            ("a.txt", None),
        ] {
            assert_eq!(FileFormat::from_extension(Path::new(name)), f, "{name}");
        }
    }

    #[test]
    fn the_extension_wins_then_fileformat() {
        let o = RecordOptions::from_pyo(1.0, None, 5, 1, 0.4).unwrap();
        let s = o.spec(Some(Path::new("/tmp/x.aiff")), 44100.0, 2, "recstart").unwrap();
        assert_eq!(
            (s.format, s.sample_type, s.channels, s.sample_rate),
            (FileFormat::Aiff, SampleType::Int24, 2, 44100)
        );
        assert_eq!(o.spec(Some(Path::new("/tmp/x")), 48000.0, 1, "recstart").unwrap().format, FileFormat::Flac);
        let none = RecordOptions::from_pyo(1.0, Some("/tmp/take"), -1, 0, 0.4).unwrap();
        let e = none.spec(None, 44100.0, 2, "recstart").unwrap_err();
        assert!(e.message.contains("/tmp/take") && e.message.contains("extension"), "{}", e.message);
    }

    #[test]
    fn no_file_name_is_rpyo_rec_wav_in_the_home_folder() {
        let Some(home) = home_dir() else { return };
        let s = RecordOptions::default().spec(None, 44100.0, 2, "recstart").unwrap();
        assert_eq!(s.path, home.join("rpyo_rec.wav"));
        assert_eq!((s.format, s.sample_type, s.quality), (FileFormat::Wav, SampleType::Int16, 0.4));
    }

    #[test]
    fn bad_numbers_are_named() {
        for (r, name) in [
            (RecordOptions::from_pyo(1.0, None, 8, 0, 0.4), "fileformat 8"),
            (RecordOptions::from_pyo(1.0, None, -2, 0, 0.4), "fileformat -2"),
            (RecordOptions::from_pyo(1.0, None, 0, 7, 0.4), "sampletype 7"),
            (RecordOptions::from_pyo(1.0, None, 0, 0, 1.5), "quality 1.5"),
            (RecordOptions::from_pyo(f64::NAN, None, 0, 0, 0.4), "dur NaN"),
        ] {
            let e = r.unwrap_err();
            assert_eq!(e.status, crate::error::Status::InvalidArgument);
            assert!(e.message.contains(name), "{name}: {}", e.message);
        }
    }
}
