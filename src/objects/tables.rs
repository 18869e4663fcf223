//! Table classes: objects that hold a table of samples (pyo's
//! PyoTableObject) for Osc, TableRead, TrigEnv and TableRec to use.
//!
//! Each builder reproduces pyo 1.1.0's arithmetic as measured against
//! `getTable()` and against Osc renders (the guard point):
//! HarmTable, HannTable, LinTable and ExpTable bit for bit; CosTable within
//! one f32 ulp on some points (see [`cos_segment`]).

use super::node::{BlockCtx, Dsp, Flow, Param};
use super::registry::{ClassSpec, ParamKind, ParamSpec, StreamArgs};
use super::table::Table;
use crate::error::{Error, Result};

/// The largest table a builder makes (2^26 points, 256 MB of f32).
const MAX_SIZE: usize = 1 << 26;

/// The DSP a table class never runs (table objects have no streams).
pub struct Silent;

impl Dsp for Silent {
    fn process(&mut self, out: &mut [f32], _ctx: &mut BlockCtx<'_>) -> Flow {
        out.fill(0.0);
        Flow::Continue
    }
    fn set_param(&mut self, _index: usize, _value: Param) {}
}

fn silent(_a: &StreamArgs<'_>) -> Box<dyn Dsp> {
    Box::new(Silent)
}

const SIZE: ParamSpec = ParamSpec {
    name: "size",
    default: 8192.0,
    min: 2.0,
    max: MAX_SIZE as f64,
    kind: ParamKind::Int,
    ctor: true,
    doc: "Table size in samples.",
};

const POINTS_DOC: &str =
    "List of (index, value) points, indices increasing (whole numbers); past the last point the table holds zeros.";

/// The (index, value) points of LinTable, CosTable and ExpTable.
const POINTS: ParamSpec = ParamSpec {
    name: "list",
    default: 0.0,
    min: f64::NEG_INFINITY,
    max: f64::INFINITY,
    kind: ParamKind::Pairs,
    ctor: true,
    doc: POINTS_DOC,
};

/// The `size` argument, checked.
fn size_of(a: &StreamArgs<'_>, i: usize, class: &str) -> Result<usize> {
    let v = a.number(i);
    if !(v >= 2.0 && v <= MAX_SIZE as f32) {
        return Err(Error::invalid(format!("{class}: size must be between 2 and {MAX_SIZE}, not {v}")));
    }
    Ok(v as usize)
}

/// Samples plus the guard point, as a Table.
fn finish(mut data: Vec<f32>, guard: f32, sr: f64) -> Table {
    data.push(guard);
    Table::from_samples(&data, sr)
}

// ------------------------------------------------------------ HarmTable ----

