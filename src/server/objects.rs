//! The control side of objects: the table behind object handles, argument
//! resolution against the registry, multichannel expansion, and the
//! commands that create, change, schedule and delete streams.

use super::handle::ObjectId;
use super::{scaled_rate, Control, ServerInner};
use crate::engine::command::Command;
use crate::engine::stream::{delay_blocks, dur_blocks};
use crate::error::{Error, Result, Status};
use crate::objects::args::{self, Value};
use crate::objects::node::{InputFade, ParamStep};
use crate::objects::registry::{class_names, ClassSpec, ParamKind, ParamSpec, StreamArgs, ADD, MUL};
use crate::objects::registry::{ExtraArg, Layout, MAX_METHOD_ARGS};
use crate::objects::rng::{clock_seed, creation_seed};
use crate::objects::table::Table;
use crate::objects::Extra;
use crate::objects::{find_class, BufRef, Node, Param, ParamSlot};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

/// What a parameter of an object is set to, for all its streams.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Input {
    /// Per-stream numbers (stream i takes `v[i % len]`).
    Numbers(Vec<f32>),
    /// Another object of the same server (stream i reads its stream `i % n`).
    Object(u32),
    /// A list or pairs parameter: one value for every stream.
    List(Vec<f32>),
    /// A list of lists for a list parameter of a multichannel table class
    /// (NewTable's init): channel i takes list `i % len`.
    Lists(Vec<Vec<f32>>),
    /// A table object of the same server.
    Table(u32),
    /// A text (file path).
    Text(String),
    /// Several audio objects: all their streams, in order (Mix, Selector).
    Objects(Vec<u32>),
    /// Some streams of an audio object (pyo's `obj[i]`, `notein['pitch']`,
    /// `tableread['trig']`): stream i reads output buffer `output` (0: the
    /// main one, 1.. a trigger stream) of stream `picks[i % len]`.
    Streams(u32, Vec<u32>, u32),
    /// A list holding objects (pyo's `ButLP([a, b])`, `Sine(freq=[lfo,
    /// 440])`, `Osc([t1, t2])`): stream i takes item `i % len`, of an
    /// object its first stream (a table: its first channel), as pyo does.
    /// The second vector lists the objects mentioned, for `sources`.
    Items(Vec<Item>, Vec<u32>),
}

/// One element of a list argument that holds objects.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Item {
    Number(f32),
    /// An audio object or a table object.
    Object(u32),
}

impl Input {
    /// A list argument's items, with the objects it mentions.
    pub fn items(items: Vec<Item>) -> Input {
        let slots = items
            .iter()
            .filter_map(|i| match i {
                Item::Object(s) => Some(*s),
                Item::Number(_) => None,
            })
            .collect();
        Input::Items(items, slots)
    }
}

impl Input {
    /// The objects this input reads (audio objects or a table), once per
    /// mention.
    pub fn sources(&self) -> &[u32] {
        match self {
            Input::Object(s) | Input::Table(s) | Input::Streams(s, ..) => std::slice::from_ref(s),
            Input::Objects(v) | Input::Items(_, v) => v,
            _ => &[],
        }
    }
}

pub(crate) struct ObjectRecord {
    pub class: &'static ClassSpec,
    /// Node ids, one per stream.
    pub nodes: Vec<u32>,
    /// One entry per settable parameter: the class's own, then mul, add.
    pub inputs: Vec<Input>,
    /// How many parameters of other objects read this one.
    pub readers: u32,
    /// The user's handle is valid (not freed).
    pub handle_alive: bool,
    pub stop_delay: f32,
    /// The samples of a table object, one table per channel (table classes
    /// have no streams).
    pub table: Option<Tables>,
    /// Each stream's last output sample, published by the engine (`get()`).
    pub lasts: Vec<Arc<AtomicU32>>,
    /// The resampling factor the object was made with (1: the server's
    /// rate; see `Control::begin_resampling_block`).
    pub factor: i32,
    /// Playing as far as the control side knows (play/out/stop calls; a
    /// duration ending by itself is not seen): setAutoStartChildren passes
    /// play and stop on only when this changes, as pyo does.
    pub playing: bool,
    /// pyo's useWaitTimeOnStop: a stop of a parent reaching this object as
    /// its mul passes the parent's wait on instead of stopping at once.
    pub use_wait_time: bool,
    /// Made by arithmetic (pyo's Dummy): passes no wait on to its children.
    pub arith: bool,
    /// The channel of each stream after out() (None: not sent to the
    /// output, or stopped, or play() took the routing away), so that a
    /// failed script statement can put the object back as it was.
    pub route: Option<Vec<u32>>,
}

/// The channels of a table object: pyo's table object is a list of tables
/// (SndTable of a stereo file, NewTable(chnls=2)); readers expand over them
/// as over a list.
#[derive(Clone)]
pub(crate) struct Tables {
    /// One table per channel, at least one.
    pub chans: Vec<Arc<Table>>,
    /// For pyo's `table[i]` (an object of channel i alone, sharing its
    /// samples): `Some(i)`, and rebuilding it rebuilds that channel only.
    pub channel: Option<usize>,
}

impl Tables {
    /// The channels of the builder these tables are.
    fn built(&self) -> std::ops::Range<usize> {
        match self.channel {
            Some(i) => i..i + 1,
            None => 0..self.chans.len(),
        }
    }

    /// Channel `i`, wrapping (as a shorter list does).
    pub fn at(&self, i: usize) -> &Arc<Table> {
        &self.chans[i % self.chans.len()]
    }
}

struct Entry {
    generation: u32,
    record: Option<ObjectRecord>,
}

#[derive(Default)]
pub(crate) struct ObjectTable {
    entries: Vec<Entry>,
    free: Vec<u32>,
}

/// How a setter acts.
#[derive(Clone, Copy, Debug, PartialEq)]
enum SetHow {
    /// At the top of the next block.
    Now,
    /// setInput's crossfade over this many seconds.
    Fade(f64),
    /// At this frame of the next block.
    AtFrame(u32),
}

/// Most streams one object may have.
pub const MAX_STREAMS_PER_OBJECT: usize = 4096;

pub const MAX_OBJECTS: usize = 1 << 24;

impl ObjectTable {
    fn insert(&mut self, record: ObjectRecord) -> Result<(u32, u32)> {
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                if self.entries.len() >= MAX_OBJECTS {
                    return Err(Error::new(Status::Limit, "too many objects on this server"));
                }
                self.entries.push(Entry { generation: 0, record: None });
                (self.entries.len() - 1) as u32
            }
        };
        let e = &mut self.entries[slot as usize];
        e.generation = (e.generation + 1) & 0xFFFF;
        if e.generation == 0 {
            e.generation = 1;
        }
        e.record = Some(record);
        Ok((slot, e.generation))
    }

    pub fn get(&self, slot: u32) -> Option<&ObjectRecord> {
        self.entries.get(slot as usize).and_then(|e| e.record.as_ref())
    }

    pub(crate) fn get_mut(&mut self, slot: u32) -> Option<&mut ObjectRecord> {
        self.entries.get_mut(slot as usize).and_then(|e| e.record.as_mut())
    }

    /// The slot of a live handle.
    fn resolve(&self, h: ObjectId) -> Result<u32> {
        let slot = h.slot();
        match self.entries.get(slot as usize) {
            Some(Entry { generation, record: Some(r) }) if *generation == h.generation() && r.handle_alive => Ok(slot),
            _ => Err(Error::stale("object: the handle refers to an object that was freed")),
        }
    }

    /// The generation of the object in `slot` (to rebuild its handle).
    pub(crate) fn generation(&self, slot: u32) -> Option<u32> {
        self.entries.get(slot as usize).filter(|e| e.record.is_some()).map(|e| e.generation)
    }

    fn remove(&mut self, slot: u32) -> Option<ObjectRecord> {
        let r = self.entries.get_mut(slot as usize)?.record.take();
        if r.is_some() {
            self.free.push(slot);
        }
        r
    }

    pub fn clear(&mut self) {
        for e in &mut self.entries {
            e.record = None;
        }
        self.free = (0..self.entries.len() as u32).rev().collect();
    }
}

