//! The audio side: one block exactly as PYO_FACTS.md "One processing block"
//! says. Everything here runs on the thread that calls process and never
//! allocates, locks, blocks, does I/O or panics.

pub mod amp;
pub mod buffers;
pub mod cell;
pub mod command;
pub mod denormal;
pub mod host;
pub mod shared;
pub mod stream;

use crate::midi::out::{MidiOutEvent, OutMsg, OutSchedule};
use crate::midi::{sort_by_frame, MidiEvent, MIDI_EVENTS_PER_BLOCK};
use crate::objects::node::{apply_div_add, apply_mul_add, FADE_INPUT, MAX_BATCH, STEP_PARAM};
use crate::objects::rng::Rng;
use crate::objects::{BlockCtx, Flow, Graph, Node, StopMode};
use crate::objects::{Param, ParamSlot, Signal};
use crate::record::writer::RecordTap;
use amp::AmpRamp;
use buffers::IoBuffers;
use command::{Command, Garbage, MeterCallback, MidiOutCallback, ProcessCallback, TimeCallback};
use crossbeam_queue::ArrayQueue;
use ringbuf::traits::{Consumer, Producer};
use ringbuf::{HeapCons, HeapProd};
use shared::EngineShared;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use stream::Tick;

/// The highest resampling factor (pyo's beginResamplingBlock): objects made
/// inside a block run at sr*f with blocks of bs*f samples (or sr/f and
/// bs/f for a negative factor).
pub const MAX_RESAMPLING_FACTOR: usize = 64;

/// The fixed shape of an engine, set at boot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EngineShape {
    pub sr: f64,
    pub bs: usize,
    pub nchnls: usize,
    pub ichnls: usize,
    /// Input is read (pyo's duplex).
    pub duplex: bool,
}

/// The engine's ends of the queues, and what it publishes.
pub struct EngineLinks {
    pub commands: HeapCons<Command>,
    pub garbage: HeapProd<Garbage>,
    pub midi: Arc<ArrayQueue<MidiEvent>>,
    pub shared: Arc<EngineShared>,
}

/// Blocks between two calls of the time callback: pyo's `int(0.06*sr/bs) + 3`.
fn timer_interval(sr: f64, bs: usize) -> u64 {
    (0.06 * sr / bs as f64) as u64 + 3
}

/// Blocks between two calls of the meter callback: pyo's `int(0.045*sr/bs) + 3`.
fn meter_interval(sr: f64, bs: usize) -> u64 {
    (0.045 * sr / bs as f64) as u64 + 3
}

pub struct Engine {
    pub shape: EngineShape,
    nodes: Vec<Option<Box<Node>>>,
    order: Vec<u32>,
    zeros: Box<[f32]>,
    /// Per-channel mix of one block, planar: `nchnls * bs`.
    mix: Box<[f32]>,
    pub(crate) io: IoBuffers,
    amp: AmpRamp,
    rng: Rng,
    midi_block: Vec<MidiEvent>,
    /// MIDI output waiting for its frame, and the last block's events.
    midi_out: OutSchedule,
    midi_out_cb: Option<MidiOutCallback>,
    midi_out_port: Option<MidiOutCallback>,
    /// Samples computed since boot: the start of the next block.
    clock: u64,
    links: EngineLinks,
    process_cb: Option<ProcessCallback>,
    time_cb: Option<TimeCallback>,
    meter_cb: Option<MeterCallback>,
    meter_rms: Box<[f32]>,
    start_generation: u32,
    blocks: u64,
    timer_every: u64,
    meter_every: u64,
    pub(crate) host: host::HostAdapter,
    /// The recording's ring, fed with every block computed while started.
    recorder: Option<RecordTap>,
    /// True while the start offset's blocks run (not recorded).
    rec_muted: bool,
}

