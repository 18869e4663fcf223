//! Uncompressed files with small hand-written headers: WAV (little-endian
//! RIFF), AU (Sun/NeXT .snd, big-endian), CAF (Core Audio Format, big-endian
//! samples) and RAW (headerless, little-endian like libsndfile's default on
//! x86). The header is written at open and rewritten, at the same length,
//! with the data size by `finish`. Until then AU says "size unknown, read to
//! the end of the file", so a recording whose process died before `finish`
//! still opens; WAV and CAF say 0 (CAF's -1 for unknown is in Apple's spec,
//! but neither libsndfile nor symphonia reads it).

use super::format::{bytes_per_sample, check_frames, create_error, encode};
use super::{FileFormat, FileSpec, SampleType, SoundWriter};
use crate::error::Result;
use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::PathBuf;

pub(crate) struct PcmWriter {
    out: BufWriter<File>,
    path: PathBuf,
    format: FileFormat,
    sample_type: SampleType,
    sample_rate: u32,
    channels: u16,
    /// Bytes of samples written so far.
    data_len: u64,
    header_len: usize,
    scratch: Vec<u8>,
}

/// The largest data size a header can hold: RIFF and AU sizes are 32-bit.
fn max_data_len(format: FileFormat, header_len: usize) -> u64 {
    match format {
        // RIFF size = header - 8 + data (+ pad byte) must fit in u32.
        FileFormat::Wav => u64::from(u32::MAX) - header_len as u64,
        FileFormat::Au => u64::from(u32::MAX) - 1,
        _ => u64::MAX / 2,
    }
}

impl PcmWriter {
    pub(crate) fn create(spec: &FileSpec) -> Result<PcmWriter> {
        let file = File::create(&spec.path).map_err(|e| create_error(&spec.path, e))?;
        let mut w = PcmWriter {
            out: BufWriter::with_capacity(1 << 16, file),
            path: spec.path.clone(),
            format: spec.format,
            sample_type: spec.sample_type,
            sample_rate: spec.sample_rate,
            channels: spec.channels,
            data_len: 0,
            header_len: 0,
            scratch: Vec::new(),
        };
        let header = w.header(None);
        w.header_len = header.len();
        w.out.write_all(&header).map_err(|e| create_error(&spec.path, e))?;
        Ok(w)
    }

    fn big_endian(&self) -> bool {
        matches!(self.format, FileFormat::Au | FileFormat::Caf)
    }

    /// The header for `data_len` bytes of samples (None: not known yet).
    fn header(&self, data_len: Option<u64>) -> Vec<u8> {
        match self.format {
            FileFormat::Wav => wav_header(self.sample_type, self.sample_rate, self.channels, data_len),
            FileFormat::Au => au_header(self.sample_type, self.sample_rate, self.channels, data_len),
            FileFormat::Caf => caf_header(self.sample_type, self.sample_rate, self.channels, data_len),
            _ => Vec::new(),
        }
    }
}

impl SoundWriter for PcmWriter {
    fn write(&mut self, interleaved: &[f32]) -> io::Result<()> {
        check_frames(interleaved.len(), usize::from(self.channels))?;
        self.scratch.clear();
        encode(self.sample_type, self.big_endian(), interleaved, &mut self.scratch);
        let len = self.data_len + self.scratch.len() as u64;
        if len > max_data_len(self.format, self.header_len) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "recording: '{}' would pass the {} format's 4 GiB size limit",
                    self.path.display(),
                    super::format::format_name(self.format)
                ),
            ));
        }
        self.out.write_all(&self.scratch)?;
        self.data_len = len;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        if self.format == FileFormat::Wav && self.data_len % 2 == 1 {
            // RIFF chunks are padded to even sizes; the pad is not counted in the data size.
            self.out.write_all(&[0])?;
        }
        let header = self.header(Some(self.data_len));
        if !header.is_empty() {
            self.out.seek(SeekFrom::Start(0))?;
            self.out.write_all(&header)?;
        }
        self.out.flush()?;
        self.out.get_ref().sync_data()
    }
}

/// The subformat GUID's tail after the 16-bit format tag (KSDATAFORMAT_SUBTYPE_*).
const GUID_TAIL: [u8; 14] = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

