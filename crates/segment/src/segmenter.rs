//! The entry point: text or HTML in, labelled blocks out.

use crate::block::Block;
use crate::features::Vocab;
use crate::labeller::{self, CorpusRules};
use crate::stats::{line_hash, CorpusStats};

use crate::stopwords::Language;
use crate::unit::{CorpusHints, Unit};

/// A page to segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input<'a> {
    /// Plain text: blocks carry byte offsets into it.
    Text(&'a str),
    /// An HTML page: blocks carry no offsets.
    Html(&'a str),
}

/// A page's lines, hashed, in page order (from [`Segmenter::page_lines`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageLines {
    /// (line, previous line, next line), credits skipped as neighbours.
    pub(crate) lines: Vec<(u64, u64, u64)>,
    pub(crate) story: [u64; 2],
}

/// A page read into units, before corpus statistics and labels. The corpus
/// pass reads every page to count its lines; keeping what it read lets the
/// labelling pass skip reading the page again (most of the cost of
/// segmenting HTML is reading it). Labelling a `ParsedPage` gives the same
/// blocks as labelling its input.
#[derive(Debug, Clone)]
pub struct ParsedPage {
    units: Vec<Unit>,
    /// Its lines hashed, once [`Self::lines`] has hashed them: labelling with
    /// statistics needs them again.
    hashed: Option<Hashed>,
}

/// A page's line contexts (see [`line_contexts`]) and story signature.
#[derive(Debug, Clone)]
struct Hashed {
    contexts: Vec<(usize, (u64, u64, u64))>,
    story: [u64; 2],
}

impl Hashed {
    fn of(units: &[Unit]) -> Self {
        Hashed {
            contexts: line_contexts(units),
            story: story_signature(units),
        }
    }
}

impl ParsedPage {
    /// The page's hashed lines, as the corpus pass counts them (kept with
    /// the page for its labelling).
    pub fn lines(&mut self) -> PageLines {
        let units = &self.units;
        let hashed = self.hashed.get_or_insert_with(|| Hashed::of(units));
        PageLines {
            lines: hashed.contexts.iter().map(|&(_, c)| c).collect(),
            story: hashed.story,
        }
    }

    /// Bytes the page holds, about (to bound a cache of pages).
    pub fn memory_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.units.capacity() * std::mem::size_of::<Unit>()
            + self.units.iter().map(|u| u.text.capacity()).sum::<usize>()
            + self.hashed.as_ref().map_or(0, |h| {
                h.contexts.capacity() * std::mem::size_of::<(usize, (u64, u64, u64))>()
            })
    }
}

/// What is known about the page besides its content.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocContext<'a> {
    /// The page's source (outlet domain): template lines are counted per source.
    pub source: Option<&'a str>,
    /// The page's title field, when the record has one: it names the headline.
    pub title: Option<&'a str>,
    /// Statistics of the corpus the page belongs to, from a first pass.
    pub stats: Option<&'a CorpusStats>,
}

/// Options of the segmenter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SegmenterConfig {
    pub corpus: CorpusRules,
    /// Whether plain-text date lines pass the learned dateline gate
    /// (`plaintext::dateline_gate`). On by default; off only to dump the
    /// labels the gate is fitted on (`scripts/fit_dateline_gate.py`).
    pub dateline_gate: bool,
}

impl Default for SegmenterConfig {
    fn default() -> Self {
        SegmenterConfig {
            corpus: CorpusRules::default(),
            dateline_gate: true,
        }
    }
}

/// Splits pages into labelled blocks. Cheap to share across threads: it
/// holds only read-only vocabularies.
#[derive(Debug, Clone, Default)]
pub struct Segmenter {
    vocab: Vocab,
    config: SegmenterConfig,
}

/// Words looked at to choose the language of a page.
const LANG_SAMPLE_WORDS: usize = 120;

impl Segmenter {
    pub fn new(config: SegmenterConfig) -> Self {
        Segmenter {
            vocab: Vocab::default(),
            config,
        }
    }

