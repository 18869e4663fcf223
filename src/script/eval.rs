//! The evaluator: runs parsed statements against a server. Each top-level
//! statement is all or nothing: when it fails, the objects it made are
//! freed, the parameters it set are set back, the lists it changed and the
//! variables it bound are restored, and the error says where it failed.

use super::ast::{BinOp, CmpOp, Expr, ExprKind, Stmt, StmtKind, UnaryOp};
use super::pyrandom::PyRandom;
use super::value::{compare, lock, new_list, number_op, Function, FunctionBody, List, Value};
use super::{parser, Pos, ScriptError, ScriptResult};
use crate::objects::args;
use crate::objects::registry;
use crate::server::arith::{ArithOp, Operand};
use crate::server::{ObjectId, ServerInner};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Statements and loop turns one exec may run before it is stopped as a
/// probable endless loop.
pub const DEFAULT_MAX_STEPS: u64 = 20_000_000;
/// Deepest nesting of function calls.
pub const MAX_CALL_DEPTH: u32 = 64;

/// What a statement hands to the one around it.
enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

/// Changes made by the statement in progress, to undo if it fails.
#[derive(Default)]
struct Undo {
    created: Vec<ObjectId>,
    params: Vec<(ObjectId, String, args::Value)>,
    lists: Vec<(List, Vec<Value>)>,
    amp: Option<f32>,
    /// Objects made before the statement whose play/out/stop it called:
    /// whether each played and where its streams went.
    playback: Vec<(ObjectId, bool, Option<Vec<u32>>)>,
}

/// A function call's names.
struct Frame {
    locals: HashMap<String, Value>,
    globals: Vec<String>,
}

/// A script interpreter: the variables of one server's scripts, kept
/// between exec calls as pyo keeps them.
pub struct Interp {
    pub(crate) globals: HashMap<String, Value>,
    pub(crate) rng: PyRandom,
    steps: u64,
    pub max_steps: u64,
    depth: u32,
    undo: Undo,
    frames: Vec<Frame>,
    /// Objects scripts made that are still alive: freed when no variable
    /// reaches them any more, as Python's garbage collector frees pyo's.
    owned: Vec<ObjectId>,
    /// Arguments that replace what a script gives (`rpyo render`'s options).
    pub overrides: Overrides,
    /// A script's `s.start()` rendered the server offline.
    pub rendered: bool,
}

/// Keyword arguments forced onto a script's `Server(...)` and
/// `s.recordOptions(...)` calls, whatever the script says (the command
/// line's --sr, --dur, -o, ... of `rpyo render`).
#[derive(Clone, Default)]
pub struct Overrides {
    pub server: Vec<(String, Value)>,
    pub record: Vec<(String, Value)>,
    /// Boot the server when a script makes an object before booting it (a
    /// script written for an embedding host, rendered by `rpyo render`).
    pub auto_boot: bool,
}

impl Overrides {
    /// `kwargs` with the overrides put in place of what they name.
    pub(crate) fn apply(
        forced: &[(String, Value)],
        names: &[&str],
        args: &mut [Value],
        kwargs: &mut Vec<(String, Value)>,
    ) {
        for (k, v) in forced {
            if let Some(i) = names.iter().position(|n| n == k) {
                if i < args.len() {
                    args[i] = v.clone();
                    continue;
                }
            }
            kwargs.retain(|(x, _)| x != k);
            kwargs.push((k.clone(), v.clone()));
        }
    }
}

type R<T> = ScriptResult<T>;

pub(crate) fn err<T>(pos: Pos, msg: impl Into<String>) -> R<T> {
    Err(ScriptError::new(pos, msg))
}

/// An rpyo error at a place in the script.
pub(crate) fn at(pos: Pos) -> impl Fn(crate::Error) -> ScriptError {
    move |e| ScriptError::new(pos, e.message.to_string())
}

impl Interp {
    pub fn new(seed: u64) -> Interp {
        Interp {
            globals: HashMap::new(),
            rng: PyRandom::new(seed),
            steps: 0,
            max_steps: DEFAULT_MAX_STEPS,
            depth: 0,
            undo: Undo::default(),
            frames: Vec::new(),
            owned: Vec::new(),
            overrides: Overrides::default(),
            rendered: false,
        }
    }

    /// Forgets every variable and frees every object scripts made (pyo's
    /// Pd external's `clear`; pyo_exec_file with add = 0 clears first).
    pub fn clear(&mut self, s: &ServerInner) {
        self.globals.clear();
        for obj in std::mem::take(&mut self.owned) {
            let _ = s.object_free(obj);
        }
    }

    /// Frees the objects no variable reaches (after each statement: an
    /// object nothing refers to stops, as in pyo, where `Sine().out()`
    /// left unassigned is collected at once).
    fn collect(&mut self, s: &ServerInner) {
        let mut reached = Vec::new();
        for v in self.globals.values() {
            reach(v, &mut reached, 0);
        }
        reached.sort_unstable_by_key(|o| o.id);
        self.owned.retain(|o| {
            let keep = reached.binary_search_by_key(&o.id, |r| r.id).is_ok();
            if !keep {
                let _ = s.object_free(*o);
            }
            keep
        });
    }

