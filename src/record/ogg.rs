//! Ogg Vorbis through the `vorbis_rs` crate (libvorbis/aoTuV and libogg,
//! built from vendored C by `cc`). Quality 0.0-1.0 is libvorbis's VBR
//! quality (0.0 about 64 kbit/s, 0.4 about 128 kbit/s, 1.0 about 500 kbit/s
//! for stereo 44.1 kHz). Vorbis codes floats, so the sample type is ignored;
//! samples pass as they are, unclipped, as libsndfile passes them.

use super::format::{check_frames, create_error};
use super::{FileSpec, SoundWriter};
use crate::error::{Error, Result, Status};
use std::fs::File;
use std::hash::{BuildHasher, Hasher};
use std::io::{self, BufWriter, Write};
use std::num::{NonZeroU32, NonZeroU8};
use vorbis_rs::{VorbisBitrateManagementStrategy, VorbisEncoder, VorbisEncoderBuilder};

/// Frames handed to libvorbis per call ("1024 is a reasonable choice").
const CHUNK: usize = 1024;

pub(crate) struct OggWriter {
    encoder: Option<Encoder>,
    channels: usize,
    planes: Vec<Vec<f32>>,
}

/// The encoder, movable to the writer thread.
struct Encoder(VorbisEncoder<BufWriter<File>>);

// SAFETY: the encoder owns its libvorbis/libogg state (heap structures
// reached through raw pointers, which is why it is not Send on its own);
// that state has no thread affinity (no thread-locals, no sharing), and
// `Encoder` is owned by one writer and used from one thread at a time.
unsafe impl Send for Encoder {}

fn to_io(e: vorbis_rs::VorbisError) -> io::Error {
    match e {
        vorbis_rs::VorbisError::Io(e) => e,
        e => io::Error::other(format!("recording: Vorbis encoder: {e}")),
    }
}

impl OggWriter {
    pub(crate) fn create(spec: &FileSpec) -> Result<OggWriter> {
        let channels = u8::try_from(spec.channels).ok().and_then(NonZeroU8::new).ok_or_else(|| {
            Error::new(
                Status::Unsupported,
                format!("recording: Ogg Vorbis holds 1-255 channels, not {}", spec.channels),
            )
        })?;
        let rate = NonZeroU32::new(spec.sample_rate)
            .ok_or_else(|| Error::new(Status::InvalidArgument, "recording: the sample rate must be positive"))?;
        let file = File::create(&spec.path).map_err(|e| create_error(&spec.path, e))?;
        // Ogg asks for a random stream serial number.
        let serial = std::collections::hash_map::RandomState::new().build_hasher().finish() as i32;
        let encoder =
            VorbisEncoderBuilder::new_with_serial(rate, channels, BufWriter::with_capacity(1 << 16, file), serial)
                .bitrate_management_strategy(VorbisBitrateManagementStrategy::QualityVbr {
                    target_quality: spec.quality.clamp(0.0, 1.0),
                })
                .build()
                .map_err(|e| match e {
                    vorbis_rs::VorbisError::Io(e) => create_error(&spec.path, e),
                    e => Error::new(
                        Status::Unsupported,
                        format!(
                            "recording: Ogg Vorbis cannot encode {} channels at {} Hz with quality {}: {e}",
                            spec.channels, spec.sample_rate, spec.quality
                        ),
                    ),
                })?;
        let channels = usize::from(channels.get());
        Ok(OggWriter { encoder: Some(Encoder(encoder)), channels, planes: vec![Vec::with_capacity(CHUNK); channels] })
    }
}

impl SoundWriter for OggWriter {
    fn write(&mut self, interleaved: &[f32]) -> io::Result<()> {
        check_frames(interleaved.len(), self.channels)?;
        let Some(Encoder(encoder)) = self.encoder.as_mut() else {
            return Err(io::Error::other("recording: the Vorbis encoder failed earlier"));
        };
        for chunk in interleaved.chunks(CHUNK * self.channels) {
            for (c, plane) in self.planes.iter_mut().enumerate() {
                plane.clear();
                plane.extend(chunk.iter().skip(c).step_by(self.channels));
            }
            if let Err(e) = encoder.encode_audio_block(&self.planes) {
                self.encoder = None;
                return Err(to_io(e));
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        let Some(Encoder(encoder)) = self.encoder.take() else {
            return Err(io::Error::other("recording: the Vorbis encoder failed earlier"));
        };
        let mut out = encoder.finish().map_err(to_io)?;
        out.flush()?;
        out.get_ref().sync_data()
    }
}
