//! MIDI ports through midir (feature `midir`): midi='portmidi'/'pm'.
//!
//! Devices are numbered as pyo's pm_list_devices numbers them: the inputs
//! first (0 .. n_in), then the outputs (n_in .. n_in + n_out).
//! setMidiInputDevice(x) opens input x; an index above the last device
//! opens every input, as pyo does; none given opens the first input.
//! setMidiOutputDevice(x) opens output x (none given: the first output).
//!
//! Ports are opened at boot by servers with a real-time audio backend
//! ('portaudio', 'coreaudio', 'jack'); embedded, manual and offline servers
//! take MIDI only from add_midi_event, their host's job.
//!
//! Input timestamps: midir stamps each message in µs from an unspecified
//! origin. [`StampClock`] maps them onto the process clock
//! ([`wall_us`](crate::engine::shared::wall_us)) by taking the smallest
//! (arrival − stamp) seen as the offset, so delivery jitter is removed.
//! The audio callback records when each callback began
//! (`EngineShared::block_wall_us`); an event is pushed with the frame of
//! its time after that instant ([`timestamp_to_frame`]), clamped to the
//! block, and delivered at the top of the next block: a constant latency of
//! one block, the events' spacing kept to the sample.
//!
//! Output: [`MidirSender::send`] (frame, bytes) is lock-free and never
//! blocks; a sender thread drains its queue to the port.

use super::MidiEvent;
use crate::engine::shared::{wall_us, EngineShared};
use crate::error::{Error, Result, Status};
use crate::server::config::{AudioBackend, MidiBackend, ServerConfig};
use crate::server::log::LogLevel;
use crossbeam_queue::ArrayQueue;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

const CLIENT: &str = "rpyo";

/// One MIDI port as pm_list_devices shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MidiDevice {
    /// Its index (setMidiInputDevice, setMidiOutputDevice).
    pub index: usize,
    /// True for an input, false for an output.
    pub input: bool,
    pub name: String,
}

fn midi_error(what: &str, e: impl std::fmt::Display) -> Error {
    Error::new(Status::Io, format!("{what}: {e}"))
}

/// pyo's pm_list_devices as data: inputs, then outputs. An error when the
/// system has no MIDI (no ALSA sequencer, /dev/snd/seq).
pub fn list_devices() -> Result<Vec<MidiDevice>> {
    let inp = midir::MidiInput::new(CLIENT).map_err(|e| midi_error("pm_list_devices: no MIDI input system", e))?;
    let out = midir::MidiOutput::new(CLIENT).map_err(|e| midi_error("pm_list_devices: no MIDI output system", e))?;
    let mut list: Vec<MidiDevice> = inp
        .ports()
        .iter()
        .map(|p| inp.port_name(p).unwrap_or_else(|_| "?".into()))
        .map(|name| MidiDevice { index: 0, input: true, name })
        .collect();
    list.extend(out.ports().iter().map(|p| out.port_name(p).unwrap_or_else(|_| "?".into())).map(|name| MidiDevice {
        index: 0,
        input: false,
        name,
    }));
    for (i, d) in list.iter_mut().enumerate() {
        d.index = i;
    }
    Ok(list)
}

/// pyo's pm_list_devices text.
pub fn format_devices(list: &[MidiDevice]) -> String {
    let mut t = String::from("MIDI devices:\n");
    for d in list {
        t += &format!("{}: {}, name: {}, interface: midir\n", d.index, if d.input { "IN" } else { "OUT" }, d.name);
    }
    t
}

/// Which inputs setMidiInputDevice(`device`) opens among `n_in` inputs of
/// `n_total` devices: Ok(indices into the inputs); an index above the last
/// device opens them all (pyo); an output's index is an error.
pub fn inputs_to_open(device: Option<i32>, n_in: usize, n_total: usize) -> Result<Vec<usize>> {
    match device {
        None => Ok(if n_in > 0 { vec![0] } else { Vec::new() }),
        Some(x) if x as usize >= n_total => Ok((0..n_in).collect()),
        Some(x) if (x as usize) < n_in => Ok(vec![x as usize]),
        Some(x) => Err(Error::invalid(format!(
            "setMidiInputDevice({x}): device {x} is an output (inputs are 0 to {}; see pm_list_devices)",
            n_in as i64 - 1
        ))),
    }
}

