//! MIDI output: pyo's noteout, afterout, ctlout, programout, pressout,
//! bendout, sysexout and makenote, their list forms, and the callback that
//! hands each block's events to the host.

use super::server::{server_arg, with_server, UserData};
use super::util::{guard, null, out_arg};
use crate::engine::command::MidiOutCallback;
use crate::error::{Error, Result, Status};
use std::ffi::{c_int, c_void};

/// Receives one MIDI output event of the block just computed: its bytes
/// (`len` of them, valid during the call only) and its frame inside the
/// block (0 to buffersize-1). Called on the audio thread: it must not
/// block (no locks that can wait, no I/O); copy the bytes and return.
pub type rpyo_midi_out_callback =
    Option<unsafe extern "C" fn(user: *mut c_void, bytes: *const u8, len: usize, frame: u32)>;

/// Sets the MIDI output callback (NULL clears it). After each block the
/// engine computes (process_block, the embedded callback, the process
/// functions, offline renders), it is called once per event due in that
/// block, in frame order (events at one frame in the order they were
/// sent), on the thread that processes. Can be set before boot. `frame`
/// is inside the engine's block: with rpyo_server_process_block and the
/// embedded callback that is the host's block; with the process functions
/// given whole blocks, the k-th block of a call starts at frame k *
/// buffersize of the call. An event sent now lands in the next block
/// computed, `round(timestamp * sr / 1000)` samples after its start; while
/// the server is stopped, waiting events wait.
///
/// Errors: NULL_POINTER (server), QUEUE_FULL. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_midi_out_callback(
    server: *const crate::ffi::rpyo_server,
    callback: rpyo_midi_out_callback,
    user: *mut c_void,
) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        let user = UserData(user);
        s.set_midi_out_callback(callback.map(|f| -> MidiOutCallback {
            Box::new(move |bytes: &[u8], frame: u32| {
                let u = &user;
                // SAFETY: the host's function, called with its own pointer.
                unsafe { f(u.0, bytes.as_ptr(), bytes.len(), frame) }
            })
        }))
    })
}

/// A C array of `len` items; NULL is allowed only when len is 0 (an
/// error: an empty list).
fn slice_arg<'a, T>(p: *const T, len: usize, name: &'static str) -> Result<&'a [T]> {
    if len == 0 {
        return Err(Error::invalid(format!("{name}: is an empty list (length 0)")));
    }
    if p.is_null() {
        return Err(null(name));
    }
    // SAFETY: non-null; the caller promises `len` readable items.
    Ok(unsafe { std::slice::from_raw_parts(p, len) })
}

/// pyo's noteout: a note-on (velocity 0: a note-off) of `pitch` (0-127)
/// with `velocity` (0-127) on `channel` (1-16; 0 sends it on each of the
/// 16 channels), `timestamp` ms (>= 0) after the start of the next block
/// the server computes, at its exact frame.
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT (naming the value out of range),
/// INVALID_STATE (not booted), QUEUE_FULL (the schedule holds 4096 events
/// waiting; nothing is sent). Thread: control, or the process callback.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_noteout(
    server: *const crate::ffi::rpyo_server,
    pitch: c_int,
    velocity: c_int,
    channel: c_int,
    timestamp: f64,
) -> Status {
    with_server(server, |s| s.noteout(pitch, velocity, channel, timestamp))
}

/// pyo's afterout: polyphonic aftertouch (0xA0) of `pitch` with
/// `velocity`. Arguments as rpyo_server_noteout.
///
/// Errors: as rpyo_server_noteout. Thread: control, or the process callback.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_afterout(
    server: *const crate::ffi::rpyo_server,
    pitch: c_int,
    velocity: c_int,
    channel: c_int,
    timestamp: f64,
) -> Status {
    with_server(server, |s| s.afterout(pitch, velocity, channel, timestamp))
}

/// pyo's ctlout: control change `ctlnum` (0-127) to `value` (0-127).
/// Channel and timestamp as rpyo_server_noteout.
///
/// Errors: as rpyo_server_noteout. Thread: control, or the process callback.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_ctlout(
    server: *const crate::ffi::rpyo_server,
    ctlnum: c_int,
    value: c_int,
    channel: c_int,
    timestamp: f64,
) -> Status {
    with_server(server, |s| s.ctlout(ctlnum, value, channel, timestamp))
}

