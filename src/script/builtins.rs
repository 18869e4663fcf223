//! Python's built-in functions, the math, random and time modules, and
//! pyo's module-level functions and classes, as scripts see them.

use super::eval::{err, int, iterate, number, Interp};
use super::value::{compare, lock, new_list, Value};
use super::{Pos, ScriptError, ScriptResult};
use crate::objects::registry;
use crate::server::config::{AudioBackend, MidiBackend};
use crate::server::ServerInner;
use crate::LogLevel;

type R<T> = ScriptResult<T>;

const BUILTINS: &[&str] = &[
    "len",
    "range",
    "min",
    "max",
    "abs",
    "round",
    "int",
    "float",
    "str",
    "bool",
    "list",
    "tuple",
    "sum",
    "print",
    "enumerate",
    "zip",
    "sorted",
    "reversed",
    "pow",
    "dict",
    "isinstance",
    "type",
    "callable",
];

/// The math and random functions, by qualified name (what a
/// `Value::Builtin` holds and `call` dispatches on).
const MATH: &[&str] = &[
    "math.sin",
    "math.cos",
    "math.tan",
    "math.asin",
    "math.acos",
    "math.atan",
    "math.atan2",
    "math.sinh",
    "math.cosh",
    "math.tanh",
    "math.exp",
    "math.log",
    "math.log10",
    "math.log2",
    "math.sqrt",
    "math.pow",
    "math.floor",
    "math.ceil",
    "math.fabs",
    "math.fmod",
    "math.hypot",
    "math.degrees",
    "math.radians",
    "math.trunc",
    "math.isnan",
    "math.isinf",
];

const RANDOM: &[&str] = &[
    "random.seed",
    "random.random",
    "random.uniform",
    "random.randint",
    "random.randrange",
    "random.choice",
    "random.shuffle",
    "random.triangular",
    "random.sample",
];

/// The name a module gives a qualified function ("math.sin" -> "sin").
fn short(qualified: &'static str) -> &'static str {
    qualified.split_once('.').map_or(qualified, |(_, n)| n)
}

/// pyo's module-level functions.
const PYO_FUNCTIONS: &[&str] = &[
    "midiToHz",
    "midiToTranspo",
    "sampsToSec",
    "secToSamps",
    "beatToDur",
    "pa_list_devices",
    "pm_list_devices",
    "pa_get_default_output",
    "pa_get_default_input",
    "Server",
];

/// A name no assignment has bound: Python's built-ins and pyo's classes
/// and functions (as if `from pyo import *`, which every pyo script says).
pub fn global(name: &str) -> Option<Value> {
    if let Some(b) = BUILTINS.iter().find(|b| **b == name) {
        return Some(Value::Builtin(b));
    }
    module_attr("pyo", name)
}

pub fn module(name: &str) -> Option<Value> {
    Some(Value::Module(match name {
        "math" => "math",
        "random" => "random",
        "pyo" => "pyo",
        "time" => "time",
        _ => return None,
    }))
}

/// The names `from m import *` binds.
pub fn module_names(m: &str) -> Vec<&'static str> {
    match m {
        "math" => MATH.iter().map(|q| short(q)).chain(["pi", "e", "tau", "inf", "nan"]).collect(),
        "random" => RANDOM.iter().map(|q| short(q)).collect(),
        _ => Vec::new(),
    }
}

