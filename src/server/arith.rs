//! Arithmetic on objects, as pyo's operators do it: `a * x`, `a + x`,
//! `a - x`, `a / x` and the reversed forms make a new object that reads `a`
//! and applies a mul/add stage (pyo's Dummy: a copy, then `y = x*mul + add`);
//! the in-place forms (`a *= x`, ...) replace `a`'s own mul or add.

use super::handle::ObjectId;
use super::objects::Input;
use super::Control;
use crate::error::{Error, Result};
use crate::objects::registry::KeyKind;
use crate::objects::utils::SIG;
use crate::objects::ParamSlot;

/// An arithmetic operator. `ReverseSub` is `x - a`, `ReverseDiv` is `x / a`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    ReverseSub,
    ReverseDiv,
}

/// The other side of an operator: numbers (one per stream, wrapping) or an
/// object of the same server.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    Numbers(Vec<f64>),
    Object(ObjectId),
}

/// A Sig's three inputs: value, mul, add.
struct SigInputs {
    value: Input,
    mul: Input,
    add: Input,
    divide: bool,
}

fn numbers(v: &[f64], f: impl Fn(f64) -> f64) -> Result<Input> {
    if v.is_empty() {
        return Err(Error::invalid("operand: empty list of numbers"));
    }
    let out: Vec<f32> = v.iter().map(|x| f(*x) as f32).collect();
    if out.iter().any(|x| !x.is_finite()) {
        return Err(Error::invalid("operand: NaN or infinite value (division by zero?)"));
    }
    Ok(Input::Numbers(out))
}

impl Control {
    /// A new object computing `a op operand` (or `operand op a`).
    pub(crate) fn object_arith(&mut self, a: ObjectId, op: ArithOp, operand: &Operand) -> Result<ObjectId> {
        self.require_booted("arith")?;
        let a_slot = self.resolve(a)?;
        let this = Input::Object(a_slot);
        let one = || Input::Numbers(vec![1.0]);
        let zero = || Input::Numbers(vec![0.0]);
        // Temporary objects (a negated operand) live as long as what reads them.
        let mut temporaries = Vec::new();
        let sig = match (op, operand) {
            (ArithOp::Mul, Operand::Numbers(v)) => {
                SigInputs { value: this, mul: numbers(v, |x| x)?, add: zero(), divide: false }
            }
            (ArithOp::Add, Operand::Numbers(v)) => {
                SigInputs { value: this, mul: one(), add: numbers(v, |x| x)?, divide: false }
            }
            (ArithOp::Sub, Operand::Numbers(v)) => {
                SigInputs { value: this, mul: one(), add: numbers(v, |x| -x)?, divide: false }
            }
            (ArithOp::Div, Operand::Numbers(v)) => {
                SigInputs { value: this, mul: numbers(v, |x| 1.0 / x)?, add: zero(), divide: false }
            }
            (ArithOp::ReverseSub, Operand::Numbers(v)) => {
                SigInputs { value: this, mul: Input::Numbers(vec![-1.0]), add: numbers(v, |x| x)?, divide: false }
            }
            (ArithOp::ReverseDiv, Operand::Numbers(v)) => {
                SigInputs { value: numbers(v, |x| x)?, mul: this, add: zero(), divide: true }
            }
            (op, Operand::Object(b)) => {
                let b_slot = self.resolve(*b)?;
                let other = Input::Object(b_slot);
                match op {
                    ArithOp::Mul => SigInputs { value: this, mul: other, add: zero(), divide: false },
                    ArithOp::Add => SigInputs { value: this, mul: one(), add: other, divide: false },
                    ArithOp::Div => SigInputs { value: this, mul: other, add: zero(), divide: true },
                    ArithOp::ReverseDiv => SigInputs { value: other, mul: this, add: zero(), divide: true },
                    ArithOp::Sub | ArithOp::ReverseSub => {
                        let (keep, negate) = if op == ArithOp::Sub { (this, other) } else { (other, this) };
                        let neg = self.new_sig(SigInputs {
                            value: negate,
                            mul: Input::Numbers(vec![-1.0]),
                            add: zero(),
                            divide: false,
                        })?;
                        temporaries.push(neg);
                        SigInputs { value: keep, mul: one(), add: Input::Object(self.resolve(neg)?), divide: false }
                    }
                }
            }
        };
        let made = self.new_sig(sig);
        for t in temporaries {
            // Read by `made` (or, on error, by nothing: freed at once).
            self.object_free(t)?;
        }
        made
    }

