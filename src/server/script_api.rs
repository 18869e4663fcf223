//! What the script layer asks of the control side beyond the C API's
//! calls: objects made from parsed arguments, parameters set from and read
//! back as argument values.

use super::objects::{Input, Item};
use super::{Control, ObjectId, ServerInner};
use crate::error::{Error, Result};
use crate::objects::args::{Args, Value};

impl Control {
    /// Sets parameter `name` of `h` from an argument value (a number, a
    /// list, an object, a list of objects or a text), checked as the
    /// constructor checks it.
    pub(crate) fn object_set_value(&mut self, h: ObjectId, name: &str, v: &Value) -> Result<()> {
        let slot = self.resolve(h)?;
        let class = self.record(slot)?.class;
        let (_, _, spec) = Self::param_slot(class, name)?;
        let input = self.input_of(spec, class, v)?;
        self.object_set(h, name, input)
    }

    /// The value parameter `name` of `h` holds now, as an argument value
    /// (what pyo's attribute read gives back).
    pub(crate) fn object_param_value(&self, h: ObjectId, name: &str) -> Result<Value> {
        let slot = self.resolve(h)?;
        let rec = self.record(slot)?;
        let (index, _, _) = Self::param_slot(rec.class, name)?;
        let input = rec
            .inputs
            .get(index)
            .ok_or_else(|| Error::not_found(format!("{}: no parameter '{name}'", rec.class.name)))?;
        let object = |s: u32| -> Result<Value> {
            let generation = self.objects.generation(s).ok_or_else(|| Error::stale("object: a source was freed"))?;
            Ok(Value::Object(self.handle(s, generation).id))
        };
        let numbers = |v: &[f32]| v.iter().map(|&x| Value::Number(f64::from(x))).collect::<Vec<_>>();
        Ok(match input {
            Input::Numbers(v) if v.len() == 1 => Value::Number(f64::from(v[0])),
            Input::Numbers(v) | Input::List(v) => Value::List(numbers(v)),
            Input::Object(s) | Input::Table(s) | Input::Streams(s, _, _) => object(*s)?,
            Input::Text(t) => Value::Str(t.clone()),
            Input::Lists(ls) => Value::List(ls.iter().map(|l| Value::List(numbers(l))).collect()),
            Input::Items(items, _) => Value::List(
                items
                    .iter()
                    .map(|i| match i {
                        Item::Number(x) => Ok(Value::Number(f64::from(*x))),
                        Item::Object(s) => object(*s),
                    })
                    .collect::<Result<_>>()?,
            ),
            Input::Objects(v) => Value::List(v.iter().map(|&s| object(s)).collect::<Result<_>>()?),
        })
    }
}

impl ServerInner {
    /// Creates an object from arguments already parsed (the script layer's
    /// path; `object_new` parses a text first).
    pub fn object_new_args(&self, class: &str, args: &Args) -> Result<ObjectId> {
        self.with_control(|c| c.object_new_args(class, args))
    }

    /// Sets a parameter from any argument value.
    pub fn object_set_value(&self, obj: ObjectId, param: &str, value: &Value) -> Result<()> {
        self.with_control(|c| c.object_set_value(obj, param, value))
    }

    /// Whether an object plays, and each stream's output channel after
    /// out() (None when it is not sent to the output).
    pub fn object_playback(&self, obj: ObjectId) -> Result<(bool, Option<Vec<u32>>)> {
        self.with_control(|c| c.object_playback(obj))
    }

    /// Puts an object back as `object_playback` described it.
    pub fn object_restore_playback(&self, obj: ObjectId, playing: bool, route: Option<Vec<u32>>) -> Result<()> {
        self.with_control(|c| c.object_restore_playback(obj, playing, route))
    }

    /// The value a parameter holds now.
    pub fn object_param_value(&self, obj: ObjectId, param: &str) -> Result<Value> {
        self.with_control(|c| c.object_param_value(obj, param))
    }
}

/// A script error as an rpyo error: InvalidArgument, the message starting
/// with the line and column.
fn script_error(e: crate::script::ScriptError) -> Error {
    Error::invalid(e.to_string())
}

