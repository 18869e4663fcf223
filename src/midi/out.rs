//! MIDI output: pyo's noteout, afterout, ctlout, programout, pressout,
//! bendout, sysexout and makenote.
//!
//! The control side validates and builds the messages ([`short_messages`],
//! [`sysex_message`]) and sends one command per message with its delay in
//! samples. The engine keeps them in a fixed-capacity [`OutSchedule`] and,
//! after each block, moves the ones due in that block to the block's event
//! list ([`OutSchedule::block`]), ordered by frame (then by the order they
//! were sent), each with its frame inside the block. No allocation on the
//! audio thread: the schedule and the block list are allocated at boot, and
//! a sysex message's bytes travel in a box that goes back to the control
//! side to be freed once delivered.
//!
//! # Reading a block's events (hosts and backends)
//! - Hosts (embedded, manual, offline): `Server::set_midi_out_callback`
//!   (C: `rpyo_server_set_midi_out_callback`): called on the audio thread
//!   after each block, once per event, with its bytes and frame.
//! - Backends (JACK, cpal/midir) that drive the engine: call
//!   `ServerInner::process_block_midi(sink)`: it computes one block and then
//!   calls `sink(bytes, frame)` for each event of that block (after the
//!   callback, if one is set), still on the calling thread, before
//!   returning. A JACK backend writes them into its MIDI port buffer at
//!   `frame`.
//! - Queue-based ports (midir): a port sink set with
//!   `Command::SetMidiOutPort` is called after the host's callback with
//!   each event; it must only push to a lock-free queue that the port's own
//!   thread drains (the audio thread never blocks on a MIDI port). Boot
//!   connects midir's output this way when one is open.
//!
//! The frame is the event's offset inside the block just computed (0 to
//! bs-1): with process_block (manual mode, the embedded callback, JACK at
//! its period) that is the host's frame too. With the process functions
//! (`process_interleaved` and friends) given whole blocks, the k-th block
//! of a call starts at the call's frame k*bs; given other frame counts, a
//! block is computed when its first frame is needed, so its events belong
//! at that frame of the call plus `frame` (which may fall in the next call).
//!
//! # Timing
//! A call made on the control side acts at the top of the next block the
//! engine computes (one made from the process callback, in the current
//! block): its event lands `round(timestamp * sr / 1000)` samples after
//! that block's first sample, in whichever block that is. makenote's
//! note-off lands `round(duration * sr / 1000)` samples after its note-on.
//! While the server is stopped, time stands still: waiting events go out
//! after start, at the same distance from it. Shutdown discards them.
//! A call that would not fit the schedule ([`MIDI_OUT_CAPACITY`] events
//! waiting) is refused whole with `QueueFull`; the engine never drops one
//! (`ServerInner::midi_out_dropped` counts any it would).

use crate::error::{Error, Result, Status};
use std::borrow::Cow;
use std::collections::BinaryHeap;

/// Events the schedule holds at most (future ones and the block's own).
pub const MIDI_OUT_CAPACITY: usize = 4096;
/// The longest sysex message accepted, in bytes (F0 and F7 included).
pub const MAX_SYSEX_LEN: usize = 65536;

/// One or several values of an argument: pyo's "arguments can be lists".
/// Built from a value, a slice, an array or a Vec.
#[derive(Clone, Debug, PartialEq)]
pub struct Values<'a, T: Clone>(pub Cow<'a, [T]>);

impl<T: Clone> From<T> for Values<'_, T> {
    fn from(v: T) -> Self {
        Values(Cow::Owned(vec![v]))
    }
}
impl<'a, T: Clone> From<&'a [T]> for Values<'a, T> {
    fn from(v: &'a [T]) -> Self {
        Values(Cow::Borrowed(v))
    }
}
impl<'a, T: Clone> From<&'a Vec<T>> for Values<'a, T> {
    fn from(v: &'a Vec<T>) -> Self {
        Values(Cow::Borrowed(v.as_slice()))
    }
}
impl<T: Clone> From<Vec<T>> for Values<'_, T> {
    fn from(v: Vec<T>) -> Self {
        Values(Cow::Owned(v))
    }
}
impl<'a, T: Clone, const N: usize> From<&'a [T; N]> for Values<'a, T> {
    fn from(v: &'a [T; N]) -> Self {
        Values(Cow::Borrowed(v.as_slice()))
    }
}
impl<T: Clone, const N: usize> From<[T; N]> for Values<'_, T> {
    fn from(v: [T; N]) -> Self {
        Values(Cow::Owned(v.to_vec()))
    }
}

