//! `copydesk stats`: an inventory of a corpus before anything is done to it.

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;
use clap::{Args, ValueEnum};
use copydesk_corpus::date::day_of;
use copydesk_corpus::Document;
use serde_json::{json, Value};

use crate::cli::{GlobalArgs, InputArgs};
use crate::pipeline;
use crate::style::Palette;

const TOP_SOURCES: usize = 20;

#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  copydesk stats corpus/
  copydesk stats crawl.warc.gz news.jsonl.zst --format json
  zcat dump.jsonl.gz | copydesk stats - --source-field metadata.domain")]
pub struct StatsArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Text,
    Json,
}

/// What the inventory accumulates; memory grows with the number of distinct sources only.
#[derive(Default)]
struct Inventory {
    sources: HashMap<String, u64>,
    no_source: u64,
    formats: BTreeMap<&'static str, u64>,
    html: u64,
    decode_errors: u64,
    earliest: Option<String>,
    latest: Option<String>,
    undated: u64,
    unparsed_dates: u64,
}

impl Inventory {
    fn add(&mut self, doc: &Document) {
        match &doc.source {
            Some(s) => *self.sources.entry(s.clone()).or_default() += 1,
            None => self.no_source += 1,
        }
        *self.formats.entry(doc.format.name()).or_default() += 1;
        self.html += u64::from(doc.content.is_html());
        self.decode_errors += u64::from(doc.decode_errors);
        match doc.date.as_deref().map(day_of) {
            None => self.undated += 1,
            Some(None) => self.unparsed_dates += 1,
            Some(Some(day)) => {
                if self.earliest.as_ref().is_none_or(|e| day < *e) {
                    self.earliest = Some(day.clone());
                }
                if self.latest.as_ref().is_none_or(|l| day > *l) {
                    self.latest = Some(day);
                }
            }
        }
    }

    /// Sources by count, then name, so that ties print in a stable order.
    fn top_sources(&self) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self.sources.iter().map(|(s, n)| (s.as_str(), *n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v.truncate(TOP_SOURCES);
        v
    }
}

pub fn run(args: StatsArgs, global: &GlobalArgs) -> Result<()> {
    let mut inv = Inventory::default();
    let summary = pipeline::read_batches(&args.input, global, |batch| {
        for doc in batch.iter().flatten() {
            inv.add(doc);
        }
        Ok(())
    })?;
    let top = inv.top_sources();
    match args.format {
        StatsFormat::Json => {
            let report = json!({
                "documents": summary.documents,
                "errors": summary.errors,
                "bytes": summary.text_bytes,
                "html_documents": inv.html,
                "decode_errors": inv.decode_errors,
                "distinct_sources": inv.sources.len(),
                "documents_without_source": inv.no_source,
                "sources": top.iter().map(|(s, n)| json!({"source": s, "documents": n})).collect::<Vec<Value>>(),
                "dates": {"earliest": inv.earliest, "latest": inv.latest, "undated": inv.undated, "unparsed": inv.unparsed_dates},
                "formats": inv.formats,
                "seconds": (summary.elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
            });
            println!("{report}");
        }
        StatsFormat::Text => {
            let p = Palette::for_stdout();
            println!("{} {}", p.bold("documents"), summary.documents);
            println!("{} {}", p.bold("errors   "), summary.errors);
            println!(
                "{} {} ({:.1} MB)",
                p.bold("bytes    "),
                summary.text_bytes,
                summary.text_bytes as f64 / 1e6
            );
            println!(
                "{} {} HTML, {} plain text",
                p.bold("content  "),
                inv.html,
                summary.documents - inv.html
            );
            if inv.decode_errors > 0 {
                println!(
                    "{} {} documents had bytes invalid in their encoding",
                    p.bold("encoding "),
                    inv.decode_errors
                );
            }
            let formats: Vec<String> = inv
                .formats
                .iter()
                .map(|(f, n)| format!("{f} {n}"))
                .collect();
            println!("{} {}", p.bold("formats  "), formats.join(", "));
            match (&inv.earliest, &inv.latest) {
                (Some(e), Some(l)) => println!(
                    "{} {e} .. {l} ({} undated, {} unparsed)",
                    p.bold("dates    "),
                    inv.undated,
                    inv.unparsed_dates
                ),
                _ => println!(
                    "{} none ({} undated, {} unparsed)",
                    p.bold("dates    "),
                    inv.undated,
                    inv.unparsed_dates
                ),
            }
            println!(
                "{} {} distinct, {} documents without one{}",
                p.bold("sources  "),
                inv.sources.len(),
                inv.no_source,
                if inv.sources.len() > TOP_SOURCES {
                    format!("; top {TOP_SOURCES}:")
                } else {
                    String::new()
                }
            );
            for (source, n) in &top {
                println!("  {n:>8}  {source}");
            }
            if !global.quiet {
                let secs = summary.elapsed.as_secs_f64().max(1e-3);
                eprintln!(
                    "{}",
                    p.dim(&format!(
                        "read in {:.2}s ({:.0} docs/s)",
                        secs,
                        summary.documents as f64 / secs
                    ))
                );
            }
        }
    }
    Ok(())
}