impl Engine {
    /// Builds an engine (control side: this allocates). `io` must be sized
    /// for `shape`.
    pub fn new(shape: EngineShape, io: IoBuffers, links: EngineLinks, node_capacity: usize) -> Self {
        let bs = shape.bs;
        let mut nodes = Vec::with_capacity(node_capacity);
        nodes.resize_with(node_capacity, || None);
        Engine {
            shape,
            nodes,
            order: Vec::with_capacity(node_capacity),
            // Long enough for the block of a node at the highest
            // resampling factor (what a missing source reads as).
            zeros: vec![0.0; bs * MAX_RESAMPLING_FACTOR].into_boxed_slice(),
            mix: vec![0.0; bs * shape.nchnls].into_boxed_slice(),
            io,
            amp: AmpRamp::new(shape.sr),
            rng: Rng::new(1),
            midi_block: Vec::with_capacity(MIDI_EVENTS_PER_BLOCK),
            midi_out: OutSchedule::new(),
            midi_out_cb: None,
            midi_out_port: None,
            clock: 0,
            links,
            process_cb: None,
            time_cb: None,
            meter_cb: None,
            meter_rms: vec![0.0; shape.nchnls].into_boxed_slice(),
            start_generation: 0,
            blocks: 0,
            timer_every: timer_interval(shape.sr, bs),
            meter_every: meter_interval(shape.sr, bs),
            host: host::HostAdapter::new(bs, shape.ichnls),
            recorder: None,
            rec_muted: false,
        }
    }

    /// Takes the host buffers out (for `boot(new_buffer=false)`).
    pub fn into_buffers(self) -> IoBuffers {
        self.io
    }

    /// Applies every pending command.
    pub fn apply_commands(&mut self) {
        while let Some(cmd) = self.links.commands.try_pop() {
            self.apply(cmd);
        }
    }

    fn give_back(&mut self, g: Garbage) {
        give_back_to(&mut self.links, g);
    }

    fn node_mut(&mut self, id: u32) -> Option<&mut Node> {
        self.nodes.get_mut(id as usize).and_then(|n| n.as_deref_mut())
    }

