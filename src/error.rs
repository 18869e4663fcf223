//! Status codes and the error type shared by the Rust API and the C API.

use std::borrow::Cow;
use std::ffi::CStr;
use std::fmt;

/// The result of every fallible rpyo call. RPYO_STATUS_OK (0) is success; every
/// other value names a class of failure, and `rpyo_last_error()` gives the
/// message that names the argument or state at fault.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Success.
    Ok = 0,
    /// A required pointer argument was NULL.
    NullPointer = 1,
    /// A number, string or name was out of range or malformed.
    InvalidArgument = 2,
    /// The call is not allowed in the server's current state (e.g. a
    /// pre-boot setter after boot, process before boot).
    InvalidState = 3,
    /// A bounded queue between the control side and the audio side is full;
    /// nothing was changed, try again after the next processed block.
    QueueFull = 4,
    /// An object handle refers to an object (or server) that no longer exists.
    StaleHandle = 5,
    /// Another thread is processing this server right now.
    Busy = 6,
    /// The backend asked for is not compiled into this build; the message
    /// names the Cargo feature that enables it.
    FeatureDisabled = 7,
    /// No class, parameter or method of that name.
    NotFound = 8,
    /// A fixed limit was reached (servers, channels, objects).
    Limit = 9,
    /// The operation is not supported by this server mode or object.
    Unsupported = 10,
    /// An operating-system or file error.
    Io = 11,
    /// A Rust panic was caught at the C boundary (a bug in rpyo: please report).
    Panic = 12,
}

impl Status {
    /// The status of a C integer code, if it is one.
    pub fn from_code(code: i32) -> Option<Status> {
        use Status::*;
        [
            Ok,
            NullPointer,
            InvalidArgument,
            InvalidState,
            QueueFull,
            StaleHandle,
            Busy,
            FeatureDisabled,
            NotFound,
            Limit,
            Unsupported,
            Io,
            Panic,
        ]
        .into_iter()
        .find(|s| *s as i32 == code)
    }

    /// A short, static description of the status, as a C string (the one
    /// table behind both the Rust and the C API).
    pub fn description(self) -> &'static CStr {
        match self {
            Status::Ok => c"ok",
            Status::NullPointer => c"a required pointer argument is NULL",
            Status::InvalidArgument => c"invalid argument",
            Status::InvalidState => c"not allowed in the server's current state",
            Status::QueueFull => c"queue full: try again after the next block",
            Status::StaleHandle => c"stale handle: the object or server no longer exists",
            Status::Busy => c"another thread is processing this server",
            Status::FeatureDisabled => c"not compiled in: rebuild rpyo with the named Cargo feature",
            Status::NotFound => c"no such class, parameter or method",
            Status::Limit => c"a fixed limit was reached",
            Status::Unsupported => c"not supported here",
            Status::Io => c"input/output error",
            Status::Panic => c"internal error (panic caught at the C boundary)",
        }
    }

    /// The description as a Rust string.
    pub fn as_str(self) -> &'static str {
        self.description().to_str().unwrap_or("")
    }
}

/// An rpyo error: a status and a message that names what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub status: Status,
    /// Static for the errors the audio thread may return (no allocation).
    pub message: Cow<'static, str>,
}

impl Error {
    pub fn new(status: Status, message: impl Into<Cow<'static, str>>) -> Self {
        Error { status, message: message.into() }
    }
    pub fn invalid(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Status::InvalidArgument, message)
    }
    pub fn state(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Status::InvalidState, message)
    }
    pub fn not_found(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Status::NotFound, message)
    }
    pub fn stale(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Status::StaleHandle, message)
    }
    pub fn queue_full(what: &str) -> Self {
        Self::new(
            Status::QueueFull,
            format!("{what}: the command queue to the audio thread is full; process a block and retry"),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