pub fn module_attr(m: &str, name: &str) -> Option<Value> {
    let find = |list: &[&'static str]| list.iter().find(|q| short(q) == name).map(|q| Value::Builtin(q));
    match m {
        "math" => match name {
            "pi" => Some(Value::Float(std::f64::consts::PI)),
            "e" => Some(Value::Float(std::f64::consts::E)),
            "tau" => Some(Value::Float(std::f64::consts::TAU)),
            "inf" => Some(Value::Float(f64::INFINITY)),
            "nan" => Some(Value::Float(f64::NAN)),
            _ => find(MATH),
        },
        "random" => find(RANDOM),
        "time" => (name == "sleep" || name == "time")
            .then(|| Value::Builtin(if name == "sleep" { "time.sleep" } else { "time.time" })),
        "pyo" => {
            if let Some(c) = registry::classes().iter().find(|c| c.name == name) {
                return Some(Value::Class(c));
            }
            find(PYO_FUNCTIONS)
        }
        _ => None,
    }
}

/// Arguments by position or keyword, with defaults.
pub(crate) struct Bound {
    vals: Vec<Option<Value>>,
    pos: Pos,
    func: String,
}

impl Bound {
    pub fn get(&self, i: usize) -> Option<&Value> {
        self.vals.get(i).and_then(|v| v.as_ref())
    }
    pub fn num(&self, i: usize, default: f64) -> R<f64> {
        match self.get(i) {
            None | Some(Value::None) => Ok(default),
            Some(v) => number(v, self.pos, &format!("{}()", self.func)),
        }
    }
    pub fn int(&self, i: usize, default: i64) -> R<i64> {
        match self.get(i) {
            None | Some(Value::None) => Ok(default),
            Some(v) => int(v, self.pos, &format!("{}()", self.func)),
        }
    }
    pub fn need(&self, i: usize) -> R<&Value> {
        self.get(i).ok_or_else(|| ScriptError::new(self.pos, format!("{}() is missing an argument", self.func)))
    }
}

/// Binds positional and keyword arguments to `names` (pyo's or Python's
/// parameter names, in order).
pub(crate) fn bind(func: &str, names: &[&str], args: Vec<Value>, kwargs: Vec<(String, Value)>, pos: Pos) -> R<Bound> {
    if args.len() > names.len() {
        return err(
            pos,
            format!("{func}() takes at most {} arguments ({}), {} given", names.len(), names.join(", "), args.len()),
        );
    }
    let mut vals: Vec<Option<Value>> = args.into_iter().map(Some).collect();
    vals.resize(names.len(), None);
    for (k, v) in kwargs {
        let i = names.iter().position(|n| *n == k).ok_or_else(|| {
            ScriptError::new(pos, format!("{func}() has no argument '{k}' (arguments: {})", names.join(", ")))
        })?;
        if vals[i].is_some() {
            return err(pos, format!("{func}() got two values for '{k}'"));
        }
        vals[i] = Some(v);
    }
    Ok(Bound { vals, pos, func: func.to_owned() })
}

fn seq(v: &Value, pos: Pos) -> R<Vec<Value>> {
    iterate(v, pos)
}

/// Applies `f` to a number, or to each number of a list (pyo's helpers
/// take both).
fn map_numbers(v: &Value, pos: Pos, what: &str, f: impl Fn(f64) -> Value) -> R<Value> {
    match v {
        Value::List(_) | Value::Tuple(_) => {
            Ok(new_list(seq(v, pos)?.iter().map(|x| number(x, pos, what).map(&f)).collect::<R<_>>()?))
        }
        _ => Ok(f(number(v, pos, what)?)),
    }
}

pub(crate) fn call(
    it: &mut Interp,
    s: &ServerInner,
    name: &str,
    args: Vec<Value>,
    kwargs: Vec<(String, Value)>,
    pos: Pos,
) -> R<Value> {
    if let Some(f) = name.strip_prefix("math.") {
        return math(f, args, kwargs, pos);
    }
    if let Some(f) = name.strip_prefix("random.") {
        return random(it, s, f, args, kwargs, pos);
    }
    let one = |args: &[Value]| -> R<Value> {
        if args.len() != 1 || !kwargs.is_empty() {
            return err(pos, format!("{name}() takes exactly one argument"));
        }
        Ok(args[0].clone())
    };
    Ok(match name {
        "len" => {
            let v = one(&args)?;
            match &v {
                Value::Object(o) => Value::Int(
                    s.object_stream_count(*o).map_err(|e| ScriptError::new(pos, e.message.to_string()))? as i64,
                ),
                _ => Value::Int(seq(&v, pos)?.len() as i64),
            }
        }
        "range" => {
            let nums = args.iter().map(|a| int(a, pos, "range()")).collect::<R<Vec<_>>>()?;
            let (start, stop, step) = match nums[..] {
                [stop] => (0, stop, 1),
                [start, stop] => (start, stop, 1),
                [start, stop, step] => (start, stop, step),
                _ => return err(pos, "range() takes 1 to 3 integers"),
            };
            if step == 0 {
                return err(pos, "range() step cannot be zero");
            }
            let n = if step > 0 { (stop - start + step - 1) / step } else { (start - stop - step - 1) / -step };
            if n > 1_000_000 {
                return err(pos, "range() too long (over a million items)");
            }
            new_list((0..n.max(0)).map(|k| Value::Int(start + k * step)).collect())
        }
        "min" | "max" => {
            let items = if args.len() == 1 { seq(&args[0], pos)? } else { args };
            let mut best: Option<Value> = None;
            for x in items {
                let better = match &best {
                    None => true,
                    Some(b) => {
                        let o = compare(&x, b)
                            .ok_or_else(|| ScriptError::new(pos, format!("{name}(): cannot compare these values")))?;
                        if name == "min" {
                            o.is_lt()
                        } else {
                            o.is_gt()
                        }
                    }
                };
                if better {
                    best = Some(x);
                }
            }
            best.ok_or_else(|| ScriptError::new(pos, format!("{name}() of an empty sequence")))?
        }
        "abs" => match one(&args)? {
            Value::Int(v) => Value::Int(v.saturating_abs()),
            v => Value::Float(number(&v, pos, "abs()")?.abs()),
        },
        "round" => {
            let b = bind("round", &["number", "ndigits"], args, kwargs, pos)?;
            let x = b.num(0, 0.0)?;
            match b.get(1) {
                None | Some(Value::None) => Value::Int(round_half_even(x) as i64),
                Some(_) => {
                    let d = b.int(1, 0)?.clamp(-300, 300) as i32;
                    let m = 10f64.powi(d);
                    Value::Float(round_half_even(x * m) / m)
                }
            }
        }
        "int" => match one(&args)? {
            Value::Str(t) => Value::Int(
                t.trim().parse().map_err(|_| ScriptError::new(pos, format!("int(): '{t}' is not an integer")))?,
            ),
            v => {
                let x = number(&v, pos, "int()")?;
                if !x.is_finite() {
                    return err(pos, "int(): cannot convert an infinite or NaN number");
                }
                Value::Int(x.trunc() as i64)
            }
        },
        "float" => match one(&args)? {
            Value::Str(t) => Value::Float(
                t.trim().parse().map_err(|_| ScriptError::new(pos, format!("float(): '{t}' is not a number")))?,
            ),
            v => Value::Float(number(&v, pos, "float()")?),
        },
        "str" => Value::str(&one(&args)?.to_text()),
        "bool" => Value::Bool(one(&args)?.truthy()),
        "list" => new_list(if args.is_empty() { Vec::new() } else { seq(&one(&args)?, pos)? }),
        "tuple" => Value::Tuple(if args.is_empty() { Vec::new() } else { seq(&one(&args)?, pos)? }.into()),
        "dict" => Value::Dict(std::sync::Arc::new(std::sync::Mutex::new(
            kwargs.into_iter().map(|(k, v)| (Value::str(&k), v)).collect(),
        ))),
        "sum" => {
            let b = bind("sum", &["iterable", "start"], args, kwargs, pos)?;
            let mut acc = b.get(1).cloned().unwrap_or(Value::Int(0));
            for x in seq(b.need(0)?, pos)? {
                acc = it.binary(s, super::ast::BinOp::Add, acc, x, pos)?;
            }
            acc
        }
        "print" => {
            let text = args.iter().map(Value::to_text).collect::<Vec<_>>().join(" ");
            s.log(LogLevel::Message, &text);
            Value::None
        }
        "enumerate" => {
            let b = bind("enumerate", &["iterable", "start"], args, kwargs, pos)?;
            let start = b.int(1, 0)?;
            new_list(
                seq(b.need(0)?, pos)?
                    .into_iter()
                    .enumerate()
                    .map(|(i, x)| Value::Tuple(vec![Value::Int(start + i as i64), x].into()))
                    .collect(),
            )
        }
        "zip" => {
            let lists = args.iter().map(|a| seq(a, pos)).collect::<R<Vec<_>>>()?;
            let n = lists.iter().map(Vec::len).min().unwrap_or(0);
            new_list(
                (0..n).map(|i| Value::Tuple(lists.iter().map(|l| l[i].clone()).collect::<Vec<_>>().into())).collect(),
            )
        }
        "sorted" => {
            let b = bind("sorted", &["iterable", "reverse"], args, kwargs, pos)?;
            let mut items = seq(b.need(0)?, pos)?;
            sort(&mut items, pos)?;
            if b.get(1).is_some_and(Value::truthy) {
                items.reverse();
            }
            new_list(items)
        }
        "reversed" => {
            let mut items = seq(&one(&args)?, pos)?;
            items.reverse();
            new_list(items)
        }
        "pow" => {
            if args.len() != 2 {
                return err(pos, "pow() takes two arguments");
            }
            let mut a = args.into_iter();
            let (x, y) = (a.next().unwrap_or(Value::None), a.next().unwrap_or(Value::None));
            it.binary(s, super::ast::BinOp::Pow, x, y, pos)?
        }
        "isinstance" | "type" | "callable" => {
            return err(pos, format!("{name}() is not supported"));
        }
        "time.sleep" => {
            return err(
                pos,
                "time.sleep() would block: schedule events with pyo objects (Metro, CallAfter is not available)",
            )
        }
        "time.time" => Value::Float(
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0),
        ),
        // ------------------------------------------------------------ pyo --
        "midiToHz" => {
            let v = one(&args)?;
            // pyo: 440 * 2^((x-69)/12), the power rounded to single precision.
            map_numbers(&v, pos, "midiToHz()", |x| {
                Value::Float(440.0 * f64::from(2f64.powf((x - 69.0) / 12.0) as f32))
            })?
        }
        "midiToTranspo" => {
            let v = one(&args)?;
            map_numbers(&v, pos, "midiToTranspo()", |x| Value::Float(1.0594630943593f64.powf(x - 60.0)))?
        }
        "sampsToSec" => {
            let sr = s.sampling_rate();
            map_numbers(&one(&args)?, pos, "sampsToSec()", |x| Value::Float(x / sr))?
        }
        "secToSamps" => {
            let sr = s.sampling_rate();
            map_numbers(&one(&args)?, pos, "secToSamps()", |x| Value::Int((x * sr) as i64))?
        }
        "beatToDur" => {
            let b = bind("beatToDur", &["beat", "bpm"], args, kwargs, pos)?;
            let bpm = b.num(1, 120.0)?;
            map_numbers(b.need(0)?, pos, "beatToDur()", |x| Value::Float(60.0 / bpm * x))?
        }
        "pa_list_devices" | "pm_list_devices" | "pa_get_default_output" | "pa_get_default_input" => {
            s.log(LogLevel::Message, &format!("{name}(): device listing is `rpyo devices` (no devices in scripts)"));
            Value::None
        }
        "Server" => {
            let (mut args, mut kwargs) = (args, kwargs);
            super::eval::Overrides::apply(&it.overrides.server, SERVER_ARGS, &mut args, &mut kwargs);
            server_ctor(s, args, kwargs, pos)?
        }
        _ => return err(pos, format!("{name}() is not available")),
    })
}

