//! The one record type every reader produces.

use std::fmt;

use serde_json::{Map, Value};

use crate::fields::Fields;

/// The text of a document as it was read: plain text or HTML still to be segmented.
///
/// An enum rather than two optional fields, so that a document always has exactly one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    Text(String),
    Html(String),
}

impl Content {
    pub fn as_str(&self) -> &str {
        match self {
            Content::Text(s) | Content::Html(s) => s,
        }
    }

    pub fn is_html(&self) -> bool {
        matches!(self, Content::Html(_))
    }

    pub fn len(&self) -> usize {
        self.as_str().len()
    }

    pub fn is_empty(&self) -> bool {
        self.as_str().is_empty()
    }
}

/// The container a document came from, for per-format counts and for how its text is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Jsonl,
    JsonlGz,
    JsonlZst,
    Txt,
    Html,
    Warc,
    WarcGz,
    WarcZst,
    Parquet,
    Stdin,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::JsonlGz => "jsonl.gz",
            Format::JsonlZst => "jsonl.zst",
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Warc => "warc",
            Format::WarcGz => "warc.gz",
            Format::WarcZst => "warc.zst",
            Format::Parquet => "parquet",
            Format::Stdin => "stdin",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where in its input a record sits, so that every message can name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Position {
    /// The whole file is the record (a `.txt` or `.html` file in a directory).
    File,
    /// 1-based line of a JSON Lines file.
    Line(u64),
    /// 1-based record of a WARC file.
    Record(u64),
    /// 1-based row of a Parquet file.
    Row(u64),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// The path as the user named it (or as found under a named directory); `-` for stdin.
    pub path: String,
    pub pos: Position,
}

impl Origin {
    pub fn new(path: impl Into<String>, pos: Position) -> Self {
        Origin {
            path: path.into(),
            pos,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pos {
            Position::File => write!(f, "{}", self.path),
            Position::Line(n) => write!(f, "{}:{}", self.path, n),
            Position::Record(n) => write!(f, "{}:record {}", self.path, n),
            Position::Row(n) => write!(f, "{}:row {}", self.path, n),
        }
    }
}

/// A news document, whatever it was read from.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub content: Content,
    pub url: Option<String>,
    /// The publisher; defaults to the registrable domain of `url`.
    pub source: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    /// The input record's fields as read (for JSON Lines and Parquet), so that outputs keep them.
    /// For files and WARC records it holds the fields copydesk derived (`id`, `url`, ...).
    /// A top-level `text` field that `content` was read from is moved there: the record keeps
    /// the key, in its place, with an empty string (every output writes its own `text`).
    pub record: Fields,
    /// `content` as the JSON string literal it was read from (quotes included), kept only when
    /// those are the bytes serde_json writes for it: an output that keeps the whole text
    /// (`dedup`) copies it instead of escaping the text again.
    pub content_json: Option<String>,
    /// The whole record, `text` included, as serde_json's compact writer writes it, kept (in
    /// place of `content_json`) when every key and value was read in the form it writes and
    /// the record's `id` and `text` are the document's: the record `dedup` writes is then
    /// these bytes and the derived fields, not rebuilt key by key.
    pub record_json: Option<String>,
    pub origin: Origin,
    pub format: Format,
    /// True when the bytes were not valid in their declared encoding (replacement characters
    /// were substituted), or were valid UTF-8 under a legacy declaration (read as UTF-8): the
    /// audit flags such documents as mis-encoded.
    pub decode_errors: bool,
}

impl Document {
    /// The record as written to `clean.jsonl`-style outputs: the input fields, with `text`
    /// set to `text` and the derived fields filled in where the record lacked them.
    pub fn to_output_record(&self, text: &str) -> Map<String, Value> {
        let mut out = self.record.to_map();
        out.insert("id".into(), Value::String(self.id.clone()));
        out.insert("text".into(), Value::String(text.to_owned()));
        for (key, v) in self.derived_fields() {
            out.entry(key.to_owned())
                .or_insert_with(|| Value::String(v.to_owned()));
        }
        out
    }

    /// The fields copydesk knows that outputs add when the record lacks them, in their order.
    pub(crate) fn derived_fields(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("url", &self.url),
            ("source", &self.source),
            ("date", &self.date),
            ("title", &self.title),
        ]
        .into_iter()
        .filter_map(|(key, v)| v.as_deref().map(|v| (key, v)))
    }
}