    fn apply(&mut self, cmd: Command) {
        match cmd {
            Command::AddNode { id, mut node, reseed } => {
                if let Some(seed) = reseed {
                    // pyo: a new random stream reseeds the one generator and
                    // (Noise, not TrigRand) draws once; the stream keeps that
                    // state for its own use.
                    self.rng.reseed(seed);
                    let state = if node.dsp.draws_at_creation() { self.rng.next_u32() } else { self.rng.seed() };
                    node.dsp.seeded(state);
                }
                node.dsp.added(&mut self.rng);
                let fits = (id as usize) < self.nodes.len() && self.order.len() < self.order.capacity();
                if !fits {
                    self.give_back(Garbage::Node(node));
                    return;
                }
                match self.nodes[id as usize].replace(node) {
                    Some(old) => self.give_back(Garbage::Node(old)),
                    None => self.give_back(Garbage::Ack),
                }
                self.order.push(id);
            }
            Command::RemoveNode { id } => match self.nodes.get_mut(id as usize).and_then(|n| n.take()) {
                Some(node) => {
                    self.order.retain(|&o| o != id);
                    self.give_back(Garbage::Node(node));
                }
                None => self.give_back(Garbage::Ack),
            },
            Command::SetParam { id, slot, value } => {
                if let Some(n) = self.node_mut(id) {
                    n.set(slot, value);
                }
            }
            Command::SetExtra { id, index, value } => {
                let back = match self.node_mut(id) {
                    Some(n) => n.dsp.set_extra(index as usize, value),
                    None => Some(value),
                };
                match back {
                    Some(old) => self.give_back(Garbage::Extra(old)),
                    None => self.give_back(Garbage::Ack),
                }
            }
            Command::FadeInput { id, fade } => match self.node_mut(id) {
                Some(n) => {
                    n.dsp.set_param(fade.index as usize, Param::Audio(FADE_INPUT));
                    match n.fade.replace(fade) {
                        Some(old) => self.give_back(Garbage::Fade(old)),
                        None => self.give_back(Garbage::Ack),
                    }
                }
                None => self.give_back(Garbage::Fade(fade)),
            },
            Command::SetParamAt { id, step } => match self.node_mut(id) {
                Some(n) => {
                    // A step still pending from this block lands at once.
                    if let Some(old) = n.step.as_mut().filter(|s| s.active) {
                        old.active = false;
                        let (slot, value) = (old.slot, Param::Const(old.new));
                        n.set(slot, value);
                    }
                    n.set(step.slot, Param::Audio(STEP_PARAM));
                    match n.step.replace(step) {
                        Some(old) => self.give_back(Garbage::Step(old)),
                        None => self.give_back(Garbage::Ack),
                    }
                }
                None => self.give_back(Garbage::Step(step)),
            },
            Command::Call { id, method, args, nargs } => {
                if let Some(n) = self.node_mut(id) {
                    let args = args.get(..nargs as usize).unwrap_or(&[]);
                    n.dsp.call(method as usize, args);
                }
            }
            Command::Play { id, wait, dur } => {
                if let Some(n) = self.node_mut(id) {
                    // pyo: play() after out() stops sending to the output.
                    n.stream.to_dac = false;
                    n.dsp.play();
                    n.stream.schedule(wait, dur);
                }
            }
            Command::Out { id, chnl, wait, dur, audible } => {
                if let Some(n) = self.node_mut(id) {
                    n.stream.chnl = chnl;
                    n.stream.to_dac = audible;
                    n.dsp.play();
                    n.stream.schedule(wait, dur);
                }
            }
            Command::Stop { id, wait } => {
                if let Some(n) = self.node_mut(id) {
                    if wait == 0 {
                        stop_node(n);
                    } else {
                        n.stream.stop_after(wait);
                    }
                }
            }
            Command::GrowNodes(mut bigger) => {
                bigger.append(&mut self.nodes);
                let extra = bigger.capacity() - bigger.len();
                bigger.extend(std::iter::repeat_with(|| None).take(extra));
                let old = std::mem::replace(&mut self.nodes, bigger);
                self.give_back(Garbage::Nodes(old));
            }
            Command::GrowOrder(mut bigger) => {
                bigger.extend_from_slice(&self.order);
                let old = std::mem::replace(&mut self.order, bigger);
                self.give_back(Garbage::Order(old));
            }
            Command::SetProcessCallback(cb) => match std::mem::replace(&mut self.process_cb, cb) {
                Some(old) => self.give_back(Garbage::ProcessCallback(old)),
                None => self.give_back(Garbage::Ack),
            },
            Command::SetTimeCallback(cb) => match std::mem::replace(&mut self.time_cb, cb) {
                Some(old) => self.give_back(Garbage::TimeCallback(old)),
                None => self.give_back(Garbage::Ack),
            },
            Command::SetMeterCallback(cb) => match std::mem::replace(&mut self.meter_cb, cb) {
                Some(old) => self.give_back(Garbage::MeterCallback(old)),
                None => self.give_back(Garbage::Ack),
            },
            Command::SetMidiOutCallback(cb) => match std::mem::replace(&mut self.midi_out_cb, cb) {
                Some(old) => self.give_back(Garbage::MidiOutCallback(old)),
                None => self.give_back(Garbage::Ack),
            },
            Command::SetMidiOutPort(cb) => match std::mem::replace(&mut self.midi_out_port, cb) {
                Some(old) => self.give_back(Garbage::MidiOutCallback(old)),
                None => self.give_back(Garbage::Ack),
            },
            Command::MidiOut { delay, msg } => {
                let due = self.clock.saturating_add(delay);
                if let Err(msg) = self.midi_out.push(due, msg) {
                    self.drop_midi_out(msg, 1);
                }
            }
            Command::MakeNote { delay, dur, on } => {
                let due = self.clock.saturating_add(delay);
                let off = OutMsg::Short { len: 3, bytes: [on[0], on[1], 0] };
                if self.midi_out.vacant() < 2 {
                    self.drop_midi_out(off, 2);
                    return;
                }
                let on = OutMsg::Short { len: 3, bytes: on };
                // Room for both was checked: neither push fails.
                let _ = self.midi_out.push(due, on);
                let _ = self.midi_out.push(due.saturating_add(dur), off);
            }
            Command::SetRecorder(tap) => match std::mem::replace(&mut self.recorder, tap) {
                Some(old) => self.give_back(Garbage::Recorder(old)),
                None => self.give_back(Garbage::Ack),
            },
        }
    }

