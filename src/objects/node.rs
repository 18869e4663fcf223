//! What the engine runs: a node is one pyo stream (one C object in pyo),
//! with its output buffer, its mul/add stage and its DSP state.

use super::rng::Rng;
use super::table::Table;
use crate::engine::stream::StreamState;
use crate::midi::MidiEvent;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

/// Where an audio-rate input comes from: output `output` of node `node`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BufRef {
    pub node: u32,
    pub output: u32,
}

/// A parameter's source: a number, or another node's output buffer, read as
/// it is when this node runs (pyo semantics: a node created later is seen
/// with its previous block).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Param {
    Const(f32),
    Audio(BufRef),
}

impl Param {
    pub fn buf_ref(&self) -> Option<BufRef> {
        match self {
            Param::Audio(r) => Some(*r),
            Param::Const(_) => None,
        }
    }
}

/// A parameter resolved for one block: choose the loop once per block.
#[derive(Clone, Copy, Debug)]
pub enum Signal<'a> {
    Const(f32),
    Audio(&'a [f32]),
}

impl Signal<'_> {
    /// The value at frame `i` (0 past the end of the buffer).
    #[inline(always)]
    pub fn at(&self, i: usize) -> f32 {
        match self {
            Signal::Const(v) => *v,
            Signal::Audio(b) => b.get(i).copied().unwrap_or(0.0),
        }
    }
}

/// Read access to every other node's output while one node runs.
pub struct Graph<'a> {
    before: &'a [Option<Box<Node>>],
    after: &'a [Option<Box<Node>>],
    me: usize,
    /// At least as long as the longest block of any node.
    zeros: &'a [f32],
    /// The block size of the node that reads.
    bs: usize,
    /// The crossfaded input of the node that reads, during setInput's fade.
    fade: &'a [f32],
    /// The block of a parameter that changes at a frame inside it.
    step: &'a [f32],
}

impl<'a> Graph<'a> {
    pub(crate) fn new(
        before: &'a [Option<Box<Node>>],
        after: &'a [Option<Box<Node>>],
        me: usize,
        zeros: &'a [f32],
        bs: usize,
    ) -> Self {
        Graph { before, after, me, zeros, bs, fade: &[], step: &[] }
    }

    /// The same graph, with `step` as the block of [`STEP_PARAM`].
    pub(crate) fn with_step(self, step: &'a [f32]) -> Self {
        Graph { step, ..self }
    }

    /// The same graph, with `fade` as the block of [`FADE_INPUT`].
    pub(crate) fn with_fade(self, fade: &'a [f32]) -> Self {
        Graph { fade, ..self }
    }

    fn node(&self, n: usize) -> Option<&'a Node> {
        let node = if n < self.me {
            self.before.get(n)
        } else if n > self.me {
            self.after.get(n - self.me - 1)
        } else {
            None
        };
        node.and_then(|n| n.as_deref())
    }

    /// The block of output `r.output` of node `r.node`, as the reading node
    /// sees it: exactly the reader's `bs` samples. A source running at a
    /// higher rate (made in a resampling block) gives its first `bs`
    /// samples, as pyo's reads do; one at a lower rate, or a node that is
    /// gone or is the one running, gives zeros.
    pub fn buffer(&self, r: BufRef) -> &'a [f32] {
        let zeros = self.zeros.get(..self.bs).unwrap_or(self.zeros);
        if r == FADE_INPUT {
            return self.fade.get(..self.bs).unwrap_or(zeros);
        }
        if r == STEP_PARAM {
            return self.step.get(..self.bs).unwrap_or(zeros);
        }
        match self.node(r.node as usize) {
            Some(node) => {
                let start = r.output as usize * node.bs;
                if node.bs < self.bs {
                    return zeros;
                }
                node.out.get(start..start + self.bs).unwrap_or(zeros)
            }
            None => zeros,
        }
    }

    /// The whole block of output `r.output` of node `r.node` at the
    /// source's own rate (its own `bs` samples, for Resample); empty when
    /// the node is gone or is the one running.
    pub fn block(&self, r: BufRef) -> &'a [f32] {
        match self.node(r.node as usize) {
            Some(node) => {
                let start = r.output as usize * node.bs;
                node.out.get(start..start + node.bs).unwrap_or(&[])
            }
            None => &[],
        }
    }

    pub fn signal(&self, p: &Param) -> Signal<'a> {
        match p {
            Param::Const(v) => Signal::Const(*v),
            Param::Audio(r) => Signal::Audio(self.buffer(*r)),
        }
    }
}

