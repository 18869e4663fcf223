//! Server creation, settings, lifecycle, getters, callbacks and MIDI.

use super::util::{copy_str, finite_arg, guard, int_arg, null, out_arg, str_arg};
use crate::engine::command::{MeterCallback, ProcessCallback, TimeCallback};
use crate::error::{Error, Result, Status};
use crate::server::config::{AudioBackend, MidiBackend, ServerConfig, MAX_BUFFER_SIZE, MAX_CHANNELS};
use crate::server::log::LogLevel;
use crate::server::ObjectId;
use crate::Server;
use std::ffi::{c_char, c_int, c_void, CString};

/// A server (opaque). Create with rpyo_server_new, free with rpyo_server_free.
pub struct rpyo_server {
    pub(crate) server: Server,
}

/// pyo's Server constructor arguments. Fill with rpyo_server_options_default
/// first (it sets `struct_size`), then change what you need.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct rpyo_server_options {
    /// sizeof(rpyo_server_options), set by rpyo_server_options_default.
    pub struct_size: usize,
    /// Sampling rate in Hz (default 44100; 1000 to 768000).
    pub sr: f64,
    /// Output channels (default 2; 1 to 256).
    pub nchnls: i32,
    /// Frames per block (default 256; 1 to 16384).
    pub buffersize: i32,
    /// 1: read input, 0: output only (default 1).
    pub duplex: i32,
    /// 'portaudio', 'pa', 'jack', 'coreaudio', 'offline', 'offline_nb',
    /// 'embedded' or 'manual'; NULL means 'portaudio' (pyo's default).
    pub audio: *const c_char,
    /// JACK client name; NULL means "rpyo".
    pub jackname: *const c_char,
    /// Input channels; -1 (default) follows nchnls, as pyo's ichnls=None.
    pub ichnls: i32,
    /// Windows host API name; NULL means "directsound".
    pub winhost: *const c_char,
    /// 'portmidi', 'pm' or 'jack'; NULL means 'portmidi'.
    pub midi: *const c_char,
    /// Sum of 1 error, 2 message, 4 warning, 8 debug (default 7).
    pub verbosity: i32,
}

/// Fills `options` with pyo's defaults (and sets its struct_size).
///
/// Errors: RPYO_STATUS_NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_options_default(options: *mut rpyo_server_options) -> Status {
    guard(|| {
        let o = out_arg(options, "options")?;
        *o = rpyo_server_options {
            struct_size: std::mem::size_of::<rpyo_server_options>(),
            sr: 44100.0,
            nchnls: 2,
            buffersize: 256,
            duplex: 1,
            audio: std::ptr::null(),
            jackname: std::ptr::null(),
            ichnls: -1,
            winhost: std::ptr::null(),
            midi: std::ptr::null(),
            verbosity: 7,
        };
        Ok(())
    })
}

fn opt_str<'a>(p: *const c_char, name: &'static str) -> Result<Option<&'a str>> {
    if p.is_null() {
        Ok(None)
    } else {
        str_arg(p, name).map(Some)
    }
}