fn number_of(spec: &ParamSpec, class: &ClassSpec, v: &Value) -> Result<f32> {
    match v {
        Value::Number(x) => Ok(*x as f32),
        Value::Bool(b) => Ok(if *b { 1.0 } else { 0.0 }),
        other => Err(Error::invalid(format!(
            "{}: argument '{}' takes a {}, not a {}",
            class.name,
            spec.name,
            spec.kind.name(),
            other.type_name()
        ))),
    }
}

fn check_finite(name: &str, values: &[f32]) -> Result<()> {
    if values.iter().any(|v| !v.is_finite()) {
        return Err(Error::invalid(format!("{name}: NaN or infinite value")));
    }
    Ok(())
}

impl Control {
    /// The value of one argument, checked against the parameter's kind:
    /// numbers, a list of numbers, `@id` (an audio object, or a table object
    /// for table parameters), pairs, or a text.
    pub(super) fn input_of(&self, spec: &ParamSpec, class: &ClassSpec, v: &Value) -> Result<Input> {
        let wrong = |what: &str| {
            Error::invalid(format!("{}: argument '{}' takes a {}, not {what}", class.name, spec.name, spec.kind.name()))
        };
        match (spec.kind, v) {
            (ParamKind::Text, Value::Str(t)) => Ok(Input::Text(t.clone())),
            (ParamKind::Text, other) => Err(wrong(&format!("a {}", other.type_name()))),
            (ParamKind::Inputs, Value::Object(_)) => {
                Ok(Input::Objects(self.objects_of(spec, class, std::slice::from_ref(v))?))
            }
            (ParamKind::Inputs, Value::List(items)) if !items.is_empty() => {
                Ok(Input::Objects(self.objects_of(spec, class, items)?))
            }
            (ParamKind::Inputs, other) => Err(wrong(&format!("a {}", other.type_name()))),
            (_, Value::Object(id)) => {
                let slot = self.resolve(ObjectId { id: *id }).map_err(|e| {
                    Error::new(e.status, format!("{}: argument '{}': @{id}: {}", class.name, spec.name, e.message))
                })?;
                let is_table = self.objects.get(slot).is_some_and(|r| r.table.is_some());
                match spec.kind {
                    ParamKind::Table if is_table => Ok(Input::Table(slot)),
                    ParamKind::Table => Err(wrong("an audio object")),
                    ParamKind::Input | ParamKind::Audio if !is_table => Ok(Input::Object(slot)),
                    _ if is_table => Err(wrong("a table")),
                    _ => Err(wrong("an audio object")),
                }
            }
            (ParamKind::Input | ParamKind::Audio | ParamKind::Table, Value::List(items))
                if items.iter().any(|x| matches!(x, Value::Object(_))) =>
            {
                let item = |x: &Value| match x {
                    Value::Object(id) => self.resolve(ObjectId { id: *id }).map(Item::Object).map_err(|e| {
                        Error::new(e.status, format!("{}: argument '{}': @{id}: {}", class.name, spec.name, e.message))
                    }),
                    other => number_of(spec, class, other).map(Item::Number),
                };
                let items = items.iter().map(item).collect::<Result<Vec<_>>>()?;
                self.check_items(spec, class, &items)?;
                Ok(Input::items(items))
            }
            (ParamKind::Input | ParamKind::Table, other) => Err(wrong(&format!("a {}", other.type_name()))),
            (ParamKind::List, Value::List(items))
                if class.table.is_some()
                    && !matches!(class.layout, Layout::PerArg)
                    && !items.is_empty()
                    && items.iter().all(|x| matches!(x, Value::List(_))) =>
            {
                let list = |x: &Value| match x {
                    Value::List(v) => v.iter().map(|x| number_of(spec, class, x)).collect::<Result<Vec<f32>>>(),
                    _ => Ok(Vec::new()),
                };
                Ok(Input::Lists(items.iter().map(list).collect::<Result<_>>()?))
            }
            (ParamKind::List, Value::List(items)) => {
                Ok(Input::List(items.iter().map(|x| number_of(spec, class, x)).collect::<Result<_>>()?))
            }
            (ParamKind::Pairs, Value::List(items)) => {
                let mut flat = Vec::with_capacity(items.len() * 2);
                for item in items {
                    match item {
                        Value::List(xy) if xy.len() == 2 => {
                            flat.push(number_of(spec, class, &xy[0])?);
                            flat.push(number_of(spec, class, &xy[1])?);
                        }
                        _ => return Err(wrong("a list holding something other than (x, y) pairs")),
                    }
                }
                Ok(Input::List(flat))
            }
            (ParamKind::List | ParamKind::Pairs, other) => Err(wrong(&format!("a {}", other.type_name()))),
            (_, Value::List(items)) if !items.is_empty() => {
                Ok(Input::Numbers(items.iter().map(|x| number_of(spec, class, x)).collect::<Result<_>>()?))
            }
            (_, Value::List(_)) => {
                Err(Error::invalid(format!("{}: argument '{}' is an empty list", class.name, spec.name)))
            }
            (_, other) => Ok(Input::Numbers(vec![number_of(spec, class, other)?])),
        }
    }

    /// A list holding objects fits the parameter: audio objects (and, for
    /// an audio-rate parameter, numbers) or, for a table parameter, tables.
    fn check_items(&self, spec: &ParamSpec, class: &ClassSpec, items: &[Item]) -> Result<()> {
        let wrong = |what: &str| {
            Error::invalid(format!("{}.{}: takes a {}, not {what}", class.name, spec.name, spec.kind.name()))
        };
        if items.is_empty() {
            return Err(wrong("an empty list"));
        }
        for item in items {
            match (*item, spec.kind) {
                (Item::Number(x), ParamKind::Audio) => check_finite(spec.name, &[x])?,
                (Item::Number(_), _) => return Err(wrong("a list mixing numbers and objects")),
                (Item::Object(s), kind) => {
                    let is_table = self.record(s)?.table.is_some();
                    match kind {
                        ParamKind::Table if !is_table => return Err(wrong("a list holding an audio object")),
                        ParamKind::Input | ParamKind::Audio if is_table => return Err(wrong("a list holding a table")),
                        ParamKind::Table | ParamKind::Input | ParamKind::Audio => {}
                        _ => return Err(wrong("a list of objects")),
                    }
                }
            }
        }
        Ok(())
    }

    /// The audio objects `@id` of a list argument.
    fn objects_of(&self, spec: &ParamSpec, class: &ClassSpec, items: &[Value]) -> Result<Vec<u32>> {
        items
            .iter()
            .map(|v| match v {
                Value::Object(id) => {
                    let slot = self.resolve(ObjectId { id: *id }).map_err(|e| {
                        Error::new(e.status, format!("{}: argument '{}': @{id}: {}", class.name, spec.name, e.message))
                    })?;
                    if self.record(slot)?.table.is_some() {
                        return Err(Error::invalid(format!(
                            "{}: argument '{}': @{id} is a table, not an audio object",
                            class.name, spec.name
                        )));
                    }
                    Ok(slot)
                }
                other => Err(Error::invalid(format!(
                    "{}: argument '{}' takes audio objects (@id), not a {}",
                    class.name,
                    spec.name,
                    other.type_name()
                ))),
            })
            .collect()
    }

    /// Every stream of the objects `slots`, in order.
    fn streams_of_objects(&self, slots: &[u32]) -> Vec<BufRef> {
        slots
            .iter()
            .filter_map(|s| self.objects.get(*s))
            .flat_map(|r| r.nodes.iter().map(|&node| BufRef { node, output: 0 }))
            .collect()
    }

    /// The value of a count argument: its first number, at least 1 (Pan's
    /// `outs`, Mix's `voices`), or for an inputs argument the most streams
    /// of its objects (Selector: one group of streams per voice).
    fn count_arg(&self, inputs: &[Input], p: usize) -> usize {
        match inputs.get(p) {
            Some(Input::Numbers(v)) => v.first().map(|x| x.max(1.0) as usize).unwrap_or(1).min(MAX_STREAMS_PER_OBJECT),
            Some(Input::Objects(slots)) => slots
                .iter()
                .filter_map(|s| self.objects.get(*s))
                .map(|r| r.nodes.len())
                .max()
                .unwrap_or(1)
                .clamp(1, MAX_STREAMS_PER_OBJECT),
            // TableRec: one stream per channel of its table.
            Some(t @ Input::Table(_)) => self.streams_of(t),
            _ => 1,
        }
    }

