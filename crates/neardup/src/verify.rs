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
//! The shorter text must hold at least `partial_min_shingles` shingles (about
//! a paragraph) for either rule: on a sentence or two nothing tells a template
//! from an article (a page whose only body is a widget or paywall sentence is
//! contained in every page of its site that carries the widget; error pages and
//! notices of different subjects share most of their wording), so a shorter
//! text is a copy only of an identical one: equal shingle sets, or pages that
//! read the same word for word (`Fingerprint::page`).
//!
//! When the shorter body is much shorter (under `lead_check_ratio` of the
//! longer), the longer one must also share some of its *lead* (its opening
//! tenth, at least ten shingles) with the shorter: an abridged copy or a teaser keeps the opening of
//! the article, while a commentary that quotes a whole brief after paragraphs
//! of its own does not open with it.
//!
//! Articles about one event quote the same statements, and on short bodies
//! the quotes alone can pass the thresholds. When either body quotes, the
//! pair is looked at again without the shingles quoted in either (see
//! `quotes.rs`): the shorter body's own words must still be found in the
//! longer at `own_containment` (half the partial bar: an edited copy keeps
//! fewer of its own words verbatim than of its quotes). This applies only
//! when both bodies keep `partial_min_shingles` unquoted shingles: a body
//! made of quotes (a transcript) is judged on all of them.
//!
//! An accepted pair is a **partial** copy when the shorter body has less than
//! `partial_size_ratio` of the longer one's shingles (abridged, trimmed, a
//! teaser), a **copy** otherwise.

use serde::Serialize;

use crate::fingerprint::Fingerprint;
use crate::overlap::{overlap_at_least, Overlap};

/// Thresholds of the copy decision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VerifyParams {
    pub copy_jaccard: f64,
    pub partial_containment: f64,
    pub partial_coverage: f64,
    pub partial_size_ratio: f64,
    pub lead_check_ratio: f64,
    /// The shorter body of a partial copy has at least this many shingles: an
    /// abridged copy keeps at least a paragraph, and a body of one widget or
    /// paywall sentence is "contained" in every page of its site.
    pub partial_min_shingles: usize,
    /// On the shingles quoted in neither body, the shorter body's share found
    /// in the longer must reach this too (checked when both bodies have at
    /// least `partial_min_shingles` unquoted shingles; 0 turns it off):
    /// articles that quote the same statements share those passages, not
    /// their own sentences.
    pub own_containment: f64,
}