/// The channel-voice messages of MIDI output, by pyo's method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VoiceKind {
    /// noteout(pitch, velocity): 0x90.
    Note,
    /// afterout(pitch, velocity): polyphonic key pressure, 0xA0.
    After,
    /// ctlout(ctlnum, value): 0xB0.
    Ctl,
    /// programout(value): 0xC0, two bytes.
    Program,
    /// pressout(value): channel pressure, 0xD0, two bytes.
    Press,
    /// bendout(value): 0xE0, value 0..16383 as LSB, MSB.
    Bend,
}

impl VoiceKind {
    pub fn method(self) -> &'static str {
        match self {
            VoiceKind::Note => "noteout",
            VoiceKind::After => "afterout",
            VoiceKind::Ctl => "ctlout",
            VoiceKind::Program => "programout",
            VoiceKind::Press => "pressout",
            VoiceKind::Bend => "bendout",
        }
    }
    fn status(self) -> u8 {
        match self {
            VoiceKind::Note => 0x90,
            VoiceKind::After => 0xA0,
            VoiceKind::Ctl => 0xB0,
            VoiceKind::Program => 0xC0,
            VoiceKind::Press => 0xD0,
            VoiceKind::Bend => 0xE0,
        }
    }
    /// The names of its one or two data arguments.
    pub fn arg_names(self) -> &'static [&'static str] {
        match self {
            VoiceKind::Note => &["pitch", "velocity"],
            VoiceKind::After => &["pitch", "velocity"],
            VoiceKind::Ctl => &["ctlnum", "value"],
            VoiceKind::Program | VoiceKind::Press | VoiceKind::Bend => &["value"],
        }
    }
}

/// A message's bytes: up to three inline, or a sysex in a box.
#[derive(Debug, PartialEq, Eq)]
pub enum OutMsg {
    Short { len: u8, bytes: [u8; 3] },
    Sysex(Box<[u8]>),
}

impl OutMsg {
    pub fn bytes(&self) -> &[u8] {
        match self {
            OutMsg::Short { len, bytes } => &bytes[..*len as usize],
            OutMsg::Sysex(b) => b,
        }
    }
}

/// One event of a computed block: its bytes and its frame in the block.
#[derive(Debug)]
pub struct MidiOutEvent {
    /// Frame inside the block (0 = the block's first sample).
    pub frame: u32,
    msg: OutMsg,
}

impl MidiOutEvent {
    pub fn bytes(&self) -> &[u8] {
        self.msg.bytes()
    }
}

/// A message waiting for its time (absolute samples since boot).
#[derive(Debug)]
struct Pending {
    due: u64,
    seq: u64,
    msg: OutMsg,
}

// Ordered so that the heap's top is the earliest (due, seq).
impl PartialEq for Pending {
    fn eq(&self, o: &Self) -> bool {
        (self.due, self.seq) == (o.due, o.seq)
    }
}
impl Eq for Pending {}
impl PartialOrd for Pending {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Pending {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        (o.due, o.seq).cmp(&(self.due, self.seq))
    }
}

/// The engine's schedule of future MIDI output, and the current block's
/// events. Fixed capacity: nothing here allocates after `new`.
pub struct OutSchedule {
    /// A min-heap on (due, seq), allocated full size: pushes never grow it.
    pending: BinaryHeap<Pending>,
    block: Vec<MidiOutEvent>,
    seq: u64,
}