unsafe fn config_from(options: *const rpyo_server_options) -> Result<ServerConfig> {
    // SAFETY: the caller promises a valid options struct or NULL.
    let o = unsafe { options.as_ref() }.ok_or_else(|| null("options"))?;
    if o.struct_size != std::mem::size_of::<rpyo_server_options>() {
        return Err(Error::invalid(format!(
            "options.struct_size: {} does not match this library's {} (call rpyo_server_options_default first)",
            o.struct_size,
            std::mem::size_of::<rpyo_server_options>()
        )));
    }
    let mut c = ServerConfig {
        sr: finite_arg(o.sr, "sr")?,
        nchnls: int_arg(o.nchnls as i64, "nchnls", 1, MAX_CHANNELS as i64)? as usize,
        buffersize: int_arg(o.buffersize as i64, "buffersize", 1, MAX_BUFFER_SIZE as i64)? as usize,
        duplex: int_arg(o.duplex as i64, "duplex", 0, 1)? == 1,
        ichnls: match o.ichnls {
            -1 => None,
            n => Some(int_arg(n as i64, "ichnls", 1, MAX_CHANNELS as i64)? as usize),
        },
        verbosity: int_arg(o.verbosity as i64, "verbosity", 0, 15)? as u32,
        ..Default::default()
    };
    if let Some(a) = opt_str(o.audio, "audio")? {
        c.audio = AudioBackend::parse(a)?;
    }
    if let Some(m) = opt_str(o.midi, "midi")? {
        c.midi = MidiBackend::parse(m)?;
    }
    if let Some(j) = opt_str(o.jackname, "jackname")? {
        c.jackname = j.to_string();
    }
    if let Some(w) = opt_str(o.winhost, "winhost")? {
        c.winhost = w.to_string();
    }
    Ok(c)
}

/// Creates a server from `options` (NULL options: pyo's defaults), after
/// applying the PYO_SERVER_AUDIO / _MIDI / _WINHOST environment variables
/// as pyo does. Writes the new server to `*out`.
///
/// Errors: NULL_POINTER (out), INVALID_ARGUMENT (naming the option),
/// LIMIT (256 servers exist). Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_new(options: *const rpyo_server_options, out: *mut *mut rpyo_server) -> Status {
    guard(|| {
        let out = out_arg(out, "out")?;
        *out = std::ptr::null_mut();
        let config = if options.is_null() { ServerConfig::default() } else { unsafe { config_from(options)? } };
        let server = Server::new(config)?;
        *out = Box::into_raw(Box::new(rpyo_server { server }));
        Ok(())
    })
}

/// Shuts the server down and frees it, in any state; NULL is ignored. Every
/// handle of its objects becomes stale. Must not be called from inside this
/// server's own process callback (it is then refused: nothing is freed and rpyo_last_error says why).
///
/// Thread: any control thread, not while another thread is inside a call
/// on this server.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_free(server: *mut rpyo_server) {
    if server.is_null() {
        return;
    }
    let _ = guard(|| {
        // SAFETY: non-null; created by rpyo_server_new and not freed before.
        let s = unsafe { &*server };
        if s.server.is_processing_on_this_thread() {
            return Err(Error::state("rpyo_server_free: called from inside the process callback"));
        }
        // SAFETY: as above; ownership returns to Rust and is dropped once.
        drop(unsafe { Box::from_raw(server) });
        Ok(())
    });
}

pub(crate) fn server_arg<'a>(p: *const rpyo_server) -> Result<&'a Server> {
    // SAFETY: the caller promises a server from rpyo_server_new, not freed.
    unsafe { p.as_ref() }.map(|s| &s.server).ok_or_else(|| null("server"))
}

/// Runs `f` on the server behind the panic boundary.
pub(crate) fn with_server(server: *const rpyo_server, f: impl FnOnce(&Server) -> Result<()>) -> Status {
    guard(|| f(server_arg(server)?))
}

/// Writes `f(server)` to `*out` behind the panic boundary.
fn get<T>(server: *const rpyo_server, out: *mut T, f: impl FnOnce(&Server) -> T) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        *out_arg(out, "out")? = f(s);
        Ok(())
    })
}

/// Boots the server: allocates its engine and buffers. `new_buffer` 0
/// keeps the buffer addresses of the previous boot (their size must not
/// have changed).
///
/// Errors: NULL_POINTER, INVALID_STATE (already booted; buffers changed size),
/// FEATURE_DISABLED (the audio backend is not compiled in: the message
/// names the Cargo feature). Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_boot(server: *const rpyo_server, new_buffer: bool) -> Status {
    with_server(server, |s| s.boot(new_buffer))
}

