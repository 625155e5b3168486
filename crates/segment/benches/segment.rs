//! Hot paths of segmentation, measured with criterion.
//!
//! Inputs are committed in `corpus/`, so the figures hold without `../shared`:
//! the syndication slice (plain-text pages: real Reuters bodies in outlet
//! templates) and the Scrapinghub article pages (real HTML, MIT-licensed).
//! Run: `cargo bench -p copydesk-segment`.
//!
//! - `segment_text`: plain-text pages, per byte, without and with corpus
//!   statistics (the second pass of `segment`/`clean`);
//! - `corpus_pass`: the first pass (hashing a page's lines into the counts), per byte;
//! - `segment_html`: whole HTML pages, per page (parse, find blocks, label);
//! - `sentences`: the sentence splitter over the same text, per byte.

use std::hint::black_box;
use std::time::Duration;

use copydesk_segment::{
    split_sentences, CorpusStats, DocContext, Input, Segmenter, SegmenterConfig, StatsConfig,
};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");

struct Page {
    text: String,
    source: Option<String>,
    title: Option<String>,
}

fn text_pages() -> Vec<Page> {
    let path = format!("{CORPUS}/syndication/syndication_s7.jsonl");
    let raw = std::fs::read_to_string(&path).expect("corpus/syndication/syndication_s7.jsonl");
    raw.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON record");
            let field = |k: &str| v[k].as_str().map(str::to_owned);
            Page {
                text: field("text").unwrap_or_default(),
                source: field("source"),
                title: field("title"),
            }
        })
        .collect()
}

fn html_pages() -> Vec<String> {
    let dir = format!("{CORPUS}/scrapinghub");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/scrapinghub")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("an HTML page"))
        .collect()
}

fn bench_text(c: &mut Criterion) {
    let pages = text_pages();
    let seg = Segmenter::new(SegmenterConfig::default());
    let total: u64 = pages.iter().map(|p| p.text.len() as u64).sum();
    let mut stats = CorpusStats::new(StatsConfig::default());
    for p in &pages {
        seg.observe(&mut stats, Input::Text(&p.text), p.source.as_deref());
    }

    let mut g = c.benchmark_group("segment_text");
    g.throughput(Throughput::Bytes(total));
    for (name, with_stats) in [
        ("no_corpus_stats", None),
        ("with_corpus_stats", Some(&stats)),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut blocks = 0usize;
                for p in &pages {
                    let ctx = DocContext {
                        source: p.source.as_deref(),
                        title: p.title.as_deref(),
                        stats: with_stats,
                    };
                    blocks += seg.segment(Input::Text(&p.text), &ctx).len();
                }
                black_box(blocks)
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("corpus_pass");
    g.throughput(Throughput::Bytes(total));
    g.bench_function("observe", |b| {
        b.iter(|| {
            let mut s = CorpusStats::new(StatsConfig::default());
            for p in &pages {
                seg.observe(&mut s, Input::Text(&p.text), p.source.as_deref());
            }
            black_box(s.docs())
        })
    });
    g.finish();

    let mut g = c.benchmark_group("sentences");
    g.throughput(Throughput::Bytes(total));
    g.bench_function("split_sentences", |b| {
        b.iter(|| {
            let n: usize = pages.iter().map(|p| split_sentences(&p.text).len()).sum();
            black_box(n)
        })
    });
    g.finish();
}

fn bench_html(c: &mut Criterion) {
    let pages = html_pages();
    let seg = Segmenter::new(SegmenterConfig::default());
    let mut g = c.benchmark_group("segment_html");
    g.throughput(Throughput::Elements(pages.len() as u64));
    g.bench_function("scrapinghub_pages", |b| {
        b.iter(|| {
            let mut blocks = 0usize;
            for p in &pages {
                blocks += seg.segment(Input::Html(p), &DocContext::default()).len();
            }
            black_box(blocks)
        })
    });
    g.finish();
}

fn config() -> Criterion {
    // Short runs: the machine is shared; the spread criterion prints says how noisy.
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! { name = benches; config = config(); targets = bench_text, bench_html }
criterion_main!(benches);
