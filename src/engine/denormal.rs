//! Flush-to-zero / denormals-are-zero for the duration of a process call,
//! restored on exit.

/// Sets FTZ and DAZ (x86_64) or FZ (aarch64) while alive; restores the
/// previous mode on drop.
pub struct DenormalGuard {
    #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
    previous: u64,
}

impl DenormalGuard {
    #[allow(clippy::new_without_default)]
    #[inline]
    pub fn new() -> Self {
        #[cfg(target_arch = "x86_64")]
        {
            let mut csr: u32 = 0;
            // SAFETY: stmxcsr/ldmxcsr only read and write the SSE control
            // register; bits 15 (FTZ) and 6 (DAZ) change rounding of tiny values only.
            unsafe {
                std::arch::asm!("stmxcsr [{}]", in(reg) &mut csr, options(nostack));
                let new = csr | 0x8040;
                std::arch::asm!("ldmxcsr [{}]", in(reg) &new, options(nostack));
            }
            DenormalGuard { previous: csr as u64 }
        }
        #[cfg(target_arch = "aarch64")]
        {
            let fpcr: u64;
            // SAFETY: reads and writes the FP control register; bit 24 is FZ.
            unsafe {
                std::arch::asm!("mrs {}, fpcr", out(reg) fpcr, options(nomem, nostack));
                std::arch::asm!("msr fpcr, {}", in(reg) fpcr | (1 << 24), options(nomem, nostack));
            }
            DenormalGuard { previous: fpcr }
        }
        #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
        {
            DenormalGuard {}
        }
    }
}

impl Drop for DenormalGuard {
    #[inline]
    fn drop(&mut self) {
        #[cfg(target_arch = "x86_64")]
        {
            let csr = self.previous as u32;
            // SAFETY: restores the register value read in new().
            unsafe { std::arch::asm!("ldmxcsr [{}]", in(reg) &csr, options(nostack)) };
        }
        #[cfg(target_arch = "aarch64")]
        {
            // SAFETY: restores the register value read in new().
            unsafe { std::arch::asm!("msr fpcr, {}", in(reg) self.previous, options(nomem, nostack)) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
    fn flushes_inside_and_restores_after() {
        let tiny = std::hint::black_box(1.0e-39f32); // subnormal
        let half = std::hint::black_box(0.5f32);
        assert!(tiny * half != 0.0);
        {
            let _g = DenormalGuard::new();
            assert_eq!(std::hint::black_box(tiny) * std::hint::black_box(half), 0.0);
        }
        assert!(std::hint::black_box(tiny) * std::hint::black_box(half) != 0.0);
    }
}
