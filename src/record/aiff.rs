//! AIFF through the `aifc` crate: plain AIFF for 16/24/32-bit integers,
//! AIFF-C ('fl32', 'fl64', 'ulaw', 'alaw') for the others, as libsndfile
//! writes them.

use super::format::{check_frames, create_error, to_int};
use super::{FileSpec, SampleType, SoundWriter};
use crate::error::{Error, Result, Status};
use std::fs::File;
use std::io::{self, BufWriter, Write};

pub(crate) struct AiffWriter {
    inner: aifc::AifcWriter<BufWriter<File>>,
    sample_type: SampleType,
    channels: usize,
    wrote_samples: bool,
    ints: Vec<i32>,
    shorts: Vec<i16>,
    doubles: Vec<f64>,
}

fn to_io(e: aifc::AifcError) -> io::Error {
    match e {
        aifc::AifcError::StdIoError(e) => e,
        e => io::Error::other(format!("recording: AIFF writer: {e:?}")),
    }
}

impl AiffWriter {
    pub(crate) fn create(spec: &FileSpec) -> Result<AiffWriter> {
        let (file_format, sample_format) = match spec.sample_type {
            SampleType::Int16 => (aifc::FileFormat::Aiff, aifc::SampleFormat::I16),
            SampleType::Int24 => (aifc::FileFormat::Aiff, aifc::SampleFormat::I24),
            SampleType::Int32 => (aifc::FileFormat::Aiff, aifc::SampleFormat::I32),
            SampleType::Float32 => (aifc::FileFormat::Aifc, aifc::SampleFormat::F32),
            SampleType::Float64 => (aifc::FileFormat::Aifc, aifc::SampleFormat::F64),
            SampleType::ULaw => (aifc::FileFormat::Aifc, aifc::SampleFormat::CompressedUlaw),
            SampleType::ALaw => (aifc::FileFormat::Aifc, aifc::SampleFormat::CompressedAlaw),
        };
        let channels = i16::try_from(spec.channels).map_err(|_| {
            Error::new(
                Status::InvalidArgument,
                format!("recording: AIFF holds at most 32767 channels, not {}", spec.channels),
            )
        })?;
        let info =
            aifc::AifcWriteInfo { file_format, channels, sample_rate: f64::from(spec.sample_rate), sample_format };
        let file = File::create(&spec.path).map_err(|e| create_error(&spec.path, e))?;
        let inner = aifc::AifcWriter::new(BufWriter::with_capacity(1 << 16, file), &info)
            .map_err(|e| create_error(&spec.path, to_io(e)))?;
        Ok(AiffWriter {
            inner,
            sample_type: spec.sample_type,
            channels: usize::from(spec.channels),
            wrote_samples: false,
            ints: Vec::new(),
            shorts: Vec::new(),
            doubles: Vec::new(),
        })
    }
}

impl SoundWriter for AiffWriter {
    fn write(&mut self, interleaved: &[f32]) -> io::Result<()> {
        check_frames(interleaved.len(), self.channels)?;
        if interleaved.is_empty() {
            return Ok(());
        }
        self.wrote_samples = true;
        match self.sample_type {
            SampleType::Int16 | SampleType::ULaw | SampleType::ALaw => {
                // The crate encodes µ-law and A-law from 16-bit values (G.711).
                self.shorts.clear();
                self.shorts.extend(interleaved.iter().map(|&x| to_int(x, 16) as i16));
                self.inner.write_samples_i16(&self.shorts)
            }
            SampleType::Int24 => {
                self.ints.clear();
                self.ints.extend(interleaved.iter().map(|&x| to_int(x, 24)));
                self.inner.write_samples_i24(&self.ints)
            }
            SampleType::Int32 => {
                self.ints.clear();
                self.ints.extend(interleaved.iter().map(|&x| to_int(x, 32)));
                self.inner.write_samples_i32(&self.ints)
            }
            SampleType::Float32 => self.inner.write_samples_f32(interleaved),
            SampleType::Float64 => {
                self.doubles.clear();
                self.doubles.extend(interleaved.iter().map(|&x| f64::from(x)));
                self.inner.write_samples_f64(&self.doubles)
            }
        }
        .map_err(to_io)
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        if !self.wrote_samples {
            // The crate writes no SSND chunk for no samples, which AIFF allows
            // but symphonia (SfPlayer's reader) refuses: write an empty one.
            self.inner.write_chunk(b"SSND", &[0; 8]).map_err(to_io)?;
        }
        self.inner.finalize().map_err(to_io)?;
        let mut out = self.inner.into_inner();
        out.flush()?;
        out.get_ref().sync_data()
    }
}
