//! Methods: of pyo objects (out, play, stop, setX, mix, range, ...), of
//! the Server, and of Python's lists, dicts and strings.

use super::builtins::{bind, sort};
use super::eval::{at, err, index_of, int, iterate, number, to_arg, Interp};
use super::value::{lock, new_list, Value};
use super::{Pos, ScriptError, ScriptResult};
use crate::server::arith::{ArithOp, Operand};
use crate::server::config::AudioBackend;
use crate::server::{ObjectId, ServerInner};
use crate::LogLevel;

/// pyo's recordOptions arguments, in order.
pub(crate) const RECORD_ARGS: &[&str] = &["dur", "filename", "fileformat", "sampletype", "quality"];

type R<T> = ScriptResult<T>;
type Kw = Vec<(String, Value)>;

/// The parameter a `setX` method sets: `setFreq` -> "freq", matched
/// against the class's own names (pyo's `setRoomSize` -> "roomSize").
fn setter_param(s: &ServerInner, obj: ObjectId, method: &str) -> Option<String> {
    let rest = method.strip_prefix("set")?;
    let class = s.object_class(obj).ok()?;
    let names = class.params.iter().map(|p| p.name).chain(["mul", "add"]);
    for n in names {
        let mut c = n.chars();
        let upper: String = c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default();
        if upper == rest {
            return Some(n.to_owned());
        }
    }
    None
}

