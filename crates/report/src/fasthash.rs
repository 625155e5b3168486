//! The hasher of the report's in-memory maps keyed by texts and ids: which
//! hash a key gets never reaches an output (tallies and n-gram counts do not
//! depend on iteration order), so it only has to be fast on short keys.

use std::hash::{BuildHasherDefault, Hasher};

/// An FxHash-style hasher, 8 bytes a round: SipHash over template lines of a few hundred bytes
/// was a tenth of the report's fold, and over n-gram keys most of the repetition rules.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, v: u8) {
        self.add(u64::from(v));
    }

    fn write_u32(&mut self, v: u32) {
        self.add(u64::from(v));
    }

    fn write_usize(&mut self, v: usize) {
        self.add(v as u64);
    }

    fn finish(&self) -> u64 {
        // Spread the last round into the low bits, which pick the table's bucket.
        let x = self.0;
        x ^ (x >> 29) ^ (x >> 47)
    }
}

/// A `HashMap` hasher builder over [`FastHasher`].
pub(crate) type FastHash = BuildHasherDefault<FastHasher>;
