//! The phrase cues of a block's head, found in one pass.
//!
//! A block whose words may start a widget, legal, caption or agency phrase
//! (the lexicon marks those words) is searched for every phrase of those
//! lists at once with an Aho-Corasick automaton. Searching each phrase with
//! `str::contains` set up a new searcher per phrase per line: 6% of the
//! plain-text segmenter's instructions on Reuters, where "shares", "left" and
//! "taken" keep the gate open.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};
use std::collections::HashMap;

use crate::lexicon::{CAPTION_PHRASES, COPYRIGHT_PHRASES, WIDGET_PHRASES};

/// Which lists a head has a phrase of, as bit flags.
pub mod found {
    /// A legal phrase: `COPYRIGHT_PHRASES` past the bare word "copyright".
    pub const LEGAL: u8 = 1;
    /// "copyright", "(c) 19…" or "(c) 20…".
    pub const COPYRIGHT: u8 = 1 << 1;
    /// A wire's name in full: "associated press", "agence france"…
    pub const AGENCY: u8 = 1 << 2;
    pub const WIDGET: u8 = 1 << 3;
    pub const CAPTION: u8 = 1 << 4;
}

/// Wires named in full: each counts as an agency cue.
const AGENCY_NAMES: &[&str] = &["associated press", "agence france", "press association"];

/// Every phrase list in one automaton, with the flag of each pattern.
/// Every phrase list with the flag it sets.
fn lists() -> [(&'static [&'static str], u8); 5] {
    [
        (&COPYRIGHT_PHRASES[1..], found::LEGAL),
        (&["copyright", "(c) 19", "(c) 20"], found::COPYRIGHT),
        (AGENCY_NAMES, found::AGENCY),
        (WIDGET_PHRASES, found::WIDGET),
        (CAPTION_PHRASES, found::CAPTION),
    ]
}

/// Cells of the phrase table: every `u16` index.
const CELLS: usize = 1 << 16;

/// The phrase automaton as one dense table: Aho-Corasick's DFA (standard
/// semantics: every phrase ending at a byte is reported) read out state by
/// state, with ASCII capitals sent where their lowercase letters go, so that
/// an ASCII head is searched as it is, without a lowercased copy (the copy
/// cost half as much as the search), and a state's flags are one load.
#[derive(Debug, Clone)]
pub struct Phrases {
    /// Next state of each state and byte class, as the index of the next
    /// state's row (state number times `stride`). Sized to every `u16`, so
    /// that a step needs no bounds check.
    trans: Box<[u16; CELLS]>,
    /// The class of each byte: one per byte that a phrase holds, ASCII
    /// capitals with their lowercase letters, every other byte in class 0
    /// (from any state it leads where any byte no phrase holds leads).
    classes: [u8; 256],
    /// The row of the start state.
    start: u16,
    /// Rows from this one on are the states where a phrase ends.
    first_match: u16,
    /// Classes per row.
    stride: u16,
    /// The flags of every phrase ending in each state, by row / `stride`.
    flags: Vec<u8>,
}

