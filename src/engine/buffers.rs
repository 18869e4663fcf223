//! The server's interleaved input and output buffers: the memory a pyo-style
//! host writes and reads through raw pointers, stable from boot to shutdown
//! (and across a `boot(new_buffer=false)`).

use std::ptr::NonNull;

/// A heap buffer of f32 whose address is handed to C hosts. It is accessed
/// through its raw pointer only, so a host writing it between blocks never
/// aliases a Rust reference that is alive.
pub struct HostBuffer {
    ptr: NonNull<f32>,
    len: usize,
}

// SAFETY: the buffer is plain memory; the engine cell serialises the engine's
// access, and the host's access happens between process calls by contract.
unsafe impl Send for HostBuffer {}
unsafe impl Sync for HostBuffer {}

impl HostBuffer {
    pub fn new(len: usize) -> Self {
        let boxed: Box<[f32]> = vec![0.0; len.max(1)].into_boxed_slice();
        let ptr = NonNull::new(Box::into_raw(boxed) as *mut f32).expect("Box::into_raw is never null");
        HostBuffer { ptr, len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn as_ptr(&self) -> *mut f32 {
        self.ptr.as_ptr()
    }

    pub fn as_slice(&self) -> &[f32] {
        // SAFETY: ptr/len come from a live boxed slice of at least len items.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    pub fn as_mut_slice(&mut self) -> &mut [f32] {
        // SAFETY: as above; &mut self gives exclusive access on the Rust side.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

impl Drop for HostBuffer {
    fn drop(&mut self) {
        // SAFETY: rebuilds the boxed slice made in new() (len.max(1) items).
        unsafe {
            let slice = std::ptr::slice_from_raw_parts_mut(self.ptr.as_ptr(), self.len.max(1));
            drop(Box::from_raw(slice));
        }
    }
}

/// The pair a server keeps from boot to shutdown.
pub struct IoBuffers {
    pub input: HostBuffer,
    pub output: HostBuffer,
}

impl IoBuffers {
    pub fn new(bs: usize, ichnls: usize, nchnls: usize) -> Self {
        IoBuffers { input: HostBuffer::new(bs * ichnls), output: HostBuffer::new(bs * nchnls) }
    }
}
