//! `copydesk audit`: segment, deduplicate and report in one run.
//!
//! Reads the input twice: once for the corpus statistics that find template lines and reused
//! captions ([`segmenting::DocSegmenter::with_corpus_pass`]), once to segment, fingerprint and compute each document's
//! facts and flags (in parallel within a batch, folded in input order). Texts go to a scratch
//! spool, not memory. Once the detector has clustered the fingerprints, one sequential pass over
//! the spool writes `clean.jsonl` (kept documents, body only), `dropped.jsonl` (copies with the
//! document they copy, and every bad record) and the flagged documents; then `report.json` and
//! `report.html`. Every output is an [`AtomicFile`], committed only at the very end, so a run
//! that fails or is killed leaves the previous outputs or none.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use copydesk_corpus::{write_output_record, AtomicFile, Document, Record};
use copydesk_neardup::{Assignment, Fingerprinter};
use copydesk_report::builder::{body_text, Outcome, ReportJsonWriter};
use copydesk_report::flags::editorial::duplicate_of;
use copydesk_report::html::{self, HtmlOptions, Texts};
use copydesk_report::model::{FlaggedDocument, Run};
use copydesk_report::{
    BlockView, ClusterInput, DocumentFacts, Flag, MemberInput, ReportBuilder, ReportConfig,
};
use copydesk_segment::Label;
use rayon::prelude::*;
use serde_json::{json, Map, Value};

use crate::cli::{GlobalArgs, InputArgs};
use crate::clusters::{
    cluster_names, detect_clusters, fingerprint_blocks, kind_name, write_clusters,
    write_dropped_duplicate, Fingerprinted,
};
use crate::commands::dedup::{KeepArg, Tuning};
use crate::pipeline;
use crate::segmenting;
use crate::spool::{Span, Spool};

const AFTER_HELP: &str = "\
Outputs in DIR (default copydesk-audit/; all written atomically, at the end of the run):
  report.html     the report for editors: one self-contained page, no network access
  report.json     the same as data (schema_version 1): summary, sources, boilerplate,
                  captions, clusters, flags, flagged documents, run
  clean.jsonl     the kept documents, their text reduced to the article body
  clusters.jsonl  one line per document: id, cluster, representative, similarity, kind
  dropped.jsonl   copies (with the document they duplicate) and every bad record

Every document read is in exactly one of clean.jsonl and dropped.jsonl.

Examples:
  copydesk audit corpus/                      # then open copydesk-audit/report.html
  copydesk audit corpus/ --out audit/
  copydesk audit crawl.warc.gz news.jsonl.zst --out audit/ --keep longest
  copydesk audit dump.jsonl --text-field raw_content --url-field metadata.url --out audit/";

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct AuditArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output directory (created if missing).
    #[arg(long, value_name = "DIR", default_value = "copydesk-audit")]
    pub out: PathBuf,
    /// Which member of a cluster is kept: the earliest (then longest), the longest, or the first read.
    #[arg(long, value_enum, default_value_t = KeepArg::Earliest)]
    pub keep: KeepArg,
    /// A template line or caption is listed when it recurs in at least this many documents.
    #[arg(long, default_value_t = 2, value_name = "N", help_heading = "Report")]
    pub min_documents: u64,
    /// Rows per table in report.html (report.json lists everything).
    #[arg(long, default_value_t = 300, value_name = "N", help_heading = "Report")]
    pub top: usize,
    /// Clusters shown in report.html with a copy beside its representative.
    #[arg(long, default_value_t = 25, value_name = "N", help_heading = "Report")]
    pub diffs: usize,
    #[command(flatten)]
    pub tuning: Tuning,
}

/// A document between reading and writing: where its spooled output is, and whether it was
/// flagged before deduplication.
enum Slot {
    Doc {
        doc: usize,
        span: Span,
        flagged: bool,
    },
    Error(String),
}

/// What the parallel stage computes for one document.
struct Analysed {
    fingerprinted: Fingerprinted,
    facts: DocumentFacts,
    /// The body-only output record, a newline, and the document's flags as a JSON array.
    spooled: Vec<u8>,
}

fn label_names() -> Vec<&'static str> {
    Label::ALL.iter().map(|l| l.as_str()).collect()
}