/// Everything a node may read or use while computing one block.
pub struct BlockCtx<'a> {
    /// The node's own sampling rate and block size (the server's, scaled
    /// for an object made inside a resampling block).
    pub sr: f64,
    pub bs: usize,
    pub rng: &'a mut Rng,
    /// The server's interleaved input buffer (`bs * ichnls`).
    pub input: &'a [f32],
    pub ichnls: usize,
    /// MIDI events of this block, sorted by frame.
    pub midi: &'a [MidiEvent],
    pub graph: Graph<'a>,
}

/// What a node's process tells the engine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// The node has finished (an envelope's release ended): deactivate its
    /// stream. Its buffer keeps the last block, as pyo's does: readers go on
    /// seeing it (e.g. `add` after a Fader's release).
    Finished,
}

/// How a node answers `stop()`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StopMode {
    /// Deactivate the stream and clear the buffer now.
    Now,
    /// Keep running (an envelope's release); the node returns
    /// [`Flow::Finished`] when done.
    Release,
    /// Deactivate the stream, its output buffer holding this value (before
    /// mul and add: TableRead's setKeepLast holds its last raw value).
    Hold(f32),
}

/// A parameter value that is neither a number nor a signal: a list of
/// numbers (Linseg's points, HarmTable's harmonics), a table, or a text (a
/// file path). Built on the control side; a value a node gives up goes back
/// there to be dropped.
pub enum Extra {
    List(Box<[f32]>),
    Table(Arc<Table>),
    Text(Box<str>),
    /// Streams of other objects, in order (Mix's or Selector's inputs).
    Sources(Box<[BufRef]>),
    /// The stream rebuilt with a new text (SfPlayer's new sound, opened on
    /// the control side): the node takes its state over and gives its old
    /// one back.
    Rebuilt(Box<dyn Dsp>),
}

/// Which parameter of a node a command changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamSlot {
    Mul,
    /// `mul` as a divisor (pyo's division by an audio object): the stage
    /// computes `x / mul + add`, with |mul| < 1e-5 taken as 1e-5.
    DivideBy,
    Add,
    /// The class's own parameter, by its index in the class's parameter list.
    Own(u16),
}

/// The input a node reads while setInput crossfades: the engine mixes the
/// old and the new input into the node's fade buffer before it runs.
pub const FADE_INPUT: BufRef = BufRef { node: u32::MAX - 1, output: 0 };

/// The parameter a node reads during the block in which it changes at a
/// frame offset: the old value before the frame, the new one from it.
pub const STEP_PARAM: BufRef = BufRef { node: u32::MAX - 2, output: 0 };

/// A parameter change at a frame of the next block (sample-accurate
/// setters): for that block the parameter reads `block`, then it holds
/// `new`.
pub struct ParamStep {
    pub slot: ParamSlot,
    /// The value before the frame (a number, or the object read so far).
    pub old: Param,
    pub new: f32,
    pub frame: u32,
    pub active: bool,
    /// The block the parameter reads (allocated on the control side).
    pub block: Box<[f32]>,
}

impl ParamStep {
    /// Fills the block: `old` before the frame, `new` from it.
    pub fn fill(&mut self, old: Signal<'_>) {
        let frame = (self.frame as usize).min(self.block.len());
        for (i, y) in self.block.iter_mut().enumerate() {
            *y = if i < frame { old.at(i) } else { self.new };
        }
    }
}

/// pyo's InputFader: `setInput(x, fadetime)` crossfades from the old input
/// to the new one, the new one weighted by `sqrtf(f32(k / n))` and the old
/// one by one minus that, k counting samples from the block of the call;
/// the new input alone from k = ceil(n).
pub struct InputFade {
    /// The class's own parameter that is faded (its `input`).
    pub index: u16,
    pub old: BufRef,
    pub new: BufRef,
    /// Samples of the fade: fadetime * sr.
    pub samples: f64,
    pub k: u64,
    pub active: bool,
    /// The mixed block (allocated on the control side, `bs` long).
    pub mixed: Box<[f32]>,
}

