//! Exact overlap of two sorted shingle sets: Jaccard, containment and coverage.

use serde::Serialize;

use crate::fingerprint::ShingleHash;

/// How many shingles two documents share, and how many each has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Overlap {
    pub shared: usize,
    pub a: usize,
    pub b: usize,
}

impl Overlap {
    /// Counts the shared values of two ascending, duplicate-free slices.
    ///
    /// Gallops through the longer slice when the sizes differ a lot (a brief
    /// against a live page), a plain merge otherwise.
    pub fn of(a: &[ShingleHash], b: &[ShingleHash]) -> Self {
        let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        let shared = if small.len() * 16 < large.len() {
            gallop_count(small, large)
        } else {
            merge_count(small, large)
        };
        Self {
            shared,
            a: a.len(),
            b: b.len(),
        }
    }

    /// |A∩B| / |A∪B|; 0 for two empty sets.
    pub fn jaccard(&self) -> f64 {
        let union = self.a + self.b - self.shared;
        ratio(self.shared, union)
    }

    /// |A∩B| / |A|: how much of A is found in B.
    pub fn containment_a(&self) -> f64 {
        ratio(self.shared, self.a)
    }

    /// |A∩B| / |B|.
    pub fn containment_b(&self) -> f64 {
        ratio(self.shared, self.b)
    }

    /// Containment of the smaller set in the larger: the shared fraction of the shorter text.
    pub fn containment(&self) -> f64 {
        ratio(self.shared, self.a.min(self.b))
    }

    /// Share of the larger set that is shared: how much of the longer text the shorter covers.
    pub fn coverage(&self) -> f64 {
        ratio(self.shared, self.a.max(self.b))
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// Like [`Overlap::of`], but gives up (`None`) as soon as fewer than `need` values can still be
/// shared: the bound is exact (what is left of the shorter remainder), so a pair that would
/// reach `need` is always counted in full.
pub fn overlap_at_least(a: &[ShingleHash], b: &[ShingleHash], need: usize) -> Option<Overlap> {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.len() * 16 < large.len() {
        let o = Overlap::of(a, b);
        return (o.shared >= need).then_some(o);
    }
    // A step moves past the smaller value, or past both when they are equal: after `steps`
    // steps, `i + j = steps + shared`, so the merge keeps no count of its own.
    let (mut i, mut j, mut steps) = (0, 0, 0);
    // Checked every `STEP` steps of the merge: the test costs more than a step.
    const STEP: usize = 32;
    loop {
        let left = (small.len() - i).min(large.len() - j);
        if left == 0 {
            break;
        }
        if i + j - steps + left < need {
            return None;
        }
        if left >= STEP {
            // Neither index moves more than one a step: the block's indices stay below
            // `STEP`, which the masks tell the compiler (no bounds checks).
            let (s, l) = (&small[i..i + STEP], &large[j..j + STEP]);
            let (mut si, mut li) = (0, 0);
            for _ in 0..STEP {
                let (x, y) = (s[si % STEP], l[li % STEP]);
                si += usize::from(x <= y);
                li += usize::from(y <= x);
            }
            i += si;
            j += li;
            steps += STEP;
        } else {
            for _ in 0..left {
                let (x, y) = (small[i], large[j]);
                i += usize::from(x <= y);
                j += usize::from(y <= x);
            }
            steps += left;
        }
    }
    let n = i + j - steps;
    (n >= need).then_some(Overlap {
        shared: n,
        a: a.len(),
        b: b.len(),
    })
}

fn merge_count(a: &[ShingleHash], b: &[ShingleHash]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

fn gallop_count(small: &[ShingleHash], large: &[ShingleHash]) -> usize {
    let mut rest = large;
    let mut n = 0;
    for &x in small {
        // Exponential search for the first value >= x, then binary search within.
        let mut hi = 1;
        while hi < rest.len() && rest[hi] < x {
            hi *= 2;
        }
        let lo = hi / 2;
        let hi = hi.min(rest.len());
        let at = lo + rest[lo..hi].partition_point(|&v| v < x);
        if at < rest.len() && rest[at] == x {
            n += 1;
        }
        rest = &rest[at..];
        if rest.is_empty() {
            break;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_agree_with_their_definitions() {
        let o = Overlap::of(&[1, 2, 3, 4], &[3, 4, 5, 6, 7, 8]);
        assert_eq!(o.shared, 2);
        assert!((o.jaccard() - 2.0 / 8.0).abs() < 1e-12);
        assert!((o.containment() - 0.5).abs() < 1e-12);
        assert!((o.coverage() - 2.0 / 6.0).abs() < 1e-12);
        assert_eq!(Overlap::of(&[], &[]).jaccard(), 0.0);
    }

    #[test]
    fn galloping_and_merging_count_the_same() {
        let large: Vec<ShingleHash> = (0..5000).map(|i| i * 3).collect();
        for small in [
            vec![0, 3, 4, 14_997, 14_998],
            vec![1, 2],
            (0..40).map(|i| i * 300).collect(),
        ] {
            let expect = small
                .iter()
                .filter(|x| large.binary_search(x).is_ok())
                .count();
            assert_eq!(gallop_count(&small, &large), expect);
            assert_eq!(merge_count(&small, &large), expect);
            assert_eq!(Overlap::of(&large, &small).shared, expect);
        }
    }

    #[test]
    fn bounded_count_is_exact_or_gives_up_only_below_the_bound() {
        let a: Vec<ShingleHash> = (0..300).map(|i| i * 2).collect();
        for (start, step, len) in [(0, 2, 300), (1, 2, 200), (100, 1, 250), (500, 3, 90)] {
            let b: Vec<ShingleHash> = (0..len).map(|i| start + i * step).collect();
            let full = Overlap::of(&a, &b);
            for need in [0, 1, full.shared / 2, full.shared, full.shared + 1, 400] {
                let got = overlap_at_least(&a, &b, need);
                if full.shared >= need {
                    assert_eq!(got, Some(full), "{start} {step} {len} {need}");
                } else {
                    assert_eq!(got, None, "{start} {step} {len} {need}");
                }
            }
        }
    }

    /// Sets of every size around the merge's blocks, sharing none to all of their values: the
    /// bounded count is the full count, or gives up only when that is under the bar.
    #[test]
    fn bounded_count_agrees_on_random_sets() {
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..300 {
            let len_a = (rng.next_u64() % 140) as usize;
            let len_b = (rng.next_u64() % 140) as usize;
            // A narrow range, so that the sets share a good part of their values.
            let range = 1 + rng.next_u64() % 400;
            let mut draw = |len: usize| {
                let mut v: Vec<ShingleHash> = (0..len)
                    .map(|_| (rng.next_u64() % range) as ShingleHash)
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            let (a, b) = (draw(len_a), draw(len_b));
            let full = Overlap::of(&a, &b);
            for need in [
                0,
                1,
                full.shared.saturating_sub(1),
                full.shared,
                full.shared + 1,
            ] {
                let got = overlap_at_least(&a, &b, need);
                assert_eq!(
                    got,
                    (full.shared >= need).then_some(full),
                    "{a:?} {b:?} {need}"
                );
            }
        }
    }
}
