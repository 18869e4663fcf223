//! MIDI-driven objects besides Notein: MidiAdsr (an envelope triggered by a
//! velocity stream), and the controller readers Midictl, Bendin, Touchin
//! and Programin, fed by the server's MIDI events of each block at their
//! frame offsets (pyo's own events all act at frame 0).
//!
//! Measured on pyo 1.1.0 (tests/golden/cases_midi.py and probes):
//! - MidiAdsr starts an attack on the sample where its input goes from 0 to
//!   a value > 0 while it is off (that value is the peak; from a negative
//!   value too) and a release where it is exactly 0 while on; other
//!   changes (a new non-zero value, a negative value) do nothing. Like Adsr: an f64 clock adding f32(1/sr) per sample (the
//!   first sample of a segment has t = 0), times clamped to >= 1e-6 and used
//!   through their f32 reciprocals, each value computed in f64 and rounded
//!   once: attack `from + (peak - from)*(t/a)`, decay `sus + (peak -
//!   sus)*((a + d - t)/d)`, then `sus`; release `from*(1 - t/r)`, then 0.
//!   A release starts from the envelope's current value, but an attack
//!   from its value one block earlier at the same frame (pyo reads its
//!   buffer before overwriting it: with buffersize 1 that is the previous
//!   sample); `peak - from` and `peak - sus` are f32. At the trigger
//!   it stores `sus = f32(peak*sustain)` (sustain clamped to [0, 1]) and,
//!   for `exp`, `scale = powf(peak, 1/exp)/peak` (f32): later setSustain or
//!   setExp calls change neither until the next trigger. The output is the
//!   value itself when exp is 1, else `powf(value*scale, exp)` (=
//!   `peak*(value/peak)^exp`). Times are read every block.
//! - Midictl and Touchin: `f32(min + f64(f32(max - min))*(value/127.0))`
//!   computed when the message arrives (setMinScale/setMaxScale show at the
//!   next message); `init` and setValue give the raw output value.
//!   setInterpolation is a no-op in pyo 1.1.0 (deprecated): no ramps.
//! - Bendin: `semitones = f32(bend - 8192)/8192*brange` (bend = 14-bit,
//!   data2*128 + data1); scale 1 gives `powf(1.0594631, semitones)`.
//!   Starts at 0 (scale 0) or 1 (scale 1); setBrange/setScale show at the
//!   next message.
//! - Touchin reads channel pressure (0xD0, data1), not polyphonic
//!   aftertouch. Programin outputs the raw program number (0xC0), from 0.
//! - `channel` n (1 to 16) accepts only status low nibble n - 1; 0 accepts all.

use super::filters::INPUT;
use super::node::{BlockCtx, Dsp, Flow, Param, Signal};
use super::registry::{ClassSpec, Layout, ParamKind, ParamSpec, StreamArgs};
use crate::midi::MidiEvent;

const fn spec(name: &'static str, default: f64, min: f64, max: f64, kind: ParamKind, doc: &'static str) -> ParamSpec {
    ParamSpec { name, default, min, max, kind, ctor: true, doc }
}

