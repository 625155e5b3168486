//! Star clusters over verified pairs, and the representative of each.
//!
//! Connected components chain: A copies B, B copies C, and A and C share
//! nothing. Here every member is verified against its cluster's *center*
//! (star clustering): centers are chosen greedily, the document with the most
//! verified neighbours first (then the most complete, the earliest, the first
//! read), a document becoming a center when no center chosen before it
//! verifies against it; every other document then
//! joins the verified center it shares the largest part of its body with
//! (each version stays with the one it copies most). A document left alone
//! then joins a cluster when it verifies against at least two and at least
//! half of its members (an average-link step: one link through one member,
//! the chain, is not enough). The center is how the cluster is found; which
//! member is *kept* is a separate choice (`Keep`).

use std::cmp::Ordering;

use crate::verify::Verdict;

/// Which member of a cluster is kept as its representative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Keep {
    /// The earliest dated, then the longest, then the first read.
    #[default]
    Earliest,
    /// The longest body, then the earliest, then the first read.
    Longest,
    /// The first read.
    First,
}

/// What the clusterer knows of a document besides its fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member<'a> {
    pub tokens: u32,
    /// A sortable date (ISO 8601); undated documents come after dated ones.
    pub date: Option<&'a str>,
}

fn by_date(a: &Member, b: &Member) -> Ordering {
    match (a.date, b.date) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The order in which documents are considered as centers: most verified
/// neighbours first (star clustering, Aslam et al.: the version every other one
/// copies is the hub), then the most complete, then the earliest, then input order.
fn center_order(members: &[Member], degree: &[u32]) -> Vec<u32> {
    // Only documents with an edge are sorted; the others (most of a corpus) follow in index
    // order. A document without an edge is a center wherever it stands, nothing else looks at
    // it, and it sorts after every document with one (degree descending): the order among
    // the documents with edges, all that `star_centers` reads, is the whole sort's.
    let (linked, alone): (Vec<u32>, Vec<u32>) =
        (0..members.len() as u32).partition(|&d| degree[d as usize] > 0);
    // Degree and tokens, both descending, packed in one word that sorts ascending: most
    // comparisons are decided by one integer comparison (no two entries are equal: the index
    // breaks ties, so the unstable sort gives the one order).
    let mut keyed: Vec<(u64, u32)> = linked
        .iter()
        .map(|&d| {
            let m = &members[d as usize];
            let key =
                (u64::from(u32::MAX - degree[d as usize]) << 32) | u64::from(u32::MAX - m.tokens);
            (key, d)
        })
        .collect();
    keyed.sort_unstable_by(|&(kx, a), &(ky, b)| {
        kx.cmp(&ky)
            .then_with(|| by_date(&members[a as usize], &members[b as usize]))
            .then(a.cmp(&b))
    });
    keyed.into_iter().map(|(_, d)| d).chain(alone).collect()
}

/// Whether `a` is preferred over `b` as the kept document.
pub fn prefer(keep: Keep, a: (u32, &Member), b: (u32, &Member)) -> Ordering {
    let by_index = a.0.cmp(&b.0);
    match keep {
        Keep::Earliest => by_date(a.1, b.1)
            .then(b.1.tokens.cmp(&a.1.tokens))
            .then(by_index),
        Keep::Longest => {
            b.1.tokens
                .cmp(&a.1.tokens)
                .then(by_date(a.1, b.1))
                .then(by_index)
        }
        Keep::First => by_index,
    }
}

/// The center each document belongs to (a center belongs to itself).
///
/// `edges` are verified pairs `(a, b, verdict)` with `a < b`, in any order.
pub fn star_centers(members: &[Member], edges: &[(u32, u32, Verdict)]) -> Vec<u32> {
    let n = members.len();
    // Adjacency in CSR form: offsets and (neighbour, edge) entries.
    let mut degree = vec![0u32; n + 1];
    for &(a, b, _) in edges {
        degree[a as usize] += 1;
        degree[b as usize] += 1;
    }
    let mut offsets = vec![0usize; n + 1];
    for i in 0..n {
        offsets[i + 1] = offsets[i] + degree[i] as usize;
    }
    let mut fill = offsets.clone();
    let mut adj = vec![(0u32, 0u32); offsets[n]];
    for (e, &(a, b, _)) in edges.iter().enumerate() {
        adj[fill[a as usize]] = (b, e as u32);
        fill[a as usize] += 1;
        adj[fill[b as usize]] = (a, e as u32);
        fill[b as usize] += 1;
    }
    let neighbours = |d: usize| &adj[offsets[d]..offsets[d + 1]];

    let order = center_order(members, &degree);
    let mut rank = vec![0u32; n];
    for (r, &d) in order.iter().enumerate() {
        rank[d as usize] = r as u32;
    }
    let mut is_center = vec![false; n];
    for &d in &order {
        let d = d as usize;
        if !neighbours(d).iter().any(|&(m, _)| is_center[m as usize]) {
            is_center[d] = true;
        }
    }
    let mut center: Vec<u32> = (0..n)
        .map(|d| {
            if is_center[d] {
                return d as u32;
            }
            // The center sharing the largest part of this document's body; ties to the earlier center.
            let mut best: Option<(f64, u32, u32)> = None;
            for &(m, e) in neighbours(d) {
                if !is_center[m as usize] {
                    continue;
                }
                let o = edges[e as usize].2.overlap;
                let own = if edges[e as usize].0 as usize == d {
                    o.a
                } else {
                    o.b
                };
                let share = o.shared as f64 / own.max(1) as f64;
                let better = match best {
                    None => true,
                    Some((s, r, _)) => share > s || (share == s && rank[m as usize] < r),
                };
                if better {
                    best = Some((share, rank[m as usize], m));
                }
            }
            best.map_or(d as u32, |(_, _, m)| m)
        })
        .collect();
    attach_by_majority(&order, &is_center, &mut center, neighbours);
    center
}

/// A second, average-link step for documents left alone: a singleton whose center test
/// failed (a heavily edited abridgment verifies against the other abridgments, not the
/// full version) joins a cluster when it verifies against at least two of its members
/// *and* at least half of them. One link through one member is not enough, so this
/// does not chain.
fn attach_by_majority<'a>(
    order: &[u32],
    is_center: &[bool],
    center: &mut [u32],
    neighbours: impl Fn(usize) -> &'a [(u32, u32)],
) {
    let n = center.len();
    let mut size = vec![0u32; n];
    for &c in center.iter() {
        size[c as usize] += 1;
    }
    // Clusters as they were before this step: attachments do not vote for each other.
    let before: Vec<u32> = center.to_vec();
    let mut votes: Vec<(u32, u32)> = Vec::new();
    for &d in order {
        let d = d as usize;
        if !is_center[d] || size[d] != 1 {
            continue;
        }
        votes.clear();
        for &(m, _) in neighbours(d) {
            votes.push((before[m as usize], m));
        }
        votes.sort_unstable();
        let mut best: Option<(u32, u32)> = None; // (votes, cluster)
        for run in votes.chunk_by(|x, y| x.0 == y.0) {
            let cluster = run[0].0;
            let k = run.len() as u32;
            if cluster as usize == d || k < 2 || 2 * k < size[cluster as usize] {
                continue;
            }
            if best.is_none_or(|(bk, _)| k > bk) {
                best = Some((k, cluster));
            }
        }
        if let Some((_, cluster)) = best {
            center[d] = cluster;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::overlap::Overlap;
    use crate::verify::Relation;

    fn edge(a: u32, b: u32, shared: usize, sa: usize, sb: usize) -> (u32, u32, Verdict) {
        (
            a,
            b,
            Verdict {
                relation: Relation::Copy,
                overlap: Overlap {
                    shared,
                    a: sa,
                    b: sb,
                },
            },
        )
    }

    #[test]
    fn a_chain_does_not_merge_its_ends() {
        // 0 — 1 — 2 — 3: 1 and 2 have two neighbours each; 1 (first read) becomes the
        // center, 0 and 2 join it; 3 verifies only against 2, a member, so it stays
        // on its own rather than chaining to 1 through 2.
        let m = |t| Member {
            tokens: t,
            date: None,
        };
        let members = [m(90), m(100), m(100), m(90)];
        let edges = [
            edge(0, 1, 80, 90, 100),
            edge(1, 2, 80, 100, 100),
            edge(2, 3, 80, 100, 90),
        ];
        assert_eq!(star_centers(&members, &edges), vec![1, 1, 1, 3]);
    }

    #[test]
    fn the_hub_is_the_center() {
        // 1 is verified against all others, 0 (the longest) only against 1.
        let m = |t| Member {
            tokens: t,
            date: None,
        };
        let members = [m(200), m(100), m(90), m(80)];
        let edges = [
            edge(0, 1, 80, 200, 100),
            edge(1, 2, 80, 100, 90),
            edge(1, 3, 70, 100, 80),
        ];
        assert_eq!(star_centers(&members, &edges), vec![1, 1, 1, 1]);
    }

    #[test]
    fn a_document_joins_the_center_it_copies_most() {
        let m = |t| Member {
            tokens: t,
            date: None,
        };
        let members = [m(100), m(99), m(60), m(90), m(90), m(90), m(90)];
        // 0 and 1 are hubs (with 3, 4 and 5, 6) that do not verify against each other;
        // 2 shares 30 of its 60 shingles with 0 and 55 with 1.
        let edges = [
            edge(0, 2, 30, 100, 60),
            edge(0, 3, 80, 100, 90),
            edge(0, 4, 80, 100, 90),
            edge(1, 2, 55, 99, 60),
            edge(1, 5, 80, 99, 90),
            edge(1, 6, 80, 99, 90),
        ];
        assert_eq!(star_centers(&members, &edges), vec![0, 1, 1, 0, 0, 1, 1]);
    }

    #[test]
    fn a_document_left_alone_joins_by_majority_but_not_through_one_member() {
        let m = |t| Member {
            tokens: t,
            date: None,
        };
        // 0 is the hub of 1, 2 and 5. 3 fails against 0 but verifies against 1 and 2,
        // half of the cluster: it joins. 4 verifies against 5 only: it stays alone.
        let members = [m(200), m(100), m(100), m(90), m(90), m(80)];
        let edges = [
            edge(0, 1, 90, 200, 100),
            edge(0, 2, 90, 200, 100),
            edge(0, 5, 70, 200, 80),
            edge(1, 3, 60, 100, 90),
            edge(2, 3, 60, 100, 90),
            edge(4, 5, 60, 90, 80),
        ];
        assert_eq!(star_centers(&members, &edges), vec![0, 0, 0, 0, 4, 0]);
    }

    #[test]
    fn keep_policies_order_members() {
        let a = Member {
            tokens: 10,
            date: Some("1987-03-02T10:00:00Z"),
        };
        let b = Member {
            tokens: 20,
            date: Some("1987-03-02T11:00:00Z"),
        };
        let c = Member {
            tokens: 20,
            date: None,
        };
        assert_eq!(prefer(Keep::Earliest, (1, &a), (0, &b)), Ordering::Less);
        assert_eq!(prefer(Keep::Earliest, (0, &b), (1, &c)), Ordering::Less);
        assert_eq!(prefer(Keep::Longest, (1, &b), (0, &a)), Ordering::Less);
        assert_eq!(prefer(Keep::First, (1, &b), (0, &a)), Ordering::Greater);
    }
}
