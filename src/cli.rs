//! The command line: one subcommand per job, shared input and run options.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands;

const ABOUT: &str = "Find what does not belong in a news corpus: page boilerplate, captions and \
credits pasted into article text, related-headline widgets, and the same wire story republished \
by many outlets.";

const AFTER_HELP: &str = "\
Inputs: JSON Lines (.jsonl, .json, optionally .gz or .zst), directories (walked recursively: \
.txt is plain text, .html/.htm is HTML, other readable files by their type), WARC (.warc, \
.warc.gz), Parquet (.parquet), and - for JSON Lines on stdin.

Examples:
  copydesk stats corpus/
  copydesk stats crawl.warc.gz --format json";

#[derive(Debug, Parser)]
#[command(name = "copydesk", version, about = ABOUT, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Segment, deduplicate and report in one run: report.html, report.json, clean.jsonl, clusters.jsonl, dropped.jsonl.
    Audit(commands::audit::AuditArgs),
    /// Inventory of a corpus: documents, bytes, sources, dates, formats and errors.
    Stats(commands::stats::StatsArgs),
    /// Label every block of every document: headline, byline, dateline, body, caption, credit, related, boilerplate.
    Segment(commands::segment::SegmentArgs),
    /// Write the documents with their text reduced to the kept blocks (default: body).
    Clean(commands::clean::CleanArgs),
    /// Clusters of copies (syndicated, abridged, re-templated): clusters.jsonl, clean.jsonl, dropped.jsonl.
    Dedup(commands::dedup::DedupArgs),
    /// Why two documents are, or are not, copies: distance, Jaccard, containment, shared passages.
    Explain(commands::explain::ExplainArgs),
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Worker threads (default: all cores). Outputs do not depend on it.
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar and no summary on stderr (errors in the input are still reported).
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

/// What to do with a bad record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OnError {
    /// Report it on stderr, count it, list it in dropped.jsonl, and go on.
    #[default]
    Skip,
    /// Stop at the first bad record with exit code 2.
    Fail,
}

/// Which inputs to read and how to find each record's fields.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Files or directories to read; - reads JSON Lines from stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Field holding the document id (dotted paths reach nested fields) [default: id, doc_id, metadata.id].
    #[arg(long, value_name = "FIELD", help_heading = "Record fields")]
    pub id_field: Option<String>,
    /// Field holding plain text [default: text, content, raw_content].
    #[arg(long, value_name = "FIELD", help_heading = "Record fields")]
    pub text_field: Option<String>,
    /// Field holding HTML, used when the text field is absent [default: html, raw_html].
    #[arg(long, value_name = "FIELD", help_heading = "Record fields")]
    pub html_field: Option<String>,
    /// Field holding the URL [default: url, metadata.url, metadata.warc_url, link].
    #[arg(long, value_name = "FIELD", help_heading = "Record fields")]
    pub url_field: Option<String>,
    /// Field holding the publisher [default: source_domain, source, metadata.source; else the URL's registrable domain].
    #[arg(long, value_name = "FIELD", help_heading = "Record fields")]
    pub source_field: Option<String>,
    /// Field holding the publication date [default: date, metadata.date, published, created, timestamp].
    #[arg(long, value_name = "FIELD", help_heading = "Record fields")]
    pub date_field: Option<String>,
    /// What to do with a bad record: skip (report, count, go on) or fail (exit 2).
    #[arg(long, value_enum, default_value_t = OnError::Skip, value_name = "POLICY")]
    pub on_error: OnError,
}

impl InputArgs {
    pub fn read_options(&self) -> copydesk_corpus::ReadOptions {
        use copydesk_corpus::FieldChoice;
        let mut fields = copydesk_corpus::FieldNames::default();
        let set = |slot: &mut FieldChoice, given: &Option<String>| {
            if let Some(name) = given {
                *slot = FieldChoice::only(name);
            }
        };
        set(&mut fields.id, &self.id_field);
        set(&mut fields.text, &self.text_field);
        set(&mut fields.html, &self.html_field);
        set(&mut fields.url, &self.url_field);
        set(&mut fields.source, &self.source_field);
        set(&mut fields.date, &self.date_field);
        copydesk_corpus::ReadOptions { fields }
    }
}
