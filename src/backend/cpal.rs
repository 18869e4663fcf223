//! Sound cards through cpal (feature `cpal`): audio='portaudio', 'pa' and
//! 'coreaudio' open cpal's default host (ALSA, CoreAudio, WASAPI).
//!
//! Devices are numbered as pyo's pa_list_devices numbers them: one index
//! per device, which may have inputs, outputs or both. cpal gives an input
//! and an output stream; the output callback drives the engine through the
//! embedded mode's process path (`process_interleaved`, any frame count) and
//! takes its input from a lock-free ring the input callback fills. Device
//! channels `offset .. offset + n` are the server's channels `0 .. n`.
//!
//! The streams are built at boot (so a missing device is a boot error) on a
//! helper thread bounded by [`OPEN_TIMEOUT`], and run until shutdown; while
//! the server is stopped the engine writes silence. Stream errors and xruns
//! are counted ([`ServerInner::cpal_stats`]) and logged by a monitor thread
//! (never from the audio callback).

use crate::engine::shared::{wall_us, EngineShared};
use crate::error::{Error, Result, Status};
use crate::server::config::ServerConfig;
use crate::server::log::LogLevel;
use crate::server::ServerInner;
use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{FromSample, SampleFormat, SizedSample, StreamConfig, SupportedBufferSize};
use crossbeam_queue::ArrayQueue;
use ringbuf::traits::{Consumer, Observer, Producer, Split};
use ringbuf::HeapRb;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Weak};
use std::time::Duration;

/// Longest time boot waits for the device to open.
pub const OPEN_TIMEOUT: Duration = Duration::from_secs(10);
/// Frames the output callback hands to the engine at once (device buffers
/// longer than this are processed in several calls).
const CHUNK: usize = 4096;

/// One audio device as pa_list_devices shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct AudioDevice {
    /// Its index (setInputDevice, setOutputDevice, setInOutDevice).
    pub index: usize,
    pub name: String,
    /// Most input channels (0: not an input).
    pub max_input_channels: u16,
    /// Most output channels (0: not an output).
    pub max_output_channels: u16,
    /// The default sampling rate of its input, of its output.
    pub default_input_sr: Option<u32>,
    pub default_output_sr: Option<u32>,
}

/// Counters of the running streams.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CpalStats {
    /// Output callbacks so far.
    pub callbacks: u64,
    /// Frames the output callbacks asked for.
    pub frames: u64,
    /// Frames of the last output callback.
    pub last_frames: u64,
    /// Errors the streams reported (xruns included).
    pub stream_errors: u64,
    /// Xruns the streams reported.
    pub xruns: u64,
    /// Output frames that found no input in the ring (duplex): filled with 0.
    pub input_underruns: u64,
    /// Input frames dropped because the ring was full.
    pub input_overruns: u64,
}

#[derive(Default)]
struct Counters {
    callbacks: AtomicU64,
    frames: AtomicU64,
    last_frames: AtomicU64,
    stream_errors: AtomicU64,
    xruns: AtomicU64,
    input_underruns: AtomicU64,
    input_overruns: AtomicU64,
}

impl Counters {
    fn snapshot(&self) -> CpalStats {
        let l = |a: &AtomicU64| a.load(Ordering::Relaxed);
        CpalStats {
            callbacks: l(&self.callbacks),
            frames: l(&self.frames),
            last_frames: l(&self.last_frames),
            stream_errors: l(&self.stream_errors),
            xruns: l(&self.xruns),
            input_underruns: l(&self.input_underruns),
            input_overruns: l(&self.input_overruns),
        }
    }
}

fn host() -> cpal::Host {
    cpal::default_host()
}

fn backend_error(what: &str, e: impl std::fmt::Display) -> Error {
    Error::new(Status::Io, format!("{what}: {e}"))
}

/// The device's name (its description), else its id: never panics (cpal's
/// Display of a device that vanished returns an error).
fn device_name(d: &cpal::Device) -> String {
    match d.description() {
        Ok(desc) => desc.name().to_string(),
        Err(_) => d.id().map(|id| id.id().to_string()).unwrap_or_else(|_| "(unnamed device)".into()),
    }
}

