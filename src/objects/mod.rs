//! The audio objects: the node model the engine runs, the registry of
//! classes, argument parsing, and one file per family of objects.

pub mod args;
pub mod env;
pub mod input;
pub mod mix;
pub mod node;
pub mod noise;
pub mod osc;
pub mod pan;
pub mod registry;
pub mod rng;
pub mod table;
pub mod utils;

pub use node::{BlockCtx, BufRef, Dsp, Extra, Flow, Graph, Node, Param, ParamSlot, Signal, StopMode};
pub use registry::{find_class, ClassSpec, ParamKind, ParamSpec, CLASSES};