/// Starts processing (with a start offset, computes that many seconds
/// silently first). An 'offline' server renders the recordOptions
/// duration to the recordOptions file and returns when the file is
/// complete; an 'offline_nb' server does it on a worker thread and returns
/// at once (see rpyo_server_wait, rpyo_server_set_done_callback).
///
/// Errors: INVALID_STATE (not booted; an offline render is running),
/// INVALID_ARGUMENT (offline: no duration set, or no format for the file
/// name), IO (offline: the file cannot be created or written).
/// Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_start(server: *const rpyo_server) -> Status {
    with_server(server, |s| s.start())
}

/// Stops processing; process calls then write silence. A recording ends
/// (its file is finalized); an offline render is aborted and its file
/// finalized, shorter (this waits for it unless called from the render's
/// own thread).
///
/// Errors: INVALID_STATE (not booted). Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_stop(server: *const rpyo_server) -> Status {
    with_server(server, |s| s.stop())
}

/// Stops (ending a recording or an offline render, their files
/// finalized), deletes every object (handles become stale) and the engine;
/// the buffers are kept for a later rpyo_server_boot(server, 0). No
/// effect when not booted.
///
/// Errors: INVALID_STATE (called from inside the process callback).
/// Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_shutdown(server: *const rpyo_server) -> Status {
    with_server(server, |s| s.shutdown())
}

/// pyo's setSamplingRate (before boot). Errors: INVALID_ARGUMENT,
/// INVALID_STATE (booted). Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_sampling_rate(server: *const rpyo_server, value: f64) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_sampling_rate(finite_arg(v, "setSamplingRate")?)
    })
}

/// pyo's setBufferSize (before boot; 1 to 16384). Errors:
/// INVALID_ARGUMENT, INVALID_STATE. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_buffer_size(server: *const rpyo_server, value: c_int) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_buffer_size(int_to_usize(v, "setBufferSize", MAX_BUFFER_SIZE)?)
    })
}

/// pyo's setNchnls (before boot; 1 to 256). Errors: INVALID_ARGUMENT,
/// INVALID_STATE. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_nchnls(server: *const rpyo_server, value: c_int) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_nchnls(int_to_usize(v, "setNchnls", MAX_CHANNELS)?)
    })
}

/// pyo's setIchnls (before boot; 1 to 256). Errors: INVALID_ARGUMENT,
/// INVALID_STATE. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_ichnls(server: *const rpyo_server, value: c_int) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_ichnls(int_to_usize(v, "setIchnls", MAX_CHANNELS)?)
    })
}

/// pyo's setDuplex (before boot; 0 or 1). Errors: INVALID_ARGUMENT,
/// INVALID_STATE. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_duplex(server: *const rpyo_server, value: c_int) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_duplex(int_arg(v as i64, "setDuplex", 0, 1)? == 1)
    })
}

/// pyo's setInputDevice (before boot; -1 = default device). Errors:
/// INVALID_ARGUMENT, INVALID_STATE. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_input_device(server: *const rpyo_server, value: c_int) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_input_device(v)
    })
}

/// pyo's setOutputDevice (before boot; -1 = default device). Errors:
/// INVALID_ARGUMENT, INVALID_STATE. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_output_device(server: *const rpyo_server, value: c_int) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_output_device(v)
    })
}

/// pyo's setInOutDevice (before boot). Errors: INVALID_ARGUMENT,
/// INVALID_STATE. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_inout_device(server: *const rpyo_server, value: c_int) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_inout_device(v)
    })
}

/// pyo's setInputOffset (before boot; >= 0). Errors: INVALID_ARGUMENT,
/// INVALID_STATE. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_input_offset(server: *const rpyo_server, value: c_int) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_input_offset(v)
    })
}

/// pyo's setOutputOffset (before boot; >= 0). Errors: INVALID_ARGUMENT,
/// INVALID_STATE. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_output_offset(server: *const rpyo_server, value: c_int) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_output_offset(v)
    })
}

