//! `copydesk explain`: why two documents are, or are not, copies of each other.

use anyhow::Result;
use clap::{Args, ValueEnum};
use copydesk_corpus::{Document, Record};
use copydesk_neardup::{
    align, check, hamming, Basis, Fingerprint, Fingerprinter, Overlap, Passage, Rejection, Relation,
};
use copydesk_segment::Label;
use serde_json::json;

use crate::cli::{GlobalArgs, InputArgs};
use crate::clusters::fingerprint_blocks;
use crate::commands::dedup::Tuning;
use crate::error::BadInput;
use crate::pipeline;
use crate::segmenting;
use crate::style::Palette;

/// Words of a passage shown before it is elided.
const PASSAGE_WORDS: usize = 40;

/// Shorter passages are counted, not shown, in the text output (the JSON lists them all).
const MIN_SHOWN_WORDS: usize = 8;

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  copydesk explain news.jsonl --a doc-000012 --b doc-000345
  copydesk explain original.txt copy.txt
  copydesk explain news.jsonl --a 17 --b 42 --format json")]
pub struct ExplainArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Id of the first document (with --b); without them the inputs must hold exactly two documents.
    #[arg(long, value_name = "ID", requires = "b")]
    pub a: Option<String>,
    /// Id of the second document.
    #[arg(long, value_name = "ID", requires = "a")]
    pub b: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
    /// Segment with corpus statistics, as `dedup --corpus-pass` does.
    #[arg(long)]
    pub corpus_pass: bool,
    #[command(flatten)]
    pub tuning: Tuning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    Text,
    Json,
}

/// One side of the comparison.
struct Side {
    doc: Document,
    body_blocks: usize,
    blocks: usize,
    basis: Basis,
    simhash: u64,
    shingles: Vec<u64>,
    tokens: Vec<String>,
    fingerprint: Fingerprint,
}

fn pick(args: &ExplainArgs, global: &GlobalArgs) -> Result<(Document, Document)> {
    let mut found: Vec<Option<Document>> = vec![None, None];
    let mut all: Vec<Document> = Vec::new();
    let wanted = [args.a.as_deref(), args.b.as_deref()];
    pipeline::read_batches(&args.input, global, |batch: Vec<Record>| {
        for doc in batch.into_iter().flatten() {
            match wanted {
                [Some(a), Some(b)] => {
                    if doc.id == a && found[0].is_none() {
                        found[0] = Some(doc.clone());
                    }
                    if doc.id == b && found[1].is_none() {
                        found[1] = Some(doc);
                    }
                }
                _ => {
                    if all.len() > 2 {
                        continue;
                    }
                    all.push(doc);
                }
            }
        }
        Ok(())
    })?;
    if let [Some(a), Some(b)] = wanted {
        let [da, db]: [Option<Document>; 2] = [found[0].take(), found[1].take()];
        return match (da, db) {
            (Some(x), Some(y)) => Ok((x, y)),
            (None, _) => Err(BadInput(format!("no document with id {a:?} in the inputs")).into()),
            (_, None) => Err(BadInput(format!("no document with id {b:?} in the inputs")).into()),
        };
    }
    if all.len() != 2 {
        return Err(BadInput(format!(
            "the inputs hold {} documents; give --a ID --b ID, or inputs holding exactly two",
            if all.len() > 2 {
                "more than two".to_owned()
            } else {
                all.len().to_string()
            }
        ))
        .into());
    }
    let b = all.pop();
    let a = all.pop();
    match (a, b) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(BadInput("the inputs do not hold two documents".into()).into()),
    }
}

