//! audio='jack' and midi='jack' (Cargo feature `jack`), through the `jack`
//! crate directly: one client named `jackname`, nchnls output ports, ichnls
//! input ports (duplex), a MIDI input and a MIDI output port (midi='jack').
//!
//! As pyo 1.1.0 does (measured), the client is activated and its ports are
//! connected at boot; stop() leaves it running, writing silence. The JACK
//! server is the one libjack picks: `JACK_DEFAULT_SERVER`, else "default";
//! rpyo never starts one.
//!
//! The process callback runs the engine through the embedded mode's path
//! (`ServerInner::process_host`, any frame count, planar ports) without
//! allocating, locking or blocking. MIDI input events are queued with their
//! frame in the JACK cycle, which is the frame in the engine's block: the
//! server's buffer size is JACK's. After a JACK buffer-size change the engine
//! keeps its block size: a cycle of several blocks is run block by block,
//! each with its own events (exact frames); a cycle shorter than a block goes
//! through the any-frame-count path (one block of input latency; events land
//! in the next block computed).

use crate::engine::host::HostIo;
use crate::error::{Error, Result, Status};
use crate::midi::MidiEvent;
use crate::server::config::{check_buffer_size, check_sampling_rate, MidiBackend, ServerConfig};
use crate::server::log::{LogLevel, Logger};
use crate::server::ServerInner;
use jack::{
    AsyncClient, AudioIn, AudioOut, Client, ClientOptions, ClientStatus, Control, Frames, MidiIn, MidiOut,
    NotificationHandler, Port, PortFlags, PortSpec, ProcessHandler, ProcessScope, RawMidi, TransportState, Unowned,
};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Weak};
use std::thread::JoinHandle;
use std::time::Duration;

/// The JACK server libjack connects to (for messages).
fn server_name() -> String {
    std::env::var("JACK_DEFAULT_SERVER").unwrap_or_else(|_| "default".to_string())
}

const REASON_CAPACITY: usize = 256;

/// What the notification thread tells the rest: set with atomics only
/// (JACK's shutdown callback must behave like a signal handler).
struct Flags {
    dead: AtomicBool,
    closing: AtomicBool,
    reason: [AtomicU8; REASON_CAPACITY],
    reason_len: AtomicUsize,
    xruns: AtomicU64,
    /// MIDI output events JACK had no room for.
    midi_out_lost: AtomicU64,
}

impl Flags {
    fn new() -> Self {
        Flags {
            dead: AtomicBool::new(false),
            closing: AtomicBool::new(false),
            reason: std::array::from_fn(|_| AtomicU8::new(0)),
            reason_len: AtomicUsize::new(0),
            xruns: AtomicU64::new(0),
            midi_out_lost: AtomicU64::new(0),
        }
    }

