//! The audio objects: the node model the engine runs, the registry of
//! classes, argument parsing, and one file per family of objects.

pub mod args;
pub mod control;
pub mod convert;
pub mod delay;
pub mod effects;
pub mod env;
pub mod envelopes;
pub mod filters;
pub mod filters2;
pub mod generators;
pub mod generators2;
pub mod generators3;
pub mod harmonizer;
pub mod input;
pub mod midi;
pub mod midi2;
pub mod mix;
pub mod node;
pub mod noise;
pub mod osc;
pub mod pan;
pub mod registry;
pub mod resample;
pub mod reverb;
pub mod reverb2;
pub mod rng;
pub mod sfread;
pub mod soundfile;
pub mod strev;
pub mod supersaw;
pub mod table;
pub mod tableread;
pub mod tablerec;
pub mod tables;
pub mod trig;
pub mod utils;

pub use node::{BlockCtx, BufRef, Dsp, Extra, Flow, Graph, Node, Param, ParamSlot, Signal, StopMode};
pub use registry::{classes, find_class, ClassSpec, ParamKind, ParamSpec};
