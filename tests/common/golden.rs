//! The golden-file harness: a patch built through rpyo's API, rendered
//! block by block on a manual server, compared with a WAV rendered by pyo
//! 1.1.0 (tests/golden/render_golden.py and its cases_*.py files).
#![allow(dead_code)]

use super::{manual_server, max_diff, onset_offset, read_wav};
use rpyo::server::with_server_id;
use rpyo::{ObjectId, Server, ServerInner};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

pub const SR: f64 = 44100.0;
pub const BS: usize = 256;
pub const TOLERANCE: f32 = 1e-6;

pub type Event = Box<dyn Fn(&ServerInner) + Send + Sync>;

/// A patch: builds its objects and registers events by block index; events
/// run from the process callback at the start of their block, as in
/// render_golden.py.
pub struct Patch {
    pub events: HashMap<usize, Vec<Event>>,
    pub keep: Vec<ObjectId>,
    pub input: Option<fn(usize) -> Vec<f32>>,
}

impl Patch {
    pub fn at(&mut self, t: f64, e: impl Fn(&ServerInner) + Send + Sync + 'static) {
        let block = (t * SR / BS as f64).round() as usize;
        self.events.entry(block).or_default().push(Box::new(e));
    }
}

/// Creates an object or fails the test with the error.
pub fn new(s: &Server, class: &str, args: &str) -> ObjectId {
    s.object_new(class, args).unwrap_or_else(|e| panic!("{class}({args}): {e}"))
}

/// Renders `dur` seconds (whole blocks) of the patch `build` makes.
pub fn render(dur: f64, seed: Option<u32>, duplex: bool, build: impl FnOnce(&Server, &mut Patch)) -> Vec<f32> {
    let s = manual_server(duplex);
    if let Some(seed) = seed {
        s.set_global_seed(seed).unwrap();
    }
    let mut patch = Patch { events: HashMap::new(), keep: vec![], input: None };
    build(&s, &mut patch);
    let events = Arc::new(std::mem::take(&mut patch.events));
    let block = Arc::new(AtomicUsize::new(0));
    let id = s.id();
    {
        let (events, block) = (Arc::clone(&events), Arc::clone(&block));
        s.set_process_callback(Some(Box::new(move || {
            let b = block.fetch_add(1, Ordering::Relaxed);
            if let Some(list) = events.get(&b) {
                with_server_id(id, |srv| list.iter().for_each(|e| e(srv)));
            }
        })))
        .unwrap();
    }
    s.start().unwrap();
    let nblocks = (dur * SR / BS as f64).ceil() as usize;
    let nch = s.nchnls();
    let out_ptr = s.output_buffer().unwrap();
    let in_ptr = s.input_buffer().unwrap();
    let mut out = Vec::with_capacity(nblocks * BS * nch);
    for b in 0..nblocks {
        if let Some(feed) = patch.input {
            let data = feed(b);
            // SAFETY: the input buffer holds BS * ichnls floats until shutdown.
            unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), in_ptr, BS * nch) };
        }
        s.process_block().unwrap();
        // SAFETY: the output buffer holds BS * nchnls floats until shutdown.
        out.extend_from_slice(unsafe { std::slice::from_raw_parts(out_ptr, BS * nch) });
    }
    drop(patch.keep);
    out
}

/// Compares a render with tests/golden/<name>.wav within 1e-6 per sample.
pub fn check(name: &str, ours: &[f32]) {
    check_within(name, ours, TOLERANCE)
}

/// Compares a render with tests/golden/<name>.wav within `tolerance` per
/// sample (cases that run long feedback loops name a looser one), with every
/// onset and offset on the same frame.
pub fn check_within(name: &str, ours: &[f32], tolerance: f32) {
    let path = format!("{}/tests/golden/{name}.wav", env!("CARGO_MANIFEST_DIR"));
    let (nch, theirs) = read_wav(&path);
    assert_eq!(ours.len(), theirs.len(), "{name}: length");
    for c in 0..nch {
        assert_eq!(onset_offset(ours, nch, c), onset_offset(&theirs, nch, c), "{name}: onset/offset of channel {c}");
    }
    let (d, at) = max_diff(ours, &theirs);
    assert!(
        d <= tolerance,
        "{name}: max |rpyo - pyo| = {d:e} at frame {} channel {} (rpyo {}, pyo {})",
        at / nch,
        at % nch,
        ours[at],
        theirs[at]
    );
}
