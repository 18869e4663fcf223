//! The master amplitude and its 5 ms linear ramps.

/// pyo's server amplitude: a linear ramp of `int(0.005*sr)` samples to each
/// new target, the value built by adding the step each sample in f32.
#[derive(Clone, Debug)]
pub struct AmpRamp {
    current: f32,
    target: f32,
    step: f32,
    remaining: u32,
    ramp_len: u32,
}

impl AmpRamp {
    pub fn new(sr: f64) -> Self {
        AmpRamp { current: 0.0, target: 0.0, step: 0.0, remaining: 0, ramp_len: ((0.005 * sr) as u32).max(1) }
    }

    /// Restarts from 0 (a server start), ramping to `target`.
    pub fn restart(&mut self, target: f32) {
        self.current = 0.0;
        self.target = f32::NAN;
        self.set_target(target);
    }

    /// Called at the top of every block with the amplitude asked for.
    pub fn set_target(&mut self, target: f32) {
        if target == self.target {
            return;
        }
        self.target = target;
        self.step = (target - self.current) / self.ramp_len as f32;
        self.remaining = self.ramp_len;
    }

    /// The amplitude for the next sample.
    #[inline(always)]
    pub fn next_gain(&mut self) -> f32 {
        if self.remaining > 0 {
            self.current += self.step;
            self.remaining -= 1;
        }
        self.current
    }

    pub fn is_steady(&self) -> bool {
        self.remaining == 0
    }

    pub fn current(&self) -> f32 {
        self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ramps_over_220_samples_at_44k1() {
        let mut a = AmpRamp::new(44100.0);
        a.restart(1.0);
        let first = a.next_gain();
        assert_eq!(first, 1.0 / 220.0);
        for _ in 1..220 {
            a.next_gain();
        }
        assert!(a.is_steady());
        assert!((a.current() - 1.0).abs() < 1e-5);
    }
}