/// The host's devices in pyo's numbering; the default device comes first
/// when the host's list does not hold it.
fn devices() -> Result<Vec<cpal::Device>> {
    let h = host();
    let mut list: Vec<cpal::Device> =
        h.devices().map_err(|e| backend_error("pa_list_devices: cannot list the audio devices", e))?.collect();
    for d in [h.default_output_device(), h.default_input_device()].into_iter().flatten() {
        if !list.contains(&d) {
            list.insert(0, d);
        }
    }
    Ok(list)
}

fn max_channels(ranges: Option<impl Iterator<Item = cpal::SupportedStreamConfigRange>>) -> u16 {
    ranges.map(|r| r.map(|c| c.channels()).max().unwrap_or(0)).unwrap_or(0)
}

/// pyo's pa_list_devices as data: every device, numbered.
pub fn list_devices() -> Result<Vec<AudioDevice>> {
    Ok(devices()?
        .iter()
        .enumerate()
        .map(|(index, d)| AudioDevice {
            index,
            name: device_name(d),
            max_input_channels: max_channels(d.supported_input_configs().ok()),
            max_output_channels: max_channels(d.supported_output_configs().ok()),
            default_input_sr: d.default_input_config().ok().map(|c| c.sample_rate()),
            default_output_sr: d.default_output_config().ok().map(|c| c.sample_rate()),
        })
        .collect())
}

/// pyo's pa_list_devices text: one line per input and per output.
pub fn format_devices(list: &[AudioDevice]) -> String {
    let mut t = String::from("AUDIO devices:\n");
    for d in list {
        if d.max_input_channels > 0 {
            t += &format!(
                "{}: IN, name: {}, channels: {}, default sr: {} Hz\n",
                d.index,
                d.name.replace('\n', " "),
                d.max_input_channels,
                d.default_input_sr.unwrap_or(0)
            );
        }
        if d.max_output_channels > 0 {
            t += &format!(
                "{}: OUT, name: {}, channels: {}, default sr: {} Hz\n",
                d.index,
                d.name.replace('\n', " "),
                d.max_output_channels,
                d.default_output_sr.unwrap_or(0)
            );
        }
    }
    t
}

fn default_index(input: bool) -> Result<Option<usize>> {
    let h = host();
    let d = if input { h.default_input_device() } else { h.default_output_device() };
    let Some(d) = d else { return Ok(None) };
    Ok(devices()?.iter().position(|x| *x == d))
}

/// pyo's pa_get_default_input: the index of the default input device.
pub fn default_input() -> Result<Option<usize>> {
    default_index(true)
}

/// pyo's pa_get_default_output: the index of the default output device.
pub fn default_output() -> Result<Option<usize>> {
    default_index(false)
}

/// The running streams of a booted server (dropping them stops them).
pub struct CpalStreams {
    _output: cpal::Stream,
    _input: Option<cpal::Stream>,
    counters: Arc<Counters>,
    monitor_stop: Arc<AtomicBool>,
    monitor: Option<std::thread::JoinHandle<()>>,
    /// What was opened, for the log.
    pub description: String,
}

impl Drop for CpalStreams {
    fn drop(&mut self) {
        self.monitor_stop.store(true, Ordering::Release);
        if let Some(t) = self.monitor.take() {
            t.thread().unpark();
            let _ = t.join();
        }
    }
}

impl CpalStreams {
    pub fn stats(&self) -> CpalStats {
        self.counters.snapshot()
    }
}

fn pick_device(
    list: &[cpal::Device],
    index: Option<i32>,
    default: Option<cpal::Device>,
    setter: &str,
) -> Result<cpal::Device> {
    match index {
        Some(i) => list.get(i as usize).cloned().ok_or_else(|| {
            Error::invalid(format!(
                "boot: {setter}({i}): there is no audio device {i} ({} devices: {}; see pa_list_devices)",
                list.len(),
                if list.is_empty() { "none".to_string() } else { format!("0 to {}", list.len() - 1) }
            ))
        }),
        None => default.ok_or_else(|| {
            Error::not_found(format!(
                "boot: no default audio {} device",
                if setter == "setInputDevice" { "input" } else { "output" }
            ))
        }),
    }
}

