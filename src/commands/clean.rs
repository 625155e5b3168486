//! `copydesk clean`: the documents with their text reduced to the kept blocks.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;
use copydesk_corpus::{write_output_record, AtomicFile};
use copydesk_segment::Label;
use serde_json::Value;

use crate::cli::{GlobalArgs, InputArgs};
use crate::error::BadInput;
use crate::pipeline;
use crate::segmenting::DocSegmenter;
use copydesk_segment::kept_text;

#[derive(Debug, Args)]
#[command(after_help = "\
Writes one line per document: the input record's fields with `text` replaced by the kept
blocks joined by blank lines (HTML becomes plain text). Bad records go to the dropped file.

Examples:
  copydesk clean crawl.jsonl --out clean.jsonl
  copydesk clean pages/ --out clean.jsonl --keep headline,body")]
pub struct CleanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Where to write the cleaned documents (JSON Lines).
    #[arg(long, value_name = "FILE.jsonl")]
    pub out: PathBuf,
    /// Labels whose blocks are kept, comma-separated.
    #[arg(
        long,
        value_name = "LABELS",
        default_value = "body",
        value_delimiter = ','
    )]
    pub keep: Vec<String>,
    /// Where bad records are listed [default: OUT with .dropped.jsonl; written only when there are any].
    #[arg(long, value_name = "FILE.jsonl")]
    pub dropped: Option<PathBuf>,
    /// Skip the first pass that counts template lines and reused captions across the corpus.
    #[arg(long)]
    pub no_corpus_pass: bool,
}

fn dropped_path(out: &Path) -> PathBuf {
    let stem = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = stem.strip_suffix(".jsonl").unwrap_or(&stem);
    out.with_file_name(format!("{stem}.dropped.jsonl"))
}

pub fn run(args: CleanArgs, global: &GlobalArgs) -> Result<()> {
    let mut keep = Vec::new();
    for name in &args.keep {
        let label: Label = name.parse().map_err(|e| BadInput(format!("--keep: {e}")))?;
        keep.push(label);
    }
    let segmenter = if args.no_corpus_pass {
        DocSegmenter::without_corpus_pass()
    } else {
        DocSegmenter::with_corpus_pass_keeping_records(&args.input)?
    };
    let mut out = AtomicFile::create(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let mut dropped: Vec<Value> = Vec::new();
    let mut line = Vec::new();
    let kept = segmenter.take_records();
    let summary = pipeline::read_batches_kept(&args.input, global, kept, |batch| {
        let segmented = segmenter.segment_batch(&batch);
        for (record, blocks) in batch.iter().zip(segmented) {
            match (record, blocks) {
                (Ok(doc), Some(blocks)) => {
                    let text = kept_text(&blocks, &keep);
                    line.clear();
                    write_output_record(&mut line, doc, &text)?;
                    line.push(b'\n');
                    out.write_all(&line)?;
                }
                (Err(err), _) => dropped.push(pipeline::error_json(err)),
                (Ok(_), None) => {}
            }
        }
        Ok(())
    })?;
    out.commit()
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    if !dropped.is_empty() {
        let path = args
            .dropped
            .clone()
            .unwrap_or_else(|| dropped_path(&args.out));
        let mut f = AtomicFile::create(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        for d in &dropped {
            serde_json::to_writer(&mut f, d)?;
            f.write_all(b"\n")?;
        }
        f.commit()
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if !global.quiet {
        let (pass, label) = segmenter.cpu_time();
        eprintln!(
            "copydesk clean: {} documents written to {}, {} bad records{}; segmenting took {:.3} s \
             summed over threads (corpus pass {:.3} s, labelling {:.3} s; reading and writing not \
             counted)",
            summary.documents,
            args.out.display(),
            summary.errors,
            if segmenter.has_corpus_stats() {
                ""
            } else {
                " (no corpus pass)"
            },
            (pass + label).as_secs_f64(),
            pass.as_secs_f64(),
            label.as_secs_f64(),
        );
    }
    Ok(())
}