    /// The language whose stop words cover most of `text`.
    pub fn language(&self, text: &str) -> Language {
        self.vocab.stop.detect(text, LANG_SAMPLE_WORDS)
    }

    fn units(&self, input: Input<'_>) -> Vec<Unit> {
        match input {
            Input::Text(t) => crate::text::units(t, &self.vocab),
            Input::Html(h) => crate::html::units(h, &self.vocab, |t| self.language(t)),
        }
    }

    /// Reads a page into units, to label later with [`Self::segment_parsed`].
    pub fn parse(&self, input: Input<'_>) -> ParsedPage {
        ParsedPage {
            units: self.units(input),
            hashed: None,
        }
    }

    /// Labels every block of a page, in page order.
    pub fn segment(&self, input: Input<'_>, ctx: &DocContext<'_>) -> Vec<Block> {
        self.segment_parsed(self.parse(input), ctx)
    }

    /// Labels every block of a page read by [`Self::parse`], in page order.
    pub fn segment_parsed(&self, page: ParsedPage, ctx: &DocContext<'_>) -> Vec<Block> {
        let ParsedPage { mut units, hashed } = page;
        if let Some(stats) = ctx.stats {
            let hashed = hashed.unwrap_or_else(|| Hashed::of(&units));
            attach_stats(&mut units, &hashed, stats, ctx.source);
        }
        self.blocks(units, ctx)
    }

    /// The page's blocks labelled with the corpus statistics of `ctx` and
    /// without them, from one reading of the page: `audit` reports the first
    /// and fingerprints the second (a syndicated story's paragraphs recur
    /// across the corpus like template lines do). Without statistics in
    /// `ctx`, the second is `None`: it would equal the first.
    pub fn segment_with_and_without_stats(
        &self,
        input: Input<'_>,
        ctx: &DocContext<'_>,
    ) -> (Vec<Block>, Option<Vec<Block>>) {
        self.segment_parsed_with_and_without_stats(self.parse(input), ctx)
    }

    /// [`Self::segment_with_and_without_stats`] of a page read by [`Self::parse`].
    pub fn segment_parsed_with_and_without_stats(
        &self,
        page: ParsedPage,
        ctx: &DocContext<'_>,
    ) -> (Vec<Block>, Option<Vec<Block>>) {
        let Some(stats) = ctx.stats else {
            return (self.segment_parsed(page, ctx), None);
        };
        let ParsedPage { mut units, hashed } = page;
        let plain = labeller::label(&units, ctx.title, &self.config);
        let plain: Vec<Block> = units
            .iter()
            .zip(plain)
            .map(|(u, verdict)| block(u, u.text.clone(), verdict))
            .collect();
        let hashed = hashed.unwrap_or_else(|| Hashed::of(&units));
        attach_stats(&mut units, &hashed, stats, ctx.source);
        (self.blocks(units, ctx), Some(plain))
    }

    /// Labels `units` into blocks. The units' buffer goes back to the
    /// thread for its next page (see [`unit_buffer`]).
    fn blocks(&self, mut units: Vec<Unit>, ctx: &DocContext<'_>) -> Vec<Block> {
        let verdicts = labeller::label(&units, ctx.title, &self.config);
        let blocks = units
            .drain(..)
            .zip(verdicts)
            .map(|(mut u, verdict)| {
                let text = std::mem::take(&mut u.text);
                block(&u, text, verdict)
            })
            .collect();
        keep_unit_buffer(units);
        blocks
    }

    /// Counts a page into `stats` (the first pass over a corpus).
    pub fn observe(&self, stats: &mut CorpusStats, input: Input<'_>, source: Option<&str>) {
        let lines = self.page_lines(input);
        stats.add_page(source, &lines);
    }

    /// The hashed lines of a page, as the corpus pass counts them. Split
    /// from [`CorpusStats::add_page`] so that pages can be hashed in
    /// parallel and counted in input order.
    pub fn page_lines(&self, input: Input<'_>) -> PageLines {
        self.parse(input).lines()
    }
}

