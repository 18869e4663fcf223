//! MIDI objects, fed by the server's MIDI events of each block at their
//! frame offsets (sample-accurate; pyo's own events all act at frame 0).

use super::node::{BlockCtx, Dsp, Flow, Param};
use super::registry::{ClassSpec, KeyKind, KeySpec, Layout, ParamKind, ParamSpec, StreamArgs};
use crate::midi::MidiEvent;

const fn spec(name: &'static str, default: f64, min: f64, max: f64, kind: ParamKind, doc: &'static str) -> ParamSpec {
    ParamSpec { name, default, min, max, kind, ctor: true, doc }
}

const NOTEIN_PARAMS: &[ParamSpec] = &[
    spec("poly", 10.0, 1.0, 512.0, ParamKind::Int, "Number of voices (streams of pitch and velocity)."),
    spec("scale", 0.0, 0.0, 2.0, ParamKind::Int, "Pitch as 0: MIDI note number, 1: Hertz, 2: transposition factor."),
    spec("first", 0.0, 0.0, 127.0, ParamKind::Int, "Lowest note received."),
    spec("last", 127.0, 0.0, 127.0, ParamKind::Int, "Highest note received."),
    spec("channel", 0.0, 0.0, 16.0, ParamKind::Int, "MIDI channel (1 to 16), 0 for all."),
    ParamSpec {
        ctor: false,
        ..spec("firstVelocity", 1.0, 1.0, 127.0, ParamKind::Int, "Lowest note-on velocity received.")
    },
    ParamSpec {
        ctor: false,
        ..spec("lastVelocity", 127.0, 1.0, 127.0, ParamKind::Int, "Highest note-on velocity received.")
    },
    ParamSpec {
        ctor: false,
        ..spec(
            "centralkey",
            63.0,
            0.0,
            127.0,
            ParamKind::Int,
            "setCentralKey: the note without transposition for scale 2 (measured default 63).",
        )
    },
];

pub static NOTEIN: ClassSpec = ClassSpec {
    name: "Notein",
    doc:
        "Voices of MIDI notes: per voice a pitch and a velocity (0 to 1) stream; keys pitch, velocity, trigon, trigoff.",
    params: NOTEIN_PARAMS,
    autoplay: true,
    audible: false,
    random_prime: None,
    // Output 1: the pitch streams' note-on triggers, the velocity streams'
    // note-off triggers (the keys trigon and trigoff).
    outputs: 2,
    build: Notein::build_voice_stream,
    table: None,
    layout: Layout::Voices { param: 0, per_voice: 2 },
    keys: NOTEIN_KEYS,
    methods: &[],
};