    /// Which element of a list argument stream `i` takes: with
    /// `Layout::Outputs(p)` the streams go by groups of the count `p`
    /// (pyo: Pan's setPan([a, b]) gives a to every output of input stream 0).
    fn arg_stream(&self, class: &ClassSpec, inputs: &[Input], i: usize) -> usize {
        match class.layout {
            Layout::Outputs(p) => i / self.count_arg(inputs, p),
            Layout::Fixed(n) => i / n.max(1),
            Layout::Channels(_) => i / self.channels_of(class, inputs).unwrap_or(1).max(1),
            _ => i,
        }
    }

    /// The stream count of a `Layout::Channels` class for these arguments.
    fn channels_of(&self, class: &ClassSpec, inputs: &[Input]) -> Result<usize> {
        let Layout::Channels(count) = class.layout else { return Ok(1) };
        let own = class.params.len().min(inputs.len());
        let params: Vec<Param> = inputs[..own].iter().map(|inp| self.param_for_stream(inp, 0)).collect();
        let extras: Vec<ExtraArg> = inputs[..own].iter().map(|inp| self.extra_arg(inp)).collect();
        count(&StreamArgs { params: &params, extras: &extras, stream: 0, sr: 0.0, bs: 0, factor: 1, input_factor: 1 })
    }

    /// For `Layout::Outputs(p)` with an inputs argument `p` (Selector):
    /// stream `j` of a group reads stream `j % n` of each object.
    fn grouped_sources(&self, slots: &[u32], j: usize) -> Vec<BufRef> {
        slots
            .iter()
            .filter_map(|s| self.objects.get(*s))
            .filter(|r| !r.nodes.is_empty())
            .map(|r| BufRef { node: r.nodes[j % r.nodes.len()], output: 0 })
            .collect()
    }

    /// The constructor's value of a list, table or text input.
    fn extra_arg(&self, input: &Input) -> ExtraArg {
        match input {
            Input::List(v) => ExtraArg::List(v.clone()),
            Input::Lists(v) => ExtraArg::List(v.first().cloned().unwrap_or_default()),
            Input::Table(s) => match self.objects.get(*s).and_then(|r| r.table.as_ref()) {
                Some(t) => ExtraArg::Table(Arc::clone(t.at(0))),
                None => ExtraArg::None,
            },
            Input::Text(t) => ExtraArg::Text(t.clone()),
            Input::Objects(v) => ExtraArg::Sources(self.streams_of_objects(v)),
            Input::Items(items, _) => match items.first() {
                Some(Item::Object(s)) => match self.objects.get(*s).and_then(|r| r.table.as_ref()) {
                    Some(t) => ExtraArg::Table(Arc::clone(t.at(0))),
                    None => ExtraArg::None,
                },
                _ => ExtraArg::None,
            },
            Input::Numbers(_) | Input::Object(_) | Input::Streams(..) => ExtraArg::None,
        }
    }

    /// The channels of a table input (None for other inputs).
    fn tables_of(&self, input: &Input) -> Option<&Tables> {
        match input {
            Input::Table(s) => self.objects.get(*s).and_then(|r| r.table.as_ref()),
            _ => None,
        }
    }

    /// The table stream `i` of a reader takes: channel `i % channels`.
    fn table_at(&self, input: &Input, i: usize) -> Option<Arc<Table>> {
        if let Input::Items(items, _) = input {
            // A list of tables: stream i reads the first channel of item i.
            return match items.get(i % items.len().max(1)) {
                Some(Item::Object(s)) => {
                    self.objects.get(*s).and_then(|r| r.table.as_ref()).map(|t| Arc::clone(t.at(0)))
                }
                _ => None,
            };
        }
        self.tables_of(input).map(|t| Arc::clone(t.at(i)))
    }

    /// The engine's value of a list, table or text input.
    fn extra(&self, input: &Input) -> Option<Extra> {
        match self.extra_arg(input) {
            ExtraArg::List(v) => Some(Extra::List(v.into_boxed_slice())),
            ExtraArg::Table(t) => Some(Extra::Table(t)),
            ExtraArg::Text(t) => Some(Extra::Text(t.into_boxed_str())),
            ExtraArg::Sources(v) => Some(Extra::Sources(v.into_boxed_slice())),
            ExtraArg::None => None,
        }
    }

    pub(super) fn record(&self, slot: u32) -> Result<&ObjectRecord> {
        self.objects.get(slot).ok_or_else(|| Error::stale("object: no such object"))
    }

    fn streams_of(&self, input: &Input) -> usize {
        match input {
            Input::Numbers(v) => v.len(),
            Input::Object(s) => self.objects.get(*s).map(|r| r.nodes.len()).unwrap_or(1),
            // A multichannel table expands its readers as a list does.
            Input::Table(_) => self.tables_of(input).map(|t| t.chans.len()).unwrap_or(1),
            Input::List(_) | Input::Lists(_) | Input::Text(_) | Input::Objects(_) => 1,
            Input::Streams(_, picks, _) => picks.len().max(1),
            Input::Items(items, _) => items.len().max(1),
        }
    }

    /// The engine-side value of `input` for stream `i`.
    fn param_for_stream(&self, input: &Input, i: usize) -> Param {
        match input {
            Input::Numbers(v) => Param::Const(v[i % v.len()]),
            Input::Object(s) => match self.objects.get(*s) {
                Some(r) if !r.nodes.is_empty() => Param::Audio(BufRef { node: r.nodes[i % r.nodes.len()], output: 0 }),
                _ => Param::Const(0.0),
            },
            Input::Streams(s, picks, output) => {
                match self.objects.get(*s).and_then(|r| r.nodes.get(*picks.get(i % picks.len().max(1))? as usize)) {
                    Some(&node) => Param::Audio(BufRef { node, output: *output }),
                    None => Param::Const(0.0),
                }
            }
            Input::Items(items, _) => match items.get(i % items.len().max(1)) {
                Some(Item::Number(x)) => Param::Const(*x),
                Some(Item::Object(s)) => match self.objects.get(*s).and_then(|r| r.nodes.first()) {
                    Some(&node) => Param::Audio(BufRef { node, output: 0 }),
                    None => Param::Const(0.0),
                },
                None => Param::Const(0.0),
            },
            Input::List(_) | Input::Lists(_) | Input::Table(_) | Input::Text(_) | Input::Objects(_) => {
                Param::Const(0.0)
            }
        }
    }

    pub(super) fn handle(&self, slot: u32, generation: u32) -> ObjectId {
        ObjectId::pack(self.server_id, self.server_generation, slot, generation)
    }

    pub(crate) fn resolve(&self, h: ObjectId) -> Result<u32> {
        if h.server() != self.server_id || h.server_generation() != self.server_generation {
            return Err(Error::stale("object: the handle belongs to another (or a freed) server"));
        }
        self.objects.resolve(h)
    }

    /// Creates an object of `class_name` from pyo-style arguments.
    pub(crate) fn object_new(&mut self, class_name: &str, args_text: &str) -> Result<ObjectId> {
        self.require_booted("object_new")?;
        let parsed = args::parse(args_text)?;
        self.object_new_args(class_name, &parsed)
    }

