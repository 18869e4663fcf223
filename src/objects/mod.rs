//! The audio objects: the node model the engine runs, the registry of
//! classes, argument parsing, and one file per family of objects.

pub mod args;
pub mod control;
pub mod convert;
pub mod delay;
pub mod env;
pub mod filters;
pub mod input;
pub mod midi;
pub mod mix;
pub mod node;
pub mod noise;
pub mod osc;
pub mod registry;
pub mod reverb;
pub mod reverb2;
pub mod rng;
pub mod table;
pub mod utils;

pub use node::{BlockCtx, BufRef, Dsp, Extra, Flow, Graph, Node, Param, ParamSlot, Signal, StopMode};
pub use registry::{classes, find_class, ClassSpec, ParamKind, ParamSpec};
