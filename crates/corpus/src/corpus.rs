//! The streaming reader over all inputs of a run, in order.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;
use std::thread::JoinHandle;

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
/// Memory is bounded by a few batches of records, whatever the corpus size: under
/// [`Corpus::next_batch`], one batch is cut (read, decompressed, split into records) on a
/// thread of its own while the previous one is parsed on all cores, so at most three batches
/// exist at once (being cut, waiting, being parsed).
pub struct Corpus {
    source: Source,
    /// Parsed records not yet handed out, when the `Iterator` reads batches cut ahead.
    held: VecDeque<Record>,
    options: ReadOptions,
    bytes_read: Arc<AtomicU64>,
    total_input_bytes: u64,
}

/// Where raw records come from: cut on the caller's thread (record by record, as the
/// `Iterator` reads), or cut ahead on a thread of its own (batch by batch).
enum Source {
    Inline(Cutter),
    Ahead {
        batches: Receiver<Vec<Raw>>,
        cutter: Option<JoinHandle<()>>,
    },
    Done,
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
        let bytes_read = Arc::new(AtomicU64::new(0));
        Ok(Corpus {
            source: Source::Inline(Cutter {
                pending,
                current: None,
                bytes_read: Arc::clone(&bytes_read),
            }),
            held: VecDeque::new(),
            options,
            bytes_read,
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
    ///
    /// The first call starts cutting ahead on a thread of its own, with the `max` of that call
    /// (later calls get batches of that size); records already taken through the `Iterator`
    /// are not read again.
    pub fn next_batch(&mut self, max: usize) -> Option<Vec<Record>> {
        if !self.held.is_empty() {
            return Some(self.held.drain(..).collect());
        }
        let raws = loop {
            match &mut self.source {
                Source::Done => return None,
                Source::Inline(_) => self.start_cutting_ahead(max),
                Source::Ahead { batches, cutter } => match batches.recv() {
                    Ok(raws) => break raws,
                    Err(_) => {
                        // The cutter has finished; a panic there would be a bug, not bad input,
                        // but it must not pass for the end of the corpus.
                        let failed = cutter
                            .take()
                            .map(JoinHandle::join)
                            .is_some_and(|r| r.is_err());
                        self.source = Source::Done;
                        if failed {
                            return Some(vec![Err(RecordError::new(
                                Origin::new("-", Position::File),
                                ErrorKind::Io("the reading thread stopped unexpectedly".into()),
                            ))]);
                        }
                        return None;
                    }
                },
            }
        };
        let fields = &self.options.fields;
        Some(
            raws.into_par_iter()
                .map(|raw| raw.and_then(|r| parse(r, fields)))
                .collect(),
        )
    }

    fn start_cutting_ahead(&mut self, max: usize) {
        let Source::Inline(mut cutter) = std::mem::replace(&mut self.source, Source::Done) else {
            return;
        };
        // One batch waits in the channel while the next is cut: reading overlaps parsing.
        let (tx, rx) = sync_channel(1);
        let spawned = std::thread::Builder::new()
            .name("copydesk-reader".into())
            .spawn(move || loop {
                let batch = cutter.cut_batch(max);
                if batch.is_empty() || tx.send(batch).is_err() {
                    return;
                }
            });
        self.source = match spawned {
            Ok(handle) => Source::Ahead {
                batches: rx,
                cutter: Some(handle),
            },
            // No thread to be had: fall back to cutting inline. `cutter` moved into the failed
            // closure is lost with it, so this cannot happen silently: report it.
            Err(e) => {
                let (tx, rx) = sync_channel(1);
                let _ = tx.send(vec![Err(RecordError::new(
                    Origin::new("-", Position::File),
                    ErrorKind::Io(format!("cannot start the reading thread: {e}")),
                ))]);
                Source::Ahead {
                    batches: rx,
                    cutter: None,
                }
            }
        };
    }
}

/// Cuts the inputs, one after the other, into raw records.
struct Cutter {
    pending: VecDeque<Input>,
    current: Option<RawStream>,
    bytes_read: Arc<AtomicU64>,
}

impl Cutter {
    /// Up to `max` raw records, fewer when their bytes reach [`BATCH_BYTES`]; empty at the end.
    fn cut_batch(&mut self, max: usize) -> Vec<Raw> {
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
        raws
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

/// Record by record, cut and parsed on the caller's thread. Once `next_batch` has been called,
/// records come from the batches being cut ahead instead.
impl Iterator for Corpus {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        match &mut self.source {
            Source::Inline(cutter) => {
                let raw = cutter.next_raw()?;
                Some(raw.and_then(|r| parse(r, &self.options.fields)))
            }
            Source::Done => None,
            Source::Ahead { .. } => {
                // Mixed use: hand out the records of the batches one by one.
                if self.held.is_empty() {
                    let batch = self.next_batch(1)?;
                    self.held.extend(batch);
                }
                self.held.pop_front()
            }
        }
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

    fn ids(records: impl IntoIterator<Item = Record>) -> Vec<String> {
        records
            .into_iter()
            .map(|r| match r {
                Ok(d) => d.id,
                Err(e) => format!("error {}", e.origin),
            })
            .collect()
    }

    #[test]
    fn batches_cut_ahead_keep_input_order_and_lose_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut lines = String::new();
        for i in 0..5000 {
            if i % 997 == 0 {
                lines.push_str("broken\n");
            }
            lines.push_str(&format!("{{\"id\": \"d{i}\", \"text\": \"t\"}}\n"));
        }
        let a = dir.path().join("a.jsonl");
        let b = dir.path().join("b.jsonl");
        std::fs::write(&a, &lines).expect("write");
        std::fs::write(&b, &lines[..lines.len() / 2]).expect("write");
        let inputs = [a.display().to_string(), b.display().to_string()];
        let open = || Corpus::open(&inputs, ReadOptions::default()).expect("open");
        let one_by_one = ids(open());
        assert!(one_by_one.len() > 7500, "{}", one_by_one.len());
        assert!(one_by_one.iter().filter(|i| i.starts_with("error")).count() >= 6);
        let mut corpus = open();
        let mut batched = Vec::new();
        while let Some(batch) = corpus.next_batch(100) {
            assert!(batch.len() <= 100);
            batched.extend(ids(batch));
        }
        assert_eq!(batched, one_by_one);
        // Mixed: a few records one by one, then batches, then one by one again.
        let mut corpus = open();
        let mut mixed = ids(corpus.by_ref().take(7));
        mixed.extend(ids(corpus.next_batch(50).expect("a batch")));
        mixed.extend(ids(corpus.by_ref().take(120)));
        while let Some(batch) = corpus.next_batch(64) {
            mixed.extend(ids(batch));
        }
        assert_eq!(mixed, one_by_one);
    }
}
