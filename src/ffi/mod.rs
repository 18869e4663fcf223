//! The C API: every `extern "C"` function of rpyo, and nothing else. Each
//! one catches panics, checks its pointers and numbers, and returns a
//! `rpyo_status`; the logic lives in the Rust modules it calls.
#![allow(non_camel_case_types)]
#![allow(clippy::missing_safety_doc)]

mod class;
mod jack;
mod midi;
mod object;
mod process;
mod record;
mod script;
mod server;
mod util;

pub use class::*;
pub use jack::*;
pub use midi::*;
pub use object::*;
pub use process::*;
pub use record::*;
pub use script::*;
pub use server::*;
pub use util::*;