/// Each document is labelled twice from one reading: with corpus statistics for the report and
/// the clean body (template lines and reused captions recognised), and without them for
/// fingerprints, as `copydesk dedup` does by default: with corpus statistics a syndicated story's
/// paragraphs, recurring across outlets, could be taken for template and vanish from the
/// fingerprint.
fn analyse(
    segmenter: &segmenting::DocSegmenter,
    doc: &Document,
    fingerprinter: &mut Fingerprinter,
    config: &ReportConfig,
) -> Analysed {
    // One reading of the page, labelled with and without corpus statistics.
    let (blocks, plain) = segmenter.segment_with_and_without_stats(doc);
    let views: Vec<BlockView<'_>> = blocks
        .iter()
        .map(|b| BlockView {
            label: b.label.as_str(),
            text: &b.text,
        })
        .collect();
    let body = body_text(&views);
    let facts = DocumentFacts::new(
        &doc.id,
        doc.source.as_deref(),
        &views,
        &body,
        doc.decode_errors,
        config,
    );
    let fingerprint = fingerprint_blocks(plain.as_ref().unwrap_or(&blocks), fingerprinter);
    let mut spooled = Vec::with_capacity(body.len() + 512);
    if let Err(e) = write_output_record(&mut spooled, doc, &body) {
        spooled = json!({"id": doc.id, "error": e.to_string()})
            .to_string()
            .into_bytes();
    }
    spooled.push(b'\n');
    spooled.extend(serde_json::to_vec(&facts.flags).unwrap_or_else(|_| b"[]".to_vec()));
    Analysed {
        fingerprinted: Fingerprinted {
            id: doc.id.clone(),
            source: doc.source.clone(),
            date: doc.date.clone(),
            fingerprint,
        },
        facts,
        spooled,
    }
}