/// Which output setMidiOutputDevice(`device`) opens: an index into the
/// outputs, None when there is none to open.
pub fn output_to_open(device: Option<i32>, n_in: usize, n_total: usize) -> Result<Option<usize>> {
    match device {
        None => Ok((n_total > n_in).then_some(0)),
        Some(x) if (x as usize) >= n_in && (x as usize) < n_total => Ok(Some(x as usize - n_in)),
        Some(x) => Err(Error::invalid(format!(
            "setMidiOutputDevice({x}): there is no MIDI output {x} (outputs are {n_in} to {}; see pm_list_devices)",
            n_total as i64 - 1
        ))),
    }
}

/// Maps a connection's µs stamps (unknown origin) onto [`wall_us`]: the
/// offset is the smallest (arrival − stamp) seen, so that the event that
/// arrived fastest defines the mapping and later ones keep their spacing.
#[derive(Debug)]
pub struct StampClock {
    offset: AtomicI64,
}

impl Default for StampClock {
    fn default() -> Self {
        StampClock { offset: AtomicI64::new(i64::MAX) }
    }
}

impl StampClock {
    /// The wall time of an event stamped `stamp` that arrived at `arrival`.
    pub fn to_wall(&self, stamp: u64, arrival: u64) -> u64 {
        let d = arrival as i64 - stamp as i64;
        let off = self.offset.fetch_min(d, Ordering::Relaxed).min(d);
        (stamp as i64 + off).max(0) as u64
    }
}

/// The frame of an event at wall time `event_us` in the block whose audio
/// callback began at `block_us`: (event − block) × sr, clamped to
/// 0 ..= bs−1 (an event before the callback, or with no callback yet
/// (`block_us` 0), is frame 0).
pub fn timestamp_to_frame(event_us: u64, block_us: u64, sr: f64, bs: usize) -> u32 {
    if block_us == 0 || event_us <= block_us {
        return 0;
    }
    let frames = ((event_us - block_us) as f64 * sr / 1e6) as u64;
    frames.min(bs.saturating_sub(1) as u64) as u32
}

/// A MIDI message for the output port.
#[derive(Clone, Copy)]
struct OutMsg {
    len: u16,
    bytes: [u8; OUT_MSG_BYTES],
}

/// Longest message (sysex included) the output queue carries.
const OUT_MSG_BYTES: usize = 256;
const OUT_QUEUE: usize = 1024;

/// The lock-free way to the output port: callable from the audio thread.
#[derive(Clone)]
pub struct MidirSender {
    queue: Arc<ArrayQueue<OutMsg>>,
    thread: std::thread::Thread,
    dropped: Arc<AtomicU64>,
}

impl MidirSender {
    /// Queues `bytes` (one MIDI message, at most 256 bytes) for the port. `frame` (the event's
    /// frame in the block just computed) orders nothing more here: the
    /// sender thread writes messages as they come, in order. Never blocks;
    /// false (and counted) when the queue is full or the message too long.
    ///
    /// The engine calls it after each block with that block's MIDI output
    /// (noteout, makenote, ...): boot connects it as the engine's MIDI
    /// output port (`ServerInner::connect_midi_out_port`).
    pub fn send(&self, frame: u32, bytes: &[u8]) -> bool {
        let _ = frame;
        if bytes.is_empty() || bytes.len() > OUT_MSG_BYTES {
            self.dropped.fetch_add(1, Ordering::Relaxed);
            return false;
        }
        let mut m = OutMsg { len: bytes.len() as u16, bytes: [0; OUT_MSG_BYTES] };
        m.bytes[..bytes.len()].copy_from_slice(bytes);
        if self.queue.push(m).is_err() {
            self.dropped.fetch_add(1, Ordering::Relaxed);
            return false;
        }
        self.thread.unpark();
        true
    }

    /// Messages refused (queue full, empty or too long).
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }
}

/// The open ports of a booted server (dropping closes them).
pub struct MidirPorts {
    _inputs: Vec<midir::MidiInputConnection<()>>,
    sender: Option<MidirSender>,
    stop: Arc<AtomicBool>,
    out_thread: Option<std::thread::JoinHandle<()>>,
    /// Events the input callbacks could not queue (queue full).
    pub rejected: Arc<AtomicU64>,
}

impl MidirPorts {
    /// Inputs open.
    pub fn inputs(&self) -> usize {
        self._inputs.len()
    }
    /// The output's sender, when an output is open.
    pub fn sender(&self) -> Option<MidirSender> {
        self.sender.clone()
    }
}