const fn class(
    name: &'static str,
    doc: &'static str,
    params: &'static [ParamSpec],
    build: fn(&StreamArgs<'_>) -> Box<dyn Dsp>,
) -> ClassSpec {
    ClassSpec {
        name,
        doc,
        params,
        autoplay: true,
        // pyo: "The out() method is bypassed".
        audible: false,
        random_prime: None,
        outputs: 1,
        build,
        table: None,
        layout: Layout::PerArg,
        keys: &[],
        methods: &[],
    }
}

const CHANNEL: ParamSpec =
    spec("channel", 0.0, 0.0, 16.0, ParamKind::Int, "MIDI channel (1 to 16) to listen to, 0 for all channels.");
const MINSCALE: ParamSpec = spec(
    "minscale",
    0.0,
    f64::NEG_INFINITY,
    f64::INFINITY,
    ParamKind::Float,
    "Output for a value of 0 (used from the next message on).",
);
const MAXSCALE: ParamSpec = spec(
    "maxscale",
    1.0,
    f64::NEG_INFINITY,
    f64::INFINITY,
    ParamKind::Float,
    "Output for a value of 127 (used from the next message on).",
);
const INIT: ParamSpec = spec(
    "init",
    0.0,
    f64::NEG_INFINITY,
    f64::INFINITY,
    ParamKind::Float,
    "Output before the first message (not scaled).",
);
const VALUE: ParamSpec = ParamSpec {
    name: "value",
    default: 0.0,
    min: f64::NEG_INFINITY,
    max: f64::INFINITY,
    kind: ParamKind::Float,
    ctor: false,
    doc: "Sets the current output (setValue), not scaled; the next message replaces it.",
};

/// Whether a message's channel passes a `channel` setting (0 = all).
#[inline]
fn on_channel(status: u8, channel: u8) -> bool {
    channel == 0 || status & 0x0F == channel.wrapping_sub(1)
}

fn constant(p: Param) -> Option<f32> {
    match p {
        Param::Const(v) => Some(v),
        Param::Audio(_) => None,
    }
}

fn channel_of(v: f32) -> u8 {
    v.clamp(0.0, 16.0) as u8
}

/// pyo's mapping of a 7-bit controller value into [min, max].
#[inline]
fn scale7(min: f32, max: f32, value: u8) -> f32 {
    (min as f64 + (max - min) as f64 * (value as f64 / 127.0)) as f32
}

/// Fills `out` with a held value that changes at the frame of each message
/// `decode` turns into a new value.
#[inline]
fn hold_events(
    out: &mut [f32],
    midi: &[MidiEvent],
    value: &mut f32,
    mut decode: impl FnMut(&MidiEvent) -> Option<f32>,
) {
    let mut from = 0;
    for e in midi {
        let Some(v) = decode(e) else { continue };
        let at = (e.frame as usize).clamp(from, out.len());
        out[from..at].fill(*value);
        from = at;
        *value = v;
    }
    out[from..].fill(*value);
}

// ---------------------------------------------------------------- Midictl --

pub static MIDICTL: ClassSpec = class(
    "Midictl",
    "Current value of a MIDI controller, mapped into [minscale, maxscale].",
    &[
        spec("ctlnumber", 0.0, 0.0, 127.0, ParamKind::Int, "Controller number (0 to 127)."),
        MINSCALE,
        MAXSCALE,
        INIT,
        CHANNEL,
        VALUE,
    ],
    Midictl::build,
);

pub static TOUCHIN: ClassSpec = class(
    "Touchin",
    "Current value of the channel aftertouch (pressure), mapped into [minscale, maxscale].",
    &[MINSCALE, MAXSCALE, INIT, CHANNEL],
    Midictl::build_touch,
);

/// Midictl, or Touchin (`ctl` None: channel pressure messages).
pub struct Midictl {
    ctl: Option<u8>,
    min: f32,
    max: f32,
    channel: u8,
    value: f32,
}

impl Midictl {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Midictl {
            ctl: Some(a.number(0).clamp(0.0, 127.0) as u8),
            min: a.number(1),
            max: a.number(2),
            value: a.number(3),
            channel: channel_of(a.number(4)),
        })
    }

    fn build_touch(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Midictl {
            ctl: None,
            min: a.number(0),
            max: a.number(1),
            value: a.number(2),
            channel: channel_of(a.number(3)),
        })
    }
}

impl Dsp for Midictl {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let (ctl, min, max, channel) = (self.ctl, self.min, self.max, self.channel);
        hold_events(out, ctx.midi, &mut self.value, |e| {
            if !on_channel(e.status, channel) {
                return None;
            }
            match ctl {
                Some(c) if e.status & 0xF0 == 0xB0 && e.data1 == c => Some(scale7(min, max, e.data2)),
                None if e.status & 0xF0 == 0xD0 => Some(scale7(min, max, e.data1)),
                _ => None,
            }
        });
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        let Some(v) = constant(value) else { return };
        // Touchin has no ctlnumber: its indices are one lower.
        let index = if self.ctl.is_some() { index } else { index + 1 };
        match index {
            0 => self.ctl = Some(v.clamp(0.0, 127.0) as u8),
            1 => self.min = v,
            2 => self.max = v,
            4 => self.channel = channel_of(v),
            5 => self.value = v,
            _ => {}
        }
    }
}

