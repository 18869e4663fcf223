//! FLAC through the pure-Rust `flacenc` crate, streamed one block at a time:
//! "fLaC" and a STREAMINFO block are written at open and rewritten by
//! `finish` with the sample count, frame sizes and MD5 signature.
//!
//! Quality follows libsndfile, for which quality q means compression level
//! 1 - q; every level codes 4096-frame blocks with LPC, of order 4 for
//! q > 2/3, 8 for 1/3 < q <= 2/3 (pyo's default 0.4; like `flac -5`), 12 for
//! q <= 1/3 (like `flac -8`). FLAC is lossless at every quality. (Fixed
//! predictors alone, as `flac -0` to `-2` use, made frames that symphonia's
//! FLAC demuxer drops after hard transients although libFLAC reads them.)

use super::format::{check_frames, create_error, to_int};
use super::{FileSpec, SampleType, SoundWriter};
use crate::error::{Error, Result, Status};
use flacenc::bitsink::MemSink;
use flacenc::component::{BitRepr, StreamInfo};
use flacenc::error::{Verified, Verify};
use flacenc::source::{Context, Fill, FrameBuf};
use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};

pub(crate) struct FlacWriter {
    out: BufWriter<File>,
    config: Verified<flacenc::config::Encoder>,
    info: StreamInfo,
    context: Context,
    framebuf: FrameBuf,
    block_size: usize,
    bits: u32,
    channels: usize,
    /// Interleaved samples of the block being filled.
    pending: Vec<i32>,
    frame_number: usize,
}

fn other(what: &str, e: impl std::fmt::Debug) -> io::Error {
    io::Error::other(format!("recording: FLAC encoder: {what}: {e:?}"))
}

impl FlacWriter {
    pub(crate) fn create(spec: &FileSpec) -> Result<FlacWriter> {
        let bits = if spec.sample_type == SampleType::Int24 { 24 } else { 16 };
        let channels = usize::from(spec.channels);
        if channels > flacenc::constant::MAX_CHANNELS {
            return Err(Error::new(
                Status::Unsupported,
                format!("recording: FLAC holds at most 8 channels, not {channels}"),
            ));
        }
        let info = StreamInfo::new(spec.sample_rate as usize, channels, bits as usize).map_err(|e| {
            Error::new(
                Status::Unsupported,
                format!(
                    "recording: FLAC at {} Hz is not supported (the flacenc encoder takes up to 96000 Hz): {e}",
                    spec.sample_rate
                ),
            )
        })?;
        let compression = 1.0 - spec.quality.clamp(0.0, 1.0);
        let mut config = flacenc::config::Encoder::default();
        config.multithread = false;
        config.block_size = 4096;
        config.subframe_coding.qlpc.lpc_order = if compression < 1.0 / 3.0 {
            4
        } else if compression < 2.0 / 3.0 {
            8
        } else {
            12
        };
        let block_size = config.block_size;
        let config = config
            .into_verified()
            .map_err(|(_, e)| Error::new(Status::Unsupported, format!("recording: FLAC encoder settings: {e}")))?;
        let framebuf = FrameBuf::with_size(channels, block_size)
            .map_err(|e| Error::new(Status::Unsupported, format!("recording: FLAC frame buffer: {e}")))?;
        let file = File::create(&spec.path).map_err(|e| create_error(&spec.path, e))?;
        let mut w = FlacWriter {
            out: BufWriter::with_capacity(1 << 16, file),
            config,
            info,
            context: Context::new(bits as usize, channels),
            framebuf,
            block_size,
            bits,
            channels,
            pending: Vec::with_capacity(block_size * channels),
            frame_number: 0,
        };
        let header = w.header().map_err(|e| create_error(&spec.path, e))?;
        w.out.write_all(&header).map_err(|e| create_error(&spec.path, e))?;
        Ok(w)
    }

    /// "fLaC" and the STREAMINFO block, marked as the last metadata block.
    fn header(&self) -> io::Result<Vec<u8>> {
        let mut sink = MemSink::<u8>::new();
        self.info.write(&mut sink).map_err(|e| other("STREAMINFO", e))?;
        let body = sink.into_inner();
        let mut h = b"fLaC".to_vec();
        h.extend_from_slice(&[0x80, 0, 0, body.len() as u8]);
        h.extend_from_slice(&body);
        Ok(h)
    }

    /// Encodes the pending samples (a whole block, or the last partial one).
    fn flush_block(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        self.framebuf.fill_interleaved(&self.pending).map_err(|e| other("samples", e))?;
        self.context.fill_interleaved(&self.pending).map_err(|e| other("samples", e))?;
        let frame = flacenc::encode_fixed_size_frame(&self.config, &self.framebuf, self.frame_number, &self.info)
            .map_err(|e| other("frame", e))?;
        let mut sink = MemSink::<u8>::new();
        frame.write(&mut sink).map_err(|e| other("frame", e))?;
        self.out.write_all(sink.as_slice())?;
        self.info.update_frame_info(&frame);
        self.frame_number += 1;
        self.pending.clear();
        Ok(())
    }
}

impl SoundWriter for FlacWriter {
    fn write(&mut self, interleaved: &[f32]) -> io::Result<()> {
        check_frames(interleaved.len(), self.channels)?;
        let block = self.block_size * self.channels;
        for chunk in interleaved.chunks(self.channels) {
            self.pending.extend(chunk.iter().map(|&x| to_int(x, self.bits)));
            if self.pending.len() == block {
                self.flush_block()?;
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.flush_block()?;
        // A stream of fixed-size blocks states that size as both minimum and
        // maximum (the last block may be shorter), as the reference encoder does.
        self.info.set_block_sizes(self.block_size, self.block_size).map_err(|e| other("block size", e))?;
        if self.frame_number == 0 {
            self.info.set_frame_sizes(0, 0).map_err(|e| other("frame size", e))?;
        }
        self.info.set_md5_digest(&self.context.md5_digest());
        let header = self.header()?;
        self.out.seek(SeekFrom::Start(0))?;
        self.out.write_all(&header)?;
        self.out.flush()?;
        self.out.get_ref().sync_data()
    }
}