pub(crate) fn object(
    it: &mut Interp,
    s: &ServerInner,
    obj: ObjectId,
    name: &str,
    args: Vec<Value>,
    kwargs: Kw,
    pos: Pos,
) -> R<Value> {
    let me = Value::Object(obj);
    if matches!(name, "out" | "play" | "stop") {
        it.remember_playback(s, obj);
    }
    match name {
        "out" => {
            let b = bind("out", &["chnl", "inc", "dur", "delay"], args, kwargs, pos)?;
            let (inc, dur, delay) = (b.int(1, 1)? as i32, b.num(2, 0.0)? as f32, b.num(3, 0.0)? as f32);
            match b.get(0) {
                Some(v @ (Value::List(_) | Value::Tuple(_))) => {
                    let chnls = iterate(v, pos)?
                        .iter()
                        .map(|c| int(c, pos, "out()").map(|c| c as i32))
                        .collect::<R<Vec<_>>>()?;
                    s.object_out_channels(obj, &chnls, dur, delay).map_err(at(pos))?;
                }
                _ => s.object_out(obj, b.int(0, 0)? as i32, inc, dur, delay).map_err(at(pos))?,
            }
            Ok(me)
        }
        "play" => {
            let b = bind("play", &["dur", "delay"], args, kwargs, pos)?;
            s.object_play(obj, b.num(0, 0.0)? as f32, b.num(1, 0.0)? as f32).map_err(at(pos))?;
            Ok(me)
        }
        "stop" => {
            let b = bind("stop", &["wait"], args, kwargs, pos)?;
            s.object_stop(obj, b.num(0, 0.0)? as f32).map_err(at(pos))?;
            Ok(me)
        }
        "get" => {
            let b = bind("get", &["all"], args, kwargs, pos)?;
            if b.get(0).is_some_and(Value::truthy) {
                let n = s.object_stream_count(obj).map_err(at(pos))?;
                let v = (0..n)
                    .map(|i| s.object_get(obj, i).map(|x| Value::Float(f64::from(x))))
                    .collect::<crate::Result<Vec<_>>>();
                return Ok(new_list(v.map_err(at(pos))?));
            }
            Ok(Value::Float(f64::from(s.object_get(obj, 0).map_err(at(pos))?)))
        }
        "mix" => {
            let b = bind("mix", &["voices"], args, kwargs, pos)?;
            let voices = b.int(0, 1)?;
            if voices < 1 {
                return err(pos, "mix(): voices must be at least 1");
            }
            let r = s.object_mix(obj, voices as usize).map_err(at(pos))?;
            Ok(it.created(r))
        }
        "range" => {
            let b = bind("range", &["min", "max"], args, kwargs, pos)?;
            let (lo, hi) = (number(b.need(0)?, pos, "range()")?, number(b.need(1)?, pos, "range()")?);
            set_param(it, s, obj, "mul", &Value::Float((hi - lo) / 2.0), pos)?;
            set_param(it, s, obj, "add", &Value::Float((hi + lo) / 2.0), pos)?;
            Ok(me)
        }
        "setSub" | "setDiv" => {
            let b = bind(name, &["x"], args, kwargs, pos)?;
            let v = b.need(0)?.clone();
            let op = if name == "setSub" { ArithOp::Sub } else { ArithOp::Div };
            let operand = match &v {
                Value::Object(o) => Operand::Object(*o),
                other => Operand::Numbers(vec![number(other, pos, name)?]),
            };
            s.object_arith_in_place(obj, op, &operand).map_err(at(pos))?;
            Ok(Value::None)
        }
        "setInput" => {
            let b = bind("setInput", &["x", "fadetime"], args, kwargs, pos)?;
            let Some(Value::Object(src)) = b.get(0).cloned() else {
                return err(pos, "setInput() takes a pyo object");
            };
            s.object_set_input(obj, src, b.num(1, 0.05)?).map_err(at(pos))?;
            Ok(Value::None)
        }
        "setStopDelay" => {
            let b = bind("setStopDelay", &["x"], args, kwargs, pos)?;
            s.object_set_stop_delay(obj, b.num(0, 0.0)? as f32).map_err(at(pos))?;
            Ok(me)
        }
        "useWaitTimeOnStop" => {
            s.object_use_wait_time_on_stop(obj, true).map_err(at(pos))?;
            Ok(Value::None)
        }
        "set" => {
            let b = bind("set", &["attr", "value", "port", "callback"], args, kwargs, pos)?;
            let Some(Value::Str(attr)) = b.get(0).cloned() else {
                return err(pos, "set() takes the attribute's name as a string");
            };
            if b.num(2, 0.025)? != 0.0 {
                return err(pos, "set() with a portamento (port > 0) is not supported yet: pass port=0 or use a SigTo");
            }
            set_param(it, s, obj, &attr, b.need(1)?, pos)?;
            Ok(Value::None)
        }
        "ctrl" | "graph" | "view" => {
            s.log(LogLevel::Message, &format!("{name}(): rpyo has no GUI windows; ignored"));
            Ok(Value::None)
        }
        _ => {
            if let Some(param) = setter_param(s, obj, name) {
                let b = bind(name, &["x"], args, kwargs, pos)?;
                set_param(it, s, obj, &param, b.need(0)?, pos)?;
                return Ok(Value::None);
            }
            let class = s.object_class(obj).map_err(at(pos))?;
            if let Some((_, spec)) = class.method(name) {
                // The class's own methods (reset, pause, ...): numbers, None
                // for an argument whose default is None.
                let names: Vec<&str> = spec.args.iter().map(|a| a.name).collect();
                let b = bind(name, &names, args, kwargs, pos)?;
                let mut nums = Vec::with_capacity(names.len());
                for (i, a) in spec.args.iter().enumerate() {
                    nums.push(match b.get(i) {
                        None => a.default as f32,
                        Some(Value::None) => f32::NAN,
                        Some(_) => b.num(i, a.default)? as f32,
                    });
                }
                s.object_call(obj, name, &nums).map_err(at(pos))?;
                return Ok(Value::None);
            }
            err(pos, format!("{} has no method '{name}'", class.name))
        }
    }
}

fn set_param(it: &mut Interp, s: &ServerInner, obj: ObjectId, name: &str, v: &Value, pos: Pos) -> R<()> {
    it.remember_param(s, obj, name);
    s.object_set_value(obj, name, &to_arg(v, pos)?).map_err(at(pos))
}

