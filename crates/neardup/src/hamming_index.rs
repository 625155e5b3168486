//! Permuted Hamming tables (Manku, Jain and Das Sarma, WWW 2007).
//!
//! The 64 bits are cut into `blocks` contiguous blocks. Two fingerprints within
//! Hamming distance `k` differ in at most `k` blocks, so they agree on at least
//! `blocks - k` of them: one table per choice of `blocks - k` blocks, keyed on
//! the bits of those blocks, finds every such pair. Tables are sorted vectors
//! of `(key, document)` rather than hash maps: a pair appears wherever two
//! documents share a key, groups come out in a fixed order, and a table costs
//! exactly 12 bytes per document (a `u64` key and a `u32` document number).

use crate::simhash::hamming;

/// The layout of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableLayout {
    /// Largest Hamming distance guaranteed to be found.
    pub k: u32,
    /// Number of contiguous bit blocks (more than `k`).
    pub blocks: u32,
}

impl TableLayout {
    /// Number of tables: C(blocks, blocks - k).
    pub fn tables(&self) -> usize {
        binomial(self.blocks as usize, (self.blocks - self.k) as usize)
    }

    /// Index bytes per document: one `(u64 key, u32 doc)` entry in each table.
    pub fn bytes_per_document(&self) -> usize {
        self.tables() * 12
    }

    /// Bits a key keeps (the smallest over tables, for uneven blocks).
    pub fn key_bits(&self) -> u32 {
        let base = 64 / self.blocks;
        base * (self.blocks - self.k)
    }
}

/// A bit mask for each table, over the chosen blocks.
fn masks(layout: TableLayout) -> Vec<u64> {
    let b = layout.blocks as usize;
    let block_masks: Vec<u64> = (0..b)
        .map(|i| {
            // Block i covers bits [64*i/b, 64*(i+1)/b).
            let lo = 64 * i / b;
            let hi = 64 * (i + 1) / b;
            let width = hi - lo;
            let ones = if width == 64 {
                u64::MAX
            } else {
                (1u64 << width) - 1
            };
            ones << lo
        })
        .collect();
    let keep = b - layout.k as usize;
    let mut out = Vec::new();
    let mut choice: Vec<usize> = (0..keep).collect();
    loop {
        out.push(choice.iter().fold(0u64, |m, &i| m | block_masks[i]));
        // Next combination in lexicographic order.
        let mut i = keep;
        loop {
            if i == 0 {
                return out;
            }
            i -= 1;
            if choice[i] < b - keep + i {
                break;
            }
        }
        choice[i] += 1;
        for j in i + 1..keep {
            choice[j] = choice[j - 1] + 1;
        }
    }
}

fn binomial(n: usize, k: usize) -> usize {
    (0..k).fold(1usize, |acc, i| acc * (n - i) / (i + 1))
}