    /// Creates an object of `class_name` from arguments already parsed (or
    /// built by the script layer).
    pub(crate) fn object_new_args(&mut self, class_name: &str, parsed: &args::Args) -> Result<ObjectId> {
        self.require_booted("object_new")?;
        let class = find_class(class_name).ok_or_else(|| {
            Error::not_found(format!("class '{class_name}' does not exist (known classes: {})", class_names()))
        })?;
        let ctor: Vec<&ParamSpec> = class.ctor_params().collect();
        if parsed.positional.len() > ctor.len() {
            return Err(Error::invalid(format!(
                "{}: takes at most {} positional arguments ({}), {} given",
                class.name,
                ctor.len(),
                class.expected_names(),
                parsed.positional.len()
            )));
        }
        let settable: Vec<&ParamSpec> = class.settable_params().collect();
        let mut inputs: Vec<Input> = settable
            .iter()
            .map(|p| match p.kind {
                ParamKind::List | ParamKind::Pairs => Input::List(Vec::new()),
                ParamKind::Inputs => Input::Objects(Vec::new()),
                ParamKind::Text => Input::Text(String::new()),
                _ => Input::Numbers(vec![p.default as f32]),
            })
            .collect();
        let index_of = |name: &str| settable.iter().position(|p| p.name == name);
        for (spec, v) in ctor.iter().zip(&parsed.positional) {
            let i = index_of(spec.name).unwrap_or(0);
            inputs[i] = self.input_of(spec, class, v)?;
        }
        for (name, v) in &parsed.keywords {
            let spec = ctor.iter().find(|p| p.name == name).ok_or_else(|| {
                Error::not_found(format!(
                    "{}: unknown argument '{name}' (expected: {})",
                    class.name,
                    class.expected_names()
                ))
            })?;
            let i = index_of(spec.name).unwrap_or(0);
            inputs[i] = self.input_of(spec, class, v)?;
        }
        let given = |name: &str| {
            parsed.keywords.iter().any(|(k, _)| k == name)
                || ctor.iter().take(parsed.positional.len()).any(|p| p.name == name)
        };
        if let Some(missing) = ctor
            .iter()
            .find(|p| matches!(p.kind, ParamKind::Input | ParamKind::Inputs | ParamKind::Table) && !given(p.name))
        {
            return Err(Error::invalid(format!(
                "{}: missing the argument '{}' (expected: {})",
                class.name,
                missing.name,
                class.expected_names()
            )));
        }
        for (spec, input) in settable.iter().zip(&inputs) {
            if let Input::Numbers(v) = input {
                check_finite(spec.name, v)?;
            }
        }
        self.create(class, inputs, false)
    }

    /// The factor of the object a class's `Input` parameter reads (1 when
    /// it has none).
    fn input_factor(&self, class: &ClassSpec, inputs: &[Input]) -> i32 {
        let Some(i) = class.params.iter().position(|p| p.kind == ParamKind::Input) else {
            return 1;
        };
        match inputs.get(i) {
            Some(Input::Object(s) | Input::Streams(s, ..)) => self.objects.get(*s).map(|r| r.factor).unwrap_or(1),
            Some(Input::Items(_, slots)) => {
                slots.first().and_then(|s| self.objects.get(*s)).map(|r| r.factor).unwrap_or(1)
            }
            _ => 1,
        }
    }

    /// Creates the object's record and streams at the rate of the
    /// resampling block in effect (the server's outside one); `divide`
    /// makes the mul stage a division (pyo's `a / b` with b an object).
    pub(super) fn create(&mut self, class: &'static ClassSpec, inputs: Vec<Input>, divide: bool) -> Result<ObjectId> {
        let (sr, bs, factor) = self.creation_rate(class.name)?;
        let input_factor = self.input_factor(class, &inputs);
        let own = class.params.len();
        let extras: Vec<ExtraArg> = inputs[..own].iter().map(|inp| self.extra_arg(inp)).collect();
        if class.table.is_some() {
            let count = self.table_channels(class, &inputs)?;
            let chans = self.build_tables(class, &inputs, 0..count, sr, bs, factor)?;
            return self.insert_record(ObjectRecord {
                class,
                nodes: Vec::new(),
                inputs,
                readers: 0,
                handle_alive: true,
                stop_delay: 0.0,
                playing: false,
                use_wait_time: false,
                arith: false,
                route: None,
                table: Some(Tables { chans: chans.into_iter().map(Arc::new).collect(), channel: None }),
                lasts: Vec::new(),
                factor,
            });
        }
        let longest = inputs.iter().map(|i| self.streams_of(i)).max().unwrap_or(1).max(1);
        let count_of = |p: usize| self.count_arg(&inputs, p);
        // Outputs(n) groups the streams by n: stream i takes the arguments of
        // i / n and is output i % n of its group.
        let grouped_by = match class.layout {
            Layout::Outputs(p) => p,
            _ => usize::MAX,
        };
        let (streams, group) = match class.layout {
            Layout::PerArg => (longest, 0),
            Layout::Outputs(p) => (longest * count_of(p), count_of(p)),
            Layout::Fixed(n) => (longest * n.max(1), n.max(1)),
            Layout::Channels(_) => {
                let n = self.channels_of(class, &inputs)?.clamp(1, MAX_STREAMS_PER_OBJECT);
                (longest * n, n)
            }
            Layout::Count(p) => (count_of(p), 0),
            Layout::Voices { param, per_voice } => (count_of(param) * per_voice, 0),
        };
        if streams > MAX_STREAMS_PER_OBJECT {
            return Err(Error::new(
                Status::Limit,
                format!("{}: {streams} streams (at most {MAX_STREAMS_PER_OBJECT} per object)", class.name),
            ));
        }
        // A multichannel table, or a list of tables, gives each stream its own.
        let multichannel = inputs[..own]
            .iter()
            .any(|inp| self.tables_of(inp).is_some_and(|t| t.chans.len() > 1) || matches!(inp, Input::Items(..)));
        let mut nodes = Vec::with_capacity(streams);
        for i in 0..streams {
            let (at, stream) = match (i.checked_div(group), i.checked_rem(group)) {
                (Some(at), Some(stream)) => (at, stream),
                _ => (i, i),
            };
            let params: Vec<Param> = inputs[..own].iter().map(|inp| self.param_for_stream(inp, at)).collect();
            let grouped = match (class.layout, inputs.get(grouped_by)) {
                (Layout::Outputs(p), Some(Input::Objects(slots))) if p < own => {
                    let mut e = extras.clone();
                    e[p] = ExtraArg::Sources(self.grouped_sources(slots, stream));
                    Some(e)
                }
                _ => None,
            };
            // A multichannel table gives stream `at` its channel `at`.
            let channel = if multichannel {
                let mut e = grouped.unwrap_or_else(|| extras.clone());
                for (p, inp) in inputs[..own].iter().enumerate() {
                    if let Some(t) = self.table_at(inp, at) {
                        e[p] = ExtraArg::Table(t);
                    }
                }
                Some(e)
            } else {
                grouped
            };
            let extras = channel.as_deref().unwrap_or(&extras);
            let dsp = (class.build)(&StreamArgs { params: &params, extras, stream, sr, bs, factor, input_factor });
            // pyo: mul and add follow the arguments' grouping too (Pan's
            // mul=[a, b] scales all outputs of input stream 0 by a, ...).
            let mul = self.param_for_stream(&inputs[own], at);
            let add = self.param_for_stream(&inputs[own + 1], at);
            let mut node = Box::new(Node::new(dsp, class.outputs, sr, bs, mul, add, class.autoplay));
            node.divide = divide;
            nodes.push(node);
        }
        let lasts = nodes.iter().map(|n| Arc::clone(&n.last)).collect();
        let plan = self.nodes.plan(streams);
        let mut cmds = self.nodes.grow_commands(&plan);
        let mut seeds = Vec::new();
        if let Some(prime) = class.random_prime {
            // pyo counts the random streams of a class from 1.
            let made = self.random_counts.get(class.name).copied().unwrap_or(0);
            for k in 1..=streams as u32 {
                let global = if self.global_seed == 0 { clock_seed() } else { self.global_seed };
                seeds.push(creation_seed(global, made + k, prime));
            }
        }
        for (k, (node, &id)) in nodes.into_iter().zip(&plan.ids).enumerate() {
            cmds.push(Command::AddNode { id, node, reseed: seeds.get(k).copied() });
        }
        self.send(cmds)?;
        if class.random_prime.is_some() {
            *self.random_counts.entry(class.name).or_insert(0) += streams as u32;
        }
        let record = ObjectRecord {
            class,
            nodes: plan.ids.clone(),
            inputs,
            readers: 0,
            handle_alive: true,
            stop_delay: 0.0,
            table: None,
            lasts,
            factor,
            playing: class.autoplay,
            use_wait_time: false,
            arith: false,
            route: None,
        };
        let (slot, generation) = self.insert_counted(record)?;
        self.nodes.commit(&plan, slot);
        Ok(self.handle(slot, generation))
    }

    /// How many channels a table class makes for these arguments: its
    /// layout counts them (NewTable's `chnls`: `Count`; SndTable's file:
    /// `Channels`), one otherwise.
    fn table_channels(&self, class: &ClassSpec, inputs: &[Input]) -> Result<usize> {
        let n = match class.layout {
            Layout::Count(p) => self.count_arg(inputs, p),
            Layout::Channels(_) => self.channels_of(class, inputs)?,
            _ => 1,
        };
        Ok(n.clamp(1, MAX_STREAMS_PER_OBJECT))
    }

