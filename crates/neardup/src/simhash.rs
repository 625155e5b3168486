//! 64-bit simhash (Charikar 2002) with a bit-sliced counter.
//!
//! A simhash keeps, for each of the 64 bit positions, how many feature hashes
//! have that bit set. Updating 64 counters one bit at a time costs 64 branches
//! per feature; here the counters are kept *vertically* instead: plane `j` holds
//! bit `j` of all 64 counters, and adding a feature hash is a ripple-carry add
//! of one 64-bit word into the planes (a fixed eight AND/XOR steps, no branch).
//! Every 255 features the planes are drained into ordinary 32-bit counters.
//!
//! **Tie rule** (part of the fingerprint's definition, so fingerprints are the
//! same on every platform): bit `i` of the simhash is 1 exactly when strictly
//! more than half of the features have bit `i` set (`2 * count > features`).
//! A tie gives 0, and so does an empty feature set (simhash 0).

/// Bit planes before a drain: 8 planes count up to 255.
const PLANES: usize = 8;
const DRAIN_EVERY: u32 = (1 << PLANES) - 1;

/// Accumulates feature hashes into a simhash.
#[derive(Debug, Clone)]
pub struct SimhashBuilder {
    planes: [u64; PLANES],
    pending: u32,
    counts: [u32; 64],
    features: u64,
}

impl Default for SimhashBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl SimhashBuilder {
    pub fn new() -> Self {
        Self {
            planes: [0; PLANES],
            pending: 0,
            counts: [0; 64],
            features: 0,
        }
    }

    /// Adds one feature (its 64-bit hash) with weight 1.
    #[inline]
    pub fn add(&mut self, hash: u64) {
        let mut carry = hash;
        for plane in &mut self.planes {
            let next = *plane & carry;
            *plane ^= carry;
            carry = next;
        }
        self.pending += 1;
        self.features += 1;
        if self.pending == DRAIN_EVERY {
            self.drain();
        }
    }

    /// Adds every feature of `hashes`, eight at a time: a carry-save adder tree (Harley and
    /// Seal) sums eight hashes into the low three planes, whose carries of weight eight are
    /// then rippled into the planes above, about a third of the work of eight single adds.
    /// The planes hold the same counts as after eight calls to [`SimhashBuilder::add`]: plane
    /// `j` is bit `j` of every counter either way.
    pub fn add_all(&mut self, hashes: &[u64]) {
        let mut blocks = hashes.chunks_exact(8);
        for block in &mut blocks {
            if self.pending + 8 > DRAIN_EVERY {
                self.drain();
            }
            let [ones, twos, fours, ..] = &mut self.planes;
            let (twos_a, o) = csa(*ones, block[0], block[1]);
            let (twos_b, o) = csa(o, block[2], block[3]);
            let (fours_a, t) = csa(*twos, twos_a, twos_b);
            let (twos_a, o) = csa(o, block[4], block[5]);
            let (twos_b, o) = csa(o, block[6], block[7]);
            let (fours_b, t) = csa(t, twos_a, twos_b);
            let (eights, f) = csa(*fours, fours_a, fours_b);
            (*ones, *twos, *fours) = (o, t, f);
            let mut carry = eights;
            for plane in &mut self.planes[3..] {
                let next = *plane & carry;
                *plane ^= carry;
                carry = next;
            }
            self.pending += 8;
            self.features += 8;
        }
        for &h in blocks.remainder() {
            self.add(h);
        }
    }

    fn drain(&mut self) {
        for (j, plane) in self.planes.iter_mut().enumerate() {
            let p = *plane;
            for (i, c) in self.counts.iter_mut().enumerate() {
                *c += (((p >> i) & 1) as u32) << j;
            }
            *plane = 0;
        }
        self.pending = 0;
    }

    /// Bit `i` set when counter `i`, held in the planes alone, exceeds `threshold` (< 256):
    /// a bit-sliced comparison from the top plane down, `2 * count > features` being
    /// `count > features / 2` for integers.
    fn planes_above(&self, threshold: u64) -> u64 {
        let (mut above, mut equal) = (0u64, u64::MAX);
        for (j, &plane) in self.planes.iter().enumerate().rev() {
            if threshold >> j & 1 == 1 {
                equal &= plane;
            } else {
                above |= equal & plane;
                equal &= !plane;
            }
        }
        above
    }

