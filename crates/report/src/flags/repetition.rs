//! The Gopher repetition rules (Rae et al. 2021, Table A1; datatrove's
//! `GopherRepetitionFilter`): repeated lines, paragraphs and n-grams, by count and by the
//! characters they cover. Template pages and scraped widget lists fail these.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;

use super::{ratio, Flag, Rule};
use crate::text::words;
use rustc_hash::FxBuildHasher;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepetitionThresholds {
    pub max_dup_line_fraction: f64,
    pub max_dup_paragraph_fraction: f64,
    pub max_dup_line_char_fraction: f64,
    pub max_dup_paragraph_char_fraction: f64,
    /// (n, limit) for the most frequent n-gram's character share.
    pub top_ngram: Vec<(u8, f64)>,
    /// (n, limit) for the character share of duplicated n-grams.
    pub dup_ngram: Vec<(u8, f64)>,
}

impl Default for RepetitionThresholds {
    fn default() -> Self {
        RepetitionThresholds {
            max_dup_line_fraction: 0.30,
            max_dup_paragraph_fraction: 0.30,
            max_dup_line_char_fraction: 0.20,
            max_dup_paragraph_char_fraction: 0.20,
            top_ngram: vec![(2, 0.20), (3, 0.18), (4, 0.16)],
            dup_ngram: vec![
                (5, 0.15),
                (6, 0.14),
                (7, 0.13),
                (8, 0.12),
                (9, 0.11),
                (10, 0.10),
            ],
        }
    }
}

/// How many elements repeat an earlier one, and how many characters those repeats hold.
pub fn duplicates<'a>(items: impl IntoIterator<Item = &'a str>) -> (usize, usize) {
    let mut seen: HashSet<&str, FxBuildHasher> = HashSet::default();
    let (mut dups, mut chars) = (0, 0);
    for item in items {
        if !seen.insert(item) {
            dups += 1;
            chars += item.chars().count();
        }
    }
    (dups, chars)
}

/// The words of a text as small integers, so that an n-gram hashes as a few machine words
/// instead of n strings: the repetition rules hash every n-gram for nine values of n, and
/// hashing strings with SipHash was most of an audit's CPU. Keys stay exact (no collisions can
/// merge two n-grams); only the hashing is cheaper. Ids are numbered by first occurrence.
pub struct WordIds {
    ids: Vec<u32>,
    /// Characters of each distinct word, by id.
    chars: Vec<usize>,
}

impl WordIds {
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Self {
        let mut index: HashMap<String, u32, FxBuildHasher> = HashMap::default();
        let mut out = WordIds {
            ids: Vec::new(),
            chars: Vec::new(),
        };
        for w in words {
            let w = w.as_ref();
            let id = match index.get(w) {
                Some(&id) => id,
                None => {
                    let id = out.chars.len() as u32;
                    out.chars.push(w.chars().count());
                    index.insert(w.to_owned(), id);
                    id
                }
            };
            out.ids.push(id);
        }
        out
    }

    /// `words` lowercased (as `str::to_lowercase` lowercases them), without a string
    /// allocated per word: a word already in lowercase is keyed by its place in the text, and
    /// only a new word that lowercasing changes is copied.
    pub fn lowercased(words: &[&str]) -> Self {
        let mut index: HashMap<Cow<'_, str>, u32, FxBuildHasher> =
            HashMap::with_capacity_and_hasher(words.len() / 2, FxBuildHasher);
        let mut out = WordIds {
            ids: Vec::with_capacity(words.len()),
            chars: Vec::new(),
        };
        let mut buf = String::new();
        for &w in words {
            let lower: &str = if w.is_ascii() {
                if !w.bytes().any(|b| b.is_ascii_uppercase()) {
                    w
                } else {
                    buf.clear();
                    buf.push_str(w);
                    buf.make_ascii_lowercase();
                    &buf
                }
            } else {
                buf = w.to_lowercase();
                if buf == w {
                    w
                } else {
                    &buf
                }
            };
            let id = match index.get(lower) {
                Some(&id) => id,
                None => {
                    let id = out.chars.len() as u32;
                    out.chars.push(lower.chars().count());
                    let key = if std::ptr::eq(lower, w) {
                        Cow::Borrowed(w)
                    } else {
                        Cow::Owned(lower.to_owned())
                    };
                    index.insert(key, id);
                    id
                }
            };
            out.ids.push(id);
        }
        out
    }

