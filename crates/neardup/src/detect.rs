//! From fingerprints to clusters: candidates, verification, star clusters, representatives.

use rayon::prelude::*;
use serde::Serialize;

use crate::anchors::{anchor_pairs, AnchorParams};
use crate::cluster::{prefer, star_centers, Keep, Member};
use crate::fingerprint::{Fingerprint, FingerprintParams, ShingleHash};
use crate::hamming_index::{near_pairs, TableLayout};
use crate::overlap::Overlap;
use crate::verify::{relate, verify, Relation, Verdict, VerifyParams};

/// Every setting of the detector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    pub fingerprint: FingerprintParams,
    pub tables: TableLayout,
    pub anchors: AnchorParams,
    pub verify: VerifyParams,
    /// Bound on the pairs formed within one table key (see `near_pairs`).
    pub max_group: usize,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            fingerprint: FingerprintParams::default(),
            tables: TableLayout { k: 4, blocks: 6 },
            anchors: AnchorParams::default(),
            verify: VerifyParams::default(),
            max_group: 256,
        }
    }
}

/// A document as the detector sees it.
#[derive(Debug, Clone, Copy)]
pub struct DocRef<'a> {
    pub fingerprint: &'a Fingerprint,
    /// Publisher (outlet domain); tells syndication from a site repeating itself.
    pub source: Option<&'a str>,
    /// ISO 8601 date, for `Keep::Earliest`.
    pub date: Option<&'a str>,
}

impl<'a> DocRef<'a> {
    /// A document known by its fingerprint alone (no source, no date): what
    /// measurements and tests over bare texts pass.
    pub fn bare(fingerprint: &'a Fingerprint) -> Self {
        DocRef {
            fingerprint,
            source: None,
            date: None,
        }
    }
}

/// The role of a document in its cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The kept document (also every singleton).
    Original,
    /// Substantially the same body as the representative.
    Copy,
    /// Mostly contained in, or mostly containing, the representative.
    Partial,
}

/// Where a copy was published relative to its representative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Spread {
    /// Another source: syndication.
    Syndication,
    /// The same source: a site repeating itself.
    Repeat,
    /// A source is missing on either side.
    Unknown,
}

/// One document's place in the clustering.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Assignment {
    /// The cluster's center (an input index); names the cluster whatever `Keep` is.
    pub cluster: u32,
    /// The kept document (an input index).
    pub representative: u32,
    pub kind: Kind,
    /// Against the representative: 1 for itself, Jaccard for a copy, containment for a partial.
    pub similarity: f64,
    /// Overlap with the representative.
    pub overlap: Overlap,
    /// `None` for the representative itself.
    pub spread: Option<Spread>,
}

/// Counts of each stage, for the run summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub documents: usize,
    pub table_pairs: usize,
    pub anchor_pairs: usize,
    pub candidates: usize,
    pub verified: usize,
    pub clusters: usize,
    pub clustered_documents: usize,
}

/// Candidate pairs from the Hamming tables and the anchors, sorted, distinct.
pub fn candidates(docs: &[DocRef], params: &Params) -> (Vec<(u32, u32)>, usize, usize) {
    let simhashes: Vec<u64> = docs.iter().map(|d| d.fingerprint.simhash).collect();
    let sets: Vec<&[ShingleHash]> = docs.iter().map(|d| &d.fingerprint.shingles[..]).collect();
    let (table, anchor) = rayon::join(
        || near_pairs(&simhashes, params.tables, params.max_group),
        || anchor_pairs(&sets, params.anchors),
    );
    let (nt, na) = (table.len(), anchor.len());
    (union_sorted(&table, &anchor), nt, na)
}

