//! Corpus statistics gathered in a first, bounded-memory pass.
//!
//! Two facts decide labels that no single page can: a line that recurs in
//! many documents of one source is template (navigation, widgets, legal
//! lines); a line that recurs in many documents but each time in a
//! different story is an insert (a reused photo caption, a "READ MORE"
//! teaser), whereas a syndicated paragraph travels with its story. "The same
//! story" is judged by a two-value MinHash of the page's prose word pairs
//! (copies of one story share a value with probability about their Jaccard
//! similarity, pages of different stories almost never do) and by the line's
//! neighbours (credits skipped): a paragraph that keeps either is not an insert.
//!
//! Counts live in one count-min sketch (Cormode & Muthukrishnan 2005) with
//! conservative update: `depth × 2^width_log2` u32 counters, so the memory is
//! fixed up front (4 × 2^21 × 4 B = 32 MiB by default) whatever the corpus
//! size. A sketch never under-counts; it over-counts a key by about (keys
//! counted) / width in the worst of its counters, which the minimum over its
//! four counters keeps far smaller. The counters are laid out in 64-byte
//! blocks: a key's four counters are two in each of two blocks, so counting
//! or reading a key costs two cache misses, not four. At a million documents
//! the sketch is far larger than the caches, and those misses were most of
//! the corpus pass. Two keys share all four counters only if they share both
//! blocks (about one in 2^38 at the default size). Document counts per source are kept exactly in a map bounded
//! to `max_sources` entries (sources past the bound share one bucket).
//! Sketches of the same shape merge by adding counters, so shards can be
//! counted apart and combined.

use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Shape of the sketch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatsConfig {
    /// log2 of the counters per "row": the sketch holds `depth × 2^width_log2`
    /// counters (the shape of a classic count-min sketch; see the module docs
    /// for how a key's four counters are placed in them).
    pub width_log2: u32,
    /// Rows of the classic shape (memory only).
    pub depth: u32,
    /// Sources counted exactly; more share one bucket.
    pub max_sources: usize,
}

impl Default for StatsConfig {
    fn default() -> Self {
        StatsConfig {
            width_log2: 21,
            depth: 4,
            max_sources: 1 << 16,
        }
    }
}

/// Errors of combining statistics.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatsError {
    #[error("cannot merge corpus statistics of different shapes ({0:?} vs {1:?})")]
    ShapeMismatch(StatsConfig, StatsConfig),
}

/// Kinds of keys counted, mixed into the hash so they never collide by design.
#[derive(Clone, Copy)]
#[repr(u64)]
pub(crate) enum KeyKind {
    /// A line in any document.
    Line = 1,
    /// A line in a document of one source.
    LineInSource = 2,
    /// A line with the first MinHash value of its page.
    LineStory1 = 3,
    /// A line with the second MinHash value of its page.
    LineStory2 = 4,
    /// A line with the previous line (credits skipped).
    LineAfter = 5,
    /// A line with the next line (credits skipped).
    LineBefore = 6,
}

/// Counts of lines over a corpus; see the module docs.
#[derive(Debug, Clone)]
pub struct CorpusStats {
    config: StatsConfig,
    counters: Vec<u32>,
    sources: HashMap<u64, u32>,
    docs: u64,
}

const OVERFLOW_SOURCE: u64 = u64::MAX;

/// Counters per 64-byte cache line.
const BLOCK: usize = 16;

impl CorpusStats {
    pub fn new(config: StatsConfig) -> Self {
        let width = 1usize << config.width_log2.clamp(4, 30);
        let counters = (width * config.depth.clamp(1, 16) as usize).next_multiple_of(BLOCK);
        CorpusStats {
            config,
            counters: vec![0; counters],
            sources: HashMap::new(),
            docs: 0,
        }
    }

    pub fn config(&self) -> StatsConfig {
        self.config
    }

    /// Documents counted.
    pub fn docs(&self) -> u64 {
        self.docs
    }

    /// Memory held by the counters, in bytes.
    pub fn memory_bytes(&self) -> usize {
        self.counters.len() * 4 + self.sources.len() * 16
    }

