//! pyo's MIDI output methods on the Server: noteout, afterout, ctlout,
//! programout, pressout, bendout, sysexout, makenote, and how hosts and
//! backends receive the events (see `crate::midi::out`).

use super::{busy_error, not_booted, Control, ServerInner};
use crate::engine::command::{Command, MidiOutCallback};
use crate::engine::denormal::DenormalGuard;
use crate::error::Result;
use crate::midi::out::{
    delay_samples, list_len, schedule_full, short_messages, sysex_message, Values, VoiceKind, MIDI_OUT_CAPACITY,
};
use std::sync::atomic::Ordering;

fn at<T: Copy>(v: &[T], i: usize) -> T {
    v[i % v.len()]
}

impl ServerInner {
    /// Sends `cmds` (`slots` schedule entries in all) if the schedule has
    /// room for them: all or nothing.
    fn send_midi_out(&self, method: &str, cmds: Vec<Command>, slots: usize) -> Result<()> {
        self.with_control(|c: &mut Control| {
            let released = self.shared.midi_out_released.load(Ordering::Acquire);
            let pending = c.midi_out_sent.saturating_sub(released);
            if pending as usize + slots > MIDI_OUT_CAPACITY {
                return Err(schedule_full(method, slots, pending));
            }
            c.send(cmds)?;
            c.midi_out_sent += slots as u64;
            Ok(())
        })
    }

    fn voice_out(&self, kind: VoiceKind, a: &[i32], b: &[i32], channel: &[i32], timestamp: &[f64]) -> Result<()> {
        let method = kind.method();
        let sr = self.lock().require_booted(method)?.sr;
        let names = kind.arg_names();
        let mut lens = vec![(names[0], a.len()), ("channel", channel.len()), ("timestamp", timestamp.len())];
        if names.len() > 1 {
            lens.push((names[1], b.len()));
        }
        let n = list_len(method, &lens)?;
        let mut msgs = Vec::new();
        let mut cmds = Vec::new();
        for i in 0..n {
            let delay = delay_samples(method, "timestamp", at(timestamp, i), sr)?;
            let second = if b.is_empty() { 0 } else { at(b, i) };
            short_messages(kind, at(a, i), second, at(channel, i), &mut msgs)?;
            cmds.extend(msgs.drain(..).map(|msg| Command::MidiOut { delay, msg }));
        }
        let slots = cmds.len();
        self.send_midi_out(method, cmds, slots)
    }

