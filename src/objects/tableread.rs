//! Objects that read tables: Osc, TableRead, TrigEnv (TableRec, which
//! writes them, is in tablerec.rs).

use super::node::{BlockCtx, Dsp, Extra, Flow, Param, Signal, StopMode};
use super::registry::{ClassSpec, KeyKind, KeySpec, ParamKind, ParamSpec, StreamArgs};
use super::table::Table;
use std::sync::Arc;

pub(crate) const TABLE: ParamSpec = ParamSpec {
    name: "table",
    default: 0.0,
    min: 0.0,
    max: 0.0,
    kind: ParamKind::Table,
    ctor: true,
    doc: "Table containing the waveform samples.",
};

const INTERP: ParamSpec = ParamSpec {
    name: "interp",
    default: 2.0,
    min: 1.0,
    max: 4.0,
    kind: ParamKind::Int,
    ctor: true,
    doc: "Interpolation: 1 none, 2 linear, 3 cosine, 4 cubic.",
};

pub use super::registry::as_written;

/// `obj['trig']` of TableRead: a trigger at each end of the table.
const TRIG_KEY: &[KeySpec] = &[KeySpec {
    name: "trig",
    kind: KeyKind::Output(1),
    doc: "A trigger (1.0 for one sample) at the sample where the reading wraps around (loop) or ends.",
}];

/// `obj['trig']` of TrigEnv.
const TRIGENV_KEY: &[KeySpec] = &[KeySpec {
    name: "trig",
    kind: KeyKind::Output(1),
    doc: "A trigger (1.0 for one sample) at the last sample of each envelope read to its end.",
}];

/// An empty table for a reader built without one (never happens through
/// the registry: table parameters are required).
pub(crate) fn empty_table(sr: f64) -> Arc<Table> {
    Arc::new(Table::zeros(1, sr))
}

/// pyo's interpolation methods, reading `t` at `ip + fr` (`ip + 1` at most
/// the guard point).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interp {
    None,
    Linear,
    Cosine,
    Cubic,
}

impl Interp {
    pub fn from_number(v: f32) -> Interp {
        match v as i32 {
            1 => Interp::None,
            3 => Interp::Cosine,
            4 => Interp::Cubic,
            _ => Interp::Linear,
        }
    }

    /// The value at `ip + fr` of a table of `size` points plus guard.
    #[inline(always)]
    pub fn read(self, t: &Table, size: usize, ip: usize, fr: f32) -> f32 {
        let a = t.get(ip);
        match self {
            Interp::None => a,
            Interp::Linear => a + (t.get(ip + 1) - a) * fr,
            Interp::Cosine => {
                // measured: m = (1 - cosf(f32(fr*π)))*0.5, a + (b-a)*m
                let m = (1.0 - ((fr as f64 * std::f64::consts::PI) as f32).cos()) * 0.5;
                a + (t.get(ip + 1) - a) * m
            }
            Interp::Cubic => {
                // Four-point Lagrange in this f32 order. The neighbours
                // missing at the ends are extrapolated, not wrapped (fitted
                // on a SndTable, whose ends do not meet): `2*x1 - x2` before
                // point 0, `2*x2 - x1` after the guard point (ip >= size-2).
                let x2 = t.get(ip + 1);
                let x0 = if ip == 0 { 2.0 * a - x2 } else { t.get(ip - 1) };
                let x3 = if ip + 2 >= size { 2.0 * x2 - a } else { t.get(ip + 2) };
                let mut a3 = (fr * fr - 1.0) / 6.0;
                let mut a2 = (fr + 1.0) * 0.5;
                let mut a0 = a2 - 1.0;
                let mut a1 = a3 * 3.0;
                a2 -= a1;
                a0 -= a3;
                a1 -= fr;
                a0 *= fr;
                a1 *= fr;
                a2 *= fr;
                a3 *= fr;
                a1 += 1.0;
                a0 * x0 + a1 * a + a2 * x2 + a3 * x3
            }
        }
    }
}

// ------------------------------------------------------------------ Osc ----