impl Drop for MidirPorts {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        if let Some(t) = self.out_thread.take() {
            t.thread().unpark();
            let _ = t.join();
        }
    }
}

/// The short message in `bytes` as an event at `frame` (None for sysex and
/// anything malformed).
pub fn parse_message(bytes: &[u8], frame: u32) -> Option<MidiEvent> {
    let status = *bytes.first()?;
    if status < 0x80 || status == 0xF0 || status == 0xF7 {
        return None;
    }
    let d = |i: usize| bytes.get(i).copied().unwrap_or(0) as i32;
    MidiEvent::new(status as i32, d(1), d(2), frame).ok()
}

/// Opens the ports a booting server asks for; failures are logged (MIDI
/// never fails a boot, as in pyo).
pub fn open_for_server(
    cfg: &ServerConfig,
    queue: Arc<ArrayQueue<MidiEvent>>,
    shared: Arc<EngineShared>,
    log: &dyn Fn(LogLevel, &str),
) -> Option<MidirPorts> {
    if cfg.midi != MidiBackend::PortMidi {
        return None;
    }
    if !matches!(cfg.audio, AudioBackend::PortAudio | AudioBackend::CoreAudio | AudioBackend::Jack) {
        log(
            LogLevel::Warning,
            &format!(
                "MIDI ports (midir) are opened only by real-time servers (audio 'portaudio', 'coreaudio', 'jack'), \
                 not audio='{}'; MIDI input comes only from add_midi_event",
                cfg.audio.name()
            ),
        );
        return None;
    }
    match open(cfg, queue, shared) {
        Ok(p) => {
            log(LogLevel::Debug, &format!("MIDI: {} input(s) open, output {}", p.inputs(), p.sender.is_some()));
            Some(p)
        }
        Err(e) => {
            log(LogLevel::Warning, &format!("MIDI ports: {}", e.message));
            None
        }
    }
}