/// pyo's setInOutOffset (before boot; >= 0). Errors: INVALID_ARGUMENT,
/// INVALID_STATE. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_inout_offset(server: *const rpyo_server, value: c_int) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_inout_offset(v)
    })
}

/// pyo's setMidiInputDevice (before boot; an index above the last
/// device opens all inputs). Errors: INVALID_ARGUMENT, INVALID_STATE.
/// Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_midi_input_device(server: *const rpyo_server, value: c_int) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_midi_input_device(v)
    })
}

/// pyo's setMidiOutputDevice (before boot). Errors: INVALID_ARGUMENT,
/// INVALID_STATE. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_midi_output_device(server: *const rpyo_server, value: c_int) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_midi_output_device(v)
    })
}

/// pyo's setIsJackTransportSlave (before boot; 0 or 1). Errors:
/// INVALID_ARGUMENT, INVALID_STATE. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_is_jack_transport_slave(server: *const rpyo_server, value: c_int) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_is_jack_transport_slave(int_arg(v as i64, "setIsJackTransportSlave", 0, 1)? == 1)
    })
}

/// pyo's deactivateMidi (before boot): no MIDI port is opened; events
/// injected with rpyo_server_add_midi_event still arrive. Errors:
/// INVALID_STATE. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_deactivate_midi(server: *const rpyo_server) -> Status {
    with_server(server, |s| s.deactivate_midi())
}

/// pyo's allowMicrosoftMidiDevices (before boot). Errors: INVALID_STATE.
/// Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_allow_microsoft_midi_devices(server: *const rpyo_server) -> Status {
    with_server(server, |s| s.allow_microsoft_midi_devices())
}

/// pyo's setVerbosity: a sum of 1 error, 2 message, 4 warning, 8 debug
/// (0 to 15); allowed at any time. Errors: INVALID_ARGUMENT. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_verbosity(server: *const rpyo_server, value: c_int) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_verbosity(int_arg(v as i64, "setVerbosity", 0, 15)? as u32)
    })
}

/// pyo's setAmp: the master amplitude, reached by a 5 ms ramp from the
/// next block. Errors: INVALID_ARGUMENT (NaN, infinite). Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_amp(server: *const rpyo_server, value: f32) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_amp(v)
    })
}

/// pyo's setGlobalSeed: seeds random objects created afterwards; 0
/// seeds from the clock. Errors: INVALID_ARGUMENT (negative or above
/// 4294967295). Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_global_seed(server: *const rpyo_server, value: i64) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_global_seed(int_arg(v, "setGlobalSeed", 0, u32::MAX as i64)? as u32)
    })
}

/// pyo's setStartOffset, in seconds (>= 0). Errors: INVALID_ARGUMENT.
/// Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_start_offset(server: *const rpyo_server, value: f64) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_start_offset(finite_arg(v, "setStartOffset")? as f32)
    })
}

/// pyo's setGlobalDur, in seconds (>= 0; 0 disables). Errors:
/// INVALID_ARGUMENT. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_global_dur(server: *const rpyo_server, value: f64) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_global_dur(finite_arg(v, "setGlobalDur")? as f32)
    })
}

/// pyo's setGlobalDel, in seconds (>= 0; 0 disables). Errors:
/// INVALID_ARGUMENT. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_global_del(server: *const rpyo_server, value: f64) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_global_del(finite_arg(v, "setGlobalDel")? as f32)
    })
}

/// pyo's setAutoStartChildren (0 or 1). Errors: INVALID_ARGUMENT.
/// Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_auto_start_children(server: *const rpyo_server, value: c_int) -> Status {
    with_server(server, |s| {
        let v = value;
        s.set_auto_start_children(int_arg(v as i64, "setAutoStartChildren", 0, 1)? == 1)
    })
}

