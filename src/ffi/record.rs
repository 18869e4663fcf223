//! Recording and offline rendering: recordOptions, recstart, recstop, the
//! lost-frame counter, waiting for an offline_nb render, its done callback.

use super::server::{server_arg, with_server, UserData};
use super::util::{guard, out_arg, str_arg};
use crate::error::{Error, Result, Status};
use crate::server::offline::{DoneCallback, RenderOutcome};
use crate::server::ServerInner;
use std::ffi::{c_char, c_int, c_void};
use std::time::Duration;

fn opt_str<'a>(p: *const c_char, name: &'static str) -> Result<Option<&'a str>> {
    if p.is_null() {
        Ok(None)
    } else {
        str_arg(p, name).map(Some)
    }
}

/// pyo's recordOptions(dur, filename, fileformat, sampletype, quality);
/// allowed at any time, it applies to the next recstart or offline start.
/// `dur`: seconds an offline render lasts (negative: not set; an offline
/// start then fails). `filename`: NULL means rpyo_rec.wav in the home
/// folder. The format comes from the file name's extension (.wav .wave
/// .aif .aiff .aifc .au .snd .raw .sd2 .flac .caf .ogg .oga), else from
/// `fileformat`: 0 WAV, 1 AIFF, 2 AU, 3 RAW, 4 SD2, 5 FLAC, 6 CAF, 7 OGG,
/// or -1: the extension must name it. `sampletype`: 0 int16, 1 int24,
/// 2 int32, 3 float32, 4 float64, 5 u-law, 6 a-law. `quality`: 0 to 1
/// (FLAC, Ogg Vorbis; pyo's default 0.4).
///
/// Errors: NULL_POINTER (server), INVALID_ARGUMENT (naming the argument).
/// Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_record_options(
    server: *const super::rpyo_server,
    dur: f64,
    filename: *const c_char,
    fileformat: c_int,
    sampletype: c_int,
    quality: f64,
) -> Status {
    with_server(server, |s| {
        let name = opt_str(filename, "filename")?;
        s.record_options(dur, name, fileformat, sampletype, quality)
    })
}

/// pyo's recstart(filename): records what the server sends to the host
/// (every block computed while started, after the master amplitude) to
/// `filename`, or (NULL) to the recordOptions file name, or to
/// rpyo_rec.wav in the home folder. A writer thread owns the file, fed
/// through a ring buffer of 2 seconds of audio; the audio thread never
/// touches the file. Frames that do not fit when the writer falls behind
/// are counted (rpyo_server_rec_lost_frames) and reported through the log
/// callback; the file stays valid.
///
/// Errors: NULL_POINTER, INVALID_STATE (not booted, already recording,
/// offline server), INVALID_ARGUMENT (no format for the file name), IO
/// (the file cannot be created: the message names it), UNSUPPORTED (format
/// and sample type), QUEUE_FULL. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_recstart(server: *const super::rpyo_server, filename: *const c_char) -> Status {
    with_server(server, |s| s.recstart(opt_str(filename, "filename")?))
}

/// pyo's recstop(): ends the recording and returns once the file is
/// written and finalized. rpyo_server_stop, rpyo_server_shutdown and
/// rpyo_server_free end a recording too.
///
/// Errors: NULL_POINTER, INVALID_STATE (not recording), IO (writing failed:
/// the message says how many frames the finalized file holds). Thread:
/// control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_recstop(server: *const super::rpyo_server) -> Status {
    with_server(server, |s| s.recstop())
}

/// Writes to `*out` the frames of the current (or last) recording lost
/// because the writer fell more than the ring (2 s) behind; 0 when none.
///
/// Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_rec_lost_frames(server: *const super::rpyo_server, out: *mut u64) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        *out_arg(out, "out")? = s.rec_lost_frames();
        Ok(())
    })
}

/// Writes 1 to `*out` between rpyo_server_recstart and the end of the
/// recording (recstop, stop, shutdown), else 0.
///
/// Errors: NULL_POINTER. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_is_recording(server: *const super::rpyo_server, out: *mut c_int) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        *out_arg(out, "out")? = s.is_recording() as c_int;
        Ok(())
    })
}

/// Waits until the offline render (audio 'offline_nb') has finished: its
/// file finalized and the done callback returned. `timeout_ms` < 0 waits
/// as long as it takes. `*done` receives 1 when no render is running (also
/// when none was started), 0 when the time ran out.
///
/// Errors: NULL_POINTER, INVALID_STATE (called from the render's own thread,
/// i.e. from a process or done callback). Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_wait(
    server: *const super::rpyo_server,
    timeout_ms: i64,
    done: *mut c_int,
) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        let done = out_arg(done, "done")?;
        let timeout = u64::try_from(timeout_ms).ok().map(Duration::from_millis);
        *done = s.wait(timeout)? as c_int;
        Ok(())
    })
}

/// Receives the end of an offline render: its status (OK, or IO when
/// writing failed), the frames written, and 1 when stop (or shutdown, free)
/// aborted it early.
pub type rpyo_done_callback =
    Option<unsafe extern "C" fn(user: *mut c_void, status: Status, frames: u64, aborted: c_int)>;

/// Sets (NULL clears) the callback called when an offline render ('offline'
/// or 'offline_nb') has finalized its file. It runs on the render's thread
/// (for 'offline_nb' a worker thread of rpyo), after rpyo_server_is_started
/// turns 0 and before rpyo_server_wait returns. It must not call
/// rpyo_server_wait; it may call other functions of the server.
///
/// Errors: NULL_POINTER (server). Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_done_callback(
    server: *const super::rpyo_server,
    callback: rpyo_done_callback,
    user: *mut c_void,
) -> Status {
    guard(|| {
        let s: &ServerInner = server_arg(server)?;
        let user = UserData(user);
        s.set_done_callback(callback.map(|f| -> DoneCallback {
            Box::new(move |o: &RenderOutcome| {
                let u = user;
                let status = o.error.as_ref().map_or(Status::Ok, |e: &Error| e.status);
                // SAFETY: the host's function, called with its own pointer.
                unsafe { f(u.0, status, o.frames, o.aborted as c_int) }
            })
        }));
        Ok(())
    })
}
