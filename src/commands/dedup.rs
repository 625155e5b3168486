//! `copydesk dedup`: clusters of copies, the kept documents and the dropped ones.
//!
//! One pass reads, segments and fingerprints every document (in parallel within
//! a batch, in input order) and spools each output record to a scratch file in
//! the output directory, so memory holds fingerprints, not texts. The detector
//! then clusters the fingerprints, and a last sequential pass over the spool
//! writes `clean.jsonl` and `dropped.jsonl`; all three outputs are atomic.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use copydesk_corpus::{AtomicFile, Record};
use copydesk_neardup::{
    detect, Assignment, DocRef, Fingerprint, Fingerprinter, Keep, Kind, Params, Spread,
};
use copydesk_segment::{Block, Label};
use rayon::prelude::*;
use serde_json::{json, Value};

use crate::cli::{GlobalArgs, InputArgs};
use crate::pipeline;
use crate::segmenting;

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
    /// ... and covers at least this share of the longer body.
    #[arg(long, default_value_t = 0.15, value_name = "C")]
    pub min_coverage: f64,
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

/// What is kept of a document between reading and writing.
pub struct Fingerprinted {
    pub id: String,
    pub source: Option<String>,
    /// The date as read.
    pub date: Option<String>,
    pub fingerprint: Fingerprint,
}

/// One record read: a document (with its spooled output record) or a bad record.
enum Slot {
    Doc { doc: usize, offset: u64, len: u64 },
    Error(String),
}

/// A scratch file removed when dropped, whatever happens.
struct Spool {
    path: PathBuf,
    file: Option<BufWriter<File>>,
    written: u64,
}

impl Spool {
    fn create(dir: &Path) -> Result<Self> {
        let path = dir.join(format!(".dedup-spool.{}.tmp", std::process::id()));
        let file =
            File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(Spool {
            path,
            file: Some(BufWriter::with_capacity(1 << 20, file)),
            written: 0,
        })
    }

    fn append(&mut self, bytes: &[u8]) -> Result<(u64, u64)> {
        let file = self.file.as_mut().context("spool already closed")?;
        file.write_all(bytes)
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        let at = self.written;
        self.written += bytes.len() as u64;
        Ok((at, bytes.len() as u64))
    }