/// pyo's beginResamplingBlock(factor): objects created until
/// rpyo_server_end_resampling_block run at sr*factor with blocks of
/// bs*factor samples (a negative factor divides both); Resample converts
/// signals into and out of the block. Errors: INVALID_ARGUMENT (factor 0,
/// not a power of two, beyond -64..64, or a negative factor that does not
/// divide the buffer size), INVALID_STATE (a block is already open).
/// Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_begin_resampling_block(server: *const rpyo_server, factor: c_int) -> Status {
    with_server(server, |s| s.begin_resampling_block(factor))
}

/// pyo's endResamplingBlock(): objects created afterwards run at the
/// server's rate. Errors: INVALID_STATE (no block is open). Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_end_resampling_block(server: *const rpyo_server) -> Status {
    with_server(server, |s| s.end_resampling_block())
}

/// 1 when booted. Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_is_booted(server: *const rpyo_server, out: *mut c_int) -> Status {
    get(server, out, |s| s.is_booted() as c_int)
}

/// 1 when started. Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_is_started(server: *const rpyo_server, out: *mut c_int) -> Status {
    get(server, out, |s| s.is_started() as c_int)
}

/// The sampling rate in Hz. Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_sampling_rate(server: *const rpyo_server, out: *mut f64) -> Status {
    get(server, out, |s| s.sampling_rate())
}

/// The number of output channels. Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_nchnls(server: *const rpyo_server, out: *mut c_int) -> Status {
    get(server, out, |s| s.nchnls() as c_int)
}

/// The number of input channels. Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_ichnls(server: *const rpyo_server, out: *mut c_int) -> Status {
    get(server, out, |s| s.ichnls() as c_int)
}

/// The buffer size in frames. Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_buffer_size(server: *const rpyo_server, out: *mut c_int) -> Status {
    get(server, out, |s| s.buffer_size() as c_int)
}

/// 1 when input is read (duplex). Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_duplex(server: *const rpyo_server, out: *mut c_int) -> Status {
    get(server, out, |s| s.duplex() as c_int)
}

/// The server id (0 to 255), as pyo's getServerID: the argument of the
/// embedded callback. Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_id(server: *const rpyo_server, out: *mut c_int) -> Status {
    get(server, out, |s| s.id() as c_int)
}

/// The number of streams (pyo's getNumberOfStreams). Errors:
/// NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_stream_count(server: *const rpyo_server, out: *mut usize) -> Status {
    get(server, out, |s| s.stream_count())
}

/// Samples computed since boot (pyo's getCurrentTimeInSamples). Errors:
/// NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_current_time_in_samples(server: *const rpyo_server, out: *mut u64) -> Status {
    get(server, out, |s| s.current_time_in_samples())
}

/// 1 when a MIDI port backend delivers input (pyo's getMidiActive).
/// Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_midi_active(server: *const rpyo_server, out: *mut c_int) -> Status {
    get(server, out, |s| s.midi_active() as c_int)
}

/// The master amplitude asked for. Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_amp(server: *const rpyo_server, out: *mut f32) -> Status {
    get(server, out, |s| s.amp())
}

/// The verbosity bits. Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_verbosity(server: *const rpyo_server, out: *mut c_int) -> Status {
    get(server, out, |s| s.verbosity() as c_int)
}

/// The global seed. Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_global_seed(server: *const rpyo_server, out: *mut u32) -> Status {
    get(server, out, |s| s.global_seed())
}

/// The start offset in seconds. Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_start_offset(server: *const rpyo_server, out: *mut f64) -> Status {
    get(server, out, |s| s.start_offset() as f64)
}

/// The global duration in seconds. Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_global_dur(server: *const rpyo_server, out: *mut f64) -> Status {
    get(server, out, |s| s.global_dur() as f64)
}

/// The global delay in seconds. Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_global_del(server: *const rpyo_server, out: *mut f64) -> Status {
    get(server, out, |s| s.global_del() as f64)
}

/// 1 when play/out/stop propagate to argument objects. Errors:
/// NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_auto_start_children(server: *const rpyo_server, out: *mut c_int) -> Status {
    get(server, out, |s| s.auto_start_children() as c_int)
}