/// The union of two sorted lists of distinct pairs, sorted and distinct: one linear merge.
/// (Both candidate lists come out sorted; sorting their concatenation again was a serial
/// O(n log n) step over tens of millions of pairs at a million documents.)
fn union_sorted(a: &[(u32, u32)], b: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Clusters the documents; the result has one assignment per document, in input order.
pub fn detect(docs: &[DocRef], params: &Params, keep: Keep) -> (Vec<Assignment>, Stats) {
    // Short texts are judged by identity, pages included: the fingerprints must carry a page
    // hash wherever the verifier asks for one.
    debug_assert!(params.fingerprint.short_body >= params.verify.partial_min_shingles);
    let (cands, table_pairs, anchor_pairs) = candidates(docs, params);
    let edges: Vec<(u32, u32, Verdict)> = cands
        .par_iter()
        .filter_map(|&(a, b)| {
            // `verify` rejects a pair with an empty side itself.
            let (fa, fb) = (docs[a as usize].fingerprint, docs[b as usize].fingerprint);
            verify(fa, fb, &params.verify).map(|v| (a, b, v))
        })
        .collect();
    let members: Vec<Member> = docs
        .iter()
        .map(|d| Member {
            tokens: d.fingerprint.tokens,
            date: d.date,
        })
        .collect();
    let centers = star_centers(&members, &edges);

    // The representative of each cluster, by the keep policy.
    let n = docs.len();
    let mut rep: Vec<u32> = (0..n as u32).collect();
    let mut size = vec![0u32; n];
    for (d, &c) in centers.iter().enumerate() {
        size[c as usize] += 1;
        let r = rep[c as usize];
        if prefer(keep, (d as u32, &members[d]), (r, &members[r as usize])).is_lt() {
            rep[c as usize] = d as u32;
        }
    }
    let assignments: Vec<Assignment> = (0..n)
        .into_par_iter()
        .map(|d| {
            let cluster = centers[d];
            let r = rep[cluster as usize];
            if r as usize == d {
                let own = docs[d].fingerprint.shingles.len();
                return Assignment {
                    cluster,
                    representative: r,
                    kind: Kind::Original,
                    similarity: 1.0,
                    overlap: Overlap {
                        shared: own,
                        a: own,
                        b: own,
                    },
                    spread: None,
                };
            }
            let (fd, fr) = (docs[d].fingerprint, docs[r as usize].fingerprint);
            let overlap = Overlap::of(&fd.shingles, &fr.shingles);
            // A member verified against the center may fall short against another
            // representative; it is still a member, and counts as partial.
            let (kind, similarity) = match relate(fd, fr, overlap, &params.verify)
                .map(|v| (v.relation, v.similarity()))
            {
                Some((Relation::Copy, s)) => (Kind::Copy, s),
                Some((Relation::Partial, s)) => (Kind::Partial, s),
                None => (Kind::Partial, overlap.containment()),
            };
            let spread = match (docs[d].source, docs[r as usize].source) {
                (Some(x), Some(y)) if x == y => Spread::Repeat,
                (Some(_), Some(_)) => Spread::Syndication,
                _ => Spread::Unknown,
            };
            Assignment {
                cluster,
                representative: r,
                kind,
                similarity,
                overlap,
                spread: Some(spread),
            }
        })
        .collect();
    let stats = Stats {
        documents: n,
        table_pairs,
        anchor_pairs,
        candidates: cands.len(),
        verified: edges.len(),
        clusters: size.iter().filter(|&&s| s >= 2).count(),
        clustered_documents: size.iter().filter(|&&s| s >= 2).map(|&s| s as usize).sum(),
    };
    (assignments, stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::Fingerprinter;

    #[test]
    fn the_union_of_sorted_pairs_is_sorted_and_distinct() {
        let a = [(0, 1), (0, 5), (2, 3), (7, 9)];
        let b = [(0, 2), (0, 5), (1, 1), (7, 9), (8, 0)];
        let mut want: Vec<(u32, u32)> = a.iter().chain(&b).copied().collect();
        want.sort_unstable();
        want.dedup();
        assert_eq!(union_sorted(&a, &b), want);
        assert_eq!(union_sorted(&[], &b), b.to_vec());
        assert_eq!(union_sorted(&a, &[]), a.to_vec());
    }

    /// A deterministic stream of words from a 5,000-word vocabulary.
    struct Words(crate::test_rng::XorShift);

    impl Words {
        fn next(&mut self) -> String {
            format!("w{}", self.0.next_u64() % 5000)
        }
    }

    /// Planted copies (whole, word-edited, abridged to the opening half) of 40 random
    /// 200-word stories are all found, and no two stories are merged.
    #[test]
    fn planted_copies_are_found_and_stories_kept_apart() {
        let mut words = Words(crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15));
        let mut texts: Vec<(usize, String)> = Vec::new();
        for story in 0..40 {
            let original: Vec<String> = (0..200).map(|_| words.next()).collect();
            texts.push((story, original.join(" ")));
            // Every 20th word replaced.
            let edited: Vec<String> = original
                .iter()
                .enumerate()
                .map(|(i, w)| if i % 20 == 7 { words.next() } else { w.clone() })
                .collect();
            texts.push((story, edited.join(" ")));
            // The opening 100 words, with a new sentence in front.
            let teaser = format!(
                "{} {}",
                (0..8).map(|_| words.next()).collect::<Vec<_>>().join(" "),
                original[..100].join(" ")
            );
            texts.push((story, teaser));
        }
        let params = Params::default();
        let mut f = Fingerprinter::new(params.fingerprint);
        let fps: Vec<Fingerprint> = texts
            .iter()
            .map(|(_, t)| f.fingerprint(&[t.as_str()], &[""]))
            .collect();
        let docs: Vec<DocRef> = fps.iter().map(DocRef::bare).collect();
        let (assignments, stats) = detect(&docs, &params, Keep::First);
        for (i, a) in assignments.iter().enumerate() {
            let story = texts[i].0;
            assert_eq!(
                texts[a.representative as usize].0, story,
                "document {i} joined another story"
            );
            assert_eq!(
                a.representative as usize,
                story * 3,
                "document {i} not with its original"
            );
        }
        assert_eq!(stats.clusters, 40);
    }
}
