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

/// The optional Cargo features compiled in, comma separated ("cpal,midir";
/// "" for none).
pub fn features() -> &'static str {
    features_c().to_str().unwrap_or("")
}

/// [`features`] as a C string (for rpyo_features).
pub(crate) fn features_c() -> &'static std::ffi::CStr {
    static TEXT: std::sync::OnceLock<std::ffi::CString> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let all =
            [("cpal", cfg!(feature = "cpal")), ("jack", cfg!(feature = "jack")), ("midir", cfg!(feature = "midir"))];
        let on: Vec<&str> = all.iter().filter(|f| f.1).map(|f| f.0).collect();
        std::ffi::CString::new(on.join(",")).unwrap_or_default()
    })
}

/// The crate version, e.g. "0.1.0".
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