    /// Builds channels `chans` of a table class (the builder sees the
    /// channel as `StreamArgs::stream`).
    fn build_tables(
        &self,
        class: &ClassSpec,
        inputs: &[Input],
        chans: std::ops::Range<usize>,
        sr: f64,
        bs: usize,
        factor: i32,
    ) -> Result<Vec<Table>> {
        let build = class.table.ok_or_else(|| Error::new(Status::InvalidState, "not a table class"))?;
        let own = class.params.len().min(inputs.len());
        let params: Vec<Param> = inputs[..own].iter().map(|inp| self.param_for_stream(inp, 0)).collect();
        let mut extras: Vec<ExtraArg> = inputs[..own].iter().map(|inp| self.extra_arg(inp)).collect();
        chans
            .map(|stream| {
                // A list of lists gives channel i its list i (wrapping).
                for (e, inp) in extras.iter_mut().zip(inputs) {
                    if let Input::Lists(v) = inp {
                        *e = ExtraArg::List(v.get(stream % v.len().max(1)).cloned().unwrap_or_default());
                    }
                }
                build(&StreamArgs { params: &params, extras: &extras, stream, sr, bs, factor, input_factor: 1 })
            })
            .collect()
    }

    fn insert_record(&mut self, record: ObjectRecord) -> Result<ObjectId> {
        let (slot, generation) = self.insert_counted(record)?;
        Ok(self.handle(slot, generation))
    }

    /// Stores a record; the objects it reads gain a reader.
    fn insert_counted(&mut self, record: ObjectRecord) -> Result<(u32, u32)> {
        let sources: Vec<u32> = record.inputs.iter().flat_map(|i| i.sources().iter().copied()).collect();
        let placed = self.objects.insert(record)?;
        for s in sources {
            if let Some(r) = self.objects.get_mut(s) {
                r.readers += 1;
            }
        }
        Ok(placed)
    }

    /// Index among the settable parameters, and the engine slot.
    pub(super) fn param_slot(class: &ClassSpec, name: &str) -> Result<(usize, ParamSlot, &'static ParamSpec)> {
        let own = class.params.len();
        if let Some(i) = class.param_index(name) {
            let spec: &'static ParamSpec = &class.params[i];
            return Ok((i, ParamSlot::Own(i as u16), spec));
        }
        match name {
            "mul" => Ok((own, ParamSlot::Mul, &MUL)),
            "add" => Ok((own + 1, ParamSlot::Add, &ADD)),
            _ => Err(Error::not_found(format!(
                "{}: no parameter '{name}' (parameters: {})",
                class.name,
                class.settable_params().map(|p| p.name).collect::<Vec<_>>().join(", ")
            ))),
        }
    }

    /// `input` checked against the kind of parameter `spec` of object
    /// `slot`, and put in the form that kind keeps (numbers for a list
    /// parameter become a list; an object for a table parameter a table).
    fn checked_input(&self, slot: u32, class: &ClassSpec, spec: &ParamSpec, input: Input) -> Result<Input> {
        let name = spec.name;
        let wrong =
            |what: &str| Error::invalid(format!("{}.{name}: takes a {}, not {what}", class.name, spec.kind.name()));
        match input {
            Input::Numbers(v) => {
                if v.is_empty() {
                    return Err(Error::invalid(format!("{}.{name}: empty list of values", class.name)));
                }
                check_finite(name, &v)?;
                match spec.kind {
                    ParamKind::Input | ParamKind::Inputs | ParamKind::Table | ParamKind::Text => Err(wrong("numbers")),
                    ParamKind::Pairs if v.len() % 2 != 0 => Err(wrong("an odd count of numbers (x, y, x, y, ...)")),
                    ParamKind::List | ParamKind::Pairs => Ok(Input::List(v)),
                    _ => Ok(Input::Numbers(v)),
                }
            }
            Input::Object(s) | Input::Table(s) => {
                if s == slot {
                    return Err(Error::invalid(format!("{}.{name}: an object cannot read itself", class.name)));
                }
                let is_table = self.record(s)?.table.is_some();
                match spec.kind {
                    ParamKind::Table if is_table => Ok(Input::Table(s)),
                    ParamKind::Inputs if !is_table => Ok(Input::Objects(vec![s])),
                    ParamKind::Input | ParamKind::Audio if !is_table => Ok(Input::Object(s)),
                    _ if is_table => Err(wrong("a table")),
                    _ => Err(wrong("an audio object")),
                }
            }
            Input::Text(t) if spec.kind == ParamKind::Text => Ok(Input::Text(t)),
            Input::Text(_) => Err(wrong("a text")),
            Input::List(v) if matches!(spec.kind, ParamKind::List | ParamKind::Pairs) => Ok(Input::List(v)),
            Input::List(_) => Err(wrong("a list")),
            Input::Lists(v) if spec.kind == ParamKind::List => Ok(Input::Lists(v)),
            Input::Lists(_) => Err(wrong("a list of lists")),
            Input::Objects(v) if spec.kind == ParamKind::Inputs => {
                if v.is_empty() || v.contains(&slot) {
                    return Err(Error::invalid(format!(
                        "{}.{name}: needs at least one object, not itself",
                        class.name
                    )));
                }
                for s in &v {
                    if self.record(*s)?.table.is_some() {
                        return Err(wrong("a table"));
                    }
                }
                Ok(Input::Objects(v))
            }
            Input::Objects(_) => Err(wrong("a list of audio objects")),
            Input::Streams(s, picks, output)
                if matches!(spec.kind, ParamKind::Input | ParamKind::Audio) && s != slot =>
            {
                Ok(Input::Streams(s, picks, output))
            }
            Input::Streams(..) => Err(wrong("streams of an object")),
            Input::Items(items, slots) => {
                if slots.contains(&slot) {
                    return Err(Error::invalid(format!("{}.{name}: an object cannot read itself", class.name)));
                }
                self.check_items(spec, class, &items)?;
                Ok(Input::Items(items, slots))
            }
        }
    }

    /// Sets a parameter of every stream to `input`.
    pub(crate) fn object_set(&mut self, h: ObjectId, name: &str, input: Input) -> Result<()> {
        self.object_set_how(h, name, input, SetHow::Now)
    }

    /// pyo's setInput(x, fadetime): sets an input parameter, crossfading
    /// from the old input to the new one over `fadetime` seconds (0: at
    /// once).
    pub(crate) fn object_set_input(&mut self, h: ObjectId, name: &str, input: Input, fadetime: f64) -> Result<()> {
        if !fadetime.is_finite() || fadetime < 0.0 {
            return Err(Error::invalid(format!("fadetime: {fadetime} is not a time in seconds (>= 0)")));
        }
        let slot = self.resolve(h)?;
        let class = self.record(slot)?.class;
        let (_, _, spec) = Self::param_slot(class, name)?;
        if spec.kind != ParamKind::Input {
            return Err(Error::invalid(format!(
                "{}.{name}: setInput changes the processed input (a parameter of kind {}), not a {}",
                class.name,
                ParamKind::Input.name(),
                spec.kind.name()
            )));
        }
        self.object_set_how(h, name, input, SetHow::Fade(fadetime))
    }

    /// Sets a number parameter at frame `frame` of the next block
    /// (sample-accurate): before the frame the parameter keeps its value.
    pub(crate) fn object_set_float_at(&mut self, h: ObjectId, name: &str, value: f32, frame: u32) -> Result<()> {
        let slot = self.resolve(h)?;
        let shape = self.require_booted("object_set_float_at")?;
        let rec = self.record(slot)?;
        let (_, pslot, spec) = Self::param_slot(rec.class, name)?;
        let (_, bs) = scaled_rate(shape.sr, shape.bs, rec.factor);
        if spec.kind != ParamKind::Audio {
            return Err(Error::invalid(format!(
                "{}.{name}: a change at a frame needs an audio-rate parameter ({}), not a {}",
                rec.class.name,
                ParamKind::Audio.name(),
                spec.kind.name()
            )));
        }
        if frame as usize >= bs || pslot == ParamSlot::DivideBy {
            return Err(Error::invalid(format!("frame: {frame} is not inside a block of {bs} frames")));
        }
        self.object_set_how(h, name, Input::Numbers(vec![value]), SetHow::AtFrame(frame))
    }

