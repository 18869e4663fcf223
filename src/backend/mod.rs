//! Real-time backends behind Cargo features; each drives the engine through
//! the embedded mode's process path.

#[cfg(feature = "jack")]
pub mod jack;