/// Opens the inputs and the output `cfg` names.
pub fn open(cfg: &ServerConfig, queue: Arc<ArrayQueue<MidiEvent>>, shared: Arc<EngineShared>) -> Result<MidirPorts> {
    let probe_in = midir::MidiInput::new(CLIENT).map_err(|e| midi_error("MIDI input", e))?;
    let probe_out = midir::MidiOutput::new(CLIENT).map_err(|e| midi_error("MIDI output", e))?;
    let in_ports = probe_in.ports();
    let out_ports = probe_out.ports();
    let (n_in, n_total) = (in_ports.len(), in_ports.len() + out_ports.len());
    let which_in = inputs_to_open(cfg.midi_input_device, n_in, n_total)?;
    let which_out = output_to_open(cfg.midi_output_device, n_in, n_total)?;
    let (sr, bs) = (cfg.sr, cfg.buffersize);
    let rejected = Arc::new(AtomicU64::new(0));
    wall_us();
    let mut inputs = Vec::new();
    for i in which_in {
        let port = &in_ports[i];
        let mut inp = midir::MidiInput::new(CLIENT).map_err(|e| midi_error("MIDI input", e))?;
        inp.ignore(midir::Ignore::All);
        let (q, sh, rej) = (Arc::clone(&queue), Arc::clone(&shared), Arc::clone(&rejected));
        let clock = StampClock::default();
        let name = probe_in.port_name(port).unwrap_or_default();
        let conn = inp
            .connect(
                port,
                "rpyo-in",
                move |stamp, bytes, _| {
                    let t = clock.to_wall(stamp, wall_us());
                    let frame = timestamp_to_frame(t, sh.block_wall_us.load(Ordering::Acquire), sr, bs);
                    if let Some(ev) = parse_message(bytes, frame) {
                        if q.push(ev).is_err() {
                            rej.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                },
                (),
            )
            .map_err(|e| midi_error(&format!("MIDI input '{name}'"), e))?;
        inputs.push(conn);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let (sender, out_thread) = match which_out {
        None => (None, None),
        Some(o) => {
            let port = &out_ports[o];
            let name = probe_out.port_name(port).unwrap_or_default();
            let out = midir::MidiOutput::new(CLIENT).map_err(|e| midi_error("MIDI output", e))?;
            let mut conn =
                out.connect(port, "rpyo-out").map_err(|e| midi_error(&format!("MIDI output '{name}'"), e))?;
            let queue = Arc::new(ArrayQueue::<OutMsg>::new(OUT_QUEUE));
            let (q, st) = (Arc::clone(&queue), Arc::clone(&stop));
            let t = std::thread::Builder::new()
                .name("rpyo-midi-out".into())
                .spawn(move || loop {
                    while let Some(m) = q.pop() {
                        let _ = conn.send(&m.bytes[..m.len as usize]);
                    }
                    if st.load(Ordering::Acquire) {
                        break;
                    }
                    std::thread::park_timeout(Duration::from_millis(5));
                })
                .map_err(|e| midi_error("MIDI output thread", e))?;
            let sender = MidirSender { queue, thread: t.thread().clone(), dropped: Arc::new(AtomicU64::new(0)) };
            (Some(sender), Some(t))
        }
    };
    Ok(MidirPorts { _inputs: inputs, sender, stop, out_thread, rejected })
}

impl crate::server::ServerInner {
    /// The sender to the MIDI output port opened at boot (midir), if any.
    pub fn midir_sender(&self) -> Option<MidirSender> {
        self.lock().midir.as_ref().and_then(|p| p.sender())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_map_to_frames_of_the_block() {
        // 48 kHz: 1 ms is 48 frames.
        assert_eq!(timestamp_to_frame(10_000, 9_000, 48000.0, 256), 48);
        assert_eq!(timestamp_to_frame(9_000, 9_000, 48000.0, 256), 0);
        assert_eq!(timestamp_to_frame(8_000, 9_000, 48000.0, 256), 0); // before the callback
        assert_eq!(timestamp_to_frame(100_000, 9_000, 48000.0, 256), 255); // clamped
        assert_eq!(timestamp_to_frame(5_000, 0, 48000.0, 256), 0); // no callback yet
        assert_eq!(timestamp_to_frame(9_000 + 2_500, 9_000, 44100.0, 512), 110);
    }

    #[test]
    fn stamp_clock_takes_the_fastest_arrival() {
        let c = StampClock::default();
        // The first event arrives 300 µs after its stamp, the second 100 µs.
        assert_eq!(c.to_wall(5_000, 5_300), 5_300);
        assert_eq!(c.to_wall(6_000, 6_100), 6_000 + 100);
        // From now on the offset is 100: a late arrival keeps its stamp's time.
        assert_eq!(c.to_wall(7_000, 9_000), 7_100);
        // Spacing is kept: 1 ms apart in stamps, 1 ms apart on the wall.
        assert_eq!(c.to_wall(8_000, 8_500) - c.to_wall(7_000, 7_500), 1_000);
    }

    #[test]
    fn device_choice_follows_pyo() {
        // 2 inputs (0, 1), 3 outputs (2, 3, 4).
        assert_eq!(inputs_to_open(None, 2, 5).unwrap(), vec![0]);
        assert_eq!(inputs_to_open(Some(1), 2, 5).unwrap(), vec![1]);
        assert_eq!(inputs_to_open(Some(5), 2, 5).unwrap(), vec![0, 1]); // above the last: all
        assert_eq!(inputs_to_open(Some(99), 2, 5).unwrap(), vec![0, 1]);
        assert!(inputs_to_open(Some(3), 2, 5).unwrap_err().message.contains("is an output"));
        assert_eq!(inputs_to_open(None, 0, 0).unwrap(), Vec::<usize>::new());
        assert_eq!(inputs_to_open(Some(0), 0, 0).unwrap(), Vec::<usize>::new()); // none to open
        assert_eq!(output_to_open(None, 2, 5).unwrap(), Some(0));
        assert_eq!(output_to_open(Some(4), 2, 5).unwrap(), Some(2));
        assert!(output_to_open(Some(1), 2, 5).unwrap_err().message.contains("setMidiOutputDevice(1)"));
        assert!(output_to_open(Some(5), 2, 5).is_err());
        assert_eq!(output_to_open(None, 2, 2).unwrap(), None);
    }

    #[test]
    fn messages_become_events() {
        assert_eq!(
            parse_message(&[0x90, 60, 100], 7),
            Some(MidiEvent { status: 0x90, data1: 60, data2: 100, frame: 7 })
        );
        assert_eq!(parse_message(&[0xC0, 5], 0), Some(MidiEvent { status: 0xC0, data1: 5, data2: 0, frame: 0 }));
        assert_eq!(parse_message(&[0xF0, 1, 2, 0xF7], 0), None);
        assert_eq!(parse_message(&[0x40], 0), None);
        assert_eq!(parse_message(&[], 0), None);
    }
}