/// Sample formats the streams support, best first.
const FORMATS: [SampleFormat; 7] = [
    SampleFormat::F32,
    SampleFormat::I32,
    SampleFormat::I16,
    SampleFormat::F64,
    SampleFormat::U16,
    SampleFormat::I8,
    SampleFormat::U8,
];

/// The stream configuration for `channels` channels at `sr` Hz.
fn choose_config(
    ranges: Vec<cpal::SupportedStreamConfigRange>,
    sr: u32,
    channels: u16,
    bs: usize,
    what: &str,
    name: &str,
) -> Result<(StreamConfig, SampleFormat)> {
    if ranges.is_empty() {
        return Err(Error::invalid(format!("boot: the audio device '{name}' has no {what}")));
    }
    let most = ranges.iter().map(|r| r.channels()).max().unwrap_or(0);
    if most < channels {
        return Err(Error::invalid(format!(
            "boot: the audio device '{name}' has {most} {what} channels; {channels} are needed \
             (the server's channels plus the {what} offset)"
        )));
    }
    let with_rate: Vec<_> = ranges.iter().filter(|r| r.channels() >= channels && r.contains_rate(sr)).collect();
    if with_rate.is_empty() {
        let mut rates: Vec<String> =
            ranges.iter().map(|r| format!("{}-{}", r.min_sample_rate(), r.max_sample_rate())).collect();
        rates.dedup();
        return Err(Error::invalid(format!(
            "boot: the audio device '{name}' cannot run its {what} at {sr} Hz (it supports {} Hz); \
             set the server's sr to one of them",
            rates.join(", ")
        )));
    }
    let best = FORMATS
        .iter()
        .find_map(|f| with_rate.iter().filter(|r| r.sample_format() == *f).min_by_key(|r| r.channels()))
        .ok_or_else(|| {
            Error::new(
                Status::Unsupported,
                format!(
                    "boot: the audio device '{name}' offers no sample format rpyo converts ({:?})",
                    with_rate.iter().map(|r| r.sample_format()).collect::<Vec<_>>()
                ),
            )
        })?;
    let buffer_size = match best.buffer_size() {
        SupportedBufferSize::Range { min, max } if (*min as usize..=*max as usize).contains(&bs) => {
            cpal::BufferSize::Fixed(bs as u32)
        }
        _ => cpal::BufferSize::Default,
    };
    Ok((StreamConfig { channels: best.channels(), sample_rate: sr, buffer_size }, best.sample_format()))
}

/// What the output callback owns.
struct OutputState {
    server: Weak<ServerInner>,
    shared: Arc<EngineShared>,
    counters: Arc<Counters>,
    input: Option<ringbuf::HeapCons<f32>>,
    in_buf: Vec<f32>,
    out_buf: Vec<f32>,
    nchnls: usize,
    ichnls: usize,
    offset: usize,
    /// Input frames kept in the ring at most (older ones are skipped).
    keep: usize,
}

