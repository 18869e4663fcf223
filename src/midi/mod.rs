//! MIDI events with frame offsets: injected from any thread through a
//! bounded lock-free queue, delivered to the engine at the top of a block.
//!
//! MIDI output (noteout, makenote, sysexout, ...) is in [`out`]: its
//! documentation says how hosts and backends read each block's events
//! (`Server::set_midi_out_callback`, `ServerInner::process_block_midi`).

pub mod out;

use crate::error::{Error, Result};

#[cfg(feature = "midir")]
pub mod midir;

/// Capacity of a server's MIDI input queue, in events.
pub const MIDI_QUEUE_CAPACITY: usize = 1024;
/// Events delivered in one block at most; the rest wait for the next block.
pub const MIDI_EVENTS_PER_BLOCK: usize = 512;

/// A short MIDI message and the frame of the block it acts at.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MidiEvent {
    pub status: u8,
    pub data1: u8,
    pub data2: u8,
    /// Frame inside the block (0 = the block's first sample).
    pub frame: u32,
}

impl MidiEvent {
    /// Validates and builds an event: status 0x80..=0xFF, data 0..=127.
    pub fn new(status: i32, data1: i32, data2: i32, frame: u32) -> Result<Self> {
        if !(0x80..=0xFF).contains(&status) {
            return Err(Error::invalid(format!("status: {status} is not a MIDI status byte (128 to 255)")));
        }
        for (name, v) in [("data1", data1), ("data2", data2)] {
            if !(0..=127).contains(&v) {
                return Err(Error::invalid(format!("{name}: {v} is out of range (0 to 127)")));
            }
        }
        Ok(MidiEvent { status: status as u8, data1: data1 as u8, data2: data2 as u8, frame })
    }
}

/// Stable insertion sort by frame (no allocation; blocks hold few events).
pub fn sort_by_frame(events: &mut [MidiEvent]) {
    for i in 1..events.len() {
        let mut j = i;
        while j > 0 && events[j - 1].frame > events[j].frame {
            events.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_bytes() {
        assert!(MidiEvent::new(144, 60, 100, 0).is_ok());
        assert!(MidiEvent::new(60, 60, 100, 0).unwrap_err().message.starts_with("status"));
        assert!(MidiEvent::new(144, 128, 100, 0).unwrap_err().message.starts_with("data1"));
        assert!(MidiEvent::new(144, 1, -1, 0).unwrap_err().message.starts_with("data2"));
    }

    #[test]
    fn sorts_stably() {
        let mut e = [
            MidiEvent { status: 1, frame: 5, ..Default::default() },
            MidiEvent { status: 2, frame: 0, ..Default::default() },
            MidiEvent { status: 3, frame: 5, ..Default::default() },
        ];
        sort_by_frame(&mut e);
        assert_eq!(e.map(|e| e.status), [2, 1, 3]);
    }
}
