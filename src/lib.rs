//! rpyo: pyo's audio Server and its audio objects in Rust, as a C-ABI
//! library for C and C++ hosts (and usable from Rust).
//!
//! The control side ([`Server`]) may be called from any thread; the audio
//! side (`process_*`) runs on the host's audio thread and never allocates,
//! locks, blocks or panics. See ARCHITECTURE in the repository.

pub mod backend;
pub mod engine;
pub mod error;
pub mod ffi;
pub mod midi;
pub mod objects;
pub mod record;
pub mod script;
pub mod server;

pub use error::{Error, Result, Status};
pub use midi::MidiEvent;
pub use server::config::{AudioBackend, MidiBackend, ServerConfig};
pub use server::log::LogLevel;
pub use server::{ObjectId, Server, ServerInner, StreamInfo};

/// The crate version, e.g. "0.1.0".
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