    fn reason(&self) -> String {
        let n = self.reason_len.load(Ordering::Acquire).min(REASON_CAPACITY);
        let bytes: Vec<u8> = self.reason[..n].iter().map(|b| b.load(Ordering::Relaxed)).collect();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

/// The client before and after activation.
enum State {
    Open(Client, Ports),
    Active(AsyncClient<Notifications, Process>),
}

struct Ports {
    ins: Vec<Port<AudioIn>>,
    outs: Vec<Port<AudioOut>>,
    midi_in: Option<Port<MidiIn>>,
    midi_out: Option<Port<MidiOut>>,
}

/// A server's JACK client (kept in the server's control state from boot
/// to shutdown).
pub struct JackBackend {
    name: String,
    state: Option<State>,
    /// Handles on our own ports, for renaming and connecting them.
    ins: Vec<Port<Unowned>>,
    outs: Vec<Port<Unowned>>,
    midi_in: Option<Port<Unowned>>,
    midi_out: Option<Port<Unowned>>,
    flags: Arc<Flags>,
    monitor: Option<JoinHandle<()>>,
}

fn io_error(msg: String) -> Error {
    Error::new(Status::Io, msg)
}

impl JackBackend {
    /// Opens the client and registers its ports; the server's rate and
    /// buffer size become JACK's (a difference is logged as a warning and
    /// written into `cfg`). Fails with Io when no JACK server runs.
    pub fn open(cfg: &mut ServerConfig, log: &Logger) -> Result<JackBackend> {
        let ichnls = if cfg.duplex { cfg.input_channels() } else { 0 };
        let nchnls = cfg.nchnls;
        cfg.jack.check(cfg.input_channels(), nchnls).map_err(|e| Error::invalid(format!("boot: {}", e.message)))?;
        let (client, status) = Client::new(&cfg.jackname, ClientOptions::NO_START_SERVER).map_err(|e| {
            io_error(format!(
                "boot: audio='jack': cannot open a client on the JACK server '{}' (is jackd running? rpyo does not \
                 start it; JACK_DEFAULT_SERVER names the server): {e}",
                server_name()
            ))
        })?;
        let name = client.name().to_string();
        if status.contains(ClientStatus::NAME_NOT_UNIQUE) {
            log.log(
                LogLevel::Warning,
                &format!("jackname: a client '{}' exists already; JACK named this one '{name}'", cfg.jackname),
            );
        }
        let sr = client.sample_rate() as f64;
        let bs = client.buffer_size() as usize;
        check_sampling_rate(sr).map_err(|e| io_error(format!("boot: the JACK server's rate: {}", e.message)))?;
        check_buffer_size(bs).map_err(|e| io_error(format!("boot: the JACK server's buffer size: {}", e.message)))?;
        if sr != cfg.sr {
            log.log(
                LogLevel::Warning,
                &format!("sr: {} Hz asked for, the JACK server runs at {sr} Hz: the server uses JACK's rate", cfg.sr),
            );
            cfg.sr = sr;
        }
        if bs != cfg.buffersize {
            log.log(
                LogLevel::Warning,
                &format!(
                    "buffersize: {} frames asked for, the JACK server runs {bs}-frame cycles: the server uses JACK's size",
                    cfg.buffersize
                ),
            );
            cfg.buffersize = bs;
        }
        let reg_err =
            |port: &str, e: jack::Error| io_error(format!("boot: cannot register the JACK port '{port}': {e}"));
        let mut ins = Vec::with_capacity(ichnls);
        for n in cfg.jack.input_port_names(ichnls) {
            ins.push(client.register_port(&n, AudioIn::default()).map_err(|e| reg_err(&n, e))?);
        }
        let mut outs = Vec::with_capacity(nchnls);
        for n in cfg.jack.output_port_names(nchnls) {
            outs.push(client.register_port(&n, AudioOut::default()).map_err(|e| reg_err(&n, e))?);
        }
        let midi = cfg.midi == MidiBackend::Jack && cfg.midi_enabled;
        let (midi_in, midi_out) = if midi {
            let (a, b) = (&cfg.jack.midi_in_name, &cfg.jack.midi_out_name);
            (
                Some(client.register_port(a, MidiIn::default()).map_err(|e| reg_err(a, e))?),
                Some(client.register_port(b, MidiOut::default()).map_err(|e| reg_err(b, e))?),
            )
        } else {
            (None, None)
        };
        let ports = Ports { ins, outs, midi_in, midi_out };
        Ok(JackBackend {
            name,
            ins: ports.ins.iter().map(|p| p.clone_unowned()).collect(),
            outs: ports.outs.iter().map(|p| p.clone_unowned()).collect(),
            midi_in: ports.midi_in.as_ref().map(|p| p.clone_unowned()),
            midi_out: ports.midi_out.as_ref().map(|p| p.clone_unowned()),
            state: Some(State::Open(client, ports)),
            flags: Arc::new(Flags::new()),
            monitor: None,
        })
    }

    /// The client's name (JACK renames a client whose name is taken).
    pub fn client_name(&self) -> String {
        self.name.clone()
    }

    /// True when the JACK MIDI input port exists (midi='jack').
    pub fn has_midi(&self) -> bool {
        self.midi_in.is_some()
    }

    /// Activates the client (its process callback runs the server from
    /// now on) and makes the connections the settings ask for.
    pub fn activate(&mut self, server: Weak<ServerInner>, cfg: &ServerConfig, log: &Arc<Logger>) -> Result<()> {
        let Some(State::Open(client, ports)) = self.state.take() else {
            return Err(Error::state("boot: the JACK client is already active"));
        };
        let flags = Arc::clone(&self.flags);
        let (mlog, mserver, mname) = (Arc::clone(log), server.clone(), self.name.clone());
        let monitor = std::thread::Builder::new()
            .name("rpyo-jack-monitor".into())
            .spawn(move || monitor(flags, mserver, mlog, mname))
            .map_err(|e| Error::new(Status::Io, format!("boot: cannot start the JACK monitor thread: {e}")))?;
        let notifications = Notifications { flags: Arc::clone(&self.flags), monitor: monitor.thread().clone() };
        self.monitor = Some(monitor);
        let process = Process {
            server,
            ins: ports.ins,
            outs: ports.outs,
            midi_in: ports.midi_in,
            midi_out: ports.midi_out,
            transport_slave: cfg.jack_transport_slave,
            rolling: None,
            bs: cfg.buffersize as Frames,
            flags: Arc::clone(&self.flags),
        };
        let active = client
            .activate_async(notifications, process)
            .map_err(|e| io_error(format!("boot: cannot activate the JACK client '{}': {e}", self.name)))?;
        self.state = Some(State::Active(active));
        self.connect_all(cfg, log);
        Ok(())
    }

    fn client(&self) -> Option<&Client> {
        match self.state.as_ref()? {
            State::Open(c, _) => Some(c),
            State::Active(a) => Some(a.as_client()),
        }
    }

    /// pyo's automatic connections: physical ports (setJackAuto), then the
    /// lists (setJackAutoConnect*).
    fn connect_all(&self, cfg: &ServerConfig, log: &Logger) {
        let Some(client) = self.client() else { return };
        let spec = AudioIn::default();
        let audio = spec.jack_port_type();
        if cfg.jack.auto_in {
            let capture = client.ports(None, Some(audio), PortFlags::IS_PHYSICAL | PortFlags::IS_OUTPUT);
            for (p, src) in self.ins.iter().zip(&capture) {
                connect(client, src, &port_name(p), log);
            }
        }
        if cfg.jack.auto_out {
            let playback = client.ports(None, Some(audio), PortFlags::IS_PHYSICAL | PortFlags::IS_INPUT);
            for (p, dst) in self.outs.iter().zip(&playback) {
                connect(client, &port_name(p), dst, log);
            }
        }
        self.connect_audio(true, &cfg.jack.connect_inputs, log);
        self.connect_audio(false, &cfg.jack.connect_outputs, log);
        self.connect_midi(true, &cfg.jack.connect_midi_in, log);
        self.connect_midi(false, &cfg.jack.connect_midi_out, log);
    }

    /// Connects channel i of the inputs (from each port of lists[i]) or of
    /// the outputs (to each port of lists[i]). A port that cannot be
    /// connected is reported as a warning.
    pub fn connect_audio(&self, inputs: bool, lists: &[Vec<String>], log: &Logger) {
        let Some(client) = self.client() else { return };
        let ours = if inputs { &self.ins } else { &self.outs };
        for (p, list) in ours.iter().zip(lists) {
            let me = port_name(p);
            for other in list {
                if inputs {
                    connect(client, other, &me, log);
                } else {
                    connect(client, &me, other, log);
                }
            }
        }
    }

    /// Connects the MIDI input (from each of `ports`) or output (to each).
    pub fn connect_midi(&self, input: bool, ports: &[String], log: &Logger) {
        let Some(client) = self.client() else { return };
        let Some(p) = (if input { &self.midi_in } else { &self.midi_out }) else {
            if !ports.is_empty() {
                log.log(LogLevel::Warning, "setJackAutoConnectMidi*Port: no JACK MIDI port (midi='jack' is not set)");
            }
            return;
        };
        let me = port_name(p);
        for other in ports {
            if input {
                connect(client, other, &me, log);
            } else {
                connect(client, &me, other, log);
            }
        }
    }

    /// Renames the input or output audio ports (one name per port).
    pub fn rename_audio(&mut self, inputs: bool, names: &[String]) -> Result<()> {
        let ports = if inputs { &mut self.ins } else { &mut self.outs };
        for (p, n) in ports.iter_mut().zip(names) {
            p.set_name(n).map_err(|e| io_error(format!("setJack*PortNames: cannot rename a port to '{n}': {e}")))?;
        }
        Ok(())
    }

    /// Renames the MIDI input or output port.
    pub fn rename_midi(&mut self, input: bool, name: &str) -> Result<()> {
        if let Some(p) = (if input { &mut self.midi_in } else { &mut self.midi_out }).as_mut() {
            p.set_name(name)
                .map_err(|e| io_error(format!("setJackMidi*PortName: cannot rename the port to '{name}': {e}")))?;
        }
        Ok(())
    }

    /// True once JACK has shut the client down (jackd stopped).
    pub fn is_dead(&self) -> bool {
        self.flags.dead.load(Ordering::Acquire)
    }

    /// Xruns JACK reported since boot.
    pub fn xruns(&self) -> u64 {
        self.flags.xruns.load(Ordering::Relaxed)
    }
}

impl Drop for JackBackend {
    /// Deactivates and closes the client (waiting for a cycle in progress).
    fn drop(&mut self) {
        self.flags.closing.store(true, Ordering::Release);
        if let Some(m) = self.monitor.as_ref() {
            m.thread().unpark();
        }
        // The unowned handles go first; the client closes with the state.
        self.ins.clear();
        self.outs.clear();
        self.midi_in = None;
        self.midi_out = None;
        if let Some(State::Active(a)) = self.state.take() {
            let _ = a.deactivate();
        }
        if let Some(m) = self.monitor.take() {
            let _ = m.join();
        }
    }
}

fn port_name(p: &Port<Unowned>) -> String {
    p.name().unwrap_or_default()
}

fn connect(client: &Client, src: &str, dst: &str, log: &Logger) {
    match client.connect_ports_by_name(src, dst) {
        Ok(()) | Err(jack::Error::PortAlreadyConnected(..)) => {}
        Err(e) => log.log(LogLevel::Warning, &format!("JACK: cannot connect '{src}' to '{dst}': {e}")),
    }
}

/// Waits for JACK's shutdown notice, then stops the server and logs it.
fn monitor(flags: Arc<Flags>, server: Weak<ServerInner>, log: Arc<Logger>, name: String) {
    loop {
        if flags.closing.load(Ordering::Acquire) {
            return;
        }
        if flags.dead.load(Ordering::Acquire) {
            if let Some(s) = server.upgrade() {
                s.set_started_by_backend(false);
            }
            log.log(
                LogLevel::Error,
                &format!(
                    "JACK: the server '{}' stopped under client '{name}' ({}); rpyo's server is stopped: shut it down \
                     and boot again once JACK runs",
                    server_name(),
                    flags.reason()
                ),
            );
            return;
        }
        std::thread::park_timeout(Duration::from_millis(250));
    }
}

struct Notifications {
    flags: Arc<Flags>,
    monitor: std::thread::Thread,
}

impl NotificationHandler for Notifications {
    unsafe fn shutdown(&mut self, _status: ClientStatus, reason: &str) {
        // Atomics and an unpark only (async-signal-safe).
        let n = reason.len().min(REASON_CAPACITY);
        for (dst, b) in self.flags.reason.iter().zip(&reason.as_bytes()[..n]) {
            dst.store(*b, Ordering::Relaxed);
        }
        self.flags.reason_len.store(n, Ordering::Release);
        self.flags.dead.store(true, Ordering::Release);
        self.monitor.unpark();
    }

    fn xrun(&mut self, _: &Client) -> Control {
        self.flags.xruns.fetch_add(1, Ordering::Relaxed);
        Control::Continue
    }
}

/// The real-time side: owns the ports.
struct Process {
    server: Weak<ServerInner>,
    ins: Vec<Port<AudioIn>>,
    outs: Vec<Port<AudioOut>>,
    midi_in: Option<Port<MidiIn>>,
    midi_out: Option<Port<MidiOut>>,
    transport_slave: bool,
    /// The transport state seen last cycle (transport slave).
    rolling: Option<bool>,
    /// The engine's block size (JACK's at boot).
    bs: Frames,
    flags: Arc<Flags>,
}

impl Process {
    fn silence(&mut self, ps: &ProcessScope) {
        for p in &mut self.outs {
            p.as_mut_slice(ps).fill(0.0);
        }
    }

    /// setIsJackTransportSlave: the transport starting to roll starts the
    /// server, its stopping stops it (edges only: start() and stop() still
    /// work in between).
    fn follow_transport(&mut self, client: &Client, server: &ServerInner) {
        let rolling = matches!(client.transport().query_state(), Ok(TransportState::Rolling));
        let before = self.rolling.replace(rolling);
        if before != Some(rolling) && (before.is_some() || rolling) {
            server.set_started_by_backend(rolling);
        }
    }
}

/// A short MIDI message from JACK as an engine event at `frame` (sysex and
/// malformed messages are skipped).
fn short_message(bytes: &[u8], frame: u32) -> Option<MidiEvent> {
    let (&status, rest) = bytes.split_first()?;
    if status < 0x80 || status == 0xF0 || rest.len() > 2 {
        return None;
    }
    let d = |i: usize| rest.get(i).map_or(0, |b| b & 0x7F);
    Some(MidiEvent { status, data1: d(0), data2: d(1), frame })
}

impl ProcessHandler for Process {
    fn process(&mut self, client: &Client, ps: &ProcessScope) -> Control {
        let frames = ps.n_frames();
        let Some(server) = self.server.upgrade() else {
            self.silence(ps);
            return Control::Continue;
        };
        if self.transport_slave {
            self.follow_transport(client, &server);
        }
        let Process { ins, outs, midi_in, midi_out, bs, flags, .. } = self;
        let bs = *bs;
        // The writer clears JACK's MIDI buffer: made every cycle.
        let mut sink =
            midi_out.as_mut().map(|p| JackMidiOut { writer: p.writer(ps), frames, base: 0, last: 0, lost: 0 });
        // One engine block per chunk (a JACK cycle is one block unless
        // JACK's buffer size changed since boot): each block gets the MIDI
        // events of its own frames.
        let mut done = 0;
        while done < frames {
            let n = bs.min(frames - done);
            if let Some(port) = midi_in.as_ref() {
                for ev in port.iter(ps).filter(|e| e.time >= done && e.time - done < n) {
                    if let Some(e) = short_message(ev.bytes, ev.time - done) {
                        // A full queue is counted by the server (midi_rejected).
                        let _ = server.push_midi(e);
                    }
                }
            }
            let mut io = JackIo { ps, base: done as usize, ins, outs };
            if server.process_host(&mut io, n as usize).is_err() {
                // Booting or shutting down on another thread: silence.
                for p in outs.iter_mut() {
                    p.as_mut_slice(ps)[done as usize..(done + n) as usize].fill(0.0);
                }
            }
            if let Some(sink) = sink.as_mut() {
                sink.base = done;
                drain_midi_out(&server, sink);
            }
            done += n;
        }
        if let Some(lost) = sink.map(|s| s.lost).filter(|l| *l > 0) {
            flags.midi_out_lost.fetch_add(lost, Ordering::Relaxed);
        }
        Control::Continue
    }

    fn buffer_size(&mut self, _: &Client, size: Frames) -> Control {
        // Not real-time (JACK's rule for this callback): may log.
        if size != self.bs {
            if let Some(s) = self.server.upgrade() {
                s.log(
                    LogLevel::Warning,
                    &format!(
                        "JACK: the cycle is now {size} frames, the server's block stays {} frames: audio goes on \
                         (a cycle shorter than a block adds one block of input latency)",
                        self.bs
                    ),
                );
            }
        }
        Control::Continue
    }
}

/// The JACK ports as the engine's host buffers (planar, f32).
struct JackIo<'a> {
    ps: &'a ProcessScope,
    /// The chunk's first frame in the cycle.
    base: usize,
    ins: &'a [Port<AudioIn>],
    outs: &'a mut [Port<AudioOut>],
}

impl HostIo for JackIo<'_> {
    fn read_input(&self, start: usize, count: usize, dst: &mut [f32]) {
        let n = self.ins.len();
        if n == 0 {
            dst.fill(0.0);
            return;
        }
        for (c, port) in self.ins.iter().enumerate() {
            let start = self.base + start;
            let src = &port.as_slice(self.ps)[start..start + count];
            for (k, s) in src.iter().enumerate() {
                dst[k * n + c] = *s;
            }
        }
    }