pub(crate) fn server(it: &mut Interp, s: &ServerInner, name: &str, args: Vec<Value>, kwargs: Kw, pos: Pos) -> R<Value> {
    let b = |names: &[&str], args: Vec<Value>, kwargs: Kw| bind(&format!("Server.{name}"), names, args, kwargs, pos);
    let done = |r: crate::Result<()>| r.map(|_| Value::None).map_err(at(pos));
    match name {
        "boot" => {
            let a = b(&["newBuffer"], args, kwargs)?;
            if !s.is_booted() {
                s.boot(a.get(0).is_none_or(Value::truthy)).map_err(at(pos))?;
            }
            Ok(Value::Server)
        }
        "start" => {
            s.start().map_err(at(pos))?;
            if matches!(s.config().audio, AudioBackend::Offline) {
                it.rendered = true;
            }
            Ok(Value::Server)
        }
        "recordOptions" => {
            let (mut args, mut kwargs) = (args, kwargs);
            super::eval::Overrides::apply(&it.overrides.record, RECORD_ARGS, &mut args, &mut kwargs);
            let a = b(RECORD_ARGS, args, kwargs)?;
            let filename = match a.get(1) {
                None | Some(Value::None) => None,
                Some(Value::Str(f)) => Some(f.to_string()),
                Some(v) => return err(pos, format!("recordOptions: filename takes a string, not a {}", v.type_name())),
            };
            let r = s.record_options(
                a.num(0, -1.0)?,
                filename.as_deref(),
                a.int(2, 0)? as i32,
                a.int(3, 0)? as i32,
                a.num(4, 0.4)?,
            );
            done(r)
        }
        "recstart" => {
            let a = b(&["filename"], args, kwargs)?;
            let filename = match a.get(0) {
                None | Some(Value::None) => None,
                Some(Value::Str(f)) => Some(f.to_string()),
                Some(v) => return err(pos, format!("recstart: filename takes a string, not a {}", v.type_name())),
            };
            done(s.recstart(filename.as_deref()))
        }
        "recstop" => done(s.recstop()),
        "stop" => done(s.stop()),
        "shutdown" => done(s.shutdown()),
        "setAmp" => {
            let a = b(&["x"], args, kwargs)?;
            it.remember_amp(s);
            done(s.set_amp(a.num(0, 1.0)? as f32))
        }
        "setVerbosity" => done(s.set_verbosity(b(&["x"], args, kwargs)?.int(0, 7)?.clamp(0, 255) as u32)),
        "setGlobalSeed" => {
            done(s.set_global_seed(b(&["x"], args, kwargs)?.int(0, 0)?.clamp(0, u32::MAX as i64) as u32))
        }
        "setStartOffset" => done(s.set_start_offset(b(&["x"], args, kwargs)?.num(0, 0.0)? as f32)),
        "setGlobalDur" => done(s.set_global_dur(b(&["x"], args, kwargs)?.num(0, 0.0)? as f32)),
        "setGlobalDel" => done(s.set_global_del(b(&["x"], args, kwargs)?.num(0, 0.0)? as f32)),
        "setAutoStartChildren" => done(s.set_auto_start_children(b(&["state"], args, kwargs)?.need(0)?.truthy())),
        "beginResamplingBlock" => done(s.begin_resampling_block(b(&["x"], args, kwargs)?.int(0, 1)? as i32)),
        "endResamplingBlock" => done(s.end_resampling_block()),
        "addMidiEvent" => {
            let a = b(&["status", "data1", "data2"], args, kwargs)?;
            done(s.add_midi_event(a.int(0, 0)? as i32, a.int(1, 0)? as i32, a.int(2, 0)? as i32))
        }
        "noteout" | "afterout" | "ctlout" => {
            let first = if name == "ctlout" { ["ctlnum", "value"] } else { ["pitch", "velocity"] };
            let a = b(&[first[0], first[1], "channel", "timestamp"], args, kwargs)?;
            let x = int_list(name, first[0], a.need(0)?, pos)?;
            let y = int_list(name, first[1], a.need(1)?, pos)?;
            let c = int_list_or(name, "channel", a.get(2), 0, pos)?;
            let t = num_list_or(name, "timestamp", a.get(3), pos)?;
            done(match name {
                "noteout" => s.noteout(x, y, c, t),
                "afterout" => s.afterout(x, y, c, t),
                _ => s.ctlout(x, y, c, t),
            })
        }
        "programout" | "pressout" | "bendout" => {
            let a = b(&["value", "channel", "timestamp"], args, kwargs)?;
            let x = int_list(name, "value", a.need(0)?, pos)?;
            let c = int_list_or(name, "channel", a.get(1), 0, pos)?;
            let t = num_list_or(name, "timestamp", a.get(2), pos)?;
            done(match name {
                "programout" => s.programout(x, c, t),
                "pressout" => s.pressout(x, c, t),
                _ => s.bendout(x, c, t),
            })
        }
        "sysexout" => {
            let a = b(&["msg", "timestamp"], args, kwargs)?;
            let msgs = sysex_msgs(a.need(0)?, pos)?;
            let t = num_list_or(name, "timestamp", a.get(1), pos)?;
            let refs: Vec<&[u8]> = msgs.iter().map(Vec::as_slice).collect();
            done(s.sysexout_list(&refs, &t))
        }
        "makenote" => {
            let a = b(&["pitch", "velocity", "duration", "channel"], args, kwargs)?;
            let p = int_list(name, "pitch", a.need(0)?, pos)?;
            let v = int_list(name, "velocity", a.need(1)?, pos)?;
            let d = num_list(name, "duration", a.need(2)?, pos)?;
            let c = int_list_or(name, "channel", a.get(3), 0, pos)?;
            done(s.makenote(p, v, d, c))
        }
        "setSamplingRate" => done(s.set_sampling_rate(b(&["x"], args, kwargs)?.num(0, 44100.0)?)),
        "setBufferSize" => done(s.set_buffer_size(b(&["x"], args, kwargs)?.int(0, 256)?.max(0) as usize)),
        "setNchnls" => done(s.set_nchnls(b(&["x"], args, kwargs)?.int(0, 2)?.max(0) as usize)),
        "setIchnls" => done(s.set_ichnls(b(&["x"], args, kwargs)?.int(0, 2)?.max(0) as usize)),
        "setDuplex" => done(s.set_duplex(b(&["x"], args, kwargs)?.need(0)?.truthy())),
        "deactivateMidi" => done(s.deactivate_midi()),
        "getSamplingRate" => Ok(Value::Float(s.sampling_rate())),
        "getNchnls" => Ok(Value::Int(s.nchnls() as i64)),
        "getIchnls" => Ok(Value::Int(s.ichnls() as i64)),
        "getBufferSize" => Ok(Value::Int(s.buffer_size() as i64)),
        "getIsBooted" => Ok(Value::Bool(s.is_booted())),
        "getIsStarted" => Ok(Value::Bool(s.is_started())),
        "getCurrentTime" => Ok(Value::str(&s.current_time())),
        "getCurrentAmp" => Ok(new_list(s.current_amps().into_iter().map(|a| Value::Float(f64::from(a))).collect())),
        "getGlobalSeed" => Ok(Value::Int(i64::from(s.global_seed()))),
        "gui" => {
            s.log(
                LogLevel::Message,
                "gui(): rpyo has no GUI; the script goes on (use `rpyo play` for a terminal meter)",
            );
            Ok(Value::None)
        }
        _ => err(pos, format!("Server has no method '{name}'")),
    }
}

