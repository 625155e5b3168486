//! Streaming readers for news corpora.
//!
//! Every input format of the specification (JSON Lines, plain or compressed; directories of
//! `.txt` and `.html`; WARC; Parquet; stdin) is read into one [`Document`] type, as a stream
//! whose memory is bounded by one batch. A bad record is never fatal here: it comes out as a
//! [`RecordError`] naming its file and line, so that callers can count and list it.

mod atomic;
pub mod charset;
mod compress;
mod corpus;
pub mod date;
mod document;
pub mod domain;
mod error;
pub mod fields;
mod input;
mod jsonl;
mod output;
mod parquet;
mod raw;
mod warc;

pub use atomic::AtomicFile;
pub use corpus::{read_bytes, Corpus, ReadOptions};
pub use document::{Content, Document, Format, Origin, Position};
pub use error::{ErrorKind, OpenError, RecordError};
pub use fields::{FieldChoice, FieldNames, Fields};
pub use input::InputKind;
pub use output::{push_json_str, write_output_record, write_output_record_as_read};

/// One record as read: a document, or what was wrong with it.
pub type Record = Result<Document, RecordError>;