    /// How many features were added.
    pub fn features(&self) -> u64 {
        self.features
    }

    /// The simhash of the features added so far (see the tie rule above).
    pub fn finish(&mut self) -> u64 {
        if self.features == u64::from(self.pending) {
            // Never drained (at most 255 features, most documents): compare the planes with
            // the threshold directly, all 64 counters at once.
            return self.planes_above(self.features >> 1);
        }
        self.drain();
        let mut out = 0u64;
        for (i, &c) in self.counts.iter().enumerate() {
            if 2 * u64::from(c) > self.features {
                out |= 1 << i;
            }
        }
        out
    }
}

/// A full adder on 64 bit positions at once: (carry, sum) of `a + b + c`.
#[inline]
fn csa(a: u64, b: u64, c: u64) -> (u64, u64) {
    let u = a ^ b;
    ((a & b) | (u & c), u ^ c)
}

/// Number of differing bits.
#[inline]
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition, one counter per bit: the reference for the bit-sliced one.
    fn reference(hashes: &[u64]) -> u64 {
        let mut counts = [0u64; 64];
        for h in hashes {
            for (i, c) in counts.iter_mut().enumerate() {
                *c += (h >> i) & 1;
            }
        }
        let n = hashes.len() as u64;
        counts
            .iter()
            .enumerate()
            .fold(0, |acc, (i, &c)| if 2 * c > n { acc | 1 << i } else { acc })
    }

    #[test]
    fn bit_sliced_counter_equals_the_plain_definition() {
        // A xorshift stream, long enough to cross several drains.
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        let mut hashes = Vec::new();
        for len in [0usize, 1, 2, 3, 254, 255, 256, 511, 1000, 3001] {
            hashes.clear();
            hashes.extend((0..len).map(|_| rng.next_u64()));
            let mut b = SimhashBuilder::new();
            hashes.iter().for_each(|&h| b.add(h));
            assert_eq!(b.finish(), reference(&hashes), "len {len}");
            let mut b = SimhashBuilder::new();
            b.add_all(&hashes);
            assert_eq!(b.finish(), reference(&hashes), "add_all, len {len}");
            // Singles and blocks mixed, so that a drain falls between them.
            let mut b = SimhashBuilder::new();
            let (head, tail) = hashes.split_at(len / 3);
            head.iter().for_each(|&h| b.add(h));
            b.add_all(tail);
            assert_eq!(b.finish(), reference(&hashes), "mixed, len {len}");
        }
    }

    /// Every length up to past the first drain, with bits set a quarter, half and three
    /// quarters of the time, so that counters sit on both sides of the threshold and on it.
    #[test]
    fn the_plane_comparison_equals_the_plain_definition_at_every_length() {
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        let mut next = || rng.next_u64();
        for len in 0..600 {
            for bias in 0..3 {
                let hashes: Vec<u64> = (0..len)
                    .map(|_| match bias {
                        0 => next() & next(),
                        1 => next(),
                        _ => next() | next(),
                    })
                    .collect();
                let mut b = SimhashBuilder::new();
                hashes.iter().for_each(|&h| b.add(h));
                assert_eq!(b.finish(), reference(&hashes), "len {len}, bias {bias}");
                let mut b = SimhashBuilder::new();
                b.add_all(&hashes);
                assert_eq!(
                    b.finish(),
                    reference(&hashes),
                    "add_all, len {len}, bias {bias}"
                );
            }
        }
    }

    #[test]
    fn ties_and_empty_sets_give_zero_bits() {
        assert_eq!(SimhashBuilder::new().finish(), 0);
        let mut b = SimhashBuilder::new();
        b.add(0b1011);
        b.add(0b0110);
        // bit 1 is set in both, bits 0, 2 and 3 are tied: only bit 1 survives.
        assert_eq!(b.finish(), 0b0010);
        let mut b = SimhashBuilder::new();
        for h in [0b1u64, 0b1, 0b0] {
            b.add(h);
        }
        assert_eq!(b.finish(), 0b1);
    }

    #[test]
    fn hamming_counts_differing_bits() {
        assert_eq!(hamming(0, u64::MAX), 64);
        assert_eq!(hamming(0b1010, 0b0110), 2);
    }
}