/// Python's round(): halves go to the even neighbour.
fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

pub(crate) fn sort(items: &mut [Value], pos: Pos) -> R<()> {
    let mut bad = false;
    items.sort_by(|a, b| {
        compare(a, b).unwrap_or_else(|| {
            bad = true;
            std::cmp::Ordering::Equal
        })
    });
    if bad {
        return err(pos, "sort(): cannot compare these values");
    }
    Ok(())
}

fn math(f: &str, args: Vec<Value>, kwargs: Vec<(String, Value)>, pos: Pos) -> R<Value> {
    if !kwargs.is_empty() {
        return err(pos, format!("math.{f}() takes no keyword arguments"));
    }
    let x = |i: usize| -> R<f64> {
        let v = args.get(i).ok_or_else(|| ScriptError::new(pos, format!("math.{f}() is missing an argument")))?;
        number(v, pos, &format!("math.{f}()"))
    };
    let domain =
        |ok: bool, v: f64| if ok { Ok(Value::Float(v)) } else { err(pos, format!("math.{f}(): math domain error")) };
    match f {
        "sin" => Ok(Value::Float(x(0)?.sin())),
        "cos" => Ok(Value::Float(x(0)?.cos())),
        "tan" => Ok(Value::Float(x(0)?.tan())),
        "asin" => domain(x(0)?.abs() <= 1.0, x(0)?.asin()),
        "acos" => domain(x(0)?.abs() <= 1.0, x(0)?.acos()),
        "atan" => Ok(Value::Float(x(0)?.atan())),
        "atan2" => Ok(Value::Float(x(0)?.atan2(x(1)?))),
        "sinh" => Ok(Value::Float(x(0)?.sinh())),
        "cosh" => Ok(Value::Float(x(0)?.cosh())),
        "tanh" => Ok(Value::Float(x(0)?.tanh())),
        "exp" => Ok(Value::Float(x(0)?.exp())),
        "log" => {
            let v = x(0)?;
            if v <= 0.0 {
                return err(pos, "math.log(): math domain error");
            }
            match args.len() {
                1 => Ok(Value::Float(v.ln())),
                _ => Ok(Value::Float(v.ln() / x(1)?.ln())),
            }
        }
        "log10" => domain(x(0)? > 0.0, x(0)?.log10()),
        "log2" => domain(x(0)? > 0.0, x(0)?.log2()),
        "sqrt" => domain(x(0)? >= 0.0, x(0)?.sqrt()),
        "pow" => Ok(Value::Float(x(0)?.powf(x(1)?))),
        "floor" => Ok(Value::Int(x(0)?.floor() as i64)),
        "ceil" => Ok(Value::Int(x(0)?.ceil() as i64)),
        "trunc" => Ok(Value::Int(x(0)?.trunc() as i64)),
        "fabs" => Ok(Value::Float(x(0)?.abs())),
        "fmod" => Ok(Value::Float(x(0)? % x(1)?)),
        "hypot" => Ok(Value::Float(x(0)?.hypot(x(1)?))),
        "degrees" => Ok(Value::Float(x(0)?.to_degrees())),
        "radians" => Ok(Value::Float(x(0)?.to_radians())),
        "isnan" => Ok(Value::Bool(x(0)?.is_nan())),
        "isinf" => Ok(Value::Bool(x(0)?.is_infinite())),
        _ => err(pos, format!("math.{f}() is not available")),
    }
}