impl OutSchedule {
    /// Allocates room for [`MIDI_OUT_CAPACITY`] events (control side).
    pub fn new() -> Self {
        OutSchedule {
            pending: BinaryHeap::with_capacity(MIDI_OUT_CAPACITY),
            block: Vec::with_capacity(MIDI_OUT_CAPACITY),
            seq: 0,
        }
    }

    /// Free room, in events (the block's events count until cleared).
    pub fn vacant(&self) -> usize {
        MIDI_OUT_CAPACITY.saturating_sub(self.pending.len() + self.block.len())
    }

    /// Schedules `msg` at absolute sample `due`; gives the message back
    /// when full.
    pub fn push(&mut self, due: u64, msg: OutMsg) -> std::result::Result<(), OutMsg> {
        if self.vacant() == 0 {
            return Err(msg);
        }
        self.seq += 1;
        self.pending.push(Pending { due, seq: self.seq, msg });
        Ok(())
    }

    /// Moves the events due before `start + bs` into the block list, at
    /// frame `due - start` (an event already late lands at frame 0), sorted
    /// by frame, then by scheduling order. Returns how many moved.
    pub fn collect(&mut self, start: u64, bs: usize) -> usize {
        let end = start + bs as u64;
        let mut moved = 0;
        // The heap gives them in (due, seq) order: the list comes out sorted.
        while self.pending.peek().is_some_and(|p| p.due < end) {
            let Some(p) = self.pending.pop() else { break };
            let frame = p.due.saturating_sub(start) as u32;
            // Capacity covers pending + block: this never reallocates.
            self.block.push(MidiOutEvent { frame, msg: p.msg });
            moved += 1;
        }
        moved
    }

    /// The events of the block last collected.
    pub fn block(&self) -> &[MidiOutEvent] {
        &self.block
    }

    /// Empties the block list, handing each sysex box to `give_back`.
    pub fn clear_block(&mut self, mut give_back: impl FnMut(Box<[u8]>)) {
        while let Some(e) = self.block.pop() {
            if let OutMsg::Sysex(b) = e.msg {
                give_back(b);
            }
        }
    }

    /// Events waiting for a later block.
    pub fn pending_len(&self) -> usize {
        self.pending.len()
    }
}

impl Default for OutSchedule {
    fn default() -> Self {
        Self::new()
    }
}

fn invalid(method: &str, what: &str, v: impl std::fmt::Display, range: &str) -> Error {
    Error::invalid(format!("{method}: {what} {v} is out of range ({range})"))
}

/// A delay in ms as samples at `sr` (rounded): pyo's timestamp.
pub fn delay_samples(method: &str, what: &str, ms: f64, sr: f64) -> Result<u64> {
    if !ms.is_finite() || ms < 0.0 {
        return Err(Error::invalid(format!("{method}: {what} {ms} is not a delay in milliseconds (>= 0)")));
    }
    Ok((ms * sr / 1000.0).round() as u64)
}

/// The number of events a call with these list lengths makes: the longest
/// list (shorter ones wrap around, as pyo's lists); an empty list is an
/// error.
pub fn list_len(method: &str, lens: &[(&str, usize)]) -> Result<usize> {
    if let Some((name, _)) = lens.iter().find(|(_, n)| *n == 0) {
        return Err(Error::invalid(format!("{method}: {name} is an empty list")));
    }
    Ok(lens.iter().map(|(_, n)| *n).max().unwrap_or(1))
}

/// Validates the channel (0 = all 16, 1..=16) and gives its status nibbles.
pub fn channels(method: &str, channel: i32) -> Result<std::ops::RangeInclusive<u8>> {
    match channel {
        0 => Ok(0..=15),
        1..=16 => {
            let c = (channel - 1) as u8;
            Ok(c..=c)
        }
        _ => Err(invalid(method, "channel", channel, "1 to 16, or 0 for all channels")),
    }
}