    fn object_set_how(&mut self, h: ObjectId, name: &str, input: Input, how: SetHow) -> Result<()> {
        let slot = self.resolve(h)?;
        let shape = self.require_booted("object_set")?;
        let class = self.record(slot)?.class;
        let (index, pslot, spec) = Self::param_slot(class, name)?;
        let input = self.checked_input(slot, class, spec, input)?;
        let rec = self.record(slot)?;
        let mut cmds: Vec<Command> = Vec::new();
        if let Some(table) = &rec.table {
            // A table object rebuilds its samples in place: every reader
            // sees the new ones from its next block, as in pyo.
            let mut inputs = rec.inputs.clone();
            inputs[index] = input.clone();
            let (sr, bs) = scaled_rate(shape.sr, shape.bs, rec.factor);
            let chans = table.built();
            let count = self.table_channels(class, &inputs)?;
            if chans.end > count || (table.channel.is_none() && count != chans.len()) {
                return Err(Error::new(
                    Status::Unsupported,
                    format!(
                        "{}.{name}: the table would change its channels ({} to {count}); create a new table instead",
                        class.name,
                        chans.len()
                    ),
                ));
            }
            let fresh = self.build_tables(class, &inputs, chans.clone(), sr, bs, rec.factor)?;
            for (old, new) in table.chans.iter().zip(&fresh) {
                if new.len() != old.len() {
                    return Err(Error::new(
                        Status::Unsupported,
                        format!(
                            "{}.{name}: the table would change size ({} to {} points); create a new table instead",
                            class.name,
                            old.size(),
                            new.size()
                        ),
                    ));
                }
            }
            // Samples change only when the arguments that make them do
            // (NewTable's feedback does not erase a recording).
            let before = self.build_tables(class, &rec.inputs, chans, sr, bs, rec.factor)?;
            for ((table, new), old) in table.chans.iter().zip(&fresh).zip(&before) {
                if old.to_vec() != new.to_vec() {
                    for i in 0..new.len() {
                        table.set(i, new.get(i));
                    }
                }
                table.set_feedback(new.feedback());
            }
        } else if let (ParamSlot::Own(own_index), ParamKind::Text) = (pslot, spec.kind) {
            // A new text (SfPlayer's path): every stream is rebuilt here
            // with the new arguments (the file opened on this thread) and
            // takes the new state over at the top of the next block.
            let mut inputs = rec.inputs.clone();
            inputs[index] = input.clone();
            for (id, dsp) in rec.nodes.iter().zip(self.rebuilt_streams(rec, inputs)?) {
                cmds.push(Command::SetExtra { id: *id, index: own_index, value: Extra::Rebuilt(dsp) });
            }
        } else if let (ParamSlot::Own(own_index), Some(_)) = (pslot, self.extra(&input)) {
            let group = match (class.layout, &input) {
                (Layout::Outputs(p), Input::Objects(_)) if p == index => Some(self.count_arg(&rec.inputs, p)),
                _ => None,
            };
            for (i, &id) in rec.nodes.iter().enumerate() {
                let value = match (group, &input) {
                    (Some(g), Input::Objects(slots)) => {
                        Some(Extra::Sources(self.grouped_sources(slots, i % g).into_boxed_slice()))
                    }
                    // Stream i reads channel i of a multichannel table
                    // (item i of a list of tables).
                    (_, Input::Table(_) | Input::Items(..)) => {
                        self.table_at(&input, self.arg_stream(rec.class, &rec.inputs, i)).map(Extra::Table)
                    }
                    _ => self.extra(&input),
                };
                if let Some(value) = value {
                    cmds.push(Command::SetExtra { id, index: own_index, value });
                }
            }
        } else {
            let (sr, bs) = scaled_rate(shape.sr, shape.bs, rec.factor);
            for (i, &id) in rec.nodes.iter().enumerate() {
                let at = self.arg_stream(rec.class, &rec.inputs, i);
                let value = self.param_for_stream(&input, at);
                let old = self.param_for_stream(&rec.inputs[index], at);
                cmds.push(match (pslot, old, value, how) {
                    (_, old, Param::Const(new), SetHow::AtFrame(frame)) => Command::SetParamAt {
                        id,
                        step: ParamStep {
                            slot: pslot,
                            old,
                            new,
                            frame,
                            active: true,
                            block: vec![0.0; bs].into_boxed_slice(),
                        },
                    },
                    (ParamSlot::Own(own), Param::Audio(old), Param::Audio(new), SetHow::Fade(fadetime))
                        if fadetime > 0.0 =>
                    {
                        Command::FadeInput {
                            id,
                            fade: InputFade {
                                index: own,
                                old,
                                new,
                                samples: fadetime * sr,
                                k: 0,
                                active: true,
                                mixed: vec![0.0; bs].into_boxed_slice(),
                            },
                        }
                    }
                    _ => Command::SetParam { id, slot: pslot, value },
                });
            }
        }
        // The object the parameter read until now loses a reader; when that
        // was its last one and its handle is freed, it goes in the same batch.
        let mut gained = input.sources().to_vec();
        let mut released = Vec::new();
        for old in rec.inputs[index].sources() {
            match gained.iter().position(|s| s == old) {
                Some(k) => {
                    gained.swap_remove(k);
                }
                None => released.push(*old),
            }
        }
        let doomed = self.doomed_by(released.clone());
        cmds.extend(self.removal_commands(&doomed));
        self.send(cmds)?;
        for s in gained {
            if let Some(r) = self.objects.get_mut(s) {
                r.readers += 1;
            }
        }
        if let Some(r) = self.objects.get_mut(slot) {
            r.inputs[index] = input;
        }
        self.forget(&doomed, released);
        Ok(())
    }

    /// Every stream of an object built again from `inputs` (its current
    /// arguments with one changed), for `Extra::Rebuilt`. A
    /// `Layout::Channels` class must keep its stream count (pyo: the new
    /// sound has the channels of the first).
    fn rebuilt_streams(&self, rec: &ObjectRecord, inputs: Vec<Input>) -> Result<Vec<Box<dyn crate::objects::Dsp>>> {
        let class = rec.class;
        let shape = self.require_booted("object_set")?;
        let (sr, bs) = scaled_rate(shape.sr, shape.bs, rec.factor);
        let group = match class.layout {
            Layout::Channels(_) => {
                let before = self.channels_of(class, &rec.inputs)?;
                let after = self.channels_of(class, &inputs)?;
                if before != after {
                    return Err(Error::invalid(format!(
                        "{}: the new sound has {after} channel(s), the object {before} (they must match, as in pyo)",
                        class.name
                    )));
                }
                after.max(1)
            }
            Layout::PerArg => 1,
            _ => {
                return Err(Error::new(
                    Status::Unsupported,
                    format!("{}: a new text is not supported for this class", class.name),
                ))
            }
        };
        let own = class.params.len();
        let extras: Vec<ExtraArg> = inputs[..own].iter().map(|inp| self.extra_arg(inp)).collect();
        let input_factor = self.input_factor(class, &inputs);
        Ok((0..rec.nodes.len())
            .map(|i| {
                let (at, stream) = (i / group, i % group);
                let params: Vec<Param> = inputs[..own].iter().map(|inp| self.param_for_stream(inp, at)).collect();
                let stream = if group == 1 { i } else { stream };
                (class.build)(&StreamArgs {
                    params: &params,
                    extras: &extras,
                    stream,
                    sr,
                    bs,
                    factor: rec.factor,
                    input_factor,
                })
            })
            .collect())
    }

    /// The last output sample of stream `stream` (pyo's `get()`), and of
    /// a table object its point `stream`.
    pub(crate) fn object_get(&self, h: ObjectId, stream: usize) -> Result<f32> {
        let rec = self.record(self.resolve(h)?)?;
        if let Some(t) = rec.table.as_ref().map(|t| t.at(0)) {
            return if stream < t.len() {
                Ok(t.get(stream))
            } else {
                Err(Error::invalid(format!("{}: point {stream} is past the end ({} points)", rec.class.name, t.len())))
            };
        }
        match rec.lasts.get(stream) {
            Some(v) => Ok(f32::from_bits(v.load(Ordering::Relaxed))),
            None => Err(Error::invalid(format!(
                "{}: stream {stream} does not exist ({} streams)",
                rec.class.name,
                rec.nodes.len()
            ))),
        }
    }