// ----------------------------------------------------------------- Bendin --

pub static BENDIN: ClassSpec = class(
    "Bendin",
    "Current pitch bend, in semitones (-brange to brange) or as a transposition factor.",
    &[
        spec("brange", 2.0, 0.0, f64::INFINITY, ParamKind::Float, "Range of the bend in semitones, each way."),
        spec("scale", 0.0, 0.0, 1.0, ParamKind::Int, "Output as 0: semitones, 1: transposition factor."),
        CHANNEL,
    ],
    Bendin::build,
);

pub struct Bendin {
    brange: f32,
    transpo: bool,
    channel: u8,
    value: f32,
}

impl Bendin {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let transpo = a.number(1) >= 1.0;
        Box::new(Bendin {
            brange: a.number(0),
            transpo,
            channel: channel_of(a.number(2)),
            value: if transpo { 1.0 } else { 0.0 },
        })
    }
}

impl Dsp for Bendin {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let (brange, transpo, channel) = (self.brange, self.transpo, self.channel);
        hold_events(out, ctx.midi, &mut self.value, |e| {
            if e.status & 0xF0 != 0xE0 || !on_channel(e.status, channel) {
                return None;
            }
            let bend = ((e.data2 as i32) << 7 | e.data1 as i32) - 8192;
            let semitones = bend as f32 / 8192.0 * brange;
            Some(if transpo { 1.059_463_1f32.powf(semitones) } else { semitones })
        });
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        let Some(v) = constant(value) else { return };
        match index {
            0 => self.brange = v,
            1 => self.transpo = v >= 1.0,
            2 => self.channel = channel_of(v),
            _ => {}
        }
    }
}

// -------------------------------------------------------------- Programin --

pub static PROGRAMIN: ClassSpec =
    class("Programin", "Current MIDI program number (program change messages), 0 to 127.", &[CHANNEL], |a| {
        Box::new(Programin { channel: channel_of(a.number(0)), value: 0.0 })
    });

pub struct Programin {
    channel: u8,
    value: f32,
}

impl Dsp for Programin {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let channel = self.channel;
        hold_events(out, ctx.midi, &mut self.value, |e| {
            (e.status & 0xF0 == 0xC0 && on_channel(e.status, channel)).then_some(e.data1 as f32)
        });
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        if let (0, Some(v)) = (index, constant(value)) {
            self.channel = channel_of(v);
        }
    }
}

// --------------------------------------------------------------- MidiAdsr --

const fn time(name: &'static str, default: f64, doc: &'static str) -> ParamSpec {
    spec(name, default, 0.0, f64::INFINITY, ParamKind::Float, doc)
}

pub static MIDIADSR: ClassSpec = class(
    "MidiAdsr",
    "ADSR envelope started when its input rises from 0 (the value is the peak), released when it returns to 0.",
    &[
        INPUT,
        time("attack", 0.01, "Duration of the attack phase in seconds."),
        time("decay", 0.05, "Duration of the decay phase in seconds."),
        spec(
            "sustain",
            0.7,
            0.0,
            1.0,
            ParamKind::Float,
            "Sustain amplitude as a fraction of the peak (read when the envelope starts).",
        ),
        time("release", 0.1, "Duration of the release phase in seconds."),
        ParamSpec {
            name: "exp",
            default: 1.0,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: false,
            doc: "Exponent of the segments (setExp), 1 is linear; read when the envelope starts.",
        },
    ],
    MidiAdsr::build,
);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Idle,
    Attack,
    Release,
}

