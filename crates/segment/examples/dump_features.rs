//! Development driver for fitting the plain-text relabelling model
//! (`scripts/fit_plaintext_model.py`): segments a JSON Lines file of plain-text
//! pages (fields `id`, `text`, optional `source`, `title`) with the corpus pass,
//! and prints one JSON object per block: its label, reasons, byte span and the
//! features of its text, so that a model can be fitted on labelled pages.
//!
//! With `COPYDESK_NO_DATELINE_GATE` set, the learned dateline gate is off
//! (its fit reads the labels from before it).
//!
//!     cargo run --release -p copydesk-segment --example dump_features -- FILE > blocks.jsonl

#![recursion_limit = "512"]
use copydesk_segment::features::{features, Vocab};
use copydesk_segment::{CorpusStats, DocContext, Input, Segmenter, SegmenterConfig, StatsConfig};
use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: dump_features FILE")?;
    let mut docs: Vec<serde_json::Map<String, serde_json::Value>> = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
        let line = line?;
        if let Ok(serde_json::Value::Object(m)) = serde_json::from_str(&line) {
            docs.push(m);
        }
    }
    let get = |d: &serde_json::Map<String, serde_json::Value>, k: &str| {
        d.get(k).and_then(|v| v.as_str()).map(str::to_string)
    };
    // The fit of the dateline gate reads the labels from before the gate.
    let seg = Segmenter::new(SegmenterConfig {
        dateline_gate: std::env::var_os("COPYDESK_NO_DATELINE_GATE").is_none(),
        ..SegmenterConfig::default()
    });
    let vocab = Vocab::default();
    let mut stats = CorpusStats::new(StatsConfig::default());
    for d in &docs {
        let text = get(d, "text").unwrap_or_default();
        seg.observe(&mut stats, Input::Text(&text), get(d, "source").as_deref());
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for d in &docs {
        let text = get(d, "text").unwrap_or_default();
        let source = get(d, "source");
        let title = get(d, "title");
        let ctx = DocContext {
            source: source.as_deref(),
            title: title.as_deref(),
            stats: Some(&stats),
        };
        let lang = seg.language(&text);
        let id = get(d, "id").unwrap_or_default();
        for (i, b) in seg.segment(Input::Text(&text), &ctx).iter().enumerate() {
            let f = features(&b.text, &vocab, lang);
            writeln!(
                out,
                "{}",
                serde_json::json!({
                    "id": id, "block": i, "label": b.label, "reasons": b.reasons,
                    "start": b.start, "end": b.end,
                    "f": {
                        "lang_known": f.lang_known, "words": f.words, "chars": f.chars,
                        "stop": f.stop, "capitalized": f.capitalized, "numeric": f.numeric,
                        "date_tokens": f.date_tokens, "has_year": f.has_year,
                        "has_clock": f.has_clock, "agency": f.agency, "photo": f.photo,
                        "widget": f.widget, "caption_words": f.caption_words,
                        "terminal": f.terminal, "ends_colon": f.ends_colon,
                        "starts_lower": f.starts_lower, "separators": f.separators,
                        "commas": f.commas, "copyright": f.copyright,
                        "related_opener": f.related_opener, "widget_phrase": f.widget_phrase,
                        "caption_opener": f.caption_opener, "caption_phrase": f.caption_phrase,
                        "byline_start": f.byline_start, "attribution_cue": f.attribution_cue,
                        "paren_credit_end": f.paren_credit_end, "credit_opener": f.credit_opener,
                        "all_caps_words": f.all_caps_words, "is_prose": f.is_prose(),
                        "is_title_like": f.is_title_like(), "is_credit": f.is_credit(),
                        "title_share": f.title_share(), "stop_share": f.stop_share(),
                        "date_share": f.date_share(),
                    }
                })
            )?;
        }
    }
    Ok(())
}
