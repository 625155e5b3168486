//! Segmenting documents the same way in every command (`segment`, `clean`,
//! `dedup`, `audit`): a first pass counts the corpus (template lines,
//! reused captions), then each document is split into labelled blocks.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::Result;
use copydesk_corpus::{Content, Corpus, Document, Origin, Record};
use copydesk_segment::{
    Block, CorpusStats, DocContext, Input, PageLines, ParsedPage, Segmenter, StatsConfig,
};
use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use crate::cli::InputArgs;
use crate::pipeline::{self, KeptBatches};

/// Documents hashed per parallel step of the corpus pass.
const PASS_BATCH: usize = 2048;

/// Memory for pages the corpus pass keeps read (see [`PageCache`]).
const PAGE_CACHE_BYTES: usize = 256 << 20;

/// Memory for the records the corpus pass keeps, so that a corpus this small is read (its
/// JSON parsed) once: about a sixth of `clean`'s instructions on Scrapinghub's pages went to
/// parsing it a second time. A larger corpus is read again, as before.
const RECORD_CACHE_BYTES: usize = 256 << 20;

/// Bytes a record holds, at most about: an HTML record's page is held twice (in the document
/// and in its record's fields); a top-level `text` is moved out of the record, so a text
/// record is counted high.
fn record_bytes(record: &Record) -> usize {
    match record {
        Ok(doc) => 2 * doc.content.len() + 512,
        Err(_) => 512,
    }
}

/// Pages the corpus pass has read into units, kept (up to a memory bound)
/// so that the labelling pass does not read them again: reading HTML is two
/// thirds of segmenting it. Keyed by where the record sits, and checked
/// against a hash of its content, so a page is only ever labelled from what
/// its own content reads to; a page not kept is read again, to the same
/// units. Each page is taken out when labelled, which frees its memory.
#[derive(Default)]
struct PageCache {
    pages: Mutex<HashMap<Origin, (u64, ParsedPage)>>,
}

impl PageCache {
    /// The page kept for `doc`, if any (taken out of the cache).
    fn take(&self, doc: &Document) -> Option<ParsedPage> {
        let mut pages = self.pages.lock().ok()?;
        if pages.is_empty() {
            return None;
        }
        let (hash, page) = pages.remove(&doc.origin)?;
        drop(pages);
        (hash == xxh3_64(doc.content.as_str().as_bytes())).then_some(page)
    }
}

/// A segmenter with the statistics of the corpus it segments.
#[derive(Default)]
pub struct DocSegmenter {
    segmenter: Segmenter,
    stats: Option<CorpusStats>,
    /// CPU time of the corpus pass's segmenting and counting, summed over
    /// threads (reading and parsing the inputs excluded).
    pass_cpu: Duration,
    /// CPU time of `segment_batch`, summed over threads, in nanoseconds.
    segment_ns: AtomicU64,
    cache: PageCache,
    /// Every record of the inputs, when the corpus pass could keep them all.
    records: Mutex<Option<KeptBatches>>,
}

impl DocSegmenter {
    /// A segmenter without corpus statistics (one document, or stdin).
    pub fn without_corpus_pass() -> Self {
        Self::default()
    }

    /// Reads the inputs once to count template lines and reused captions.
    /// Skipped when an input is stdin (it cannot be read twice) or when the
    /// inputs hold a single document. Bad records are skipped silently here:
    /// the labelling pass reports them.
    pub fn with_corpus_pass(input: &InputArgs) -> Result<Self> {
        Self::corpus_pass(input, false)
    }

    /// [`Self::with_corpus_pass`], keeping the records read while they fit in
    /// [`RECORD_CACHE_BYTES`], for a command that hands them on with
    /// [`Self::take_records`] instead of reading its inputs again.
    pub fn with_corpus_pass_keeping_records(input: &InputArgs) -> Result<Self> {
        Self::corpus_pass(input, true)
    }

