//! Reading a run's inputs: batches of records, progress on a terminal, and the bad-record
//! policy applied in one place so that every command reports errors the same way.

use std::collections::VecDeque;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use anyhow::Result;
use copydesk_corpus::{Corpus, Record, RecordError};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{json, Value};

use crate::cli::{GlobalArgs, InputArgs, OnError};
use crate::error::BadInput;

/// Records per batch: large enough to keep every core busy, small enough to bound memory.
pub const BATCH_RECORDS: usize = 2048;

#[derive(Debug, Clone, Default)]
pub struct ReadSummary {
    /// Records read successfully.
    pub documents: u64,
    /// Bad records, reported and counted.
    pub errors: u64,
    /// Documents read whose bytes did not match their declared charset (warned, not errors).
    pub decode_warnings: u64,
    /// Bytes of document text (as read, before segmentation).
    pub text_bytes: u64,
    pub elapsed: Duration,
}

/// Reads every input and hands each batch (bad records included, in input order) to `each`.
///
/// Bad records are reported on stderr as `path:line: what`; under `--on-error fail` the first
/// one stops the run with exit code 2 before its batch is handed on.
pub fn read_batches(
    input: &InputArgs,
    global: &GlobalArgs,
    each: impl FnMut(Vec<Record>) -> Result<()>,
) -> Result<ReadSummary> {
    read_batches_kept(input, global, None, each)
}

/// The batches a first pass over the inputs read and kept, in input order, each with the
/// input bytes read up to its end (for progress): handed on again instead of reading the
/// inputs a second time.
#[derive(Default)]
pub struct KeptBatches {
    pub batches: VecDeque<(Vec<Record>, u64)>,
    pub total_bytes: u64,
}

/// [`read_batches`], with the batches taken from `kept` when a first pass kept them: the
/// same records in the same batches, reported the same way.
pub fn read_batches_kept(
    input: &InputArgs,
    global: &GlobalArgs,
    kept: Option<KeptBatches>,
    mut each: impl FnMut(Vec<Record>) -> Result<()>,
) -> Result<ReadSummary> {
    let started = Instant::now();
    let mut source = match kept {
        Some(kept) => Batches::Kept(kept),
        None => Batches::Read(Box::new(Corpus::open(&input.inputs, input.read_options())?)),
    };
    let progress = Progress::new(global.quiet, source.total_bytes());
    let mut summary = ReadSummary::default();
    while let Some((batch, bytes_read)) = source.next() {
        for record in &batch {
            match record {
                Ok(doc) => {
                    summary.documents += 1;
                    summary.text_bytes += doc.content.len() as u64;
                    if doc.decode_errors {
                        // Read, kept and flagged mis-encoded, but never silently: the text is
                        // not exactly what the page meant.
                        summary.decode_warnings += 1;
                        progress.suspend(|| {
                            eprintln!(
                                "{}: warning: bytes not valid in the declared charset; \
                                 read with replacements (or as UTF-8) and flagged mis-encoded",
                                doc.origin
                            )
                        });
                    }
                }
                Err(err) => {
                    summary.errors += 1;
                    progress.suspend(|| eprintln!("{err}"));
                    if input.on_error == OnError::Fail {
                        progress.finish();
                        return Err(BadInput(format!(
                            "stopped at the first bad record ({err}); --on-error skip would go on"
                        ))
                        .into());
                    }
                }
            }
        }
        progress.update(&summary, bytes_read, started.elapsed());
        each(batch)?;
    }
    progress.finish();
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Where [`read_batches_kept`] takes its batches from.
enum Batches {
    Read(Box<Corpus>),
    Kept(KeptBatches),
}

impl Batches {
    fn total_bytes(&self) -> u64 {
        match self {
            Batches::Read(corpus) => corpus.total_input_bytes(),
            Batches::Kept(kept) => kept.total_bytes,
        }
    }

    /// The next batch, with the input bytes read up to its end.
    fn next(&mut self) -> Option<(Vec<Record>, u64)> {
        match self {
            Batches::Read(corpus) => {
                let batch = corpus.next_batch(BATCH_RECORDS)?;
                Some((batch, corpus.bytes_read()))
            }
            Batches::Kept(kept) => kept.batches.pop_front(),
        }
    }
}

/// Runs `produce` on the calling thread and `fold` on a second one: `produce` hands each
/// result to the sink it is given, `fold` receives them in that order, one behind at most.
///
/// Why: a command's parallel step (rayon, every core) and its serial fold (counting into a
/// sketch, appending to a spool, observing into a report) used to alternate, the cores idle
/// while the fold ran. With the fold on its own thread it overlaps the next batch's parallel
/// work, and costs no wall time as long as it is shorter than that work. The order of the
/// results, hence every output, is unchanged.
///
/// An error of `fold` stops `produce` at its next hand-over and is the one returned; otherwise
/// `produce`'s result is.
pub fn fold_behind<T: Send, R>(
    fold: impl FnMut(T) -> Result<()> + Send,
    produce: impl FnOnce(&mut dyn FnMut(T) -> Result<()>) -> Result<R>,
) -> Result<R> {
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<T>(1);
        let folder = scope.spawn(move || -> Result<()> {
            let mut fold = fold;
            for item in rx {
                fold(item)?;
            }
            Ok(())
        });
        let mut sink = move |item: T| {
            tx.send(item)
                .map_err(|_| anyhow::anyhow!("the fold stopped early"))
        };
        let produced = produce(&mut sink);
        drop(sink);
        let folded = match folder.join() {
            Ok(folded) => folded,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        folded?;
        produced
    })
}

/// The line a bad record gets in `dropped.jsonl`.
pub fn error_json(err: &RecordError) -> Value {
    json!({
        "id": err.display_id(),
        "reason": "input-error",
        "error": err.kind.to_string(),
        "origin": err.origin.to_string(),
    })
}

/// A progress bar on stderr, only when stderr is a terminal and `--quiet` is not given.
struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new(quiet: bool, total_bytes: u64) -> Self {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar = if total_bytes > 0 {
            let bar =
                ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {msg} (eta {eta})")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar
        } else {
            ProgressBar::new_spinner()
        };
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { bar: Some(bar) }
    }

    fn update(&self, summary: &ReadSummary, bytes_read: u64, elapsed: Duration) {
        if let Some(bar) = &self.bar {
            let secs = elapsed.as_secs_f64().max(1e-3);
            bar.set_position(bytes_read);
            bar.set_message(format!(
                "{} docs, {} errors, {:.0} docs/s, {:.1} MB/s",
                summary.documents,
                summary.errors,
                summary.documents as f64 / secs,
                bytes_read as f64 / secs / 1e6
            ));
        }
    }

    fn suspend(&self, f: impl FnOnce()) {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
