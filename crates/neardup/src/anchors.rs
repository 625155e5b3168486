//! Candidate pairs from shared rare anchor shingles (after passim, Smith et al. 2014).
//!
//! An abridged copy lies far from its original in Hamming space, but shares
//! long runs of shingles with it. A fixed, content-defined sample of shingles
//! (those whose hash has its top `sample_bits` bits zero) is the same in every
//! document that contains them, so a shared passage of `m` shingles shares
//! about `m / 2^sample_bits` anchors whatever document it sits in. Anchors held
//! by more than `max_df` documents are template, caption or stock phrases, not
//! evidence of copying, and are skipped: this also bounds the pairs per anchor.

use crate::fingerprint::ShingleHash;

/// How anchors are sampled and used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnchorParams {
    /// Keep shingles whose hash has this many leading zero bits (rate 2^-bits).
    pub sample_bits: u32,
    /// Anchors held by more documents than this are ignored.
    pub max_df: usize,
    /// Pairs must share at least this many anchors.
    pub min_shared: u32,
    /// Pairs must share at least this fraction of the larger document's anchors.
    pub min_fraction: f64,
}

impl Default for AnchorParams {
    fn default() -> Self {
        Self {
            sample_bits: 3,
            max_df: 200,
            min_shared: 1,
            min_fraction: 0.1,
        }
    }
}

impl AnchorParams {
    /// Whether a shingle hash is an anchor.
    #[inline]
    pub fn is_anchor(&self, hash: ShingleHash) -> bool {
        self.sample_bits == 0 || hash >> (ShingleHash::BITS - self.sample_bits) == 0
    }
}

/// Candidate pairs `(a, b)`, `a < b`, sorted, sharing at least `min_shared`
/// anchors of document frequency at most `max_df`, and enough of them for the
/// pair to have a chance to verify: a copy shares at least a few tenths of
/// the longer body, so a pair whose shared anchors are under `min_fraction`
/// of the larger document's anchors is not worth verifying.
///
/// # Preconditions
/// Each set is sorted and holds no hash twice, as `Fingerprint::shingles` does: a posting
/// group then holds each document once, which the pair counting relies on.
pub fn anchor_pairs(shingle_sets: &[&[ShingleHash]], params: AnchorParams) -> Vec<(u32, u32)> {
    use rayon::prelude::*;
    debug_assert!(shingle_sets
        .iter()
        .all(|set| set.windows(2).all(|w| w[0] < w[1])));
    let n = shingle_sets.len();
    let mut postings: Vec<u64> = Vec::new();
    let mut anchors_of = vec![0u32; n];
    for (doc, set) in shingle_sets.iter().enumerate() {
        // Anchors are the hashes whose top bits are zero: the smallest ones, a prefix of the
        // sorted set.
        let anchors = &set[..set.partition_point(|&h| params.is_anchor(h))];
        // `(hash, doc)` packed in one word, hash high: sorting the words sorts the pairs.
        postings.extend(anchors.iter().map(|&h| (u64::from(h) << 32) | doc as u64));
        anchors_of[doc] = anchors.len() as u32;
    }
    crate::radix::sort_by_high_half(&mut postings, &mut Vec::new());
    let doc_of = |p: u64| p as u32;
    // For each document, the part (start, end) of each of its useful anchors' posting groups
    // that holds the documents after it (so each pair is counted once, from its first
    // document), grouped by document with a counting sort: groups are visited in increasing
    // `start`, so each document's list comes out in the order a sort of `(doc, start, end)`
    // would give.
    let useful = |len: usize| len >= 2 && len <= params.max_df;
    let mut offsets = vec![0usize; n + 1];
    for group in postings.chunk_by(|x, y| x >> 32 == y >> 32) {
        if useful(group.len()) {
            for &p in group {
                offsets[doc_of(p) as usize + 1] += 1;
            }
        }
    }
    for i in 0..n {
        offsets[i + 1] += offsets[i];
    }
    let mut memberships: Vec<(u32, u32)> = vec![(0, 0); offsets[n]];
    let mut next = offsets.clone();
    let mut start = 0usize;
    for group in postings.chunk_by(|x, y| x >> 32 == y >> 32) {
        let end = start + group.len();
        if useful(group.len()) {
            for (k, &p) in group.iter().enumerate() {
                let slot = &mut next[doc_of(p) as usize];
                // The group's postings after this one: the documents above it (a group is
                // sorted by document and holds each once: no set repeats a hash).
                memberships[*slot] = ((start + k + 1) as u32, end as u32);
                *slot += 1;
            }
        }
        start = end;
    }
    // Slices, not the vectors: the closure then holds their addresses and lengths in
    // registers instead of reading them again after every store to the counts.
    let (postings, memberships, offsets, anchors_of) = (
        postings.as_slice(),
        memberships.as_slice(),
        offsets.as_slice(),
        anchors_of.as_slice(),
    );
    let per_doc: Vec<Vec<(u32, u32)>> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0u32; n], Vec::<u32>::new(), Vec::<u32>::new()),
            |(counts, touched, kept), d| {
                let counts = counts.as_mut_slice();
                for &(s, e) in &memberships[offsets[d]..offsets[d + 1]] {
                    for other in postings[s as usize..e as usize].iter().map(|&p| doc_of(p)) {
                        let count = &mut counts[other as usize];
                        if *count == 0 {
                            touched.push(other);
                        }
                        *count += 1;
                    }
                }
                // Judged in the order first met, and only the pairs kept sorted: about one
                // in seven documents met shares enough anchors (Reuters).
                // The second documents of the pairs kept, sorted (every pair starts with `d`),
                // in a buffer reused from one document to the next: each document's pairs
                // are then allocated once, at their size.
                let mine = anchors_of[d];
                kept.clear();
                for &o in touched.iter() {
                    let c = std::mem::take(&mut counts[o as usize]);
                    let larger = mine.max(anchors_of[o as usize]);
                    if c >= params.min_shared
                        && f64::from(c) >= params.min_fraction * f64::from(larger)
                    {
                        kept.push(o);
                    }
                }
                touched.clear();
                kept.sort_unstable();
                kept.iter().map(|&o| (d as u32, o)).collect::<Vec<_>>()
            },
        )
        .collect();
    per_doc.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_share_anchors_and_common_anchors_are_skipped() {
        let p = AnchorParams {
            sample_bits: 0,
            max_df: 2,
            min_shared: 1,
            min_fraction: 0.0,
        };
        let a = [1, 2, 3];
        let b = [3, 4];
        let c = [4, 9];
        let d = [9];
        // 9 is held by c and d only; 4 by b and c; 3 by a and b.
        assert_eq!(
            anchor_pairs(&[&a, &b, &c, &d], p),
            vec![(0, 1), (1, 2), (2, 3)]
        );
        let e = [9];
        // Now 9 is held by three documents: too common.
        assert_eq!(anchor_pairs(&[&a, &b, &c, &d, &e], p), vec![(0, 1), (1, 2)]);
        let two = AnchorParams { min_shared: 2, ..p };
        assert_eq!(
            anchor_pairs(
                &[&[1, 2][..], &[1, 2, 3][..], &[2, 3][..]],
                AnchorParams { max_df: 3, ..two }
            ),
            vec![(0, 1), (1, 2)]
        );
    }
}