/// MIDI events refused because the queue was full. Errors:
/// NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_midi_rejected(server: *const rpyo_server, out: *mut u64) -> Status {
    get(server, out, |s| s.midi_rejected())
}

/// Replaces every constructor setting (pyo's reinit). Not booted only.
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT, INVALID_STATE (booted).
/// Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_reinit(server: *const rpyo_server, options: *const rpyo_server_options) -> Status {
    with_server(server, |s| s.reinit(unsafe { config_from(options)? }))
}

fn int_to_usize(v: c_int, name: &'static str, max: usize) -> Result<usize> {
    Ok(int_arg(v as i64, name, 1, max as i64)? as usize)
}

/// Writes the elapsed time as pyo formats it ("HH : MM : SS : mmm") into
/// `buf` (`len` bytes, NUL-terminated; 32 bytes always suffice).
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT (buffer too small). Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_current_time(server: *const rpyo_server, buf: *mut c_char, len: usize) -> Status {
    guard(|| copy_str(&server_arg(server)?.current_time(), buf, len, "buf"))
}

/// Writes, per output channel, the largest x² of the last block (pyo's
/// getCurrentAmp) into `amps` (room for `len` floats); `*count` receives
/// nchnls. Fewer than nchnls floats of room: as many as fit are written.
///
/// Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_current_amps(
    server: *const rpyo_server,
    amps: *mut f32,
    len: usize,
    count: *mut usize,
) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        let count = out_arg(count, "count")?;
        if amps.is_null() && len > 0 {
            return Err(null("amps"));
        }
        let v = s.current_amps();
        for (i, a) in v.iter().take(len).enumerate() {
            // SAFETY: amps has room for len floats (caller's promise).
            unsafe { *amps.add(i) = *a };
        }
        *count = v.len();
        Ok(())
    })
}

/// One stream of the server (rpyo_server_streams).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct rpyo_stream_info {
    /// The object the stream belongs to.
    pub object: ObjectId,
    /// Index of the stream among the object's streams.
    pub stream: u32,
    /// The object's class name (static string).
    pub class_name: *const c_char,
}

/// Lists the streams in processing (creation) order (pyo's getStreams):
/// writes up to `len` entries to `infos` and the total to `*count`.
///
/// Errors: NULL_POINTER. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_streams(
    server: *const rpyo_server,
    infos: *mut rpyo_stream_info,
    len: usize,
    count: *mut usize,
) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        let count = out_arg(count, "count")?;
        if infos.is_null() && len > 0 {
            return Err(null("infos"));
        }
        let list = s.streams();
        for (i, st) in list.iter().take(len).enumerate() {
            let name = crate::objects::registry::class_c_name(st.class);
            // SAFETY: infos has room for len entries (caller's promise).
            unsafe { *infos.add(i) = rpyo_stream_info { object: st.object, stream: st.stream, class_name: name } };
        }
        *count = list.len();
        Ok(())
    })
}

/// A user pointer handed back to C callbacks.
#[derive(Clone, Copy)]
pub(crate) struct UserData(pub(crate) *mut c_void);
// SAFETY: the host owns what the pointer points to and promises it may be
// used from the thread that calls the callback.
unsafe impl Send for UserData {}
unsafe impl Sync for UserData {}

/// Called at the start of every block, before any object runs, on the audio
/// thread; what it changes acts in the same block.
pub type rpyo_process_callback = Option<unsafe extern "C" fn(user: *mut c_void)>;
/// Receives the elapsed time (hours, minutes, seconds, milliseconds).
pub type rpyo_time_callback = Option<unsafe extern "C" fn(user: *mut c_void, h: c_int, m: c_int, s: c_int, ms: c_int)>;
/// Receives the smoothed level of each output channel.
pub type rpyo_meter_callback = Option<unsafe extern "C" fn(user: *mut c_void, levels: *const f32, nchnls: c_int)>;
/// Receives a log message (NUL-terminated, valid during the call).
pub type rpyo_log_callback = Option<unsafe extern "C" fn(user: *mut c_void, level: LogLevel, message: *const c_char)>;