/// A MIDI output argument: a number or a list of numbers (pyo's lists).
fn items_of(v: &Value, pos: Pos) -> R<Vec<Value>> {
    match v {
        Value::List(_) | Value::Tuple(_) => iterate(v, pos),
        other => Ok(vec![other.clone()]),
    }
}

fn int_list(method: &str, what: &str, v: &Value, pos: Pos) -> R<Vec<i32>> {
    items_of(v, pos)?
        .iter()
        .map(|x| {
            let n = int(x, pos, &format!("{method}(): {what}"))?;
            i32::try_from(n).or_else(|_| err(pos, format!("{method}: {what} {n} is out of range")))
        })
        .collect()
}

fn int_list_or(method: &str, what: &str, v: Option<&Value>, default: i32, pos: Pos) -> R<Vec<i32>> {
    match v {
        None | Some(Value::None) => Ok(vec![default]),
        Some(v) => int_list(method, what, v, pos),
    }
}

fn num_list(method: &str, what: &str, v: &Value, pos: Pos) -> R<Vec<f64>> {
    items_of(v, pos)?.iter().map(|x| number(x, pos, &format!("{method}(): {what}"))).collect()
}

fn num_list_or(method: &str, what: &str, v: Option<&Value>, pos: Pos) -> R<Vec<f64>> {
    match v {
        None | Some(Value::None) => Ok(vec![0.0]),
        Some(v) => num_list(method, what, v, pos),
    }
}

