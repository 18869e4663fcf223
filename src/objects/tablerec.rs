//! TableRec: records an audio signal into a table.

use super::node::{BlockCtx, Dsp, Extra, Flow, Param};
use super::registry::{ClassSpec, KeyKind, KeySpec, ParamKind, ParamSpec, StreamArgs};
use super::table::Table;
use super::tableread::{as_written, empty_table, TABLE};
use std::sync::Arc;

// ------------------------------------------------------------- TableRec ----

/// `obj['trig']` and `obj['time']` of TableRec.
const TABLEREC_KEYS: &[KeySpec] = &[
    KeySpec {
        name: "trig",
        kind: KeyKind::Output(1),
        doc: "A trigger (1.0 for one sample) at the sample that writes the last point of the table.",
    },
    KeySpec {
        name: "time",
        kind: KeyKind::Output(2),
        doc: "The recording time in samples: the point written at each sample, then the table size once full.",
    },
];

pub static TABLEREC: ClassSpec = ClassSpec {
    name: "TableRec",
    doc: "Records an audio signal into a table (from its start until it is full), started by play().",
    params: &[
        ParamSpec {
            name: "input",
            default: 0.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Input,
            ctor: true,
            doc: "Audio signal to write in the table.",
        },
        ParamSpec { doc: "The table where to write samples.", ..TABLE },
        ParamSpec {
            name: "fadetime",
            default: 0.0,
            min: 0.0,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Fade time at the beginning and the end of the recording, in seconds.",
        },
    ],
    autoplay: false,
    audible: false,
    random_prime: None,
    outputs: 3,
    build: TableRec::build,
    table: None,
    // pyo: one stream per channel of the table, stream i recording input
    // stream i (wrapping); more input streams than channels are not recorded.
    layout: crate::objects::registry::Layout::Count(1),
    keys: TABLEREC_KEYS,
    methods: &[],
};

/// pyo's TableRec, as measured: point `i` of the table gets `input *
/// gain`, gain = min(f32(i)/f32(F), f32(size-1-i)/f32(F), 1) with
/// F = int(fadetime*sr) (no fade when F is 0); the recording ends when the
/// table is full. Its own output is silent.
pub struct TableRec {
    input: Param,
    table: Arc<Table>,
    fade: usize,
    pos: usize,
    sr: f64,
}

impl TableRec {
    fn build(a: &StreamArgs<'_>) -> Box<dyn Dsp> {
        let mut r = TableRec {
            input: a.param(0),
            table: a.table(1).unwrap_or_else(|| empty_table(a.sr)),
            fade: 0,
            pos: 0,
            sr: a.sr,
        };
        r.set_param(2, a.param(2));
        Box::new(r)
    }
}

impl Dsp for TableRec {
    /// Writes the input into the table; output 1 is the trigger stream,
    /// output 2 the time stream. pyo's recorder goes on running once the
    /// table is full (time holds the size).
    fn process(&mut self, out: &mut [f32], ctx: &mut BlockCtx<'_>) -> Flow {
        out.fill(0.0);
        let bs = ctx.bs;
        let (_, rest) = out.split_at_mut(bs.min(out.len()));
        let (trig, time) = rest.split_at_mut(bs.min(rest.len()));
        let input = ctx.graph.signal(&self.input);
        let t = &*self.table;
        let size = t.size();
        let fade = self.fade as f32;
        let feedback = t.feedback();
        let full = self.pos >= size;
        for i in 0..bs {
            if self.pos >= size {
                if let Some(y) = time.get_mut(i) {
                    *y = self.pos as f32;
                }
                continue;
            }
            let x = input.at(i);
            let p = self.pos;
            let v = if self.fade > 0 {
                let g = (p as f32 / fade).min((size - 1 - p) as f32 / fade).min(1.0);
                x * g
            } else {
                x
            };
            // pyo: a recording keeps `feedback` of what was there.
            t.set(p, if feedback != 0.0 { v + t.get(p) * feedback } else { v });
            if let Some(y) = time.get_mut(i) {
                *y = p as f32;
            }
            self.pos += 1;
            if self.pos >= size {
                if let Some(y) = trig.get_mut(i) {
                    *y = 1.0;
                }
            }
        }
        if self.pos >= size && !full {
            // The guard point follows the first point once the table is full.
            t.set(size, t.get(0));
        }
        Flow::Continue
    }

    fn set_param(&mut self, index: usize, value: Param) {
        match (index, value) {
            (0, v) => self.input = v,
            (2, Param::Const(v)) => self.fade = (as_written(v.max(0.0)) * self.sr) as usize,
            _ => {}
        }
    }

    fn play(&mut self) {
        self.pos = 0;
    }

    /// Once stopped, the time stream holds the position reached (measured).
    fn held_output(&self, k: usize) -> Option<f32> {
        (k == 2).then_some(self.pos as f32)
    }

    fn set_extra(&mut self, index: usize, value: Extra) -> Option<Extra> {
        match (index, value) {
            (1, Extra::Table(t)) => {
                self.pos = 0;
                Some(Extra::Table(std::mem::replace(&mut self.table, t)))
            }
            (_, v) => Some(v),
        }
    }
}
