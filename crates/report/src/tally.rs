//! Counting recurring texts (template lines, captions, credits) over a corpus in bounded memory.
//!
//! A [`Tally`] holds at most `capacity` distinct texts. When it overflows, it forgets every text
//! seen in at most as many documents as the median one, and remembers that bound (`floor`): a
//! text forgotten and seen again later is counted from then on, so every count is a lower bound
//! and the error is at most `floor`. Texts that recur in many documents — the ones a report
//! shows — survive. Which texts are forgotten depends only on the order documents are observed
//! in, never on hashing or threads, so the result is deterministic.

use std::collections::HashMap;
use std::hash::Hasher;

use rustc_hash::{FxBuildHasher, FxHasher};

fn name_hash(name: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(name.as_bytes());
    h.finish()
}

/// Distinct sources remembered per text; more are counted but not named.
pub const MAX_SOURCES: usize = 32;

/// The sources a text was seen in, with documents per source, capped at [`MAX_SOURCES`] names.
#[derive(Debug, Clone, Default)]
pub struct SourceSet {
    names: Vec<(String, u64)>,
    /// A hash of each name, in the order of `names`: a text recurring across a corpus is added
    /// once per document, and comparing up to 32 names as strings each time was a third of the
    /// report's fold.
    hashes: Vec<u64>,
    unnamed: u64,
}

impl SourceSet {
    pub fn add(&mut self, source: &str) {
        let h = name_hash(source);
        let found = self
            .hashes
            .iter()
            .zip(&self.names)
            .position(|(&x, (n, _))| x == h && n == source);
        if let Some(i) = found {
            self.names[i].1 += 1;
        } else if self.names.len() < MAX_SOURCES {
            self.names.push((source.to_owned(), 1));
            self.hashes.push(h);
        } else {
            self.unnamed += 1;
        }
    }

    pub fn sorted(&self) -> Vec<String> {
        let mut v = self.names.clone();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.into_iter().map(|(n, _)| n).collect()
    }

    /// Distinct sources (a lower bound once more than [`MAX_SOURCES`] were seen).
    pub fn count(&self) -> u64 {
        self.names.len() as u64 + self.unnamed.min(1)
    }
}

#[derive(Debug, Clone)]
pub struct Entry<V> {
    pub documents: u64,
    pub sources: SourceSet,
    pub value: V,
}

#[derive(Debug, Clone)]
pub struct Tally<V> {
    entries: HashMap<String, Entry<V>, FxBuildHasher>,
    capacity: usize,
    floor: u64,
}

impl<V: Default> Tally<V> {
    pub fn new(capacity: usize) -> Self {
        Tally {
            entries: HashMap::default(),
            capacity: capacity.max(2),
            floor: 0,
        }
    }

    /// Counts one more document holding `key`, from `source`; returns its entry for the caller
    /// to update its own value.
    pub fn add(&mut self, key: &str, source: &str) -> &mut Entry<V> {
        // Most adds find their text: it is copied only when new.
        if !self.entries.contains_key(key) {
            if self.entries.len() >= self.capacity {
                self.prune();
            }
            self.entries.insert(
                key.to_owned(),
                Entry {
                    documents: 0,
                    sources: SourceSet::default(),
                    value: V::default(),
                },
            );
        }
        let entry = self
            .entries
            .get_mut(key)
            .expect("the entry was inserted above");
        entry.documents += 1;
        entry.sources.add(source);
        entry
    }

    fn prune(&mut self) {
        let mut counts: Vec<u64> = self.entries.values().map(|e| e.documents).collect();
        let mid = counts.len() / 2;
        let (_, median, _) = counts.select_nth_unstable(mid);
        let cut = *median;
        self.entries.retain(|_, e| e.documents > cut);
        self.floor = self.floor.max(cut);
    }

    /// The largest count a forgotten text may have had: counts are exact when it is 0.
    pub fn floor(&self) -> u64 {
        self.floor
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Texts seen in at least `min_documents` documents, most documents first, then by text.
    pub fn top(&self, min_documents: u64) -> Vec<(&str, &Entry<V>)> {
        let mut v: Vec<(&str, &Entry<V>)> = self
            .entries
            .iter()
            .filter(|(_, e)| e.documents >= min_documents)
            .map(|(k, e)| (k.as_str(), e))
            .collect();
        v.sort_by(|a, b| b.1.documents.cmp(&a.1.documents).then_with(|| a.0.cmp(b.0)));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_documents_and_sources() {
        let mut t: Tally<()> = Tally::new(100);
        t.add("Share  Tweet  Email  Print", "bayviewherald.example");
        t.add("Share  Tweet  Email  Print", "bayviewherald.example");
        t.add("Share  Tweet  Email  Print", "lakemontnewswire.example");
        let top = t.top(1);
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].1.documents, 3);
        assert_eq!(
            top[0].1.sources.sorted(),
            ["bayviewherald.example", "lakemontnewswire.example"]
        );
        assert_eq!(top[0].1.sources.count(), 2);
    }

    #[test]
    fn overflow_forgets_rare_texts_and_keeps_frequent_ones() {
        let mut t: Tally<()> = Tally::new(8);
        for i in 0..100 {
            t.add("Advertisement", "a.example");
            t.add(&format!("{i} comments"), "a.example");
        }
        assert!(t.len() <= 8);
        let top = t.top(2);
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].0, "Advertisement");
        assert_eq!(top[0].1.documents, 100);
        assert!(t.floor() >= 1);
    }

    #[test]
    fn ties_are_ordered_by_text() {
        let mut t: Tally<()> = Tally::new(10);
        for k in ["Most read", "Advertisement", "Related:"] {
            t.add(k, "s");
        }
        let keys: Vec<&str> = t.top(1).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["Advertisement", "Most read", "Related:"]);
    }

    #[test]
    fn sources_beyond_the_cap_are_counted_once() {
        let mut s = SourceSet::default();
        for i in 0..40 {
            s.add(&format!("outlet{i}.example"));
        }
        assert_eq!(s.sorted().len(), MAX_SOURCES);
        assert_eq!(s.count(), MAX_SOURCES as u64 + 1);
    }
}