pub struct MidiAdsr {
    input: Param,
    attack: f32,
    decay: f32,
    sustain: f32,
    release: f32,
    exp: f32,
    step: f64,
    stage: Stage,
    /// Seconds since the segment (attack or release) started.
    time: f64,
    /// The envelope's value when the segment started.
    from: f64,
    /// The sustain level, `peak - from`, `peak - sus` and the exp scale,
    /// stored at the trigger (the differences in f32).
    sus: f32,
    rise: f64,
    fall: f64,
    scale: f32,
    /// The envelope before `exp`.
    value: f32,
    /// The envelope before `exp` of the last block, sample by sample: an
    /// attack starts from the value at its own frame one block earlier.
    lin: Box<[f32]>,
    /// Between a trigger and the next release.
    on: bool,
}

impl MidiAdsr {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let mut e = MidiAdsr {
            input: a.param(0),
            attack: 0.01,
            decay: 0.05,
            sustain: 0.7,
            release: 0.1,
            exp: 1.0,
            step: (1.0 / a.sr) as f32 as f64,
            stage: Stage::Idle,
            time: 0.0,
            from: 0.0,
            sus: 0.0,
            rise: 0.0,
            fall: 0.0,
            scale: 1.0,
            value: 0.0,
            lin: vec![0.0; a.bs].into_boxed_slice(),
            on: false,
        };
        for i in 1..6 {
            e.set_param(i, a.param(i));
        }
        Box::new(e)
    }
}

/// Times as pyo uses them: clamped to >= 1e-6, with their f32 reciprocals.
fn times(x: f32) -> (f64, f64) {
    let x = x.max(1e-6);
    (x as f64, (1.0f32 / x) as f64)
}

impl Dsp for MidiAdsr {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        match ctx.graph.signal(&self.input) {
            Signal::Const(v) => self.run(out, |_| v),
            Signal::Audio(b) => self.run(out, |i| b.get(i).copied().unwrap_or(0.0)),
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        if index == 0 {
            self.input = value;
            return;
        }
        let Some(v) = constant(value) else { return };
        match index {
            1 => self.attack = v,
            2 => self.decay = v,
            3 => self.sustain = v.clamp(0.0, 1.0),
            4 => self.release = v,
            5 => self.exp = v,
            _ => {}
        }
    }
}

impl MidiAdsr {
    /// One block, the input read through `input(frame)`.
    #[inline(always)]
    fn run(&mut self, out: &mut [f32], input: impl Fn(usize) -> f32) {
        let (a, inv_a) = times(self.attack);
        let (d, inv_d) = times(self.decay);
        let (r, inv_r) = times(self.release);
        let ad = a + d;
        let exp = self.exp;
        for (i, (y, lin)) in out.iter_mut().zip(self.lin.iter_mut()).enumerate() {
            let x = input(i);
            if x > 0.0 && !self.on {
                self.on = true;
                self.stage = Stage::Attack;
                self.time = 0.0;
                self.from = *lin as f64;
                self.rise = (x - *lin) as f64;
                self.sus = x * self.sustain;
                self.fall = (x - self.sus) as f64;
                self.scale = x.powf(1.0 / exp) / x;
            } else if x == 0.0 && self.on {
                self.on = false;
                self.stage = Stage::Release;
                self.time = 0.0;
                self.from = self.value as f64;
            }
            let t = self.time;
            let v = match self.stage {
                Stage::Idle => 0.0,
                Stage::Attack => {
                    if t < a {
                        self.from + self.rise * (t * inv_a)
                    } else if t < ad {
                        self.sus as f64 + self.fall * ((ad - t) * inv_d)
                    } else {
                        self.sus as f64
                    }
                }
                Stage::Release => {
                    if t < r {
                        (self.from * (1.0 - t * inv_r)).max(0.0)
                    } else {
                        0.0
                    }
                }
            };
            if self.stage != Stage::Idle {
                self.time = t + self.step;
            }
            self.value = v as f32;
            *lin = self.value;
            *y = if exp == 1.0 { self.value } else { (self.value * self.scale).powf(exp) };
        }
    }
}