/// sysexout's msg: a string (each character one byte, 0 to 255), a list
/// of byte values (one message), or a list of those (several messages).
fn sysex_msgs(v: &Value, pos: Pos) -> R<Vec<Vec<u8>>> {
    fn one(v: &Value, pos: Pos) -> R<Vec<u8>> {
        match v {
            Value::Str(s) => s
                .chars()
                .map(|c| u8::try_from(u32::from(c)).or_else(|_| err(pos, format!("sysexout: {c:?} is not a byte"))))
                .collect(),
            Value::List(_) | Value::Tuple(_) => iterate(v, pos)?
                .iter()
                .map(|x| {
                    let n = int(x, pos, "sysexout(): msg")?;
                    u8::try_from(n).or_else(|_| err(pos, format!("sysexout: msg byte {n} is out of range (0 to 255)")))
                })
                .collect(),
            other => err(pos, format!("sysexout: msg takes a string or a list of bytes, not a {}", other.type_name())),
        }
    }
    match v {
        Value::List(_) | Value::Tuple(_) => {
            let items = iterate(v, pos)?;
            if items.iter().all(|x| matches!(x, Value::Str(_) | Value::List(_) | Value::Tuple(_))) && !items.is_empty()
            {
                items.iter().map(|x| one(x, pos)).collect()
            } else {
                Ok(vec![one(v, pos)?])
            }
        }
        other => Ok(vec![one(other, pos)?]),
    }
}

