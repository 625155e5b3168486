//! A stable LSD radix sort of `(key, index)` words, shared by the anchor postings and the
//! permuted Hamming tables: both push their words in document order and need them ordered
//! by key, which a stable sort on the high half gives without comparing whole words.

/// Sorts words whose low halves ascend as pushed (`(hash, doc)` words pushed in document
/// order) as whole words: an LSD radix sort on the high half, stable, in digits of 11 bits
/// (three passes at most, two for the Hamming tables' 21-bit keys) whose counts are all taken
/// in one read; a digit with one value throughout is not moved. `spare` is scratch space,
/// kept by callers that sort many times.
pub(crate) fn sort_by_high_half(words: &mut Vec<u64>, spare: &mut Vec<u64>) {
    const BITS: u32 = 11;
    const SIZE: usize = 1 << BITS;
    const MASK: u64 = SIZE as u64 - 1;
    let n = words.len();
    let mut counts = vec![0usize; 3 * SIZE];
    for &w in words.iter() {
        let key = w >> 32;
        counts[(key & MASK) as usize] += 1;
        counts[SIZE + ((key >> BITS) & MASK) as usize] += 1;
        counts[2 * SIZE + (key >> (2 * BITS)) as usize] += 1;
    }
    // Every slot is written by each pass before it is read: what a reused `spare` holds
    // is left there, not zeroed again.
    spare.resize(n, 0);
    for (pass, starts) in counts.chunks_exact_mut(SIZE).enumerate() {
        if starts.contains(&n) {
            continue; // one digit value throughout (or no words): nothing to move
        }
        let mut at = 0;
        for slot in starts.iter_mut() {
            let count = *slot;
            *slot = at;
            at += count;
        }
        let shift = 32 + BITS * pass as u32;
        for &w in words.iter() {
            let slot = &mut starts[((w >> shift) & MASK) as usize];
            spare[*slot] = w;
            *slot += 1;
        }
        std::mem::swap(words, spare);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_order_is_the_words_order() {
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        let mut words = Vec::new();
        for doc in 0..3000u64 {
            for _ in 0..(doc % 7) {
                let x = rng.next_u64();
                // Few distinct hashes, so that many documents share one.
                let hash = ((x >> 40) % 500 * 0x0101_0101) >> (doc % 3);
                words.push((hash << 32) | doc);
            }
        }
        let mut sorted = words.clone();
        sorted.sort_unstable();
        // A spare left longer than the words, and holding other words, by an earlier sort.
        let mut spare = vec![u64::MAX; words.len() + 7];
        let mut fewer = words[..words.len() / 3].to_vec();
        sort_by_high_half(&mut words, &mut spare);
        assert_eq!(words, sorted);
        let mut sorted_fewer = fewer.clone();
        sorted_fewer.sort_unstable();
        sort_by_high_half(&mut fewer, &mut spare);
        assert_eq!(fewer, sorted_fewer);
    }
}