    /// The four counters of `key`: two blocks, and in each a counter of its
    /// first half and one of its second half (so the two are distinct).
    fn slots(&self, key: u64) -> [usize; 4] {
        let blocks = (self.counters.len() / BLOCK).max(1) as u64;
        let a = crate::stats::fmix64(key ^ 0x9e37_79b9_7f4a_7c15);
        let b = crate::stats::fmix64(key ^ 0xc2b2_ae3d_27d4_eb4f);
        // Range reduction by multiplication: uniform for any number of blocks.
        let block = |h: u64| (((h >> 32) * blocks) >> 32) as usize * BLOCK;
        let lane = |h: u64, shift: u32| ((h >> shift) & (BLOCK as u64 / 2 - 1)) as usize;
        let (x, y) = (block(a), block(b));
        [
            x + lane(a, 0),
            x + BLOCK / 2 + lane(a, 3),
            y + lane(b, 0),
            y + BLOCK / 2 + lane(b, 3),
        ]
    }

    /// Adds one to `key` (conservative update: only the minimal counters grow).
    pub(crate) fn add(&mut self, key: u64) {
        let slots = self.slots(key);
        let min = slots.iter().map(|&s| self.counters[s]).min().unwrap_or(0);
        for s in slots {
            if self.counters[s] == min {
                self.counters[s] = min.saturating_add(1);
            }
        }
    }

    /// Estimated count of `key` (never below the truth).
    pub(crate) fn count(&self, key: u64) -> u32 {
        self.slots(key)
            .iter()
            .map(|&s| self.counters[s])
            .min()
            .unwrap_or(0)
    }

    fn source_key(&self, source: Option<&str>) -> u64 {
        let k = source.map_or(0, |s| xxh3_64_with_seed(s.as_bytes(), 17));
        if self.sources.contains_key(&k) || self.sources.len() < self.config.max_sources {
            k
        } else {
            OVERFLOW_SOURCE
        }
    }

    /// Counts one document of `source` whose normalised line hashes are `lines`
    /// in page order. Each key is counted once per document.
    pub(crate) fn observe(
        &mut self,
        source: Option<&str>,
        lines: &[(u64, u64, u64)],
        story: [u64; 2],
    ) {
        self.docs += 1;
        let sk = self.source_key(source);
        *self.sources.entry(sk).or_default() += 1;
        let mut seen: Vec<u64> = Vec::with_capacity(lines.len() * 4);
        for &(h, prev, next) in lines {
            seen.push(key(KeyKind::Line, h, 0));
            seen.push(key(KeyKind::LineInSource, h, sk));
            seen.push(key(KeyKind::LineStory1, h, story[0]));
            seen.push(key(KeyKind::LineStory2, h, story[1]));
            seen.push(key(KeyKind::LineAfter, h, prev));
            seen.push(key(KeyKind::LineBefore, h, next));
        }
        seen.sort_unstable();
        seen.dedup();
        for k in seen {
            self.add(k);
        }
    }

    /// Counts one page, hashed by [`crate::Segmenter::page_lines`].
    pub fn add_page(&mut self, source: Option<&str>, lines: &crate::segmenter::PageLines) {
        self.observe(source, &lines.lines, lines.story);
    }

    /// Documents of `source` counted.
    pub fn source_docs(&self, source: Option<&str>) -> u32 {
        let k = self.source_key(source);
        self.sources.get(&k).copied().unwrap_or(0)
    }

    pub(crate) fn line_count(&self, h: u64) -> u32 {
        self.count(key(KeyKind::Line, h, 0))
    }

    pub(crate) fn line_in_source(&self, h: u64, source: Option<&str>) -> u32 {
        self.count(key(KeyKind::LineInSource, h, self.source_key(source)))
    }

    /// How many documents of this page's story (sharing a MinHash value) hold the line.
    pub(crate) fn same_story(&self, h: u64, story: [u64; 2]) -> u32 {
        self.count(key(KeyKind::LineStory1, h, story[0]))
            .max(self.count(key(KeyKind::LineStory2, h, story[1])))
    }

    /// A syndicated paragraph keeps its story or its neighbours; an insert
    /// keeps neither. `same_story` is [`CorpusStats::same_story`] of the line
    /// (read once for both figures: each count is two cache misses).
    pub(crate) fn stable_context(&self, h: u64, prev: u64, next: u64, same_story: u32) -> u32 {
        same_story
            .max(self.count(key(KeyKind::LineAfter, h, prev)))
            .max(self.count(key(KeyKind::LineBefore, h, next)))
    }

