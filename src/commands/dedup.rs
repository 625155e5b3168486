//! `copydesk dedup`: clusters of copies, the kept documents and the dropped ones.
//!
//! One pass reads, segments and fingerprints every document (in parallel within
//! a batch, in input order) and spools each output record to a scratch file in
//! the output directory, so memory holds fingerprints, not texts. The detector
//! then clusters the fingerprints, and a last sequential pass over the spool
//! writes `clean.jsonl` and `dropped.jsonl`; all three outputs are atomic.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use copydesk_corpus::{write_output_record_as_read, AtomicFile, Record};
use copydesk_neardup::{Assignment, Fingerprinter, Keep, Params, Spread};
use rayon::prelude::*;
use serde_json::json;

use crate::cli::{GlobalArgs, InputArgs};
use crate::clusters::{
    cluster_names, detect_clusters, fingerprint_blocks, write_clusters, write_dropped_duplicate,
    Fingerprinted,
};
use crate::pipeline;
use crate::segmenting;
use crate::spool::{Span, Spool};

#[derive(Debug, Args)]
#[command(after_help = "\
Outputs in DIR:
  clusters.jsonl  one line per document: id, cluster, representative, similarity, kind
                  (original|copy|partial) and, for members, spread (syndication|repeat|unknown)
  clean.jsonl     the kept documents (one per cluster, and every singleton)
  dropped.jsonl   every other document with the id it duplicates, and every bad record

Examples:
  copydesk dedup news.jsonl --out dedup/
  copydesk dedup crawl/ --keep longest --out dedup/")]
pub struct DedupArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output directory (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Which member of a cluster is kept: the earliest (then longest), the longest, or the first read.
    #[arg(long, value_enum, default_value_t = KeepArg::Earliest)]
    pub keep: KeepArg,
    /// Segment with corpus statistics (a first pass over the inputs): recurring lines are
    /// taken as template. Off by default: a syndicated story's paragraphs recur too.
    #[arg(long)]
    pub corpus_pass: bool,
    #[command(flatten)]
    pub tuning: Tuning,
}

/// Detector settings; the defaults were measured on generated syndication corpora (ARCHITECTURE.md).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Detector")]
pub struct Tuning {
    /// Words per shingle.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub shingle: usize,
    /// A pair whose bodies have this Jaccard similarity of shingles is a copy.
    #[arg(long, default_value_t = 0.3, value_name = "J")]
    pub min_jaccard: f64,
    /// ... or when this share of the shorter body is found in the longer ...
    #[arg(long, default_value_t = 0.5, value_name = "C")]
    pub min_containment: f64,
    /// ... and covers at least this share of the longer body (both rules need --min-partial
    /// shingles in the shorter body).
    #[arg(long, default_value_t = 0.15, value_name = "C")]
    pub min_coverage: f64,
    /// Shingles of the shorter body below which a pair is a copy only when identical (the two
    /// bodies, or the two pages word for word): a notice, widget or paywall sentence reaches any
    /// threshold on its wording alone.
    #[arg(long, default_value_t = 35, value_name = "N")]
    pub min_partial: usize,
    /// Without the words inside quotation marks, this share of the shorter body must still be
    /// found in the longer: articles quoting the same statements are not copies (0: off).
    #[arg(long, default_value_t = 0.25, value_name = "C")]
    pub min_own_containment: f64,
    /// Hamming distance found by the simhash tables.
    #[arg(long, default_value_t = 4, value_name = "K")]
    pub max_distance: u32,
}

