//! The file writers, one per format, behind [`open`].

use super::{FileFormat, FileSpec, SampleType, SoundWriter};
use crate::error::{Error, Result};
use std::io;

/// Opens a writer for `spec`, or an error naming a combination no writer
/// supports.
pub fn open(spec: &FileSpec) -> Result<Box<dyn SoundWriter>> {
    match (spec.format, spec.sample_type) {
        (FileFormat::Wav, SampleType::Int16 | SampleType::Int24 | SampleType::Int32 | SampleType::Float32) => {
            Ok(Box::new(WavWriter::create(spec)?))
        }
        (f, t) => Err(Error::new(
            crate::error::Status::Unsupported,
            format!("recording: {f:?} with sample type {t:?} is not supported"),
        )),
    }
}

/// WAV through hound.
struct WavWriter {
    inner: hound::WavWriter<io::BufWriter<std::fs::File>>,
    sample_type: SampleType,
}

impl WavWriter {
    fn create(spec: &FileSpec) -> Result<WavWriter> {
        let (bits_per_sample, sample_format) = match spec.sample_type {
            SampleType::Int16 => (16, hound::SampleFormat::Int),
            SampleType::Int24 => (24, hound::SampleFormat::Int),
            SampleType::Int32 => (32, hound::SampleFormat::Int),
            _ => (32, hound::SampleFormat::Float),
        };
        let wav =
            hound::WavSpec { channels: spec.channels, sample_rate: spec.sample_rate, bits_per_sample, sample_format };
        let inner = hound::WavWriter::create(&spec.path, wav).map_err(|e| {
            Error::new(crate::error::Status::Io, format!("recording: cannot create '{}': {e}", spec.path.display()))
        })?;
        Ok(WavWriter { inner, sample_type: spec.sample_type })
    }
}

fn to_io(e: hound::Error) -> io::Error {
    match e {
        hound::Error::IoError(e) => e,
        e => io::Error::other(e.to_string()),
    }
}

impl SoundWriter for WavWriter {
    fn write(&mut self, interleaved: &[f32]) -> io::Result<()> {
        for &x in interleaved {
            let x = x.clamp(-1.0, 1.0);
            match self.sample_type {
                SampleType::Int16 => self.inner.write_sample((x * 32767.0) as i16),
                SampleType::Int24 => self.inner.write_sample((x * 8_388_607.0) as i32),
                SampleType::Int32 => self.inner.write_sample((f64::from(x) * 2_147_483_647.0) as i32),
                _ => self.inner.write_sample(x),
            }
            .map_err(to_io)?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        self.inner.finalize().map_err(to_io)
    }
}