impl InputFade {
    /// Mixes one block of the old and new inputs into `mixed`.
    pub fn mix(&mut self, old: &[f32], new: &[f32]) {
        let n = self.samples;
        for (i, y) in self.mixed.iter_mut().enumerate() {
            let k = self.k + i as u64;
            let gin = if (k as f64) < n { ((k as f64 / n) as f32).sqrt() } else { 1.0 };
            let x_new = new.get(i).copied().unwrap_or(0.0);
            let x_old = old.get(i).copied().unwrap_or(0.0);
            *y = x_new * gin + x_old * (1.0 - gin);
        }
        self.k += self.mixed.len() as u64;
    }

    /// The fade has reached the new input.
    pub fn done(&self) -> bool {
        self.k as f64 >= self.samples.ceil()
    }
}

/// Most nodes run side by side in one batch.
pub(crate) const MAX_BATCH: usize = 8;

/// Several nodes of one class with the same kind of inputs may run side by
/// side (their recurrences are independent, so the processor overlaps them
/// or runs them in SIMD lanes): consecutive nodes in the processing order
/// whose `Batch::kind` is equal run through one call of `run`, with the
/// same results as one at a time. A node never batches with a node it
/// reads.
#[derive(Clone, Copy, Debug)]
pub struct Batch {
    /// Nodes of equal kind run together (one value per class and loop).
    pub kind: u32,
    /// Computes one block of raw output for every member (each a node
    /// taken out of the engine's table), as `Dsp::process` would.
    pub run: fn(&mut [Option<Box<Node>>], &mut BlockCtx<'_>),
    /// The node this one reads besides mul/add (a filter's input), if any.
    pub reads: Option<u32>,
}

/// Batch kinds, one per class and loop that has a batch kernel.
pub mod batch_kind {
    pub(crate) const SINE_CONST: u32 = 1;
    pub(crate) const BUTTER_CONST: u32 = 2;
}

/// The DSP of one stream. Implementations keep their state as plain numbers
/// and never allocate, lock or panic in any method.
pub trait Dsp: Send {
    /// Computes one block of raw output (before mul/add) into `out`
    /// (`outputs * bs` samples).
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow;
    /// Sets the class's own parameter number `index` (as listed in the
    /// class's registry entry).
    fn set_param(&mut self, index: usize, value: Param);
    /// `play()` (or `out()`) was called: restart envelopes and the like.
    fn play(&mut self) {}
    /// Method number `method` of the class's `methods` (pyo's `reset()`),
    /// with every argument given (defaults filled in; NaN is pyo's None).
    /// Runs on the audio thread at the top of a block.
    fn call(&mut self, _method: usize, _args: &[f32]) {}
    /// What the output buffer holds before the first block is computed
    /// (pyo's initToFirstVal of Linseg and Expseg: the first value, seen by
    /// readers until play()).
    fn initial(&self) -> f32 {
        0.0
    }
    /// The value other output `k` (1, 2, ...) holds while the stream is
    /// stopped (TableRec's time: the position reached); None: it goes
    /// quiet (a trigger stream).
    fn held_output(&self, _k: usize) -> Option<f32> {
        None
    }
    /// `stop()` took effect.
    fn stop(&mut self) -> StopMode {
        StopMode::Now
    }
    /// A random object was just created: the server's generator was reseeded
    /// and drew once; `state` is the generator's state after that draw.
    fn seeded(&mut self, _state: u32) {}
    /// The node was just added to the engine: objects that draw from the
    /// server's random generator when created (without reseeding it, as
    /// pyo's WGVerb does) draw here, in creation order.
    fn added(&mut self, _rng: &mut Rng) {}
    /// Sets the class's own list, table or text parameter number `index`,
    /// and gives back the value it replaces (dropped off the audio thread).
    fn set_extra(&mut self, _index: usize, value: Extra) -> Option<Extra> {
        Some(value)
    }
    /// Whether the generator draws once right after the reseed at creation
    /// (pyo's Noise does; TrigRand does not). Without the draw, `seeded`
    /// gets the reseeded state itself.
    fn draws_at_creation(&self) -> bool {
        true
    }
    /// Whether this node can run side by side with others this block (see
    /// [`Batch`]). Classes that answer must also answer `as_any_mut`, and
    /// never finish by themselves.
    fn batch(&self) -> Option<Batch> {
        None
    }
    /// The concrete object, for batch kernels.
    fn as_any_mut(&mut self) -> Option<&mut dyn std::any::Any> {
        None
    }
}

/// One stream in the engine.
pub struct Node {
    pub stream: StreamState,
    /// The rate and block size this node computes at: the server's, or
    /// scaled by the resampling factor in effect when it was made.
    pub sr: f64,
    pub bs: usize,
    /// Output samples: `outputs * bs`.
    pub out: Box<[f32]>,
    pub mul: Param,
    pub add: Param,
    pub dsp: Box<dyn Dsp>,
    /// The last sample of the last block (after mul/add), for `get()`:
    /// the control side holds the other reference.
    pub last: Arc<AtomicU32>,
    /// The mul stage divides (see [`ParamSlot::DivideBy`]).
    pub divide: bool,
    /// setInput's crossfade, while one runs (kept, inactive, afterwards so
    /// that its buffer is not freed on the audio thread).
    pub fade: Option<InputFade>,
    /// A parameter change at a frame of the next block (kept, inactive,
    /// afterwards, like `fade`).
    pub step: Option<ParamStep>,
}

impl Node {
    pub fn new(dsp: Box<dyn Dsp>, outputs: usize, sr: f64, bs: usize, mul: Param, add: Param, active: bool) -> Self {
        let mut out = vec![0.0; outputs.max(1) * bs].into_boxed_slice();
        let first = dsp.initial();
        if first != 0.0 {
            out[..bs].fill(first);
        }
        Node {
            stream: StreamState::new(active),
            sr,
            bs,
            out,
            mul,
            add,
            dsp,
            last: Arc::new(AtomicU32::new(0)),
            divide: false,
            fade: None,
            step: None,
        }
    }