impl Tuning {
    pub fn params(&self) -> Result<Params> {
        let mut p = Params::default();
        for (name, v) in [
            ("--min-jaccard", self.min_jaccard),
            ("--min-containment", self.min_containment),
            ("--min-coverage", self.min_coverage),
            ("--min-own-containment", self.min_own_containment),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(
                    crate::error::BadInput(format!("{name} must be within 0..1, not {v}")).into(),
                );
            }
        }
        if self.shingle == 0 || self.shingle > 16 {
            return Err(crate::error::BadInput(format!(
                "--shingle must be 1..16, not {}",
                self.shingle
            ))
            .into());
        }
        if self.max_distance > 12 {
            return Err(crate::error::BadInput(format!(
                "--max-distance above 12 needs too many tables, got {}",
                self.max_distance
            ))
            .into());
        }
        p.fingerprint.shingle = self.shingle;
        p.verify.copy_jaccard = self.min_jaccard;
        p.verify.partial_containment = self.min_containment;
        p.verify.partial_coverage = self.min_coverage;
        p.verify.partial_min_shingles = self.min_partial;
        p.fingerprint.short_body = self.min_partial;
        p.verify.own_containment = self.min_own_containment;
        p.tables.k = self.max_distance;
        p.tables.blocks = self.max_distance + 2;
        Ok(p)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeepArg {
    Earliest,
    Longest,
    First,
}

impl From<KeepArg> for Keep {
    fn from(k: KeepArg) -> Keep {
        match k {
            KeepArg::Earliest => Keep::Earliest,
            KeepArg::Longest => Keep::Longest,
            KeepArg::First => Keep::First,
        }
    }
}

/// One record read: a document (with its spooled output record) or a bad record.
enum Slot {
    Doc { doc: usize, span: Span },
    Error(String),
}

pub fn run(args: DedupArgs, global: &GlobalArgs) -> Result<()> {
    let started = Instant::now();
    let params = args.tuning.params()?;
    fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    // Without the corpus pass by default: it marks lines that recur across the corpus as
    // template or reused captions, and the paragraphs of a syndicated story recur across
    // the corpus too (measured in ARCHITECTURE.md, "Near-duplicates").
    let segmenter = if args.corpus_pass {
        segmenting::DocSegmenter::with_corpus_pass(&args.input)?
    } else {
        segmenting::DocSegmenter::without_corpus_pass()
    };
    let mut spool = Spool::create(&args.out, "dedup-spool")?;
    // CPU time summed over threads, for the run summary.
    let segment_ns = AtomicU64::new(0);
    let fingerprint_ns = AtomicU64::new(0);
    let mut docs: Vec<Fingerprinted> = Vec::new();
    let mut slots: Vec<Slot> = Vec::new();
    let summary = pipeline::read_batches(&args.input, global, |batch: Vec<Record>| {
        let done: Vec<std::result::Result<(Fingerprinted, Vec<u8>), String>> = batch
            .into_par_iter()
            .map_init(
                || Fingerprinter::new(params.fingerprint),
                |f, record| match record {
                    Ok(doc) => {
                        let t0 = Instant::now();
                        let blocks = segmenter.segment(&doc);
                        let t1 = Instant::now();
                        let fingerprint = fingerprint_blocks(&blocks, f);
                        segment_ns.fetch_add(nanos(t1 - t0), Ordering::Relaxed);
                        fingerprint_ns.fetch_add(nanos(t1.elapsed()), Ordering::Relaxed);
                        // Sized for the text and the other fields: no regrowth while writing.
                        let text_len = doc
                            .record_json
                            .as_ref()
                            .or(doc.content_json.as_ref())
                            .map_or(doc.content.len(), String::len);
                        let mut line = Vec::with_capacity(text_len + 512);
                        if let Err(e) = write_output_record_as_read(&mut line, &doc) {
                            line = json!({"id": doc.id, "error": e.to_string()})
                                .to_string()
                                .into_bytes();
                        }
                        Ok((
                            Fingerprinted {
                                id: doc.id,
                                source: doc.source,
                                date: doc.date,
                                fingerprint,
                            },
                            line,
                        ))
                    }
                    Err(err) => Err(pipeline::error_json(&err).to_string()),
                },
            )
            .collect();
        for item in done {
            match item {
                Ok((fp, line)) => {
                    let span = spool.append(&line)?;
                    slots.push(Slot::Doc {
                        doc: docs.len(),
                        span,
                    });
                    docs.push(fp);
                }
                Err(line) => slots.push(Slot::Error(line)),
            }
        }
        Ok(())
    })?;
    let read_done = started.elapsed();

    let (assignments, stats) = detect_clusters(&docs, &params, args.keep.into());
    let names = cluster_names(&docs, &assignments);
    let detect_done = started.elapsed();

    write_clusters_file(
        &args.out.join("clusters.jsonl"),
        &docs,
        &assignments,
        &names,
    )?;
    let dropped =
        write_clean_and_dropped(&args.out, &mut spool, &slots, &docs, &assignments, &names)?;

    if !global.quiet {
        let (mut syndicated, mut repeats) = (0usize, 0usize);
        for a in &assignments {
            match a.spread {
                Some(Spread::Syndication) => syndicated += 1,
                Some(Spread::Repeat) => repeats += 1,
                _ => {}
            }
        }
        eprintln!(
            "dedup: {syndicated} copies published by another source than their representative \
             (syndication), {repeats} by the same source (repeats)"
        );
        eprintln!(
            "dedup: {} documents, {} bad records; {} clusters of 2+ holding {} documents; kept {}, dropped {} \
             ({} candidate pairs: {} from simhash tables, {} from anchors; {} verified) in {:.2}s: \
             reading {:.2}s (of which CPU segmenting {:.2}s, fingerprinting {:.2}s), clustering {:.2}s, writing {:.2}s",
            summary.documents,
            summary.errors,
            stats.clusters,
            stats.clustered_documents,
            docs.len() - (dropped - summary.errors as usize),
            dropped,
            stats.candidates,
            stats.table_pairs,
            stats.anchor_pairs,
            stats.verified,
            started.elapsed().as_secs_f64(),
            read_done.as_secs_f64(),
            segment_ns.load(Ordering::Relaxed) as f64 / 1e9,
            fingerprint_ns.load(Ordering::Relaxed) as f64 / 1e9,
            (detect_done - read_done).as_secs_f64(),
            (started.elapsed() - detect_done).as_secs_f64(),
        );
    }
    Ok(())
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// `clusters.jsonl`, atomically.
fn write_clusters_file(
    path: &Path,
    docs: &[Fingerprinted],
    assignments: &[Assignment],
    names: &[String],
) -> Result<()> {
    let mut out =
        AtomicFile::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    write_clusters(&mut out, docs, assignments, names)?;
    out.commit()
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Writes the kept documents and the rest; returns how many lines `dropped.jsonl` got.
fn write_clean_and_dropped(
    dir: &Path,
    spool: &mut Spool,
    slots: &[Slot],
    docs: &[Fingerprinted],
    assignments: &[Assignment],
    names: &[String],
) -> Result<usize> {
    let clean_path = dir.join("clean.jsonl");
    let dropped_path = dir.join("dropped.jsonl");
    let mut clean = AtomicFile::create(&clean_path)
        .with_context(|| format!("cannot create {}", clean_path.display()))?;
    let mut dropped = AtomicFile::create(&dropped_path)
        .with_context(|| format!("cannot create {}", dropped_path.display()))?;
    let mut buf = Vec::new();
    let mut n_dropped = 0;
    for slot in slots {
        match slot {
            Slot::Error(line) => {
                dropped.write_all(line.as_bytes())?;
                dropped.write_all(b"\n")?;
                n_dropped += 1;
            }
            Slot::Doc { doc, span } => {
                spool.read(*span, &mut buf)?;
                let a = &assignments[*doc];
                if a.representative as usize == *doc {
                    clean.write_all(&buf)?;
                    clean.write_all(b"\n")?;
                } else {
                    write_dropped_duplicate(&mut dropped, docs, names, *doc, a, &buf)?;
                    n_dropped += 1;
                }
            }
        }
    }
    clean
        .commit()
        .with_context(|| format!("cannot write {}", clean_path.display()))?;
    dropped
        .commit()
        .with_context(|| format!("cannot write {}", dropped_path.display()))?;
    Ok(n_dropped)
}
