//! pyo scripts without Python: the subset of Python syntax that pyo scripts
//! use, lexed ([`lexer`]), parsed into a small tree ([`ast`], [`parser`]) and
//! evaluated against a server. Every error carries the line and column it
//! concerns.

pub mod ast;
pub mod builtins;
pub mod eval;
pub mod lexer;
pub mod methods;
pub mod parser;
pub mod pyrandom;
pub mod render;
pub mod value;

use std::fmt;

/// A place in the script text: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.col)
    }
}

/// A script error: where, and what a person should know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptError {
    pub pos: Pos,
    pub message: String,
}

impl ScriptError {
    pub fn new(pos: Pos, message: impl Into<String>) -> Self {
        ScriptError { pos, message: message.into() }
    }
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pos, self.message)
    }
}

impl std::error::Error for ScriptError {}

pub type ScriptResult<T> = std::result::Result<T, ScriptError>;
