//! The control side: the Server handle, its settings, its lifecycle
//! (new → boot → start ⇄ stop → shutdown → boot …), and the entry points
//! the host's audio thread calls.

pub mod arith;
pub mod config;
pub mod handle;
pub mod ids;
pub mod jack_settings;
pub mod log;
mod midi_out;
pub(crate) mod nodes;
pub(crate) mod objects;
pub mod offline;
mod record;
mod script_api;

use crate::engine::buffers::IoBuffers;
use crate::engine::cell::{EngineCell, Holder};
use crate::engine::command::{Command, Garbage, MeterCallback, MidiOutCallback, ProcessCallback, TimeCallback};
use crate::engine::denormal::DenormalGuard;
use crate::engine::host::{HostIo, Interleaved, Planar};
use crate::engine::shared::EngineShared;
use crate::engine::{split_time, Engine, EngineLinks, EngineShape};
use crate::error::{Error, Result, Status};
use crate::midi::{MidiEvent, MIDI_QUEUE_CAPACITY};
use crate::objects::registry::ClassSpec;
use crate::record::writer::{Recording, WriterWrapper};
use crate::record::{RecordOptions, RecordStats};
use config::{AudioBackend, ServerConfig};
use crossbeam_queue::ArrayQueue;
pub use handle::ObjectId;
use log::{LogLevel, LogSink, Logger};
use nodes::NodeAlloc;
use objects::{Input, ObjectTable};
use offline::{DoneCallback, OfflineJob};
use ringbuf::traits::{Consumer, Observer, Producer, Split};
use ringbuf::{HeapCons, HeapProd, HeapRb};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

/// Capacity of the command queue to the engine.
pub const COMMAND_CAPACITY: usize = 4096;
/// Capacity of the queue that brings freed things back from the engine.
pub const GARBAGE_CAPACITY: usize = 4096;
/// Streams an engine has room for at boot; it grows on demand.
const INITIAL_NODES: usize = 256;

/// One entry of the server's stream list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StreamInfo {
    /// The object the stream belongs to.
    pub object: ObjectId,
    /// Its index among that object's streams.
    pub stream: u32,
    /// The object's class name.
    pub class: &'static str,
}

/// The control side's state, behind the server's mutex.
pub(crate) struct Control {
    pub(crate) server_id: u32,
    pub(crate) server_generation: u32,
    pub(crate) config: ServerConfig,
    booted: Option<EngineShape>,
    commands: Option<HeapProd<Command>>,
    garbage: Option<HeapCons<Garbage>>,
    /// Commands sent that will each bring back one garbage item.
    awaiting_garbage: usize,
    pub(crate) objects: ObjectTable,
    pub(crate) nodes: NodeAlloc,
    pub(crate) random_counts: HashMap<&'static str, u32>,
    pub(crate) global_seed: u32,
    pub(crate) global_dur: f32,
    pub(crate) global_del: f32,
    start_offset: f32,
    auto_start_children: bool,
    kept_buffers: Option<IoBuffers>,
    io_ptrs: (usize, usize),
    midi_active: bool,
    /// Callbacks set before boot, handed to the engine at boot.
    process_cb: Option<ProcessCallback>,
    time_cb: Option<TimeCallback>,
    meter_cb: Option<MeterCallback>,
    midi_out_cb: Option<MidiOutCallback>,
    /// MIDI output events sent to the engine since boot (makenote: two).
    midi_out_sent: u64,
    /// The factor of the open resampling block (pyo's
    /// beginResamplingBlock), None outside one.
    resampling: Option<i32>,
    /// pyo's recordOptions.
    record_options: RecordOptions,
    /// The recording in progress (recstart to recstop).
    recording: Option<Recording>,
    /// The counters of the current or last recording.
    rec_stats: Option<Arc<RecordStats>>,
    /// Wraps every writer opened (tests).
    writer_wrapper: Option<WriterWrapper>,
    /// The sound card streams (audio 'portaudio'/'pa'/'coreaudio').
    #[cfg(feature = "cpal")]
    pub(crate) cpal: Option<crate::backend::cpal::CpalStreams>,
    /// The open MIDI ports (midi 'portmidi'/'pm').
    #[cfg(feature = "midir")]
    pub(crate) midir: Option<crate::midi::midir::MidirPorts>,
    /// The JACK client, from boot to shutdown (audio='jack').
    #[cfg(feature = "jack")]
    pub(crate) jack: Option<crate::backend::jack::JackBackend>,
}

/// The rate and block size of an object made with resampling factor
/// `factor`: sr*f and bs*f, or sr/|f| and bs/|f| for a negative factor.
pub(crate) fn scaled_rate(sr: f64, bs: usize, factor: i32) -> (f64, usize) {
    let d = factor.unsigned_abs().max(1) as usize;
    if factor < 0 {
        (sr / d as f64, bs / d)
    } else {
        (sr * d as f64, bs * d)
    }
}

/// A server: what every handle, id lookup and host call reaches.
pub struct ServerInner {
    control: Mutex<Control>,
    engine: EngineCell<Option<Box<Engine>>>,
    shared: Arc<EngineShared>,
    midi: Arc<ArrayQueue<MidiEvent>>,
    midi_rejected: AtomicU64,
    log: Arc<Logger>,
    id: u32,
    /// The variables of this server's scripts (created at the first exec).
    script: Mutex<Option<crate::script::eval::Interp>>,
    /// This server, for the offline_nb worker thread.
    self_ref: Weak<ServerInner>,
    /// The offline render in progress or last finished.
    offline: Mutex<Option<OfflineJob>>,
    done_cb: Mutex<Option<DoneCallback>>,
}

fn not_booted() -> Error {
    Error::new(Status::InvalidState, "process: the server is not booted")
}

fn busy_error(h: Holder) -> Error {
    match h {
        Holder::Audio => Error::new(Status::Busy, "process: another thread is processing this server right now"),
        Holder::Control => {
            Error::new(Status::Busy, "process: the server is booting or shutting down on another thread")
        }
    }
}

