//! Messages to the host, filtered by pyo's verbosity bits. Only the control
//! side logs; the audio thread counts instead.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

/// pyo's message levels (the verbosity bits).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogLevel {
    Error = 1,
    Message = 2,
    Warning = 4,
    Debug = 8,
}

impl LogLevel {
    pub fn name(self) -> &'static str {
        match self {
            LogLevel::Error => "error",
            LogLevel::Message => "message",
            LogLevel::Warning => "warning",
            LogLevel::Debug => "debug",
        }
    }
}

pub type LogSink = Box<dyn Fn(LogLevel, &str) + Send + Sync>;

pub struct Logger {
    verbosity: AtomicU32,
    sink: Mutex<Option<LogSink>>,
}

impl Logger {
    pub fn new(verbosity: u32) -> Self {
        Logger { verbosity: AtomicU32::new(verbosity), sink: Mutex::new(None) }
    }

    pub fn verbosity(&self) -> u32 {
        self.verbosity.load(Ordering::Relaxed)
    }

    pub fn set_verbosity(&self, v: u32) {
        self.verbosity.store(v, Ordering::Relaxed);
    }

    /// Replaces the sink; None restores the default (standard error).
    pub fn set_sink(&self, sink: Option<LogSink>) {
        *self.sink.lock().unwrap_or_else(|e| e.into_inner()) = sink;
    }

    pub fn log(&self, level: LogLevel, msg: &str) {
        if self.verbosity() & level as u32 == 0 {
            return;
        }
        let sink = self.sink.lock().unwrap_or_else(|e| e.into_inner());
        match sink.as_ref() {
            Some(f) => f(level, msg),
            None => eprintln!("rpyo {}: {msg}", level.name()),
        }
    }
}
