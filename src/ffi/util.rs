//! The panic boundary, the per-thread last error, and pointer checks.

use crate::error::{Error, Result, Status};
use std::cell::RefCell;
use std::ffi::{c_char, c_int, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

const LAST_ERROR_CAPACITY: usize = 1024;

thread_local! {
    /// The message of this thread's last failed call, NUL-terminated. A
    /// fixed buffer: recording an error never allocates (the audio thread
    /// may fail a process call).
    static LAST_ERROR: RefCell<[u8; LAST_ERROR_CAPACITY]> = const { RefCell::new([0; LAST_ERROR_CAPACITY]) };
}

pub(crate) fn set_last_error(msg: &str) {
    LAST_ERROR.with(|b| {
        if let Ok(mut buf) = b.try_borrow_mut() {
            let mut n = msg.len().min(LAST_ERROR_CAPACITY - 1);
            while !msg.is_char_boundary(n) {
                n -= 1;
            }
            buf[..n].copy_from_slice(&msg.as_bytes()[..n]);
            buf[n] = 0;
        }
    });
}

/// Runs `f` behind the panic boundary and turns its result into a status.
pub(crate) fn guard(f: impl FnOnce() -> Result<()>) -> Status {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => Status::Ok,
        Ok(Err(e)) => {
            set_last_error(&e.message);
            e.status
        }
        Err(_) => {
            set_last_error("internal error: a panic was caught at the C boundary (please report this bug)");
            Status::Panic
        }
    }
}

pub(crate) fn null(name: &'static str) -> Error {
    Error::new(Status::NullPointer, format!("{name}: NULL pointer"))
}

/// A C string argument as UTF-8.
pub(crate) fn str_arg<'a>(p: *const c_char, name: &'static str) -> Result<&'a str> {
    if p.is_null() {
        return Err(null(name));
    }
    // SAFETY: non-null; the caller promises a NUL-terminated string.
    unsafe { CStr::from_ptr(p) }.to_str().map_err(|_| Error::invalid(format!("{name}: not valid UTF-8")))
}

/// An output pointer, checked for NULL.
pub(crate) fn out_arg<'a, T>(p: *mut T, name: &'static str) -> Result<&'a mut T> {
    // SAFETY: non-null checked; the caller promises a valid, writable T.
    unsafe { p.as_mut() }.ok_or_else(|| null(name))
}

/// A count or index from C that must lie in `lo..=hi`.
pub(crate) fn int_arg(v: i64, name: &'static str, lo: i64, hi: i64) -> Result<i64> {
    if v < lo || v > hi {
        return Err(Error::invalid(format!("{name}: {v} is out of range ({lo} to {hi})")));
    }
    Ok(v)
}

/// A finite number from C.
pub(crate) fn finite_arg(v: f64, name: &'static str) -> Result<f64> {
    if !v.is_finite() {
        return Err(Error::invalid(format!("{name}: must be a finite number, not {v}")));
    }
    Ok(v)
}

/// Copies `text` into a caller's buffer of `len` bytes, NUL-terminated.
pub(crate) fn copy_str(text: &str, buf: *mut c_char, len: usize, name: &'static str) -> Result<()> {
    if buf.is_null() {
        return Err(null(name));
    }
    if len < text.len() + 1 {
        return Err(Error::invalid(format!("{name}: buffer of {len} bytes is too small ({} needed)", text.len() + 1)));
    }
    // SAFETY: buf is non-null and the caller promises len writable bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), buf as *mut u8, text.len());
        *buf.add(text.len()) = 0;
    }
    Ok(())
}

/// The description of a status code (a static string; "unknown status"
/// for a value that is not an rpyo_status; never NULL).
///
/// Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_status_str(status: c_int) -> *const c_char {
    // An int, not the enum: a C caller may pass any value, and a Rust enum
    // holding an undeclared value would be undefined behaviour.
    let Some(status) = Status::from_code(status) else {
        return c"unknown status".as_ptr();
    };
    status.description().as_ptr()
}

/// The message of the calling thread's last failed rpyo call: it names the
/// argument or state at fault. Valid until the next failing call on this
/// thread; empty when no call has failed yet. Never NULL.
///
/// Thread: any (the message is per thread).
#[no_mangle]
pub extern "C" fn rpyo_last_error() -> *const c_char {
    LAST_ERROR.with(|b| b.as_ptr() as *const c_char)
}

/// rpyo's version, e.g. "0.1.0" (static string).
///
/// Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr() as *const c_char
}

/// The optional Cargo features this library was built with, comma
/// separated in this order: "cpal" (audio 'portaudio', 'pa', 'coreaudio'),
/// "midir" (midi 'portmidi', 'pm'); "" for none (static string). A backend
/// whose feature is missing fails at boot with RPYO_STATUS_FEATURE_DISABLED.
///
/// Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_features() -> *const c_char {
    crate::features_c().as_ptr()
}

/// The version of the C ABI: changes whenever a signature or struct in
/// rpyo.h changes incompatibly.
pub const RPYO_ABI_VERSION: u32 = 1;

/// Returns RPYO_ABI_VERSION of the library actually loaded.
///
/// Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_abi_version() -> u32 {
    RPYO_ABI_VERSION
}