impl OutputState {
    fn fill<T: SizedSample + FromSample<f32>>(&mut self, data: &mut [T], dev_ch: usize) {
        self.shared.block_wall_us.store(wall_us(), Ordering::Release);
        let frames = data.len() / dev_ch.max(1);
        let c = &self.counters;
        c.callbacks.fetch_add(1, Ordering::Relaxed);
        c.frames.fetch_add(frames as u64, Ordering::Relaxed);
        c.last_frames.store(frames as u64, Ordering::Relaxed);
        let server = self.server.upgrade();
        let mut done = 0;
        while done < frames {
            let n = (frames - done).min(CHUNK);
            let (ich, nch) = (self.ichnls, self.nchnls);
            let input = match self.input.as_mut() {
                Some(ring) => {
                    let want = n * ich;
                    let got = ring.pop_slice(&mut self.in_buf[..want]);
                    if got < want {
                        self.in_buf[got..want].fill(0.0);
                        c.input_underruns.fetch_add(((want - got) / ich.max(1)) as u64, Ordering::Relaxed);
                    }
                    Some(&self.in_buf[..want])
                }
                None => None,
            };
            let out = &mut self.out_buf[..n * nch];
            let ok = match server.as_deref() {
                Some(s) => s.process_interleaved(input, out, n).is_ok(),
                None => false,
            };
            if !ok {
                out.fill(0.0);
            }
            let dst = &mut data[done * dev_ch..(done + n) * dev_ch];
            for (f, frame) in dst.chunks_exact_mut(dev_ch).enumerate() {
                for (ch, d) in frame.iter_mut().enumerate() {
                    let v =
                        if ch >= self.offset && ch - self.offset < nch { out[f * nch + ch - self.offset] } else { 0.0 };
                    *d = T::from_sample(v);
                }
            }
            done += n;
        }
        if let Some(ring) = self.input.as_mut() {
            let excess = ring.occupied_len().saturating_sub(self.keep * self.ichnls);
            if excess > 0 {
                ring.skip(excess - excess % self.ichnls.max(1));
            }
        }
        // The server (and its engine) is never dropped here: shutdown stops
        // the streams before the last handle goes.
        drop(server);
    }
}

/// What the input callback owns.
struct InputState {
    ring: ringbuf::HeapProd<f32>,
    counters: Arc<Counters>,
    ichnls: usize,
    offset: usize,
}

impl InputState {
    fn take<T: SizedSample>(&mut self, data: &[T], dev_ch: usize)
    where
        f32: FromSample<T>,
    {
        for frame in data.chunks_exact(dev_ch.max(1)) {
            if self.ring.vacant_len() < self.ichnls {
                self.counters.input_overruns.fetch_add(1, Ordering::Relaxed);
                continue;
            }
            for ch in 0..self.ichnls {
                let v = frame.get(self.offset + ch).map(|s| s.to_sample::<f32>()).unwrap_or(0.0);
                let _ = self.ring.try_push(if v.is_finite() { v } else { 0.0 });
            }
        }
    }
}

/// Stream errors on their way to the log: (which stream, the error).
type ErrorQueue = ArrayQueue<(&'static str, cpal::Error)>;

fn error_callback(
    counters: Arc<Counters>,
    messages: Arc<ErrorQueue>,
    which: &'static str,
) -> impl FnMut(cpal::Error) + Send + 'static {
    // Runs on the audio thread (ALSA): counts, and moves the error to the
    // monitor thread, which formats and frees it. A full queue drops it there.
    move |e: cpal::Error| {
        counters.stream_errors.fetch_add(1, Ordering::Relaxed);
        if e.kind() == cpal::ErrorKind::Xrun {
            counters.xruns.fetch_add(1, Ordering::Relaxed);
        }
        if let Err(back) = messages.push((which, e)) {
            // Freeing a message-less error (xruns) does not touch the heap.
            drop(back);
        }
    }
}

macro_rules! with_format {
    ($fmt:expr, $t:ident => $body:expr) => {
        match $fmt {
            SampleFormat::F32 => {
                type $t = f32;
                $body
            }
            SampleFormat::F64 => {
                type $t = f64;
                $body
            }
            SampleFormat::I32 => {
                type $t = i32;
                $body
            }
            SampleFormat::I16 => {
                type $t = i16;
                $body
            }
            SampleFormat::U16 => {
                type $t = u16;
                $body
            }
            SampleFormat::I8 => {
                type $t = i8;
                $body
            }
            SampleFormat::U8 => {
                type $t = u8;
                $body
            }
            other => Err(Error::new(Status::Unsupported, format!("boot: sample format {other:?} is not supported"))),
        }
    };
}