    /// `prefix[i]`: characters of the first `i` words, so that an n-gram's characters are one
    /// subtraction.
    fn char_prefix(&self) -> Vec<usize> {
        let mut prefix = Vec::with_capacity(self.ids.len() + 1);
        let mut sum = 0;
        prefix.push(0);
        for &id in &self.ids {
            sum += self.chars[id as usize];
            prefix.push(sum);
        }
        prefix
    }
}

/// A hasher for one `u64` key: the murmur3 finaliser, so that the low bits (the table's
/// bucket) depend on every bit of the key; a single multiply would leave them to the key's
/// low bits alone, here the word id of a `(head, word)` pair.
#[derive(Default, Clone, Copy)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, v: u64) {
        let mut x = v;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^= x >> 33;
        self.0 = x;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The n-grams of one length `n`, numbered: `ids[i]` names the n-gram starting at word `i`.
/// Equal n-grams share a number and numbers follow first occurrence, so of two n-grams the one
/// with the smaller number was seen first. Built level by level from the words: an
/// (n+1)-gram is an n-gram plus the next word, and when that n-gram occurs once, so does the
/// (n+1)-gram, which then needs no lookup at all. In prose most 3-grams already occur once, so
/// the nine lengths the rules look at cost little more than one.
struct Grams {
    n: usize,
    ids: Vec<u32>,
    /// Occurrences of each number.
    counts: Vec<u32>,
}

impl Grams {
    fn unigrams(words: &WordIds) -> Self {
        let mut counts = vec![0u32; words.chars.len()];
        for &id in &words.ids {
            counts[id as usize] += 1;
        }
        Grams {
            n: 1,
            ids: words.ids.clone(),
            counts,
        }
    }

    /// The (n+1)-grams, into `next` (its buffers reused). `pairs` is scratch space too.
    fn extend_into(
        &self,
        words: &[u32],
        pairs: &mut HashMap<u64, u32, BuildHasherDefault<PairHasher>>,
        next: &mut Grams,
    ) {
        let n = self.n + 1;
        let len = (words.len() + 1).saturating_sub(n);
        next.n = n;
        next.ids.clear();
        next.counts.clear();
        pairs.clear();
        for (i, &head) in self.ids.iter().take(len).enumerate() {
            let fresh = next.counts.len() as u32;
            let id = if self.counts[head as usize] == 1 {
                fresh
            } else {
                let key = (u64::from(head) << 32) | u64::from(words[i + n - 1]);
                *pairs.entry(key).or_insert(fresh)
            };
            if id == fresh {
                next.counts.push(0);
            }
            next.counts[id as usize] += 1;
            next.ids.push(id);
        }
    }

    /// Whether every n-gram occurs once: then so does every longer one.
    fn all_distinct(&self) -> bool {
        self.counts.len() == self.ids.len()
    }

    /// Characters covered by the most frequent n-gram (its text length times its count); ties
    /// go to the n-gram seen first, so the value does not depend on hash order.
    fn top_chars(&self, prefix: &[usize]) -> usize {
        let mut best: Option<(u32, usize)> = None;
        for (id, &c) in self.counts.iter().enumerate() {
            if best.is_none_or(|(b, _)| c > b) {
                best = Some((c, id));
            }
        }
        let Some((count, id)) = best else {
            return 0;
        };
        match self.ids.iter().position(|&x| x as usize == id) {
            Some(i) => (prefix[i + self.n] - prefix[i] + self.n - 1) * count as usize,
            None => 0,
        }
    }

    /// Characters of n-grams that repeat an earlier one, scanning left to right and skipping
    /// past each repeat so that overlapping repeats are not counted twice.
    fn dup_chars(&self, prefix: &[usize], seen: &mut Vec<bool>) -> usize {
        seen.clear();
        seen.resize(self.counts.len(), false);
        let (mut chars, mut i) = (0, 0);
        while i < self.ids.len() {
            let id = self.ids[i] as usize;
            if self.counts[id] > 1 {
                if seen[id] {
                    chars += prefix[i + self.n] - prefix[i];
                    i += self.n;
                    continue;
                }
                seen[id] = true;
            }
            i += 1;
        }
        chars
    }
}

