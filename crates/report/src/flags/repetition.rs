//! The Gopher repetition rules (Rae et al. 2021, Table A1; datatrove's
//! `GopherRepetitionFilter`): repeated lines, paragraphs and n-grams, by count and by the
//! characters they cover. Template pages and scraped widget lists fail these.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;

use super::{ratio, Flag, Rule};
use crate::text::words;

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
    let mut seen = HashSet::new();
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
/// merge two n-grams); only the hashing is cheaper.
pub struct WordIds {
    ids: Vec<u32>,
    /// Characters of each distinct word, by id.
    chars: Vec<usize>,
}

impl WordIds {
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Self {
        let mut index: HashMap<String, u32, FastHash> = HashMap::default();
        let mut ids = Vec::new();
        let mut chars = Vec::new();
        for w in words {
            let w = w.as_ref();
            let id = match index.get(w) {
                Some(&id) => id,
                None => {
                    let id = chars.len() as u32;
                    chars.push(w.chars().count());
                    index.insert(w.to_owned(), id);
                    id
                }
            };
            ids.push(id);
        }
        WordIds { ids, chars }
    }

    fn gram_chars(&self, gram: &[u32]) -> usize {
        gram.iter().map(|&id| self.chars[id as usize]).sum()
    }
}

/// A multiply-rotate hasher (the FxHash construction) for in-memory maps keyed by word ids:
/// fast on short keys; map iteration order never reaches an output (ties are broken by
/// position).
#[derive(Default, Clone, Copy)]
struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u32(&mut self, v: u32) {
        self.add(u64::from(v));
    }

    fn write_usize(&mut self, v: usize) {
        self.add(v as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastHash = BuildHasherDefault<FastHasher>;

/// Characters covered by the most frequent n-gram (its text length times its count); ties go
/// to the n-gram seen first, so the value does not depend on hash order.
pub fn top_ngram_chars(words: &WordIds, n: usize) -> usize {
    if words.ids.len() < n || n == 0 {
        return 0;
    }
    let mut counts: HashMap<&[u32], (usize, usize), FastHash> = HashMap::default();
    for (i, gram) in words.ids.windows(n).enumerate() {
        counts.entry(gram).or_insert((0, i)).0 += 1;
    }
    let best = counts
        .iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)));
    match best {
        Some((gram, (count, _))) => (words.gram_chars(gram) + n - 1) * count,
        None => 0,
    }
}

/// Characters of n-grams that repeat an earlier one, scanning left to right and skipping past
/// each repeat so that overlapping repeats are not counted twice.
pub fn dup_ngram_chars(words: &WordIds, n: usize) -> usize {
    let ids = &words.ids;
    if ids.len() < n || n == 0 {
        return 0;
    }
    let mut seen: HashSet<&[u32], FastHash> = HashSet::default();
    let mut chars = 0;
    let mut i = 0;
    while i + n <= ids.len() {
        let gram = &ids[i..i + n];
        if seen.contains(gram) {
            chars += words.gram_chars(gram);
            i += n;
        } else {
            seen.insert(gram);
            i += 1;
        }
    }
    chars
}

/// The rules that fire on `text`, in rule order.
pub fn flags(text: &str, t: &RepetitionThresholds) -> Vec<Flag> {
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
    let ws = WordIds::new(words(text).map(str::to_lowercase));
    for &(n, limit) in &t.top_ngram {
        let value = ratio(top_ngram_chars(&ws, n as usize), total_chars);
        if value > limit {
            out.push(Flag::new(Rule::GopherTopNgram(n), value, limit));
        }
    }
    for &(n, limit) in &t.dup_ngram {
        let value = ratio(dup_ngram_chars(&ws, n as usize), total_chars);
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
        assert_eq!(top_ngram_chars(&ws, 2), 18);
    }

    #[test]
    fn dup_ngrams_skip_past_each_repeat() {
        let ws = WordIds::new("a b c a b c a b c".split(' '));
        // "a b c" first at 0; repeats at 3 and 6: 2 repeats of 3 chars.
        assert_eq!(dup_ngram_chars(&ws, 3), 6);
    }

    #[test]
    fn a_template_list_repeated_in_a_page_is_flagged() {
        // The generated page with its headline list and share line pasted again at the bottom.
        let tail: String = PAGE.lines().rev().take(12).collect::<Vec<_>>().join("\n");
        let page = format!("{PAGE}\n\n{tail}\n\n{tail}");
        assert!(!rules(&page).is_empty());
    }
}