/// A RIFF WAVE header: PCM (tag 1), IEEE float (3), A-law (6), µ-law (7),
/// WAVE_FORMAT_EXTENSIBLE for PCM with more than 2 channels or more than 16
/// bits (as hound does) and for float with more than 2 channels (hound makes
/// every float file extensible; mono and stereo float keep tag 3 here, as
/// libsndfile writes them, which more readers know); a fact chunk for every
/// non-PCM format.
fn wav_header(st: SampleType, rate: u32, channels: u16, data_len: Option<u64>) -> Vec<u8> {
    let data_len = data_len.unwrap_or(0);
    let bytes = bytes_per_sample(st) as u16;
    let bits = bytes * 8;
    let tag: u16 = match st {
        SampleType::Int16 | SampleType::Int24 | SampleType::Int32 => 1,
        SampleType::Float32 | SampleType::Float64 => 3,
        SampleType::ALaw => 6,
        SampleType::ULaw => 7,
    };
    let extensible = (tag == 1 && (channels > 2 || bits > 16)) || (tag == 3 && channels > 2);
    let block_align = bytes * channels;
    let frames = data_len / u64::from(block_align.max(1));
    let mut fmt = Vec::with_capacity(40);
    fmt.extend_from_slice(&if extensible { 0xFFFEu16 } else { tag }.to_le_bytes());
    fmt.extend_from_slice(&channels.to_le_bytes());
    fmt.extend_from_slice(&rate.to_le_bytes());
    fmt.extend_from_slice(&(rate.wrapping_mul(u32::from(block_align))).to_le_bytes());
    fmt.extend_from_slice(&block_align.to_le_bytes());
    fmt.extend_from_slice(&bits.to_le_bytes());
    if extensible {
        // The first `channels` speakers; at most the 18 defined ones, as hound does.
        let mask: u32 = (1u32 << channels.min(18)) - 1;
        fmt.extend_from_slice(&22u16.to_le_bytes());
        fmt.extend_from_slice(&bits.to_le_bytes());
        fmt.extend_from_slice(&mask.to_le_bytes());
        fmt.extend_from_slice(&tag.to_le_bytes());
        fmt.extend_from_slice(&GUID_TAIL);
    } else if tag != 1 {
        fmt.extend_from_slice(&0u16.to_le_bytes());
    }
    let fact = tag != 1;
    let header_len = 12 + 8 + fmt.len() + if fact { 12 } else { 0 } + 8;
    let riff_len = (header_len as u64 - 8 + data_len + data_len % 2).min(u64::from(u32::MAX)) as u32;
    let mut h = Vec::with_capacity(header_len);
    h.extend_from_slice(b"RIFF");
    h.extend_from_slice(&riff_len.to_le_bytes());
    h.extend_from_slice(b"WAVEfmt ");
    h.extend_from_slice(&(fmt.len() as u32).to_le_bytes());
    h.extend_from_slice(&fmt);
    if fact {
        h.extend_from_slice(b"fact");
        h.extend_from_slice(&4u32.to_le_bytes());
        h.extend_from_slice(&(frames.min(u64::from(u32::MAX)) as u32).to_le_bytes());
    }
    h.extend_from_slice(b"data");
    h.extend_from_slice(&(data_len.min(u64::from(u32::MAX)) as u32).to_le_bytes());
    h
}

/// A Sun/NeXT AU header (24 bytes, big-endian): encoding 1 µ-law, 3/4/5
/// 16/24/32-bit int, 6 float, 7 double, 27 A-law.
fn au_header(st: SampleType, rate: u32, channels: u16, data_len: Option<u64>) -> Vec<u8> {
    let encoding: u32 = match st {
        SampleType::ULaw => 1,
        SampleType::Int16 => 3,
        SampleType::Int24 => 4,
        SampleType::Int32 => 5,
        SampleType::Float32 => 6,
        SampleType::Float64 => 7,
        SampleType::ALaw => 27,
    };
    // 0xffffffff means "unknown size" to readers.
    let size = data_len.and_then(|n| u32::try_from(n).ok()).unwrap_or(u32::MAX);
    let mut h = Vec::with_capacity(24);
    for v in [0x2e73_6e64, 24, size, encoding, rate, u32::from(channels)] {
        h.extend_from_slice(&u32::to_be_bytes(v));
    }
    h
}

/// A CAF header: 'caff' file header, 'desc' chunk (an AudioStreamBasicDescription:
/// 'lpcm' big-endian integer or float, 'ulaw', 'alaw'), then the 'data'
/// chunk's header and edit count. 68 bytes.
fn caf_header(st: SampleType, rate: u32, channels: u16, data_len: Option<u64>) -> Vec<u8> {
    let (id, flags): (&[u8; 4], u32) = match st {
        SampleType::ULaw => (b"ulaw", 0),
        SampleType::ALaw => (b"alaw", 0),
        SampleType::Float32 | SampleType::Float64 => (b"lpcm", 1), // kCAFLinearPCMFormatFlagIsFloat
        _ => (b"lpcm", 0),
    };
    let bytes = bytes_per_sample(st) as u32;
    let mut h = Vec::with_capacity(68);
    h.extend_from_slice(b"caff");
    h.extend_from_slice(&1u16.to_be_bytes());
    h.extend_from_slice(&0u16.to_be_bytes());
    h.extend_from_slice(b"desc");
    h.extend_from_slice(&32i64.to_be_bytes());
    h.extend_from_slice(&f64::from(rate).to_be_bytes());
    h.extend_from_slice(id);
    for v in [flags, bytes * u32::from(channels), 1, u32::from(channels), bytes * 8] {
        h.extend_from_slice(&v.to_be_bytes());
    }
    h.extend_from_slice(b"data");
    // Not -1 ("to the end of the file") while unknown: Apple's spec allows it,
    // but neither libsndfile nor symphonia reads it.
    h.extend_from_slice(&(4 + data_len.unwrap_or(0) as i64).to_be_bytes());
    h.extend_from_slice(&0u32.to_be_bytes()); // edit count
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lengths_do_not_depend_on_the_data_size() {
        for st in [SampleType::Int16, SampleType::Int24, SampleType::Float64, SampleType::ULaw] {
            for ch in [1, 2, 6] {
                assert_eq!(wav_header(st, 44100, ch, None).len(), wav_header(st, 44100, ch, Some(12345)).len());
            }
        }
        assert_eq!(wav_header(SampleType::Int16, 44100, 2, None).len(), 44);
        assert_eq!(au_header(SampleType::Int16, 44100, 2, None).len(), 24);
        assert_eq!(caf_header(SampleType::Int16, 44100, 2, None).len(), 68);
    }
}
