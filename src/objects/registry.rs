//! The one registry of classes: names, parameters (in pyo's positional
//! order), defaults, ranges, docs and constructors. The C API, the
//! introspection functions and (later) the script layer all read it.

use super::node::{BufRef, Dsp, Param};
use super::table::Table;
use super::{
    control, convert, delay, effects, env, envelopes, filters, filters2, generators, generators2, generators3,
    harmonizer, input, midi, midi2, mix, noise, osc, pan, resample, reverb, reverb2, soundfile, strev, supersaw,
    tableread, tablerec, tables, trig, utils,
};
use std::sync::Arc;

/// What values a parameter takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// The audio object an effect or filter processes (pyo's `input`):
    /// required, an object only; multichannel expansion follows its streams.
    Input,
    /// A number or an audio object, read every sample.
    Audio,
    /// A number, read when set.
    Float,
    /// A whole number, read when set.
    Int,
    /// A list of numbers that is one value, not one per stream (HarmTable's
    /// harmonic amplitudes).
    List,
    /// A list of (x, y) pairs, kept flat: x0, y0, x1, y1, ... (Linseg's
    /// (time, value) points, LinTable's (index, value) points).
    Pairs,
    /// A table object (HarmTable, NewTable, SndTable, ...).
    Table,
    /// A text: a file path.
    Text,
    /// One audio object or a list of them, all their streams in order, read
    /// together by each stream (Mix's and Selector's inputs).
    Inputs,
}

/// How many streams an object has, and which argument values each takes.
#[derive(Clone, Copy, Debug)]
pub enum Layout {
    /// One stream per value of the longest list argument (or object
    /// argument's streams); shorter lists wrap. Stream i is `StreamArgs::stream` i.
    PerArg,
    /// As `PerArg`, times the value of parameter `n` (Pan's `outs`): stream
    /// `i` takes the arguments of `i / outs` and is output `i % outs`
    /// (its `StreamArgs::stream`).
    Outputs(usize),
    /// Exactly the value of parameter `n` streams (Mix's `voices`); lists
    /// wrap over them.
    Count(usize),
    /// As `Outputs`, with a fixed count: every argument stream gives `n`
    /// streams (STRev: left and right).
    Fixed(usize),
    /// As `Fixed`, with the count read from the arguments on the control
    /// side when the object is made (SfPlayer: one stream per channel of
    /// its file); an error there refuses the object.
    Channels(fn(&StreamArgs<'_>) -> crate::error::Result<usize>),
    /// `per_voice` times the value of parameter `param` streams (Notein:
    /// pitch and velocity per voice); `StreamArgs::stream` = i.
    Voices { param: usize, per_voice: usize },
}

impl ParamKind {
    /// Takes an audio object (as well as, except for `Input`, numbers).
    pub fn takes_object(self) -> bool {
        matches!(self, ParamKind::Input | ParamKind::Audio | ParamKind::Inputs)
    }

    pub fn name(self) -> &'static str {
        match self {
            ParamKind::Input => "PyoObject",
            ParamKind::Audio => "float or PyoObject",
            ParamKind::Float => "float",
            ParamKind::Int => "int",
            ParamKind::List => "list of floats",
            ParamKind::Pairs => "list of (x, y) tuples",
            ParamKind::Table => "PyoTableObject",
            ParamKind::Text => "string",
            ParamKind::Inputs => "PyoObject or list of PyoObjects",
        }
    }
}

/// One parameter of a class.
#[derive(Clone, Copy, Debug)]
pub struct ParamSpec {
    pub name: &'static str,
    pub default: f64,
    /// Documented range (pyo clamps inside the DSP where it does).
    pub min: f64,
    pub max: f64,
    pub kind: ParamKind,
    /// Taken by the constructor (positionally, in this order); otherwise
    /// only settable afterwards (e.g. Noise's `type`, through setType).
    pub ctor: bool,
    pub doc: &'static str,
}

/// The mul and add every audio object has, last in its argument list.
pub const MUL: ParamSpec = ParamSpec {
    name: "mul",
    default: 1.0,
    min: f64::NEG_INFINITY,
    max: f64::INFINITY,
    kind: ParamKind::Audio,
    ctor: true,
    doc: "Multiplication factor applied to the output.",
};
pub const ADD: ParamSpec = ParamSpec {
    name: "add",
    default: 0.0,
    min: f64::NEG_INFINITY,
    max: f64::INFINITY,
    kind: ParamKind::Audio,
    ctor: true,
    doc: "Addition factor applied to the output, after mul.",
};

/// Values of a class's own parameters for one stream, and the server's
/// rates, given to a constructor.
pub struct StreamArgs<'a> {
    /// One value per entry of `ClassSpec::params`, in order.
    pub params: &'a [Param],
    /// Lists, tables and texts, by the same index (`ExtraArg::None` for the
    /// other parameters).
    pub extras: &'a [ExtraArg],
    /// Which stream of the object this is, as its `Layout` counts (Pan: the
    /// output; Mix: the voice).
    pub stream: usize,
    /// The object's own rate and block size (the server's, scaled inside a
    /// resampling block).
    pub sr: f64,
    pub bs: usize,
    /// The resampling factor the object is made with: 1 outside a
    /// resampling block, else the block's factor (negative divides).
    pub factor: i32,
    /// The factor of the object given as the class's `Input` parameter
    /// (1 when there is none): the rate Resample converts from.
    pub input_factor: i32,
}

