//! pyo's random number generator, one per server in rpyo (pyo has one per
//! process; with one server the sequences are equal).

/// The 32-bit linear congruential generator of PYO_FACTS.md "Randomness".
#[derive(Clone, Debug)]
pub struct Rng {
    seed: u32,
}

const MODULUS: u64 = 4_294_967_295;

impl Rng {
    pub fn new(seed: u32) -> Self {
        Rng { seed }
    }

    pub fn reseed(&mut self, seed: u32) {
        self.seed = seed;
    }

    pub fn seed(&self) -> u32 {
        self.seed
    }

    /// Advances the generator: `seed = (seed*1664525 + 1013904223) mod (2^32 - 1)`.
    #[inline(always)]
    pub fn next_u32(&mut self) -> u32 {
        self.seed = ((self.seed as u64 * 1_664_525 + 1_013_904_223) % MODULUS) as u32;
        self.seed
    }

    /// A uniform number in [0, 1): `seed / 2^32`, as f32.
    #[inline(always)]
    pub fn uniform(&mut self) -> f32 {
        (self.next_u32() as f64 / 4_294_967_296.0) as f32
    }
}

/// The seed a random object gets when it is created: `(globalseed + count*prime)
/// mod (2^32 - 1)`, where `count` counts the earlier objects of its class.
pub fn creation_seed(global_seed: u32, count: u32, prime: u32) -> u32 {
    ((global_seed as u64 + count as u64 * prime as u64) % MODULUS) as u32
}

/// A seed from the clock, for global seed 0 (pyo seeds from time()).
pub fn clock_seed() -> u32 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as u32)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lcg_steps() {
        let mut r = Rng::new(1234);
        let expect = ((1234u64 * 1_664_525 + 1_013_904_223) % MODULUS) as u32;
        assert_eq!(r.next_u32(), expect);
        assert_eq!(creation_seed(1234, 1, 2099), 3333);
        assert_eq!(creation_seed(u32::MAX, 0, 2099), 0);
    }
}
