//! Recording and offline files: the sound-file writers ([`format`]) and the
//! writer thread that owns the file while the audio thread only fills a ring
//! buffer.

pub mod format;

mod aiff;
mod flac;
mod ogg;
mod pcm;

use std::io;
use std::path::PathBuf;

pub use format::{check_supported, format_from_extension, open};

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
