//! Objects: creation from a class name and pyo-style arguments, parameter
//! setters, play/out/stop, and freeing. Handles are generation-checked: a
//! freed object's handle gives RPYO_STATUS_STALE_HANDLE.

use super::server::{rpyo_server, server_arg};
use super::util::{finite_arg, guard, null, out_arg, str_arg};
use crate::error::{Error, Status};
use crate::server::arith::{ArithOp, Operand};
use crate::server::{with_object_server, ObjectId};
use std::ffi::{c_char, c_int};

/// Creates an object of class `class_name` (pyo's name, e.g. "Sine") with
/// pyo-style arguments without parentheses (e.g. "freq=440, mul=0.5";
/// positional in pyo's order, keywords, lists "[220, 330]"; NULL or ""
/// for defaults). Writes the handle to `*out`. Objects start playing as in
/// pyo (Fader does not).
///
/// Errors: NULL_POINTER, NOT_FOUND (class or keyword; the message lists what
/// exists), INVALID_ARGUMENT (with the column), INVALID_STATE (not booted),
/// QUEUE_FULL. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_new(
    server: *const rpyo_server,
    class_name: *const c_char,
    args: *const c_char,
    out: *mut ObjectId,
) -> Status {
    guard(|| {
        let s = server_arg(server)?;
        let out = out_arg(out, "out")?;
        *out = ObjectId::default();
        let class = str_arg(class_name, "class_name")?;
        let args = if args.is_null() { "" } else { str_arg(args, "args")? };
        *out = s.object_new(class, args)?;
        Ok(())
    })
}

/// Sets parameter `name` (e.g. "freq", "mul") of every stream to `value`.
///
/// Errors: NULL_POINTER, STALE_HANDLE, NOT_FOUND (the message lists the
/// parameters), INVALID_ARGUMENT (NaN, infinite), QUEUE_FULL. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_set_float(object: ObjectId, name: *const c_char, value: f64) -> Status {
    guard(|| {
        let name = str_arg(name, "name")?;
        let v = finite_arg(value, "value")? as f32;
        with_object_server(object, |s| s.object_set_float(object, name, v))
    })
}

/// Sets parameter `name` of every stream to `value` at frame `frame` of the
/// next block the server computes (0 to buffer size - 1): the samples
/// before the frame keep the old value (sample-accurate automation from a
/// plugin host). For audio-rate parameters, mul and add.
///
/// Errors: NULL_POINTER, STALE_HANDLE, NOT_FOUND, INVALID_ARGUMENT (NaN;
/// frame outside the block; not an audio-rate parameter), QUEUE_FULL.
/// Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_set_float_at(
    object: ObjectId,
    name: *const c_char,
    value: f64,
    frame: u32,
) -> Status {
    guard(|| {
        let name = str_arg(name, "name")?;
        let v = finite_arg(value, "value")? as f32;
        with_object_server(object, |s| s.object_set_float_at(object, name, v, frame))
    })
}

/// Sets parameter `name` per stream: stream i takes `values[i % len]`.
///
/// Errors: as rpyo_object_set_float; INVALID_ARGUMENT for len 0. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_set_list(
    object: ObjectId,
    name: *const c_char,
    values: *const f32,
    len: usize,
) -> Status {
    guard(|| {
        let name = str_arg(name, "name")?;
        if values.is_null() {
            return Err(null("values"));
        }
        if len == 0 || len > 1 << 20 {
            return Err(Error::invalid(format!("len: {len} values (1 to 1048576)")));
        }
        // SAFETY: the caller promises len floats.
        let v = unsafe { std::slice::from_raw_parts(values, len) };
        with_object_server(object, |s| s.object_set_list(object, name, v))
    })
}

/// Sets audio-rate parameter `name` to the output of `source` (an object of
/// the same server): stream i reads source's stream i % len(source).
///
/// Errors: NULL_POINTER, STALE_HANDLE (either handle), NOT_FOUND,
/// INVALID_ARGUMENT (not an audio-rate parameter; the object itself),
/// QUEUE_FULL. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_set_object(object: ObjectId, name: *const c_char, source: ObjectId) -> Status {
    guard(|| {
        let name = str_arg(name, "name")?;
        with_object_server(object, |s| s.object_set_object(object, name, source))
    })
}

/// Sets parameter `name` to several objects: all their streams, in order
/// (Mix's or Selector's input). A single object is also accepted by
/// rpyo_object_set_object.
///
/// Errors: NULL_POINTER, STALE_HANDLE (any handle), NOT_FOUND,
/// INVALID_ARGUMENT (not such a parameter; len 0; a table; the object
/// itself), QUEUE_FULL. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_set_objects(
    object: ObjectId,
    name: *const c_char,
    sources: *const ObjectId,
    len: usize,
) -> Status {
    guard(|| {
        let name = str_arg(name, "name")?;
        if sources.is_null() {
            return Err(null("sources"));
        }
        if len == 0 || len > 1 << 16 {
            return Err(Error::invalid(format!("len: {len} objects (1 to 65536)")));
        }
        // SAFETY: the caller promises len handles.
        let v = unsafe { std::slice::from_raw_parts(sources, len) };
        with_object_server(object, |s| s.object_set_objects(object, name, v))
    })
}