    /// Sends `input` to engine slot `pslot` of every stream of `slot`,
    /// without touching the record (the mul of a division: the record
    /// already holds it).
    pub(super) fn set_slot_raw(&mut self, slot: u32, pslot: ParamSlot, input: &Input) -> Result<()> {
        let rec = self.record(slot)?;
        let cmds = rec
            .nodes
            .iter()
            .enumerate()
            .map(|(i, &id)| Command::SetParam {
                id,
                slot: pslot,
                value: self.param_for_stream(input, self.arg_stream(rec.class, &rec.inputs, i)),
            })
            .collect();
        self.send(cmds)
    }

    /// The objects that go away when each of `released` loses one reader:
    /// those whose last reader it was (handle freed), then every object whose
    /// last readers are among the ones going, and so on.
    fn doomed_by(&self, released: Vec<u32>) -> Vec<u32> {
        let mut lost: HashMap<u32, u32> = HashMap::new();
        let mut doomed = Vec::new();
        let mut queue = released;
        while let Some(s) = queue.pop() {
            let Some(r) = self.objects.get(s) else { continue };
            let n = lost.entry(s).or_insert(0);
            *n += 1;
            if r.handle_alive || *n < r.readers || doomed.contains(&s) {
                continue;
            }
            doomed.push(s);
            queue.extend(r.inputs.iter().flat_map(|i| i.sources().iter().copied()));
        }
        doomed
    }

    fn removal_commands(&self, doomed: &[u32]) -> Vec<Command> {
        doomed
            .iter()
            .filter_map(|s| self.objects.get(*s))
            .flat_map(|r| r.nodes.iter().map(|&id| Command::RemoveNode { id }))
            .collect()
    }

    /// Bookkeeping after the removal commands of `doomed` were sent: their
    /// records and node ids go, and the objects they read lose a reader
    /// (as does `released`, the object a parameter stopped reading).
    fn forget(&mut self, doomed: &[u32], released: Vec<u32>) {
        let mut lose = released;
        for &s in doomed {
            if let Some(rec) = self.objects.remove(s) {
                for id in &rec.nodes {
                    self.nodes.release(*id);
                }
                lose.extend(rec.inputs.iter().flat_map(|i| i.sources().iter().copied()));
            }
        }
        for s in lose {
            if let Some(r) = self.objects.get_mut(s) {
                r.readers = r.readers.saturating_sub(1);
            }
        }
    }

    /// The user lets go of a handle. The streams are deleted now, or when the
    /// last object reading this one lets go of it (as a Python reference
    /// would). All or nothing: on QueueFull nothing changed.
    pub(crate) fn object_free(&mut self, h: ObjectId) -> Result<()> {
        let slot = self.resolve(h)?;
        if self.record(slot)?.readers > 0 {
            if let Some(r) = self.objects.get_mut(slot) {
                r.handle_alive = false;
            }
            return Ok(());
        }
        let mut doomed = vec![slot];
        let children: Vec<u32> = self.record(slot)?.inputs.iter().flat_map(|i| i.sources().iter().copied()).collect();
        doomed.extend(self.doomed_by(children).into_iter().filter(|s| *s != slot));
        self.send(self.removal_commands(&doomed))?;
        self.forget(&doomed, Vec::new());
        Ok(())
    }

    fn effective_dur_del(&self, dur: f32, delay: f32) -> (f32, f32) {
        let dur = if self.global_dur != 0.0 { self.global_dur } else { dur };
        let delay = if self.global_del != 0.0 { self.global_del } else { delay };
        (dur, delay)
    }

    fn check_time(name: &str, v: f32) -> Result<()> {
        if !v.is_finite() || v < 0.0 {
            return Err(Error::invalid(format!("{name}: {v} is not a time in seconds (>= 0)")));
        }
        Ok(())
    }

    pub(crate) fn object_play(&mut self, h: ObjectId, dur: f32, delay: f32) -> Result<()> {
        let slot = self.resolve(h)?;
        let shape = self.require_booted("play")?;
        Self::check_time("dur", dur)?;
        Self::check_time("delay", delay)?;
        let (dur, delay) = self.effective_dur_del(dur, delay);
        let wait = delay_blocks(delay, shape.sr, shape.bs);
        let dur = dur_blocks(dur, shape.sr, shape.bs);
        let mut started = Vec::new();
        let cmds = self.play_tree(slot, wait, dur, &mut started);
        self.send(cmds)?;
        self.mark_playing(&started, true);
        if let Some(r) = self.objects.get_mut(slot) {
            r.route = None;
        }
        Ok(())
    }

    /// The audio objects an object reads (its children in pyo's words).
    fn children(&self, slot: u32) -> Vec<(usize, u32)> {
        let Some(rec) = self.objects.get(slot) else { return Vec::new() };
        rec.inputs
            .iter()
            .enumerate()
            .flat_map(|(i, input)| input.sources().iter().map(move |&c| (i, c)))
            .filter(|&(_, c)| c != slot && self.objects.get(c).is_some_and(|r| r.table.is_none()))
            .collect()
    }

    /// Play commands for `slot` and, with setAutoStartChildren on and when
    /// the object was not playing, for its children and theirs.
    fn play_tree(&self, slot: u32, wait: u32, dur: u32, started: &mut Vec<u32>) -> Vec<Command> {
        let Some(rec) = self.objects.get(slot) else { return Vec::new() };
        let mut cmds: Vec<Command> = rec.nodes.iter().map(|&id| Command::Play { id, wait, dur }).collect();
        let was_playing = rec.playing;
        started.push(slot);
        if self.auto_start_children && !was_playing {
            for (_, child) in self.children(slot) {
                if !started.contains(&child) {
                    cmds.extend(self.play_tree(child, wait, dur, started));
                }
            }
        }
        cmds
    }

    /// Stop commands for `slot` (after `wait` blocks) and, with
    /// setAutoStartChildren on and when it was playing, for its children: a
    /// child that is the mul stops at once unless it uses the wait time
    /// (useWaitTimeOnStop); an arithmetic object passes no wait on.
    fn stop_tree(&self, slot: u32, wait: u32, stopped: &mut Vec<u32>) -> Vec<Command> {
        let Some(rec) = self.objects.get(slot) else { return Vec::new() };
        let mut cmds: Vec<Command> = rec.nodes.iter().map(|&id| Command::Stop { id, wait }).collect();
        stopped.push(slot);
        if self.auto_start_children && rec.playing {
            let mul_index = rec.class.params.len();
            let arith = std::ptr::eq(rec.class, &crate::objects::utils::SIG) && rec.arith;
            for (index, child) in self.children(slot) {
                if stopped.contains(&child) {
                    continue;
                }
                let uses_wait = self.objects.get(child).is_some_and(|c| c.use_wait_time);
                let child_wait = if arith || (index == mul_index && !uses_wait) { 0 } else { wait };
                cmds.extend(self.stop_tree(child, child_wait, stopped));
            }
        }
        cmds
    }

    fn mark_playing(&mut self, slots: &[u32], playing: bool) {
        for s in slots {
            if let Some(r) = self.objects.get_mut(*s) {
                r.playing = playing;
            }
        }
    }

    /// pyo's useWaitTimeOnStop.
    pub(crate) fn object_use_wait_time_on_stop(&mut self, h: ObjectId, on: bool) -> Result<()> {
        let slot = self.resolve(h)?;
        if let Some(r) = self.objects.get_mut(slot) {
            r.use_wait_time = on;
        }
        Ok(())
    }

    pub(crate) fn object_out(&mut self, h: ObjectId, chnl: i32, inc: i32, dur: f32, delay: f32) -> Result<()> {
        if chnl < 0 {
            return Err(Error::invalid(format!("chnl: {chnl} is negative")));
        }
        self.object_out_to(h, |i| chnl as i64 + i as i64 * inc as i64, dur, delay)
    }

    /// pyo's out(chnl=[...]): stream i goes to channel `chnls[i % len]`.
    pub(crate) fn object_out_channels(&mut self, h: ObjectId, chnls: &[i32], dur: f32, delay: f32) -> Result<()> {
        if chnls.is_empty() {
            return Err(Error::invalid("chnls: empty list of channels"));
        }
        if let Some(c) = chnls.iter().find(|c| **c < 0) {
            return Err(Error::invalid(format!("chnls: channel {c} is negative")));
        }
        let chnls = chnls.to_vec();
        self.object_out_to(h, move |i| chnls[i % chnls.len()] as i64, dur, delay)
    }

