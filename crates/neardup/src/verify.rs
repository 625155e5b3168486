//! Deciding whether a candidate pair is a copy, on the shingles themselves.
//!
//! Two pages that share their template or a popular caption can sit close in
//! Hamming space, and an abridged copy far from its original; the decision is
//! therefore made on the exact shingle sets of the bodies:
//! a pair is accepted when
//! - Jaccard is at least `copy_jaccard` (most of both bodies is shared), or
//! - the shorter body is mostly found in the longer one (containment at least
//!   `partial_containment`) *and* covers a real part of it (coverage at least
//!   `partial_coverage`). The second condition keeps a brief apart from a live
//!   page of twenty entries that contains it: containment is 1 there, coverage
//!   a few percent.
//!
//! An accepted pair is a **partial** copy when the shorter body has less than
//! `partial_size_ratio` of the longer one's shingles (abridged, trimmed, a
//! teaser), a **copy** otherwise.

use serde::Serialize;

use crate::overlap::Overlap;

/// Thresholds of the copy decision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VerifyParams {
    pub copy_jaccard: f64,
    pub partial_containment: f64,
    pub partial_coverage: f64,
    pub partial_size_ratio: f64,
}

impl Default for VerifyParams {
    fn default() -> Self {
        Self {
            copy_jaccard: 0.2,
            partial_containment: 0.4,
            partial_coverage: 0.15,
            partial_size_ratio: 0.75,
        }
    }
}

/// How two verified documents relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Substantially the same body.
    Copy,
    /// The shorter body is mostly contained in the longer (abridged, trimmed, teaser).
    Partial,
}

/// A verified pair.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Verdict {
    pub relation: Relation,
    pub overlap: Overlap,
}

impl Verdict {
    /// How strongly the two match: Jaccard for copies, containment for partials.
    pub fn similarity(&self) -> f64 {
        match self.relation {
            Relation::Copy => self.overlap.jaccard(),
            Relation::Partial => self.overlap.containment(),
        }
    }
}

/// The verdict on two shingle sets, or `None` when they are not copies.
pub fn verify(a: &[u64], b: &[u64], p: &VerifyParams) -> Option<Verdict> {
    judge(Overlap::of(a, b), p)
}

/// The verdict on an overlap already counted.
pub fn judge(overlap: Overlap, p: &VerifyParams) -> Option<Verdict> {
    if overlap.shared == 0 {
        return None;
    }
    let accepted = overlap.jaccard() >= p.copy_jaccard
        || (overlap.containment() >= p.partial_containment
            && overlap.coverage() >= p.partial_coverage);
    if !accepted {
        return None;
    }
    let (small, large) = (overlap.a.min(overlap.b), overlap.a.max(overlap.b));
    let relation = if (small as f64) < p.partial_size_ratio * large as f64 {
        Relation::Partial
    } else {
        Relation::Copy
    };
    Some(Verdict { relation, overlap })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(r: std::ops::Range<u64>) -> Vec<u64> {
        r.collect()
    }

    #[test]
    fn copies_partials_and_containers_are_told_apart() {
        let p = VerifyParams::default();
        let original = set(0..100);
        assert_eq!(
            verify(&original, &set(10..100), &p).map(|v| v.relation),
            Some(Relation::Copy)
        );
        // An abridged copy: the first 40% of the original.
        assert_eq!(
            verify(&set(0..40), &original, &p).map(|v| v.relation),
            Some(Relation::Partial)
        );
        // A brief inside a live page twenty times its size: contained, not a copy.
        assert_eq!(verify(&set(0..50), &set(0..1000), &p), None);
        // Unrelated bodies sharing a template sentence.
        assert_eq!(verify(&set(0..100), &set(95..200), &p), None);
    }
}