/// Sets text parameter `name` (a file path, e.g. SndTable's or SfPlayer's
/// `path`) of the object.
///
/// Errors: NULL_POINTER, STALE_HANDLE, NOT_FOUND, INVALID_ARGUMENT (not a
/// text parameter; not UTF-8), IO (the file cannot be read), QUEUE_FULL.
/// Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_set_string(object: ObjectId, name: *const c_char, value: *const c_char) -> Status {
    guard(|| {
        let name = str_arg(name, "name")?;
        let value = str_arg(value, "value")?;
        with_object_server(object, |s| s.object_set_text(object, name, value))
    })
}

/// Writes the last sample that stream `stream` of the object computed
/// (after mul and add; pyo's get()), or, for a table object, its point
/// number `stream` (of its first channel: rpyo_object_stream gives each
/// channel of a multichannel table as a table object of its own).
///
/// Errors: NULL_POINTER, STALE_HANDLE, INVALID_ARGUMENT (no such stream or
/// point). Thread: any (the value is at most one block old).
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_get(object: ObjectId, stream: usize, out: *mut f32) -> Status {
    guard(|| {
        let out = out_arg(out, "out")?;
        *out = with_object_server(object, |s| s.object_get(object, stream))?;
        Ok(())
    })
}

/// Arithmetic operators for rpyo_object_arith*: `a + x`, `a - x`, `a * x`,
/// `a / x`, and the reversed `x - a`, `x / a`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum rpyo_arith_op {
    Add = 0,
    Sub = 1,
    Mul = 2,
    Div = 3,
    ReverseSub = 4,
    ReverseDiv = 5,
}

fn arith_op(op: c_int) -> crate::Result<ArithOp> {
    Ok(match op {
        0 => ArithOp::Add,
        1 => ArithOp::Sub,
        2 => ArithOp::Mul,
        3 => ArithOp::Div,
        4 => ArithOp::ReverseSub,
        5 => ArithOp::ReverseDiv,
        _ => return Err(Error::invalid(format!("op: {op} is not an rpyo_arith_op (0 to 5)"))),
    })
}

/// Makes a new object computing `a op x` with a number `x` (pyo's `a * 0.5`,
/// `a + 1`, `2 - a` with ReverseSub, ...): it reads `a` and
/// applies its own mul/add, as pyo's Dummy does. `op` is an rpyo_arith_op.
///
/// Errors: NULL_POINTER, STALE_HANDLE, INVALID_ARGUMENT (op; NaN; division
/// by zero), QUEUE_FULL. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_arith(a: ObjectId, op: c_int, x: f64, out: *mut ObjectId) -> Status {
    guard(|| {
        let out = out_arg(out, "out")?;
        *out = ObjectId::default();
        let (op, x) = (arith_op(op)?, finite_arg(x, "x")?);
        *out = with_object_server(a, |s| s.object_arith(a, op, &Operand::Numbers(vec![x])))?;
        Ok(())
    })
}

/// Makes a new object computing `a op b` with `b` an object of the same
/// server (pyo's `a * b`, `a - b`, `a / b`: a divisor whose magnitude is
/// below 1e-5 counts as 1e-5).
///
/// Errors: NULL_POINTER, STALE_HANDLE (either), INVALID_ARGUMENT (op),
/// QUEUE_FULL. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_arith_object(a: ObjectId, op: c_int, b: ObjectId, out: *mut ObjectId) -> Status {
    guard(|| {
        let out = out_arg(out, "out")?;
        *out = ObjectId::default();
        let op = arith_op(op)?;
        *out = with_object_server(a, |s| s.object_arith(a, op, &Operand::Object(b)))?;
        Ok(())
    })
}

/// pyo's in-place operators with a number: `a *= x` and `a /= x` replace
/// a's mul (by x, 1/x), `a += x` and `a -= x` its add (by x, -x).
///
/// Errors: STALE_HANDLE, INVALID_ARGUMENT (op, reversed ops, NaN, division
/// by zero), QUEUE_FULL. Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_object_arith_in_place(a: ObjectId, op: c_int, x: f64) -> Status {
    guard(|| {
        let (op, x) = (arith_op(op)?, finite_arg(x, "x")?);
        with_object_server(a, |s| s.object_arith_in_place(a, op, &Operand::Numbers(vec![x])))
    })
}

