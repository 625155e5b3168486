//! Errors: per-record problems (reported, counted, never fatal by default) and per-input
//! problems that stop a whole file.

use std::fmt;

use crate::document::Origin;

/// What was wrong with one record. Carried to `dropped.jsonl` and to stderr.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErrorKind {
    #[error("invalid UTF-8 at byte {offset} of the line")]
    InvalidUtf8 { offset: usize },
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    #[error("the record is not a JSON object")]
    NotAnObject,
    #[error("no text: none of the fields {fields} holds a string")]
    NoText { fields: String },
    #[error("field `{field}` is not a string")]
    FieldNotString { field: String },
    #[error("line of {bytes} bytes is longer than the {limit}-byte limit; skipped")]
    LineTooLong { bytes: u64, limit: u64 },
    #[error("file larger than the {limit}-byte limit for one document; skipped")]
    FileTooLarge { limit: u64 },
    #[error("read error: {0}")]
    Io(String),
    #[error("truncated or corrupt compressed stream: {0}")]
    Compression(String),
    #[error("malformed WARC record: {0}")]
    Warc(String),
    #[error("malformed Parquet data: {0}")]
    Parquet(String),
    #[error("cannot open input: {0}")]
    Open(String),
}

/// One bad record, with where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    pub origin: Origin,
    /// The record's id when it could be read, so that `dropped.jsonl` can name it.
    pub id: Option<String>,
    pub kind: ErrorKind,
}

impl RecordError {
    pub fn new(origin: Origin, kind: ErrorKind) -> Self {
        RecordError {
            origin,
            id: None,
            kind,
        }
    }

    /// The id under which the record is listed in `dropped.jsonl`: its own, or `<file>:<line>`.
    pub fn display_id(&self) -> String {
        self.id.clone().unwrap_or_else(|| self.origin.to_string())
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.kind)
    }
}

impl std::error::Error for RecordError {}

/// The inputs could not be opened at all (a usage problem rather than a bad record).
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{path}: no such file or directory")]
    NotFound { path: String },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: unknown input format (expected .jsonl, .json, .gz, .zst, .warc, .warc.gz, .parquet, .txt, .html or a directory)")]
    UnknownFormat { path: String },
}