pub static HARMTABLE: ClassSpec = ClassSpec {
    name: "HarmTable",
    doc: "Harmonic waveform generator: a weighted sum of sine harmonics 1, 2, 3, ...",
    params: &[
        ParamSpec {
            name: "list",
            default: 0.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::List,
            ctor: true,
            doc: "Relative strengths of the harmonics 1, 2, 3, ... Defaults to [1, 0].",
        },
        SIZE,
    ],
    autoplay: false,
    audible: false,
    random_prime: None,
    outputs: 1,
    build: silent,
    table: Some(harm_table),
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// `data[i] = Σ a_j sinf(f32((j+1)*i) * f32(2π/size))` summed in f32,
/// guard point = data[0].
fn harm_table(a: &StreamArgs<'_>) -> Result<Table> {
    let size = size_of(a, 1, "HarmTable")?;
    let list = match a.list(0) {
        [] => &[1.0, 0.0][..],
        l => l,
    };
    let factor = (std::f64::consts::TAU / size as f64) as f32;
    let data: Vec<f32> = (0..size)
        .map(|i| {
            let mut v = 0.0f32;
            for (j, amp) in list.iter().enumerate() {
                v += amp * (((j + 1) * i) as f32 * factor).sin();
            }
            v
        })
        .collect();
    let guard = data[0];
    Ok(finish(data, guard, a.sr))
}

// ------------------------------------------------------------ HannTable ----

pub static HANNTABLE: ClassSpec = ClassSpec {
    name: "HannTable",
    doc: "Hanning window function.",
    params: &[SIZE],
    autoplay: false,
    audible: false,
    random_prime: None,
    outputs: 1,
    build: silent,
    table: Some(hann_table),
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// pyo's window starts one point in: `data[i] = 0.5 + 0.5*cosf(f32(2π(i -
/// size/2 + 1)/size))`, the peak at size/2 - 1, the last point 0; guard
/// point = data[0].
fn hann_table(a: &StreamArgs<'_>) -> Result<Table> {
    let size = size_of(a, 0, "HannTable")?;
    let half = (size / 2) as i64;
    let data: Vec<f32> = (0..size as i64)
        .map(|i| {
            let arg = (std::f64::consts::TAU * (i - half + 1) as f64 / size as f64) as f32;
            0.5 + 0.5 * arg.cos()
        })
        .collect();
    let guard = data[0];
    Ok(finish(data, guard, a.sr))
}

// ------------------------------------------------- Lin/Cos/ExpTable -------

/// The (index, value) points of a breakpoint table; `default` when the list
/// is empty. Indices are whole numbers (truncated), as pyo asks.
fn points(a: &StreamArgs<'_>, i: usize, default: &[(i64, f32)]) -> Vec<(i64, f32)> {
    let flat = a.list(i);
    if flat.len() < 2 {
        return default.to_vec();
    }
    flat.chunks_exact(2).map(|p| (p[0] as i64, p[1])).collect()
}

/// The table size: pyo enlarges it to the last point + 1 when that point
/// lies past `size`.
fn breakpoint_size(pts: &[(i64, f32)], size: usize, class: &str) -> Result<usize> {
    let last = pts.last().map(|p| p.0).unwrap_or(0);
    let size = if last > size as i64 { (last + 1) as usize } else { size };
    if size > MAX_SIZE {
        return Err(Error::invalid(format!("{class}: the last point lies past {MAX_SIZE}")));
    }
    Ok(size)
}

/// Calls `fill(k, n, y0, y1)` for every point of every segment that lies
/// inside the table, and stores what it gives.
fn segments(data: &mut [f32], pts: &[(i64, f32)], mut fill: impl FnMut(usize, usize, f32, f32) -> f32) {
    for w in pts.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        if x1 <= x0 || x0 < 0 {
            continue;
        }
        let n = (x1 - x0) as usize;
        for k in 0..n {
            let Some(slot) = data.get_mut(x0 as usize + k) else { break };
            *slot = fill(k, n, y0, y1);
        }
    }
}

/// Lin and Cos tables: the last point's value is written at its index
/// (clamped to the table), and the guard point repeats the last point.
fn end_with_last_point(mut data: Vec<f32>, pts: &[(i64, f32)], sr: f64) -> Table {
    if let Some(&(x, y)) = pts.last() {
        if x >= 0 {
            let i = (x as usize).min(data.len() - 1);
            data[i] = y;
        }
    }
    let guard = data[data.len() - 1];
    finish(data, guard, sr)
}

pub static LINTABLE: ClassSpec = ClassSpec {
    name: "LinTable",
    doc: "Table built from straight line segments between (index, value) points.",
    params: &[POINTS, SIZE],
    autoplay: false,
    audible: false,
    random_prime: None,
    outputs: 1,
    build: silent,
    table: Some(lin_table),
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// Per segment, in f32: `step = (y1 - y0)/n`, `data[x0+k] = y0 + step*k`.
fn lin_table(a: &StreamArgs<'_>) -> Result<Table> {
    let pts = points(a, 0, &[(0, 0.0), (8191, 1.0)]);
    let size = breakpoint_size(&pts, size_of(a, 1, "LinTable")?, "LinTable")?;
    let mut data = vec![0.0f32; size];
    segments(&mut data, &pts, |k, n, y0, y1| {
        let step = (y1 - y0) / n as f32;
        y0 + step * k as f32
    });
    Ok(end_with_last_point(data, &pts, a.sr))
}

pub static COSTABLE: ClassSpec = ClassSpec {
    name: "CosTable",
    doc: "Table built from cosine-interpolated segments between (index, value) points.",
    params: &[POINTS, SIZE],
    autoplay: false,
    audible: false,
    random_prime: None,
    outputs: 1,
    build: silent,
    table: Some(cos_table),
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// `mu = f32(k)/f32(n)`, `m = (1 - cosf(f32(mu*π)))*0.5` in f32, the value
/// `y0*(1-m) + y1*m` in f64. Exact on pyo's own examples; with values that
/// f32 cannot hold (0.3, 0.7) about one point in six differs by one ulp.
fn cos_segment(k: usize, n: usize, y0: f32, y1: f32) -> f32 {
    let mu = k as f32 / n as f32;
    let m = (1.0 - ((mu as f64 * std::f64::consts::PI) as f32).cos()) * 0.5;
    (y0 as f64 * (1.0 - m as f64) + y1 as f64 * m as f64) as f32
}

fn cos_table(a: &StreamArgs<'_>) -> Result<Table> {
    let pts = points(a, 0, &[(0, 0.0), (8191, 1.0)]);
    let size = breakpoint_size(&pts, size_of(a, 1, "CosTable")?, "CosTable")?;
    let mut data = vec![0.0f32; size];
    segments(&mut data, &pts, cos_segment);
    Ok(end_with_last_point(data, &pts, a.sr))
}

pub static EXPTABLE: ClassSpec = ClassSpec {
    name: "ExpTable",
    doc: "Table built from exponential segments between (index, value) points.",
    params: &[
        POINTS,
        ParamSpec {
            name: "exp",
            default: 10.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Exponent factor: the slope of the curves.",
        },
        ParamSpec {
            name: "inverse",
            default: 1.0,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Int,
            ctor: true,
            doc: "If true (1), downward segments are inverted (biexponential curves).",
        },
        SIZE,
    ],
    autoplay: false,
    audible: false,
    random_prime: None,
    outputs: 1,
    build: silent,
    table: Some(exp_table),
    layout: crate::objects::registry::Layout::PerArg,
    keys: &[],
    methods: &[],
};

/// Per segment: `mu` starts at 0 and adds f32(1/n) per point (f32);
/// `m = powf(mu, exp)`, or `1 - powf(1 - mu, exp)` for a downward segment
/// when inverse; `y0 + (y1 - y0)*m` in f32. The last point's value is not
/// written at its index: it is the guard point.
fn exp_table(a: &StreamArgs<'_>) -> Result<Table> {
    let pts = points(a, 0, &[(0, 0.0), (8192, 1.0)]);
    let exp = a.number(1);
    let inverse = a.number(2) != 0.0;
    let size = breakpoint_size(&pts, size_of(a, 3, "ExpTable")?, "ExpTable")?;
    let mut data = vec![0.0f32; size];
    let mut mu = 0.0f32;
    segments(&mut data, &pts, |k, n, y0, y1| {
        if k == 0 {
            mu = 0.0;
        }
        let m = if inverse && y1 < y0 { 1.0 - (1.0 - mu).powf(exp) } else { mu.powf(exp) };
        mu += 1.0 / n as f32;
        y0 + (y1 - y0) * m
    });
    let guard = pts.last().map(|p| p.1).unwrap_or(0.0);
    Ok(finish(data, guard, a.sr))
}

// ------------------------------------------------------------- NewTable ----

pub static NEWTABLE: ClassSpec = ClassSpec {
    name: "NewTable",
    doc: "An empty table (zeros, or init) ready for recording with TableRec.",
    params: &[
        ParamSpec {
            name: "length",
            default: 1.0,
            min: 0.0,
            max: 1000.0,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Length of the table in seconds (pyo requires it).",
        },
        ParamSpec {
            name: "chnls",
            default: 1.0,
            min: 1.0,
            max: 4096.0,
            kind: ParamKind::Int,
            ctor: true,
            doc: "Number of channels: one table each (readers make one stream per channel; TableRec records stream i in channel i).",
        },
        ParamSpec {
            name: "init",
            default: 0.0,
            min: f64::NEG_INFINITY,
            max: f64::INFINITY,
            kind: ParamKind::List,
            ctor: true,
            doc: "Initial samples (padded with zeros to the table's size); a list of lists gives channel i list i (wrapping), a flat list goes in every channel.",
        },
        ParamSpec {
            name: "feedback",
            default: 0.0,
            min: 0.0,
            max: 1.0,
            kind: ParamKind::Float,
            ctor: true,
            doc: "Amount of old data mixed with a new recording: TableRec writes new + old * feedback.",
        },
    ],
    autoplay: false,
    audible: false,
    random_prime: None,
    outputs: 1,
    build: silent,
    table: Some(new_table),
    layout: crate::objects::registry::Layout::Count(1),
    keys: &[],
    methods: &[],
};

/// `int(length * sr)` points, then a guard point repeating the first
/// (0 without `init`); every channel starts from the same `init`.
fn new_table(a: &StreamArgs<'_>) -> Result<Table> {
    let length = super::registry::as_written(a.number(0));
    let size = (length * a.sr) as i64;
    if size < 1 || size as usize > MAX_SIZE {
        return Err(Error::invalid(format!("NewTable: length {length} s gives {size} points")));
    }
    let mut data = vec![0.0f32; size as usize];
    for (d, v) in data.iter_mut().zip(a.list(2)) {
        *d = *v;
    }
    let guard = data[0];
    let table = finish(data, guard, a.sr);
    table.set_feedback(a.number(3).clamp(0.0, 1.0));
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::registry::ExtraArg;

    fn build(f: fn(&StreamArgs<'_>) -> Result<Table>, params: &[f32], extras: Vec<ExtraArg>) -> Table {
        let params: Vec<Param> = params.iter().map(|v| Param::Const(*v)).collect();
        f(&StreamArgs { params: &params, extras: &extras, stream: 0, sr: 44100.0, bs: 256, factor: 1, input_factor: 1 })
            .unwrap()
    }

    #[test]
    fn lin_table_points_and_guard() {
        let t = build(lin_table, &[0.0, 16.0], vec![ExtraArg::List(vec![0.0, 0.0, 7.0, 1.0, 15.0, -0.5])]);
        assert_eq!(t.size(), 16);
        assert_eq!(t.get(7), 1.0);
        assert_eq!(t.get(15), -0.5);
        assert_eq!(t.get(16), -0.5);
    }

    #[test]
    fn exp_table_guard_is_last_value() {
        let t = build(exp_table, &[0.0, 10.0, 1.0, 64.0], vec![ExtraArg::List(vec![0.0, 0.3, 40.0, -0.5])]);
        assert_eq!(t.get(40), 0.0);
        assert_eq!(t.get(64), -0.5);
    }

    #[test]
    fn new_table_size_is_length_times_sr() {
        let t = build(new_table, &[1.0 / 3.0, 1.0, 0.0, 0.0], vec![ExtraArg::None, ExtraArg::None, ExtraArg::None]);
        assert_eq!(t.size(), 14700);
    }
}
