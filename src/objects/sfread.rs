//! Sound file reading (WAV, AIFF, FLAC, Ogg Vorbis) with symphonia, on the
//! control thread (SndTable) or on a player's worker thread (SfPlayer).
//! Never called from the audio thread.
//!
//! Samples come out as f32 the way libsndfile gives them to pyo: integer
//! PCM divided by 2^(bits-1) (16-bit: s/32768), float PCM unchanged.

use crate::error::{Error, Result};
use std::fs::File;
use std::path::Path;
use symphonia::core::audio::SampleBuffer;
use symphonia::core::codecs::{Decoder, DecoderOptions, CODEC_TYPE_NULL};
use symphonia::core::errors::Error as SymError;
use symphonia::core::formats::{FormatOptions, FormatReader, SeekMode, SeekTo};
use symphonia::core::io::MediaSourceStream;
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

/// An open sound file, decoded packet by packet, with random access by
/// frame (sequential reads cost one decode; a jump costs a seek).
pub struct SoundFile {
    path: String,
    format: Box<dyn FormatReader>,
    decoder: Box<dyn Decoder>,
    track: u32,
    /// Channels, sampling rate, frames (when the header says).
    pub channels: usize,
    pub sr: f64,
    pub frames: Option<u64>,
    /// The last decoded packet, interleaved, and the frame it starts at.
    buf: Vec<f32>,
    buf_first: u64,
    /// Frame that the next decoded packet starts at.
    next: u64,
    eof: bool,
}

fn err(path: &str, e: impl std::fmt::Display) -> Error {
    Error::invalid(format!("sound file '{path}': {e}"))
}

impl SoundFile {
    pub fn open(path: &str) -> Result<SoundFile> {
        let file = File::open(path).map_err(|e| Error::not_found(format!("sound file '{path}': {e}")))?;
        let mss = MediaSourceStream::new(Box::new(file), Default::default());
        let mut hint = Hint::new();
        if let Some(ext) = Path::new(path).extension().and_then(|e| e.to_str()) {
            hint.with_extension(ext);
        }
        let probed = symphonia::default::get_probe()
            .format(&hint, mss, &FormatOptions::default(), &MetadataOptions::default())
            .map_err(|e| err(path, e))?;
        let format = probed.format;
        let track = format
            .tracks()
            .iter()
            .find(|t| t.codec_params.codec != CODEC_TYPE_NULL)
            .ok_or_else(|| err(path, "no audio track"))?;
        let params = track.codec_params.clone();
        let track_id = track.id;
        let decoder =
            symphonia::default::get_codecs().make(&params, &DecoderOptions::default()).map_err(|e| err(path, e))?;
        let channels = params.channels.map(|c| c.count()).unwrap_or(1).max(1);
        let sr = params.sample_rate.ok_or_else(|| err(path, "unknown sampling rate"))? as f64;
        Ok(SoundFile {
            path: path.to_string(),
            format,
            decoder,
            track: track_id,
            channels,
            sr,
            frames: params.n_frames,
            buf: Vec::new(),
            buf_first: 0,
            next: 0,
            eof: false,
        })
    }

    /// Decodes the next packet into `buf`; false at the end of the file.
    fn decode_next(&mut self) -> Result<bool> {
        loop {
            let packet = match self.format.next_packet() {
                Ok(p) => p,
                Err(SymError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    self.eof = true;
                    return Ok(false);
                }
                Err(e) => return Err(err(&self.path, e)),
            };
            if packet.track_id() != self.track {
                continue;
            }
            let first = packet.ts();
            match self.decoder.decode(&packet) {
                Ok(decoded) => {
                    let mut sb = SampleBuffer::<f32>::new(decoded.capacity() as u64, *decoded.spec());
                    sb.copy_interleaved_ref(decoded);
                    self.buf.clear();
                    self.buf.extend_from_slice(sb.samples());
                    self.buf_first = first;
                    self.next = first + (self.buf.len() / self.channels) as u64;
                    return Ok(true);
                }
                Err(SymError::DecodeError(_)) => continue,
                Err(e) => return Err(err(&self.path, e)),
            }
        }
    }

    /// Positions the reader so that the packet holding `frame` is next.
    fn seek(&mut self, frame: u64) -> Result<()> {
        self.decoder.reset();
        self.eof = false;
        match self.format.seek(SeekMode::Accurate, SeekTo::TimeStamp { ts: frame, track_id: self.track }) {
            Ok(to) => {
                self.next = to.actual_ts;
                self.buf.clear();
                self.buf_first = to.actual_ts;
                Ok(())
            }
            Err(_) => {
                // Reopen and decode from the start.
                let again = SoundFile::open(&self.path)?;
                *self = again;
                Ok(())
            }
        }
    }

    /// Copies frames `first..first + n` (interleaved, `n * channels`
    /// samples) into `out`; frames past the end are zeros. Returns the
    /// frames that exist.
    pub fn read(&mut self, first: u64, out: &mut [f32]) -> Result<usize> {
        let ch = self.channels;
        let n = out.len() / ch;
        let mut done = 0;
        let buf_frames = |s: &SoundFile| (s.buf.len() / ch) as u64;
        if first < self.buf_first || first > self.next + 4096 {
            self.seek(first)?;
        }
        while done < n {
            let f = first + done as u64;
            if f >= self.buf_first && f < self.buf_first + buf_frames(self) {
                let at = (f - self.buf_first) as usize;
                let take = (n - done).min(buf_frames(self) as usize - at);
                out[done * ch..(done + take) * ch].copy_from_slice(&self.buf[at * ch..(at + take) * ch]);
                done += take;
                continue;
            }
            if self.eof || !self.decode_next()? {
                break;
            }
        }
        let real = done;
        out[done * ch..].iter_mut().for_each(|x| *x = 0.0);
        Ok(real)
    }

    /// Every frame of the file, interleaved.
    pub fn read_all(&mut self) -> Result<Vec<f32>> {
        let mut all = Vec::with_capacity(self.frames.unwrap_or(0) as usize * self.channels);
        if self.buf_first != 0 || !self.buf.is_empty() {
            self.seek(0)?;
        }
        while self.decode_next()? {
            all.extend_from_slice(&self.buf);
        }
        Ok(all)
    }
}

impl SoundFile {
    /// Every frame of one channel (`chnl` < channels): a multichannel
    /// SndTable decodes the file once per channel, keeping only its own.
    pub fn read_channel(&mut self, chnl: usize) -> Result<Vec<f32>> {
        let ch = self.channels.max(1);
        let mut one = Vec::with_capacity(self.frames.unwrap_or(0) as usize);
        if self.buf_first != 0 || !self.buf.is_empty() {
            self.seek(0)?;
        }
        while self.decode_next()? {
            one.extend(self.buf.iter().skip(chnl).step_by(ch));
        }
        Ok(one)
    }
}

/// Channels, sampling rate and the frame count of a file. The count is
/// what decoding gives, not the header's (symphonia 0.5 counts AIFF's
/// 8-byte SSND header as 4 more frames, and its packets say so too).
pub fn info(path: &str) -> Result<(usize, f64, u64)> {
    let mut f = SoundFile::open(path)?;
    let mut frames = 0u64;
    while f.decode_next()? {
        frames += (f.buf.len() / f.channels) as u64;
    }
    Ok((f.channels, f.sr, frames))
}