impl Phrases {
    pub fn new() -> Self {
        let mut patterns: Vec<&str> = Vec::new();
        let mut pattern_flags = Vec::new();
        for (list, flag) in lists() {
            for p in list {
                patterns.push(p);
                pattern_flags.push(flag);
            }
        }
        // Standard semantics: overlapping matches are all reported, as
        // separate `contains` calls would find them.
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .unwrap_or_else(|e| panic!("the built-in phrase lists form an automaton: {e}"));
        let ac_start = dfa
            .start_state(Anchored::No)
            .unwrap_or_else(|e| panic!("an unanchored automaton has a start state: {e}"));
        // Byte classes: each byte of the (lowercase) phrases its own class.
        let mut classes = [0u8; 256];
        let mut reps: Vec<u8> = vec![0];
        for &b in patterns.iter().flat_map(|p| p.as_bytes()) {
            if classes[usize::from(b)] == 0 && b != 0 {
                classes[usize::from(b)] = u8::try_from(reps.len())
                    .unwrap_or_else(|_| panic!("the phrases hold fewer than 256 distinct bytes"));
                reps.push(b);
            }
        }
        // Class 0 needs a byte no phrase holds to stand for it.
        reps[0] = (0..=255u8)
            .find(|&b| classes[usize::from(b)] == 0 && !b.is_ascii_uppercase())
            .unwrap_or_else(|| panic!("some byte is in no phrase"));
        for c in b'A'..=b'Z' {
            classes[usize::from(c)] = classes[usize::from(c.to_ascii_lowercase())];
        }
        // Every state reachable from the start, in the order first reached.
        let mut ids: HashMap<StateID, usize> = HashMap::new();
        let mut states = vec![ac_start];
        ids.insert(ac_start, 0);
        let mut next: Vec<Vec<usize>> = Vec::new();
        let mut i = 0;
        while i < states.len() {
            let sid = states[i];
            let mut row = Vec::with_capacity(reps.len());
            for &b in &reps {
                let to = dfa.next_state(Anchored::No, sid, b);
                let n = ids.len();
                let k = *ids.entry(to).or_insert_with(|| {
                    states.push(to);
                    n
                });
                row.push(k);
            }
            next.push(row);
            i += 1;
        }
        let flag_of = |sid: StateID| {
            let mut f = 0;
            if dfa.is_match(sid) {
                for m in 0..dfa.match_len(sid) {
                    f |= pattern_flags[dfa.match_pattern(sid, m).as_usize()];
                }
            }
            f
        };
        // Renumber: states without a match first, then those with one.
        let mut order: Vec<usize> = (0..states.len()).collect();
        order.sort_by_key(|&k| dfa.is_match(states[k]));
        let mut number = vec![0usize; states.len()];
        for (n, &k) in order.iter().enumerate() {
            number[k] = n;
        }
        let stride = reps.len();
        let cell = |n: usize| {
            u16::try_from(n).unwrap_or_else(|_| panic!("the phrase table has at most 2^16 cells"))
        };
        let row_of = |k: usize| cell(number[k] * stride);
        let mut trans = vec![0u16; CELLS];
        let mut flags = vec![0u8; states.len()];
        for (k, row) in next.iter().enumerate() {
            let at = number[k] * stride;
            for (c, &to) in row.iter().enumerate() {
                trans[at + c] = row_of(to);
            }
            flags[number[k]] = flag_of(states[k]);
        }
        let plain = order.iter().filter(|&&k| !dfa.is_match(states[k])).count();
        let trans: Box<[u16; CELLS]> = trans
            .into_boxed_slice()
            .try_into()
            .unwrap_or_else(|_| panic!("the phrase table is sized to every u16"));
        Phrases {
            trans,
            classes,
            start: row_of(0),
            first_match: cell(plain * stride),
            stride: cell(stride),
            flags,
        }
    }

    /// The lists that have a phrase in `text`: a lowercased text, or an
    /// ASCII text in any case (ASCII capitals read as lowercase letters).
    #[inline]
    pub fn find(&self, text: &[u8]) -> u8 {
        let mut out = 0;
        let mut s = self.start;
        let mut step = |b: u8| {
            // Below `CELLS`: a row and a class within it.
            s = self.trans[usize::from(s.wrapping_add(u16::from(self.classes[usize::from(b)])))];
            if s >= self.first_match {
                out |= self.flags[usize::from(s / self.stride)];
            }
        };
        // Four bytes a turn of the loop: its own test and jump were a third
        // of a step.
        let mut quads = text.chunks_exact(4);
        for q in &mut quads {
            step(q[0]);
            step(q[1]);
            step(q[2]);
            step(q[3]);
        }
        for &b in quads.remainder() {
            step(b);
        }
        out
    }
}

impl Default for Phrases {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The flags `str::contains` over each list gives, the definition the
    /// automaton replaces.
    fn by_contains(text: &str) -> u8 {
        lists()
            .iter()
            .filter(|(list, _)| list.iter().any(|p| text.contains(p)))
            .fold(0, |acc, (_, flag)| acc | flag)
    }

    #[test]
    fn every_list_is_found_as_contains_would() {
        let p = Phrases::new();
        let mut texts: Vec<String> = [
            "copyright 2019 all rights reserved",
            "(c) 2017 the associated press",
            "sign up for our newsletter",
            "the minister, left, is seen at the summit",
            "shares fell 3 pct in the last hour",
            "in this photo taken on may 3",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        // Every phrase inside a sentence, and two run together (overlaps).
        let all: Vec<&str> = [
            COPYRIGHT_PHRASES,
            AGENCY_NAMES,
            WIDGET_PHRASES,
            CAPTION_PHRASES,
        ]
        .concat();
        for w in all.windows(2) {
            texts.push(format!("before {} after", w[0]));
            texts.push(format!("{}{}", w[0], w[1]));
        }
        for text in &texts {
            assert_eq!(p.find(text.as_bytes()), by_contains(text), "{text}");
            // An ASCII text is searched in any case, as its lowercase.
            if text.is_ascii() {
                let upper = text.to_ascii_uppercase();
                assert_eq!(p.find(upper.as_bytes()), by_contains(text), "{upper}");
            }
        }
        assert_ne!(p.find(b"copyright 2019 all rights reserved"), 0);
        assert_ne!(p.find(b"Copyright 2019 All Rights Reserved"), 0);
        assert_eq!(p.find(b"shares fell 3 pct in the last hour"), 0);
    }

    /// Capitals are folded onto the phrases' letters, which must then be
    /// lowercase, as the lowercased heads searched before were.
    #[test]
    fn phrases_are_lowercase() {
        for (list, _) in lists() {
            for p in list {
                assert_eq!(*p, p.to_lowercase(), "{p}");
            }
        }
    }
}