    /// A MIDI output message that did not fit the schedule (the control
    /// side refuses such calls, so this stays unused): counted, and its
    /// `slots` released.
    fn drop_midi_out(&mut self, msg: OutMsg, slots: u64) {
        let shared = &self.links.shared;
        shared.midi_out_dropped.fetch_add(slots, Ordering::Relaxed);
        shared.midi_out_released.fetch_add(slots, Ordering::Release);
        if let OutMsg::Sysex(b) = msg {
            self.give_back(Garbage::Sysex(b));
        }
    }

    /// Empties the last block's MIDI output list (sysex bytes go back to
    /// the control side) and releases its slots.
    fn release_midi_out_block(&mut self) {
        let n = self.midi_out.block().len() as u64;
        if n == 0 {
            return;
        }
        let Engine { midi_out, links, .. } = self;
        midi_out.clear_block(|b| give_back_to(links, Garbage::Sysex(b)));
        self.links.shared.midi_out_released.fetch_add(n, Ordering::Release);
    }

    /// The MIDI output events of the block just computed, by frame: valid
    /// until the next block (backends read them here after each block).
    pub fn midi_out_events(&self) -> &[MidiOutEvent] {
        self.midi_out.block()
    }

    /// Moves the MIDI output due in this block to the block's list and
    /// hands it to the callback.
    fn deliver_midi_out(&mut self) {
        let bs = self.shape.bs;
        self.midi_out.collect(self.clock, bs);
        self.clock += bs as u64;
        for cb in [self.midi_out_cb.as_mut(), self.midi_out_port.as_mut()].into_iter().flatten() {
            for e in self.midi_out.block() {
                cb(e.bytes(), e.frame);
            }
        }
    }

    /// Computes one block from the server's input buffer into its output
    /// buffer (and pushes it to the recording, if any). While the server is
    /// stopped this applies commands, drops MIDI, writes silence and
    /// returns false.
    pub fn process_block(&mut self) -> bool {
        self.release_midi_out_block();
        self.apply_commands();
        let shared = Arc::clone(&self.links.shared);
        if !shared.started.load(Ordering::Acquire) {
            while self.links.midi.pop().is_some() {}
            self.io.output.as_mut_slice().fill(0.0);
            return false;
        }
        let generation = shared.start_generation.load(Ordering::Acquire);
        if generation != self.start_generation {
            self.start_generation = generation;
            self.amp.restart(shared.amp());
        } else {
            // Read before the callback: a change made inside it shows next block.
            self.amp.set_target(shared.amp());
        }
        self.mix.fill(0.0);
        if let Some(cb) = self.process_cb.as_mut() {
            cb();
        }
        self.apply_commands();
        self.collect_midi();
        self.run_streams();
        let bs = self.shape.bs as u64;
        shared.elapsed.fetch_add(bs, Ordering::Relaxed);
        self.write_output(&shared);
        self.deliver_midi_out();
        if let Some(tap) = self.recorder.as_mut().filter(|_| !self.rec_muted) {
            tap.push(self.io.output.as_slice());
        }
        self.blocks += 1;
        shared.blocks.store(self.blocks, Ordering::Relaxed);
        self.report(&shared);
        self.midi_block.clear();
        true
    }

    fn collect_midi(&mut self) {
        while self.midi_block.len() < MIDI_EVENTS_PER_BLOCK {
            match self.links.midi.pop() {
                Some(e) => self.midi_block.push(e),
                None => break,
            }
        }
        sort_by_frame(&mut self.midi_block);
    }