pub fn run(args: AuditArgs, global: &GlobalArgs) -> Result<()> {
    let started = Instant::now();
    let params = args.tuning.params()?;
    fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let mut timings = Map::new();
    let mut lap = Instant::now();
    let mut time = |name: &str, timings: &mut Map<String, Value>| {
        timings.insert(
            name.to_owned(),
            json!((lap.elapsed().as_secs_f64() * 1000.0).round() / 1000.0),
        );
        lap = Instant::now();
    };

    let segmenter = segmenting::DocSegmenter::with_corpus_pass(&args.input)?;
    time("corpus_statistics", &mut timings);

    let config = ReportConfig {
        min_documents: args.min_documents.max(1),
        ..ReportConfig::default()
    };
    let html_options = HtmlOptions {
        rows: args.top,
        diffs: args.diffs,
        ..HtmlOptions::default()
    };
    let mut builder = ReportBuilder::new(config.clone(), &label_names());
    let mut spool = Spool::create(&args.out, "audit-spool")?;
    let mut docs: Vec<Fingerprinted> = Vec::new();
    let mut slots: Vec<Slot> = Vec::new();
    let mut sample: Vec<(usize, FlaggedDocument)> = Vec::new();
    let rows = html_options.rows;
    // The fold (report tallies, spool, slots) is serial and in input order; it runs one batch
    // behind the parallel analysis of the next.
    let fold = |done: Vec<std::result::Result<Analysed, String>>| -> Result<()> {
        for item in done {
            match item {
                Ok(a) => {
                    builder.observe(&a.facts);
                    let span = spool.append(&a.spooled)?;
                    let flagged = !a.facts.flags.is_empty();
                    if flagged && sample.len() < rows {
                        sample.push((
                            docs.len(),
                            FlaggedDocument {
                                id: a.facts.id.clone(),
                                source: a.fingerprinted.source.clone(),
                                flags: a.facts.flags,
                            },
                        ));
                    }
                    slots.push(Slot::Doc {
                        doc: docs.len(),
                        span,
                        flagged,
                    });
                    docs.push(a.fingerprinted);
                }
                Err(line) => slots.push(Slot::Error(line)),
            }
        }
        Ok(())
    };
    let summary = pipeline::fold_behind(fold, |sink| {
        pipeline::read_batches(&args.input, global, |batch: Vec<Record>| {
            let done: Vec<std::result::Result<Analysed, String>> = batch
                .into_par_iter()
                .map_init(
                    || Fingerprinter::new(params.fingerprint),
                    |f, record| match record {
                        Ok(doc) => Ok(analyse(&segmenter, &doc, f, &config)),
                        Err(err) => Err(pipeline::error_json(&err).to_string()),
                    },
                )
                .collect();
            sink(done)
        })
    })?;
    time("segment_and_fingerprint", &mut timings);

    let (assignments, stats) = detect_clusters(&docs, &params, args.keep.into());
    let names = cluster_names(&docs, &assignments);
    let groups = groups(&assignments);
    time("clusters", &mut timings);

    let kept = assignments
        .iter()
        .enumerate()
        .filter(|(d, a)| a.representative as usize == *d)
        .count() as u64;
    let errors = summary.errors;
    let flagged_documents = slots
        .iter()
        .filter(|s| match s {
            Slot::Doc { doc, flagged, .. } => {
                *flagged || assignments[*doc].representative as usize != *doc
            }
            Slot::Error(_) => false,
        })
        .count() as u64;
    let outcome = Outcome {
        documents_read: docs.len() as u64 + errors,
        documents_kept: kept,
        documents_dropped: docs.len() as u64 - kept + errors,
        errors,
        flagged_documents,
    };
    let clusters: Vec<ClusterInput> = groups
        .iter()
        .map(|(&center, members)| ClusterInput {
            id: names[center].clone(),
            representative: docs[assignments[center].representative as usize].id.clone(),
            members: members
                .iter()
                .map(|&d| MemberInput {
                    id: docs[d].id.clone(),
                    source: docs[d].source.clone(),
                    date: docs[d].date.clone(),
                    title: None,
                    similarity: assignments[d].similarity,
                    kind: kind_name(assignments[d].kind).to_owned(),
                })
                .collect(),
        })
        .collect();
    let run = Run {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        options: run_options(&args, global, &stats),
        timings: Map::new(),
    };
    let mut report = builder.finish(outcome, clusters, run);

    // Which spooled records the report still needs: titles of listed cluster members, and the
    // bodies shown side by side.
    let center_of: HashMap<&str, usize> = groups.keys().map(|&c| (names[c].as_str(), c)).collect();
    let mut title_slot: HashMap<usize, (usize, usize)> = HashMap::new();
    for (ci, c) in report.clusters.iter().enumerate() {
        let Some(group) = center_of
            .get(c.id.as_str())
            .and_then(|center| groups.get(center))
        else {
            continue;
        };
        let mut used: HashSet<usize> = HashSet::new();
        for (mi, m) in c.members.iter().enumerate() {
            if let Some(&d) = group
                .iter()
                .find(|&&d| docs[d].id == m.id && !used.contains(&d))
            {
                used.insert(d);
                title_slot.insert(d, (ci, mi));
            }
        }
    }
    let wanted_ids: HashSet<String> = html::wanted_pairs(&report, &html_options)
        .into_iter()
        .flat_map(|(a, b)| [a, b])
        .collect();

    let mut outputs = Outputs::create(&args.out)?;
    write_clusters(&mut outputs.clusters, &docs, &assignments, &names)?;
    let mut doc_spool = Spool::create(&args.out, "audit-documents")?;
    let mut doc_spans: Vec<Span> = Vec::new();
    let mut texts = Texts::new();
    let mut buf = Vec::new();
    let mut sample_iter = sample.iter_mut().peekable();
    for slot in &slots {
        let (doc, span, flagged) = match slot {
            Slot::Error(line) => {
                outputs.dropped.write_all(line.as_bytes())?;
                outputs.dropped.write_all(b"\n")?;
                continue;
            }
            Slot::Doc { doc, span, flagged } => (*doc, *span, *flagged),
        };
        spool.read(span, &mut buf)?;
        let split = buf.iter().position(|&b| b == b'\n').unwrap_or(buf.len());
        let (record, flags) = (&buf[..split], buf.get(split + 1..).unwrap_or(b"[]"));
        let wanted_title = title_slot.get(&doc).copied();
        if wanted_title.is_some() || wanted_ids.contains(&docs[doc].id) {
            let value: Value = serde_json::from_slice(record).unwrap_or(Value::Null);
            if let Some((ci, mi)) = wanted_title {
                report.clusters[ci].members[mi].title = value
                    .get("title")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
            }
            if wanted_ids.contains(&docs[doc].id) {
                if let Some(text) = value.get("text").and_then(Value::as_str) {
                    texts
                        .entry(docs[doc].id.clone())
                        .or_insert_with(|| text.to_owned());
                }
            }
        }
        let a = &assignments[doc];
        let duplicate = a.representative as usize != doc;
        if duplicate {
            write_dropped_duplicate(&mut outputs.dropped, &docs, &names, doc, a, record)?;
        } else {
            outputs.clean.write_all(record)?;
            outputs.clean.write_all(b"\n")?;
        }
        if flagged || duplicate {
            let dup_flag =
                duplicate.then(|| duplicate_of(&docs[a.representative as usize].id, a.similarity));
            if let (Some(flag), Some((_, s))) =
                (&dup_flag, sample_iter.peek_mut().filter(|(d, _)| *d == doc))
            {
                s.flags.insert(0, flag.clone());
            }
            if sample_iter.peek().is_some_and(|(d, _)| *d == doc) {
                sample_iter.next();
            }
            let entry = document_entry(&docs[doc], dup_flag.as_ref(), flags)?;
            doc_spans.push(doc_spool.append(&entry)?);
        }
    }
    time("clean_and_dropped", &mut timings);

    let sample: Vec<FlaggedDocument> = sample.into_iter().map(|(_, d)| d).collect();
    let page = html::render(&report, &sample, &texts, &html_options);
    outputs.html.write_all(page.as_bytes())?;
    time("report_html", &mut timings);
    timings.insert(
        "total".to_owned(),
        json!((started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0),
    );
    report.run.timings = timings;
    {
        let mut w = ReportJsonWriter::begin(&report, &mut outputs.json)?;
        for span in doc_spans {
            doc_spool.read(span, &mut buf)?;
            w.document(&buf)?;
        }
        w.end()?;
    }
    outputs.commit()?;

    if !global.quiet {
        let s = &report.summary;
        eprintln!(
            "audit: {} read ({} bad), {} kept, {} dropped; {} clusters, {} copies; {} template lines, {} captions and credits recurring; {} flagged; {:.2}s → {}",
            s.documents_read,
            s.errors,
            s.documents_kept,
            s.documents_dropped,
            s.clusters,
            s.duplicates,
            report.boilerplate.len(),
            report.captions.len(),
            s.flagged_documents,
            started.elapsed().as_secs_f64(),
            args.out.join("report.html").display()
        );
    }
    Ok(())
}

/// One entry of report.json's `documents`: id, source and flags (duplicate-of first).
fn document_entry(doc: &Fingerprinted, dup: Option<&Flag>, flags_json: &[u8]) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec(&json!({"id": doc.id, "source": doc.source}))?;
    out.pop(); // the closing brace
    out.extend_from_slice(b",\"flags\":[");
    if let Some(flag) = dup {
        out.extend(serde_json::to_vec(flag)?);
    }
    let inner = flags_json
        .strip_prefix(b"[")
        .and_then(|f| f.strip_suffix(b"]"))
        .unwrap_or(b"");
    if !inner.is_empty() {
        if dup.is_some() {
            out.push(b',');
        }
        out.extend_from_slice(inner);
    }
    out.extend_from_slice(b"]}");
    Ok(out)
}

