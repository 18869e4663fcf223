//! The host's audio-thread entry points: pyo-style buffers and callback,
//! manual blocks, and host buffers of any frame count.

use super::server::{rpyo_server, server_arg};
use super::util::{guard, null, out_arg};
use crate::error::{Error, Result, Status};
use crate::server::config::MAX_CHANNELS;
use crate::server::with_server_id;
use std::ffi::c_int;

/// pyo's embedded callback: computes one block of server `id`.
pub type rpyo_embedded_callback = Option<extern "C" fn(id: c_int)>;

/// Writes the address of the interleaved input buffer (buffersize × ichnls
/// floats) to `*out`. It stays valid from boot to shutdown (and across
/// rpyo_server_boot(server, 0)). The host writes it before each block.
///
/// Errors: NULL_POINTER, INVALID_STATE (not booted). Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_input_buffer(server: *const rpyo_server, out: *mut *mut f32) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        *out_arg(out, "out")? = s.input_buffer()?;
        Ok(())
    })
}

/// Writes the address of the interleaved output buffer (buffersize ×
/// nchnls floats) to `*out`; valid as the input buffer is. The host reads
/// it after each block.
///
/// Errors: NULL_POINTER, INVALID_STATE (not booted). Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_output_buffer(server: *const rpyo_server, out: *mut *mut f32) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        *out_arg(out, "out")? = s.output_buffer()?;
        Ok(())
    })
}

extern "C" fn embedded_process(id: c_int) {
    if id < 0 {
        return;
    }
    // A void callback cannot report: errors (not booted, busy) leave the
    // output buffer as it was; rpyo_server_process_block reports them.
    let _ = std::panic::catch_unwind(|| with_server_id(id as u32, |s| s.process_block()));
}

/// Writes pyo's embedded callback to `*out`: a `void (*)(int id)` that the
/// host calls once per block with rpyo_server_id's value, between writing
/// the input buffer and reading the output buffer (as pyo's
/// getEmbedICallbackAddr). An unknown id does nothing.
///
/// Errors: NULL_POINTER. Thread: any; the callback: the audio thread.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_embedded_callback(
    server: *const rpyo_server,
    out: *mut rpyo_embedded_callback,
) -> Status {
    guard(|| {
        server_arg(server)?;
        *out_arg(out, "out")? = Some(embedded_process);
        Ok(())
    })
}

/// Computes one block from the input buffer into the output buffer
/// (manual mode; also what the embedded callback does).
///
/// Errors: NULL_POINTER, INVALID_STATE (not booted), BUSY (another thread
/// is processing this server). Never allocates. Thread: audio.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_process_block(server: *const rpyo_server) -> Status {
    guard(|| server_arg(server)?.process_block())
}

/// `frames * channels` samples of T, refused when the bytes would not fit
/// in an isize (Rust slices cannot be larger).
fn frames_len<T>(frames: usize, channels: usize) -> Result<usize> {
    frames
        .checked_mul(channels)
        .filter(|n| n.checked_mul(std::mem::size_of::<T>()).is_some_and(|b| b <= isize::MAX as usize))
        .ok_or_else(|| Error::new(Status::InvalidArgument, "frames: too large for the host's buffers"))
}

unsafe fn interleaved<T: crate::engine::host::HostSample>(
    server: *const rpyo_server,
    input: *const T,
    output: *mut T,
    frames: usize,
) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        if output.is_null() {
            return Err(null("output"));
        }
        let (nch, ich) = s.process_channels()?;
        // SAFETY: the caller promises frames*nchnls (and frames*ichnls)
        // valid samples behind the pointers.
        let out = unsafe { std::slice::from_raw_parts_mut(output, frames_len::<T>(frames, nch)?) };
        let inp = if input.is_null() {
            None
        } else {
            Some(unsafe { std::slice::from_raw_parts(input, frames_len::<T>(frames, ich)?) })
        };
        s.process_interleaved(inp, out, frames)
    })
}

unsafe fn planar<T: crate::engine::host::HostSample>(
    server: *const rpyo_server,
    input: *const *const T,
    output: *const *mut T,
    frames: usize,
) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        if output.is_null() {
            return Err(null("output"));
        }
        let (nch, ich) = s.process_channels()?;
        frames_len::<T>(frames, 1)?;
        let mut outs: [&mut [T]; MAX_CHANNELS] = std::array::from_fn(|_| -> &mut [T] { &mut [] });
        for (c, slot) in outs.iter_mut().enumerate().take(nch) {
            // SAFETY: the caller promises nchnls channel pointers.
            let p = unsafe { *output.add(c) };
            if p.is_null() {
                return Err(null("output[channel]"));
            }
            // SAFETY: each channel holds `frames` samples (caller's promise).
            *slot = unsafe { std::slice::from_raw_parts_mut(p, frames) };
        }
        let mut ins: [&[T]; MAX_CHANNELS] = [&[]; MAX_CHANNELS];
        let mut n_in = 0;
        if !input.is_null() {
            for (c, slot) in ins.iter_mut().enumerate().take(ich) {
                // SAFETY: the caller promises ichnls channel pointers.
                let p = unsafe { *input.add(c) };
                if p.is_null() {
                    return Err(null("input[channel]"));
                }
                *slot = unsafe { std::slice::from_raw_parts(p, frames) };
            }
            n_in = ich;
        }
        s.process_planar(&ins[..n_in], &mut outs[..nch], frames)
    })
}

/// Processes `frames` frames (any count, changing from call to call) of
/// interleaved f32 host buffers: `input` holds frames × ichnls samples
/// (NULL: silence; ignored when duplex is 0), `output` frames × nchnls.
/// While every call is whole blocks, input and output are aligned (no
/// latency); after the first call that is not, input lags one block.
/// Denormals are flushed inside; NaN/inf input samples are read as 0.
///
/// Errors: NULL_POINTER, INVALID_STATE (not booted), BUSY. Never
/// allocates. Thread: audio.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_process_interleaved(
    server: *const rpyo_server,
    input: *const f32,
    output: *mut f32,
    frames: usize,
) -> Status {
    unsafe { interleaved(server, input, output, frames) }
}

/// rpyo_server_process_interleaved with f64 samples (converted to f32 inside).
///
/// Errors: as rpyo_server_process_interleaved. Thread: audio.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_process_interleaved_f64(
    server: *const rpyo_server,
    input: *const f64,
    output: *mut f64,
    frames: usize,
) -> Status {
    unsafe { interleaved(server, input, output, frames) }
}

/// Processes `frames` frames of planar f32 host buffers: `input` points to
/// ichnls channel pointers (NULL: silence), `output` to nchnls, each of
/// `frames` samples. Same timing rules as rpyo_server_process_interleaved.
///
/// Errors: NULL_POINTER (also a NULL channel), INVALID_STATE, BUSY. Never
/// allocates. Thread: audio.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_process_planar(
    server: *const rpyo_server,
    input: *const *const f32,
    output: *const *mut f32,
    frames: usize,
) -> Status {
    unsafe { planar(server, input, output, frames) }
}

/// rpyo_server_process_planar with f64 samples.
///
/// Errors: as rpyo_server_process_planar. Thread: audio.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_process_planar_f64(
    server: *const rpyo_server,
    input: *const *const f64,
    output: *const *mut f64,
    frames: usize,
) -> Status {
    unsafe { planar(server, input, output, frames) }
}