    fn run_streams(&mut self) {
        let Engine { nodes, order, zeros, mix, io, rng, midi_block, shape, .. } = self;
        let bs = shape.bs;
        let nchnls = shape.nchnls;
        let input: &[f32] = if shape.duplex { io.input.as_slice() } else { &zeros[..0] };
        let ichnls = if shape.duplex { shape.ichnls } else { 0 };
        let mut k = 0;
        while k < order.len() {
            let id = order[k] as usize;
            let batch = batch_at(nodes, &order[k..], bs);
            if batch.len > 1 {
                // Take the members out of the table: the kernel owns them
                // for the block while every other node stays readable.
                let mut taken: [Option<Box<Node>>; MAX_BATCH] = Default::default();
                for (slot, &m) in taken.iter_mut().zip(&batch.ids[..batch.len]) {
                    *slot = nodes.get_mut(m as usize).and_then(Option::take);
                }
                let mut ctx = BlockCtx {
                    sr: shape.sr,
                    bs,
                    rng,
                    input,
                    ichnls,
                    midi: midi_block,
                    graph: Graph::new(nodes, &[], usize::MAX, zeros, bs),
                };
                (batch.run)(&mut taken[..batch.len], &mut ctx);
                for node in taken[..batch.len].iter_mut().flatten() {
                    finish_node(node, Flow::Continue, &ctx.graph, mix, bs, nchnls);
                }
                for (slot, &m) in taken.iter_mut().zip(&batch.ids[..batch.len]) {
                    if let Some(home) = nodes.get_mut(m as usize) {
                        *home = slot.take();
                    }
                }
                k += batch.len;
                continue;
            }
            k += 1;
            let (before, rest) = nodes.split_at_mut(id);
            let Some((me, after)) = rest.split_first_mut() else {
                continue;
            };
            let Some(node) = me.as_deref_mut() else {
                continue;
            };
            if !node.stream.active {
                node.stream.tick_waiting();
                // A stopped or finished node's other outputs (its trigger
                // streams) go quiet: its readers see no trigger twice.
                hold_or_quiet(node);
                continue;
            }
            // Each node computes its own block: the server's, or a
            // resampled one (made inside a resampling block).
            let node_bs = node.bs;
            let ctx = BlockCtx {
                sr: node.sr,
                bs: node_bs,
                rng,
                input,
                ichnls,
                midi: midi_block,
                graph: Graph::new(before, after, id, zeros, node_bs),
            };
            let Node { dsp, out, fade, step, mul, add, divide, .. } = node;
            // setInput's crossfade and a parameter changing inside the block
            // read blocks the engine fills here, through the graph.
            let fade_block: &[f32] = match fade.as_mut().filter(|f| f.active) {
                Some(f) => {
                    f.mix(ctx.graph.buffer(f.old), ctx.graph.buffer(f.new));
                    &f.mixed
                }
                None => &[],
            };
            let step_block: &[f32] = match step.as_mut().filter(|s| s.active) {
                Some(s) => {
                    s.fill(ctx.graph.signal(&s.old));
                    &s.block
                }
                None => &[],
            };
            let graph = Graph::new(before, after, id, zeros, node_bs).with_fade(fade_block).with_step(step_block);
            let mut ctx = BlockCtx { graph, ..ctx };
            let flow = dsp.process(out, &mut ctx);
            apply_stage(out, node_bs, ctx.graph.signal(mul), ctx.graph.signal(add), *divide);
            if let Some(f) = fade.as_mut().filter(|f| f.active && f.done()) {
                f.active = false;
                dsp.set_param(f.index as usize, Param::Audio(f.new));
            }
            if let Some(s) = step.as_mut().filter(|s| s.active) {
                s.active = false;
                match s.slot {
                    ParamSlot::Mul | ParamSlot::DivideBy => *mul = Param::Const(s.new),
                    ParamSlot::Add => *add = Param::Const(s.new),
                    ParamSlot::Own(i) => dsp.set_param(i as usize, Param::Const(s.new)),
                }
            }
            finish_stream(node, flow, mix, bs, nchnls);
        }
    }

    fn write_output(&mut self, shared: &EngineShared) {
        let nchnls = self.shape.nchnls;
        let bs = self.shape.bs;
        let out = self.io.output.as_mut_slice();
        for (i, frame) in out.chunks_exact_mut(nchnls).take(bs).enumerate() {
            let a = self.amp.next_gain();
            for (c, y) in frame.iter_mut().enumerate() {
                *y = self.mix[c * bs + i] * a;
            }
        }
        for c in 0..nchnls {
            let peak = out.iter().skip(c).step_by(nchnls).fold(0.0f32, |p, y| p.max(y * y));
            shared.set_peak(c, peak);
        }
    }