    fn reader(&mut self) -> Result<BufReader<File>> {
        if let Some(w) = self.file.take() {
            w.into_inner().map_err(|e| e.into_error())?;
        }
        let f = File::open(&self.path)
            .with_context(|| format!("cannot reopen {}", self.path.display()))?;
        Ok(BufReader::with_capacity(1 << 20, f))
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        self.file.take();
        let _ = fs::remove_file(&self.path);
    }
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
    let mut spool = Spool::create(&args.out)?;
    // CPU time summed over threads, for the run summary.
    let segment_ns = AtomicU64::new(0);
    let fingerprint_ns = AtomicU64::new(0);
    let mut docs: Vec<Fingerprinted> = Vec::new();
    let mut slots: Vec<Slot> = Vec::new();
    let summary = pipeline::read_batches(&args.input, global, |batch: Vec<Record>| {
        let done: Vec<std::result::Result<(Fingerprinted, String), String>> = batch
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
                        let line =
                            serde_json::to_string(&doc.to_output_record(doc.content.as_str()))
                                .unwrap_or_else(|e| {
                                    json!({"id": doc.id, "error": e.to_string()}).to_string()
                                });
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
                    let (offset, len) = spool.append(line.as_bytes())?;
                    slots.push(Slot::Doc {
                        doc: docs.len(),
                        offset,
                        len,
                    });
                    docs.push(fp);
                }
                Err(line) => slots.push(Slot::Error(line)),
            }
        }
        Ok(())
    })?;
    let read_done = started.elapsed();

    // `--keep earliest` compares dates as text: rewrite them so that text order is time order.
    let dates: Vec<Option<String>> = docs
        .iter()
        .map(|d| d.date.as_deref().and_then(sortable_date))
        .collect();
    let refs: Vec<DocRef> = docs
        .iter()
        .zip(&dates)
        .map(|(d, date)| DocRef {
            fingerprint: &d.fingerprint,
            source: d.source.as_deref(),
            date: date.as_deref(),
        })
        .collect();
    let (assignments, stats) = detect(&refs, &params, args.keep.into());
    let names = cluster_names(&docs, &assignments);
    let detect_done = started.elapsed();

    write_clusters(
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

/// A date as corpora write it, rewritten as `YYYY-MM-DDTHH:MM:SS` so that text order is time
/// order for `--keep earliest`: ISO 8601 / RFC 3339 (offsets are not applied), Reuters-style
/// `26-FEB-1987 15:01:01.79`, RFC 2822 `Tue, 15 Nov 1994 08:12:31 GMT`, and Unix epoch seconds
/// or milliseconds. `None` for anything else: such documents count as undated (kept last).
pub fn sortable_date(date: &str) -> Option<String> {
    let date = date.trim();
    let b = date.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
    {
        let time = if b.len() >= 19 && digits(11..13) && digits(14..16) && digits(17..19) {
            &date[11..19]
        } else {
            "00:00:00"
        };
        return Some(format!("{}T{time}", &date[..10]));
    }
    if !date.is_empty() && date.len() <= 13 && b.iter().all(u8::is_ascii_digit) {
        let n: i64 = date.parse().ok()?;
        let secs = if date.len() >= 12 { n / 1000 } else { n };
        let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let (y, m, d) = civil_from_days(days);
        return Some(format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        ));
    }
    // `26-FEB-1987 15:01:01.79`, `15 Nov 1994 08:12:31`, `Tue, 15 Nov 1994 08:12:31 GMT`
    let rest = date.split_once(", ").map_or(date, |(_, r)| r);
    let mut parts = rest.split(['-', ' ']).filter(|p| !p.is_empty());
    let day: u32 = parts.next()?.parse().ok()?;
    let month = month_number(parts.next()?)?;
    let year: u32 = parts.next()?.get(..4)?.parse().ok()?;
    let time = parts
        .next()
        .and_then(|t| t.get(..8))
        .filter(|t| t.as_bytes().get(2) == Some(&b':') && t.as_bytes().get(5) == Some(&b':'))
        .unwrap_or("00:00:00");
    ((1..=31).contains(&day)).then(|| format!("{year:04}-{month:02}-{day:02}T{time}"))
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix = name.get(..3)?.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == prefix)
        .map(|i| i as u32 + 1)
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// Fingerprints a page on its body blocks, or on all its blocks when it has no body.
pub fn fingerprint_blocks(blocks: &[Block], f: &mut Fingerprinter) -> Fingerprint {
    let body: Vec<&str> = blocks
        .iter()
        .filter(|b| b.label == Label::Body)
        .map(|b| b.text.as_str())
        .collect();
    let all: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    f.fingerprint(&body, &all)
}

/// Cluster names: the center's id, made unique when ids repeat across inputs.
fn cluster_names(docs: &[Fingerprinted], assignments: &[Assignment]) -> Vec<Option<String>> {
    let mut names: Vec<Option<String>> = vec![None; docs.len()];
    let mut used: HashSet<String> = HashSet::with_capacity(docs.len());
    for a in assignments {
        let c = a.cluster as usize;
        if names[c].is_some() {
            continue;
        }
        let mut name = docs[c].id.clone();
        if !used.insert(name.clone()) {
            name = format!("{}#{}", docs[c].id, c);
            used.insert(name.clone());
        }
        names[c] = Some(name);
    }
    names
}

fn cluster_name<'a>(
    names: &'a [Option<String>],
    docs: &'a [Fingerprinted],
    a: &Assignment,
) -> &'a str {
    names[a.cluster as usize]
        .as_deref()
        .unwrap_or(&docs[a.cluster as usize].id)
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Original => "original",
        Kind::Copy => "copy",
        Kind::Partial => "partial",
    }
}