/// For each n up to `max_n`: (characters of the most frequent n-gram, characters of repeated
/// n-grams); index 0 (and any n the text is too short for) holds zeros.
pub fn ngram_chars(words: &WordIds, max_n: usize) -> Vec<(usize, usize)> {
    let mut out = vec![(0, 0); max_n + 1];
    if max_n == 0 || words.ids.is_empty() {
        return out;
    }
    let prefix = words.char_prefix();
    let w = words.ids.len();
    let mut pairs = HashMap::with_capacity_and_hasher(w, BuildHasherDefault::default());
    let mut seen = Vec::with_capacity(w);
    let mut level = Grams::unigrams(words);
    let mut next = Grams {
        n: 0,
        ids: Vec::with_capacity(w),
        counts: Vec::with_capacity(w),
    };
    for (n, slot) in out.iter_mut().enumerate().skip(1) {
        if level.all_distinct() && n > level.n {
            // The first n-gram is then the top one, with count 1, and nothing repeats.
            *slot = if w >= n {
                (prefix[n] + n - 1, 0)
            } else {
                (0, 0)
            };
            continue;
        }
        if n > 1 {
            level.extend_into(&words.ids, &mut pairs, &mut next);
            std::mem::swap(&mut level, &mut next);
        }
        *slot = (
            level.top_chars(&prefix),
            level.dup_chars(&prefix, &mut seen),
        );
    }
    out
}

/// The rules that fire on `text`, in rule order.
pub fn flags(text: &str, t: &RepetitionThresholds) -> Vec<Flag> {
    let words: Vec<&str> = words(text).collect();
    flags_of(text, &words, t)
}