pub static OSC: ClassSpec = ClassSpec {
    name: "Osc",
    doc: "A simple oscillator reading a waveform table.",
    params: &[
        TABLE,
        ParamSpec {
            name: "freq",
            default: 1000.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Frequency in cycles per second.",
        },
        ParamSpec {
            name: "phase",
            default: 0.0,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Phase of sampling, expressed as a fraction of a cycle (0 to 1).",
        },
        INTERP,
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 1,
    build: Osc::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: super::registry::RESET_PHASE,
};

/// pyo's Osc, as measured: an f64 pointer in table points, advanced before
/// the read by `f32(freq*size)/sr` (the division in f64) for a constant
/// frequency or by
/// `f32(freq[i] * f32(size/sr))` for an audio-rate one, wrapped into
/// [0, size); the read position adds `f32(phase * size)` (wrapped once);
/// the fraction is rounded to f32.
pub struct Osc {
    table: Arc<Table>,
    freq: Param,
    phase: Param,
    interp: Interp,
    pointer: f64,
    sr: f64,
}

impl Osc {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(Osc {
            table: a.table(0).unwrap_or_else(|| empty_table(a.sr)),
            freq: a.param(1),
            phase: a.param(2),
            interp: Interp::from_number(a.number(3)),
            pointer: 0.0,
            sr: a.sr,
        })
    }
}

#[inline(always)]
fn wrap(pos: f64, size: f64) -> f64 {
    let mut pos = pos;
    if pos < 0.0 {
        pos += size * ((-pos / size).floor() + 1.0);
    }
    // Bounded: far past the table the remainder replaces the subtractions
    // (which would never end once `size` is below the number's precision).
    if pos >= size * 16.0 {
        pos %= size;
    }
    while pos >= size {
        pos -= size;
    }
    pos
}

#[inline(always)]
fn osc_loop(o: &mut Osc, out: &mut [f32], interp: Interp, step: impl Fn(usize) -> f64, phase: impl Fn(usize) -> f64) {
    let t = &*o.table;
    let size = t.size();
    if size == 0 {
        out.fill(0.0);
        return;
    }
    let fsize = size as f64;
    let mut ptr = o.pointer;
    for (i, y) in out.iter_mut().enumerate() {
        ptr = wrap(ptr + step(i), fsize);
        let mut pos = ptr + phase(i);
        if pos >= fsize {
            pos -= fsize;
        } else if pos < 0.0 {
            pos = wrap(pos, fsize);
        }
        let ip = (pos as usize).min(size - 1);
        let fr = (pos - ip as f64) as f32;
        *y = interp.read(t, size, ip, fr);
    }
    o.pointer = ptr;
}

impl Dsp for Osc {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let out = &mut out[..ctx.bs];
        let size = self.table.size();
        let fsize = size as f32;
        let scale = (size as f64 / self.sr) as f32;
        let const_step = |f: f32| (f * fsize) as f64 / self.sr;
        let interp = self.interp;
        match (ctx.graph.signal(&self.freq), ctx.graph.signal(&self.phase)) {
            (Signal::Const(f), Signal::Const(p)) => {
                let (st, ph) = (const_step(f), (p * fsize) as f64);
                osc_loop(self, out, interp, |_| st, |_| ph)
            }
            (Signal::Const(f), Signal::Audio(p)) => {
                let st = const_step(f);
                osc_loop(self, out, interp, |_| st, |i| (p[i] * fsize) as f64)
            }
            (Signal::Audio(f), Signal::Const(p)) => {
                let ph = (p * fsize) as f64;
                osc_loop(self, out, interp, |i| (f[i] * scale) as f64, |_| ph)
            }
            (Signal::Audio(f), Signal::Audio(p)) => {
                osc_loop(self, out, interp, |i| (f[i] * scale) as f64, |i| (p[i] * fsize) as f64)
            }
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match (index, value) {
            (1, v) => self.freq = v,
            (2, v) => self.phase = v,
            (3, Param::Const(v)) => self.interp = Interp::from_number(v),
            _ => {}
        }
    }

    fn call(&mut self, method: usize, _args: &[f32]) {
        if method == 0 {
            self.pointer = 0.0;
        }
    }

    fn set_extra(&mut self, index: usize, value: Extra) -> Option<Extra> {
        match (index, value) {
            (0, Extra::Table(t)) => Some(Extra::Table(std::mem::replace(&mut self.table, t))),
            (_, v) => Some(v),
        }
    }
}

// ------------------------------------------------------------ TableRead ----

/// A node's block split into its main output and its trigger stream
/// (output 1; empty when the node has no second output).
pub(crate) fn split_trig(out: &mut [f32], bs: usize) -> (&mut [f32], &mut [f32]) {
    let (main, rest) = out.split_at_mut(bs.min(out.len()));
    let n = bs.min(rest.len());
    (main, &mut rest[..n])
}

