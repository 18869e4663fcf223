//! State the engine publishes and the control side reads (or sets) without
//! taking the engine: atomics only.

use crate::server::config::MAX_CHANNELS;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};

pub struct EngineShared {
    /// Target master amplitude (f32 bits), read at the top of every block.
    amp: AtomicU32,
    pub started: AtomicBool,
    /// Bumped by every start(): the engine restarts its amplitude ramp from 0.
    pub start_generation: AtomicU32,
    /// Samples computed since boot.
    pub elapsed: AtomicU64,
    /// Per channel, the largest x² of the last block (f32 bits).
    peaks: [AtomicU32; MAX_CHANNELS],
    /// Garbage the engine could not hand back and leaked instead of freeing
    /// on the audio thread (stays 0 unless the control side misbehaves).
    pub leaked: AtomicU64,
    /// Blocks computed while started.
    pub blocks: AtomicU64,
    /// MIDI output events that left the engine's schedule (delivered after
    /// their block, or dropped): the control side's count of events sent
    /// minus this is what the schedule holds.
    pub midi_out_released: AtomicU64,
    /// MIDI output events the engine dropped because its schedule was full
    /// (stays 0: the control side refuses calls that would not fit).
    pub midi_out_dropped: AtomicU64,
    /// [`wall_us`] when a real-time backend's audio callback last began (0:
    /// never): MIDI port timestamps are placed against it.
    pub block_wall_us: AtomicU64,
}

/// Microseconds since the first call in this process (a monotonic clock
/// shared by the audio callbacks and the MIDI ports).
pub fn wall_us() -> u64 {
    static EPOCH: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    let epoch = *EPOCH.get_or_init(std::time::Instant::now);
    epoch.elapsed().as_micros() as u64 + 1
}

impl EngineShared {
    pub fn new() -> Self {
        EngineShared {
            amp: AtomicU32::new(1.0f32.to_bits()),
            started: AtomicBool::new(false),
            start_generation: AtomicU32::new(0),
            elapsed: AtomicU64::new(0),
            peaks: std::array::from_fn(|_| AtomicU32::new(0)),
            leaked: AtomicU64::new(0),
            blocks: AtomicU64::new(0),
            midi_out_released: AtomicU64::new(0),
            midi_out_dropped: AtomicU64::new(0),
            block_wall_us: AtomicU64::new(0),
        }
    }

    pub fn amp(&self) -> f32 {
        f32::from_bits(self.amp.load(Ordering::Relaxed))
    }

    pub fn set_amp(&self, amp: f32) {
        self.amp.store(amp.to_bits(), Ordering::Relaxed);
    }

    pub fn peak(&self, chnl: usize) -> f32 {
        self.peaks.get(chnl).map(|p| f32::from_bits(p.load(Ordering::Relaxed))).unwrap_or(0.0)
    }

    pub fn set_peak(&self, chnl: usize, v: f32) {
        if let Some(p) = self.peaks.get(chnl) {
            p.store(v.to_bits(), Ordering::Relaxed);
        }
    }

    pub fn clear_peaks(&self) {
        for p in &self.peaks {
            p.store(0, Ordering::Relaxed);
        }
    }
}

impl Default for EngineShared {
    fn default() -> Self {
        Self::new()
    }
}