impl Default for VerifyParams {
    fn default() -> Self {
        Self {
            copy_jaccard: 0.3,
            partial_containment: 0.5,
            partial_coverage: 0.15,
            partial_size_ratio: 0.75,
            lead_check_ratio: 0.6,
            partial_min_shingles: 35,
            own_containment: 0.25,
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

/// The acceptance test of [`judge`]: monotone in `overlap.shared` for fixed sizes.
fn accepted(overlap: Overlap, p: &VerifyParams) -> bool {
    overlap.jaccard() >= p.copy_jaccard
        || (overlap.a.min(overlap.b) >= p.partial_min_shingles
            && overlap.containment() >= p.partial_containment
            && overlap.coverage() >= p.partial_coverage)
}

/// Why a pair is not a copy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rejection {
    /// Too few shared shingles for the thresholds, or a text without shingles.
    Thresholds,
    /// The shorter body is much shorter and holds none of the longer one's opening: it is
    /// quoted there, not copied.
    NoSharedOpening,
    /// The overlap passes, but the words outside quotation marks are not shared: the two
    /// quote the same statements. `own` is the overlap of the unquoted shingles.
    QuotesOnly { own: Overlap },
    /// The shorter text has under `partial_min_shingles` shingles, and neither the two
    /// fingerprinted texts nor the two pages are identical: a text this short is a notice, a
    /// widget or a template as often as an article, and two of them differing in a name, a
    /// figure or an address are not copies.
    ShortNotIdentical,
}

/// The verdict on two fingerprints, or `None` when they are not copies.
pub fn verify(a: &Fingerprint, b: &Fingerprint, p: &VerifyParams) -> Option<Verdict> {
    check(a, b, p).ok()
}

/// [`verify`], saying why a pair is rejected.
pub fn check(a: &Fingerprint, b: &Fingerprint, p: &VerifyParams) -> Result<Verdict, Rejection> {
    if a.shingles.is_empty() || b.shingles.is_empty() {
        return Err(Rejection::Thresholds);
    }
    if is_short(a, b, p) {
        return identical(a, b);
    }
    let (small, large) = if a.shingles.len() <= b.shingles.len() {
        (a, b)
    } else {
        (b, a)
    };
    let ratio = small.shingles.len() as f64 / large.shingles.len().max(1) as f64;
    // Exact shortcuts before the merge: the shared count is at most the smaller size, so a
    // pair this unequal can reach neither the Jaccard nor the coverage threshold.
    if ratio < p.copy_jaccard.min(p.partial_coverage) {
        return Err(Rejection::Thresholds);
    }
    if ratio < p.lead_check_ratio
        && !large
            .lead
            .iter()
            .any(|h| small.shingles.binary_search(h).is_ok())
    {
        return Err(Rejection::NoSharedOpening);
    }
    // The fewest shared shingles `judge` could accept (its tests only grow with the shared
    // count), so that the merge can stop once that many are out of reach.
    let (na, nb) = (a.shingles.len(), b.shingles.len());
    let accepts = |shared| {
        accepted(
            Overlap {
                shared,
                a: na,
                b: nb,
            },
            p,
        )
    };
    let (mut lo, mut hi) = (1usize, na.min(nb));
    if hi == 0 || !accepts(hi) {
        return Err(Rejection::Thresholds);
    }
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if accepts(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let verdict = overlap_at_least(&a.shingles, &b.shingles, lo)
        .and_then(|o| judge(o, p))
        .ok_or(Rejection::Thresholds)?;
    if p.own_containment > 0.0 && (!a.quoted.is_empty() || !b.quoted.is_empty()) {
        let own = unquoted_overlap(a, b);
        if own.a.min(own.b) >= p.partial_min_shingles && own.containment() < p.own_containment {
            return Err(Rejection::QuotesOnly { own });
        }
    }
    Ok(verdict)
}

/// The overlap of two fingerprints counting only the shingles quoted in neither.
pub fn unquoted_overlap(a: &Fingerprint, b: &Fingerprint) -> Overlap {
    let (x, y) = (&a.shingles, &b.shingles);
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += usize::from(!a.is_quoted(i) && !b.is_quoted(j));
                i += 1;
                j += 1;
            }
        }
    }
    Overlap {
        shared,
        a: x.len() - a.quoted_count(),
        b: y.len() - b.quoted_count(),
    }
}

/// Whether the shorter text of the pair is under `partial_min_shingles` shingles, so that the
/// pair is judged by identity ([`identical`]).
pub fn is_short(a: &Fingerprint, b: &Fingerprint, p: &VerifyParams) -> bool {
    a.shingles.len().min(b.shingles.len()) < p.partial_min_shingles
}

/// The relation of two documents already placed in one cluster, from their `overlap`: what
/// [`check`] would say of the pair, by identity for short texts and by [`judge`] otherwise
/// (the lead and quote checks are left out: the pair is labelled, not decided).
pub fn relate(
    a: &Fingerprint,
    b: &Fingerprint,
    overlap: Overlap,
    p: &VerifyParams,
) -> Option<Verdict> {
    if is_short(a, b, p) {
        return identical(a, b).ok();
    }
    judge(overlap, p)
}