pub static TABLEREAD: ClassSpec = ClassSpec {
    name: "TableRead",
    doc: "Reads a table once (or in a loop) at a given frequency, started by play().",
    params: &[
        TABLE,
        ParamSpec {
            name: "freq",
            default: 1.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Frequency in cycles per second: readings of the whole table per second.",
        },
        ParamSpec {
            name: "loop",
            default: 0.0,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Int,
            ctor: true,
            doc: "Looping mode: 0 plays the table once, 1 loops.",
        },
        INTERP,
        ParamSpec {
            name: "keeplast",
            default: 0.0,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Int,
            ctor: false,
            doc: "setKeepLast: when true, the output holds its last value once the reading ends or stop() is \
                  called (otherwise 0).",
        },
    ],
    autoplay: false,
    audible: true,
    random_prime: None,
    outputs: 2,
    build: TableRead::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: TRIG_KEY,
    methods: super::registry::RESET_PHASE,
};

/// pyo's TableRead, as measured: an f64 pointer in table points starting at
/// 0 on play(), read, then advanced by `f32(freq*size)/f32(sr)` (f32
/// arithmetic) for a constant frequency or by
/// `f32(freq[i] * f32(size/sr))` for an audio-rate one; at the end it wraps
/// (loop) or stops.
pub struct TableRead {
    table: Arc<Table>,
    freq: Param,
    looping: bool,
    interp: Interp,
    pointer: f64,
    done: bool,
    sr: f64,
    keep_last: bool,
    /// The last value read (held after the end with keeplast).
    last: f32,
}

impl TableRead {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(TableRead {
            table: a.table(0).unwrap_or_else(|| empty_table(a.sr)),
            freq: a.param(1),
            looping: a.number(2) != 0.0,
            interp: Interp::from_number(a.number(3)),
            pointer: 0.0,
            done: false,
            sr: a.sr,
            keep_last: false,
            last: 0.0,
        })
    }

    /// One block into `out`, with the trigger stream in `trig` (1 at the
    /// sample where the pointer wraps or the reading ends, as pyo's).
    #[inline(always)]
    fn run(&mut self, out: &mut [f32], trig: &mut [f32], step: impl Fn(usize) -> f64) {
        let t = &*self.table;
        let size = t.size();
        let fsize = size as f64;
        let mut ptr = self.pointer;
        trig.fill(0.0);
        let mut hold = if self.keep_last { self.last } else { 0.0 };
        for (i, y) in out.iter_mut().enumerate() {
            if self.done || size == 0 {
                *y = hold;
                continue;
            }
            if ptr >= fsize || ptr < 0.0 {
                if let Some(tr) = trig.get_mut(i) {
                    *tr = 1.0;
                }
                if self.looping {
                    ptr = wrap(ptr, fsize);
                } else {
                    self.done = true;
                    *y = hold;
                    continue;
                }
            }
            let ip = (ptr as usize).min(size - 1);
            *y = self.interp.read(t, size, ip, (ptr - ip as f64) as f32);
            self.last = *y;
            hold = if self.keep_last { *y } else { 0.0 };
            ptr += step(i);
        }
        self.pointer = ptr;
    }
}

impl Dsp for TableRead {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let (out, trig) = split_trig(out, ctx.bs);
        if self.done {
            // The block after the end: silent (or the held value), then
            // the stream stops, its buffer kept for its readers.
            out.fill(if self.keep_last { self.last } else { 0.0 });
            trig.fill(0.0);
            return Flow::Finished;
        }
        let size = self.table.size() as f64;
        let sr = self.sr;
        match ctx.graph.signal(&self.freq) {
            Signal::Const(f) => {
                // All f32: f32(freq * size) / sr (47.3 Hz over 882 points
                // is 0.9459999, not the f64 quotient's 0.946).
                let st = (f * size as f32 / sr as f32) as f64;
                self.run(out, trig, |_| st)
            }
            Signal::Audio(f) => {
                let scale = (size / sr) as f32;
                self.run(out, trig, |i| (f[i] * scale) as f64)
            }
        }
        Flow::Continue
    }

    fn stop(&mut self) -> StopMode {
        if self.keep_last {
            // pyo: the buffer holds the last value read, without mul/add.
            StopMode::Hold(self.last)
        } else {
            StopMode::Now
        }
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match (index, value) {
            (1, v) => self.freq = v,
            (2, Param::Const(v)) => self.looping = v != 0.0,
            (3, Param::Const(v)) => self.interp = Interp::from_number(v),
            (4, Param::Const(v)) => self.keep_last = v != 0.0,
            _ => {}
        }
    }

    fn play(&mut self) {
        self.pointer = 0.0;
        self.done = false;
    }

    fn call(&mut self, method: usize, _args: &[f32]) {
        if method == 0 {
            self.pointer = 0.0;
        }
    }

    fn set_extra(&mut self, index: usize, value: Extra) -> Option<Extra> {
        match (index, value) {
            (0, Extra::Table(t)) => Some(Extra::Table(std::mem::replace(&mut self.table, t))),
            (_, v) => Some(v),
        }
    }
}