    /// Adds another sketch of the same shape (a shard counted apart).
    pub fn merge(&mut self, other: &CorpusStats) -> Result<(), StatsError> {
        if other.config != self.config || other.counters.len() != self.counters.len() {
            return Err(StatsError::ShapeMismatch(self.config, other.config));
        }
        for (a, b) in self.counters.iter_mut().zip(&other.counters) {
            *a = a.saturating_add(*b);
        }
        for (k, v) in &other.sources {
            let k = if self.sources.contains_key(k) || self.sources.len() < self.config.max_sources
            {
                *k
            } else {
                OVERFLOW_SOURCE
            };
            *self.sources.entry(k).or_default() += v;
        }
        self.docs += other.docs;
        Ok(())
    }
}

pub(crate) fn key(kind: KeyKind, a: u64, b: u64) -> u64 {
    let mut buf = [0u8; 24];
    buf[..8].copy_from_slice(&(kind as u64).to_le_bytes());
    buf[8..16].copy_from_slice(&a.to_le_bytes());
    buf[16..].copy_from_slice(&b.to_le_bytes());
    xxh3_64_with_seed(&buf, 0)
}

/// Hash of a line normalised to its lowercase words (0 for a line without
/// words). The values live only as long as one run's statistics, so they
/// need no stability across versions: the words are hashed as they are
/// read, eight bytes at a time, without building the normalised line.
pub fn line_hash(text: &str) -> u64 {
    let mut h: u64 = 0;
    let mut any = false;
    let mut buf = String::new();
    for_each_word_hash(text, &mut buf, |wh| {
        any = true;
        h = (h.rotate_left(23) ^ wh).wrapping_mul(MIX);
    });
    if !any {
        return 0;
    }
    // Never 0: that means "no words".
    fmix64(h).max(1)
}

const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

/// Calls `f` with a hash of each word of `text`, lowercased (`buf` holds
/// words that are not ASCII while they are lowercased).
pub(crate) fn for_each_word_hash(text: &str, buf: &mut String, mut f: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let mut it = crate::words::words(text);
    while let Some((a, b, ascii)) = it.next_span() {
        let w: &[u8] = match (ascii, text.get(a..b)) {
            (false, Some(word)) => {
                crate::words::lower_into(word, buf);
                buf.as_bytes()
            }
            _ => &bytes[a..b],
        };
        let mut h = (w.len() as u64).wrapping_mul(MIX);
        for chunk in w.chunks(8) {
            let mut x = [0u8; 8];
            x[..chunk.len()].copy_from_slice(chunk);
            let mut v = u64::from_le_bytes(x);
            if ascii {
                v = crate::lexicon::lower_packed(v);
            }
            h = (h ^ v).wrapping_mul(MIX).rotate_left(29);
        }
        f(fmix64(h));
    }
}

/// The finaliser of MurmurHash3: every input bit reaches every output bit.
#[inline]
pub(crate) fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_merges() {
        let cfg = StatsConfig {
            width_log2: 10,
            depth: 3,
            max_sources: 4,
        };
        let mut a = CorpusStats::new(cfg);
        let mut b = CorpusStats::new(cfg);
        let nav = line_hash("Home | News | Sport");
        for i in 0..5u64 {
            a.observe(
                Some("x.example"),
                &[(nav, 0, 100 + i), (100 + i, nav, 0)],
                [i, i],
            );
        }
        b.observe(Some("x.example"), &[(nav, 0, nav), (nav, nav, 0)], [9, 9]);
        assert_eq!(a.line_in_source(nav, Some("x.example")), 5);
        assert_eq!(a.line_in_source(nav, Some("y.example")), 0);
        a.merge(&b).ok();
        assert_eq!(a.line_in_source(nav, Some("x.example")), 6);
        assert_eq!(a.source_docs(Some("x.example")), 6);
        assert_eq!(line_hash("HOME | news  | Sport!"), nav);
        assert!(a.merge(&CorpusStats::new(StatsConfig::default())).is_err());
    }
}
