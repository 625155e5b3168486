//! The streaming reader over all inputs of a run, in order.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use rayon::prelude::*;

use crate::compress::{decompress, Compression};
use crate::document::{Format, Origin, Position};
use crate::error::{ErrorKind, OpenError, RecordError};
use crate::fields::FieldNames;
use crate::input::{resolve, Input, InputKind};
use crate::jsonl::JsonlLines;
use crate::parquet::ParquetRows;
use crate::raw::{parse, Payload, Raw, RawRecord};
use crate::warc::WarcRecords;
use crate::Record;

/// How to read the inputs.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub fields: FieldNames,
}

/// A batch holds at most this many payload bytes, so that memory stays bounded by the batch,
/// not the corpus, even when single records are large.
const BATCH_BYTES: usize = 32 << 20;

type RawStream = Box<dyn Iterator<Item = Raw> + Send>;

/// Every document of every input, in input order, read as a stream.
///
/// Memory is bounded by one batch of records, whatever the corpus size.
pub struct Corpus {
    pending: VecDeque<Input>,
    current: Option<RawStream>,
    options: ReadOptions,
    bytes_read: Arc<AtomicU64>,
    total_input_bytes: u64,
}

impl Corpus {
    /// Resolves the inputs (walking directories); fails only when an input does not exist or
    /// has a format copydesk cannot read. Problems inside inputs surface as record errors.
    pub fn open(inputs: &[String], options: ReadOptions) -> Result<Corpus, OpenError> {
        let pending: VecDeque<Input> = resolve(inputs)?.into();
        let total_input_bytes = pending
            .iter()
            .map(|i| match i {
                Input::File { path, .. } => std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
                Input::Stdin => 0,
            })
            .sum();
        Ok(Corpus {
            pending,
            current: None,
            options,
            bytes_read: Arc::new(AtomicU64::new(0)),
            total_input_bytes,
        })
    }

    /// Bytes consumed from the inputs so far (compressed bytes for compressed files).
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read.load(Ordering::Relaxed)
    }

    /// The size of all input files (0 for stdin), for progress reporting.
    pub fn total_input_bytes(&self) -> u64 {
        self.total_input_bytes
    }

    /// Up to `max` records (fewer when their bytes reach a bound), parsed in parallel, in input
    /// order. `None` when every input is exhausted.
    pub fn next_batch(&mut self, max: usize) -> Option<Vec<Record>> {
        let mut raws = Vec::new();
        let mut bytes = 0usize;
        while raws.len() < max.max(1) && bytes < BATCH_BYTES {
            match self.next_raw() {
                Some(raw) => {
                    bytes += raw.as_ref().map(RawRecord::size).unwrap_or(0);
                    raws.push(raw);
                }
                None => break,
            }
        }
        if raws.is_empty() {
            return None;
        }
        let fields = &self.options.fields;
        Some(
            raws.into_par_iter()
                .map(|raw| raw.and_then(|r| parse(r, fields)))
                .collect(),
        )
    }

    fn next_raw(&mut self) -> Option<Raw> {
        loop {
            if let Some(stream) = self.current.as_mut() {
                if let Some(raw) = stream.next() {
                    return Some(raw);
                }
                self.current = None;
            }
            let input = self.pending.pop_front()?;
            match self.open_input(&input) {
                Ok(stream) => self.current = Some(stream),
                Err(err) => return Some(Err(err)),
            }
        }
    }

    fn open_input(&self, input: &Input) -> Result<RawStream, RecordError> {
        let counter = Arc::clone(&self.bytes_read);
        let (path, display, kind) = match input {
            Input::Stdin => {
                let (_, stream) = decompress(Counting::new(io::stdin(), counter))
                    .map_err(|e| open_error("-", e))?;
                return Ok(Box::new(JsonlLines::new(stream, "-".into(), Format::Stdin)));
            }
            Input::File {
                path,
                display,
                kind,
            } => (path, display, *kind),
        };
        if kind == InputKind::Parquet {
            // The footer is at the end: Parquet needs a seekable file, not a stream, so the bytes
            // are counted once, up front, for progress.
            let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            counter.fetch_add(size, Ordering::Relaxed);
            let file = File::open(path).map_err(|e| open_error(display, e))?;
            return Ok(Box::new(ParquetRows::open(file, display.clone())?));
        }
        let file = File::open(path).map_err(|e| open_error(display, e))?;
        stream_of(kind, Counting::new(file, counter), display)
    }
}

