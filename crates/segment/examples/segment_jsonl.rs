//! Development driver: segments a JSON Lines file (fields `id`, `text` or
//! `html`, optional `source`, `title`) and prints one JSON object per block,
//! or with `--clean` one `{"id","text"}` per document. `--stats` runs the
//! corpus pass first. `--bench` prints only throughput: the time of the
//! corpus pass (with `--stats`) and of segmenting, not of reading the JSON,
//! as the peers are timed in `benches/peers`; with `--pred FILE` it also
//! writes the body text of each page there (after the clock stops), and with
//! `--json` prints `{"seconds", "docs", "bytes"}` on stdout.
//!
//!     cargo run --release -p copydesk-segment --example segment_jsonl -- FILE [--clean] [--stats] [--bench [--pred FILE] [--json]]

use copydesk_segment::{CorpusStats, DocContext, Input, Label, Segmenter, StatsConfig};
use std::io::{BufRead, Write};

/// The `copydesk` binary's allocator, so that throughput here is the binary's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--pred"))
        .map(|(_, a)| a)
        .ok_or("usage: segment_jsonl FILE [--clean] [--stats] [--bench]")?;
    let clean = args.iter().any(|a| a == "--clean");
    let use_stats = args.iter().any(|a| a == "--stats");
    let bench = args.iter().any(|a| a == "--bench");
    let json = args.iter().any(|a| a == "--json");
    let pred = args
        .iter()
        .position(|a| a == "--pred")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let mut docs: Vec<serde_json::Map<String, serde_json::Value>> = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        if let serde_json::Value::Object(m) = serde_json::from_str(&line)? {
            docs.push(m);
        }
    }
    let seg = Segmenter::default();
    let get = |d: &serde_json::Map<String, serde_json::Value>, k: &str| {
        d.get(k).and_then(|v| v.as_str()).map(str::to_string)
    };
    let input_of = |d: &serde_json::Map<String, serde_json::Value>| -> (String, bool) {
        match get(d, "html") {
            Some(h) => (h, true),
            None => (get(d, "text").unwrap_or_default(), false),
        }
    };
    // The clock covers the corpus pass too: it is part of what `clean` does
    // to a set of pages (JSON parsing is not timed, as for the peers).
    let t0 = std::time::Instant::now();
    let mut stats = None;
    if use_stats {
        let mut s = CorpusStats::new(StatsConfig::default());
        for d in &docs {
            let (c, html) = input_of(d);
            let input = if html {
                Input::Html(&c)
            } else {
                Input::Text(&c)
            };
            seg.observe(&mut s, input, get(d, "source").as_deref());
        }
        stats = Some(s);
    }
    let mut bytes = 0usize;
    let mut bodies: Vec<(String, String)> = Vec::new();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for d in &docs {
        let (c, html) = input_of(d);
        bytes += c.len();
        let input = if html {
            Input::Html(&c)
        } else {
            Input::Text(&c)
        };
        let source = get(d, "source");
        let ctx = DocContext {
            source: source.as_deref(),
            title: None,
            stats: stats.as_ref(),
        };
        let blocks = seg.segment(input, &ctx);
        if bench {
            if pred.is_some() {
                bodies.push((
                    get(d, "id").unwrap_or_default(),
                    copydesk_segment::kept_text(&blocks, &[Label::Body]),
                ));
            }
            std::hint::black_box(&blocks);
            continue;
        }
        let id = get(d, "id").unwrap_or_default();
        if clean {
            writeln!(
                out,
                "{}",
                serde_json::json!({"id": id, "text": copydesk_segment::kept_text(&blocks, &[Label::Body])})
            )?;
        } else {
            for (i, b) in blocks.iter().enumerate() {
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({"id": id, "block": i, "label": b.label, "text": b.text, "start": b.start, "end": b.end, "reasons": b.reasons})
                )?;
            }
        }
    }
    if bench {
        let s = t0.elapsed().as_secs_f64();
        if let Some(path) = &pred {
            let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
            for (id, text) in &bodies {
                writeln!(f, "{}", serde_json::json!({"id": id, "text": text}))?;
            }
        }
        if json {
            writeln!(
                out,
                "{}",
                serde_json::json!({"seconds": s, "docs": docs.len(), "bytes": bytes})
            )?;
        }
        eprintln!(
            "{} docs, {:.1} MB in {:.3} s: {:.0} docs/s, {:.1} MB/s",
            docs.len(),
            bytes as f64 / 1e6,
            s,
            docs.len() as f64 / s,
            bytes as f64 / 1e6 / s
        );
    }
    Ok(())
}
