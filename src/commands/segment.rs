//! `copydesk segment`: every block of every document with its label.

use std::io::{self, BufWriter, Write};

use anyhow::Result;
use clap::{Args, ValueEnum};
use copydesk_segment::{Block, Label};
use serde_json::{json, Value};

use crate::cli::{GlobalArgs, InputArgs};
use crate::pipeline;
use crate::segmenting::DocSegmenter;
use crate::style::Palette;

#[derive(Debug, Args)]
#[command(after_help = "\
Output (--format jsonl): one object per block, in document order:
  {\"id\", \"block\", \"label\", \"text\", \"start\", \"end\", \"reasons\"}
start/end are byte offsets into the document's text as read (absent for HTML).
Labels: headline, byline, dateline, body, caption, credit, related, boilerplate.

Examples:
  copydesk segment page.txt --format text --explain
  copydesk segment crawl.jsonl --format jsonl > blocks.jsonl")]
pub struct SegmentArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format: jsonl (one object per block) or text (one block per line with its label).
    #[arg(long, value_enum, default_value_t = SegmentFormat::Jsonl)]
    pub format: SegmentFormat,
    /// Show the reasons of every label in the text format (jsonl always carries them).
    #[arg(long)]
    pub explain: bool,
    /// Skip the first pass that counts template lines and reused captions across the corpus.
    #[arg(long)]
    pub no_corpus_pass: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SegmentFormat {
    Jsonl,
    Text,
}

pub fn run(args: SegmentArgs, global: &GlobalArgs) -> Result<()> {
    let segmenter = if args.no_corpus_pass {
        DocSegmenter::without_corpus_pass()
    } else {
        DocSegmenter::with_corpus_pass_keeping_records(&args.input)?
    };
    let palette = Palette::for_stdout();
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let kept = segmenter.take_records();
    pipeline::read_batches_kept(&args.input, global, kept, |batch| {
        let segmented = segmenter.segment_batch(&batch);
        for (record, blocks) in batch.iter().zip(segmented) {
            let (Ok(doc), Some(blocks)) = (record, blocks) else {
                continue;
            };
            for (i, b) in blocks.iter().enumerate() {
                match args.format {
                    SegmentFormat::Jsonl => {
                        serde_json::to_writer(&mut out, &block_json(&doc.id, i, b))?;
                        out.write_all(b"\n")?;
                    }
                    SegmentFormat::Text => {
                        writeln!(out, "{}", text_line(&doc.id, i, b, args.explain, &palette))?
                    }
                }
            }
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(())
}

/// The JSON object of one block (the `segment --format jsonl` contract).
pub fn block_json(id: &str, index: usize, b: &Block) -> Value {
    let mut v = json!({"id": id, "block": index, "label": b.label, "text": b.text});
    if let (Some(s), Some(e)) = (b.start, b.end) {
        v["start"] = json!(s);
        v["end"] = json!(e);
    }
    v["reasons"] = json!(b.reasons);
    v
}

fn colour(label: Label) -> &'static str {
    match label {
        Label::Headline => "1;35",
        Label::Byline => "36",
        Label::Dateline => "36",
        Label::Body => "0",
        Label::Caption => "33",
        Label::Credit => "33",
        Label::Related => "34",
        Label::Boilerplate => "2",
    }
}

fn text_line(id: &str, index: usize, b: &Block, explain: bool, palette: &Palette) -> String {
    let text = b.text.replace('\n', " ⏎ ");
    let label = palette.paint(colour(b.label), &format!("{:<11}", b.label.as_str()));
    let mut line = format!(
        "{id}\t{index}\t{label} {}",
        palette.paint(colour(b.label), &text)
    );
    if explain {
        let reasons: Vec<&str> = b.reasons.iter().map(|r| r.as_str()).collect();
        line.push_str(&palette.paint("2", &format!("  [{}]", reasons.join(", "))));
    }
    line
}
