//! What `dedup` and `audit` share about clusters of copies: fingerprinting a page's blocks,
//! running the detector with dates in time order, naming clusters, and the lines they write to
//! `clusters.jsonl` and `dropped.jsonl`, so that both commands write the same files the same way.

use std::collections::HashSet;
use std::io::Write;

use anyhow::Result;
use copydesk_corpus::date::sortable_date;
use copydesk_corpus::push_json_str;
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
///
/// The names taken are kept as borrowed ids (and the few `#index` names made for repeated
/// ids): cloning each center's id for the set as well as for its name was a sixth of
/// naming the clusters.
pub fn cluster_names(docs: &[Fingerprinted], assignments: &[Assignment]) -> Vec<String> {
    let mut names: Vec<Option<String>> = vec![None; docs.len()];
    let mut used: HashSet<&str> = HashSet::with_capacity(docs.len());
    let mut made: HashSet<String> = HashSet::new();
    for a in assignments {
        let c = a.cluster as usize;
        if names[c].is_some() {
            continue;
        }
        let id = docs[c].id.as_str();
        let name = if made.contains(id) || !used.insert(id) {
            let name = format!("{id}#{c}");
            made.insert(name.clone());
            name
        } else {
            id.to_owned()
        };
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

/// The name `spread` is written as in `clusters.jsonl`.
fn spread_name(s: Spread) -> &'static str {
    match s {
        Spread::Syndication => "syndication",
        Spread::Repeat => "repeat",
        Spread::Unknown => "unknown",
    }
}

/// `clusters.jsonl`: one line per document, in input order, fields in the order
/// `id, cluster, representative, similarity, kind[, spread]`.
///
/// Written field by field into one reused buffer rather than through serde's struct
/// serialiser, which escaped every string a byte at a time (2.3% of `dedup` on Reuters); the
/// bytes are those serde_json writes (tested).
pub fn write_clusters(
    out: &mut impl Write,
    docs: &[Fingerprinted],
    assignments: &[Assignment],
    names: &[String],
) -> Result<()> {
    let mut line = Vec::with_capacity(256);
    for (d, a) in assignments.iter().enumerate() {
        line.clear();
        line.extend_from_slice(b"{\"id\":");
        push_json_str(&mut line, &docs[d].id);
        line.extend_from_slice(b",\"cluster\":");
        push_json_str(&mut line, &names[a.cluster as usize]);
        line.extend_from_slice(b",\"representative\":");
        push_json_str(&mut line, &docs[a.representative as usize].id);
        line.extend_from_slice(b",\"similarity\":");
        serde_json::to_writer(&mut line, &round4(a.similarity))?;
        line.extend_from_slice(b",\"kind\":\"");
        line.extend_from_slice(kind_name(a.kind).as_bytes());
        line.push(b'"');
        if let Some(spread) = a.spread {
            line.extend_from_slice(b",\"spread\":\"");
            line.extend_from_slice(spread_name(spread).as_bytes());
            line.push(b'"');
        }
        line.extend_from_slice(b"}\n");
        out.write_all(&line)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_neardup::{FingerprintParams, Overlap};

    /// The line as serde_json writes the struct it replaced.
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

    #[test]
    fn cluster_lines_are_the_bytes_serde_json_writes() {
        let mut f = Fingerprinter::new(FingerprintParams::default());
        let ids = ["reuters-1", "a \"quoted\" id\n", "é/ü\\x", "reuters-1"];
        let docs: Vec<Fingerprinted> = ids
            .iter()
            .map(|id| Fingerprinted {
                id: (*id).to_owned(),
                source: None,
                date: None,
                fingerprint: f.fingerprint(&["Oil prices rose on Monday."], &[""]),
            })
            .collect();
        let names: Vec<String> = vec!["reuters-1".into(), "x".into(), "y#2".into(), "z".into()];
        let overlap = Overlap {
            shared: 1,
            a: 1,
            b: 1,
        };
        let cases = [
            (0, 0, Kind::Original, 1.0, None),
            (0, 0, Kind::Copy, 0.83333333, Some(Spread::Syndication)),
            (2, 1, Kind::Partial, 0.1, Some(Spread::Repeat)),
            (0, 3, Kind::Copy, 1e-9, Some(Spread::Unknown)),
        ];
        let assignments: Vec<Assignment> = cases
            .iter()
            .map(
                |&(cluster, representative, kind, similarity, spread)| Assignment {
                    cluster,
                    representative,
                    kind,
                    similarity,
                    overlap,
                    spread,
                },
            )
            .collect();
        let mut ours = Vec::new();
        write_clusters(&mut ours, &docs, &assignments, &names).expect("write");
        let mut want = Vec::new();
        for (d, a) in assignments.iter().enumerate() {
            let line = ClusterLine {
                id: &docs[d].id,
                cluster: &names[a.cluster as usize],
                representative: &docs[a.representative as usize].id,
                similarity: round4(a.similarity),
                kind: kind_name(a.kind),
                spread: a.spread,
            };
            serde_json::to_writer(&mut want, &line).expect("serialise");
            want.push(b'\n');
        }
        assert_eq!(String::from_utf8(ours), String::from_utf8(want));
    }
}
