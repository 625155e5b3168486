//! Shared passages of two texts, aligned: the runs of shingles they have in common.
//!
//! Passages are maximal runs where consecutive shingles of one text follow each
//! other in the other too (a diagonal in the dot plot, as in text-reuse
//! alignment). A shingle repeated inside a text is matched at its first place.

use std::collections::HashMap;

use serde::Serialize;

/// One shared passage: word ranges (half-open, in normalised tokens) in each text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    pub a_start: usize,
    pub a_end: usize,
    pub b_start: usize,
    pub b_end: usize,
}

impl Passage {
    pub fn words(&self) -> usize {
        self.a_end - self.a_start
    }
}

/// Aligns two shingle sequences (in text order) of shingle size `width`, longest passages kept
/// when they overlap in either text; returned in the order of text A.
pub fn align(a: &[u64], b: &[u64], width: usize) -> Vec<Passage> {
    let mut first_in_b: HashMap<u64, usize> = HashMap::with_capacity(b.len());
    for (j, &h) in b.iter().enumerate() {
        first_in_b.entry(h).or_insert(j);
    }
    // Runs along diagonals.
    let mut runs: Vec<(usize, usize, usize)> = Vec::new(); // (a_start, b_start, len)
    let mut i = 0;
    while i < a.len() {
        let Some(&j) = first_in_b.get(&a[i]) else {
            i += 1;
            continue;
        };
        let mut len = 1;
        while i + len < a.len() && j + len < b.len() && a[i + len] == b[j + len] {
            len += 1;
        }
        runs.push((i, j, len));
        i += len;
    }
    // Longest first; drop runs overlapping a kept one in B.
    runs.sort_by(|x, y| y.2.cmp(&x.2).then(x.0.cmp(&y.0)));
    let mut kept: Vec<(usize, usize, usize)> = Vec::new();
    for r in runs {
        if kept.iter().all(|k| r.1 + r.2 <= k.1 || k.1 + k.2 <= r.1) {
            kept.push(r);
        }
    }
    kept.sort_unstable();
    let w = width.max(1) - 1;
    kept.into_iter()
        .map(|(i, j, len)| Passage {
            a_start: i,
            a_end: i + len + w,
            b_start: j,
            b_end: j + len + w,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_shared_runs_in_order() {
        // b = x y [a0 a1 a2] z [a5 a6]
        let a = [10, 11, 12, 13, 14, 15, 16];
        let b = [1, 2, 10, 11, 12, 3, 15, 16];
        let p = align(&a, &b, 3);
        assert_eq!(
            p,
            vec![
                Passage {
                    a_start: 0,
                    a_end: 5,
                    b_start: 2,
                    b_end: 7
                },
                Passage {
                    a_start: 5,
                    a_end: 9,
                    b_start: 6,
                    b_end: 10
                },
            ]
        );
    }
}