    /// The meter and time callbacks, in the blocks where pyo calls them:
    /// every P blocks, the first in block P-1.
    fn report(&mut self, shared: &EngineShared) {
        let nchnls = self.shape.nchnls;
        if self.blocks % self.meter_every == 0 {
            if let Some(cb) = self.meter_cb.as_mut() {
                // pyo passes the levels of the blocks before this one.
                cb(&self.meter_rms);
            }
        }
        for c in 0..nchnls {
            self.meter_rms[c] = (shared.peak(c) + self.meter_rms[c]) * 0.5;
        }
        if self.blocks % self.timer_every == 0 {
            if let Some(cb) = self.time_cb.as_mut() {
                // The time at the start of this block, computed in f32 as pyo does.
                let samples = shared.elapsed.load(Ordering::Relaxed).saturating_sub(self.shape.bs as u64);
                let (h, m, s, ms) = split_time_f32(samples, self.shape.sr);
                cb(h, m, s, ms);
            }
        }
    }

    /// Runs `blocks` blocks silently (pyo's start offset): computed, not
    /// heard; the amplitude ramps in again afterwards.
    pub fn preroll(&mut self, blocks: u64) {
        self.rec_muted = true;
        for _ in 0..blocks {
            self.process_block();
        }
        self.rec_muted = false;
        self.io.output.as_mut_slice().fill(0.0);
        self.amp.restart(self.links.shared.amp());
    }
}

/// Hands `g` back to the control side to be dropped there.
fn give_back_to(links: &mut EngineLinks, g: Garbage) {
    if let Err(g) = links.garbage.try_push(g) {
        // Never free on the audio thread: leak and count instead. The
        // control side sizes the queue so that this does not happen.
        std::mem::forget(g);
        links.shared.leaked.fetch_add(1, Ordering::Relaxed);
    }
}

/// What follows a node's own computation: its mul/add stage, `get()`, the
/// output mix, and its duration count.
fn finish_node(node: &mut Node, flow: Flow, graph: &Graph<'_>, mix: &mut [f32], bs: usize, nchnls: usize) {
    let (mul, add) = (graph.signal(&node.mul), graph.signal(&node.add));
    apply_stage(&mut node.out, node.bs, mul, add, node.divide);
    finish_stream(node, flow, mix, bs, nchnls);
}

/// The mul/add stage over a node's block.
fn apply_stage(out: &mut [f32], node_bs: usize, mul: Signal<'_>, add: Signal<'_>, divide: bool) {
    if let Some(first) = out.get_mut(..node_bs) {
        if divide {
            apply_div_add(first, mul, add);
        } else {
            apply_mul_add(first, mul, add);
        }
    }
}

/// After the mul/add stage: `get()`, the output mix, the duration count.
fn finish_stream(node: &mut Node, flow: Flow, mix: &mut [f32], bs: usize, nchnls: usize) {
    node.publish_last();
    // A node at a higher rate sends the first `bs` samples of its block, as
    // pyo does; the control side refuses out() for one at a lower rate (pyo
    // would read past its buffer).
    if node.stream.to_dac && node.bs >= bs {
        let c = node.stream.chnl as usize % nchnls;
        if let Some(dst) = mix.get_mut(c * bs..(c + 1) * bs) {
            for (m, x) in dst.iter_mut().zip(node.out.iter()) {
                *m += *x;
            }
        }
    }
    if flow == Flow::Finished {
        // pyo keeps the buffer of an envelope that ended by itself.
        node.stream.deactivate();
    } else if node.stream.tick_active() == Tick::Stop {
        stop_node(node);
    }
}