    fn corpus_pass(input: &InputArgs, keep_records: bool) -> Result<Self> {
        if input.inputs.iter().any(|i| i == "-") {
            return Ok(Self::default());
        }
        let segmenter = Segmenter::default();
        let mut stats = CorpusStats::new(StatsConfig::default());
        let mut corpus = Corpus::open(&input.inputs, input.read_options())?;
        let hash_ns = AtomicU64::new(0);
        let mut count_cpu = Duration::ZERO;
        let cache_free = AtomicUsize::new(PAGE_CACHE_BYTES);
        let mut kept = HashMap::new();
        let mut records = keep_records.then(|| KeptBatches {
            batches: VecDeque::new(),
            total_bytes: corpus.total_input_bytes(),
        });
        let mut records_bytes = 0usize;
        // Counting is serial (the sketch's conservative update depends on order): it runs
        // one batch behind the parallel hashing of the next.
        pipeline::fold_behind(
            |lines: Vec<PassPage>| {
                let t = Instant::now();
                for (source, page, parsed) in lines {
                    stats.add_page(source.as_deref(), &page);
                    if let Some((origin, parsed)) = parsed {
                        kept.insert(origin, parsed);
                    }
                }
                count_cpu += t.elapsed();
                Ok(())
            },
            |sink| {
                while let Some(batch) = corpus.next_batch(PASS_BATCH) {
                    let keep = records.is_some();
                    // Consumed unless kept, so that each document is freed by the worker that
                    // hashed it rather than by this thread, which the next batch waits on.
                    let pages: Vec<(Option<Record>, Option<PassPage>)> = batch
                        .into_par_iter()
                        .map(|record| {
                            let page = record.as_ref().ok().map(|doc| {
                                let t = Instant::now();
                                let mut parsed = segmenter.parse(input_of(doc));
                                let lines = parsed.lines();
                                let size = parsed.memory_bytes();
                                let room = cache_free
                                    .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |free| {
                                        free.checked_sub(size)
                                    })
                                    .is_ok();
                                let parsed = room.then(|| {
                                    let hash = xxh3_64(doc.content.as_str().as_bytes());
                                    (doc.origin.clone(), (hash, parsed))
                                });
                                hash_ns.fetch_add(nanos(t.elapsed()), Ordering::Relaxed);
                                (doc.source.clone(), lines, parsed)
                            });
                            (keep.then_some(record), page)
                        })
                        .collect();
                    let (batch, lines): (Vec<Option<Record>>, Vec<Option<PassPage>>) =
                        pages.into_iter().unzip();
                    let lines: Vec<PassPage> = lines.into_iter().flatten().collect();
                    let batch: Vec<Record> = batch.into_iter().flatten().collect();
                    records_bytes += batch.iter().map(record_bytes).sum::<usize>();
                    if records_bytes > RECORD_CACHE_BYTES {
                        records = None;
                    } else if let Some(kept) = &mut records {
                        kept.batches.push_back((batch, corpus.bytes_read()));
                    }
                    sink(lines)?;
                }
                Ok(())
            },
        )?;
        let stats = (stats.docs() > 1).then_some(stats);
        Ok(DocSegmenter {
            segmenter,
            stats,
            pass_cpu: Duration::from_nanos(hash_ns.into_inner()) + count_cpu,
            segment_ns: AtomicU64::new(0),
            cache: PageCache {
                pages: Mutex::new(kept),
            },
            records: Mutex::new(records),
        })
    }

    /// CPU time spent segmenting, summed over threads: the corpus pass
    /// (hashing and counting) and every `segment_batch` so far. Reading,
    /// parsing and writing are not in it: it is the figure to set beside
    /// tools timed on their extraction loop alone.
    pub fn cpu_time(&self) -> (Duration, Duration) {
        (
            self.pass_cpu,
            Duration::from_nanos(self.segment_ns.load(Ordering::Relaxed)),
        )
    }

    /// What the segmenter knows of `doc` besides its content.
    fn context<'a>(&'a self, doc: &'a Document) -> DocContext<'a> {
        DocContext {
            source: doc.source.as_deref(),
            title: doc.title.as_deref(),
            stats: self.stats.as_ref(),
        }
    }

    /// The records of the inputs in their batches, when the corpus pass kept them all (to
    /// hand to [`pipeline::read_batches_kept`] instead of reading the inputs again); `None`
    /// after the first call.
    pub fn take_records(&self) -> Option<KeptBatches> {
        self.records.lock().ok()?.take()
    }

    /// Whether corpus statistics are in use.
    pub fn has_corpus_stats(&self) -> bool {
        self.stats.is_some()
    }

    /// The labelled blocks of one document, in document order.
    pub fn segment(&self, doc: &Document) -> Vec<Block> {
        let ctx = self.context(doc);
        let page = self.parsed(doc);
        self.segmenter.segment_parsed(page, &ctx)
    }

    /// `doc` read into units: kept by the corpus pass, or read now.
    fn parsed(&self, doc: &Document) -> ParsedPage {
        self.cache
            .take(doc)
            .unwrap_or_else(|| self.segmenter.parse(input_of(doc)))
    }

    /// The blocks of one document with the corpus statistics and, when there
    /// are statistics, without them, from one reading of the document (see
    /// [`Segmenter::segment_with_and_without_stats`]).
    pub fn segment_with_and_without_stats(
        &self,
        doc: &Document,
    ) -> (Vec<Block>, Option<Vec<Block>>) {
        let ctx = self.context(doc);
        let page = self.parsed(doc);
        self.segmenter
            .segment_parsed_with_and_without_stats(page, &ctx)
    }

    /// Segments a batch in parallel; the result keeps the batch's order
    /// (`None` for bad records).
    pub fn segment_batch(&self, batch: &[Record]) -> Vec<Option<Vec<Block>>> {
        batch
            .par_iter()
            .map(|r| {
                r.as_ref().ok().map(|doc| {
                    let t = Instant::now();
                    let blocks = self.segment(doc);
                    self.segment_ns
                        .fetch_add(nanos(t.elapsed()), Ordering::Relaxed);
                    blocks
                })
            })
            .collect()
    }
}

/// What the corpus pass hands from its parallel step to its counting: the
/// page's source, its hashed lines, and the page read, when it is kept.
type PassPage = (
    Option<String>,
    PageLines,
    Option<(Origin, (u64, ParsedPage))>,
);

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

fn input_of(doc: &Document) -> Input<'_> {
    match &doc.content {
        Content::Text(t) => Input::Text(t),
        Content::Html(h) => Input::Html(h),
    }
}