    /// pyo's noteout(pitch, velocity, channel=0, timestamp=0): a note-on
    /// (velocity 0 is a note-off) on `channel` (1 to 16; 0: on each of the
    /// 16 channels), `timestamp` ms after the start of the next block the
    /// server computes, at its exact frame. Every argument may be a list:
    /// the longest gives the number of events, shorter ones wrap around.
    pub fn noteout<'a>(
        &self,
        pitch: impl Into<Values<'a, i32>>,
        velocity: impl Into<Values<'a, i32>>,
        channel: impl Into<Values<'a, i32>>,
        timestamp: impl Into<Values<'a, f64>>,
    ) -> Result<()> {
        let (a, b, c, t) = (pitch.into(), velocity.into(), channel.into(), timestamp.into());
        self.voice_out(VoiceKind::Note, &a.0, &b.0, &c.0, &t.0)
    }

    /// pyo's afterout(pitch, velocity, channel=0, timestamp=0): polyphonic
    /// aftertouch (0xA0). Arguments as [`noteout`](Self::noteout).
    pub fn afterout<'a>(
        &self,
        pitch: impl Into<Values<'a, i32>>,
        velocity: impl Into<Values<'a, i32>>,
        channel: impl Into<Values<'a, i32>>,
        timestamp: impl Into<Values<'a, f64>>,
    ) -> Result<()> {
        let (a, b, c, t) = (pitch.into(), velocity.into(), channel.into(), timestamp.into());
        self.voice_out(VoiceKind::After, &a.0, &b.0, &c.0, &t.0)
    }

    /// pyo's ctlout(ctlnum, value, channel=0, timestamp=0): a control
    /// change (0xB0). Arguments as [`noteout`](Self::noteout).
    pub fn ctlout<'a>(
        &self,
        ctlnum: impl Into<Values<'a, i32>>,
        value: impl Into<Values<'a, i32>>,
        channel: impl Into<Values<'a, i32>>,
        timestamp: impl Into<Values<'a, f64>>,
    ) -> Result<()> {
        let (a, b, c, t) = (ctlnum.into(), value.into(), channel.into(), timestamp.into());
        self.voice_out(VoiceKind::Ctl, &a.0, &b.0, &c.0, &t.0)
    }

    /// pyo's programout(value, channel=0, timestamp=0): a program change
    /// (0xC0, two bytes).
    pub fn programout<'a>(
        &self,
        value: impl Into<Values<'a, i32>>,
        channel: impl Into<Values<'a, i32>>,
        timestamp: impl Into<Values<'a, f64>>,
    ) -> Result<()> {
        let (a, c, t) = (value.into(), channel.into(), timestamp.into());
        self.voice_out(VoiceKind::Program, &a.0, &[], &c.0, &t.0)
    }

    /// pyo's pressout(value, channel=0, timestamp=0): channel pressure
    /// (0xD0, two bytes).
    pub fn pressout<'a>(
        &self,
        value: impl Into<Values<'a, i32>>,
        channel: impl Into<Values<'a, i32>>,
        timestamp: impl Into<Values<'a, f64>>,
    ) -> Result<()> {
        let (a, c, t) = (value.into(), channel.into(), timestamp.into());
        self.voice_out(VoiceKind::Press, &a.0, &[], &c.0, &t.0)
    }

    /// pyo's bendout(value, channel=0, timestamp=0): pitch bend, `value`
    /// 0 (full down) to 16383 (full up), 8192 = none; sent as 0xE0, LSB, MSB.
    pub fn bendout<'a>(
        &self,
        value: impl Into<Values<'a, i32>>,
        channel: impl Into<Values<'a, i32>>,
        timestamp: impl Into<Values<'a, f64>>,
    ) -> Result<()> {
        let (a, c, t) = (value.into(), channel.into(), timestamp.into());
        self.voice_out(VoiceKind::Bend, &a.0, &[], &c.0, &t.0)
    }

    /// pyo's sysexout(msg, timestamp=0): a system exclusive message, F0,
    /// data bytes (0 to 127), F7.
    pub fn sysexout(&self, msg: &[u8], timestamp: f64) -> Result<()> {
        self.sysexout_list(&[msg], &[timestamp])
    }

    /// sysexout with lists: message i is sent `timestamps[i % len]` ms
    /// from now; as many events as the longer list (the shorter wraps).
    pub fn sysexout_list(&self, msgs: &[&[u8]], timestamps: &[f64]) -> Result<()> {
        let method = "sysexout";
        let sr = self.lock().require_booted(method)?.sr;
        let n = list_len(method, &[("msg", msgs.len()), ("timestamp", timestamps.len())])?;
        let mut cmds = Vec::with_capacity(n);
        for i in 0..n {
            let delay = delay_samples(method, "timestamp", at(timestamps, i), sr)?;
            cmds.push(Command::MidiOut { delay, msg: sysex_message(msgs[i % msgs.len()])? });
        }
        self.send_midi_out(method, cmds, n)
    }

    /// pyo's makenote(pitch, velocity, duration, channel=0): a note-on at
    /// the start of the next block, and its note-off (a note-on of the same
    /// pitch with velocity 0) `duration` ms later, placed by the engine at
    /// its exact frame. Channel 0 sends both on each of the 16 channels.
    /// Lists as [`noteout`](Self::noteout).
    pub fn makenote<'a>(
        &self,
        pitch: impl Into<Values<'a, i32>>,
        velocity: impl Into<Values<'a, i32>>,
        duration: impl Into<Values<'a, f64>>,
        channel: impl Into<Values<'a, i32>>,
    ) -> Result<()> {
        let (p, v, d, c) = (pitch.into(), velocity.into(), duration.into(), channel.into());
        let (p, v, d, c) = (&p.0[..], &v.0[..], &d.0[..], &c.0[..]);
        let method = "makenote";
        let sr = self.lock().require_booted(method)?.sr;
        let n = list_len(
            method,
            &[("pitch", p.len()), ("velocity", v.len()), ("duration", d.len()), ("channel", c.len())],
        )?;
        let mut msgs = Vec::new();
        let mut cmds = Vec::new();
        for i in 0..n {
            let dur = delay_samples(method, "duration", at(d, i), sr)?;
            short_messages(VoiceKind::Note, at(p, i), at(v, i), at(c, i), &mut msgs)
                .map_err(|e| crate::Error::new(e.status, e.message.replacen("noteout", method, 1)))?;
            for m in msgs.drain(..) {
                let b = m.bytes();
                cmds.push(Command::MakeNote { delay: 0, dur, on: [b[0], b[1], b[2]] });
            }
        }
        let slots = 2 * cmds.len();
        self.send_midi_out(method, cmds, slots)
    }

    /// Sets (or clears) the function that receives the MIDI output: called
    /// on the audio thread after each block, once per event of the block,
    /// in frame order, with the event's bytes and its frame inside the
    /// block. It must not block (no locks, no I/O that can wait): copy the
    /// bytes out and return. Offline renders call it too, on their thread.
    pub fn set_midi_out_callback(&self, cb: Option<MidiOutCallback>) -> Result<()> {
        self.set_callback(Command::SetMidiOutCallback(cb), |c, cmd| {
            if let Command::SetMidiOutCallback(cb) = cmd {
                c.midi_out_cb = cb;
            }
        })
    }

    /// For backends: computes one block (as [`process_block`](Self::process_block))
    /// and then calls `sink(bytes, frame)` for each MIDI output event of
    /// that block, in frame order, on this thread, before returning.
    pub fn process_block_midi(&self, sink: &mut dyn FnMut(&[u8], u32)) -> Result<()> {
        let _ftz = DenormalGuard::new();
        let mut g = self.engine.try_audio().map_err(busy_error)?;
        let e = g.as_mut().ok_or_else(not_booted)?;
        e.process_block();
        for ev in e.midi_out_events() {
            sink(ev.bytes(), ev.frame);
        }
        Ok(())
    }

    /// Hands the MIDI output of the engine's last block to `f` (bytes,
    /// frame in that block): a backend that ran the block (JACK) drains it
    /// right after. Audio thread; nothing allocated, nothing waited for (a
    /// busy engine gives nothing).
    #[cfg(feature = "jack")]
    pub(crate) fn drain_midi_out(&self, f: &mut dyn FnMut(&[u8], u32)) {
        if let Ok(g) = self.engine.try_audio() {
            if let Some(e) = g.as_ref() {
                for ev in e.midi_out_events() {
                    f(ev.bytes(), ev.frame);
                }
            }
        }
    }

    /// Sends every block's MIDI output to the midir output port too,
    /// through its lock-free queue (the port is written on midir's own
    /// thread: the audio thread never blocks on it).
    #[cfg(feature = "midir")]
    pub(super) fn connect_midi_out_port(&self, c: &mut Control, sender: crate::midi::midir::MidirSender) {
        let sink: MidiOutCallback = Box::new(move |bytes: &[u8], frame| {
            // Refused messages (queue full, longer than 256 bytes) are
            // counted by the sender.
            let _ = sender.send(frame, bytes);
        });
        if let Err(e) = c.send(vec![Command::SetMidiOutPort(Some(sink))]) {
            self.log(crate::LogLevel::Error, &format!("MIDI output port: {e}"));
        }
    }

    /// MIDI output events waiting in the engine's schedule (sent, not yet
    /// delivered in a computed block).
    pub fn midi_out_pending(&self) -> u64 {
        let sent = self.lock().midi_out_sent;
        sent.saturating_sub(self.shared.midi_out_released.load(Ordering::Acquire))
    }

    /// MIDI output events the engine dropped for want of room (0: calls
    /// that do not fit are refused with QueueFull instead).
    pub fn midi_out_dropped(&self) -> u64 {
        self.shared.midi_out_dropped.load(Ordering::Relaxed)
    }
}