    /// Runs `src`: statement after statement, stopping at the first error
    /// (that statement undone, those before it kept).
    pub fn exec(&mut self, s: &ServerInner, src: &str) -> R<()> {
        let stmts = parser::parse(src)?;
        self.steps = 0;
        for st in &stmts {
            self.exec_top(s, st)?;
        }
        Ok(())
    }

    fn exec_top(&mut self, s: &ServerInner, st: &Stmt) -> R<()> {
        self.undo = Undo::default();
        self.frames.clear();
        self.depth = 0;
        let saved = self.globals.clone();
        let r = match self.exec_stmt(s, st) {
            Ok(Flow::Normal) => Ok(()),
            Ok(Flow::Break | Flow::Continue) => err(st.pos, "'break' or 'continue' outside a loop"),
            Ok(Flow::Return(_)) => err(st.pos, "'return' outside a function"),
            Err(e) => Err(e),
        };
        if r.is_err() {
            self.rollback(s);
            self.globals = saved;
        } else {
            self.owned.append(&mut self.undo.created);
        }
        self.undo = Undo::default();
        self.collect(s);
        r
    }

    fn rollback(&mut self, s: &ServerInner) {
        let undo = std::mem::take(&mut self.undo);
        for (list, old) in undo.lists.into_iter().rev() {
            *lock(&list) = old;
        }
        for (obj, name, old) in undo.params.into_iter().rev() {
            let _ = s.object_set_value(obj, &name, &old);
        }
        for (obj, playing, route) in undo.playback.into_iter().rev() {
            let _ = s.object_restore_playback(obj, playing, route);
        }
        for obj in undo.created.into_iter().rev() {
            let _ = s.object_free(obj);
        }
        if let Some(amp) = undo.amp {
            let _ = s.set_amp(amp);
        }
    }

    fn step(&mut self, pos: Pos) -> R<()> {
        self.steps += 1;
        if self.steps > self.max_steps {
            return err(pos, format!("stopped after {} steps: an endless loop?", self.max_steps));
        }
        Ok(())
    }

    /// Saves a list's items before the statement first changes it.
    pub(crate) fn touch_list(&mut self, l: &List) {
        if !self.undo.lists.iter().any(|(k, _)| Arc::ptr_eq(k, l)) {
            let old = lock(l).clone();
            self.undo.lists.push((l.clone(), old));
        }
    }

    pub(crate) fn created(&mut self, obj: ObjectId) -> Value {
        self.undo.created.push(obj);
        Value::Object(obj)
    }

    // ------------------------------------------------------------------ names --

    fn lookup(&self, name: &str, pos: Pos) -> R<Value> {
        if let Some(f) = self.frames.last() {
            if let Some(v) = f.locals.get(name) {
                return Ok(v.clone());
            }
        }
        if let Some(v) = self.globals.get(name) {
            return Ok(v.clone());
        }
        if let Some(v) = super::builtins::global(name) {
            return Ok(v);
        }
        err(pos, format!("name '{name}' is not defined"))
    }

    fn bind(&mut self, name: &str, v: Value) {
        if let Some(f) = self.frames.last_mut() {
            if !f.globals.iter().any(|g| g == name) {
                f.locals.insert(name.to_owned(), v);
                return;
            }
        }
        self.globals.insert(name.to_owned(), v);
    }

    // ------------------------------------------------------------- statements --

