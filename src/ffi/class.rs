//! Introspection of the registry: the classes rpyo knows, their parameters
//! with defaults, ranges and docs, so that a host can build its interface.
//! Everything here reads static data: any thread, no server needed.

use super::util::{guard, null, out_arg, str_arg};
use crate::error::{Error, Status};
use crate::objects::registry::{class_names, ParamKind};
use crate::objects::{classes, find_class, ClassSpec};
use std::ffi::{c_char, CString};
use std::sync::OnceLock;

/// What values a parameter takes.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum rpyo_param_kind {
    /// The audio object the class processes (required).
    Input = 0,
    /// A number or an audio object, read every sample.
    Audio = 1,
    /// A number.
    Float = 2,
    /// A whole number.
    Int = 3,
    /// A list of numbers (rpyo_object_set_list).
    List = 4,
    /// A list of (x, y) pairs, flat: x0, y0, x1, y1, ...
    Pairs = 5,
    /// A table object (rpyo_object_set_object).
    Table = 6,
    /// A text such as a file path (rpyo_object_set_string).
    Text = 7,
    /// One audio object or several (rpyo_object_set_objects).
    Inputs = 8,
}

impl From<ParamKind> for rpyo_param_kind {
    fn from(k: ParamKind) -> Self {
        match k {
            ParamKind::Input => Self::Input,
            ParamKind::Audio => Self::Audio,
            ParamKind::Float => Self::Float,
            ParamKind::Int => Self::Int,
            ParamKind::List => Self::List,
            ParamKind::Pairs => Self::Pairs,
            ParamKind::Table => Self::Table,
            ParamKind::Text => Self::Text,
            ParamKind::Inputs => Self::Inputs,
        }
    }
}

/// One parameter of a class. The strings are static: valid for the life of
/// the program, never to be freed.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct rpyo_param_info {
    pub name: *const c_char,
    pub doc: *const c_char,
    pub kind: rpyo_param_kind,
    /// pyo's default (0 for lists, tables and texts).
    pub default_value: f64,
    /// The documented range (-inf/+inf when open).
    pub min: f64,
    pub max: f64,
    /// Taken by the constructor, in this position among those that are;
    /// false for parameters only settable afterwards (e.g. Noise's type).
    pub in_constructor: bool,
    /// Must be given to the constructor (the input of a filter, a table).
    pub required: bool,
}

/// One key of a class (pyo's `obj['trig']`): static strings.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct rpyo_key_info {
    pub name: *const c_char,
    pub doc: *const c_char,
}

/// One method of a class (rpyo_object_call): static strings.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct rpyo_method_info {
    pub name: *const c_char,
    pub doc: *const c_char,
    /// How many arguments it takes (rpyo_class_method_args lists them).
    pub arg_count: usize,
}

/// One argument of a method.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct rpyo_arg_info {
    pub name: *const c_char,
    pub doc: *const c_char,
    /// The value when not given; NaN stands for pyo's None.
    pub default_value: f64,
}

struct MethodStrings {
    name: CString,
    doc: CString,
    args: Vec<(CString, CString)>,
}

struct ClassStrings {
    name: CString,
    doc: CString,
    params: Vec<(CString, CString)>,
    keys: Vec<(CString, CString)>,
    methods: Vec<MethodStrings>,
}

fn c_string(s: &str) -> CString {
    CString::new(s.replace('\0', " ")).unwrap_or_default()
}

fn strings() -> &'static [ClassStrings] {
    static STRINGS: OnceLock<Vec<ClassStrings>> = OnceLock::new();
    STRINGS.get_or_init(|| {
        classes()
            .iter()
            .map(|c| ClassStrings {
                name: c_string(c.name),
                doc: c_string(c.doc),
                params: c.settable_params().map(|p| (c_string(p.name), c_string(p.doc))).collect(),
                keys: c.keys.iter().map(|k| (c_string(k.name), c_string(k.doc))).collect(),
                methods: c
                    .methods
                    .iter()
                    .map(|m| MethodStrings {
                        name: c_string(m.name),
                        doc: c_string(m.doc),
                        args: m.args.iter().map(|a| (c_string(a.name), c_string(a.doc))).collect(),
                    })
                    .collect(),
            })
            .collect()
    })
}

fn class_at(index: usize) -> crate::Result<(&'static ClassSpec, &'static ClassStrings)> {
    match (classes().get(index), strings().get(index)) {
        (Some(c), Some(s)) => Ok((c, s)),
        _ => Err(Error::invalid(format!("index: {index} is past the last class ({} classes)", classes().len()))),
    }
}

fn class_named(name: *const c_char) -> crate::Result<usize> {
    let name = str_arg(name, "class_name")?;
    let class = find_class(name)
        .ok_or_else(|| Error::not_found(format!("class '{name}' does not exist (known classes: {})", class_names())))?;
    Ok(classes().iter().position(|c| std::ptr::eq(*c, class)).unwrap_or(0))
}

/// The number of classes rpyo knows.
///
/// Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_class_count() -> usize {
    classes().len()
}

/// The name of class number `index` (0 to rpyo_class_count() - 1, in
/// alphabetical order), or NULL past the end. The string is static.
///
/// Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_class_name(index: usize) -> *const c_char {
    class_at(index).map(|(_, s)| s.name.as_ptr()).unwrap_or(std::ptr::null())
}

/// The one-line documentation of class number `index`, or NULL past the
/// end. The string is static.
///
/// Thread: any.
#[no_mangle]
pub extern "C" fn rpyo_class_doc(index: usize) -> *const c_char {
    class_at(index).map(|(_, s)| s.doc.as_ptr()).unwrap_or(std::ptr::null())
}

