//! Script values and Python's rules for them: truth, equality, order,
//! arithmetic on numbers, text forms.

use super::ast::{BinOp, Param, Stmt};
use crate::objects::registry::ClassSpec;
use crate::server::ObjectId;
use std::sync::{Arc, Mutex, MutexGuard};

/// A list shared by every name bound to it (Python's reference semantics).
pub type List = Arc<Mutex<Vec<Value>>>;

#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Arc<str>),
    List(List),
    Tuple(Arc<[Value]>),
    /// Keys and values in insertion order.
    Dict(Arc<Mutex<Vec<(Value, Value)>>>),
    /// A pyo object of the script's server (audio object or table).
    Object(ObjectId),
    /// The script's server.
    Server,
    /// A pyo class: calling it creates an object.
    Class(&'static ClassSpec),
    Func(Arc<Function>),
    /// A built-in function, by its qualified name ("len", "math.sin", ...).
    Builtin(&'static str),
    /// An imported module ("math", "random", "pyo").
    Module(&'static str),
    /// `receiver.name`, not yet called.
    Method(Box<Value>, Arc<str>),
}

/// A function the script defined with `def` or `lambda`.
pub struct Function {
    pub name: String,
    pub params: Vec<Param>,
    /// Default values, evaluated at definition as Python does.
    pub defaults: Vec<Option<Value>>,
    pub body: FunctionBody,
}

pub enum FunctionBody {
    Block(Vec<Stmt>),
    Lambda(super::ast::Expr),
}

pub fn lock(l: &List) -> MutexGuard<'_, Vec<Value>> {
    l.lock().unwrap_or_else(|e| e.into_inner())
}

pub fn new_list(items: Vec<Value>) -> Value {
    Value::List(Arc::new(Mutex::new(items)))
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Arc::from(s))
    }

    /// Python's type name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Dict(_) => "dict",
            Value::Object(_) => "pyo object",
            Value::Server => "Server",
            Value::Class(_) => "class",
            Value::Func(_) => "function",
            Value::Builtin(_) => "built-in function",
            Value::Module(_) => "module",
            Value::Method(..) => "method",
        }
    }

    /// The number, for ints, floats and bools.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(v) => Some(*v as f64),
            Value::Float(v) => Some(*v),
            Value::Bool(b) => Some(f64::from(u8::from(*b))),
            _ => None,
        }
    }

    /// The integer, for ints, bools and floats with no fraction.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(v) => Some(*v),
            Value::Bool(b) => Some(i64::from(*b)),
            _ => None,
        }
    }

    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(v) => *v != 0,
            Value::Float(v) => *v != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !lock(l).is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.lock().unwrap_or_else(|e| e.into_inner()).is_empty(),
            _ => true,
        }
    }

    /// The items of a list or tuple (a copy), of a string (its characters),
    /// of a dict (its keys).
    pub fn items(&self) -> Option<Vec<Value>> {
        match self {
            Value::List(l) => Some(lock(l).clone()),
            Value::Tuple(t) => Some(t.to_vec()),
            Value::Str(s) => Some(s.chars().map(|c| Value::str(&c.to_string())).collect()),
            Value::Dict(d) => {
                Some(d.lock().unwrap_or_else(|e| e.into_inner()).iter().map(|(k, _)| k.clone()).collect())
            }
            _ => None,
        }
    }

    /// Python's `==`.
    pub fn equals(&self, other: &Value) -> bool {
        self.equals_at(other, 0)
    }

    fn equals_at(&self, other: &Value, depth: u32) -> bool {
        if depth > 32 {
            return false;
        }
        match (self, other) {
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::None, Value::None) => true,
            (Value::Object(a), Value::Object(b)) => a == b,
            (Value::Server, Value::Server) => true,
            (Value::Class(a), Value::Class(b)) => std::ptr::eq(*a, *b),
            (Value::Builtin(a), Value::Builtin(b)) | (Value::Module(a), Value::Module(b)) => a == b,
            (Value::Func(a), Value::Func(b)) => Arc::ptr_eq(a, b),
            (Value::List(_) | Value::Tuple(_), Value::List(_) | Value::Tuple(_)) => {
                if matches!(self, Value::List(_)) != matches!(other, Value::List(_)) {
                    return false;
                }
                let (a, b) = (self.items().unwrap_or_default(), other.items().unwrap_or_default());
                a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x.equals_at(y, depth + 1))
            }
            (Value::Dict(a), Value::Dict(b)) => Arc::ptr_eq(a, b),
            _ => match (self.as_int(), other.as_int()) {
                (Some(a), Some(b)) => a == b,
                _ => match (self.as_f64(), other.as_f64()) {
                    (Some(a), Some(b)) => a == b,
                    _ => false,
                },
            },
        }
    }

    /// Python's `repr`.
    pub fn repr(&self) -> String {
        self.repr_at(0)
    }

    fn repr_at(&self, depth: u32) -> String {
        match self {
            Value::Str(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
            other => other.text_at(depth),
        }
    }

    /// Python's `str`.
    pub fn to_text(&self) -> String {
        self.text_at(0)
    }

    fn text_at(&self, depth: u32) -> String {
        // Containers copy their items before formatting them: a list may
        // contain itself (printed as [...] past a depth, as Python does).
        let join = |items: &[Value]| items.iter().map(|x| x.repr_at(depth + 1)).collect::<Vec<_>>().join(", ");
        if depth > 16 && matches!(self, Value::List(_) | Value::Tuple(_) | Value::Dict(_)) {
            return "[...]".into();
        }
        match self {
            Value::None => "None".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(v) => v.to_string(),
            Value::Float(v) => float_text(*v),
            Value::Str(s) => s.to_string(),
            Value::List(l) => {
                let items = lock(l).clone();
                format!("[{}]", join(&items))
            }
            Value::Tuple(t) if t.len() == 1 => format!("({},)", t[0].repr_at(depth + 1)),
            Value::Tuple(t) => format!("({})", join(t)),
            Value::Dict(d) => {
                let items = d.lock().unwrap_or_else(|e| e.into_inner()).clone();
                let parts: Vec<String> =
                    items.iter().map(|(k, v)| format!("{}: {}", k.repr_at(depth + 1), v.repr_at(depth + 1))).collect();
                format!("{{{}}}", parts.join(", "))
            }
            Value::Object(o) => format!("< pyo object @{} >", o.id),
            Value::Server => "< Server >".into(),
            Value::Class(c) => format!("<class '{}'>", c.name),
            Value::Func(f) => format!("<function {}>", f.name),
            Value::Builtin(n) => format!("<built-in function {n}>"),
            Value::Module(n) => format!("<module '{n}'>"),
            Value::Method(_, n) => format!("<method {n}>"),
        }
    }
}

