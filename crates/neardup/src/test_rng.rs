//! The xorshift64 stream the unit tests draw hashes and words from: deterministic and
//! dependency-free, one copy for every test module of the crate.

/// Marsaglia's xorshift64 (shifts 13, 7, 17); the state must not be 0.
pub(crate) struct XorShift(pub(crate) u64);

impl XorShift {
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
