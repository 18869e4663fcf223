//! A stream's scheduling state, counted in whole blocks as pyo counts it.

/// pyo's per-stream flags and counters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StreamState {
    /// Computed this block.
    pub active: bool,
    /// Added into the output channel `chnl` after computing.
    pub to_dac: bool,
    pub chnl: u32,
    /// Blocks to wait before becoming active (0: not waiting).
    pub wait_blocks: u32,
    pub wait_count: u32,
    /// Blocks to run before stopping (0: no limit).
    pub dur_blocks: u32,
    pub dur_count: u32,
}

/// What the engine must do after a block's bookkeeping.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tick {
    Nothing,
    /// The delay ran out: the stream is active from the next block.
    Started,
    /// The duration ran out: call the node's stop.
    Stop,
}

impl StreamState {
    pub fn new(active: bool) -> Self {
        StreamState { active, ..Default::default() }
    }

    /// `play(dur, delay)` / `out(...)` in blocks: wait `wait` blocks (0 =
    /// start now), then run `dur` blocks (0 = until stopped).
    pub fn schedule(&mut self, wait: u32, dur: u32) {
        self.dur_blocks = dur;
        self.dur_count = 0;
        self.wait_count = 0;
        if wait == 0 {
            self.wait_blocks = 0;
            self.active = true;
        } else {
            self.wait_blocks = wait;
            self.active = false;
        }
    }

    /// `stop(wait)` with a wait: keep running `blocks` more blocks.
    pub fn stop_after(&mut self, blocks: u32) {
        self.dur_blocks = blocks;
        self.dur_count = 0;
    }

    /// Stops now: no output, no schedule.
    pub fn deactivate(&mut self) {
        self.active = false;
        self.to_dac = false;
        self.wait_blocks = 0;
        self.wait_count = 0;
        self.dur_blocks = 0;
        self.dur_count = 0;
    }

    /// End-of-block bookkeeping for an active stream.
    pub fn tick_active(&mut self) -> Tick {
        if self.dur_blocks != 0 {
            self.dur_count += 1;
            if self.dur_count >= self.dur_blocks {
                self.dur_blocks = 0;
                self.dur_count = 0;
                return Tick::Stop;
            }
        }
        Tick::Nothing
    }

    /// Bookkeeping for an inactive stream.
    pub fn tick_waiting(&mut self) -> Tick {
        if self.wait_blocks != 0 {
            self.wait_count += 1;
            if self.wait_count >= self.wait_blocks {
                self.wait_blocks = 0;
                self.wait_count = 0;
                self.active = true;
                return Tick::Started;
            }
        }
        Tick::Nothing
    }
}

/// pyo's rounding of a delay to blocks: `roundf(delay*sr/bs)`.
pub fn delay_blocks(delay: f32, sr: f64, bs: usize) -> u32 {
    if delay.is_nan() || delay <= 0.0 {
        return 0;
    }
    (delay * sr as f32 / bs as f32).round().min(u32::MAX as f32) as u32
}

/// pyo's rounding of a duration (or a stop wait) to blocks:
/// `roundf(dur*sr/bs + 0.5)`.
pub fn dur_blocks(dur: f32, sr: f64, bs: usize) -> u32 {
    if dur.is_nan() || dur <= 0.0 {
        return 0;
    }
    (dur * sr as f32 / bs as f32 + 0.5).round().min(u32::MAX as f32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pyo_block_rounding() {
        assert_eq!(delay_blocks(0.25, 44100.0, 256), 43);
        assert_eq!(dur_blocks(0.5, 44100.0, 256), 87);
        assert_eq!(dur_blocks(0.0, 44100.0, 256), 0);
        assert_eq!(delay_blocks(f32::NAN, 44100.0, 256), 0);
    }

    #[test]
    fn waits_then_runs_then_stops() {
        let mut s = StreamState::new(false);
        s.schedule(2, 3);
        assert!(!s.active);
        assert_eq!(s.tick_waiting(), Tick::Nothing);
        assert_eq!(s.tick_waiting(), Tick::Started);
        assert!(s.active);
        assert_eq!(s.tick_active(), Tick::Nothing);
        assert_eq!(s.tick_active(), Tick::Nothing);
        assert_eq!(s.tick_active(), Tick::Stop);
    }
}