/// pyo's in-place operators with an object `b`: `a *= b`, `a /= b` set a's
/// mul to b (as a divisor for /=), `a += b`, `a -= b` its add to b (-b).
///
/// Errors: STALE_HANDLE (either), INVALID_ARGUMENT (op, reversed ops),
/// QUEUE_FULL. Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_object_arith_in_place_object(a: ObjectId, op: c_int, b: ObjectId) -> Status {
    guard(|| {
        let op = arith_op(op)?;
        with_object_server(a, |s| s.object_arith_in_place(a, op, &Operand::Object(b)))
    })
}

/// pyo's `obj[i]`: stream `index` of the object as an object of its own
/// (its own mul/add; out() sends that stream). Of a table object: its
/// channel `index` as a table object of its own, holding the same samples.
///
/// Errors: NULL_POINTER, STALE_HANDLE, INVALID_ARGUMENT (index out of
/// range), QUEUE_FULL. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_stream(object: ObjectId, index: usize, out: *mut ObjectId) -> Status {
    guard(|| {
        let out = out_arg(out, "out")?;
        *out = ObjectId::default();
        *out = with_object_server(object, |s| s.object_stream(object, index))?;
        Ok(())
    })
}

/// pyo's `obj['key']`: a new object giving the streams key `key` names
/// (e.g. "trig" of TableRead, TrigEnv, Fader, Adsr, SfPlayer, TableRec;
/// "time" of TableRec; "pitch", "velocity", "trigon", "trigoff" of Notein;
/// rpyo_class_keys lists a class's keys). Writes its handle to `*out`;
/// free it as any object.
///
/// Errors: NULL_POINTER, STALE_HANDLE, NOT_FOUND (the message names the
/// class and lists its keys), INVALID_STATE (not booted), QUEUE_FULL.
/// Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_key(object: ObjectId, key: *const c_char, out: *mut ObjectId) -> Status {
    guard(|| {
        let out = out_arg(out, "out")?;
        *out = ObjectId::default();
        let key = str_arg(key, "key")?;
        *out = with_object_server(object, |s| s.object_key(object, key))?;
        Ok(())
    })
}

/// Calls method `method` of the object's class (pyo's `obj.reset()`,
/// `counter.reset(value)`; rpyo_class_methods lists a class's methods) on
/// every stream, at the top of the next block the server computes. `args`
/// holds `nargs` values in the method's order (NULL when `nargs` is 0);
/// missing ones take their defaults; NaN passes pyo's None where the
/// default is None.
///
/// Errors: NULL_POINTER, STALE_HANDLE, NOT_FOUND (the message names the
/// class and the method and lists the class's methods), INVALID_ARGUMENT
/// (too many arguments, an infinite or NaN value), INVALID_STATE (not
/// booted), QUEUE_FULL. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_call(
    object: ObjectId,
    method: *const c_char,
    args: *const f32,
    nargs: usize,
) -> Status {
    guard(|| {
        let method = str_arg(method, "method")?;
        let args: &[f32] = if nargs == 0 {
            &[]
        } else if args.is_null() {
            return Err(null("args"));
        } else if nargs > crate::objects::registry::MAX_METHOD_ARGS {
            return Err(Error::invalid(format!(
                "nargs: {nargs} (at most {})",
                crate::objects::registry::MAX_METHOD_ARGS
            )));
        } else {
            // SAFETY: the caller promises nargs floats.
            unsafe { std::slice::from_raw_parts(args, nargs) }
        };
        with_object_server(object, |s| s.object_call(object, method, args))
    })
}

/// pyo's `obj.mix(voices)`: a new Mix of the object's streams into
/// `voices` streams.
///
/// Errors: NULL_POINTER, STALE_HANDLE, INVALID_ARGUMENT (voices 0 or above
/// 4096), QUEUE_FULL. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_mix(object: ObjectId, voices: usize, out: *mut ObjectId) -> Status {
    guard(|| {
        let out = out_arg(out, "out")?;
        *out = ObjectId::default();
        if voices == 0 || voices > 4096 {
            return Err(Error::invalid(format!("voices: {voices} (1 to 4096)")));
        }
        *out = with_object_server(object, |s| s.object_mix(object, voices))?;
        Ok(())
    })
}

fn time(v: f64, name: &'static str) -> crate::Result<f32> {
    let v = finite_arg(v, name)?;
    if v < 0.0 {
        return Err(Error::invalid(format!("{name}: {v} is negative")));
    }
    Ok(v as f32)
}

/// pyo's play(dur, delay), in seconds (0: no limit, no delay); rounded to
/// whole blocks as pyo does. The server's global dur/del override them.
///
/// Errors: STALE_HANDLE, INVALID_ARGUMENT, QUEUE_FULL. Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_object_play(object: ObjectId, dur: f64, delay: f64) -> Status {
    guard(|| {
        let (dur, delay) = (time(dur, "dur")?, time(delay, "delay")?);
        with_object_server(object, |s| s.object_play(object, dur, delay))
    })
}

