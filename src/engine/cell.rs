//! The engine's one lock: an atomic owner flag. The audio side only ever
//! *tries* it (a second thread calling process gets `Busy`, never UB); the
//! control side may wait for it (boot, shutdown, free) or try it (applying
//! commands directly while no audio runs).

use std::cell::{Cell, UnsafeCell};
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU8, Ordering};

const FREE: u8 = 0;
const AUDIO: u8 = 1;
const CONTROL: u8 = 2;

thread_local! {
    /// The cell this thread is processing right now (0: none). Lets control
    /// calls made from inside a process callback refuse instead of
    /// deadlocking on the lock their own thread holds.
    static PROCESSING: Cell<usize> = const { Cell::new(0) };
}

/// Who holds the cell when a try fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    Audio,
    Control,
}

pub struct EngineCell<T> {
    state: AtomicU8,
    value: UnsafeCell<T>,
}

// SAFETY: access to `value` is only through a guard, and a guard exists only
// while `state` records exactly one owner.
unsafe impl<T: Send> Sync for EngineCell<T> {}
unsafe impl<T: Send> Send for EngineCell<T> {}

impl<T> EngineCell<T> {
    pub fn new(value: T) -> Self {
        EngineCell { state: AtomicU8::new(FREE), value: UnsafeCell::new(value) }
    }

    fn addr(&self) -> usize {
        self as *const Self as usize
    }

    /// Takes the cell for processing, without waiting.
    pub fn try_audio(&self) -> Result<AudioGuard<'_, T>, Holder> {
        match self.state.compare_exchange(FREE, AUDIO, Ordering::Acquire, Ordering::Relaxed) {
            Ok(_) => {
                let previous = PROCESSING.with(|p| p.replace(self.addr()));
                Ok(AudioGuard { cell: self, previous })
            }
            Err(AUDIO) => Err(Holder::Audio),
            Err(_) => Err(Holder::Control),
        }
    }

    /// True when the calling thread is inside this cell's processing (a
    /// process callback calling back into the server).
    pub fn held_by_this_thread(&self) -> bool {
        PROCESSING.with(|p| p.get() == self.addr())
    }

    /// Takes the cell for the control side, waiting for a running block to
    /// finish. Returns None when called from inside this cell's own
    /// processing (it would wait forever).
    pub fn lock_control(&self) -> Option<ControlGuard<'_, T>> {
        if self.held_by_this_thread() {
            return None;
        }
        let mut spins = 0u32;
        loop {
            if let Some(g) = self.try_control() {
                return Some(g);
            }
            spins += 1;
            if spins < 64 {
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
    }

    /// Takes the cell for the control side if it is free.
    pub fn try_control(&self) -> Option<ControlGuard<'_, T>> {
        self.state
            .compare_exchange(FREE, CONTROL, Ordering::Acquire, Ordering::Relaxed)
            .ok()
            .map(|_| ControlGuard { cell: self })
    }
}

pub struct AudioGuard<'a, T> {
    cell: &'a EngineCell<T>,
    previous: usize,
}

pub struct ControlGuard<'a, T> {
    cell: &'a EngineCell<T>,
}

macro_rules! guard_impl {
    ($g:ident) => {
        impl<T> Deref for $g<'_, T> {
            type Target = T;
            fn deref(&self) -> &T {
                // SAFETY: this guard is the one owner recorded in `state`.
                unsafe { &*self.cell.value.get() }
            }
        }
        impl<T> DerefMut for $g<'_, T> {
            fn deref_mut(&mut self) -> &mut T {
                // SAFETY: as above.
                unsafe { &mut *self.cell.value.get() }
            }
        }
    };
}
guard_impl!(AudioGuard);
guard_impl!(ControlGuard);

impl<T> Drop for AudioGuard<'_, T> {
    fn drop(&mut self) {
        PROCESSING.with(|p| p.set(self.previous));
        self.cell.state.store(FREE, Ordering::Release);
    }
}

impl<T> Drop for ControlGuard<'_, T> {
    fn drop(&mut self) {
        self.cell.state.store(FREE, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_processor_is_refused() {
        let cell = EngineCell::new(0u32);
        let g = cell.try_audio().unwrap();
        assert_eq!(cell.try_audio().err(), Some(Holder::Audio));
        assert!(cell.try_control().is_none());
        assert!(cell.lock_control().is_none(), "own thread inside processing must not wait");
        drop(g);
        let c = cell.lock_control().unwrap();
        assert_eq!(cell.try_audio().err(), Some(Holder::Control));
        drop(c);
        assert!(cell.try_audio().is_ok());
    }
}