/// The nodes at the head of `order` that run as one batch: the first and
/// the active nodes at the server's rate right after it of the same batch
/// kind, none reading
/// another (through its input, mul or add). Fewer than two: no batch.
fn batch_at(nodes: &[Option<Box<Node>>], order: &[u32], bs: usize) -> BatchRun {
    let mut run = BatchRun { ids: [0; MAX_BATCH], len: 0, run: |_, _| {} };
    let Some(first) = order.first().and_then(|&id| nodes.get(id as usize)?.as_deref()) else {
        return run;
    };
    if !first.stream.active {
        return run;
    }
    let Some(b) = first.dsp.batch() else {
        return run;
    };
    run.run = b.run;
    // The nodes each member reads (input, mul, add), asked once per member.
    let mut reads = [[None; 3]; MAX_BATCH];
    for &id in order.iter().take(MAX_BATCH) {
        let Some(node) = nodes.get(id as usize).and_then(|n| n.as_deref()) else { break };
        // Only nodes at the server's rate batch (kernels run the server's block).
        let fading = node.fade.as_ref().is_some_and(|f| f.active) || node.step.as_ref().is_some_and(|s| s.active);
        let Some(m) = node.dsp.batch().filter(|m| m.kind == b.kind) else { break };
        if !node.stream.active || fading || node.bs != bs {
            break;
        }
        let own = [m.reads, node.mul.buf_ref().map(|r| r.node), node.add.buf_ref().map(|r| r.node)];
        let members = &run.ids[..run.len];
        // A member reading another would read it before (or after) it ran.
        let reads_member = own.iter().flatten().any(|r| members.contains(r) || *r == id);
        let read_by_earlier = reads[..run.len].iter().flatten().any(|r| *r == Some(id));
        if reads_member || read_by_earlier {
            break;
        }
        reads[run.len] = own;
        run.ids[run.len] = id;
        run.len += 1;
    }
    run
}

