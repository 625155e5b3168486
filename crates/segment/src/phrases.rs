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

#[derive(Debug, Clone)]
pub struct Phrases {
    automaton: DFA,
    start: StateID,
    flags: Vec<u8>,
}

impl Phrases {
    pub fn new() -> Self {
        let mut patterns: Vec<&str> = Vec::new();
        let mut flags = Vec::new();
        for (list, flag) in lists() {
            for p in list {
                patterns.push(p);
                flags.push(flag);
            }
        }
        // Standard semantics: overlapping matches are all reported, as
        // separate `contains` calls would find them. A few hundred states:
        // the DFA is small and reads a byte per step.
        let automaton = DFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .unwrap_or_else(|e| panic!("the built-in phrase lists form an automaton: {e}"));
        let start = automaton
            .start_state(Anchored::No)
            .unwrap_or_else(|e| panic!("an unanchored automaton has a start state: {e}"));
        Phrases {
            automaton,
            start,
            flags,
        }
    }

    /// The lists that have a phrase in `lower` (a lowercased text).
    ///
    /// The automaton is stepped by hand: every match state reached is every
    /// phrase ending there (overlapping search) without the per-call set-up
    /// of the crate's iterator, which cost more than the walk on short lines.
    pub fn find(&self, lower: &str) -> u8 {
        let dfa = &self.automaton;
        let mut out = 0;
        let mut sid = self.start;
        for &b in lower.as_bytes() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_special(sid) && dfa.is_match(sid) {
                for i in 0..dfa.match_len(sid) {
                    out |= self.flags[dfa.match_pattern(sid, i).as_usize()];
                }
            }
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
            assert_eq!(p.find(text), by_contains(text), "{text}");
        }
        assert_ne!(p.find("copyright 2019 all rights reserved"), 0);
        assert_eq!(p.find("shares fell 3 pct in the last hour"), 0);
    }
}