    fn new_sig(&mut self, sig: SigInputs) -> Result<ObjectId> {
        let h = self.create(&SIG, vec![sig.value, sig.mul, sig.add], sig.divide)?;
        let slot = self.resolve(h)?;
        if let Some(r) = self.objects.get_mut(slot) {
            r.arith = true;
        }
        Ok(h)
    }

    /// pyo's `a[i]`: stream `i` of `a` as an object of its own (a copy of
    /// that stream with its own mul/add: reading it, or sending it to an
    /// output, gives what the stream gives).
    pub(crate) fn object_stream(&mut self, a: ObjectId, i: usize) -> Result<ObjectId> {
        self.require_booted("stream")?;
        if let Some(channel) = self.table_channel(a, i)? {
            return Ok(channel);
        }
        let slot = self.resolve(a)?;
        let n = self.object_streams(a)?;
        if i >= n {
            return Err(Error::invalid(format!("stream: index {i} out of range ({n} streams)")));
        }
        let sig = SigInputs {
            value: Input::Streams(slot, vec![i as u32], 0),
            mul: Input::Numbers(vec![1.0]),
            add: Input::Numbers(vec![0.0]),
            divide: false,
        };
        self.new_sig(sig)
    }

    /// pyo's `obj['key']`: a new object giving the streams a key of the
    /// object's class names (`ClassSpec::keys`): another output of each
    /// stream (a trigger), or of some of its streams (Notein's trigon), or
    /// some of its streams (Notein's pitch).
    pub(crate) fn object_key(&mut self, a: ObjectId, key: &str) -> Result<ObjectId> {
        self.require_booted("key")?;
        let slot = self.resolve(a)?;
        let rec = self.objects.get(slot).ok_or_else(|| Error::stale("object: no such object"))?;
        let class = rec.class;
        let spec = class.key(key).ok_or_else(|| {
            Error::not_found(format!(
                "{}: no key '{key}' ({})",
                class.name,
                if class.keys.is_empty() {
                    "this class has no keys".to_owned()
                } else {
                    format!("keys: {}", class.key_names())
                }
            ))
        })?;
        let (offset, step, output) = match spec.kind {
            KeyKind::Output(n) => (0, 1, n),
            KeyKind::Streams { offset, step, output } => (offset, step.max(1), output),
        };
        let picks: Vec<u32> = (offset..rec.nodes.len()).step_by(step).map(|k| k as u32).collect();
        let value = Input::Streams(slot, picks, output);
        self.new_sig(SigInputs { value, mul: Input::Numbers(vec![1.0]), add: Input::Numbers(vec![0.0]), divide: false })
    }

    /// `a op= operand`: pyo's in-place operators replace a's mul (`*=`,
    /// `/=`) or add (`+=`, `-=`).
    pub(crate) fn object_arith_in_place(&mut self, a: ObjectId, op: ArithOp, operand: &Operand) -> Result<()> {
        self.require_booted("arith")?;
        match (op, operand) {
            (ArithOp::Mul, Operand::Numbers(v)) => self.object_set(a, "mul", numbers(v, |x| x)?),
            (ArithOp::Add, Operand::Numbers(v)) => self.object_set(a, "add", numbers(v, |x| x)?),
            (ArithOp::Sub, Operand::Numbers(v)) => self.object_set(a, "add", numbers(v, |x| -x)?),
            (ArithOp::Div, Operand::Numbers(v)) => self.object_set(a, "mul", numbers(v, |x| 1.0 / x)?),
            (ArithOp::Mul, Operand::Object(b)) => self.object_set(a, "mul", Input::Object(self.resolve(*b)?)),
            (ArithOp::Add, Operand::Object(b)) => self.object_set(a, "add", Input::Object(self.resolve(*b)?)),
            (ArithOp::Sub, Operand::Object(b)) => {
                let b = Input::Object(self.resolve(*b)?);
                let neg = self.new_sig(SigInputs {
                    value: b,
                    mul: Input::Numbers(vec![-1.0]),
                    add: Input::Numbers(vec![0.0]),
                    divide: false,
                })?;
                let r = self.object_set(a, "add", Input::Object(self.resolve(neg)?));
                self.object_free(neg)?;
                r
            }
            (ArithOp::Div, Operand::Object(b)) => {
                let b = Input::Object(self.resolve(*b)?);
                self.object_set(a, "mul", b.clone())?;
                let slot = self.resolve(a)?;
                self.set_slot_raw(slot, ParamSlot::DivideBy, &b)
            }
            (ArithOp::ReverseSub | ArithOp::ReverseDiv, _) => {
                Err(Error::invalid("arith: reversed operators have no in-place form"))
            }
        }
    }
}