struct BatchRun {
    ids: [u32; MAX_BATCH],
    len: usize,
    run: fn(&mut [Option<Box<Node>>], &mut BlockCtx<'_>),
}

fn stop_node(node: &mut Node) {
    let bs = node.bs.min(node.out.len());
    match node.dsp.stop() {
        StopMode::Now => {
            node.stream.deactivate();
            node.out[..bs].fill(0.0);
            hold_or_quiet(node);
        }
        StopMode::Hold(v) => {
            node.stream.deactivate();
            node.out[..bs].fill(v);
            hold_or_quiet(node);
        }
        StopMode::Release => {}
    }
}

/// A stopped node's other outputs: quiet (triggers), or holding what the
/// node says (TableRec's time).
fn hold_or_quiet(node: &mut Node) {
    let bs = node.bs.max(1);
    let Node { out, dsp, .. } = node;
    for (k, block) in out.chunks_mut(bs).enumerate().skip(1) {
        block.fill(dsp.held_output(k).unwrap_or(0.0));
    }
}

/// Elapsed samples as (hours, minutes, seconds, milliseconds), in f64 as
/// pyo's getCurrentTime computes them.
pub fn split_time(samples: u64, sr: f64) -> (u32, u32, u32, u32) {
    let t = samples as f64 / sr;
    let h = (t / 3600.0) as u32;
    let m = ((t - h as f64 * 3600.0) / 60.0) as u32;
    let s = (t - h as f64 * 3600.0 - m as f64 * 60.0) as u32;
    let ms = ((t - t.trunc()) * 1000.0) as u32;
    (h, m, s, ms)
}

/// The same split in f32, as pyo's time callback computes it.
pub fn split_time_f32(samples: u64, sr: f64) -> (u32, u32, u32, u32) {
    let t = samples as f32 / sr as f32;
    let h = (t / 3600.0) as u32;
    let m = ((t - h as f32 * 3600.0) / 60.0) as u32;
    let rest = t - h as f32 * 3600.0 - m as f32 * 60.0;
    let s = rest as u32;
    let ms = ((rest - s as f32) * 1000.0) as u32;
    (h, m, s, ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_strings_match_pyo() {
        // pyo's getCurrentTime after N blocks of 256 at 44100 Hz.
        for (n, want) in [(1u64, (0, 0, 0, 5)), (172, (0, 0, 0, 998)), (173, (0, 0, 1, 4)), (10336, (0, 1, 0, 0))] {
            assert_eq!(split_time(n * 256, 44100.0), want, "block {n}");
        }
        assert_eq!(split_time(620157 * 256, 44100.0), (1, 0, 0, 4));
        // pyo's time callback in block 12: (0, 0, 0, 69).
        assert_eq!(split_time_f32(12 * 256, 44100.0), (0, 0, 0, 69));
        assert_eq!((timer_interval(44100.0, 256), meter_interval(44100.0, 256)), (13, 10));
    }
}

#[cfg(test)]
mod midi_tests {
    use super::*;
    use crate::objects::{Dsp, Param};
    use ringbuf::traits::Split;
    use ringbuf::HeapRb;
    use std::sync::Mutex;

    /// Records the MIDI events each block delivers to nodes.
    type Seen = Arc<Mutex<Vec<Vec<(u8, u32)>>>>;
    struct Recorder(Seen);
    impl Dsp for Recorder {
        fn process(&mut self, _out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
            self.0.lock().unwrap().push(ctx.midi.iter().map(|e| (e.data1, e.frame)).collect());
            Flow::Continue
        }
        fn set_param(&mut self, _: usize, _: Param) {}
    }

    #[test]
    fn events_arrive_next_block_at_their_frame_and_are_not_replayed() {
        let (mut tx, rx) = HeapRb::<Command>::new(16).split();
        let (gtx, _grx) = HeapRb::<Garbage>::new(16).split();
        let midi = Arc::new(ArrayQueue::new(8));
        let shared = Arc::new(EngineShared::new());
        let shape = EngineShape { sr: 44100.0, bs: 64, nchnls: 2, ichnls: 2, duplex: false };
        let links = EngineLinks { commands: rx, garbage: gtx, midi: Arc::clone(&midi), shared: Arc::clone(&shared) };
        let mut e = Engine::new(shape, IoBuffers::new(64, 2, 2), links, 4);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let node = Node::new(
            Box::new(Recorder(Arc::clone(&seen))),
            1,
            44100.0,
            64,
            Param::Const(1.0),
            Param::Const(0.0),
            true,
        );
        assert!(tx.try_push(Command::AddNode { id: 0, node: Box::new(node), reseed: None }).is_ok());
        shared.started.store(true, Ordering::Release);
        e.process_block();
        midi.push(MidiEvent::new(144, 60, 100, 40).unwrap()).unwrap();
        midi.push(MidiEvent::new(144, 61, 100, 3).unwrap()).unwrap();
        e.process_block();
        e.process_block();
        let seen = seen.lock().unwrap();
        assert_eq!(*seen, vec![vec![], vec![(61, 3), (60, 40)], vec![]]);
    }

    #[test]
    fn midi_out_reaches_the_port_sink_at_its_frame() {
        let (mut tx, rx) = HeapRb::<Command>::new(16).split();
        let (gtx, _grx) = HeapRb::<Garbage>::new(16).split();
        let shared = Arc::new(EngineShared::new());
        let shape = EngineShape { sr: 1000.0, bs: 8, nchnls: 1, ichnls: 1, duplex: false };
        let links =
            EngineLinks { commands: rx, garbage: gtx, midi: Arc::new(ArrayQueue::new(1)), shared: Arc::clone(&shared) };
        let mut e = Engine::new(shape, IoBuffers::new(8, 1, 1), links, 1);
        let got = Arc::new(Mutex::new(Vec::new()));
        let g = Arc::clone(&got);
        let port: MidiOutCallback = Box::new(move |b: &[u8], f| g.lock().unwrap().push((b.to_vec(), f)));
        assert!(tx.try_push(Command::SetMidiOutPort(Some(port))).is_ok());
        let msg = OutMsg::Short { len: 2, bytes: [0xC0, 5, 0] };
        // 11 samples after the first block starts: block 1, frame 3.
        assert!(tx.try_push(Command::MidiOut { delay: 11, msg }).is_ok());
        shared.started.store(true, Ordering::Release);
        e.process_block();
        assert!(got.lock().unwrap().is_empty());
        e.process_block();
        assert_eq!(*got.lock().unwrap(), vec![(vec![0xC0, 5], 3)]);
        e.process_block();
        assert_eq!(shared.midi_out_released.load(Ordering::Relaxed), 1);
    }
}