/// pyo's programout: program change to `value` (0-127), two bytes.
/// Channel and timestamp as rpyo_server_noteout.
///
/// Errors: as rpyo_server_noteout. Thread: control, or the process callback.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_programout(
    server: *const crate::ffi::rpyo_server,
    value: c_int,
    channel: c_int,
    timestamp: f64,
) -> Status {
    with_server(server, |s| s.programout(value, channel, timestamp))
}

/// pyo's pressout: channel pressure `value` (0-127), two bytes. Channel
/// and timestamp as rpyo_server_noteout.
///
/// Errors: as rpyo_server_noteout. Thread: control, or the process callback.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_pressout(
    server: *const crate::ffi::rpyo_server,
    value: c_int,
    channel: c_int,
    timestamp: f64,
) -> Status {
    with_server(server, |s| s.pressout(value, channel, timestamp))
}

/// pyo's bendout: pitch bend `value` 0 (full down) to 16383 (full up),
/// 8192 = no bend; sent as 0xE0|channel, value & 127, value >> 7.
/// Channel and timestamp as rpyo_server_noteout.
///
/// Errors: as rpyo_server_noteout. Thread: control, or the process callback.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_bendout(
    server: *const crate::ffi::rpyo_server,
    value: c_int,
    channel: c_int,
    timestamp: f64,
) -> Status {
    with_server(server, |s| s.bendout(value, channel, timestamp))
}

/// pyo's sysexout: the system exclusive message `msg` (`len` bytes: F0,
/// data bytes 0-127, F7; at most 65536), `timestamp` ms from now. The
/// bytes are copied.
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT (not framed by F0...F7, a data
/// byte above 127, too long, bad timestamp), INVALID_STATE, QUEUE_FULL.
/// Thread: control, or the process callback.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_sysexout(
    server: *const crate::ffi::rpyo_server,
    msg: *const u8,
    len: usize,
    timestamp: f64,
) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        let msg = if len == 0 { &[][..] } else { slice_arg(msg, len, "msg")? };
        s.sysexout(msg, timestamp)
    })
}

/// pyo's makenote: a note-on of `pitch` with `velocity` at the start of
/// the next block, and its note-off (the same note with velocity 0)
/// `duration` ms later, at its exact frame, scheduled by the engine.
/// Channel 0 sends both on each of the 16 channels. Each note takes two
/// places in the schedule.
///
/// Errors: as rpyo_server_noteout (duration: >= 0). Thread: control, or
/// the process callback.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_makenote(
    server: *const crate::ffi::rpyo_server,
    pitch: c_int,
    velocity: c_int,
    duration: f64,
    channel: c_int,
) -> Status {
    with_server(server, |s| s.makenote(pitch, velocity, duration, channel))
}

/// Several notes in one call (pyo's lists): event i takes item
/// `i % n` of each array; as many events as the longest array. All or
/// nothing: one bad value or a full schedule sends none.
///
/// Errors: as rpyo_server_noteout; INVALID_ARGUMENT for an empty array.
/// Thread: control, or the process callback.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_noteout_list(
    server: *const crate::ffi::rpyo_server,
    pitch: *const c_int,
    npitch: usize,
    velocity: *const c_int,
    nvelocity: usize,
    channel: *const c_int,
    nchannel: usize,
    timestamp: *const f64,
    ntimestamp: usize,
) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        s.noteout(
            slice_arg(pitch, npitch, "pitch")?,
            slice_arg(velocity, nvelocity, "velocity")?,
            slice_arg(channel, nchannel, "channel")?,
            slice_arg(timestamp, ntimestamp, "timestamp")?,
        )
    })
}

/// makenote with lists (as rpyo_server_noteout_list).
///
/// Errors: as rpyo_server_noteout_list. Thread: control, or the process
/// callback.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_makenote_list(
    server: *const crate::ffi::rpyo_server,
    pitch: *const c_int,
    npitch: usize,
    velocity: *const c_int,
    nvelocity: usize,
    duration: *const f64,
    nduration: usize,
    channel: *const c_int,
    nchannel: usize,
) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        s.makenote(
            slice_arg(pitch, npitch, "pitch")?,
            slice_arg(velocity, nvelocity, "velocity")?,
            slice_arg(duration, nduration, "duration")?,
            slice_arg(channel, nchannel, "channel")?,
        )
    })
}

/// Writes the number of MIDI output events waiting in the schedule (sent,
/// not yet delivered after a computed block) to `*out`.
///
/// Errors: NULL_POINTER. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_midi_out_pending(server: *const crate::ffi::rpyo_server, out: *mut u64) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        *out_arg(out, "out")? = s.midi_out_pending();
        Ok(())
    })
}
