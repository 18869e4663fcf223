//! Server ids: a fixed table of slots (pyo's MAX_NB_SERVER is 256), so that
//! an id — in pyo's embedded callback, or inside an object handle — can be
//! looked up without a lock and without ever touching freed memory.

use super::ServerInner;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU32, Ordering};

/// Most servers alive at once in one process.
pub const MAX_SERVERS: usize = 256;

struct Slot {
    taken: AtomicBool,
    server: AtomicPtr<ServerInner>,
    generation: AtomicU32,
    /// Lookups in progress; `release` waits for them.
    users: AtomicU32,
}

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: Slot = Slot {
    taken: AtomicBool::new(false),
    server: AtomicPtr::new(std::ptr::null_mut()),
    generation: AtomicU32::new(0),
    users: AtomicU32::new(0),
};

static SLOTS: [Slot; MAX_SERVERS] = [EMPTY; MAX_SERVERS];

/// Reserves the lowest free id; returns (id, generation).
pub fn reserve() -> Option<(u32, u32)> {
    for (i, s) in SLOTS.iter().enumerate() {
        if s.taken.compare_exchange(false, true, Ordering::AcqRel, Ordering::Relaxed).is_ok() {
            // Generations are 16 bits in handles and never 0.
            let mut g = s.generation.load(Ordering::Relaxed).wrapping_add(1) & 0xFFFF;
            if g == 0 {
                g = 1;
            }
            s.generation.store(g, Ordering::Release);
            return Some((i as u32, g));
        }
    }
    None
}

/// Makes a reserved id resolve to `server`. The pointer must stay valid
/// until [`release`] returns.
pub fn publish(id: u32, server: *const ServerInner) {
    if let Some(s) = SLOTS.get(id as usize) {
        s.server.store(server as *mut ServerInner, Ordering::SeqCst);
    }
}

/// Unpublishes an id and waits until no lookup uses it; the id is free again.
pub fn release(id: u32) {
    if let Some(s) = SLOTS.get(id as usize) {
        s.server.store(std::ptr::null_mut(), Ordering::SeqCst);
        while s.users.load(Ordering::SeqCst) != 0 {
            std::thread::yield_now();
        }
        s.taken.store(false, Ordering::Release);
    }
}

/// Calls `f` with the server of `id` (and of `generation`, when given).
pub fn with_server<R>(id: u32, generation: Option<u32>, f: impl FnOnce(&ServerInner) -> R) -> Option<R> {
    let s = SLOTS.get(id as usize)?;
    s.users.fetch_add(1, Ordering::SeqCst);
    let ptr = s.server.load(Ordering::SeqCst);
    let gen_ok = generation.is_none_or(|g| g == s.generation.load(Ordering::SeqCst));
    let result = if !ptr.is_null() && gen_ok {
        // SAFETY: a published pointer stays valid until release(), which
        // waits for `users` to fall to zero after unpublishing it.
        Some(f(unsafe { &*ptr }))
    } else {
        None
    };
    s.users.fetch_sub(1, Ordering::SeqCst);
    result
}
