//! Real-time backends behind Cargo features, each driving the engine
//! through the embedded mode's process path.

#[cfg(feature = "cpal")]
pub mod cpal;
#[cfg(feature = "jack")]
pub mod jack;