/// pyo's out(chnl, inc, dur, delay): stream i goes to channel
/// (chnl + i*inc) % nchnls.
///
/// Errors: STALE_HANDLE, INVALID_ARGUMENT (negative chnl, times),
/// QUEUE_FULL. Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_object_out(object: ObjectId, chnl: c_int, inc: c_int, dur: f64, delay: f64) -> Status {
    guard(|| {
        let (dur, delay) = (time(dur, "dur")?, time(delay, "delay")?);
        with_object_server(object, |s| s.object_out(object, chnl, inc, dur, delay))
    })
}

/// pyo's out() with a list of channels: stream i goes to channel
/// chnls[i % len] % nchnls.
///
/// Errors: NULL_POINTER, STALE_HANDLE, INVALID_ARGUMENT (len 0 or above
/// 65536, a negative channel, times), QUEUE_FULL. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_out_channels(
    object: ObjectId,
    chnls: *const c_int,
    len: usize,
    dur: f64,
    delay: f64,
) -> Status {
    guard(|| {
        if chnls.is_null() {
            return Err(null("chnls"));
        }
        if len == 0 || len > 1 << 16 {
            return Err(Error::invalid(format!("len: {len} channels (1 to 65536)")));
        }
        // SAFETY: the caller promises len ints.
        let c = unsafe { std::slice::from_raw_parts(chnls, len) };
        let (dur, delay) = (time(dur, "dur")?, time(delay, "delay")?);
        with_object_server(object, |s| s.object_out_channels(object, c, dur, delay))
    })
}

/// pyo's stop(wait): stops now (wait 0) or after `wait` seconds. An
/// envelope (Fader) starts its release.
///
/// Errors: STALE_HANDLE, INVALID_ARGUMENT, QUEUE_FULL. Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_object_stop(object: ObjectId, wait: f64) -> Status {
    guard(|| {
        let wait = time(wait, "wait")?;
        with_object_server(object, |s| s.object_stop(object, wait))
    })
}

/// pyo's setInput(x, fadetime): the processed input (`input` parameter of
/// a filter or effect) of every stream becomes `source`'s, crossfading
/// over `fadetime` seconds as pyo does (the new input weighted by the
/// square root of the elapsed fraction); 0 switches at once. pyo's default
/// fadetime is 0.05.
///
/// Errors: STALE_HANDLE (either), NOT_FOUND (no `input` parameter),
/// INVALID_ARGUMENT (fadetime negative or NaN; a table; the object itself),
/// QUEUE_FULL. Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_object_set_input(object: ObjectId, source: ObjectId, fadetime: f64) -> Status {
    guard(|| {
        let fadetime = finite_arg(fadetime, "fadetime")?;
        with_object_server(object, |s| s.object_set_input(object, source, fadetime))
    })
}

/// pyo's useWaitTimeOnStop: with the server's setAutoStartChildren on, a
/// stop() of an object reading this one as its mul passes its wait on to
/// this one instead of stopping it at once.
///
/// Errors: STALE_HANDLE. Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_object_use_wait_time_on_stop(object: ObjectId, on: bool) -> Status {
    guard(|| with_object_server(object, |s| s.object_use_wait_time_on_stop(object, on)))
}

/// pyo's setStopDelay: the wait every later stop() uses, in seconds.
///
/// Errors: STALE_HANDLE, INVALID_ARGUMENT. Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_object_set_stop_delay(object: ObjectId, delay: f64) -> Status {
    guard(|| {
        let delay = time(delay, "delay")?;
        with_object_server(object, |s| s.object_set_stop_delay(object, delay))
    })
}

/// Writes the number of streams of the object (pyo's len(obj)); of a table
/// object, its number of channels (SndTable of a stereo file: 2; objects
/// reading it make one stream per channel).
///
/// Errors: NULL_POINTER, STALE_HANDLE. Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_object_stream_count(object: ObjectId, out: *mut usize) -> Status {
    guard(|| {
        let out = out_arg(out, "out")?;
        *out = with_object_server(object, |s| s.object_stream_count(object))?;
        Ok(())
    })
}

/// Lets go of the object: its handle becomes stale at once. Its streams are
/// deleted now, or — when other objects still read it (as mul, freq, …) —
/// when the last of them lets go, as a Python reference would keep it.
/// A zero handle is ignored.
///
/// Errors: STALE_HANDLE (already freed), QUEUE_FULL (nothing was freed;
/// retry after a block). Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_object_free(object: ObjectId) -> Status {
    if object.id == 0 {
        return Status::Ok;
    }
    guard(|| with_object_server(object, |s| s.object_free(object)))
}