/// Python's float formatting: shortest round-trip, with ".0" on integers.
pub fn float_text(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.into();
    }
    let s = format!("{v:?}");
    if s.contains('e') {
        // Rust writes 1e20 where Python writes 1e+20.
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let m = m.strip_suffix(".0").unwrap_or(m);
        let sign = if e.starts_with('-') { "-" } else { "+" };
        let digits = e.trim_start_matches('-');
        return format!("{m}e{sign}{digits:0>2}");
    }
    if v.abs() >= 1e16 {
        let e = format!("{v:e}");
        let (m, x) = e.split_once('e').unwrap_or((&e, "0"));
        return format!("{m}e+{x:0>2}");
    }
    s
}

/// Arithmetic between two numbers with Python's rules (int op int stays
/// an int except for `/`; `//` and `%` floor; `**` with a negative
/// exponent gives a float). `None` when either side is not a number.
pub fn number_op(op: BinOp, a: &Value, b: &Value) -> Option<Result<Value, String>> {
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        let r = match op {
            BinOp::Add => x.checked_add(y).map(Value::Int),
            BinOp::Sub => x.checked_sub(y).map(Value::Int),
            BinOp::Mul => x.checked_mul(y).map(Value::Int),
            BinOp::Div => {
                return Some(if y == 0 {
                    Err("division by zero".into())
                } else {
                    Ok(Value::Float(x as f64 / y as f64))
                })
            }
            BinOp::FloorDiv | BinOp::Mod if y == 0 => return Some(Err("integer division or modulo by zero".into())),
            BinOp::FloorDiv => Some(Value::Int(x.div_euclid(y) - i64::from(y < 0 && x.rem_euclid(y) != 0))),
            BinOp::Mod => {
                let r = x.rem_euclid(y);
                Some(Value::Int(if y < 0 && r != 0 { r + y } else { r }))
            }
            BinOp::Pow if y >= 0 => u32::try_from(y).ok().and_then(|e| x.checked_pow(e)).map(Value::Int),
            BinOp::Pow => Some(Value::Float((x as f64).powf(y as f64))),
        };
        // Overflow: Python's ints are unbounded; a float keeps the magnitude.
        return Some(Ok(r.unwrap_or_else(|| Value::Float(float_op(op, x as f64, y as f64).unwrap_or(f64::INFINITY)))));
    }
    let (x, y) = (a.as_f64()?, b.as_f64()?);
    Some(float_op(op, x, y).map(Value::Float))
}