    fn exec_block(&mut self, s: &ServerInner, body: &[Stmt]) -> R<Flow> {
        for st in body {
            match self.exec_stmt(s, st)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    fn exec_stmt(&mut self, s: &ServerInner, st: &Stmt) -> R<Flow> {
        self.step(st.pos)?;
        match &st.kind {
            StmtKind::Expr(e) => {
                self.eval(s, e)?;
            }
            StmtKind::Assign { targets, value } => {
                let v = self.eval(s, value)?;
                for t in targets {
                    self.assign(s, t, v.clone())?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(s, target, *op, value)?,
            StmtKind::If { branches, otherwise } => {
                for (cond, body) in branches {
                    if self.eval(s, cond)?.truthy() {
                        return self.exec_block(s, body);
                    }
                }
                return self.exec_block(s, otherwise);
            }
            StmtKind::For { target, iter, body } => {
                let seq = self.eval(s, iter)?;
                let items = iterate(&seq, iter.pos)?;
                for item in items {
                    self.step(st.pos)?;
                    self.assign(s, target, item)?;
                    match self.exec_block(s, body)? {
                        Flow::Break => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
            }
            StmtKind::While { cond, body } => {
                while self.eval(s, cond)?.truthy() {
                    self.step(st.pos)?;
                    match self.exec_block(s, body)? {
                        Flow::Break => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
            }
            StmtKind::Def { name, params, body } => {
                let defaults = params
                    .iter()
                    .map(|p| p.default.as_ref().map(|d| self.eval(s, d)).transpose())
                    .collect::<R<Vec<_>>>()?;
                let f = Function {
                    name: name.clone(),
                    params: params.clone(),
                    defaults,
                    body: FunctionBody::Block(body.clone()),
                };
                self.bind(name, Value::Func(Arc::new(f)));
            }
            StmtKind::Return(e) => {
                if self.frames.is_empty() {
                    return err(st.pos, "'return' outside a function");
                }
                let v = match e {
                    Some(e) => self.eval(s, e)?,
                    None => Value::None,
                };
                return Ok(Flow::Return(v));
            }
            StmtKind::Import(mods) => {
                for (module, bound) in mods {
                    let m = super::builtins::module(module).ok_or_else(|| {
                        ScriptError::new(
                            st.pos,
                            format!("module '{module}' is not available (math, random, pyo, time are)"),
                        )
                    })?;
                    self.bind(bound, m);
                }
            }
            StmtKind::FromImport { module, names } => {
                let Some(Value::Module(m)) = super::builtins::module(module) else {
                    return err(st.pos, format!("module '{module}' is not available (math, random, pyo, time are)"));
                };
                for (name, bound) in names {
                    if name == "*" {
                        if m != "pyo" {
                            for n in super::builtins::module_names(m) {
                                if let Some(v) = super::builtins::module_attr(m, n) {
                                    self.bind(n, v);
                                }
                            }
                        }
                        continue;
                    }
                    let v = super::builtins::module_attr(m, name)
                        .ok_or_else(|| ScriptError::new(st.pos, format!("cannot import '{name}' from '{module}'")))?;
                    self.bind(bound, v);
                }
            }
            StmtKind::Global(names) => {
                if let Some(f) = self.frames.last_mut() {
                    f.globals.extend(names.iter().cloned());
                }
            }
            StmtKind::Pass => {}
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
        }
        Ok(Flow::Normal)
    }

    fn assign(&mut self, s: &ServerInner, target: &Expr, v: Value) -> R<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.bind(n, v);
                Ok(())
            }
            ExprKind::Tuple(ts) | ExprKind::List(ts) => {
                let items = iterate(&v, target.pos)?;
                if items.len() != ts.len() {
                    return err(target.pos, format!("cannot unpack {} values into {} names", items.len(), ts.len()));
                }
                for (t, item) in ts.iter().zip(items) {
                    self.assign(s, t, item)?;
                }
                Ok(())
            }
            ExprKind::Attr(obj, name) => {
                let recv = self.eval(s, obj)?;
                self.set_attr(s, &recv, name, v, target.pos)
            }
            ExprKind::Index(obj, idx) => {
                let recv = self.eval(s, obj)?;
                let key = self.eval(s, idx)?;
                match &recv {
                    Value::List(l) => {
                        let n = lock(l).len();
                        let i = index_of(&key, n, idx.pos)?;
                        self.touch_list(l);
                        lock(l)[i] = v;
                        Ok(())
                    }
                    Value::Dict(d) => {
                        let mut d = d.lock().unwrap_or_else(|e| e.into_inner());
                        match d.iter_mut().find(|(k, _)| k.equals(&key)) {
                            Some(entry) => entry.1 = v,
                            None => d.push((key, v)),
                        }
                        Ok(())
                    }
                    other => err(target.pos, format!("a {} does not support item assignment", other.type_name())),
                }
            }
            _ => err(target.pos, "cannot assign to this expression"),
        }
    }

    fn aug_assign(&mut self, s: &ServerInner, target: &Expr, op: BinOp, value: &Expr) -> R<()> {
        let current = self.eval(s, target)?;
        let rhs = self.eval(s, value)?;
        if let Value::Object(obj) = current {
            // pyo's in-place operators change the object's mul or add.
            let aop = match op {
                BinOp::Add => ArithOp::Add,
                BinOp::Sub => ArithOp::Sub,
                BinOp::Mul => ArithOp::Mul,
                BinOp::Div => ArithOp::Div,
                _ => return err(target.pos, format!("'{}=' is not supported on pyo objects", op.symbol())),
            };
            let operand = operand(&rhs, value.pos)?;
            let slot = if matches!(aop, ArithOp::Mul | ArithOp::Div) { "mul" } else { "add" };
            self.remember_param(s, obj, slot);
            s.object_arith_in_place(obj, aop, &operand).map_err(at(target.pos))?;
            return Ok(());
        }
        let v = self.binary(s, op, current, rhs, target.pos)?;
        self.assign(s, target, v)
    }

    /// Saves whether an object plays, and where, before the statement
    /// first calls its play, out or stop.
    pub(crate) fn remember_playback(&mut self, s: &ServerInner, obj: ObjectId) {
        if self.undo.created.contains(&obj) || self.undo.playback.iter().any(|(o, ..)| *o == obj) {
            return;
        }
        if let Ok((playing, route)) = s.object_playback(obj) {
            self.undo.playback.push((obj, playing, route));
        }
    }

    pub(crate) fn remember_amp(&mut self, s: &ServerInner) {
        self.undo.amp.get_or_insert(s.amp());
    }

    /// Saves a parameter's value before the statement first changes it.
    pub(crate) fn remember_param(&mut self, s: &ServerInner, obj: ObjectId, name: &str) {
        if self.undo.created.contains(&obj) || self.undo.params.iter().any(|(o, n, _)| *o == obj && n == name) {
            return;
        }
        if let Ok(old) = s.object_param_value(obj, name) {
            self.undo.params.push((obj, name.to_owned(), old));
        }
    }

    fn set_attr(&mut self, s: &ServerInner, recv: &Value, name: &str, v: Value, pos: Pos) -> R<()> {
        match recv {
            Value::Object(obj) => {
                let arg = to_arg(&v, pos)?;
                self.remember_param(s, *obj, name);
                s.object_set_value(*obj, name, &arg).map_err(at(pos))
            }
            Value::Server => match name {
                "amp" => {
                    let x = number(&v, pos, "Server.amp")?;
                    self.undo.amp.get_or_insert(s.amp());
                    s.set_amp(x as f32).map_err(at(pos))
                }
                "verbosity" => s.set_verbosity(int(&v, pos, "Server.verbosity")? as u32).map_err(at(pos)),
                "startoffset" => s.set_start_offset(number(&v, pos, "Server.startoffset")? as f32).map_err(at(pos)),
                "globalseed" => s.set_global_seed(int(&v, pos, "Server.globalseed")? as u32).map_err(at(pos)),
                _ => err(
                    pos,
                    format!("Server has no attribute '{name}' to set (amp, verbosity, startoffset, globalseed)"),
                ),
            },
            other => err(pos, format!("cannot set attributes on a {}", other.type_name())),
        }
    }

    // ------------------------------------------------------------ expressions --

    pub(crate) fn eval(&mut self, s: &ServerInner, e: &Expr) -> R<Value> {
        Ok(match &e.kind {
            ExprKind::Int(v) => Value::Int(*v),
            ExprKind::Float(v) => Value::Float(*v),
            ExprKind::Str(v) => Value::str(v),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::None => Value::None,
            ExprKind::Name(n) => self.lookup(n, e.pos)?,
            ExprKind::List(items) => new_list(self.eval_all(s, items)?),
            ExprKind::Tuple(items) => Value::Tuple(self.eval_all(s, items)?.into()),
            ExprKind::Dict(items) => {
                let mut d: Vec<(Value, Value)> = Vec::new();
                for (k, v) in items {
                    let k = self.eval(s, k)?;
                    let v = self.eval(s, v)?;
                    match d.iter_mut().find(|(x, _)| x.equals(&k)) {
                        Some(entry) => entry.1 = v,
                        None => d.push((k, v)),
                    }
                }
                Value::Dict(Arc::new(Mutex::new(d)))
            }
            ExprKind::Binary(op, a, b) => {
                let x = self.eval(s, a)?;
                let y = self.eval(s, b)?;
                self.binary(s, *op, x, y, e.pos)?
            }
            ExprKind::Unary(op, a) => {
                let x = self.eval(s, a)?;
                match (op, &x) {
                    (UnaryOp::Not, _) => Value::Bool(!x.truthy()),
                    (UnaryOp::Pos, Value::Int(_) | Value::Float(_)) => x,
                    (UnaryOp::Pos, Value::Bool(b)) => Value::Int(i64::from(*b)),
                    (UnaryOp::Neg, Value::Int(v)) => {
                        v.checked_neg().map(Value::Int).unwrap_or(Value::Float(-(*v as f64)))
                    }
                    (UnaryOp::Neg, Value::Float(v)) => Value::Float(-v),
                    (UnaryOp::Neg, Value::Bool(b)) => Value::Int(-i64::from(*b)),
                    (UnaryOp::Neg, Value::Object(o)) => {
                        let r = s.object_arith(*o, ArithOp::Mul, &Operand::Numbers(vec![-1.0])).map_err(at(e.pos))?;
                        self.created(r)
                    }
                    _ => return err(e.pos, format!("bad operand for unary operator: {}", x.type_name())),
                }
            }
            ExprKind::Compare(first, rest) => {
                let mut left = self.eval(s, first)?;
                for (op, right) in rest {
                    let r = self.eval(s, right)?;
                    if !self.compare(*op, &left, &r, right.pos)? {
                        return Ok(Value::Bool(false));
                    }
                    left = r;
                }
                Value::Bool(true)
            }
            ExprKind::And(a, b) => {
                let x = self.eval(s, a)?;
                if !x.truthy() {
                    x
                } else {
                    self.eval(s, b)?
                }
            }
            ExprKind::Or(a, b) => {
                let x = self.eval(s, a)?;
                if x.truthy() {
                    x
                } else {
                    self.eval(s, b)?
                }
            }
            ExprKind::IfElse { cond, then, otherwise } => {
                if self.eval(s, cond)?.truthy() {
                    self.eval(s, then)?
                } else {
                    self.eval(s, otherwise)?
                }
            }
            ExprKind::Call { func, args, kwargs } => {
                let f = self.eval(s, func)?;
                let args = self.eval_all(s, args)?;
                let mut kw = Vec::with_capacity(kwargs.len());
                for (k, v) in kwargs {
                    kw.push((k.clone(), self.eval(s, v)?));
                }
                self.call(s, f, args, kw, e.pos)?
            }
            ExprKind::Attr(obj, name) => {
                let recv = self.eval(s, obj)?;
                self.get_attr(s, recv, name, e.pos)?
            }
            ExprKind::Index(obj, idx) => {
                let recv = self.eval(s, obj)?;
                let key = self.eval(s, idx)?;
                self.index(s, &recv, &key, idx.pos)?
            }
            ExprKind::Slice { value, lo, hi, step } => {
                let recv = self.eval(s, value)?;
                let mut part = |x: &Option<Box<Expr>>| -> R<Option<i64>> {
                    match x {
                        None => Ok(None),
                        Some(x) => {
                            let v = self.eval(s, x)?;
                            match v {
                                Value::None => Ok(None),
                                v => Ok(Some(int(&v, x.pos, "a slice index")?)),
                            }
                        }
                    }
                };
                let (lo, hi, step) = (part(lo)?, part(hi)?, part(step)?);
                slice(&recv, lo, hi, step, e.pos)?
            }
            ExprKind::ListComp { elt, clauses } => {
                let mut out = Vec::new();
                self.comprehension(s, elt, clauses, &mut out)?;
                new_list(out)
            }
            ExprKind::Lambda { params, body } => {
                let defaults = params
                    .iter()
                    .map(|p| p.default.as_ref().map(|d| self.eval(s, d)).transpose())
                    .collect::<R<Vec<_>>>()?;
                Value::Func(Arc::new(Function {
                    name: "<lambda>".into(),
                    params: params.clone(),
                    defaults,
                    body: FunctionBody::Lambda((**body).clone()),
                }))
            }
        })
    }

    fn eval_all(&mut self, s: &ServerInner, items: &[Expr]) -> R<Vec<Value>> {
        items.iter().map(|x| self.eval(s, x)).collect()
    }

    fn comprehension(
        &mut self,
        s: &ServerInner,
        elt: &Expr,
        clauses: &[super::ast::CompFor],
        out: &mut Vec<Value>,
    ) -> R<()> {
        let Some((first, rest)) = clauses.split_first() else {
            out.push(self.eval(s, elt)?);
            return Ok(());
        };
        let seq = self.eval(s, &first.iter)?;
        'items: for item in iterate(&seq, first.iter.pos)? {
            self.step(first.iter.pos)?;
            self.assign(s, &first.target, item)?;
            for c in &first.conds {
                if !self.eval(s, c)?.truthy() {
                    continue 'items;
                }
            }
            self.comprehension(s, elt, rest, out)?;
        }
        Ok(())
    }

    fn compare(&mut self, op: CmpOp, a: &Value, b: &Value, pos: Pos) -> R<bool> {
        use std::cmp::Ordering::*;
        let ord = || {
            compare(a, b).ok_or_else(|| {
                ScriptError::new(pos, format!("cannot order a {} and a {}", a.type_name(), b.type_name()))
            })
        };
        Ok(match op {
            CmpOp::Eq => a.equals(b),
            CmpOp::Ne => !a.equals(b),
            CmpOp::Lt => ord()? == Less,
            CmpOp::Le => ord()? != Greater,
            CmpOp::Gt => ord()? == Greater,
            CmpOp::Ge => ord()? != Less,
            CmpOp::Is => match (a, b) {
                (Value::List(x), Value::List(y)) => Arc::ptr_eq(x, y),
                _ => a.equals(b) && std::mem::discriminant(a) == std::mem::discriminant(b),
            },
            CmpOp::IsNot => !self.compare(CmpOp::Is, a, b, pos)?,
            CmpOp::In | CmpOp::NotIn => {
                let found = match (b, a) {
                    (Value::Str(h), Value::Str(n)) => h.contains(&**n),
                    (Value::Str(_), _) => return err(pos, "'in <string>' needs a string on the left"),
                    _ => iterate(b, pos)?.iter().any(|x| x.equals(a)),
                };
                found == (op == CmpOp::In)
            }
        })
    }

    pub(crate) fn binary(&mut self, s: &ServerInner, op: BinOp, a: Value, b: Value, pos: Pos) -> R<Value> {
        if let Some(r) = number_op(op, &a, &b) {
            return r.map_err(|m| ScriptError::new(pos, m));
        }
        match (&a, &b) {
            (Value::Object(o), _) => {
                let operand = operand(&b, pos)?;
                let aop = arith_op(op, false, pos)?;
                let r = s.object_arith(*o, aop, &operand).map_err(at(pos))?;
                return Ok(self.created(r));
            }
            (_, Value::Object(o)) if !matches!(a, Value::Object(_)) => {
                let operand = operand(&a, pos)?;
                let aop = arith_op(op, true, pos)?;
                let r = s.object_arith(*o, aop, &operand).map_err(at(pos))?;
                return Ok(self.created(r));
            }
            _ => {}
        }
        Ok(match (op, &a, &b) {
            (BinOp::Add, Value::Str(x), Value::Str(y)) => Value::str(&format!("{x}{y}")),
            (BinOp::Add, Value::List(_), Value::List(_)) => {
                new_list([a.items().unwrap_or_default(), b.items().unwrap_or_default()].concat())
            }
            (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => Value::Tuple([&x[..], &y[..]].concat().into()),
            (BinOp::Mul, Value::Str(x), n) | (BinOp::Mul, n, Value::Str(x)) if n.as_int().is_some() => {
                Value::str(&x.repeat(n.as_int().unwrap_or(0).clamp(0, 1 << 20) as usize))
            }
            (BinOp::Mul, Value::List(_), n) | (BinOp::Mul, n, Value::List(_)) if n.as_int().is_some() => {
                let items = if let Value::List(_) = a { a.items() } else { b.items() }.unwrap_or_default();
                let k = n.as_int().unwrap_or(0).clamp(0, 1 << 20) as usize;
                if items.len().saturating_mul(k) > 1 << 24 {
                    return err(pos, "list too long");
                }
                new_list(items.iter().cycle().take(items.len() * k).cloned().collect())
            }
            (BinOp::Mod, Value::Str(_), _) => {
                return err(pos, "'%' string formatting is not supported: use + and str()")
            }
            _ => {
                return err(
                    pos,
                    format!("unsupported operand types for {}: {} and {}", op.symbol(), a.type_name(), b.type_name()),
                )
            }
        })
    }

    fn index(&mut self, s: &ServerInner, recv: &Value, key: &Value, pos: Pos) -> R<Value> {
        match recv {
            Value::List(_) | Value::Tuple(_) | Value::Str(_) => {
                let items = recv.items().unwrap_or_default();
                let i = index_of(key, items.len(), pos)?;
                Ok(items[i].clone())
            }
            Value::Dict(d) => d
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .iter()
                .find(|(k, _)| k.equals(key))
                .map(|(_, v)| v.clone())
                .ok_or_else(|| ScriptError::new(pos, format!("key {} is not in the dict", key.repr()))),
            Value::Object(o) => match key {
                Value::Str(k) => {
                    let r = s.object_key(*o, k).map_err(at(pos))?;
                    Ok(self.created(r))
                }
                _ => {
                    let n = s.object_stream_count(*o).map_err(at(pos))?;
                    let i = index_of(key, n, pos)?;
                    let r = s.object_stream(*o, i).map_err(at(pos))?;
                    Ok(self.created(r))
                }
            },
            other => err(pos, format!("a {} cannot be indexed", other.type_name())),
        }
    }

    fn get_attr(&mut self, s: &ServerInner, recv: Value, name: &str, pos: Pos) -> R<Value> {
        match &recv {
            Value::Module(m) => super::builtins::module_attr(m, name)
                .ok_or_else(|| ScriptError::new(pos, format!("module '{m}' has no attribute '{name}'"))),
            Value::Object(o) => {
                let class = s.object_class(*o).map_err(at(pos))?;
                if name == "mul" || name == "add" || class.param_index(name).is_some() {
                    let v = s.object_param_value(*o, name).map_err(at(pos))?;
                    return Ok(from_arg(&v));
                }
                Ok(Value::Method(Box::new(recv), Arc::from(name)))
            }
            Value::Server => match name {
                "amp" => Ok(Value::Float(f64::from(s.amp()))),
                "verbosity" => Ok(Value::Int(i64::from(s.verbosity()))),
                "startoffset" => Ok(Value::Float(f64::from(s.start_offset()))),
                "globalseed" => Ok(Value::Int(i64::from(s.global_seed()))),
                _ => Ok(Value::Method(Box::new(recv), Arc::from(name))),
            },
            Value::List(_) | Value::Dict(_) | Value::Str(_) | Value::Tuple(_) => {
                Ok(Value::Method(Box::new(recv), Arc::from(name)))
            }
            other => err(pos, format!("a {} has no attribute '{name}'", other.type_name())),
        }
    }

    // ------------------------------------------------------------------ calls --

    pub(crate) fn call(
        &mut self,
        s: &ServerInner,
        f: Value,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        pos: Pos,
    ) -> R<Value> {
        match f {
            Value::Class(spec) => {
                if self.overrides.auto_boot && !s.is_booted() {
                    s.boot(true).map_err(at(pos))?;
                }
                let a = args::Args {
                    positional: args.iter().map(|v| to_arg(v, pos)).collect::<R<_>>()?,
                    keywords: kwargs.iter().map(|(k, v)| Ok((k.clone(), to_arg(v, pos)?))).collect::<R<_>>()?,
                };
                let obj = s.object_new_args(spec.name, &a).map_err(at(pos))?;
                Ok(self.created(obj))
            }
            Value::Func(func) => self.call_function(s, &func, args, kwargs, pos),
            Value::Builtin(name) => super::builtins::call(self, s, name, args, kwargs, pos),
            Value::Method(recv, name) => match *recv {
                Value::Object(o) => super::methods::object(self, s, o, &name, args, kwargs, pos),
                Value::Server => super::methods::server(self, s, &name, args, kwargs, pos),
                other => super::methods::builtin_type(self, s, other, &name, args, kwargs, pos),
            },
            other => err(pos, format!("a {} is not callable", other.type_name())),
        }
    }

    fn call_function(
        &mut self,
        s: &ServerInner,
        f: &Function,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        pos: Pos,
    ) -> R<Value> {
        if self.depth >= MAX_CALL_DEPTH {
            return err(pos, format!("{}(): calls nested deeper than {MAX_CALL_DEPTH}", f.name));
        }
        if args.len() > f.params.len() {
            return err(pos, format!("{}() takes {} arguments, {} given", f.name, f.params.len(), args.len()));
        }
        let mut locals = HashMap::new();
        let mut given: Vec<Option<Value>> = args.into_iter().map(Some).collect();
        given.resize(f.params.len(), None);
        for (k, v) in kwargs {
            let i = f.params.iter().position(|p| p.name == k).ok_or_else(|| {
                ScriptError::new(pos, format!("{}() got an unexpected keyword argument '{k}'", f.name))
            })?;
            if given[i].is_some() {
                return err(pos, format!("{}() got two values for argument '{k}'", f.name));
            }
            given[i] = Some(v);
        }
        for ((p, g), d) in f.params.iter().zip(given).zip(&f.defaults) {
            let v = g
                .or_else(|| d.clone())
                .ok_or_else(|| ScriptError::new(pos, format!("{}() is missing the argument '{}'", f.name, p.name)))?;
            locals.insert(p.name.clone(), v);
        }
        self.depth += 1;
        self.frames.push(Frame { locals, globals: Vec::new() });
        let r = match &f.body {
            FunctionBody::Block(body) => self.exec_block(s, body).map(|flow| match flow {
                Flow::Return(v) => v,
                _ => Value::None,
            }),
            FunctionBody::Lambda(e) => self.eval(s, e),
        };
        self.frames.pop();
        self.depth -= 1;
        r
    }
}

/// The arithmetic operator pyo applies for `op` (`reversed`: the object is
/// on the right).
fn arith_op(op: BinOp, reversed: bool, pos: Pos) -> R<ArithOp> {
    Ok(match (op, reversed) {
        (BinOp::Add, _) => ArithOp::Add,
        (BinOp::Mul, _) => ArithOp::Mul,
        (BinOp::Sub, false) => ArithOp::Sub,
        (BinOp::Sub, true) => ArithOp::ReverseSub,
        (BinOp::Div, false) => ArithOp::Div,
        (BinOp::Div, true) => ArithOp::ReverseDiv,
        (op, _) => return err(pos, format!("'{}' is not supported on pyo objects (use + - * /)", op.symbol())),
    })
}

/// The other side of an operator with a pyo object.
fn operand(v: &Value, pos: Pos) -> R<Operand> {
    match v {
        Value::Object(o) => Ok(Operand::Object(*o)),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => Ok(Operand::Numbers(vec![v.as_f64().unwrap_or(0.0)])),
        Value::List(_) | Value::Tuple(_) => {
            let items = v.items().unwrap_or_default();
            let nums: Option<Vec<f64>> = items.iter().map(Value::as_f64).collect();
            nums.filter(|n| !n.is_empty()).map(Operand::Numbers).ok_or_else(|| {
                ScriptError::new(pos, "a pyo object combines with a number, a list of numbers or another object")
            })
        }
        other => err(pos, format!("a pyo object cannot be combined with a {}", other.type_name())),
    }
}

/// A script value as an object argument.
pub(crate) fn to_arg(v: &Value, pos: Pos) -> R<args::Value> {
    Ok(match v {
        Value::Int(_) | Value::Float(_) => args::Value::Number(v.as_f64().unwrap_or(0.0)),
        Value::Bool(b) => args::Value::Bool(*b),
        Value::None => args::Value::None,
        Value::Str(t) => args::Value::Str(t.to_string()),
        Value::List(_) | Value::Tuple(_) => {
            args::Value::List(v.items().unwrap_or_default().iter().map(|x| to_arg(x, pos)).collect::<R<_>>()?)
        }
        Value::Object(o) => args::Value::Object(o.id),
        other => return err(pos, format!("a {} cannot be an argument of a pyo object", other.type_name())),
    })
}

/// An object argument as a script value.
pub(crate) fn from_arg(v: &args::Value) -> Value {
    match v {
        // Parameters keep f32: give back the decimal the user wrote.
        args::Value::Number(x) => Value::Float(registry::as_written(*x as f32)),
        args::Value::Bool(b) => Value::Bool(*b),
        args::Value::None => Value::None,
        args::Value::Str(t) => Value::str(t),
        args::Value::List(items) => new_list(items.iter().map(from_arg).collect()),
        args::Value::Object(id) => Value::Object(ObjectId { id: *id }),
    }
}

pub(crate) fn number(v: &Value, pos: Pos, what: &str) -> R<f64> {
    v.as_f64().ok_or_else(|| ScriptError::new(pos, format!("{what} takes a number, not a {}", v.type_name())))
}

pub(crate) fn int(v: &Value, pos: Pos, what: &str) -> R<i64> {
    match v {
        Value::Float(x) if x.fract() == 0.0 && x.abs() < 9e15 => Ok(*x as i64),
        _ => {
            v.as_int().ok_or_else(|| ScriptError::new(pos, format!("{what} takes an integer, not a {}", v.type_name())))
        }
    }
}

/// Collects the objects a value reaches (lists, dicts, function defaults).
fn reach(v: &Value, out: &mut Vec<ObjectId>, depth: u32) {
    if depth > 64 {
        return;
    }
    match v {
        Value::Object(o) => out.push(*o),
        Value::List(l) => {
            // A copy: a list may contain itself, and the lock is not re-entrant.
            let items = lock(l).clone();
            items.iter().for_each(|x| reach(x, out, depth + 1));
        }
        Value::Tuple(t) => t.iter().for_each(|x| reach(x, out, depth + 1)),
        Value::Dict(d) => {
            let items = d.lock().unwrap_or_else(|e| e.into_inner()).clone();
            for (k, x) in &items {
                reach(k, out, depth + 1);
                reach(x, out, depth + 1);
            }
        }
        Value::Func(f) => f.defaults.iter().flatten().for_each(|x| reach(x, out, depth + 1)),
        Value::Method(r, _) => reach(r, out, depth + 1),
        _ => {}
    }
}

/// The items a `for` loop visits.
pub(crate) fn iterate(v: &Value, pos: Pos) -> R<Vec<Value>> {
    match v {
        Value::Object(_) => err(pos, "iterating over a pyo object is not supported: use range(len(obj))"),
        other => other.items().ok_or_else(|| ScriptError::new(pos, format!("a {} is not iterable", other.type_name()))),
    }
}

/// A Python index (negative counts from the end) into `n` items.
pub(crate) fn index_of(key: &Value, n: usize, pos: Pos) -> R<usize> {
    let i = key
        .as_int()
        .ok_or_else(|| ScriptError::new(pos, format!("indices must be integers, not {}", key.type_name())))?;
    let j = if i < 0 { i + n as i64 } else { i };
    if j < 0 || j >= n as i64 {
        return err(pos, format!("index {i} out of range ({n} items)"));
    }
    Ok(j as usize)
}

fn slice(v: &Value, lo: Option<i64>, hi: Option<i64>, step: Option<i64>, pos: Pos) -> R<Value> {
    let items = v.items().ok_or_else(|| ScriptError::new(pos, format!("a {} cannot be sliced", v.type_name())))?;
    let n = items.len() as i64;
    let step = step.unwrap_or(1);
    if step == 0 {
        return err(pos, "slice step cannot be zero");
    }
    let clamp = |x: i64, lo: i64, hi: i64| if x < 0 { (x + n).max(lo) } else { x.min(hi) };
    let picked: Vec<Value> = if step > 0 {
        let (a, b) = (clamp(lo.unwrap_or(0), 0, n), clamp(hi.unwrap_or(n), 0, n));
        (a..b.max(a)).step_by(step as usize).map(|i| items[i as usize].clone()).collect()
    } else {
        let a = lo.map(|x| clamp(x, -1, n - 1)).unwrap_or(n - 1);
        let b = hi.map(|x| clamp(x, -1, n - 1)).unwrap_or(-1);
        let mut out = Vec::new();
        let mut i = a;
        while i > b {
            out.push(items[i as usize].clone());
            i += step;
        }
        out
    };
    Ok(match v {
        Value::Str(_) => Value::str(&picked.iter().map(Value::to_text).collect::<String>()),
        Value::Tuple(_) => Value::Tuple(picked.into()),
        _ => new_list(picked),
    })
}