fn cluster_line(
    docs: &[Fingerprinted],
    names: &[Option<String>],
    d: usize,
    a: &Assignment,
) -> Value {
    let mut line = json!({
        "id": docs[d].id,
        "cluster": cluster_name(names, docs, a),
        "representative": docs[a.representative as usize].id,
        "similarity": round4(a.similarity),
        "kind": kind_name(a.kind),
    });
    if let (Some(spread), Some(obj)) = (a.spread, line.as_object_mut()) {
        obj.insert(
            "spread".into(),
            serde_json::to_value(spread).unwrap_or(Value::Null),
        );
    }
    line
}

fn write_clusters(
    path: &Path,
    docs: &[Fingerprinted],
    assignments: &[Assignment],
    names: &[Option<String>],
) -> Result<()> {
    let mut out =
        AtomicFile::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    for (d, a) in assignments.iter().enumerate() {
        serde_json::to_writer(&mut out, &cluster_line(docs, names, d, a))?;
        out.write_all(b"\n")?;
    }
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
    names: &[Option<String>],
) -> Result<usize> {
    let clean_path = dir.join("clean.jsonl");
    let dropped_path = dir.join("dropped.jsonl");
    let mut clean = AtomicFile::create(&clean_path)
        .with_context(|| format!("cannot create {}", clean_path.display()))?;
    let mut dropped = AtomicFile::create(&dropped_path)
        .with_context(|| format!("cannot create {}", dropped_path.display()))?;
    let mut reader = spool.reader()?;
    let mut position = 0u64;
    let mut buf = Vec::new();
    let mut n_dropped = 0;
    for slot in slots {
        match slot {
            Slot::Error(line) => {
                dropped.write_all(line.as_bytes())?;
                dropped.write_all(b"\n")?;
                n_dropped += 1;
            }
            Slot::Doc { doc, offset, len } => {
                if *offset != position {
                    reader.seek(SeekFrom::Start(*offset))?;
                }
                buf.resize(*len as usize, 0);
                reader
                    .read_exact(&mut buf)
                    .context("cannot read back the spool")?;
                position = offset + len;
                let a = &assignments[*doc];
                if a.representative as usize == *doc {
                    clean.write_all(&buf)?;
                    clean.write_all(b"\n")?;
                } else {
                    let head = json!({
                        "id": docs[*doc].id,
                        "reason": "duplicate",
                        "duplicate_of": docs[a.representative as usize].id,
                        "cluster": cluster_name(names, docs, a),
                        "kind": kind_name(a.kind),
                        "similarity": round4(a.similarity),
                    })
                    .to_string();
                    // `{...,"record":<the spooled record>}` without parsing it again.
                    dropped.write_all(&head.as_bytes()[..head.len() - 1])?;
                    dropped.write_all(b",\"record\":")?;
                    dropped.write_all(&buf)?;
                    dropped.write_all(b"}\n")?;
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

#[cfg(test)]
mod tests {
    use super::sortable_date;

    #[test]
    fn dates_sort_as_time_does() {
        let cases = [
            ("1987-03-12T14:10:00Z", "1987-03-12T14:10:00"),
            ("2018-07-16", "2018-07-16T00:00:00"),
            ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"),
            ("Tue, 15 Nov 1994 08:12:31 GMT", "1994-11-15T08:12:31"),
            ("0", "1970-01-01T00:00:00"),
            ("1531742400", "2018-07-16T12:00:00"),
            ("1531742400000", "2018-07-16T12:00:00"),
        ];
        for (given, expected) in cases {
            assert_eq!(sortable_date(given).as_deref(), Some(expected), "{given}");
        }
        assert_eq!(sortable_date("last Tuesday"), None);
        assert_eq!(sortable_date(""), None);
        // Reuters-style dates in two months: text order of the rewritten form is time order.
        assert!(
            sortable_date("02-MAR-1987 09:00:00.00") > sortable_date("26-FEB-1987 15:01:01.79")
        );
    }
}