/// Every pair of documents whose simhashes lie within `layout.k` bits, as
/// `(a, b)` with `a < b`, sorted and without repeats.
///
/// `max_group` bounds the work on degenerate keys (thousands of pages with one
/// simhash): within a larger group each document is paired with the first
/// `max_group` members only. Identical fingerprints are then still linked to
/// one common document.
pub fn near_pairs(simhashes: &[u64], layout: TableLayout, max_group: usize) -> Vec<(u32, u32)> {
    // Pairs packed `a << 32 | b`: sorting the words sorts the pairs.
    let mut pairs: Vec<u64> = Vec::new();
    let mut emit = |members: &[u32]| {
        for (gi, &a) in members.iter().enumerate() {
            for &b in &members[..gi.min(max_group)] {
                if hamming(simhashes[a as usize], simhashes[b as usize]) <= layout.k {
                    pairs.push((u64::from(a.min(b)) << 32) | u64::from(a.max(b)));
                }
            }
        }
    };
    let mut packed: Vec<u64> = Vec::with_capacity(simhashes.len());
    let mut spare: Vec<u64> = Vec::new();
    let mut table: Vec<(u64, u32)> = Vec::new();
    let mut members: Vec<u32> = Vec::new();
    for mask in masks(layout) {
        if mask.count_ones() <= 32 {
            // The key's bits gathered into 32 (their order kept, so keys sort as the masked
            // hashes do) and the document below them: one word per entry sorts faster than
            // a `(key, doc)` pair, in the same order.
            let runs = mask_runs(mask);
            packed.clear();
            packed.extend(
                simhashes
                    .iter()
                    .enumerate()
                    .map(|(i, &h)| (gather(h, &runs) << 32) | i as u64),
            );
            // Pushed in document order: a stable radix sort on the key (the high half) gives
            // the words' order, for a quarter of a comparison sort's instructions.
            crate::radix::sort_by_high_half(&mut packed, &mut spare);
            for group in packed.chunk_by(|x, y| x >> 32 == y >> 32) {
                if group.len() > 1 {
                    members.clear();
                    members.extend(group.iter().map(|&p| p as u32));
                    emit(&members);
                }
            }
        } else {
            table.clear();
            table.extend(
                simhashes
                    .iter()
                    .enumerate()
                    .map(|(i, &h)| (h & mask, i as u32)),
            );
            table.sort_unstable();
            for group in table.chunk_by(|x, y| x.0 == y.0) {
                if group.len() > 1 {
                    members.clear();
                    members.extend(group.iter().map(|&(_, d)| d));
                    emit(&members);
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
        .into_iter()
        .map(|p| ((p >> 32) as u32, p as u32))
        .collect()
}

/// The runs of ones of `mask`, lowest first, as `(shift, width)`.
fn mask_runs(mask: u64) -> Vec<(u32, u32)> {
    let mut runs = Vec::new();
    let mut rest = mask;
    while rest != 0 {
        let lo = rest.trailing_zeros();
        let width = (rest >> lo).trailing_ones();
        runs.push((lo, width));
        rest &= !(((1u128 << width) - 1) as u64).wrapping_shl(lo);
    }
    runs
}

/// The bits of `h` under the runs, packed from bit 0 up in the same order.
#[inline]
fn gather(h: u64, runs: &[(u32, u32)]) -> u64 {
    let mut out = 0u64;
    let mut at = 0;
    for &(lo, width) in runs {
        let ones = ((1u128 << width) - 1) as u64;
        out |= ((h >> lo) & ones) << at;
        at += width;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gathered_keys_sort_as_masked_hashes() {
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        let hashes: Vec<u64> = (0..2000).map(|_| rng.next_u64()).collect();
        for mask in masks(TableLayout { k: 4, blocks: 6 }) {
            let runs = mask_runs(mask);
            assert_eq!(runs.iter().map(|r| r.1).sum::<u32>(), mask.count_ones());
            for w in hashes.windows(2) {
                let (a, b) = (w[0] & mask, w[1] & mask);
                assert_eq!(a.cmp(&b), gather(w[0], &runs).cmp(&gather(w[1], &runs)));
            }
        }
    }

    #[test]
    fn layouts_count_their_tables() {
        assert_eq!(TableLayout { k: 3, blocks: 4 }.tables(), 4);
        assert_eq!(TableLayout { k: 6, blocks: 8 }.tables(), 28);
        let m = masks(TableLayout { k: 2, blocks: 4 });
        assert_eq!(m.len(), 6);
        assert!(m.iter().all(|x| x.count_ones() == 32));
    }

    /// Planted near neighbours at every distance up to k are all found; none beyond k is reported.
    #[test]
    fn finds_every_planted_neighbour_within_k() {
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        let mut next = || rng.next_u64();
        for layout in [
            TableLayout { k: 3, blocks: 4 },
            TableLayout { k: 5, blocks: 7 },
        ] {
            let mut hashes = Vec::new();
            let mut planted = Vec::new();
            for d in 0..=layout.k + 2 {
                let base = next();
                let mut near = base;
                let mut flipped = 0;
                while flipped < d {
                    let bit = 1u64 << (next() % 64);
                    if (near ^ base) & bit == 0 {
                        near ^= bit;
                        flipped += 1;
                    }
                }
                planted.push((hashes.len() as u32, d));
                hashes.push(base);
                hashes.push(near);
            }
            let pairs = near_pairs(&hashes, layout, 100);
            for (a, d) in planted {
                assert_eq!(
                    pairs.contains(&(a, a + 1)),
                    d <= layout.k,
                    "distance {d} with {layout:?}"
                );
            }
        }
    }
}
