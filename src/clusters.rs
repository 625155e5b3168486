//! What `dedup` and `audit` share about clusters of copies: fingerprinting a page's blocks,
//! running the detector with dates in time order, naming clusters, and the lines they write to
//! `clusters.jsonl` and `dropped.jsonl`, so that both commands write the same files the same way.

use std::collections::HashSet;
use std::io::Write;

use anyhow::Result;
use copydesk_corpus::date::sortable_date;
use copydesk_neardup::{
    detect, Assignment, DocRef, Fingerprint, Fingerprinter, Keep, Kind, Params, Spread, Stats,
};
use copydesk_segment::{Block, Label};
use serde::Serialize;

/// What is kept of a document between reading and writing.
pub struct Fingerprinted {
    pub id: String,
    pub source: Option<String>,
    /// The date as read.
    pub date: Option<String>,
    pub fingerprint: Fingerprint,
}

/// Fingerprints a page on its body blocks, or on all its blocks when it has no body.
pub fn fingerprint_blocks(blocks: &[Block], f: &mut Fingerprinter) -> Fingerprint {
    let body: Vec<&str> = blocks
        .iter()
        .filter(|b| b.label == Label::Body)
        .map(|b| b.text.as_str())
        .collect();
    let all: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    f.fingerprint(&body, &all)
}

/// Clusters the documents. `--keep earliest` compares dates as text, so they are first
/// rewritten into a form whose text order is time order.
pub fn detect_clusters(
    docs: &[Fingerprinted],
    params: &Params,
    keep: Keep,
) -> (Vec<Assignment>, Stats) {
    let dates: Vec<Option<String>> = docs
        .iter()
        .map(|d| d.date.as_deref().and_then(sortable_date))
        .collect();
    let refs: Vec<DocRef> = docs
        .iter()
        .zip(&dates)
        .map(|(d, date)| DocRef {
            fingerprint: &d.fingerprint,
            source: d.source.as_deref(),
            date: date.as_deref(),
        })
        .collect();
    detect(&refs, params, keep)
}

/// Cluster names by document: the center's id, made unique with `#index` when ids repeat
/// across inputs. Only the entries of cluster centers are meaningful.
pub fn cluster_names(docs: &[Fingerprinted], assignments: &[Assignment]) -> Vec<String> {
    let mut names: Vec<Option<String>> = vec![None; docs.len()];
    let mut used: HashSet<String> = HashSet::with_capacity(docs.len());
    for a in assignments {
        let c = a.cluster as usize;
        if names[c].is_some() {
            continue;
        }
        let mut name = docs[c].id.clone();
        if !used.insert(name.clone()) {
            name = format!("{}#{}", docs[c].id, c);
            used.insert(name.clone());
        }
        names[c] = Some(name);
    }
    names
        .into_iter()
        .enumerate()
        .map(|(i, n)| n.unwrap_or_else(|| docs[i].id.clone()))
        .collect()
}

pub fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Original => "original",
        Kind::Copy => "copy",
        Kind::Partial => "partial",
    }
}

/// Similarities are written to four decimals: enough to rank, stable to print.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// A `clusters.jsonl` line, fields in their output order (serialised directly, no `Value`).
#[derive(Serialize)]
struct ClusterLine<'a> {
    id: &'a str,
    cluster: &'a str,
    representative: &'a str,
    similarity: f64,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    spread: Option<Spread>,
}

/// `clusters.jsonl`: one line per document, in input order.
pub fn write_clusters(
    out: &mut impl Write,
    docs: &[Fingerprinted],
    assignments: &[Assignment],
    names: &[String],
) -> Result<()> {
    for (d, a) in assignments.iter().enumerate() {
        let line = ClusterLine {
            id: &docs[d].id,
            cluster: &names[a.cluster as usize],
            representative: &docs[a.representative as usize].id,
            similarity: round4(a.similarity),
            kind: kind_name(a.kind),
            spread: a.spread,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The head of a duplicate's `dropped.jsonl` line, fields in their output order.
#[derive(Serialize)]
struct DroppedHead<'a> {
    id: &'a str,
    reason: &'static str,
    duplicate_of: &'a str,
    cluster: &'a str,
    kind: &'static str,
    similarity: f64,
}

/// The `dropped.jsonl` line of a duplicate: why it was dropped, and its record as spooled
/// (already JSON, so it is spliced in rather than parsed again).
pub fn write_dropped_duplicate(
    out: &mut impl Write,
    docs: &[Fingerprinted],
    names: &[String],
    doc: usize,
    a: &Assignment,
    record: &[u8],
) -> Result<()> {
    let head = serde_json::to_vec(&DroppedHead {
        id: &docs[doc].id,
        reason: "duplicate",
        duplicate_of: &docs[a.representative as usize].id,
        cluster: &names[a.cluster as usize],
        kind: kind_name(a.kind),
        similarity: round4(a.similarity),
    })?;
    // `{...,"record":<the spooled record>}`
    out.write_all(&head[..head.len() - 1])?;
    out.write_all(b",\"record\":")?;
    out.write_all(record)?;
    out.write_all(b"}\n")?;
    Ok(())
}