fn build_output(
    device: &cpal::Device,
    config: StreamConfig,
    format: SampleFormat,
    mut state: OutputState,
    err: impl FnMut(cpal::Error) + Send + 'static,
) -> Result<cpal::Stream> {
    let dev_ch = config.channels as usize;
    let timeout = Some(Duration::from_millis(500));
    with_format!(format, T => device
        .build_output_stream::<T, _, _>(config, move |data: &mut [T], _| state.fill(data, dev_ch), err, timeout)
        .map_err(|e| backend_error(&format!("boot: cannot open the output of '{}'", device_name(device)), e)))
}

fn build_input(
    device: &cpal::Device,
    config: StreamConfig,
    format: SampleFormat,
    mut state: InputState,
    err: impl FnMut(cpal::Error) + Send + 'static,
) -> Result<cpal::Stream> {
    let dev_ch = config.channels as usize;
    let timeout = Some(Duration::from_millis(500));
    with_format!(format, T => device
        .build_input_stream::<T, _, _>(config, move |data: &[T], _| state.take(data, dev_ch), err, timeout)
        .map_err(|e| backend_error(&format!("boot: cannot open the input of '{}'", device_name(device)), e)))
}

/// Opens the streams of a server being booted (on a helper thread, at most
/// [`OPEN_TIMEOUT`]): the error names the device and what it lacks.
pub fn open(server: Weak<ServerInner>, shared: Arc<EngineShared>, cfg: &ServerConfig) -> Result<CpalStreams> {
    let cfg = cfg.clone();
    wall_us();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("rpyo-cpal-open".into())
        .spawn(move || {
            let _ = tx.send(open_now(server, shared, &cfg));
        })
        .map_err(|e| backend_error("boot: cannot start the device thread", e))?;
    match rx.recv_timeout(OPEN_TIMEOUT) {
        Ok(r) => r,
        Err(_) => Err(Error::new(
            Status::Io,
            format!("boot: the audio device did not open within {} s", OPEN_TIMEOUT.as_secs()),
        )),
    }
}