impl Control {
    /// The rate, block size and factor of an object made now: scaled by
    /// the open resampling block, if any.
    pub(crate) fn creation_rate(&self, what: &str) -> Result<(f64, usize, i32)> {
        let shape = self.require_booted(what)?;
        let factor = self.resampling.unwrap_or(1);
        if factor < 0 && shape.bs % factor.unsigned_abs() as usize != 0 {
            return Err(Error::invalid(format!(
                "{what}: the buffer size {} cannot be divided by the resampling factor {factor}",
                shape.bs
            )));
        }
        let (sr, bs) = scaled_rate(shape.sr, shape.bs, factor);
        Ok((sr, bs, factor))
    }

    fn require_booted(&self, what: &str) -> Result<EngineShape> {
        self.booted.ok_or_else(|| Error::state(format!("{what}: the server is not booted")))
    }

    fn pre_boot(&self, what: &str) -> Result<()> {
        if self.booted.is_some() {
            return Err(Error::state(format!("{what}: must be called before boot (the server is booted)")));
        }
        Ok(())
    }

    fn drain_garbage(&mut self) {
        if let Some(rx) = self.garbage.as_mut() {
            while let Some(g) = rx.try_pop() {
                self.awaiting_garbage = self.awaiting_garbage.saturating_sub(1);
                drop(g);
            }
        }
    }

    /// Sends commands all or none: QueueFull leaves everything as it was.
    pub(crate) fn send(&mut self, cmds: Vec<Command>) -> Result<()> {
        self.drain_garbage();
        let returning = cmds.iter().filter(|c| c.yields_garbage()).count();
        let tx = self.commands.as_mut().ok_or_else(|| Error::state("the server is not booted"))?;
        if tx.vacant_len() < cmds.len() || self.awaiting_garbage + returning > GARBAGE_CAPACITY {
            return Err(Error::queue_full("command"));
        }
        for c in cmds {
            if tx.try_push(c).is_err() {
                // Cannot happen: vacancy was checked and we are the only producer.
                return Err(Error::queue_full("command"));
            }
        }
        self.awaiting_garbage += returning;
        Ok(())
    }
}

impl ServerInner {
    pub(crate) fn lock(&self) -> MutexGuard<'_, Control> {
        self.control.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// After sending commands: when no audio runs, applies them here so the
    /// queue does not fill before start; then frees what came back.
    fn settle(&self, c: &mut Control) {
        if c.booted.is_some() && !self.shared.started.load(Ordering::Acquire) {
            if let Some(mut g) = self.engine.try_control() {
                if let Some(e) = g.as_mut() {
                    e.apply_commands();
                }
            }
        }
        c.drain_garbage();
    }

    /// Runs a control operation that sends commands, then settles.
    fn with_control<R>(&self, f: impl FnOnce(&mut Control) -> Result<R>) -> Result<R> {
        let mut c = self.lock();
        let r = f(&mut c);
        self.settle(&mut c);
        r
    }

    pub fn log(&self, level: LogLevel, msg: &str) {
        self.log.log(level, msg);
    }

    /// This server, weakly (for backends' callbacks).
    #[cfg(feature = "cpal")]
    pub(crate) fn weak(&self) -> Weak<ServerInner> {
        self.self_ref.clone()
    }

    /// True when called from inside this server's own processing (its
    /// process callback).
    pub fn is_processing_on_this_thread(&self) -> bool {
        self.engine.held_by_this_thread()
    }
}

/// An rpyo server. Dropping it shuts it down and frees its id.
pub struct Server {
    inner: Arc<ServerInner>,
}

impl Server {
    /// Creates a server (pyo's `Server(...)`): validates the settings and
    /// applies the PYO_SERVER_* environment overrides.
    pub fn new(mut config: ServerConfig) -> Result<Server> {
        config.apply_environment()?;
        config.validate()?;
        let (id, generation) =
            ids::reserve().ok_or_else(|| Error::new(Status::Limit, "server: 256 servers exist already"))?;
        let verbosity = config.verbosity;
        let control = Control {
            server_id: id,
            server_generation: generation,
            config,
            booted: None,
            commands: None,
            garbage: None,
            awaiting_garbage: 0,
            objects: ObjectTable::default(),
            nodes: NodeAlloc::new(INITIAL_NODES),
            random_counts: HashMap::new(),
            global_seed: 0,
            global_dur: 0.0,
            global_del: 0.0,
            start_offset: 0.0,
            auto_start_children: false,
            kept_buffers: None,
            io_ptrs: (0, 0),
            midi_active: false,
            process_cb: None,
            time_cb: None,
            meter_cb: None,
            midi_out_cb: None,
            midi_out_sent: 0,
            resampling: None,
            record_options: RecordOptions::default(),
            recording: None,
            rec_stats: None,
            writer_wrapper: None,
            #[cfg(feature = "cpal")]
            cpal: None,
            #[cfg(feature = "midir")]
            midir: None,
            #[cfg(feature = "jack")]
            jack: None,
        };
        let inner = Arc::new_cyclic(|me| ServerInner {
            control: Mutex::new(control),
            engine: EngineCell::new(None),
            shared: Arc::new(EngineShared::new()),
            midi: Arc::new(ArrayQueue::new(MIDI_QUEUE_CAPACITY)),
            midi_rejected: AtomicU64::new(0),
            log: Arc::new(Logger::new(verbosity)),
            id,
            script: Mutex::new(None),
            self_ref: me.clone(),
            offline: Mutex::new(None),
            done_cb: Mutex::new(None),
        });
        ids::publish(id, Arc::as_ptr(&inner));
        Ok(Server { inner })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        ids::release(self.inner.id);
        if let Err(e) = self.inner.shutdown() {
            self.inner.log(LogLevel::Error, &format!("free: {e}"));
        }
    }
}

impl std::ops::Deref for Server {
    type Target = ServerInner;
    fn deref(&self) -> &ServerInner {
        &self.inner
    }
}