/// The verdict on a pair whose shorter text is under `partial_min_shingles` shingles: a copy
/// when the fingerprinted texts are identical (equal shingle sets), or when the two pages read
/// the same word for word ([`Fingerprint::page`]: segmentation may cut the lines of two
/// identical pages differently), and nothing otherwise.
///
/// The definition of a copy takes identical pages whatever they hold, and pages that share
/// only boilerplate, a widget or a notice for none. On a text of a sentence or two nothing
/// tells a template from an article: error pages naming different addresses, login prompts
/// above different user names, the dividend notices or prime-rate moves of different companies
/// reach a Jaccard of 0.3 on their shared wording alone.
pub fn identical(a: &Fingerprint, b: &Fingerprint) -> Result<Verdict, Rejection> {
    let same_page = a.page != 0 && a.page == b.page;
    if a.shingles != b.shingles && !same_page {
        return Err(Rejection::ShortNotIdentical);
    }
    Ok(Verdict {
        relation: Relation::Copy,
        overlap: Overlap::of(&a.shingles, &b.shingles),
    })
}

/// The verdict on an overlap alone (no lead check).
pub fn judge(overlap: Overlap, p: &VerifyParams) -> Option<Verdict> {
    if overlap.shared == 0 {
        return None;
    }
    if !accepted(overlap, p) {
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
    use crate::fingerprint::{Basis, ShingleHash};

    /// A fingerprint whose text-order shingles are `seq` (lead: the first tenth, at least 10).
    fn fp(seq: &[ShingleHash]) -> Fingerprint {
        let lead_len = seq.len().div_ceil(10).max(10).min(seq.len());
        let mut lead = seq[..lead_len].to_vec();
        lead.sort_unstable();
        let mut shingles = seq.to_vec();
        shingles.sort_unstable();
        Fingerprint {
            simhash: 0,
            shingles: shingles.into(),
            lead: lead.into(),
            quoted: Box::new([]),
            tokens: seq.len() as u32,
            basis: Basis::Body,
            page: 0,
        }
    }

    fn range(r: std::ops::Range<ShingleHash>) -> Vec<ShingleHash> {
        r.collect()
    }

    #[test]
    fn copies_partials_and_containers_are_told_apart() {
        let p = VerifyParams::default();
        let original = fp(&range(0..100));
        let relation = |a: &Fingerprint, b: &Fingerprint| verify(a, b, &p).map(|v| v.relation);
        assert_eq!(
            relation(&original, &fp(&range(10..100))),
            Some(Relation::Copy)
        );
        // An abridged copy: the opening 40% of the original.
        assert_eq!(
            relation(&fp(&range(0..40)), &original),
            Some(Relation::Partial)
        );
        // A brief inside a live page twenty times its size: contained, not a copy.
        assert_eq!(relation(&fp(&range(0..50)), &fp(&range(0..1000))), None);
        // Unrelated bodies sharing a template sentence.
        assert_eq!(relation(&fp(&range(0..100)), &fp(&range(95..200))), None);
    }

    /// A fingerprint of a page without body blocks.
    fn whole(seq: &[ShingleHash]) -> Fingerprint {
        Fingerprint {
            basis: Basis::WholeText,
            ..fp(seq)
        }
    }

    #[test]
    fn short_texts_are_copies_only_when_identical() {
        let p = VerifyParams::default();
        // Texts without shingles are nobody's copy, not even each other's.
        assert_eq!(check(&fp(&[]), &fp(&[]), &p), Err(Rejection::Thresholds));
        // Two notices of 16 shingles on one template, 12 of them shared: Jaccard 0.6, as
        // bodies or as pages without body.
        let (a, b) = (range(0..16), range(4..20));
        for (x, y) in [(fp(&a), fp(&b)), (whole(&a), whole(&b))] {
            assert_eq!(check(&x, &y, &p), Err(Rejection::ShortNotIdentical));
        }
        // Identical texts are copies; so are short bodies cut differently from identical pages.
        assert_eq!(
            verify(&whole(&a), &whole(&a), &p).map(|v| (v.relation, v.similarity())),
            Some((Relation::Copy, 1.0))
        );
        let page = |f: Fingerprint| Fingerprint { page: 7, ..f };
        assert_eq!(
            verify(&page(fp(&a)), &page(fp(&b)), &p).map(|v| v.relation),
            Some(Relation::Copy)
        );
        // From --min-partial shingles up, the thresholds decide, with or without body.
        assert_eq!(
            verify(&whole(&range(0..60)), &whole(&range(10..70)), &p).map(|v| v.relation),
            Some(Relation::Copy)
        );
        let m = p.partial_min_shingles as ShingleHash;
        assert_eq!(
            verify(&fp(&range(0..m)), &fp(&range(5..m + 5)), &p).map(|v| v.relation),
            Some(Relation::Copy)
        );
    }

    #[test]
    fn a_body_of_one_widget_sentence_is_no_partial_copy() {
        let p = VerifyParams::default();
        let page = fp(&range(0..80));
        // Twelve shingles, all on the page (and at its top): contained, coverage 0.15.
        assert_eq!(verify(&fp(&range(0..12)), &page, &p), None);
        // A paragraph-sized opening of the page is an abridged copy.
        assert_eq!(
            verify(&fp(&range(0..40)), &page, &p).map(|v| v.relation),
            Some(Relation::Partial)
        );
        // Identical short bodies are still copies (Jaccard 1).
        assert_eq!(
            verify(&fp(&range(0..12)), &fp(&range(0..12)), &p).map(|v| v.relation),
            Some(Relation::Copy)
        );
    }

    #[test]
    fn a_commentary_quoting_a_whole_brief_is_not_a_copy() {
        let p = VerifyParams::default();
        let brief = range(1000..1060);
        // 60 shingles of its own, the brief, 80 more of its own.
        let commentary: Vec<ShingleHash> = range(0..60)
            .into_iter()
            .chain(brief.clone())
            .chain(range(60..140))
            .collect();
        assert_eq!(verify(&fp(&brief), &fp(&commentary), &p), None);
        // The same brief opening a longer version of itself is an abridged copy.
        let longer: Vec<ShingleHash> = brief.iter().copied().chain(range(0..80)).collect();
        assert_eq!(
            verify(&fp(&brief), &fp(&longer), &p).map(|v| v.relation),
            Some(Relation::Partial)
        );
    }

    /// Paragraphs of Reuters-21578 (reuters-28): two framings that quote the same statements.
    const OPENING_A: &str =
        "The Tower Commission report, which says President Reagan was ignorant \
        about much of the Iran arms deal, just about ends his prospects of regaining political \
        dominance in Washington, political analysts said.";
    const OPENING_B: &str = "The report, which lent credence to widespread opinion in Washington \
        that Reagan is not in full command of the government, was particularly damaging because \
        it was prepared by a board of the Republican president's own choosing.";
    const QUOTES: [&str; 3] = [
        "\"It's as if he went before a professional licensing board and was denied credentials.\"",
        "Tower told a press conference, \"The president clearly did not understand the nature of \
         this operation.\"",
        "\"We're falling by our own hand,\" said one Republican political strategist. \"What can \
         we say except 'we're sorry, we won't do it again'?\"",
    ];

    #[test]
    fn articles_quoting_the_same_statements_are_not_copies() {
        use crate::fingerprint::{FingerprintParams, Fingerprinter};
        let p = VerifyParams::default();
        let mut f = Fingerprinter::new(FingerprintParams::default());
        fn body(opening: &'static str) -> Vec<&'static str> {
            let mut blocks = vec![opening];
            blocks.extend(QUOTES);
            blocks
        }
        let a = f.fingerprint(&body(OPENING_A), &[""]);
        let b = f.fingerprint(&body(OPENING_B), &[""]);
        assert!(!a.quoted.is_empty() && a.quoted_count() < a.shingles.len());
        // The quotes alone pass the thresholds ...
        let off = VerifyParams {
            own_containment: 0.0,
            ..p
        };
        assert!(verify(&a, &b, &off).is_some());
        // ... but the writers' own words are not shared.
        assert!(matches!(
            check(&a, &b, &p),
            Err(Rejection::QuotesOnly { .. })
        ));
        // A copy carries the quotes and the opening: still a copy.
        let copy = f.fingerprint(&body(OPENING_A)[..3], &[""]);
        assert!(verify(&a, &copy, &p).is_some());
    }
}