/// A constructor's value of a list, table or text parameter.
#[derive(Clone, Default)]
pub enum ExtraArg {
    #[default]
    None,
    List(Vec<f32>),
    Table(Arc<Table>),
    Text(String),
    Sources(Vec<BufRef>),
}

impl StreamArgs<'_> {
    pub fn param(&self, i: usize) -> Param {
        self.params.get(i).copied().unwrap_or(Param::Const(0.0))
    }
    /// A list or pairs parameter (empty when not given).
    pub fn list(&self, i: usize) -> &[f32] {
        match self.extras.get(i) {
            Some(ExtraArg::List(v)) => v,
            _ => &[],
        }
    }
    /// A table parameter.
    pub fn table(&self, i: usize) -> Option<Arc<Table>> {
        match self.extras.get(i) {
            Some(ExtraArg::Table(t)) => Some(Arc::clone(t)),
            _ => None,
        }
    }
    /// An inputs parameter: the streams it reads, in order.
    pub fn sources(&self, i: usize) -> &[BufRef] {
        match self.extras.get(i) {
            Some(ExtraArg::Sources(v)) => v,
            _ => &[],
        }
    }
    /// A text parameter ("" when not given).
    pub fn text(&self, i: usize) -> &str {
        match self.extras.get(i) {
            Some(ExtraArg::Text(t)) => t,
            _ => "",
        }
    }
    pub fn number(&self, i: usize) -> f32 {
        match self.param(i) {
            Param::Const(v) => v,
            Param::Audio(_) => 0.0,
        }
    }
}

/// The number as the user wrote it: the f64 with the fewest significant
/// digits (up to 9) that rounds to this f32. Parameters arrive as f32, but
/// pyo keeps some numbers as Python floats (f64): NewTable(1/3) has
/// int(44100/3) = 14700 points, not 14699. No allocation.
pub fn as_written(v: f32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v as f64;
    }
    let a = v.abs();
    let x = a as f64;
    let e = x.log10().floor() as i32;
    for digits in 1..=9 {
        let k = digits - 1 - e;
        let r = if k >= 0 {
            let p = 10f64.powi(k);
            (x * p).round() / p
        } else {
            let p = 10f64.powi(-k);
            (x / p).round() * p
        };
        if r as f32 == a {
            return r.copysign(v as f64);
        }
    }
    v as f64
}

/// What a key of an object gives.
#[derive(Clone, Copy, Debug)]
pub enum KeyKind {
    /// Output buffer `n` (1, 2, ...) of every stream: a stream the object
    /// computes alongside its main one (a trigger), not scaled by mul/add,
    /// not counted among its streams.
    Output(u32),
    /// Output buffer `output` of streams `offset, offset + step, ...` of
    /// the object (Notein's pitch and velocity: output 0 of every other
    /// stream; its trigon: output 1 of the pitch streams).
    Streams { offset: usize, step: usize, output: u32 },
}

/// One key of a class: pyo's `obj['trig']`.
#[derive(Clone, Copy, Debug)]
pub struct KeySpec {
    pub name: &'static str,
    pub kind: KeyKind,
    pub doc: &'static str,
}

/// One argument of a method.
#[derive(Clone, Copy, Debug)]
pub struct ArgSpec {
    pub name: &'static str,
    /// The value when not given; NaN stands for pyo's None.
    pub default: f64,
    pub doc: &'static str,
}

/// Most arguments a method takes.
pub const MAX_METHOD_ARGS: usize = 4;