fn random(
    it: &mut Interp,
    s: &ServerInner,
    f: &str,
    args: Vec<Value>,
    kwargs: Vec<(String, Value)>,
    pos: Pos,
) -> R<Value> {
    let r = &mut it.rng;
    Ok(match f {
        "seed" => {
            let b = bind("random.seed", &["a"], args, kwargs, pos)?;
            let seed = match b.get(0) {
                None | Some(Value::None) => u64::from(s.global_seed()),
                Some(v) => int(v, pos, "random.seed()")?.unsigned_abs(),
            };
            r.seed(seed);
            Value::None
        }
        "random" => Value::Float(r.random()),
        "uniform" => {
            let b = bind("random.uniform", &["a", "b"], args, kwargs, pos)?;
            let (a, c) = (b.num(0, 0.0)?, b.num(1, 1.0)?);
            Value::Float(a + (c - a) * r.random())
        }
        "randint" | "randrange" => {
            let b = bind(&format!("random.{f}"), &["start", "stop", "step"], args, kwargs, pos)?;
            let (start, stop, step) = match (f, b.get(1)) {
                ("randint", _) => (b.int(0, 0)?, b.int(1, 0)? + 1, 1),
                (_, None) => (0, b.int(0, 0)?, 1),
                _ => (b.int(0, 0)?, b.int(1, 0)?, b.int(2, 1)?),
            };
            Value::Int(
                r.randrange(start, stop, step)
                    .ok_or_else(|| ScriptError::new(pos, format!("random.{f}(): empty range")))?,
            )
        }
        "choice" => {
            let b = bind("random.choice", &["seq"], args, kwargs, pos)?;
            let items = seq(b.need(0)?, pos)?;
            if items.is_empty() {
                return err(pos, "random.choice(): empty sequence");
            }
            items[r.below(items.len() as u64) as usize].clone()
        }
        "shuffle" => {
            let b = bind("random.shuffle", &["x"], args, kwargs, pos)?;
            let Some(Value::List(l)) = b.get(0).cloned() else {
                return err(pos, "random.shuffle() takes a list");
            };
            it.touch_list(&l);
            it.rng.shuffle(&mut lock(&l));
            Value::None
        }
        "triangular" => {
            let b = bind("random.triangular", &["low", "high", "mode"], args, kwargs, pos)?;
            let (mut low, mut high) = (b.num(0, 0.0)?, b.num(1, 1.0)?);
            let mut u = r.random();
            let mut c = match b.get(2) {
                None | Some(Value::None) => 0.5,
                Some(_) if high == low => return Ok(Value::Float(low)),
                Some(_) => (b.num(2, 0.5)? - low) / (high - low),
            };
            if u > c {
                u = 1.0 - u;
                c = 1.0 - c;
                std::mem::swap(&mut low, &mut high);
            }
            Value::Float(low + (high - low) * (u * c).sqrt())
        }
        _ => return err(pos, format!("random.{f}() is not available")),
    })
}

