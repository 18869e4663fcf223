//! pyo scripts and the Pure Data external's messages, as C calls.

use super::server::{rpyo_server, server_arg};
use super::util::{guard, null, str_arg};
use crate::error::{Error, Result, Status};
use std::ffi::{c_char, c_int};

/// The values a message carries, checked.
fn values<'a>(values: *const f32, len: usize) -> Result<&'a [f32]> {
    if values.is_null() {
        return Err(null("values"));
    }
    if len == 0 || len > 1 << 20 {
        return Err(Error::invalid(format!("len: {len} values (1 to 1048576)")));
    }
    // SAFETY: the caller promises `len` floats at `values`.
    Ok(unsafe { std::slice::from_raw_parts(values, len) })
}

/// pyo_exec_statement: runs pyo code (pyo's Python syntax, the subset the
/// README lists) against the server. Statements run in order; a failing
/// one is undone (objects it made freed, parameters it set restored) and
/// stops the run, and rpyo_last_error() says "line L, column C: what".
/// Variables persist between calls, per server. Safe while audio runs.
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT (the script's error). Thread:
/// control (not the audio callback: a script may allocate and wait).
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_exec(server: *const rpyo_server, code: *const c_char) -> Status {
    guard(|| server_arg(server)?.exec(str_arg(code, "code")?))
}

/// pyo_exec_file: runs a script file. `add` 0 first frees the objects
/// earlier scripts made and forgets their variables; 1 adds to them.
///
/// Errors: NULL_POINTER, IO (unreadable file), INVALID_ARGUMENT (the
/// script's error, prefixed with the path). Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_exec_file(server: *const rpyo_server, path: *const c_char, add: c_int) -> Status {
    guard(|| server_arg(server)?.exec_file(str_arg(path, "path")?, add != 0))
}

/// The Pd external's `value`: `name.value = v` (a list when len > 1), e.g.
/// for a Sig or SigTo the script named `name`.
///
/// Errors: NULL_POINTER, INVALID_ARGUMENT (not a name, no such variable,
/// a value the object refuses, len 0, a NaN or infinite value). Thread:
/// control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_value(
    server: *const rpyo_server,
    name: *const c_char,
    values_ptr: *const f32,
    len: usize,
) -> Status {
    guard(|| server_arg(server)?.script_set_value(str_arg(name, "name")?, values(values_ptr, len)?))
}

/// The Pd external's `set`: `name.attr = v` (a list when len > 1).
///
/// Errors: as rpyo_server_set_value, and INVALID_ARGUMENT when `name_attr`
/// has no ".attr" part. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_set_attr(
    server: *const rpyo_server,
    name_attr: *const c_char,
    values_ptr: *const f32,
    len: usize,
) -> Status {
    guard(|| server_arg(server)?.script_set_attr(str_arg(name_attr, "name_attr")?, values(values_ptr, len)?))
}

/// The Pd external's `call`: calls `name.method` with `args` in pyo's
/// call syntax (e.g. "440, mul=0.5"; NULL or "" for none).
///
/// Errors: NULL_POINTER (server or name), INVALID_ARGUMENT. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_call(
    server: *const rpyo_server,
    name_method: *const c_char,
    args: *const c_char,
) -> Status {
    guard(|| {
        let args = if args.is_null() { "" } else { str_arg(args, "args")? };
        server_arg(server)?.script_call(str_arg(name_method, "name_method")?, args)
    })
}

/// The Pd external's `clear`: frees every object scripts made and forgets
/// the scripts' variables (objects made with rpyo_object_new stay).
///
/// Errors: NULL_POINTER. Thread: control.
#[no_mangle]
pub unsafe extern "C" fn rpyo_server_clear(server: *const rpyo_server) -> Status {
    guard(|| {
        server_arg(server)?.script_clear();
        Ok(())
    })
}