fn open_now(server: Weak<ServerInner>, shared: Arc<EngineShared>, cfg: &ServerConfig) -> Result<CpalStreams> {
    let h = host();
    let list = if cfg.output_device.is_some() || cfg.input_device.is_some() { devices()? } else { Vec::new() };
    let out_dev = pick_device(&list, cfg.output_device, h.default_output_device(), "setOutputDevice")?;
    let out_name = device_name(&out_dev);
    let sr = cfg.sr.round() as u32;
    let bs = cfg.buffersize;
    let nchnls = cfg.nchnls;
    let ichnls = cfg.input_channels();
    let out_ranges: Vec<_> = out_dev
        .supported_output_configs()
        .map_err(|e| backend_error(&format!("boot: cannot open the audio output device '{out_name}'"), e))?
        .collect();
    let need = (nchnls + cfg.output_offset as usize).min(u16::MAX as usize) as u16;
    let (out_cfg, out_fmt) = choose_config(out_ranges, sr, need, bs, "output", &out_name)?;
    let counters = Arc::new(Counters::default());
    let messages = Arc::new(ArrayQueue::new(64));
    let mut description = format!("output '{out_name}' ({} channels, {out_fmt:?}", out_cfg.channels);

    let mut input_stream = None;
    let mut ring_cons = None;
    if cfg.duplex {
        let opened = (|| -> Result<_> {
            let in_dev = pick_device(&list, cfg.input_device, h.default_input_device(), "setInputDevice")?;
            let in_name = device_name(&in_dev);
            let in_ranges: Vec<_> = in_dev
                .supported_input_configs()
                .map_err(|e| backend_error(&format!("boot: cannot open the audio input device '{in_name}'"), e))?
                .collect();
            let need = (ichnls + cfg.input_offset as usize).min(u16::MAX as usize) as u16;
            let (in_cfg, in_fmt) = choose_config(in_ranges, sr, need, bs, "input", &in_name)?;
            let (prod, cons) = HeapRb::<f32>::new(ichnls * (CHUNK * 4).max(bs * 8)).split();
            let state =
                InputState { ring: prod, counters: Arc::clone(&counters), ichnls, offset: cfg.input_offset as usize };
            let err = error_callback(Arc::clone(&counters), Arc::clone(&messages), "input");
            let stream = build_input(&in_dev, in_cfg, in_fmt, state, err)?;
            Ok((stream, cons, format!("), input '{in_name}' ({} channels, {in_fmt:?}", in_cfg.channels)))
        })();
        match opened {
            Ok((stream, cons, text)) => {
                input_stream = Some(stream);
                ring_cons = Some(cons);
                description += &text;
            }
            // The default input could not serve: output only, said in the
            // log (an input chosen by index must work).
            Err(e) if cfg.input_device.is_none() => {
                if let Some(s) = server.upgrade() {
                    s.log(LogLevel::Warning, &format!("{}; running without input (duplex off)", e.message));
                }
            }
            Err(e) => return Err(e),
        }
    }
    description += &format!(") at {sr} Hz");
    let keep = (bs * 4).max(CHUNK);
    let state = OutputState {
        server: server.clone(),
        shared,
        counters: Arc::clone(&counters),
        input: ring_cons,
        in_buf: vec![0.0; CHUNK * ichnls],
        out_buf: vec![0.0; CHUNK * nchnls],
        nchnls,
        ichnls,
        offset: cfg.output_offset as usize,
        keep,
    };
    let err = error_callback(Arc::clone(&counters), Arc::clone(&messages), "output");
    let output = build_output(&out_dev, out_cfg, out_fmt, state, err)?;
    if let Some(i) = &input_stream {
        i.play().map_err(|e| backend_error("boot: cannot start the audio input", e))?;
    }
    output.play().map_err(|e| backend_error("boot: cannot start the audio output", e))?;

    let monitor_stop = Arc::new(AtomicBool::new(false));
    let stop = Arc::clone(&monitor_stop);
    let monitor = std::thread::Builder::new()
        .name("rpyo-cpal-log".into())
        .spawn(move || loop {
            while let Some((which, e)) = messages.pop() {
                if let Some(s) = server.upgrade() {
                    s.log(LogLevel::Warning, &format!("{which} stream: {e}"));
                }
            }
            if stop.load(Ordering::Acquire) {
                break;
            }
            std::thread::park_timeout(Duration::from_millis(100));
        })
        .ok();
    Ok(CpalStreams { _output: output, _input: input_stream, counters, monitor_stop, monitor, description })
}