/// pyo's `notein['pitch']`, `['velocity']`, `['trigon']`, `['trigoff']`.
const NOTEIN_KEYS: &[KeySpec] = &[
    KeySpec {
        name: "pitch",
        kind: KeyKind::Streams { offset: 0, step: 2, output: 0 },
        doc: "The pitch streams, one per voice.",
    },
    KeySpec {
        name: "velocity",
        kind: KeyKind::Streams { offset: 1, step: 2, output: 0 },
        doc: "The velocity streams (0 to 1), one per voice.",
    },
    KeySpec {
        name: "trigon",
        kind: KeyKind::Streams { offset: 0, step: 2, output: 1 },
        doc: "A trigger (1.0 for one sample) per note-on, one stream per voice.",
    },
    KeySpec {
        name: "trigoff",
        kind: KeyKind::Streams { offset: 1, step: 2, output: 1 },
        doc: "A trigger (1.0 for one sample) per note-off, one stream per voice.",
    },
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Output {
    /// The pitch, with the note-on triggers as output 1.
    Pitch,
    /// The velocity, with the note-off triggers as output 1.
    Velocity,
}

/// Most voices of a Notein.
const MAX_POLY: usize = 512;

/// pyo's voice allocation, run by every stream of a Notein on the same
/// events so that each knows what its voice does: a note-on takes the first
/// free voice after the one that took the last note (round robin; dropped
/// when every voice is busy); a note-off (0x80, or 0x90 with velocity 0)
/// frees the voice holding that note.
struct Voices {
    notes: [i16; MAX_POLY],
    poly: usize,
    last: usize,
    first: u8,
    highest: u8,
    channel: u8,
    first_vel: u8,
    last_vel: u8,
}

/// What one event did to the voices.
enum Change {
    On { voice: usize, note: u8, velocity: u8 },
    Off { voice: usize },
}

impl Voices {
    fn new(a: &StreamArgs<'_>) -> Voices {
        let poly = (a.number(0).max(1.0) as usize).min(MAX_POLY);
        Voices {
            notes: [-1; MAX_POLY],
            poly,
            last: 0,
            first: a.number(2).clamp(0.0, 127.0) as u8,
            highest: a.number(3).clamp(0.0, 127.0) as u8,
            channel: a.number(4).clamp(0.0, 16.0) as u8,
            first_vel: a.number(5).clamp(0.0, 127.0) as u8,
            last_vel: a.number(6).clamp(0.0, 127.0) as u8,
        }
    }

    fn apply(&mut self, e: &MidiEvent) -> Option<Change> {
        let kind = e.status & 0xF0;
        if self.channel > 0 && e.status & 0x0F != self.channel - 1 {
            return None;
        }
        if !(kind == 0x80 || kind == 0x90) || e.data1 < self.first || e.data1 > self.highest {
            return None;
        }
        let note = e.data1 as i16;
        if kind == 0x90 && e.data2 > 0 {
            if e.data2 < self.first_vel || e.data2 > self.last_vel {
                return None;
            }
            let free = (1..=self.poly).map(|k| (self.last + k) % self.poly).find(|&v| self.notes[v] < 0);
            // pyo's stealing mode (setStealing) is not reproduced: after a
            // steal pyo swaps the voices' streams every block (measured).
            let voice = free?;
            self.notes[voice] = note;
            self.last = voice;
            Some(Change::On { voice, note: e.data1, velocity: e.data2 })
        } else {
            let voice = self.notes[..self.poly].iter().position(|&n| n == note)?;
            self.notes[voice] = -1;
            Some(Change::Off { voice })
        }
    }
}

/// One stream of a Notein (or of its trigger keys).
pub struct Notein {
    voices: Voices,
    voice: usize,
    output: Output,
    scale: u8,
    value: f32,
    /// The note of transposition 1 (scale 2).
    central: f32,
}

impl Notein {
    fn build_voice_stream(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let output = if a.stream % 2 == 0 { Output::Pitch } else { Output::Velocity };
        Notein::build(a, output, a.stream / 2)
    }

    fn build(a: &StreamArgs<'_>, output: Output, voice: usize) -> Box<dyn Dsp> {
        Box::new(Notein {
            voices: Voices::new(a),
            voice,
            output,
            scale: a.number(1).clamp(0.0, 2.0) as u8,
            value: 0.0,
            central: a.number(7).clamp(0.0, 127.0) as i32 as f32,
        })
    }

    /// The pitch of a note as pyo's Notein gives it (measured).
    fn pitch(&self, note: u8) -> f32 {
        const SEMITONE: f32 = 1.059_463_1;
        match self.scale {
            1 => (8.175_798_915_6 * SEMITONE.powf(note as f32) as f64) as f32,
            2 => SEMITONE.powf(note as f32 - self.central),
            _ => note as f32,
        }
    }
}

impl Dsp for Notein {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let (out, trig) = super::tableread::split_trig(out, ctx.bs);
        trig.fill(0.0);
        let mut from = 0;
        for e in ctx.midi {
            let Some(change) = self.voices.apply(e) else { continue };
            // Events come sorted by frame.
            let at = (e.frame as usize).min(out.len());
            if at > from {
                out[from..at].fill(self.value);
                from = at;
            }
            let fired = match (change, self.output) {
                (Change::On { voice, note, .. }, Output::Pitch) if voice == self.voice => {
                    self.value = self.pitch(note);
                    true
                }
                (Change::On { voice, velocity, .. }, Output::Velocity) if voice == self.voice => {
                    self.value = velocity as f32 / 127.0;
                    false
                }
                (Change::Off { voice }, Output::Velocity) if voice == self.voice => {
                    self.value = 0.0;
                    true
                }
                _ => false,
            };
            // Two triggers on one frame are one trigger.
            if let (true, Some(t)) = (fired, trig.get_mut(at)) {
                *t = 1.0;
            }
        }
        out[from..].fill(self.value);
        Flow::Continue
    }

    /// setScale, setFirst, setLast, setChannel (every stream of the object
    /// gets them, so that all keep allocating voices alike).
    fn set_param(&mut self, index: usize, value: Param) {
        let Param::Const(v) = value else { return };
        match index {
            1 => self.scale = v.clamp(0.0, 2.0) as u8,
            2 => self.voices.first = v.clamp(0.0, 127.0) as u8,
            3 => self.voices.highest = v.clamp(0.0, 127.0) as u8,
            4 => self.voices.channel = v.clamp(0.0, 16.0) as u8,
            5 => self.voices.first_vel = v.clamp(0.0, 127.0) as u8,
            6 => self.voices.last_vel = v.clamp(0.0, 127.0) as u8,
            7 => self.central = v.clamp(0.0, 127.0) as i32 as f32,
            _ => {}
        }
    }
}