/// The parameters of class `class_name`: its own in pyo's positional order,
/// then mul and add. Writes up to `capacity` entries to `out` (which may be
/// NULL when `capacity` is 0) and the number the class has to `*count`:
/// call once with capacity 0 to learn the count.
///
/// Errors: NULL_POINTER, NOT_FOUND (the message lists the classes). Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_class_params(
    class_name: *const c_char,
    out: *mut rpyo_param_info,
    capacity: usize,
    count: *mut usize,
) -> Status {
    guard(|| {
        let count = out_arg(count, "count")?;
        *count = 0;
        let (class, strings) = class_at(class_named(class_name)?)?;
        let items: Vec<rpyo_param_info> = class
            .settable_params()
            .zip(&strings.params)
            .map(|(p, (name, doc))| {
                let listy = matches!(
                    p.kind,
                    ParamKind::List | ParamKind::Pairs | ParamKind::Table | ParamKind::Text | ParamKind::Inputs
                );
                rpyo_param_info {
                    name: name.as_ptr(),
                    doc: doc.as_ptr(),
                    kind: p.kind.into(),
                    default_value: if listy { 0.0 } else { p.default },
                    min: p.min,
                    max: p.max,
                    in_constructor: p.ctor,
                    required: matches!(p.kind, ParamKind::Input | ParamKind::Inputs | ParamKind::Table) && p.ctor,
                }
            })
            .collect();
        // SAFETY: as this function's contract.
        unsafe { write_list(&items, out, capacity, count) }
    })
}

/// Writes up to `capacity` entries of `items` through `out` (NULL allowed
/// when `capacity` is 0) and their number to `*count`.
///
/// # Safety
/// `out` must hold `capacity` writable entries.
unsafe fn write_list<T: Copy>(items: &[T], out: *mut T, capacity: usize, count: &mut usize) -> crate::Result<()> {
    *count = items.len();
    if capacity == 0 {
        return Ok(());
    }
    if out.is_null() {
        return Err(null("out"));
    }
    // SAFETY: the caller promises `capacity` writable entries at `out`.
    let out = unsafe { std::slice::from_raw_parts_mut(out, capacity) };
    for (slot, item) in out.iter_mut().zip(items) {
        *slot = *item;
    }
    Ok(())
}

/// The keys of class `class_name` (pyo's `obj['trig']`; rpyo_object_key
/// makes the object a key names). Writes up to `capacity` entries to `out`
/// (NULL when `capacity` is 0) and the number the class has to `*count`.
///
/// Errors: NULL_POINTER, NOT_FOUND (the message lists the classes). Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_class_keys(
    class_name: *const c_char,
    out: *mut rpyo_key_info,
    capacity: usize,
    count: *mut usize,
) -> Status {
    guard(|| {
        let count = out_arg(count, "count")?;
        *count = 0;
        let (_, strings) = class_at(class_named(class_name)?)?;
        let items: Vec<rpyo_key_info> =
            strings.keys.iter().map(|(n, d)| rpyo_key_info { name: n.as_ptr(), doc: d.as_ptr() }).collect();
        // SAFETY: as this function's contract.
        unsafe { write_list(&items, out, capacity, count) }
    })
}

/// The methods of class `class_name` beyond play/out/stop and the setters
/// (e.g. "reset"; rpyo_object_call calls them). Writes up to `capacity`
/// entries to `out` (NULL when `capacity` is 0) and the number the class has
/// to `*count`.
///
/// Errors: NULL_POINTER, NOT_FOUND (the message lists the classes). Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_class_methods(
    class_name: *const c_char,
    out: *mut rpyo_method_info,
    capacity: usize,
    count: *mut usize,
) -> Status {
    guard(|| {
        let count = out_arg(count, "count")?;
        *count = 0;
        let (_, strings) = class_at(class_named(class_name)?)?;
        let items: Vec<rpyo_method_info> = strings
            .methods
            .iter()
            .map(|m| rpyo_method_info { name: m.name.as_ptr(), doc: m.doc.as_ptr(), arg_count: m.args.len() })
            .collect();
        // SAFETY: as this function's contract.
        unsafe { write_list(&items, out, capacity, count) }
    })
}

/// The arguments of method `method` of class `class_name`, in order.
/// Writes up to `capacity` entries to `out` (NULL when `capacity` is 0) and
/// the number the method takes to `*count`.
///
/// Errors: NULL_POINTER, NOT_FOUND (class or method; the message lists
/// what exists). Thread: any.
#[no_mangle]
pub unsafe extern "C" fn rpyo_class_method_args(
    class_name: *const c_char,
    method: *const c_char,
    out: *mut rpyo_arg_info,
    capacity: usize,
    count: *mut usize,
) -> Status {
    guard(|| {
        let count = out_arg(count, "count")?;
        *count = 0;
        let (class, strings) = class_at(class_named(class_name)?)?;
        let name = str_arg(method, "method")?;
        let (index, spec) = class.method(name).ok_or_else(|| {
            Error::not_found(format!("{}: no method '{name}' (methods: {})", class.name, class.method_signatures()))
        })?;
        let m =
            strings.methods.get(index).ok_or_else(|| Error::not_found(format!("{}: no method {name}", class.name)))?;
        let items: Vec<rpyo_arg_info> = m
            .args
            .iter()
            .zip(spec.args)
            .map(|((n, d), a)| rpyo_arg_info { name: n.as_ptr(), doc: d.as_ptr(), default_value: a.default })
            .collect();
        // SAFETY: as this function's contract.
        unsafe { write_list(&items, out, capacity, count) }
    })
}