fn float_op(op: BinOp, x: f64, y: f64) -> Result<f64, String> {
    Ok(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div if y == 0.0 => return Err("float division by zero".into()),
        BinOp::Div => x / y,
        BinOp::FloorDiv | BinOp::Mod if y == 0.0 => return Err("float modulo by zero".into()),
        BinOp::FloorDiv => (x / y).floor(),
        BinOp::Mod => {
            let r = x % y;
            if r != 0.0 && (r < 0.0) != (y < 0.0) {
                r + y
            } else {
                r
            }
        }
        BinOp::Pow if x == 0.0 && y < 0.0 => return Err("0.0 cannot be raised to a negative power".into()),
        BinOp::Pow if x < 0.0 && y.fract() != 0.0 => {
            return Err("a negative number raised to a fractional power is complex".into())
        }
        BinOp::Pow => x.powf(y),
    })
}

/// Python's ordering of two values (numbers, strings, lists/tuples).
pub fn compare(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    compare_at(a, b, 0)
}

fn compare_at(a: &Value, b: &Value, depth: u32) -> Option<std::cmp::Ordering> {
    if depth > 32 {
        return None;
    }
    if let (Some(x), Some(y)) = (a.as_int(), b.as_int()) {
        return Some(x.cmp(&y));
    }
    if let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) {
        return x.partial_cmp(&y);
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
        (Value::List(_), Value::List(_)) | (Value::Tuple(_), Value::Tuple(_)) => {
            let (x, y) = (a.items()?, b.items()?);
            for (p, q) in x.iter().zip(&y) {
                if !p.equals(q) {
                    return compare_at(p, q, depth + 1);
                }
            }
            Some(x.len().cmp(&y.len()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_number_rules() {
        let op = |o, a, b| match number_op(o, &a, &b) {
            Some(Ok(v)) => v.to_text(),
            Some(Err(e)) => e,
            None => "none".into(),
        };
        use Value::{Float, Int};
        assert_eq!(op(BinOp::Div, Int(7), Int(2)), "3.5");
        assert_eq!(op(BinOp::FloorDiv, Int(-7), Int(2)), "-4");
        assert_eq!(op(BinOp::Mod, Int(-7), Int(2)), "1");
        assert_eq!(op(BinOp::Mod, Int(7), Int(-2)), "-1");
        assert_eq!(op(BinOp::Mod, Float(-7.5), Int(2)), "0.5");
        assert_eq!(op(BinOp::Pow, Int(2), Int(-1)), "0.5");
        assert_eq!(op(BinOp::Pow, Int(2), Int(10)), "1024");
        assert_eq!(op(BinOp::Div, Int(1), Int(0)), "division by zero");
        assert_eq!(op(BinOp::Add, Value::Bool(true), Int(1)), "2");
        assert_eq!(float_text(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(float_text(1e20), "1e+20");
        assert_eq!(float_text(2.0), "2.0");
        assert_eq!(float_text(1.5e-7), "1.5e-07");
    }
}