/// One method of a class (beyond play/out/stop and the setters). The
/// object's streams run it on the audio thread, at the top of the next
/// block (`Dsp::call` with the method's index in `ClassSpec::methods`).
#[derive(Clone, Copy, Debug)]
pub struct MethodSpec {
    pub name: &'static str,
    pub args: &'static [ArgSpec],
    pub doc: &'static str,
}

/// `reset()` with no arguments, as many classes have it.
pub const fn reset(doc: &'static str) -> MethodSpec {
    MethodSpec { name: "reset", args: &[], doc }
}

/// pyo's `reset()` of oscillators.
pub const RESET_PHASE: &[MethodSpec] = &[reset("Resets the current phase to 0.")];

/// pyo's `reset()` of delays and reverbs.
pub const RESET_MEMORY: &[MethodSpec] = &[reset("Resets the memory buffers (delay lines) to zeros.")];

impl std::fmt::Debug for ClassSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// One class of audio object.
pub struct ClassSpec {
    pub name: &'static str,
    pub doc: &'static str,
    /// The class's own parameters, constructor ones in pyo's positional
    /// order; `mul` and `add` follow them implicitly.
    pub params: &'static [ParamSpec],
    /// Starts playing when created (pyo: all but envelopes, players, ...).
    pub autoplay: bool,
    /// `out()` sends its output to the sound card. False for pyo's
    /// envelopes (Fader, Adsr, Linseg, ...): their out() only plays them.
    pub audible: bool,
    /// For random objects: the prime of the reseed at creation.
    pub random_prime: Option<u32>,
    /// Output buffers per stream.
    pub outputs: usize,
    pub build: fn(&StreamArgs<'_>) -> Box<dyn Dsp>,
    /// For table classes (HarmTable, NewTable, ...): builds the table from
    /// the arguments (an error names what is wrong, e.g. an unreadable
    /// file). A table object has no streams; `build` is not used.
    pub table: Option<fn(&StreamArgs<'_>) -> crate::error::Result<Table>>,
    pub layout: Layout,
    /// pyo's `obj['key']`: the other streams an object computes (trigger
    /// streams, Notein's pitch and velocity).
    pub keys: &'static [KeySpec],
    /// Methods beyond play/out/stop and the setters (pyo's `reset()`,
    /// Linseg's `pause()`), called through `Server::object_call`.
    pub methods: &'static [MethodSpec],
}

impl ClassSpec {
    /// Index of a parameter of this class by name (own parameters only).
    pub fn param_index(&self, name: &str) -> Option<usize> {
        self.params.iter().position(|p| p.name == name)
    }

    /// Every parameter the constructor takes, in positional order, with
    /// mul and add last.
    pub fn ctor_params(&self) -> impl Iterator<Item = &ParamSpec> {
        self.params.iter().filter(|p| p.ctor).chain([&MUL, &ADD])
    }

    /// Names the constructor accepts, for error messages.
    pub fn expected_names(&self) -> String {
        self.ctor_params().map(|p| p.name).collect::<Vec<_>>().join(", ")
    }

    /// A key of this class by name.
    pub fn key(&self, name: &str) -> Option<&'static KeySpec> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// A method of this class by name, with its index.
    pub fn method(&self, name: &str) -> Option<(usize, &'static MethodSpec)> {
        self.methods.iter().enumerate().find(|(_, m)| m.name == name)
    }

    /// The names of the keys, for error messages.
    pub fn key_names(&self) -> String {
        self.keys.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
    }

    /// The methods with their arguments, for error messages.
    pub fn method_signatures(&self) -> String {
        self.methods
            .iter()
            .map(|m| format!("{}({})", m.name, m.args.iter().map(|a| a.name).collect::<Vec<_>>().join(", ")))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every parameter that can be set after creation (own, then mul, add).
    pub fn settable_params(&self) -> impl Iterator<Item = &ParamSpec> {
        self.params.iter().chain([&MUL, &ADD])
    }
}

/// Every class rpyo knows, one a line in no particular order (so that
/// families added side by side merge cleanly); [`classes`] sorts them.
#[rustfmt::skip]
static CLASSES: &[&ClassSpec] = &[
    &env::FADER,
    &input::INPUT,
    &mix::MIX,
    &noise::NOISE,
    &midi::NOTEIN,
    &utils::SIG,
    &osc::SINE,
    &delay::DELAY,
    &reverb::FREEVERB,
    &delay::SDELAY,
    &filters::ATONE,
    &filters::BIQUAD,
    &filters::BUTBP,
    &filters::BUTHP,
    &filters::BUTLP,
    &convert::CLIP,
    &convert::MTOF,
    &control::PORT,
    &convert::SCALE,
    &control::SIGTO,
    &filters::TONE,
    &generators2::BROWNNOISE,
    &generators2::FM,
    &generators2::PINKNOISE,
    &trig::CHANGE,
    &effects::CHORUS,
    &effects::COMPRESS,
    &trig::COUNTER,
    &effects::DISTO,
    &trig::METRO,
    &trig::TRIGRAND,
    &generators::FASTSINE,
    &generators::PHASOR,
    &generators::RCOSC,
    &generators::SINELOOP,
    &envelopes::ADSR,
    &envelopes::EXPSEG,
    &envelopes::LINSEG,
    &soundfile::SFPLAYER,
    &soundfile::SNDTABLE,
    &tables::COSTABLE,
    &tables::EXPTABLE,
    &tables::HANNTABLE,
    &tables::HARMTABLE,
    &tables::LINTABLE,
    &tables::NEWTABLE,
    &tableread::OSC,
    &tableread::TABLEREAD,
    &tablerec::TABLEREC,
    &tableread::TRIGENV,
    &pan::PAN_CLASS,
    &pan::SPAN,
    &pan::SELECTOR,
    &filters2::MOOGLP, &filters2::SVF, &generators3::BLIT, &generators3::LFO, &harmonizer::HARMONIZER, &midi2::BENDIN, &midi2::MIDIADSR, &midi2::MIDICTL, &midi2::PROGRAMIN, &midi2::TOUCHIN, &resample::RESAMPLE, &reverb2::WGVERB, &strev::STREV, &supersaw::SUPERSAW,
];

/// Every class rpyo knows, in alphabetical order of name.
pub fn classes() -> &'static [&'static ClassSpec] {
    static SORTED: std::sync::OnceLock<Vec<&'static ClassSpec>> = std::sync::OnceLock::new();
    SORTED.get_or_init(|| {
        let mut v = CLASSES.to_vec();
        v.sort_by_key(|c| c.name);
        v
    })
}

/// Looks a class up by its pyo name (case-sensitive, as in pyo).
pub fn find_class(name: &str) -> Option<&'static ClassSpec> {
    let all = classes();
    all.binary_search_by_key(&name, |c| c.name).ok().map(|i| all[i])
}

/// A class name as a static C string (for the C API); "" when unknown.
pub fn class_c_name(name: &str) -> *const std::ffi::c_char {
    static NAMES: std::sync::OnceLock<Vec<std::ffi::CString>> = std::sync::OnceLock::new();
    let names =
        NAMES.get_or_init(|| classes().iter().map(|c| std::ffi::CString::new(c.name).unwrap_or_default()).collect());
    match classes().iter().position(|c| c.name == name) {
        Some(i) => names[i].as_ptr(),
        None => c"".as_ptr(),
    }
}

/// The list of class names, for error messages.
pub fn class_names() -> String {
    classes().iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sorted_and_unique() {
        let names: Vec<_> = classes().iter().map(|c| c.name).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(names, sorted);
    }

    #[test]
    fn keys_and_methods_fit_their_classes() {
        for c in classes() {
            for k in c.keys {
                assert!(!k.doc.is_empty(), "{}['{}'] has no doc", c.name, k.name);
                let (KeyKind::Output(n) | KeyKind::Streams { output: n, .. }) = k.kind;
                assert!((n as usize) < c.outputs, "{}['{}']: output {n} of {}", c.name, k.name, c.outputs);
            }
            for m in c.methods {
                assert!(!m.doc.is_empty() && m.args.len() <= MAX_METHOD_ARGS, "{}.{}", c.name, m.name);
                assert!(m.args.iter().all(|a| !a.doc.is_empty()), "{}.{}", c.name, m.name);
            }
            let mut names: Vec<_> = c.keys.iter().map(|k| k.name).chain(c.methods.iter().map(|m| m.name)).collect();
            let n = names.len();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), n, "{}: a key or method named twice", c.name);
        }
    }

    #[test]
    fn defaults_lie_in_their_ranges() {
        for c in classes() {
            for p in c.settable_params() {
                assert!(p.min <= p.default && p.default <= p.max, "{}.{}", c.name, p.name);
                assert!(!p.doc.is_empty(), "{}.{} has no doc", c.name, p.name);
            }
            assert!(!c.doc.is_empty());
        }
    }
}