/// The message(s) of one channel-voice event: one, or 16 for channel 0
/// (channels 1 to 16 in order). `a` is the first data argument, `b` the
/// second (ignored by programout, pressout, bendout).
pub fn short_messages(kind: VoiceKind, a: i32, b: i32, channel: i32, out: &mut Vec<OutMsg>) -> Result<()> {
    let method = kind.method();
    let names = kind.arg_names();
    let (len, d1, d2) = match kind {
        VoiceKind::Bend => {
            if !(0..=16383).contains(&a) {
                return Err(invalid(method, "value", a, "0 to 16383, 8192 = no bend"));
            }
            (3u8, (a & 0x7F) as u8, (a >> 7) as u8)
        }
        VoiceKind::Program | VoiceKind::Press => {
            if !(0..=127).contains(&a) {
                return Err(invalid(method, names[0], a, "0 to 127"));
            }
            (2, a as u8, 0)
        }
        _ => {
            for (name, v) in [(names[0], a), (names[1], b)] {
                if !(0..=127).contains(&v) {
                    return Err(invalid(method, name, v, "0 to 127"));
                }
            }
            (3, a as u8, b as u8)
        }
    };
    for c in channels(method, channel)? {
        out.push(OutMsg::Short { len, bytes: [kind.status() | c, d1, d2] });
    }
    Ok(())
}

/// Validates a system exclusive message: F0, data bytes (0 to 127), F7.
pub fn sysex_message(msg: &[u8]) -> Result<OutMsg> {
    let bad = |why: String| Error::invalid(format!("sysexout: msg {why}"));
    if msg.len() < 2 || msg[0] != 0xF0 || msg[msg.len() - 1] != 0xF7 {
        let show: Vec<String> = msg.iter().take(8).map(|b| format!("{b:02X}")).collect();
        return Err(bad(format!(
            "[{}{}] is not framed by F0 ... F7",
            show.join(" "),
            if msg.len() > 8 { " ..." } else { "" }
        )));
    }
    if msg.len() > MAX_SYSEX_LEN {
        return Err(bad(format!("is {} bytes long (at most {MAX_SYSEX_LEN})", msg.len())));
    }
    if let Some(i) = msg[1..msg.len() - 1].iter().position(|b| *b > 0x7F) {
        return Err(bad(format!("byte {} is {:02X}: data bytes are 00 to 7F", i + 1, msg[i + 1])));
    }
    Ok(OutMsg::Sysex(msg.into()))
}

/// The error of a call that does not fit the schedule.
pub fn schedule_full(method: &str, wanted: usize, pending: u64) -> Error {
    Error::new(
        Status::QueueFull,
        format!(
            "{method}: the MIDI output schedule is full ({pending} of {MIDI_OUT_CAPACITY} events waiting, \
             {wanted} more asked); nothing was sent"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short(b: &[u8]) -> OutMsg {
        let mut bytes = [0; 3];
        bytes[..b.len()].copy_from_slice(b);
        OutMsg::Short { len: b.len() as u8, bytes }
    }

    #[test]
    fn collects_in_frame_then_send_order() {
        let mut s = OutSchedule::new();
        s.push(70, short(&[1])).unwrap();
        s.push(5, short(&[2])).unwrap();
        s.push(70, short(&[3])).unwrap();
        s.push(64, short(&[4])).unwrap();
        assert_eq!(s.collect(0, 64), 1);
        assert_eq!(s.block().iter().map(|e| (e.frame, e.bytes()[0])).collect::<Vec<_>>(), [(5, 2)]);
        s.clear_block(|_| {});
        s.collect(64, 64);
        assert_eq!(s.block().iter().map(|e| (e.frame, e.bytes()[0])).collect::<Vec<_>>(), [(0, 4), (6, 1), (6, 3)]);
        assert_eq!(s.pending_len(), 0);
    }

    #[test]
    fn refuses_past_capacity() {
        let mut s = OutSchedule::new();
        for i in 0..MIDI_OUT_CAPACITY {
            s.push(i as u64, short(&[0xF8])).unwrap();
        }
        assert!(s.push(0, short(&[0xF8])).is_err());
    }
}