    fn write_output(&mut self, start: usize, count: usize, src: &[f32]) {
        let n = self.outs.len();
        for (c, port) in self.outs.iter_mut().enumerate() {
            let start = self.base + start;
            let dst = &mut port.as_mut_slice(self.ps)[start..start + count];
            for (k, d) in dst.iter_mut().enumerate() {
                *d = src[k * n + c];
            }
        }
    }
}

/// Where the MIDI output of one JACK cycle goes: `frame` is the event's
/// frame in the cycle, `bytes` a complete message (no running status).
pub trait MidiOutSink {
    fn send(&mut self, frame: u32, bytes: &[u8]);
}

/// The JACK MIDI output port of one cycle. JACK wants events in time
/// order inside the cycle: a frame before the last one written is moved up
/// to it, a frame past the cycle to its last frame.
pub struct JackMidiOut<'a> {
    writer: jack::MidiWriter<'a>,
    frames: Frames,
    /// The first frame of the block being drained, in the cycle.
    base: Frames,
    last: Frames,
    /// Events JACK had no room for.
    pub lost: u64,
}

impl MidiOutSink for JackMidiOut<'_> {
    fn send(&mut self, frame: u32, bytes: &[u8]) {
        let time = self.base.saturating_add(frame).min(self.frames.saturating_sub(1)).max(self.last);
        match self.writer.write(&RawMidi { time, bytes }) {
            Ok(()) => self.last = time,
            Err(_) => self.lost += 1,
        }
    }
}

/// Writes the MIDI output of the engine's last block (this cycle's block,
/// at `sink.base`) into the JACK MIDI output port. Must not allocate, lock
/// or block.
fn drain_midi_out(server: &ServerInner, sink: &mut dyn MidiOutSink) {
    server.drain_midi_out(&mut |bytes, frame| sink.send(frame, bytes));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_messages() {
        assert_eq!(
            short_message(&[0x90, 60, 100], 7),
            Some(MidiEvent { status: 0x90, data1: 60, data2: 100, frame: 7 })
        );
        assert_eq!(short_message(&[0xC0, 5], 0), Some(MidiEvent { status: 0xC0, data1: 5, data2: 0, frame: 0 }));
        assert_eq!(short_message(&[0xF8], 3).map(|e| e.status), Some(0xF8));
        assert_eq!(short_message(&[0xF0, 1, 2, 0xF7], 0), None);
        assert_eq!(short_message(&[60, 100], 0), None);
        assert_eq!(short_message(&[], 0), None);
    }
}
