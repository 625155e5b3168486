//! report.json, schema version 1. Every list here has a total order (documented on its field),
//! so that the same corpus and options always serialise to the same bytes; only `run` may
//! differ between two runs.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::flags::Flag;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub summary: Summary,
    /// Sorted by documents (descending), then name.
    pub sources: Vec<SourceEntry>,
    /// Sorted by documents (descending), then label, then text.
    pub boilerplate: Vec<BoilerplateEntry>,
    /// Sorted by documents (descending), then kind, then text.
    pub captions: Vec<CaptionEntry>,
    /// Sorted by size (descending), then id.
    pub clusters: Vec<ClusterEntry>,
    /// How many documents each rule flagged, in rule order.
    pub flags: Vec<FlagCount>,
    /// Flagged documents in input order. Large corpora stream this list instead (see
    /// [`crate::builder::write_report_json`]); it is empty here then.
    pub documents: Vec<FlaggedDocument>,
    pub run: Run,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Records read, bad ones included: `documents_kept + documents_dropped` equals it.
    pub documents_read: u64,
    pub documents_kept: u64,
    pub documents_dropped: u64,
    /// Bad records (listed in dropped.jsonl with their file and line).
    pub errors: u64,
    /// Documents dropped as copies of a cluster's representative.
    pub duplicates: u64,
    /// Clusters of two or more documents.
    pub clusters: u64,
    pub sources: u64,
    pub flagged_documents: u64,
    /// Word tokens over all blocks of all documents.
    pub tokens: u64,
    /// Tokens of each label, in label order.
    pub label_tokens: Map<String, Value>,
    /// Share of all tokens of each label, in label order.
    pub label_shares: Map<String, Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceEntry {
    pub source: String,
    pub documents: u64,
    pub tokens: u64,
    pub label_shares: Map<String, Value>,
    /// Documents of this source that are copies of another document.
    pub duplicates: u64,
    pub duplicate_rate: f64,
    pub mostly_boilerplate: u64,
    /// Clusters whose earliest member is from this source: stories it published first.
    pub first_published: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct BoilerplateEntry {
    pub text: String,
    pub label: String,
    /// Documents the line appears in (a lower bound when the tally had to forget rare lines).
    pub documents: u64,
    /// The sources it appears in, most documents first (at most [`crate::tally::MAX_SOURCES`]).
    pub sources: Vec<String>,
    pub source_count: u64,
    /// Set when the segmenter gave the line another label (a caption or credit label on a line
    /// that is on most pages of one outlet and on no other: template, not a photo's caption).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labelled_as: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaptionEntry {
    pub text: String,
    /// `caption`: a photo caption (with its most frequent credit, if any); `credit`: a credit line.
    pub kind: String,
    pub credit: Option<String>,
    pub documents: u64,
    pub sources: Vec<String>,
    pub source_count: u64,
    /// The first documents it was seen in, in input order.
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClusterEntry {
    pub id: String,
    pub size: u64,
    pub representative: String,
    /// The member published first (earliest date, then input order): who had the story first.
    pub earliest: String,
    pub first_publisher: String,
    /// Earliest first (date, then id); members without a date last.
    pub members: Vec<ClusterMember>,
    /// Distinct sources, sorted by name.
    pub sources: Vec<String>,
    /// True when the copies are on other outlets (syndication), false for repeats within one.
    pub syndicated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClusterMember {
    pub id: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub similarity: f64,
    pub kind: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FlagCount {
    pub flag: String,
    pub documents: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FlaggedDocument {
    pub id: String,
    pub source: Option<String>,
    pub flags: Vec<Flag>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Run {
    pub version: String,
    pub options: Map<String, Value>,
    /// Seconds per phase, in phase order.
    pub timings: Map<String, Value>,
}