thread_local! {
    /// A buffer of units kept from one page to the next: a page's units
    /// (about 270 bytes each) were a fresh allocation of several KiB, which
    /// the allocator takes fresh pages for, and turning them into blocks in
    /// place shrank it again by a reallocation.
    static UNITS: std::cell::Cell<Vec<Unit>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Units whose buffer a thread keeps for its next page.
const MAX_KEPT_UNITS: usize = 1024;

/// An empty buffer for a page's units: the thread's kept one, if any.
pub(crate) fn unit_buffer() -> Vec<Unit> {
    UNITS.take()
}

/// Keeps `units`' buffer (emptied) for the thread's next page, unless large.
fn keep_unit_buffer(mut units: Vec<Unit>) {
    units.clear();
    if units.capacity() <= MAX_KEPT_UNITS {
        UNITS.set(units);
    }
}

/// Seeds of the two MinHash functions (any two distinct odd constants).
const SIGNATURE_SEEDS: [u64; 2] = [0x2545_f491_4f6c_dd1d, 0x9e6c_63d0_676a_9a99];

/// The block of unit `u`, with its text and its labeller's verdict.
fn block(u: &Unit, text: String, (label, reasons): labeller::Verdict) -> Block {
    Block {
        text,
        label,
        start: u.start,
        end: u.end,
        reasons,
    }
}

/// Two MinHash values over the word pairs of the page's prose: pages of one
/// story share them with probability about their Jaccard similarity.
fn story_signature(units: &[Unit]) -> [u64; 2] {
    let mut sig = [u64::MAX; 2];
    let mut buf = String::new();
    // Long paragraphs only: template sentences are short, and differ by outlet.
    let long = units
        .iter()
        .any(|u| u.feats.is_prose() && u.feats.words >= 20);
    for u in units
        .iter()
        .filter(|u| u.feats.is_prose() && (u.feats.words >= 20 || !long))
    {
        let mut prev = 0u64;
        crate::stats::for_each_word_hash(&u.text, &mut buf, |h| {
            let pair = h.rotate_left(17) ^ prev;
            prev = h;
            for (k, s) in sig.iter_mut().enumerate() {
                let v = crate::stats::fmix64(pair ^ SIGNATURE_SEEDS[k]);
                if v < *s {
                    *s = v;
                }
            }
        });
    }
    sig
}

/// Each unit with words, by index, with its hash and its neighbours'
/// (the nearest units with words that are not credits).
fn line_contexts(units: &[Unit]) -> Vec<(usize, (u64, u64, u64))> {
    let hashes: Vec<u64> = units.iter().map(|u| line_hash(&u.text)).collect();
    let context: Vec<usize> = (0..units.len())
        .filter(|&i| hashes[i] != 0 && !units[i].feats.is_credit())
        .collect();
    let mut out = Vec::with_capacity(units.len());
    let mut k = 0; // first context unit after i
    for i in 0..units.len() {
        if hashes[i] == 0 {
            continue;
        }
        while k < context.len() && context[k] <= i {
            k += 1;
        }
        let next = context.get(k).map_or(0, |&j| hashes[j]);
        let before = if k > 0 && context[k - 1] == i {
            k - 1
        } else {
            k
        };
        let prev = if before > 0 {
            hashes[context[before - 1]]
        } else {
            0
        };
        out.push((i, (hashes[i], prev, next)));
    }
    out
}

fn attach_stats(units: &mut [Unit], hashed: &Hashed, stats: &CorpusStats, source: Option<&str>) {
    let source_docs = stats.source_docs(source);
    let story = hashed.story;
    for &(i, (h, prev, next)) in &hashed.contexts {
        let same_story = stats.same_story(h, story);
        units[i].corpus = CorpusHints {
            in_source: stats.line_in_source(h, source),
            source_docs,
            line_docs: stats.line_count(h),
            stable_context: stats.stable_context(h, prev, next, same_story),
            same_story,
        };
    }
}