/// [`flags`], given the words of `text` (split once for every rule).
pub(crate) fn flags_of(text: &str, words: &[&str], t: &RepetitionThresholds) -> Vec<Flag> {
    let mut out = Vec::new();
    let total_chars = text.chars().count();
    if total_chars == 0 {
        return out;
    }
    let paragraphs: Vec<&str> = text
        .trim()
        .split("\n\n")
        .map(|p| p.trim_matches('\n'))
        .filter(|p| !p.is_empty())
        .collect();
    let (dup_paras, dup_para_chars) = duplicates(paragraphs.iter().copied());
    let lines: Vec<&str> = text.split('\n').filter(|l| !l.is_empty()).collect();
    let (dup_lines, dup_line_chars) = duplicates(lines.iter().copied());

    let checks = [
        (
            Rule::GopherDupParagraphs,
            ratio(dup_paras, paragraphs.len()),
            t.max_dup_paragraph_fraction,
        ),
        (
            Rule::GopherDupParagraphChars,
            ratio(dup_para_chars, total_chars),
            t.max_dup_paragraph_char_fraction,
        ),
        (
            Rule::GopherDupLines,
            ratio(dup_lines, lines.len()),
            t.max_dup_line_fraction,
        ),
        (
            Rule::GopherDupLineChars,
            ratio(dup_line_chars, total_chars),
            t.max_dup_line_char_fraction,
        ),
    ];
    for (rule, value, limit) in checks {
        if value > limit {
            out.push(Flag::new(rule, value, limit));
        }
    }
    let ws = WordIds::lowercased(words);
    let max_n = t
        .top_ngram
        .iter()
        .chain(&t.dup_ngram)
        .map(|&(n, _)| n as usize)
        .max()
        .unwrap_or(0);
    let chars = ngram_chars(&ws, max_n);
    for &(n, limit) in &t.top_ngram {
        let value = ratio(chars[n as usize].0, total_chars);
        if value > limit {
            out.push(Flag::new(Rule::GopherTopNgram(n), value, limit));
        }
    }
    for &(n, limit) in &t.dup_ngram {
        let value = ratio(chars[n as usize].1, total_chars);
        if value > limit {
            out.push(Flag::new(Rule::GopherDupNgram(n), value, limit));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = include_str!("../../fixtures/reuters_long.txt");
    const PAGE: &str = include_str!("../../fixtures/syndication_page.txt");

    fn rules(text: &str) -> Vec<Rule> {
        flags(text, &RepetitionThresholds::default())
            .into_iter()
            .map(|f| f.rule)
            .collect()
    }

    #[test]
    fn a_wire_story_repeats_nothing() {
        assert_eq!(rules(PROSE), Vec::<Rule>::new());
    }

    #[test]
    fn a_story_pasted_twice_fails_paragraph_and_ngram_rules() {
        let twice = format!("{PROSE}\n\n{PROSE}");
        let r = rules(&twice);
        assert!(r.contains(&Rule::GopherDupParagraphChars), "{r:?}");
        assert!(r.contains(&Rule::GopherDupNgram(10)), "{r:?}");
        assert!(r.contains(&Rule::GopherDupLines), "{r:?}");
    }

    #[test]
    fn duplicates_count_repeats_and_their_characters() {
        assert_eq!(duplicates(["Share", "Tweet", "Share", "Share"]), (2, 10));
        assert_eq!(duplicates(Vec::<&str>::new()), (0, 0));
    }

    #[test]
    fn top_ngram_ties_go_to_the_first_seen() {
        let ws = WordIds::new("most read most read oil news oil news".split(' '));
        // "most read" (9 chars) and "oil news" (8 chars) both twice: the first seen wins.
        assert_eq!(ngram_chars(&ws, 2)[2].0, 18);
        let ws = WordIds::new("oil news oil news most read most read".split(' '));
        assert_eq!(ngram_chars(&ws, 2)[2].0, 16);
    }

    #[test]
    fn dup_ngrams_skip_past_each_repeat() {
        let ws = WordIds::new("a b c a b c a b c".split(' '));
        // "a b c" first at 0; repeats at 3 and 6: 2 repeats of 3 chars.
        assert_eq!(ngram_chars(&ws, 3)[3].1, 6);
    }

    /// The rules as datatrove states them, one hash set of word slices per n: the reference
    /// the numbered n-grams must agree with.
    fn reference(words: &[String], n: usize) -> (usize, usize) {
        let chars = |g: &[String]| g.iter().map(|w| w.chars().count()).sum::<usize>();
        if words.len() < n {
            return (0, 0);
        }
        let mut counts: HashMap<&[String], (usize, usize)> = HashMap::new();
        for (i, g) in words.windows(n).enumerate() {
            counts.entry(g).or_insert((0, i)).0 += 1;
        }
        let top = counts
            .iter()
            .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
            .map_or(0, |(g, (c, _))| (chars(g) + n - 1) * c);
        let mut seen: HashSet<&[String]> = HashSet::new();
        let (mut dup, mut i) = (0, 0);
        while i + n <= words.len() {
            let g = &words[i..i + n];
            if seen.contains(g) {
                dup += chars(g);
                i += n;
            } else {
                seen.insert(g);
                i += 1;
            }
        }
        (top, dup)
    }

    #[test]
    fn numbered_ngrams_agree_with_the_reference_on_real_pages() {
        let tail: String = PAGE.lines().rev().take(12).collect::<Vec<_>>().join("\n");
        let texts = [
            PROSE.to_owned(),
            PAGE.to_owned(),
            format!("{PROSE}\n\n{PROSE}"),
            format!("{PAGE}\n\n{tail}\n\n{tail}"),
            // Half a story pasted into itself, then a sentence of it three times.
            format!("{PROSE} {} {}", &PROSE[..PROSE.len() / 2], "the the the"),
            "Ölpreis ÖLPREIS ölpreis Straße STRASSE".to_owned(),
            String::new(),
            "one".to_owned(),
        ];
        for text in &texts {
            let lower: Vec<String> = words(text).map(str::to_lowercase).collect();
            let ws = WordIds::lowercased(&words(text).collect::<Vec<_>>());
            let got = ngram_chars(&ws, 12);
            for (n, &value) in got.iter().enumerate().skip(1) {
                assert_eq!(
                    value,
                    reference(&lower, n),
                    "n = {n} on {:?}",
                    &text[..text.len().min(40)]
                );
            }
        }
    }

    #[test]
    fn a_template_list_repeated_in_a_page_is_flagged() {
        // The generated page with its headline list and share line pasted again at the bottom.
        let tail: String = PAGE.lines().rev().take(12).collect::<Vec<_>>().join("\n");
        let page = format!("{PAGE}\n\n{tail}\n\n{tail}");
        assert!(!rules(&page).is_empty());
    }
}