/// Sets the process callback (NULL clears it). It runs on the audio thread
/// at the top of each block, before any object; changes it makes act in
/// the same block (setAmp shows one block later, as in pyo).
///
/// Errors: NULL_POINTER (server), QUEUE_FULL. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_process_callback(
    server: *const rpyo_server,
    callback: rpyo_process_callback,
    user: *mut c_void,
) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        let user = UserData(user);
        s.set_process_callback(callback.map(|f| -> ProcessCallback {
            Box::new(move || {
                let u = user;
                // SAFETY: the host's function, called with its own pointer.
                unsafe { f(u.0) }
            })
        }))
    })
}

/// Sets the time callback (NULL clears it), called on the audio thread
/// about every 60 ms of audio with the elapsed time.
///
/// Errors: NULL_POINTER (server), QUEUE_FULL. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_time_callback(
    server: *const rpyo_server,
    callback: rpyo_time_callback,
    user: *mut c_void,
) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        let user = UserData(user);
        s.set_time_callback(callback.map(|f| -> TimeCallback {
            Box::new(move |h, m, sec, ms| {
                let u = user;
                // SAFETY: the host's function, called with its own pointer.
                unsafe { f(u.0, h as c_int, m as c_int, sec as c_int, ms as c_int) }
            })
        }))
    })
}

/// Sets the meter callback (NULL clears it), called on the audio thread
/// about every 45 ms of audio with each channel's smoothed level.
///
/// Errors: NULL_POINTER (server), QUEUE_FULL. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_meter_callback(
    server: *const rpyo_server,
    callback: rpyo_meter_callback,
    user: *mut c_void,
) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        let user = UserData(user);
        s.set_meter_callback(callback.map(|f| -> MeterCallback {
            Box::new(move |levels: &[f32]| {
                let u = user;
                // SAFETY: the host's function, called with its own pointer.
                unsafe { f(u.0, levels.as_ptr(), levels.len() as c_int) }
            })
        }))
    })
}

/// Sets where the server's messages go (NULL: standard error), filtered by
/// the verbosity bits. Called on whichever control thread logs (also a
/// recording's writer thread and the offline_nb render thread); never on
/// the audio thread.
///
/// Errors: NULL_POINTER (server). Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_log_callback(
    server: *const rpyo_server,
    callback: rpyo_log_callback,
    user: *mut c_void,
) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        let user = UserData(user);
        s.set_log_callback(callback.map(|f| -> crate::server::log::LogSink {
            Box::new(move |level, msg: &str| {
                let u = user;
                let text = CString::new(msg.replace('\0', " ")).unwrap_or_default();
                // SAFETY: the host's function, called with its own pointer.
                unsafe { f(u.0, level, text.as_ptr()) }
            })
        }));
        Ok(())
    })
}

/// Injects a MIDI event (status 128-255, data 0-127), delivered at the
/// start of the next block and gone after it. Lock-free.
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT, QUEUE_FULL (1024 pending; the
/// event is counted in rpyo_server_midi_rejected). Thread: any, the audio
/// thread included.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_add_midi_event(
    server: *const rpyo_server,
    status: c_int,
    data1: c_int,
    data2: c_int,
) -> Status {
    guard(|| server_arg(server)?.add_midi_event(status, data1, data2))
}

/// Injects a MIDI event at frame `frame` (0 to buffersize-1) of the next block.
///
/// Errors: as rpyo_server_add_midi_event, and INVALID_ARGUMENT for the
/// frame. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_add_midi_event_at(
    server: *const rpyo_server,
    status: c_int,
    data1: c_int,
    data2: c_int,
    frame: i64,
) -> Status {
    guard(|| server_arg(server)?.add_midi_event_at(status, data1, data2, frame))
}
