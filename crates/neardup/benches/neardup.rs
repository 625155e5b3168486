//! Hot paths of near-duplicate detection, measured with criterion.
//!
//! Input: the syndication slice committed in `corpus/` (real Reuters bodies
//! republished through simulated outlet templates, captions and copies), so
//! the figures hold without `../shared`. Run: `cargo bench -p copydesk-neardup`.
//!
//! - `tokenize`: normalisation alone (NFKC, case and punctuation folding), per byte;
//! - `fingerprint`: normalisation + word shingling + simhash, per byte, on the
//!   text as it is and with typographic apostrophes and quotes (the general
//!   Unicode path instead of the ASCII scanner);
//! - `index`: the permuted Hamming tables (build + query of every document in
//!   one batch), per document, at 10k and 100k documents;
//! - `anchors`, `verify`, `detect`: candidate generation from anchor shingles,
//!   exact shingle-set overlap and the copy decision per candidate pair, and
//!   the whole clustering.

use std::hint::black_box;
use std::time::Duration;

use copydesk_neardup::anchors::anchor_pairs;
use copydesk_neardup::hamming_index::near_pairs;
use copydesk_neardup::tokens::Tokenizer;
use copydesk_neardup::verify::judge;
use copydesk_neardup::{
    candidates, detect, DocRef, Fingerprint, Fingerprinter, Keep, Overlap, Params,
};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

const SLICE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../corpus/syndication/syndication_s7.jsonl"
);

/// The `text` field of every record of the committed syndication slice.
fn texts() -> Vec<String> {
    let raw = std::fs::read_to_string(SLICE).expect("corpus/syndication/syndication_s7.jsonl");
    raw.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON record");
            v["text"].as_str().unwrap_or_default().to_owned()
        })
        .collect()
}

fn bytes(texts: &[String]) -> u64 {
    texts.iter().map(|t| t.len() as u64).sum()
}

fn fingerprints(texts: &[String], params: &Params) -> Vec<Fingerprint> {
    let mut f = Fingerprinter::new(params.fingerprint);
    texts.iter().map(|t| f.fingerprint(&[t], &[""])).collect()
}

/// Deterministic simhashes for an index of `n` documents: a tenth of them are
/// near copies (1 to 4 bits flipped) of an earlier one, the rest independent,
/// as in a corpus with some syndication.
fn simhashes(n: usize) -> Vec<u64> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        // splitmix64
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut out: Vec<u64> = Vec::with_capacity(n);
    for i in 0..n {
        let r = next();
        if i > 0 && r % 10 == 0 {
            let mut h = out[(next() % i as u64) as usize];
            for _ in 0..=(next() % 4) {
                h ^= 1 << (next() % 64);
            }
            out.push(h);
        } else {
            out.push(r);
        }
    }
    out
}

fn bench_text(c: &mut Criterion) {
    let texts = texts();
    let curly: Vec<String> = texts
        .iter()
        .map(|t| t.replace('\'', "\u{2019}").replace('"', "\u{201c}"))
        .collect();
    let params = Params::default();

    let mut g = c.benchmark_group("tokenize");
    g.throughput(Throughput::Bytes(bytes(&texts)));
    g.bench_function("syndication_slice", |b| {
        let mut tok = Tokenizer::new();
        b.iter(|| {
            let mut n = 0usize;
            for t in &texts {
                tok.for_each(t, |w, _| n += w.len());
            }
            black_box(n)
        })
    });
    g.finish();

    let mut g = c.benchmark_group("fingerprint");
    for (name, set) in [("ascii", &texts), ("typographic_quotes", &curly)] {
        g.throughput(Throughput::Bytes(bytes(set)));
        g.bench_function(name, |b| {
            let mut f = Fingerprinter::new(params.fingerprint);
            b.iter(|| {
                let mut acc = 0u64;
                for t in set.iter() {
                    acc ^= f.fingerprint(&[t], &[""]).simhash;
                }
                black_box(acc)
            })
        });
    }
    g.finish();
}

fn bench_index(c: &mut Criterion) {
    let params = Params::default();
    let mut g = c.benchmark_group("index");
    for n in [10_000usize, 100_000] {
        let hashes = simhashes(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("build_and_query", n), &hashes, |b, h| {
            b.iter(|| black_box(near_pairs(h, params.tables, params.max_group).len()))
        });
    }
    g.finish();
}

fn bench_detect(c: &mut Criterion) {
    let params = Params::default();
    let texts = texts();
    let fps = fingerprints(&texts, &params);
    let docs: Vec<DocRef> = fps.iter().map(DocRef::bare).collect();
    let sets: Vec<&[copydesk_neardup::ShingleHash]> = fps.iter().map(|f| &f.shingles[..]).collect();
    let (pairs, _, _) = candidates(&docs, &params);

    let mut g = c.benchmark_group("anchors");
    g.throughput(Throughput::Elements(sets.len() as u64));
    g.bench_function("syndication_slice", |b| {
        b.iter(|| black_box(anchor_pairs(&sets, params.anchors).len()))
    });
    g.finish();

    let mut g = c.benchmark_group("verify");
    g.throughput(Throughput::Elements(pairs.len().max(1) as u64));
    g.bench_function("candidate_pairs", |b| {
        b.iter(|| {
            pairs
                .iter()
                .filter(|&&(a, b)| {
                    let overlap = Overlap::of(sets[a as usize], sets[b as usize]);
                    judge(overlap, &params.verify).is_some()
                })
                .count()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("detect");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("syndication_slice", |b| {
        b.iter(|| black_box(detect(&docs, &params, Keep::First).1))
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

criterion_group! { name = benches; config = config(); targets = bench_text, bench_index, bench_detect }
criterion_main!(benches);