impl ServerInner {
    /// The counters of the sound card streams (callbacks, frames, stream
    /// errors, xruns, input under/overruns); None when no cpal stream runs.
    pub fn cpal_stats(&self) -> Option<CpalStats> {
        self.lock().cpal.as_ref().map(|s| s.stats())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::config::AudioBackend;
    use crate::Server;

    /// The callbacks' channel mapping without a device: input offset 1 of a
    /// 3-channel device, output offset 1 of a 4-channel device, i16 samples.
    #[test]
    fn offsets_map_device_channels_to_server_channels() {
        let s = Server::new(ServerConfig {
            audio: AudioBackend::Embedded,
            sr: 48000.0,
            buffersize: 64,
            nchnls: 2,
            duplex: true,
            verbosity: 1,
            ..Default::default()
        })
        .unwrap();
        s.boot(true).unwrap();
        // Server input 0 to output 0; a constant on output 1.
        let i = s.object_new("Input", "chnl=0").unwrap();
        s.object_out(i, 0, 1, 0.0, 0.0).unwrap();
        let k = s.object_new("Sig", "0.25").unwrap();
        s.object_out(k, 1, 1, 0.0, 0.0).unwrap();
        s.start().unwrap();

        let counters = Arc::new(Counters::default());
        let (prod, cons) = HeapRb::<f32>::new(2 * 1024).split();
        let mut input = InputState { ring: prod, counters: Arc::clone(&counters), ichnls: 2, offset: 1 };
        let mut output = OutputState {
            server: s.weak(),
            shared: Arc::new(EngineShared::new()),
            counters: Arc::clone(&counters),
            input: Some(cons),
            in_buf: vec![0.0; CHUNK * 2],
            out_buf: vec![0.0; CHUNK * 2],
            nchnls: 2,
            ichnls: 2,
            offset: 1,
            keep: CHUNK,
        };
        // 128 device frames of 3 channels: channel 1 carries 0.5.
        let dev_in: Vec<i16> = (0..128).flat_map(|_| [i16::MAX, 16384, -1000]).collect();
        let mut dev_out = vec![7i16; 128 * 4];
        // Past the start's 5 ms amplitude ramp (pyo's).
        for _ in 0..4 {
            input.take(&dev_in, 3);
            output.fill(&mut dev_out, 4);
        }
        input.take(&dev_in, 3);
        output.fill(&mut dev_out, 4);
        for f in 0..128 {
            let frame = &dev_out[f * 4..f * 4 + 4];
            assert_eq!(frame[0], 0, "frame {f}: a channel below the offset is silent");
            // i16 to f32 and back (cpal's conversions) may differ by 1.
            assert!((frame[1] - 16384).abs() <= 1, "frame {f}: server output 0 = device input 1: {frame:?}");
            assert!((frame[2] - 8192).abs() <= 1, "frame {f}: server output 1 = 0.25: {frame:?}");
            assert_eq!(frame[3], 0, "frame {f}: a channel above the server's is silent");
        }
        let st = counters.snapshot();
        assert_eq!((st.callbacks, st.frames, st.last_frames, st.input_underruns), (5, 640, 128, 0));
        // No input left: the next callback reads zeros and counts them.
        output.fill(&mut dev_out, 4);
        assert_eq!(dev_out[1], 0);
        assert_eq!(counters.snapshot().input_underruns, 128);
        // A device that delivers 100 frames (not a multiple of the 64-frame
        // block), then 5000 (more than one chunk): every frame is computed.
        for n in [100usize, 100, 5000, 37] {
            let mut dev_out = vec![7i16; n * 4];
            output.fill(&mut dev_out, 4);
            assert!(dev_out.chunks(4).all(|f| (f[2] - 8192).abs() <= 1 && f[3] == 0), "{n} frames");
        }
        assert_eq!(counters.snapshot().frames, 640 + 128 + 5237);
    }

    #[test]
    fn configs_are_chosen_or_refused_clearly() {
        let r = |ch, min, max, f| {
            cpal::SupportedStreamConfigRange::new(ch, min, max, SupportedBufferSize::Range { min: 32, max: 8192 }, f)
        };
        let ranges = vec![
            r(2, 44100, 48000, SampleFormat::I16),
            r(2, 48000, 48000, SampleFormat::F32),
            r(8, 48000, 48000, SampleFormat::F32),
        ];
        let (c, f) = choose_config(ranges.clone(), 48000, 2, 256, "output", "dev").unwrap();
        assert_eq!(
            (c.channels, c.sample_rate, c.buffer_size, f),
            (2, 48000, cpal::BufferSize::Fixed(256), SampleFormat::F32)
        );
        let (c, f) = choose_config(ranges.clone(), 44100, 2, 256, "output", "dev").unwrap();
        assert_eq!((c.channels, f), (2, SampleFormat::I16));
        let (c, _) = choose_config(ranges.clone(), 48000, 3, 256, "output", "dev").unwrap();
        assert_eq!(c.channels, 8);
        let e = choose_config(ranges.clone(), 96000, 2, 256, "output", "dev").unwrap_err();
        assert!(
            e.message.contains("cannot run its output at 96000 Hz") && e.message.contains("48000"),
            "{}",
            e.message
        );
        let e = choose_config(ranges.clone(), 48000, 9, 256, "output", "dev").unwrap_err();
        assert!(e.message.contains("has 8 output channels; 9 are needed"), "{}", e.message);
        let e = choose_config(Vec::new(), 48000, 2, 256, "input", "dev").unwrap_err();
        assert!(e.message.contains("has no input"), "{}", e.message);
        let (c, _) = choose_config(ranges, 48000, 2, 16384, "output", "dev").unwrap();
        assert_eq!(c.buffer_size, cpal::BufferSize::Default);
    }
}
