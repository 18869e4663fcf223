//! What travels between the control side and the audio side.

use crate::midi::out::OutMsg;
use crate::objects::node::{InputFade, ParamStep};
use crate::objects::{Extra, Node, Param, ParamSlot};
use crate::record::writer::RecordTap;

pub type ProcessCallback = Box<dyn FnMut() + Send>;
pub type TimeCallback = Box<dyn FnMut(u32, u32, u32, u32) + Send>;
pub type MeterCallback = Box<dyn FnMut(&[f32]) + Send>;
/// Receives each MIDI output event of a block: its bytes and its frame.
pub type MidiOutCallback = Box<dyn FnMut(&[u8], u32) + Send>;

/// Commands to the engine, applied at the top of a block in the order sent
/// (and again after the host's process callback).
pub enum Command {
    /// Appends a node to the processing order (pyo: creation order). A
    /// random object carries the seed the server's generator takes now.
    AddNode {
        id: u32,
        node: Box<Node>,
        reseed: Option<u32>,
    },
    /// Removes a node; it goes back to the control side to be dropped.
    RemoveNode {
        id: u32,
    },
    SetParam {
        id: u32,
        slot: ParamSlot,
        value: Param,
    },
    /// Sets a list, table or text parameter; the replaced value comes back.
    SetExtra {
        id: u32,
        index: u16,
        value: Extra,
    },
    /// setInput with a crossfade: the node reads the fade's mix until it
    /// reaches the new input. The fade it replaces comes back.
    FadeInput {
        id: u32,
        fade: InputFade,
    },
    /// A parameter change at a frame of the next block. The step it
    /// replaces comes back.
    SetParamAt {
        id: u32,
        step: ParamStep,
    },
    /// A method of the class (`Dsp::call`), at the top of the next block.
    Call {
        id: u32,
        method: u16,
        args: [f32; crate::objects::registry::MAX_METHOD_ARGS],
        nargs: u8,
    },
    /// `play(dur, delay)` in blocks.
    Play {
        id: u32,
        wait: u32,
        dur: u32,
    },
    /// `out(chnl, dur, delay)` in blocks, for one stream. `audible` is false
    /// for classes whose out() only plays them (envelopes).
    Out {
        id: u32,
        chnl: u32,
        wait: u32,
        dur: u32,
        audible: bool,
    },
    /// `stop(wait)` in blocks (0: now).
    Stop {
        id: u32,
        wait: u32,
    },
    /// A larger node table (empty, with capacity): the engine moves its nodes
    /// into it and sends the old one back.
    GrowNodes(Vec<Option<Box<Node>>>),
    /// A larger processing-order list (empty, with capacity).
    GrowOrder(Vec<u32>),
    SetProcessCallback(Option<ProcessCallback>),
    SetTimeCallback(Option<TimeCallback>),
    SetMeterCallback(Option<MeterCallback>),
    /// A MIDI output message, `delay` samples after the start of the block
    /// that applies the command. A sysex box comes back once delivered.
    MidiOut {
        delay: u64,
        msg: OutMsg,
    },
    /// makenote: a note-on `delay` samples after the start of the block,
    /// and its note-off (the same note, velocity 0) `dur` samples later.
    MakeNote {
        delay: u64,
        dur: u64,
        on: [u8; 3],
    },
    SetMidiOutCallback(Option<MidiOutCallback>),
    /// The MIDI output port's sink (a backend's lock-free queue to its
    /// port, e.g. midir's sender), called after the host's callback.
    SetMidiOutPort(Option<MidiOutCallback>),
    /// Starts (Some) or ends (None) pushing each computed block to a
    /// recording's ring; the tap it replaces comes back.
    SetRecorder(Option<RecordTap>),
}

/// What the engine hands back to be dropped off the audio thread. Every
/// command that carries or frees heap memory (adding or removing a node,
/// growing a table, setting a callback) yields exactly one item, `Ack` when
/// there is nothing to drop, so the control side can bound what is in flight.
pub enum Garbage {
    Ack,
    Node(Box<Node>),
    Extra(Extra),
    Fade(InputFade),
    Step(ParamStep),
    Nodes(Vec<Option<Box<Node>>>),
    Order(Vec<u32>),
    ProcessCallback(ProcessCallback),
    TimeCallback(TimeCallback),
    MeterCallback(MeterCallback),
    MidiOutCallback(MidiOutCallback),
    /// A delivered (or dropped) sysex message's bytes.
    Sysex(Box<[u8]>),
    Recorder(RecordTap),
}

impl Command {
    /// True for the commands that yield exactly one [`Garbage`] item.
    pub fn yields_garbage(&self) -> bool {
        matches!(
            self,
            Command::AddNode { .. }
                | Command::RemoveNode { .. }
                | Command::SetExtra { .. }
                | Command::FadeInput { .. }
                | Command::SetParamAt { .. }
                | Command::GrowNodes(_)
                | Command::GrowOrder(_)
                | Command::SetProcessCallback(_)
                | Command::SetTimeCallback(_)
                | Command::SetMeterCallback(_)
                | Command::SetRecorder(_)
                | Command::SetMidiOutCallback(_)
                | Command::SetMidiOutPort(_)
                | Command::MidiOut { msg: OutMsg::Sysex(_), .. }
        )
    }
}
