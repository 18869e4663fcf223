//! Tables: sample data shared between the objects that fill them and the
//! objects that read them (pyo's PyoTableObject).
//!
//! The samples are atomics so that a writer (TableRec) and readers (Osc,
//! TableRead, TrigEnv) on the audio thread, and the control side that builds
//! or replaces the data, share them without locks and without undefined
//! behaviour. On x86 and ARM a relaxed atomic load or store of 32 bits is a
//! plain load or store: reading a table costs what reading a slice costs.

use std::sync::atomic::{AtomicU32, Ordering};

/// The samples of one table: `size` points and one guard point (pyo's
/// tables are `size + 1` long, the last point repeating the first for
/// interpolation, unless the class says otherwise).
pub struct Table {
    data: Box<[AtomicU32]>,
    sr: f64,
    /// NewTable's feedback: a recording writes `new + old * feedback`.
    feedback: AtomicU32,
}

impl Table {
    /// A table from its samples, guard point included.
    pub fn from_samples(samples: &[f32], sr: f64) -> Table {
        Table { data: samples.iter().map(|v| AtomicU32::new(v.to_bits())).collect(), sr, feedback: AtomicU32::new(0) }
    }

    /// `size + 1` zeros.
    pub fn zeros(size: usize, sr: f64) -> Table {
        Table { data: (0..=size).map(|_| AtomicU32::new(0)).collect(), sr, feedback: AtomicU32::new(0) }
    }

    /// Points, guard point included.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.data.len()
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// pyo's `size`: the points without the guard point.
    #[inline(always)]
    pub fn size(&self) -> usize {
        self.data.len().saturating_sub(1)
    }

    /// The sampling rate the data was made at (sound files keep theirs).
    pub fn sr(&self) -> f64 {
        self.sr
    }

    /// Point `i`, or 0 past the end.
    #[inline(always)]
    pub fn get(&self, i: usize) -> f32 {
        match self.data.get(i) {
            Some(a) => f32::from_bits(a.load(Ordering::Relaxed)),
            None => 0.0,
        }
    }

    /// Sets point `i`; ignored past the end.
    #[inline(always)]
    pub fn set(&self, i: usize, v: f32) {
        if let Some(a) = self.data.get(i) {
            a.store(v.to_bits(), Ordering::Relaxed);
        }
    }

    /// How much of the old data a recording keeps (NewTable's feedback).
    #[inline(always)]
    pub fn feedback(&self) -> f32 {
        f32::from_bits(self.feedback.load(Ordering::Relaxed))
    }

    pub fn set_feedback(&self, v: f32) {
        self.feedback.store(v.to_bits(), Ordering::Relaxed);
    }

    /// A copy of every point (control side).
    pub fn to_vec(&self) -> Vec<f32> {
        (0..self.len()).map(|i| self.get(i)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_was_written_and_ignores_out_of_range() {
        let t = Table::from_samples(&[0.0, 0.5, -1.0], 44100.0);
        assert_eq!((t.len(), t.size()), (3, 2));
        t.set(1, 0.25);
        t.set(9, 1.0);
        assert_eq!(t.to_vec(), vec![0.0, 0.25, -1.0]);
        assert_eq!(t.get(3), 0.0);
        assert_eq!(Table::zeros(4, 44100.0).len(), 5);
    }
}
