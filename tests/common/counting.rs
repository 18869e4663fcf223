//! A counting allocator for the real-time tests: once a thread is marked
//! with [`watch`], every allocation, reallocation or free on it is counted.
//! A test binary installs it with
//! `#[global_allocator] static ALLOC: Counting = Counting;`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Counting;

thread_local! {
    static WATCHED: Cell<bool> = const { Cell::new(false) };
}
static ON_WATCHED_THREADS: AtomicUsize = AtomicUsize::new(0);

/// Marks (or unmarks) the calling thread as one whose heap use counts.
pub fn watch(on: bool) {
    WATCHED.with(|w| w.set(on));
}

/// Allocations and frees counted on watched threads so far.
pub fn counted() -> usize {
    ON_WATCHED_THREADS.load(Ordering::Relaxed)
}

fn note() {
    if WATCHED.try_with(|w| w.get()).unwrap_or(false) {
        ON_WATCHED_THREADS.fetch_add(1, Ordering::Relaxed);
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        note();
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        note();
        unsafe { System.realloc(p, l, n) }
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc_zeroed(l) }
    }
}
