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
//!
//! flacenc refuses rates above 96 kHz in STREAMINFO; FLAC itself states
//! rates up to 655350 Hz in frame headers, so above 96 kHz the frames are
//! encoded at a stand-in rate and written under a header stating the real
//! one, and the real rate is written into STREAMINFO.

use super::format::{check_frames, create_error, to_int};
use super::{FileSpec, SampleType, SoundWriter};
use crate::error::{Error, Result, Status};
use flacenc::bitsink::MemSink;
use flacenc::component::{BitRepr, ChannelAssignment, FrameOffset, StreamInfo};
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
    sample_rate: u32,
}

/// The rate flacenc encodes with when the real one is above what it takes.
const HIGH_RATE_STAND_IN: u32 = 96_000;

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
        // flacenc's STREAMINFO takes at most 96000 Hz, although FLAC frame
        // headers state rates up to 655350 Hz: above 96 kHz, encode with a
        // stand-in rate and write the real one into STREAMINFO and each frame
        // header.
        let rate = spec.sample_rate;
        let refuse = |why: String| {
            Error::new(Status::Unsupported, format!("recording: FLAC at {rate} Hz is not supported: {why}"))
        };
        let stated = flacenc::component::FrameHeader::new(
            4096,
            ChannelAssignment::Independent(1),
            16,
            rate as usize,
            FrameOffset::Frame(0),
        );
        if rate > HIGH_RATE_STAND_IN && stated.is_err() {
            return Err(refuse(
                "a FLAC frame header states whole kHz up to 255 kHz, tens of Hz up to 655350 Hz, or Hz up to 65535 Hz"
                    .into(),
            ));
        }
        let info = StreamInfo::new(rate.min(HIGH_RATE_STAND_IN) as usize, channels, bits as usize)
            .map_err(|e| refuse(e.to_string()))?;
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
            sample_rate: rate,
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
        let mut body = body;
        if self.sample_rate > HIGH_RATE_STAND_IN {
            // STREAMINFO bytes 10-12: the 20-bit sample rate, then channels and bits.
            let r = self.sample_rate;
            body[10] = (r >> 12) as u8;
            body[11] = (r >> 4) as u8;
            body[12] = (body[12] & 0x0F) | ((r & 0x0F) << 4) as u8;
        }
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
        let mut frame = flacenc::encode_fixed_size_frame(&self.config, &self.framebuf, self.frame_number, &self.info)
            .map_err(|e| other("frame", e))?;
        if self.sample_rate > HIGH_RATE_STAND_IN {
            // The same frame under a header stating the real rate (its CRCs
            // are computed when it is written).
            let block = frame.block_size();
            let (header, subframes) = frame.into_parts();
            let header = flacenc::component::FrameHeader::new(
                block,
                header.channel_assignment().clone(),
                self.bits as usize,
                self.sample_rate as usize,
                FrameOffset::Frame(self.frame_number as u32),
            )
            .map_err(|e| other("frame header", e))?;
            frame = flacenc::component::Frame::new(header, subframes.into_iter()).map_err(|e| other("frame", e))?;
        }
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