/// pyo's Server arguments, in order.
pub(crate) const SERVER_ARGS: &[&str] =
    &["sr", "nchnls", "buffersize", "duplex", "audio", "jackname", "ichnls", "winhost", "midi", "verbosity"];

/// `Server(...)` in a script: the script's own server. Before boot its
/// arguments configure it; after boot (a host's running server) they must
/// agree with it or are reported and ignored.
fn server_ctor(s: &ServerInner, args: Vec<Value>, kwargs: Vec<(String, Value)>, pos: Pos) -> R<Value> {
    const NAMES: &[&str] = SERVER_ARGS;
    let b = bind("Server", NAMES, args, kwargs, pos)?;
    let mut c = s.config();
    let text = |i: usize| -> R<Option<String>> {
        match b.get(i) {
            None => Ok(None),
            Some(Value::Str(t)) => Ok(Some(t.to_string())),
            Some(v) => err(pos, format!("Server(): '{}' takes a string, not a {}", NAMES[i], v.type_name())),
        }
    };
    if b.get(0).is_some() {
        c.sr = b.num(0, c.sr)?;
    }
    if b.get(1).is_some() {
        c.nchnls = b.int(1, 2)?.max(0) as usize;
    }
    if b.get(2).is_some() {
        c.buffersize = b.int(2, 256)?.max(0) as usize;
    }
    if let Some(d) = b.get(3) {
        c.duplex = d.truthy();
    }
    if let Some(a) = text(4)? {
        c.audio = AudioBackend::parse(&a).map_err(|e| ScriptError::new(pos, e.message.to_string()))?;
    }
    if let Some(j) = text(5)? {
        c.jackname = j;
    }
    match b.get(6) {
        None | Some(Value::None) => {}
        Some(_) => c.ichnls = Some(b.int(6, 2)?.max(0) as usize),
    }
    if let Some(w) = text(7)? {
        c.winhost = w;
    }
    if let Some(m) = text(8)? {
        c.midi = MidiBackend::parse(&m).map_err(|e| ScriptError::new(pos, e.message.to_string()))?;
    }
    if b.get(9).is_some() {
        c.verbosity = b.int(9, 7)?.clamp(0, 255) as u32;
    }
    if s.is_booted() {
        if c != s.config() {
            s.log(
                LogLevel::Warning,
                "Server(...) in a script: the server is already booted; its settings stay as they are",
            );
        }
    } else {
        s.reinit(c).map_err(|e| ScriptError::new(pos, e.message.to_string()))?;
    }
    Ok(Value::Server)
}