// -------------------------------------------------------------- TrigEnv ----

pub static TRIGENV: ClassSpec = ClassSpec {
    name: "TrigEnv",
    doc: "Reads an envelope table in dur seconds each time it receives a trigger.",
    params: &[
        ParamSpec {
            name: "input",
            default: 0.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Input,
            ctor: true,
            doc: "Audio signal sending triggers (samples equal to 1).",
        },
        ParamSpec { doc: "Table containing the envelope.", ..TABLE },
        ParamSpec {
            name: "dur",
            default: 1.0,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Audio,
            ctor: true,
            doc: "Duration in seconds of the envelope (read at each trigger).",
        },
        INTERP,
    ],
    autoplay: true,
    audible: true,
    random_prime: None,
    outputs: 2,
    build: TrigEnv::build,
    table: None,
    layout: crate::objects::registry::Layout::PerArg,
    keys: TRIGENV_KEY,
    methods: &[],
};

/// pyo's TrigEnv, as measured: a trigger (an input sample equal to 1)
/// restarts an f64 pointer at 0 that steps by `f32(size) / (f32(dur) *
/// f32(sr))` (f32); it reads, then steps, and outputs 0 once past the end.
pub struct TrigEnv {
    input: Param,
    table: Arc<Table>,
    dur: Param,
    interp: Interp,
    pointer: f64,
    step: f64,
    active: bool,
    sr: f32,
}

impl TrigEnv {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        Box::new(TrigEnv {
            input: a.param(0),
            table: a.table(1).unwrap_or_else(|| empty_table(a.sr)),
            dur: a.param(2),
            interp: Interp::from_number(a.number(3)),
            pointer: 0.0,
            step: 0.0,
            active: false,
            sr: a.sr as f32,
        })
    }

    #[inline(always)]
    fn run(&mut self, out: &mut [f32], trig: &mut [f32], input: Signal<'_>, dur: impl Fn(usize) -> f32) {
        let t = &*self.table;
        let size = t.size();
        let fsize = size as f64;
        trig.fill(0.0);
        for (i, y) in out.iter_mut().enumerate() {
            if input.at(i) == 1.0 {
                self.active = true;
                self.pointer = 0.0;
                self.step = (size as f32 / (dur(i) * self.sr)) as f64;
            }
            if !self.active || size == 0 {
                *y = 0.0;
                continue;
            }
            if self.pointer >= fsize || self.pointer < 0.0 || self.pointer.is_nan() {
                self.active = false;
                *y = 0.0;
                continue;
            }
            let ip = (self.pointer as usize).min(size - 1);
            *y = self.interp.read(t, size, ip, (self.pointer - ip as f64) as f32);
            self.pointer += self.step;
            if self.pointer >= fsize {
                // pyo: the trigger goes with the last sample read.
                if let Some(tr) = trig.get_mut(i) {
                    *tr = 1.0;
                }
            }
        }
    }
}

impl Dsp for TrigEnv {
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        let (out, trig) = split_trig(out, ctx.bs);
        let input = ctx.graph.signal(&self.input);
        match ctx.graph.signal(&self.dur) {
            Signal::Const(d) => self.run(out, trig, input, |_| d),
            Signal::Audio(d) => self.run(out, trig, input, |i| d.get(i).copied().unwrap_or(1.0)),
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match (index, value) {
            (0, v) => self.input = v,
            (2, v) => self.dur = v,
            (3, Param::Const(v)) => self.interp = Interp::from_number(v),
            _ => {}
        }
    }

    fn set_extra(&mut self, index: usize, value: Extra) -> Option<Extra> {
        match (index, value) {
            (1, Extra::Table(t)) => Some(Extra::Table(std::mem::replace(&mut self.table, t))),
            (_, v) => Some(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_written_recovers_short_decimals() {
        for (v, want) in [
            (130.3f32, 130.3f64),
            (-441.7, -441.7),
            (0.1, 0.1),
            (1.0 / 3.0, 0.33333334),
            (1e-7, 1e-7),
            (44100.0, 44100.0),
        ] {
            assert_eq!(as_written(v), want, "{v}");
        }
    }
}