/// Whether `name` is a dotted Python name (`a`, `a.b`), so that host
/// messages cannot smuggle code in.
fn dotted_name(what: &str, name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.split('.').all(|part| {
            let mut c = part.chars();
            c.next().is_some_and(|f| f.is_alphabetic() || f == '_') && c.all(|x| x.is_alphanumeric() || x == '_')
        });
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(format!("{what}: '{name}' is not a name (letters, digits, _ and dots)")))
    }
}

impl ServerInner {
    /// Runs `f` with this server's interpreter (made at first use, its
    /// random module seeded with the server's seed).
    fn with_script<T>(&self, f: impl FnOnce(&mut crate::script::eval::Interp, &ServerInner) -> T) -> T {
        let mut guard = self.script.lock().unwrap_or_else(|e| e.into_inner());
        let interp = guard.get_or_insert_with(|| {
            let seed = self.global_seed();
            let seed = if seed == 0 {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(0)
            } else {
                u64::from(seed)
            };
            crate::script::eval::Interp::new(seed)
        });
        f(interp, self)
    }

    /// pyo_exec_statement: runs pyo code (the subset of Python the script
    /// layer knows) against this server. A failing statement is undone and
    /// the error names its line and column; the statements before it stay.
    pub fn exec(&self, code: &str) -> Result<()> {
        self.with_script(|i, s| i.exec(s, code)).map_err(script_error)
    }

    /// pyo_exec_file: runs a script file; `add` false clears the server
    /// first (the objects earlier scripts made, and their variables).
    pub fn exec_file(&self, path: &str, add: bool) -> Result<()> {
        let code = std::fs::read_to_string(path)
            .map_err(|e| Error::new(crate::error::Status::Io, format!("exec_file: cannot read '{path}': {e}")))?;
        if !add {
            self.script_clear();
        }
        self.exec(&code).map_err(|e| Error::new(e.status, format!("{path}: {}", e.message)))
    }

    /// The Pd external's `value name v...`: `name.value = v` (a list when
    /// several values are given).
    pub fn script_set_value(&self, name: &str, values: &[f32]) -> Result<()> {
        dotted_name("set_value", name)?;
        self.script_assign(&format!("{name}.value"), values)
    }

    /// The Pd external's `set name.attr v...`: `name.attr = v`.
    pub fn script_set_attr(&self, name_attr: &str, values: &[f32]) -> Result<()> {
        dotted_name("set_attr", name_attr)?;
        if !name_attr.contains('.') {
            return Err(Error::invalid(format!("set_attr: '{name_attr}' has no attribute part (name.attr)")));
        }
        self.script_assign(name_attr, values)
    }

    fn script_assign(&self, target: &str, values: &[f32]) -> Result<()> {
        if values.is_empty() {
            return Err(Error::invalid(format!("{target}: no value given")));
        }
        if let Some(v) = values.iter().find(|v| !v.is_finite()) {
            return Err(Error::invalid(format!("{target}: {v} is not a finite number")));
        }
        let text: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
        let code = if values.len() == 1 {
            format!("{target} = {}", text[0])
        } else {
            format!("{target} = [{}]", text.join(", "))
        };
        self.exec(&code)
    }

    /// The Pd external's `call name.method args`: calls a method (or a
    /// function) with arguments in pyo's call syntax, e.g. `440, mul=.5`.
    pub fn script_call(&self, name_method: &str, args: &str) -> Result<()> {
        dotted_name("call", name_method)?;
        self.exec(&format!("{name_method}({args})"))
    }

    /// How many statements and loop turns one exec may run before it stops
    /// with an error (default 20 million): a guard against endless loops.
    pub fn set_script_step_limit(&self, steps: u64) {
        self.with_script(|i, _| i.max_steps = steps.max(1));
    }

    /// Arguments forced onto the scripts' `Server(...)` and
    /// `s.recordOptions(...)` calls (`rpyo render`'s command line).
    pub fn set_script_overrides(&self, overrides: crate::script::eval::Overrides) {
        self.with_script(|i, _| i.overrides = overrides);
    }

    /// Whether a script's `s.start()` rendered this (offline) server.
    pub fn script_rendered(&self) -> bool {
        self.with_script(|i, _| i.rendered)
    }

    /// The Pd external's `clear`: frees every object scripts made and
    /// forgets their variables.
    pub fn script_clear(&self) {
        self.with_script(|i, s| i.clear(s));
    }
}