pub(crate) fn builtin_type(
    it: &mut Interp,
    _s: &ServerInner,
    recv: Value,
    name: &str,
    args: Vec<Value>,
    kwargs: Kw,
    pos: Pos,
) -> R<Value> {
    if !kwargs.is_empty() && name != "sort" {
        return err(pos, format!("{name}() takes no keyword arguments"));
    }
    let arg = |i: usize| -> R<Value> {
        args.get(i).cloned().ok_or_else(|| ScriptError::new(pos, format!("{name}() is missing an argument")))
    };
    match &recv {
        Value::List(l) => {
            match name {
                "append" => {
                    it.touch_list(l);
                    lock(l).push(arg(0)?);
                }
                "extend" => {
                    let more = iterate(&arg(0)?, pos)?;
                    it.touch_list(l);
                    lock(l).extend(more);
                }
                "insert" => {
                    let n = lock(l).len() as i64;
                    let i = int(&arg(0)?, pos, "insert()")?;
                    let i = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
                    it.touch_list(l);
                    lock(l).insert(i, arg(1)?);
                }
                "pop" => {
                    let n = lock(l).len();
                    let i = match args.first() {
                        Some(v) => index_of(v, n, pos)?,
                        None if n > 0 => n - 1,
                        None => return err(pos, "pop() from an empty list"),
                    };
                    it.touch_list(l);
                    return Ok(lock(l).remove(i));
                }
                "remove" => {
                    let x = arg(0)?;
                    let items = lock(l).clone();
                    let i = items.iter().position(|v| v.equals(&x));
                    let Some(i) = i else { return err(pos, format!("remove(): {} is not in the list", x.repr())) };
                    it.touch_list(l);
                    lock(l).remove(i);
                }
                "index" => {
                    let x = arg(0)?;
                    let items = lock(l).clone();
                    let i = items.iter().position(|v| v.equals(&x));
                    return i
                        .map(|i| Value::Int(i as i64))
                        .ok_or_else(|| ScriptError::new(pos, format!("index(): {} is not in the list", x.repr())));
                }
                "count" => {
                    let x = arg(0)?;
                    let items = lock(l).clone();
                    return Ok(Value::Int(items.iter().filter(|v| v.equals(&x)).count() as i64));
                }
                "reverse" => {
                    it.touch_list(l);
                    lock(l).reverse();
                }
                "sort" => {
                    let reverse = kwargs.iter().any(|(k, v)| k == "reverse" && v.truthy());
                    if kwargs.iter().any(|(k, _)| k != "reverse") {
                        return err(pos, "sort(): only 'reverse' is supported");
                    }
                    it.touch_list(l);
                    let mut items = lock(l).clone();
                    sort(&mut items, pos)?;
                    if reverse {
                        items.reverse();
                    }
                    *lock(l) = items;
                }
                "copy" => return Ok(new_list(lock(l).clone())),
                "clear" => {
                    it.touch_list(l);
                    lock(l).clear();
                }
                _ => return err(pos, format!("list has no method '{name}'")),
            }
            Ok(Value::None)
        }
        Value::Dict(d) => {
            let d = d.lock().unwrap_or_else(|e| e.into_inner()).clone();
            match name {
                "keys" => Ok(new_list(d.into_iter().map(|(k, _)| k).collect())),
                "values" => Ok(new_list(d.into_iter().map(|(_, v)| v).collect())),
                "items" => Ok(new_list(d.into_iter().map(|(k, v)| Value::Tuple(vec![k, v].into())).collect())),
                "get" => {
                    let k = arg(0)?;
                    Ok(d.into_iter()
                        .find(|(x, _)| x.equals(&k))
                        .map(|(_, v)| v)
                        .unwrap_or(args.get(1).cloned().unwrap_or(Value::None)))
                }
                _ => err(pos, format!("dict has no method '{name}'")),
            }
        }
        Value::Str(t) => match name {
            "upper" => Ok(Value::str(&t.to_uppercase())),
            "lower" => Ok(Value::str(&t.to_lowercase())),
            "strip" => Ok(Value::str(t.trim())),
            "startswith" => Ok(Value::Bool(matches!(arg(0)?, Value::Str(p) if t.starts_with(&*p)))),
            "endswith" => Ok(Value::Bool(matches!(arg(0)?, Value::Str(p) if t.ends_with(&*p)))),
            "join" => {
                let parts = iterate(&arg(0)?, pos)?;
                let texts = parts
                    .iter()
                    .map(|p| match p {
                        Value::Str(x) => Ok(x.to_string()),
                        other => err(pos, format!("join(): items must be strings, not {}", other.type_name())),
                    })
                    .collect::<R<Vec<_>>>()?;
                Ok(Value::str(&texts.join(t)))
            }
            "split" => {
                let parts: Vec<Value> = match args.first() {
                    Some(Value::Str(sep)) if !sep.is_empty() => t.split(&**sep).map(Value::str).collect(),
                    _ => t.split_whitespace().map(Value::str).collect(),
                };
                Ok(new_list(parts))
            }
            "format" => err(pos, "str.format() is not supported: use + and str()"),
            _ => err(pos, format!("str has no method '{name}'")),
        },
        other => err(pos, format!("a {} has no method '{name}'", other.type_name())),
    }
}