/// The five outputs, created as temporary files and committed together at the end.
struct Outputs {
    html: AtomicFile,
    json: AtomicFile,
    clean: AtomicFile,
    clusters: AtomicFile,
    dropped: AtomicFile,
}

impl Outputs {
    fn create(dir: &Path) -> Result<Self> {
        let open = |name: &str| {
            let path = dir.join(name);
            AtomicFile::create(&path).with_context(|| format!("cannot create {}", path.display()))
        };
        Ok(Outputs {
            html: open("report.html")?,
            json: open("report.json")?,
            clean: open("clean.jsonl")?,
            clusters: open("clusters.jsonl")?,
            dropped: open("dropped.jsonl")?,
        })
    }

    fn commit(self) -> Result<()> {
        for file in [
            self.clusters,
            self.clean,
            self.dropped,
            self.json,
            self.html,
        ] {
            let path = file.path().display().to_string();
            file.commit()
                .with_context(|| format!("cannot write {path}"))?;
        }
        Ok(())
    }
}

/// Members of each cluster of two or more, by the cluster's center, in input order.
fn groups(assignments: &[Assignment]) -> BTreeMap<usize, Vec<usize>> {
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (d, a) in assignments.iter().enumerate() {
        groups.entry(a.cluster as usize).or_default().push(d);
    }
    groups.retain(|_, m| m.len() >= 2);
    groups
}

fn run_options(
    args: &AuditArgs,
    global: &GlobalArgs,
    stats: &copydesk_neardup::Stats,
) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("inputs".into(), json!(args.input.inputs));
    m.insert(
        "keep".into(),
        json!(format!("{:?}", args.keep).to_lowercase()),
    );
    m.insert("min_documents".into(), json!(args.min_documents));
    m.insert("top".into(), json!(args.top));
    m.insert("diffs".into(), json!(args.diffs));
    m.insert(
        "detector".into(),
        json!({
            "shingle": args.tuning.shingle,
            "min_jaccard": args.tuning.min_jaccard,
            "min_containment": args.tuning.min_containment,
            "min_coverage": args.tuning.min_coverage,
            "min_partial": args.tuning.min_partial,
            "min_own_containment": args.tuning.min_own_containment,
            "max_distance": args.tuning.max_distance,
        }),
    );
    m.insert(
        "thresholds".into(),
        serde_json::to_value(ReportConfig::default().thresholds).unwrap_or(Value::Null),
    );
    m.insert(
        "threads".into(),
        json!(global.threads.unwrap_or_else(rayon::current_num_threads)),
    );
    m.insert(
        "detector_stats".into(),
        serde_json::to_value(stats).unwrap_or(Value::Null),
    );
    m
}