    /// out(): stream i goes to channel `channel(i) % nchnls`.
    fn object_out_to(&mut self, h: ObjectId, channel: impl Fn(usize) -> i64, dur: f32, delay: f32) -> Result<()> {
        let slot = self.resolve(h)?;
        let shape = self.require_booted("out")?;
        Self::check_time("dur", dur)?;
        Self::check_time("delay", delay)?;
        let (dur, delay) = self.effective_dur_del(dur, delay);
        let wait = delay_blocks(delay, shape.sr, shape.bs);
        let dur = dur_blocks(dur, shape.sr, shape.bs);
        let n = shape.nchnls as i64;
        let rec = self.record(slot)?;
        if rec.factor < 0 {
            return Err(Error::new(
                Status::Unsupported,
                format!(
                    "out: this {} runs at sr/{} (made in a resampling block of factor {}); send \
                     Resample(obj) made after endResamplingBlock to the output instead",
                    rec.class.name, -rec.factor, rec.factor
                ),
            ));
        }
        let audible = rec.class.audible;
        let route: Vec<u32> = (0..rec.nodes.len()).map(|i| channel(i).rem_euclid(n) as u32).collect();
        let mut cmds: Vec<Command> =
            rec.nodes.iter().zip(&route).map(|(&id, &chnl)| Command::Out { id, chnl, wait, dur, audible }).collect();
        let mut started = vec![slot];
        if self.auto_start_children && !rec.playing {
            for (_, child) in self.children(slot) {
                if !started.contains(&child) {
                    cmds.extend(self.play_tree(child, wait, dur, &mut started));
                }
            }
        }
        self.send(cmds)?;
        self.mark_playing(&started, true);
        if let Some(r) = self.objects.get_mut(slot) {
            r.route = Some(route);
        }
        Ok(())
    }

    /// Whether the object plays, and where its streams go (see
    /// `ObjectRecord::route`).
    pub(crate) fn object_playback(&self, h: ObjectId) -> Result<(bool, Option<Vec<u32>>)> {
        let rec = self.record(self.resolve(h)?)?;
        Ok((rec.playing, rec.route.clone()))
    }

    /// Puts an object back to a state `object_playback` gave: stopped,
    /// playing, or sending each stream to its channel (at once, for good).
    pub(crate) fn object_restore_playback(
        &mut self,
        h: ObjectId,
        playing: bool,
        route: Option<Vec<u32>>,
    ) -> Result<()> {
        match (playing, route) {
            (false, _) => self.object_stop(h, 0.0),
            (true, Some(route)) if !route.is_empty() => {
                self.object_out_to(h, move |i| i64::from(route[i % route.len()]), 0.0, 0.0)
            }
            (true, _) => self.object_play(h, 0.0, 0.0),
        }
    }

    pub(crate) fn object_stop(&mut self, h: ObjectId, wait: f32) -> Result<()> {
        let slot = self.resolve(h)?;
        let shape = self.require_booted("stop")?;
        Self::check_time("wait", wait)?;
        let rec = self.record(slot)?;
        let wait = if rec.stop_delay > 0.0 { rec.stop_delay } else { wait };
        let wait = dur_blocks(wait, shape.sr, shape.bs);
        let mut stopped = Vec::new();
        let cmds = self.stop_tree(slot, wait, &mut stopped);
        self.send(cmds)?;
        self.mark_playing(&stopped, false);
        if let Some(r) = self.objects.get_mut(slot) {
            r.route = None;
        }
        Ok(())
    }

    pub(crate) fn object_set_stop_delay(&mut self, h: ObjectId, delay: f32) -> Result<()> {
        Self::check_time("delay", delay)?;
        let slot = self.resolve(h)?;
        if let Some(r) = self.objects.get_mut(slot) {
            r.stop_delay = delay;
        }
        Ok(())
    }

    /// Calls method `name` of the object's class (pyo's `obj.reset()`) on
    /// every stream, at the top of the next block. Missing arguments take
    /// their defaults; NaN stands for pyo's None where the default is None.
    pub(crate) fn object_call(&mut self, h: ObjectId, name: &str, args: &[f32]) -> Result<()> {
        let slot = self.resolve(h)?;
        self.require_booted("call")?;
        let rec = self.record(slot)?;
        let class = rec.class;
        let (index, spec) = class.method(name).ok_or_else(|| {
            Error::not_found(format!(
                "{}: no method '{name}' ({})",
                class.name,
                if class.methods.is_empty() {
                    "this class has no methods beyond play, out, stop and the setters".to_owned()
                } else {
                    format!("methods: {}", class.method_signatures())
                }
            ))
        })?;
        if args.len() > spec.args.len() {
            return Err(Error::invalid(format!(
                "{}.{}: takes at most {} argument(s) ({}), {} given",
                class.name,
                spec.name,
                spec.args.len(),
                spec.args.iter().map(|a| a.name).collect::<Vec<_>>().join(", "),
                args.len()
            )));
        }
        let mut all = [0.0f32; MAX_METHOD_ARGS];
        for (k, a) in spec.args.iter().enumerate().take(MAX_METHOD_ARGS) {
            let v = args.get(k).copied().unwrap_or(a.default as f32);
            let none_allowed = a.default.is_nan();
            if v.is_infinite() || (v.is_nan() && !none_allowed) {
                return Err(Error::invalid(format!("{}.{}: argument '{}' is {v}", class.name, spec.name, a.name)));
            }
            all[k] = v;
        }
        let nargs = spec.args.len().min(MAX_METHOD_ARGS) as u8;
        let cmds = rec.nodes.iter().map(|&id| Command::Call { id, method: index as u16, args: all, nargs }).collect();
        self.send(cmds)
    }

    /// pyo's len(obj): its streams, or a table object's channels.
    pub(crate) fn object_streams(&self, h: ObjectId) -> Result<usize> {
        let slot = self.resolve(h)?;
        let rec = self.record(slot)?;
        Ok(rec.table.as_ref().map(|t| t.chans.len()).unwrap_or(rec.nodes.len()))
    }

    /// pyo's `table[i]` of a table object: channel `i` as a table object of
    /// its own (the same samples: a recording into one shows in the other).
    /// None for an audio object.
    pub(crate) fn table_channel(&mut self, h: ObjectId, i: usize) -> Result<Option<ObjectId>> {
        let slot = self.resolve(h)?;
        let rec = self.record(slot)?;
        let Some(t) = &rec.table else { return Ok(None) };
        if i >= t.chans.len() {
            return Err(Error::invalid(format!(
                "{}: channel {i} out of range ({} channels)",
                rec.class.name,
                t.chans.len()
            )));
        }
        let record = ObjectRecord {
            class: rec.class,
            nodes: Vec::new(),
            inputs: rec.inputs.clone(),
            readers: 0,
            handle_alive: true,
            stop_delay: 0.0,
            table: Some(Tables { chans: vec![Arc::clone(&t.chans[i])], channel: Some(t.built().start + i) }),
            lasts: Vec::new(),
            factor: rec.factor,
            playing: false,
            use_wait_time: false,
            arith: false,
            route: None,
        };
        self.insert_record(record).map(Some)
    }

    pub(crate) fn object_class(&self, h: ObjectId) -> Result<&'static ClassSpec> {
        let slot = self.resolve(h)?;
        Ok(self.record(slot)?.class)
    }

    /// The object behind `other`, checked to be of this server.
    pub(crate) fn object_input(&self, other: ObjectId) -> Result<Input> {
        Ok(Input::Object(self.resolve(other)?))
    }
}

impl ServerInner {
    pub(crate) fn object_handles_of_streams(&self) -> Vec<(ObjectId, u32, &'static str)> {
        let c = self.lock();
        c.nodes
            .order()
            .iter()
            .filter_map(|&id| {
                let (slot, stream) = c.nodes.owner(id)?;
                let rec = c.objects.get(slot)?;
                let generation = c.objects_generation(slot);
                Some((c.handle(slot, generation), stream, rec.class.name))
            })
            .collect()
    }
}

impl Control {
    fn objects_generation(&self, slot: u32) -> u32 {
        self.objects.entries.get(slot as usize).map(|e| e.generation).unwrap_or(0)
    }
}