/// The settings a setter may change before boot, by pyo's method name.
macro_rules! pre_boot_setter {
    ($(#[$doc:meta])* $fn:ident, $pyo:literal, $t:ty, |$c:ident, $v:ident| $body:expr) => {
        $(#[$doc])*
        pub fn $fn(&self, $v: $t) -> Result<()> {
            let mut guard = self.lock();
            guard.pre_boot($pyo)?;
            let mut $c = guard.config.clone();
            $body;
            $c.validate().map_err(|e| Error::invalid(format!("{}: {}", $pyo, e.message)))?;
            guard.config = $c;
            Ok(())
        }
    };
}

fn device(name: &str, x: i32) -> Result<Option<i32>> {
    if x < -1 {
        return Err(Error::invalid(format!("{name}: {x} is not a device index (>= 0, or -1 for the default)")));
    }
    Ok((x >= 0).then_some(x))
}

fn offset(name: &str, x: i32) -> Result<u32> {
    u32::try_from(x).map_err(|_| Error::invalid(format!("{name}: {x} is not a channel offset (>= 0)")))
}

impl ServerInner {
    // ----- pre-boot setters (pyo's list) -----
    pre_boot_setter!(set_sampling_rate, "setSamplingRate", f64, |c, x| c.sr = x);
    pre_boot_setter!(set_buffer_size, "setBufferSize", usize, |c, x| c.buffersize = x);
    pre_boot_setter!(set_nchnls, "setNchnls", usize, |c, x| c.nchnls = x);
    pre_boot_setter!(set_ichnls, "setIchnls", usize, |c, x| c.ichnls = Some(x));
    pre_boot_setter!(set_duplex, "setDuplex", bool, |c, x| c.duplex = x);
    pre_boot_setter!(set_input_device, "setInputDevice", i32, |c, x| c.input_device = device("setInputDevice", x)?);
    pre_boot_setter!(set_output_device, "setOutputDevice", i32, |c, x| c.output_device = device("setOutputDevice", x)?);
    pre_boot_setter!(set_inout_device, "setInOutDevice", i32, |c, x| {
        c.input_device = device("setInOutDevice", x)?;
        c.output_device = c.input_device;
    });
    pre_boot_setter!(set_input_offset, "setInputOffset", i32, |c, x| c.input_offset = offset("setInputOffset", x)?);
    pre_boot_setter!(set_output_offset, "setOutputOffset", i32, |c, x| c.output_offset = offset("setOutputOffset", x)?);
    pre_boot_setter!(set_inout_offset, "setInOutOffset", i32, |c, x| {
        c.input_offset = offset("setInOutOffset", x)?;
        c.output_offset = c.input_offset;
    });
    pre_boot_setter!(set_midi_input_device, "setMidiInputDevice", i32, |c, x| c.midi_input_device =
        device("setMidiInputDevice", x)?);
    pre_boot_setter!(set_midi_output_device, "setMidiOutputDevice", i32, |c, x| c.midi_output_device =
        device("setMidiOutputDevice", x)?);
    pre_boot_setter!(set_is_jack_transport_slave, "setIsJackTransportSlave", bool, |c, x| c.jack_transport_slave = x);

    /// pyo's deactivateMidi(): no MIDI port is opened at boot. Injected
    /// events (add_midi_event) still work, as in pyo.
    pub fn deactivate_midi(&self) -> Result<()> {
        let mut c = self.lock();
        c.pre_boot("deactivateMidi")?;
        c.config.midi_enabled = false;
        Ok(())
    }

    /// pyo's allowMicrosoftMidiDevices().
    pub fn allow_microsoft_midi_devices(&self) -> Result<()> {
        let mut c = self.lock();
        c.pre_boot("allowMicrosoftMidiDevices")?;
        c.config.allow_microsoft_midi = true;
        Ok(())
    }

    /// pyo's reinit(...): replaces every constructor setting (not booted only).
    pub fn reinit(&self, mut config: ServerConfig) -> Result<()> {
        let mut c = self.lock();
        c.pre_boot("reinit")?;
        config.apply_environment()?;
        config.validate()?;
        self.log.set_verbosity(config.verbosity);
        c.config = config;
        Ok(())
    }

    /// The settings in effect.
    pub fn config(&self) -> ServerConfig {
        self.lock().config.clone()
    }

    // ----- lifecycle -----

    /// Boots the server: allocates the engine and its buffers. With
    /// `new_buffer` false, the input/output buffers of the previous boot are
    /// kept (same addresses); their size must not have changed.
    pub fn boot(&self, new_buffer: bool) -> Result<()> {
        let mut c = self.lock();
        if c.booted.is_some() {
            return Err(Error::state("boot: the server is already booted"));
        }
        check_backend(c.config.audio)?;
        // JACK decides the rate and block size: open the client first.
        #[cfg(feature = "jack")]
        let jack = match c.config.audio {
            AudioBackend::Jack => Some(crate::backend::jack::JackBackend::open(&mut c.config, &self.log)?),
            _ => None,
        };
        let cfg = c.config.clone();
        // The sound card first: a device that cannot open fails the boot
        // before anything changes (its callbacks write silence until the
        // engine is in place).
        #[cfg(feature = "cpal")]
        let cpal_streams = match cfg.audio {
            AudioBackend::PortAudio | AudioBackend::CoreAudio => {
                Some(crate::backend::cpal::open(self.weak(), Arc::clone(&self.shared), &cfg)?)
            }
            _ => None,
        };
        let shape = EngineShape {
            sr: cfg.sr,
            bs: cfg.buffersize,
            nchnls: cfg.nchnls,
            ichnls: cfg.input_channels(),
            duplex: cfg.duplex,
        };
        let io = match (new_buffer, c.kept_buffers.take()) {
            (false, Some(kept)) => {
                if kept.input.len() != shape.bs * shape.ichnls || kept.output.len() != shape.bs * shape.nchnls {
                    c.kept_buffers = Some(kept);
                    return Err(Error::state(
                        "boot: new_buffer is false but the buffer size or channel count changed; boot with new_buffer true",
                    ));
                }
                kept
            }
            _ => IoBuffers::new(shape.bs, shape.ichnls, shape.nchnls),
        };
        c.io_ptrs = (io.input.as_ptr() as usize, io.output.as_ptr() as usize);
        let (tx, rx) = HeapRb::<Command>::new(COMMAND_CAPACITY).split();
        let (gtx, grx) = HeapRb::<Garbage>::new(GARBAGE_CAPACITY).split();
        while self.midi.pop().is_some() {}
        self.shared.started.store(false, Ordering::Release);
        self.shared.elapsed.store(0, Ordering::Relaxed);
        self.shared.blocks.store(0, Ordering::Relaxed);
        self.shared.clear_peaks();
        self.shared.midi_out_released.store(0, Ordering::Relaxed);
        c.midi_out_sent = 0;
        let links =
            EngineLinks { commands: rx, garbage: gtx, midi: Arc::clone(&self.midi), shared: Arc::clone(&self.shared) };
        let engine = Box::new(Engine::new(shape, io, links, INITIAL_NODES));
        {
            let mut g = self
                .engine
                .lock_control()
                .ok_or_else(|| Error::state("boot: cannot be called from inside the process callback"))?;
            *g = Some(engine);
        }
        c.commands = Some(tx);
        c.garbage = Some(grx);
        c.awaiting_garbage = 0;
        c.nodes = NodeAlloc::new(INITIAL_NODES);
        c.random_counts.clear();
        c.booted = Some(shape);
        let mut pending = Vec::new();
        if let Some(cb) = c.process_cb.take() {
            pending.push(Command::SetProcessCallback(Some(cb)));
        }
        if let Some(cb) = c.time_cb.take() {
            pending.push(Command::SetTimeCallback(Some(cb)));
        }
        if let Some(cb) = c.meter_cb.take() {
            pending.push(Command::SetMeterCallback(Some(cb)));
        }
        if let Some(cb) = c.midi_out_cb.take() {
            pending.push(Command::SetMidiOutCallback(Some(cb)));
        }
        c.send(pending)?;
        c.midi_active = false;
        #[cfg(feature = "cpal")]
        if let Some(streams) = cpal_streams {
            self.log.log(LogLevel::Debug, &format!("audio: {}", streams.description));
            c.cpal = Some(streams);
        }
        #[cfg(feature = "jack")]
        if let Some(mut j) = jack {
            if let Err(e) = j.activate(self.self_ref.clone(), &cfg, &self.log) {
                drop(c);
                let _ = self.shutdown();
                return Err(e);
            }
            c.midi_active = j.has_midi();
            c.jack = Some(j);
        }
        #[cfg(feature = "midir")]
        if c.config.midi_enabled && c.config.midi != config::MidiBackend::Jack {
            let ports = crate::midi::midir::open_for_server(
                &c.config,
                Arc::clone(&self.midi),
                Arc::clone(&self.shared),
                &|level, msg| self.log.log(level, msg),
            );
            c.midi_active = ports.as_ref().is_some_and(|p| p.inputs() > 0);
            if let Some(sender) = ports.as_ref().and_then(|p| p.sender()) {
                self.connect_midi_out_port(&mut c, sender);
            }
            c.midir = ports;
        }
        if c.config.midi_enabled && !c.midi_active && c.config.midi == config::MidiBackend::Jack {
            self.log.log(
                LogLevel::Warning,
                "midi='jack': JACK MIDI ports come with audio='jack' (Cargo feature `jack`); MIDI input comes only \
                 from add_midi_event",
            );
        } else if c.config.midi_enabled && !c.midi_active && !cfg!(feature = "midir") {
            self.log.log(
                LogLevel::Warning,
                &format!(
                    "MIDI ports ('{}') need the Cargo feature `midir`; MIDI input comes only from add_midi_event",
                    c.config.midi.name()
                ),
            );
        }
        self.settle(&mut c);
        self.log.log(
            LogLevel::Debug,
            &format!(
                "booted: {} Hz, {} frames, {} out / {} in channels",
                shape.sr, shape.bs, shape.nchnls, shape.ichnls
            ),
        );
        Ok(())
    }

    /// Starts processing. With a start offset, the first `ceil(x*sr/bs)`
    /// blocks are computed here, silently.
    pub fn start(&self) -> Result<()> {
        let c = self.lock();
        let shape = c.require_booted("start")?;
        if matches!(c.config.audio, AudioBackend::Offline | AudioBackend::OfflineNb) {
            return self.start_offline(c, shape);
        }
        if self.shared.started.load(Ordering::Acquire) {
            return Ok(());
        }
        #[cfg(feature = "jack")]
        if c.jack.as_ref().is_some_and(|j| j.is_dead()) {
            return Err(Error::state("start: the JACK server stopped under this server; shut down and boot again"));
        }
        let preroll =
            if c.start_offset > 0.0 { (c.start_offset as f64 * shape.sr / shape.bs as f64).ceil() as u64 } else { 0 };
        if preroll > 0 && self.is_processing_on_this_thread() {
            return Err(Error::state("start: with a start offset, cannot be called from inside the process callback"));
        }
        self.shared.start_generation.fetch_add(1, Ordering::AcqRel);
        self.shared.started.store(true, Ordering::Release);
        // The offset's blocks run without the control lock: the process
        // callback may call the server during them.
        drop(c);
        if preroll > 0 {
            // As the audio side (waiting out a block in progress), so that a
            // callback calling the server is treated as in any block.
            let _ftz = DenormalGuard::new();
            let mut g = loop {
                match self.engine.try_audio() {
                    Ok(g) => break g,
                    Err(_) => std::thread::yield_now(),
                }
            };
            if let Some(e) = g.as_mut() {
                e.preroll(preroll);
            }
        }
        self.lock().drain_garbage();
        Ok(())
    }

    /// Stops processing: process calls write silence until the next start.
    /// A recording ends (its file is finalized); an offline render is
    /// aborted, leaving a valid, finalized, shorter file (this waits for
    /// it, unless called from the render's own thread).
    pub fn stop(&self) -> Result<()> {
        self.lock().require_booted("stop")?;
        self.abort_offline();
        let rec = {
            let mut c = self.lock();
            self.shared.started.store(false, Ordering::Release);
            self.settle(&mut c);
            c.recording.take()
        };
        self.end_recording(rec, "stop");
        Ok(())
    }

    /// Shuts down: deletes every object (their handles become stale) and the
    /// engine. The buffers are kept for a later `boot(false)`.
    pub fn shutdown(&self) -> Result<()> {
        if self.is_processing_on_this_thread() {
            return Err(Error::state("shutdown: cannot be called from inside the process callback"));
        }
        self.abort_offline();
        // Real-time streams stop first, without the control lock (their
        // callbacks may call the server).
        #[cfg(feature = "cpal")]
        {
            let streams = self.lock().cpal.take();
            drop(streams);
        }
        #[cfg(feature = "midir")]
        {
            let ports = self.lock().midir.take();
            drop(ports);
        }
        let mut c = self.lock();
        if c.booted.is_none() {
            return Ok(());
        }
        // A real-time backend stops calling the engine first (this waits
        // for a cycle in progress).
        #[cfg(feature = "jack")]
        drop(c.jack.take());
        // Take the engine first: refused (from inside the process callback),
        // the server stays exactly as it was.
        let mut g = self
            .engine
            .lock_control()
            .ok_or_else(|| Error::state("shutdown: cannot be called from inside the process callback"))?;
        self.shared.started.store(false, Ordering::Release);
        let engine = g.take();
        drop(g);
        c.commands = None;
        c.garbage = None;
        c.awaiting_garbage = 0;
        c.objects.clear();
        c.nodes = NodeAlloc::new(INITIAL_NODES);
        c.booted = None;
        c.midi_active = false;
        if let Some(e) = engine {
            c.kept_buffers = Some(e.into_buffers());
        }
        // The engine (and the recording's tap in it) is gone: finalize.
        let rec = c.recording.take();
        drop(c);
        self.end_recording(rec, "shutdown");
        Ok(())
    }

    // ----- getters and runtime settings -----

    pub fn is_booted(&self) -> bool {
        self.lock().booted.is_some()
    }
    pub fn is_started(&self) -> bool {
        self.shared.started.load(Ordering::Acquire)
    }
    /// Starts or stops processing from a backend's thread (JACK transport,
    /// JACK gone): atomics only, no start offset, no recording change.
    #[cfg_attr(not(feature = "jack"), allow(dead_code))]
    pub(crate) fn set_started_by_backend(&self, on: bool) {
        if on {
            self.shared.start_generation.fetch_add(1, Ordering::AcqRel);
        }
        self.shared.started.store(on, Ordering::Release);
    }
    pub fn sampling_rate(&self) -> f64 {
        self.lock().config.sr
    }
    pub fn nchnls(&self) -> usize {
        self.lock().config.nchnls
    }
    pub fn ichnls(&self) -> usize {
        self.lock().config.input_channels()
    }
    pub fn buffer_size(&self) -> usize {
        self.lock().config.buffersize
    }
    pub fn duplex(&self) -> bool {
        self.lock().config.duplex
    }
    /// pyo's server id (0 to 255): the argument of the embedded callback.
    pub fn id(&self) -> u32 {
        self.id
    }
    pub fn stream_count(&self) -> usize {
        self.lock().nodes.order().len()
    }
    /// Every stream in processing (creation) order.
    pub fn streams(&self) -> Vec<StreamInfo> {
        self.object_handles_of_streams()
            .into_iter()
            .map(|(object, stream, class)| StreamInfo { object, stream, class })
            .collect()
    }
    /// Samples computed since boot (pyo's getCurrentTimeInSamples).
    pub fn current_time_in_samples(&self) -> u64 {
        self.shared.elapsed.load(Ordering::Relaxed)
    }
    /// The elapsed time as pyo formats it: "HH : MM : SS : mmm".
    pub fn current_time(&self) -> String {
        let (h, m, s, ms) = split_time(self.current_time_in_samples(), self.sampling_rate());
        format!("{h:02} : {m:02} : {s:02} : {ms:03}")
    }
    /// Per channel, the largest x² of the last block (pyo's getCurrentAmp).
    pub fn current_amps(&self) -> Vec<f32> {
        (0..self.nchnls()).map(|c| self.shared.peak(c)).collect()
    }
    /// 1 when a MIDI port backend delivers input (pyo's getMidiActive).
    pub fn midi_active(&self) -> bool {
        self.lock().midi_active
    }
    pub fn amp(&self) -> f32 {
        self.shared.amp()
    }
    /// pyo's setAmp: ramps to `amp` over 5 ms from the next block.
    pub fn set_amp(&self, amp: f32) -> Result<()> {
        if !amp.is_finite() {
            return Err(Error::invalid("setAmp: amp must be a finite number"));
        }
        self.shared.set_amp(amp);
        Ok(())
    }
    pub fn verbosity(&self) -> u32 {
        self.log.verbosity()
    }
    pub fn set_verbosity(&self, v: u32) -> Result<()> {
        config::check_verbosity(v)?;
        self.log.set_verbosity(v);
        self.lock().config.verbosity = v;
        Ok(())
    }
    pub fn global_seed(&self) -> u32 {
        self.lock().global_seed
    }
    /// pyo's setGlobalSeed: 0 seeds random objects from the clock.
    pub fn set_global_seed(&self, seed: u32) -> Result<()> {
        self.lock().global_seed = seed;
        Ok(())
    }
    pub fn start_offset(&self) -> f32 {
        self.lock().start_offset
    }
    pub fn set_start_offset(&self, x: f32) -> Result<()> {
        if !x.is_finite() || x < 0.0 {
            return Err(Error::invalid(format!("setStartOffset: {x} is not a time in seconds (>= 0)")));
        }
        self.lock().start_offset = x;
        Ok(())
    }
    pub fn global_dur(&self) -> f32 {
        self.lock().global_dur
    }
    pub fn set_global_dur(&self, x: f32) -> Result<()> {
        if !x.is_finite() || x < 0.0 {
            return Err(Error::invalid(format!("setGlobalDur: {x} is not a time in seconds (>= 0)")));
        }
        self.lock().global_dur = x;
        Ok(())
    }
    pub fn global_del(&self) -> f32 {
        self.lock().global_del
    }
    pub fn set_global_del(&self, x: f32) -> Result<()> {
        if !x.is_finite() || x < 0.0 {
            return Err(Error::invalid(format!("setGlobalDel: {x} is not a time in seconds (>= 0)")));
        }
        self.lock().global_del = x;
        Ok(())
    }
    pub fn auto_start_children(&self) -> bool {
        self.lock().auto_start_children
    }
    /// Stored; play/out/stop propagate to argument objects once the object
    /// model acts on it.
    pub fn set_auto_start_children(&self, state: bool) -> Result<()> {
        self.lock().auto_start_children = state;
        Ok(())
    }
    /// MIDI events refused because the queue was full.
    pub fn midi_rejected(&self) -> u64 {
        self.midi_rejected.load(Ordering::Relaxed)
    }
    /// Things the engine leaked instead of freeing on the audio thread (0).
    pub fn leaked(&self) -> u64 {
        self.shared.leaked.load(Ordering::Relaxed)
    }

    // ----- callbacks and log -----

    /// Sets (or clears) the log sink; None restores standard error.
    pub fn set_log_callback(&self, sink: Option<LogSink>) {
        self.log.set_sink(sink);
    }

    fn set_callback(&self, cmd: Command, keep: impl FnOnce(&mut Control, Command)) -> Result<()> {
        let mut c = self.lock();
        if c.booted.is_none() {
            keep(&mut c, cmd);
            return Ok(());
        }
        let r = c.send(vec![cmd]);
        self.settle(&mut c);
        r
    }

    /// The host's process callback, called at the top of every block before
    /// any object runs (on the audio thread).
    pub fn set_process_callback(&self, cb: Option<ProcessCallback>) -> Result<()> {
        self.set_callback(Command::SetProcessCallback(cb), |c, cmd| {
            if let Command::SetProcessCallback(cb) = cmd {
                c.process_cb = cb;
            }
        })
    }

    /// Called with (hours, minutes, seconds, milliseconds) about every 60 ms
    /// of audio (on the audio thread).
    pub fn set_time_callback(&self, cb: Option<TimeCallback>) -> Result<()> {
        self.set_callback(Command::SetTimeCallback(cb), |c, cmd| {
            if let Command::SetTimeCallback(cb) = cmd {
                c.time_cb = cb;
            }
        })
    }

    /// Called with the smoothed per-channel levels about every 45 ms of
    /// audio (on the audio thread).
    pub fn set_meter_callback(&self, cb: Option<MeterCallback>) -> Result<()> {
        self.set_callback(Command::SetMeterCallback(cb), |c, cmd| {
            if let Command::SetMeterCallback(cb) = cmd {
                c.meter_cb = cb;
            }
        })
    }

    // ----- resampling blocks -----

    /// pyo's beginResamplingBlock(factor): every object made until
    /// [`end_resampling_block`](Self::end_resampling_block) runs at sr*factor
    /// with blocks of bs*factor samples (a negative factor divides both).
    /// `Resample` converts signals into and out of the block. The factor is
    /// a power of two, at most 64 either way; a negative one must divide the
    /// buffer size. Blocks do not nest.
    pub fn begin_resampling_block(&self, factor: i32) -> Result<()> {
        let mut c = self.lock();
        if let Some(open) = c.resampling {
            return Err(Error::state(format!(
                "beginResamplingBlock: a resampling block (factor {open}) is already open; call endResamplingBlock first"
            )));
        }
        let max = crate::engine::MAX_RESAMPLING_FACTOR;
        let size = factor.unsigned_abs() as usize;
        if factor == 0 || !size.is_power_of_two() || size > max {
            return Err(Error::invalid(format!(
                "beginResamplingBlock: the factor {factor} is not a power of two between -{max} and {max} (not 0)"
            )));
        }
        let bs = c.booted.map(|s| s.bs).unwrap_or(c.config.buffersize);
        if factor < 0 && bs % size != 0 {
            return Err(Error::invalid(format!(
                "beginResamplingBlock: the buffer size {bs} cannot be divided by {size} (factor {factor})"
            )));
        }
        c.resampling = Some(factor);
        Ok(())
    }

    /// pyo's endResamplingBlock(): objects made from now on run at the
    /// server's rate again.
    pub fn end_resampling_block(&self) -> Result<()> {
        let mut c = self.lock();
        if c.resampling.take().is_none() {
            return Err(Error::state(
                "endResamplingBlock: no resampling block is open (call beginResamplingBlock first)",
            ));
        }
        Ok(())
    }

    /// The factor of the open resampling block, 1 outside one.
    pub fn resampling_factor(&self) -> i32 {
        self.lock().resampling.unwrap_or(1)
    }

    // ----- MIDI -----

    /// Injects a MIDI event, delivered at the start of the next block.
    /// Lock-free while the server runs: callable from any thread, the audio
    /// thread included.
    ///
    /// An event given while the server is stopped lands where pyo puts it
    /// (measured in its manual and offline modes, tests/examples.rs): in
    /// the first block, at the frame of the block's duration in whole
    /// milliseconds, `int(int(1000 * bs / sr) * sr / 1000)` (220 at 256
    /// frames and 44.1 kHz; 0 when a block is shorter than 1 ms).
    pub fn add_midi_event(&self, status: i32, data1: i32, data2: i32) -> Result<()> {
        let frame = if self.is_started() { 0 } else { self.stopped_midi_frame() };
        self.push_midi(MidiEvent::new(status, data1, data2, frame)?)
    }

    fn stopped_midi_frame(&self) -> u32 {
        let Ok(c) = self.control.try_lock() else { return 0 };
        let (sr, bs) = (c.config.sr, c.config.buffersize as f64);
        let ms = (1000.0 * bs / sr).floor();
        ((ms * sr / 1000.0) as u32).min(c.config.buffersize.saturating_sub(1) as u32)
    }

    /// Injects a MIDI event at frame `frame` (0 to buffersize-1) of the next block.
    pub fn add_midi_event_at(&self, status: i32, data1: i32, data2: i32, frame: i64) -> Result<()> {
        let bs = self.lock().config.buffersize;
        if frame < 0 || frame >= bs as i64 {
            return Err(Error::invalid(format!("frame: {frame} is outside the block (0 to {})", bs - 1)));
        }
        self.push_midi(MidiEvent::new(status, data1, data2, frame as u32)?)
    }

    /// Queues an event for the next block (lock-free, no allocation).
    pub(crate) fn push_midi(&self, e: MidiEvent) -> Result<()> {
        if self.midi.push(e).is_err() {
            self.midi_rejected.fetch_add(1, Ordering::Relaxed);
            return Err(Error::new(
                Status::QueueFull,
                "add_midi_event: the MIDI queue is full (1024 events); the event was not added",
            ));
        }
        Ok(())
    }

    // ----- host buffers and process -----

    /// The interleaved input buffer (`buffersize * ichnls` floats), stable
    /// from boot to shutdown.
    pub fn input_buffer(&self) -> Result<*mut f32> {
        let c = self.lock();
        c.require_booted("input_buffer")?;
        Ok(c.io_ptrs.0 as *mut f32)
    }

    /// The interleaved output buffer (`buffersize * nchnls` floats).
    pub fn output_buffer(&self) -> Result<*mut f32> {
        let c = self.lock();
        c.require_booted("output_buffer")?;
        Ok(c.io_ptrs.1 as *mut f32)
    }

    /// Computes one block from the input buffer into the output buffer
    /// (manual mode, and pyo's embedded callback).
    pub fn process_block(&self) -> Result<()> {
        let _ftz = DenormalGuard::new();
        let mut g = self.engine.try_audio().map_err(busy_error)?;
        let e = g.as_mut().ok_or_else(not_booted)?;
        e.process_block();
        Ok(())
    }

    /// Processes `frames` frames (any count) of any host's buffers: the
    /// path of the process_* entry points and of the real-time backends.
    pub(crate) fn process_host(&self, io: &mut dyn HostIo, frames: usize) -> Result<()> {
        let _ftz = DenormalGuard::new();
        let mut g = self.engine.try_audio().map_err(busy_error)?;
        let e = g.as_mut().ok_or_else(not_booted)?;
        e.process_host(io, frames);
        Ok(())
    }

    /// (nchnls, ichnls) of the booted engine, without waiting: for the C
    /// entry points, which size host slices before processing.
    pub fn process_channels(&self) -> Result<(usize, usize)> {
        let shape = self.shape_for_process()?;
        Ok((shape.nchnls, shape.ichnls))
    }

    /// The engine's shape, without waiting (for the process entry points).
    fn shape_for_process(&self) -> Result<EngineShape> {
        let g = self.engine.try_audio().map_err(busy_error)?;
        g.as_ref().map(|e| e.shape).ok_or_else(not_booted)
    }

    /// Processes `frames` frames (any count) of interleaved host buffers:
    /// `input` holds `frames * ichnls` samples (None or ignored when duplex
    /// is off), `output` `frames * nchnls`.
    pub fn process_interleaved<T: crate::engine::host::HostSample>(
        &self,
        input: Option<&[T]>,
        output: &mut [T],
        frames: usize,
    ) -> Result<()> {
        let shape = self.shape_for_process()?;
        if output.len() < frames * shape.nchnls {
            return Err(Error::new(Status::InvalidArgument, "process: output is shorter than frames * nchnls"));
        }
        let input = if shape.duplex { input } else { None };
        if let Some(i) = input {
            if i.len() < frames * shape.ichnls {
                return Err(Error::new(Status::InvalidArgument, "process: input is shorter than frames * ichnls"));
            }
        }
        let mut io = Interleaved { input, output, ichnls: shape.ichnls, nchnls: shape.nchnls };
        self.process_host(&mut io, frames)
    }

    /// Processes `frames` frames of planar host buffers: one slice per
    /// channel, `ichnls` inputs (may be empty when duplex is off) and
    /// `nchnls` outputs, each at least `frames` long.
    pub fn process_planar<T: crate::engine::host::HostSample>(
        &self,
        input: &[&[T]],
        output: &mut [&mut [T]],
        frames: usize,
    ) -> Result<()> {
        let shape = self.shape_for_process()?;
        if output.len() != shape.nchnls || output.iter().any(|c| c.len() < frames) {
            return Err(Error::new(
                Status::InvalidArgument,
                "process: output needs nchnls channels of at least frames samples",
            ));
        }
        let input = if shape.duplex && !input.is_empty() {
            if input.len() != shape.ichnls || input.iter().any(|c| c.len() < frames) {
                return Err(Error::new(
                    Status::InvalidArgument,
                    "process: input needs ichnls channels of at least frames samples",
                ));
            }
            Some(input)
        } else {
            None
        };
        let mut io = Planar { input, output };
        self.process_host(&mut io, frames)
    }

    // ----- objects -----

    /// Creates an object: `class` is a pyo class name, `args` its arguments
    /// as in pyo without parentheses ("freq=440, mul=0.5").
    pub fn object_new(&self, class: &str, args: &str) -> Result<ObjectId> {
        self.with_control(|c| c.object_new(class, args))
    }
    /// Sets a parameter of every stream to a number.
    pub fn object_set_float(&self, obj: ObjectId, param: &str, value: f32) -> Result<()> {
        self.with_control(|c| c.object_set(obj, param, Input::Numbers(vec![value])))
    }
    /// Sets a parameter per stream: stream i takes `values[i % len]`.
    pub fn object_set_list(&self, obj: ObjectId, param: &str, values: &[f32]) -> Result<()> {
        self.with_control(|c| c.object_set(obj, param, Input::Numbers(values.to_vec())))
    }
    /// Sets an audio-rate parameter to another object's output.
    pub fn object_set_object(&self, obj: ObjectId, param: &str, source: ObjectId) -> Result<()> {
        self.with_control(|c| {
            let input = c.object_input(source)?;
            c.object_set(obj, param, input)
        })
    }
    /// Sets an inputs parameter (Mix's input) to the streams of `sources`.
    pub fn object_set_objects(&self, obj: ObjectId, param: &str, sources: &[ObjectId]) -> Result<()> {
        self.with_control(|c| {
            // A list of objects: all their streams for Mix-like parameters,
            // one object per stream (pyo's lists) for the others.
            let value = crate::objects::args::Value::List(
                sources.iter().map(|s| crate::objects::args::Value::Object(s.id)).collect(),
            );
            c.object_set_value(obj, param, &value)
        })
    }
    /// `a op operand` as a new object (pyo's `a * x`, `x - a`, ...).
    pub fn object_arith(&self, a: ObjectId, op: arith::ArithOp, operand: &arith::Operand) -> Result<ObjectId> {
        self.with_control(|c| c.object_arith(a, op, operand))
    }
    /// `a op= operand`: replaces a's mul (`*=`, `/=`) or add (`+=`, `-=`).
    pub fn object_arith_in_place(&self, a: ObjectId, op: arith::ArithOp, operand: &arith::Operand) -> Result<()> {
        self.with_control(|c| c.object_arith_in_place(a, op, operand))
    }
    /// pyo's `obj[i]`: one stream as an object.
    pub fn object_stream(&self, obj: ObjectId, i: usize) -> Result<ObjectId> {
        self.with_control(|c| c.object_stream(obj, i))
    }
    /// Sets parameter `param` of every stream to `value` at frame `frame`
    /// of the next block the server computes (sample-accurate; audio-rate
    /// parameters, mul and add): the samples before the frame still see the
    /// old value.
    pub fn object_set_float_at(&self, obj: ObjectId, param: &str, value: f32, frame: u32) -> Result<()> {
        if !value.is_finite() {
            return Err(Error::invalid(format!("{param}: {value} is not a finite number")));
        }
        self.with_control(|c| c.object_set_float_at(obj, param, value, frame))
    }
    /// pyo's setInput(x, fadetime): the processed input (`input`) of every
    /// stream becomes `source`'s, crossfading over `fadetime` seconds as
    /// pyo's InputFader does (0: at once).
    pub fn object_set_input(&self, obj: ObjectId, source: ObjectId, fadetime: f64) -> Result<()> {
        self.with_control(|c| {
            let input = c.object_input(source)?;
            c.object_set_input(obj, "input", input, fadetime)
        })
    }
    /// pyo's useWaitTimeOnStop: with setAutoStartChildren on, a parent's
    /// stop reaching this object as its mul waits as the parent does
    /// instead of stopping it at once.
    pub fn object_use_wait_time_on_stop(&self, obj: ObjectId, on: bool) -> Result<()> {
        self.with_control(|c| c.object_use_wait_time_on_stop(obj, on))
    }
    /// pyo's `obj['key']`: a new object giving the streams the key names
    /// (`ClassSpec::keys`: TableRead's "trig", TableRec's "time", Notein's
    /// "pitch", ...). Free it as any object.
    pub fn object_key(&self, obj: ObjectId, key: &str) -> Result<ObjectId> {
        self.with_control(|c| c.object_key(obj, key))
    }
    /// Calls a method of the object's class (`ClassSpec::methods`, e.g.
    /// `reset`) on every stream at the top of the next block; `args` in the
    /// method's order, missing ones taking their defaults (NaN: pyo's None).
    pub fn object_call(&self, obj: ObjectId, method: &str, args: &[f32]) -> Result<()> {
        self.with_control(|c| c.object_call(obj, method, args))
    }
    /// pyo's `obj.mix(voices)`: a Mix of the object's streams.
    pub fn object_mix(&self, obj: ObjectId, voices: usize) -> Result<ObjectId> {
        self.object_new("Mix", &format!("@{}, voices={voices}", obj.id))
    }
    /// Sets a text parameter (a file path).
    pub fn object_set_text(&self, obj: ObjectId, param: &str, text: &str) -> Result<()> {
        self.with_control(|c| c.object_set(obj, param, Input::Text(text.to_owned())))
    }
    /// The last sample stream `stream` computed (pyo's get()); of a table
    /// object, its point `stream`.
    pub fn object_get(&self, obj: ObjectId, stream: usize) -> Result<f32> {
        self.lock().object_get(obj, stream)
    }
    /// pyo's play(dur, delay), in seconds.
    pub fn object_play(&self, obj: ObjectId, dur: f32, delay: f32) -> Result<()> {
        self.with_control(|c| c.object_play(obj, dur, delay))
    }
    /// pyo's out(chnl, inc, dur, delay): stream i goes to channel
    /// `(chnl + i*inc) % nchnls`.
    pub fn object_out(&self, obj: ObjectId, chnl: i32, inc: i32, dur: f32, delay: f32) -> Result<()> {
        self.with_control(|c| c.object_out(obj, chnl, inc, dur, delay))
    }
    /// pyo's out(chnl=[c0, c1, ...]): stream i goes to channel
    /// `chnls[i % len] % nchnls`.
    pub fn object_out_channels(&self, obj: ObjectId, chnls: &[i32], dur: f32, delay: f32) -> Result<()> {
        self.with_control(|c| c.object_out_channels(obj, chnls, dur, delay))
    }
    /// pyo's stop(wait), in seconds.
    pub fn object_stop(&self, obj: ObjectId, wait: f32) -> Result<()> {
        self.with_control(|c| c.object_stop(obj, wait))
    }
    /// pyo's setStopDelay(x): replaces the wait of later stop() calls.
    pub fn object_set_stop_delay(&self, obj: ObjectId, delay: f32) -> Result<()> {
        self.with_control(|c| c.object_set_stop_delay(obj, delay))
    }
    /// Lets go of an object (its handle becomes stale).
    pub fn object_free(&self, obj: ObjectId) -> Result<()> {
        self.with_control(|c| c.object_free(obj))
    }
    /// Number of streams of an object (pyo's len(obj)); of a table object,
    /// its channels.
    pub fn object_stream_count(&self, obj: ObjectId) -> Result<usize> {
        self.lock().object_streams(obj)
    }
    /// The class of an object.
    pub fn object_class(&self, obj: ObjectId) -> Result<&'static ClassSpec> {
        self.lock().object_class(obj)
    }
}

/// Boot fails for backends not compiled in, naming the Cargo feature.
fn check_backend(audio: AudioBackend) -> Result<()> {
    let feature = match audio {
        #[cfg(feature = "cpal")]
        AudioBackend::PortAudio | AudioBackend::CoreAudio => return Ok(()),
        #[cfg(not(feature = "cpal"))]
        AudioBackend::PortAudio | AudioBackend::CoreAudio => "cpal",
        AudioBackend::Jack if cfg!(feature = "jack") => return Ok(()),
        AudioBackend::Jack => "jack",
        AudioBackend::Offline | AudioBackend::OfflineNb | AudioBackend::Embedded | AudioBackend::Manual => {
            return Ok(())
        }
    };
    Err(Error::new(
        Status::FeatureDisabled,
        format!(
            "boot: audio='{}' needs the Cargo feature `{feature}`; rebuild rpyo with --features {feature}",
            audio.name()
        ),
    ))
}

/// Runs `f` with the server that `obj` belongs to.
pub fn with_object_server<R>(obj: ObjectId, f: impl FnOnce(&ServerInner) -> Result<R>) -> Result<R> {
    if obj.id == 0 {
        return Err(Error::stale("object: the handle is empty (0)"));
    }
    ids::with_server(obj.server(), Some(obj.server_generation()), f)
        .unwrap_or_else(|| Err(Error::stale("object: its server was freed")))
}

/// Runs `f` with the server of pyo id `id`.
pub fn with_server_id<R>(id: u32, f: impl FnOnce(&ServerInner) -> R) -> Option<R> {
    ids::with_server(id, None, f)
}