fn side(doc: Document, segmenter: &segmenting::DocSegmenter, f: &mut Fingerprinter) -> Side {
    let blocks = segmenter.segment(&doc);
    let fp = fingerprint_blocks(&blocks, f);
    let used: Vec<&str> = blocks
        .iter()
        .filter(|b| fp.basis == Basis::WholeText || b.label == Label::Body)
        .map(|b| b.text.as_str())
        .collect();
    let (tokens, shingles) = f.shingle_positions(&used.join("\n"));
    Side {
        body_blocks: blocks.iter().filter(|b| b.label == Label::Body).count(),
        blocks: blocks.len(),
        basis: fp.basis,
        simhash: fp.simhash,
        shingles,
        tokens,
        fingerprint: fp,
        doc,
    }
}

fn snippet(tokens: &[String], start: usize, end: usize) -> String {
    let end = end.min(tokens.len());
    let start = start.min(end);
    let words = &tokens[start..end];
    if words.len() <= PASSAGE_WORDS {
        words.join(" ")
    } else {
        let half = PASSAGE_WORDS / 2;
        format!(
            "{} … {}",
            words[..half].join(" "),
            words[words.len() - half..].join(" ")
        )
    }
}

pub fn run(args: ExplainArgs, global: &GlobalArgs) -> Result<()> {
    let params = args.tuning.params()?;
    // Segmented as `dedup` segments (see there), so that the explanation matches its decision.
    let segmenter = if args.corpus_pass {
        segmenting::DocSegmenter::with_corpus_pass(&args.input)?
    } else {
        segmenting::DocSegmenter::without_corpus_pass()
    };
    let (da, db) = pick(&args, global)?;
    let mut f = Fingerprinter::new(params.fingerprint);
    let a = side(da, &segmenter, &mut f);
    let b = side(db, &segmenter, &mut f);
    let overlap = Overlap::of(&a.fingerprint.shingles, &b.fingerprint.shingles);
    let checked = check(&a.fingerprint, &b.fingerprint, &params.verify);
    let passages: Vec<Passage> = align(&a.shingles, &b.shingles, params.fingerprint.shingle);
    let distance = hamming(a.simhash, b.simhash);
    let decision = match &checked {
        Ok(v) if v.relation == Relation::Copy => "copy",
        Ok(_) => "partial copy",
        Err(_) => "not a copy",
    };
    let v = &params.verify;
    let passed = format!(
        "Jaccard {:.3}, containment {:.3}, coverage {:.3} pass",
        overlap.jaccard(),
        overlap.containment(),
        overlap.coverage()
    );
    let rule = match checked {
        Err(Rejection::NoSharedOpening) => format!(
            "{passed}, but none of the opening of the longer text is in the shorter one: it \
             quotes the shorter text, it does not copy it"
        ),
        Err(Rejection::QuotesOnly { own }) => format!(
            "{passed}, but outside quotation marks only {:.3} of the shorter body's own words \
             are in the other (min {}): the two quote the same statements",
            own.containment(),
            v.own_containment
        ),
        Err(Rejection::ShortNotIdentical) => format!(
            "the shorter text has {} shingles, under --min-partial {}, and neither the two texts \
             nor the two pages are identical (Jaccard {:.3}): a text this short is judged by \
             identity, since a notice, a widget or a template reaches any threshold on its \
             wording alone",
            overlap.a.min(overlap.b),
            v.partial_min_shingles,
            overlap.jaccard()
        ),
        Ok(_) if overlap.a.min(overlap.b) < v.partial_min_shingles => format!(
            "the shorter text has {} shingles, under --min-partial {}, and the two {} identical",
            overlap.a.min(overlap.b),
            v.partial_min_shingles,
            if a.fingerprint.shingles == b.fingerprint.shingles {
                "texts are"
            } else {
                "pages (every block, word for word) are"
            }
        ),
        Ok(_) if overlap.jaccard() >= v.copy_jaccard => {
            format!("Jaccard {:.3} >= {}", overlap.jaccard(), v.copy_jaccard)
        }
        Ok(_) => format!(
            "containment {:.3} >= {} and coverage {:.3} >= {}",
            overlap.containment(),
            v.partial_containment,
            overlap.coverage(),
            v.partial_coverage
        ),
        Err(Rejection::Thresholds) if overlap.a.min(overlap.b) == 0 => {
            "one of the two has no words to compare".to_owned()
        }
        Err(Rejection::Thresholds) => format!(
            "Jaccard {:.3} < {}, and containment {:.3} (min {}) / coverage {:.3} (min {})",
            overlap.jaccard(),
            v.copy_jaccard,
            overlap.containment(),
            v.partial_containment,
            overlap.coverage(),
            v.partial_coverage
        ),
    };
    let shared_words: usize = passages.iter().map(Passage::words).sum();

    if args.format == ExplainFormat::Json {
        let doc_json = |s: &Side| {
            json!({
                "id": s.doc.id, "source": s.doc.source, "date": s.doc.date,
                "blocks": s.blocks, "body_blocks": s.body_blocks, "basis": s.basis,
                "words": s.tokens.len(), "shingles": s.fingerprint.shingles.len(),
                "simhash": format!("{:016x}", s.simhash),
            })
        };
        let out = json!({
            "a": doc_json(&a),
            "b": doc_json(&b),
            "hamming": distance,
            "shared_shingles": overlap.shared,
            "jaccard": overlap.jaccard(),
            "containment_a_in_b": overlap.containment_a(),
            "containment_b_in_a": overlap.containment_b(),
            "coverage": overlap.coverage(),
            "decision": decision,
            "rule": rule,
            "passages": passages.iter().map(|p| json!({
                "a": [p.a_start, p.a_end], "b": [p.b_start, p.b_end], "words": p.words(),
                "text": snippet(&a.tokens, p.a_start, p.a_end),
            })).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }

    let pal = Palette::for_stdout();
    for (name, s) in [("A", &a), ("B", &b)] {
        println!(
            "{} {}  source {}  date {}",
            pal.bold(name),
            s.doc.id,
            s.doc.source.as_deref().unwrap_or("-"),
            s.doc.date.as_deref().unwrap_or("-")
        );
        println!(
            "  {} of {} blocks are body; fingerprinted on the {}: {} words, {} distinct shingles, simhash {:016x}",
            s.body_blocks,
            s.blocks,
            if s.basis == Basis::Body { "body" } else { "whole text (no body blocks)" },
            s.tokens.len(),
            s.fingerprint.shingles.len(),
            s.simhash
        );
    }
    println!();
    println!("Hamming distance     {distance} of 64");
    println!("shared shingles      {}", overlap.shared);
    println!("Jaccard              {:.3}", overlap.jaccard());
    println!("containment A in B   {:.3}", overlap.containment_a());
    println!("containment B in A   {:.3}", overlap.containment_b());
    println!("coverage of longer   {:.3}", overlap.coverage());
    println!("decision             {}  ({rule})", pal.bold(decision));
    println!();
    println!(
        "{} shared passages, {} words ({:.0}% of A, {:.0}% of B):",
        passages.len(),
        shared_words,
        100.0 * shared_words as f64 / a.tokens.len().max(1) as f64,
        100.0 * shared_words as f64 / b.tokens.len().max(1) as f64
    );
    // Runs of a few words ("the president said") are chance, not reuse: listed as a count.
    let (long, short): (Vec<&Passage>, Vec<&Passage>) =
        passages.iter().partition(|p| p.words() >= MIN_SHOWN_WORDS);
    for p in long {
        println!(
            "  A words {}-{}  B words {}-{}  ({} words)",
            p.a_start,
            p.a_end,
            p.b_start,
            p.b_end,
            p.words()
        );
        println!("    {}", snippet(&a.tokens, p.a_start, p.a_end));
    }
    if !short.is_empty() {
        println!(
            "  and {} short matches of under {MIN_SHOWN_WORDS} words ({} words)",
            short.len(),
            short.iter().map(|p| p.words()).sum::<usize>()
        );
    }
    Ok(())
}