    /// Publishes the last output sample for `get()`.
    #[inline]
    pub fn publish_last(&self) {
        let v = self.out.get(self.bs.wrapping_sub(1)).copied().unwrap_or(0.0);
        self.last.store(v.to_bits(), Ordering::Relaxed);
    }

    pub fn set(&mut self, slot: ParamSlot, value: Param) {
        match slot {
            ParamSlot::Mul => {
                self.mul = value;
                self.divide = false;
            }
            ParamSlot::DivideBy => {
                self.mul = value;
                self.divide = true;
            }
            ParamSlot::Add => self.add = value,
            ParamSlot::Own(i) => self.dsp.set_param(i as usize, value),
        }
    }
}

/// The divisor pyo uses for `x / mul`: |mul| < 1e-5 becomes +1e-5.
#[inline(always)]
fn safe_divisor(m: f32) -> f32 {
    if m.abs() < 1e-5 {
        1e-5
    } else {
        m
    }
}

/// The stage of an object divided by an audio object: `y = x / mul + add`.
pub fn apply_div_add(out: &mut [f32], divisor: Signal<'_>, add: Signal<'_>) {
    for (i, x) in out.iter_mut().enumerate() {
        *x = *x / safe_divisor(divisor.at(i)) + add.at(i);
    }
}

/// The mul/add stage every object ends with: `y = x * mul + add`, in f32,
/// on the first output (`bs` samples). One loop per combination of kinds.
pub fn apply_mul_add(out: &mut [f32], mul: Signal<'_>, add: Signal<'_>) {
    match (mul, add) {
        (Signal::Const(m), Signal::Const(a)) => {
            if m == 1.0 && a == 0.0 {
                return;
            }
            for x in out.iter_mut() {
                *x = *x * m + a;
            }
        }
        (Signal::Audio(m), Signal::Const(a)) => {
            for (x, m) in out.iter_mut().zip(m) {
                *x = *x * *m + a;
            }
        }
        (Signal::Const(m), Signal::Audio(a)) => {
            for (x, a) in out.iter_mut().zip(a) {
                *x = *x * m + *a;
            }
        }
        (Signal::Audio(m), Signal::Audio(a)) => {
            for ((x, m), a) in out.iter_mut().zip(m).zip(a) {
                *x = *x * *m + *a;
            }
        }
    }
}