/// Cuts one streamed input of a kind other than Parquet into raw records.
fn stream_of<R: Read + Send + 'static>(
    kind: InputKind,
    reader: R,
    display: &str,
) -> Result<RawStream, RecordError> {
    let (compression, mut stream) = decompress(reader).map_err(|e| open_error(display, e))?;
    match kind {
        InputKind::Jsonl => {
            let format = match compression {
                Compression::None => Format::Jsonl,
                Compression::Gzip => Format::JsonlGz,
                Compression::Zstd => Format::JsonlZst,
            };
            Ok(Box::new(JsonlLines::new(
                stream,
                display.to_owned(),
                format,
            )))
        }
        InputKind::Warc => {
            let format = match compression {
                Compression::None => Format::Warc,
                Compression::Gzip => Format::WarcGz,
                Compression::Zstd => Format::WarcZst,
            };
            Ok(Box::new(WarcRecords::new(
                stream,
                display.to_owned(),
                format,
            )))
        }
        InputKind::TextFile | InputKind::HtmlFile | InputKind::Parquet => {
            let origin = Origin::new(display, Position::File);
            if kind == InputKind::Parquet {
                return Err(RecordError::new(
                    origin,
                    ErrorKind::Parquet("Parquet is read from files only, not from a stream".into()),
                ));
            }
            let mut bytes = Vec::new();
            (&mut stream)
                .take(MAX_FILE + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| {
                    let kind = match compression {
                        Compression::None => ErrorKind::Io(e.to_string()),
                        _ => ErrorKind::Compression(e.to_string()),
                    };
                    RecordError::new(origin.clone(), kind)
                })?;
            if bytes.len() as u64 > MAX_FILE {
                return Err(RecordError::new(
                    origin,
                    ErrorKind::FileTooLarge { limit: MAX_FILE },
                ));
            }
            let id = display.to_owned();
            let (format, payload) = if kind == InputKind::TextFile {
                (Format::Txt, Payload::TextFile { id, bytes })
            } else {
                (Format::Html, Payload::HtmlFile { id, bytes })
            };
            Ok(Box::new(std::iter::once(Ok(RawRecord {
                origin,
                format,
                payload,
            }))))
        }
    }
}

/// A `.txt` or `.html` file larger than this is one document too many to hold: it is reported,
/// not read.
pub const MAX_FILE: u64 = 256 << 20;

/// Reads one input held in memory (fuzzing, embedding, tests) exactly as a file of this kind
/// would be read: the same cutting, decompression and parsing. `name` is how messages and
/// default ids name it. Parquet is read from files only.
pub fn read_bytes(
    name: &str,
    kind: InputKind,
    bytes: Vec<u8>,
    options: &ReadOptions,
) -> Vec<Record> {
    match stream_of(kind, io::Cursor::new(bytes), name) {
        Ok(stream) => stream
            .map(|raw| raw.and_then(|r| parse(r, &options.fields)))
            .collect(),
        Err(err) => vec![Err(err)],
    }
}

impl Iterator for Corpus {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let raw = self.next_raw()?;
        Some(raw.and_then(|r| parse(r, &self.options.fields)))
    }
}

fn open_error(path: &str, e: io::Error) -> RecordError {
    RecordError::new(
        Origin::new(path, Position::File),
        ErrorKind::Open(e.to_string()),
    )
}

/// Counts the bytes pulled from an input, for progress in MB/s.
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R> Counting<R> {
    fn new(inner: R, counter: Arc<AtomicU64>) -> Self {
        Counting { inner, counter }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_in_memory_read_like_a_file_of_their_kind() {
        let opts = ReadOptions::default();
        let out = read_bytes(
            "mem.jsonl",
            InputKind::Jsonl,
            b"{\"id\": \"a\", \"text\": \"x\"}\nnot json\n".to_vec(),
            &opts,
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].as_ref().map(|d| d.id.as_str()).ok(), Some("a"));
        let err = out[1].as_ref().err().map(ToString::to_string);
        assert!(err.is_some_and(|e| e.starts_with("mem.jsonl:2: invalid JSON")));
        let page = read_bytes(
            "p.html",
            InputKind::HtmlFile,
            b"<p>caf\xe9</p>".to_vec(),
            &opts,
        );
        assert_eq!(
            page[0].as_ref().map(|d| d.content.as_str()).ok(),
            Some("<p>café</p>")
        );
        let pq = read_bytes("x.parquet", InputKind::Parquet, b"PAR1".to_vec(), &opts);
        assert!(pq[0].is_err());
    }
}
