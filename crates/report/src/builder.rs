//! Folding a corpus into a [`Report`]: per-document facts (computed in parallel by the caller),
//! observed in input order, then the clusters and the run's counts.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::flags::{editorial, training_flags_of, Flag, FlagThresholds, Rule};
use crate::model::{
    BoilerplateEntry, CaptionEntry, ClusterEntry, ClusterMember, FlagCount, FlaggedDocument,
    Report, Run, SourceEntry, Summary, SCHEMA_VERSION,
};
use crate::tally::Tally;
use crate::text::{clip, normalize_line, round4, token_count, words};

/// Labels of the article itself (SPEC §3); everything else on a page is not article.
pub const ARTICLE_LABELS: [&str; 4] = ["headline", "byline", "dateline", "body"];
/// Labels whose recurring lines are page template.
pub const TEMPLATE_LABELS: [&str; 2] = ["boilerplate", "related"];
pub const BODY: &str = "body";
pub const CAPTION: &str = "caption";
pub const CREDIT: &str = "credit";
/// The name given to documents without a source.
pub const NO_SOURCE: &str = "(no source)";

/// One labelled block of a document, as the segmenter gave it.
#[derive(Debug, Clone, Copy)]
pub struct BlockView<'a> {
    pub label: &'a str,
    pub text: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportConfig {
    pub thresholds: FlagThresholds,
    /// Distinct template lines and captions remembered at once (bounds memory).
    pub tally_capacity: usize,
    /// A line or caption is listed when it recurs in at least this many documents.
    pub min_documents: u64,
    /// Longest list of boilerplate, captions or clusters written to report.json.
    pub max_entries: usize,
    /// Template lines and captions are clipped to this many bytes.
    pub max_text_bytes: usize,
}

impl Default for ReportConfig {
    fn default() -> Self {
        ReportConfig {
            thresholds: FlagThresholds::default(),
            tally_capacity: 100_000,
            min_documents: 2,
            max_entries: 10_000,
            max_text_bytes: 400,
        }
    }
}

/// A caption or credit line seen in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptionSighting {
    pub text: String,
    /// [`CAPTION`] or [`CREDIT`].
    pub kind: &'static str,
    /// The credit next to a caption.
    pub credit: Option<String>,
}

/// What the report needs of one document; computed from its blocks without shared state, so
/// callers can compute it in parallel and observe it in input order.
#[derive(Debug, Clone)]
pub struct DocumentFacts {
    pub id: String,
    pub source: String,
    /// Tokens per label, in the order labels first appear in the document.
    pub label_tokens: Vec<(String, u64)>,
    /// (label, line) of template blocks, each line once per document.
    pub template_lines: Vec<(String, String)>,
    pub captions: Vec<CaptionSighting>,
    /// Editorial and training-data flags (duplicate-of is added once clusters are known).
    pub flags: Vec<Flag>,
    pub body_words: u64,
}

/// The article's body: its body blocks joined by blank lines (what clean.jsonl keeps).
pub fn body_text(blocks: &[BlockView<'_>]) -> String {
    let mut out = String::new();
    for b in blocks.iter().filter(|b| b.label == BODY) {
        let t = b.text.trim();
        if t.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(t);
    }
    out
}

impl DocumentFacts {
    /// The facts of a document whose blocks are `blocks` and whose body is `body`
    /// (`body_text(blocks)`: the caller writes it out too, so it is joined once).
    pub fn new(
        id: &str,
        source: Option<&str>,
        blocks: &[BlockView<'_>],
        body: &str,
        decode_errors: bool,
        config: &ReportConfig,
    ) -> Self {
        let mut label_tokens: Vec<(String, u64)> = Vec::new();
        let (mut total, mut non_article) = (0u64, 0u64);
        for b in blocks {
            let n = token_count(b.text);
            total += n;
            if !ARTICLE_LABELS.contains(&b.label) {
                non_article += n;
            }
            match label_tokens.iter_mut().find(|(l, _)| l == b.label) {
                Some(slot) => slot.1 += n,
                None => label_tokens.push((b.label.to_owned(), n)),
            }
        }
        let template_lines = template_lines(blocks, config.max_text_bytes);
        let captions = caption_sightings(blocks, config.max_text_bytes);
        let body_word_list: Vec<&str> = words(body).collect();
        let body_words = body_word_list.len() as u64;
        let t = &config.thresholds;
        let mut flags = Vec::new();
        flags.extend(editorial::mostly_boilerplate(
            non_article,
            total,
            &t.editorial,
        ));
        flags.extend(editorial::too_short(body_words, &t.editorial));
        flags.extend(editorial::truncated(body));
        let all_text = blocks.iter().map(|b| b.text).collect::<Vec<_>>().join("\n");
        flags.extend(editorial::mis_encoded(
            &all_text,
            decode_errors,
            &t.editorial,
        ));
        if !body.is_empty() {
            flags.extend(training_flags_of(body, &body_word_list, t));
        }
        DocumentFacts {
            id: id.to_owned(),
            source: source.unwrap_or(NO_SOURCE).to_owned(),
            label_tokens,
            template_lines,
            captions,
            flags,
            body_words,
        }
    }
}

fn template_lines(blocks: &[BlockView<'_>], max: usize) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for b in blocks.iter().filter(|b| TEMPLATE_LABELS.contains(&b.label)) {
        for line in b.text.lines() {
            let line = normalize_line(line);
            if line.is_empty() {
                continue;
            }
            let line = clip(&line, max).to_owned();
            if !out.iter().any(|(l, t)| l == b.label && *t == line) {
                out.push((b.label.to_owned(), line));
            }
        }
    }
    out
}

/// Captions with the credit next to them, and every credit line on its own.
fn caption_sightings(blocks: &[BlockView<'_>], max: usize) -> Vec<CaptionSighting> {
    let mut out: Vec<CaptionSighting> = Vec::new();
    let norm = |t: &str| clip(&normalize_line(t), max).to_owned();
    for (i, b) in blocks.iter().enumerate() {
        let sighting = if b.label == CAPTION {
            let credit = [i + 1, i.wrapping_sub(1)]
                .into_iter()
                .filter_map(|j| blocks.get(j))
                .find(|n| n.label == CREDIT)
                .map(|n| norm(n.text));
            CaptionSighting {
                text: norm(b.text),
                kind: CAPTION,
                credit,
            }
        } else if b.label == CREDIT {
            CaptionSighting {
                text: norm(b.text),
                kind: CREDIT,
                credit: None,
            }
        } else {
            continue;
        };
        if !sighting.text.is_empty()
            && !out
                .iter()
                .any(|s| s.text == sighting.text && s.kind == sighting.kind)
        {
            out.push(sighting);
        }
    }
    out
}

/// A cluster of two or more documents, as the near-duplicate detector found it.
#[derive(Debug, Clone)]
pub struct ClusterInput {
    pub id: String,
    pub representative: String,
    pub members: Vec<MemberInput>,
}

#[derive(Debug, Clone)]
pub struct MemberInput {
    pub id: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub similarity: f64,
    /// `original`, `copy` or `partial`.
    pub kind: String,
}

/// The run's counts, from the caller that read the input and wrote the outputs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Outcome {
    pub documents_read: u64,
    pub documents_kept: u64,
    pub documents_dropped: u64,
    pub errors: u64,
    pub flagged_documents: u64,
}

#[derive(Debug, Default)]
struct SourceAcc {
    documents: u64,
    tokens: Vec<u64>,
    mostly_boilerplate: u64,
    duplicates: u64,
    first_published: u64,
}

#[derive(Debug, Default)]
struct CaptionAcc {
    credits: Vec<(String, u64)>,
    examples: Vec<String>,
}

/// Most credits remembered per caption, and examples per caption.
const MAX_CREDITS: usize = 8;
/// See [`ReportBuilder::is_template`].
const TEMPLATE_MIN_DOCUMENTS: u64 = 3;
const TEMPLATE_SOURCE_SHARE: f64 = 0.5;
const MAX_EXAMPLES: usize = 3;

pub struct ReportBuilder {
    config: ReportConfig,
    labels: Vec<String>,
    totals: Vec<u64>,
    sources: HashMap<String, SourceAcc>,
    boilerplate: Tally<()>,
    captions: Tally<CaptionAcc>,
    flag_counts: BTreeMap<Rule, u64>,
    /// Scratch space for tally keys (one per template line or caption observed).
    key: String,
}

/// `label`, [`KEY_SEP`], `text`: a tally key, written into a reused buffer.
fn tally_key(buf: &mut String, label: &str, text: &str) {
    buf.clear();
    buf.push_str(label);
    buf.push(KEY_SEP);
    buf.push_str(text);
}

/// Separates the parts of a tally key (label or kind, then text); never in normalised text.
const KEY_SEP: char = '\u{1f}';

impl ReportBuilder {
    /// `labels`: label names in the order shares are shown; labels met later are appended.
    pub fn new(config: ReportConfig, labels: &[&str]) -> Self {
        let capacity = config.tally_capacity;
        ReportBuilder {
            config,
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            totals: vec![0; labels.len()],
            sources: HashMap::new(),
            boilerplate: Tally::new(capacity),
            captions: Tally::new(capacity),
            flag_counts: BTreeMap::new(),
            key: String::new(),
        }
    }

    pub fn config(&self) -> &ReportConfig {
        &self.config
    }

    fn label_index(&mut self, label: &str) -> usize {
        match self.labels.iter().position(|l| l == label) {
            Some(i) => i,
            None => {
                self.labels.push(label.to_owned());
                self.totals.push(0);
                self.labels.len() - 1
            }
        }
    }

    /// Folds one document in. Call in input order: the tallies' bounded memory makes the
    /// result depend on order.
    pub fn observe(&mut self, facts: &DocumentFacts) {
        let idx: Vec<(usize, u64)> = facts
            .label_tokens
            .iter()
            .map(|(l, n)| (self.label_index(l), *n))
            .collect();
        let n_labels = self.labels.len();
        for &(i, n) in &idx {
            self.totals[i] += n;
        }
        let acc = self.sources.entry(facts.source.clone()).or_default();
        acc.documents += 1;
        acc.tokens.resize(n_labels, 0);
        for &(i, n) in &idx {
            acc.tokens[i] += n;
        }
        for flag in &facts.flags {
            *self.flag_counts.entry(flag.rule).or_insert(0) += 1;
            if flag.rule == Rule::MostlyBoilerplate {
                acc.mostly_boilerplate += 1;
            }
        }
        let mut key = std::mem::take(&mut self.key);
        for (label, line) in &facts.template_lines {
            tally_key(&mut key, label, line);
            self.boilerplate.add(&key, &facts.source);
        }
        for c in &facts.captions {
            tally_key(&mut key, c.kind, &c.text);
            let entry = self.captions.add(&key, &facts.source);
            if let Some(credit) = &c.credit {
                let credits = &mut entry.value.credits;
                match credits.iter().position(|(t, _)| t == credit) {
                    Some(i) => credits[i].1 += 1,
                    None if credits.len() < MAX_CREDITS => credits.push((credit.clone(), 1)),
                    None => {}
                }
            }
            if entry.value.examples.len() < MAX_EXAMPLES {
                entry.value.examples.push(facts.id.clone());
            }
        }
        self.key = key;
    }

    fn shares(&self, tokens: &[u64]) -> Map<String, Value> {
        let total: u64 = tokens.iter().sum();
        self.labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let n = tokens.get(i).copied().unwrap_or(0);
                let share = if total == 0 {
                    0.0
                } else {
                    n as f64 / total as f64
                };
                (l.clone(), Value::from(round4(share)))
            })
            .collect()
    }

    /// The report, with `documents` left empty for the caller to fill or stream.
    pub fn finish(mut self, outcome: Outcome, clusters: Vec<ClusterInput>, run: Run) -> Report {
        let clusters = self.cluster_entries(clusters);
        let duplicates: u64 = self.sources.values().map(|s| s.duplicates).sum();
        if duplicates > 0 {
            self.flag_counts.insert(Rule::DuplicateOf, duplicates);
        }
        let total_tokens: u64 = self.totals.iter().sum();
        let summary = Summary {
            documents_read: outcome.documents_read,
            documents_kept: outcome.documents_kept,
            documents_dropped: outcome.documents_dropped,
            errors: outcome.errors,
            duplicates,
            clusters: clusters.len() as u64,
            sources: self.sources.len() as u64,
            flagged_documents: outcome.flagged_documents,
            tokens: total_tokens,
            label_tokens: self
                .labels
                .iter()
                .zip(&self.totals)
                .map(|(l, n)| (l.clone(), Value::from(*n)))
                .collect(),
            label_shares: self.shares(&self.totals),
        };
        let mut sources: Vec<SourceEntry> = self
            .sources
            .iter()
            .map(|(name, acc)| SourceEntry {
                source: name.clone(),
                documents: acc.documents,
                tokens: acc.tokens.iter().sum(),
                label_shares: self.shares(&acc.tokens),
                duplicates: acc.duplicates,
                duplicate_rate: round4(acc.duplicates as f64 / acc.documents.max(1) as f64),
                mostly_boilerplate: acc.mostly_boilerplate,
                first_published: acc.first_published,
            })
            .collect();
        sources.sort_by(|a, b| {
            b.documents
                .cmp(&a.documents)
                .then_with(|| a.source.cmp(&b.source))
        });
        let max = self.config.max_entries;
        let min_docs = self.config.min_documents;
        let mut boilerplate: Vec<BoilerplateEntry> = self
            .boilerplate
            .top(min_docs)
            .into_iter()
            .map(|(key, e)| {
                let (label, text) = key.split_once(KEY_SEP).unwrap_or(("boilerplate", key));
                BoilerplateEntry {
                    text: text.to_owned(),
                    label: label.to_owned(),
                    documents: e.documents,
                    sources: e.sources.sorted(),
                    source_count: e.sources.count(),
                    labelled_as: None,
                }
            })
            .collect();
        let mut captions: Vec<CaptionEntry> = Vec::new();
        for (key, e) in self.captions.top(min_docs) {
            let (kind, text) = key.split_once(KEY_SEP).unwrap_or((CAPTION, key));
            let sources = e.sources.sorted();
            if self.is_template(e.documents, &sources, e.sources.count()) {
                boilerplate.push(BoilerplateEntry {
                    text: text.to_owned(),
                    label: "boilerplate".to_owned(),
                    documents: e.documents,
                    sources,
                    source_count: e.sources.count(),
                    labelled_as: Some(kind.to_owned()),
                });
                continue;
            }
            let credit = e
                .value
                .credits
                .iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map(|(t, _)| t.clone());
            captions.push(CaptionEntry {
                text: text.to_owned(),
                kind: kind.to_owned(),
                credit,
                documents: e.documents,
                sources,
                source_count: e.sources.count(),
                examples: e.value.examples.clone(),
            });
        }
        boilerplate.sort_by(|a, b| {
            b.documents
                .cmp(&a.documents)
                .then_with(|| a.label.cmp(&b.label))
                .then_with(|| a.text.cmp(&b.text))
        });
        boilerplate.truncate(max);
        captions.truncate(max);
        let flags = self
            .flag_counts
            .iter()
            .map(|(rule, n)| FlagCount {
                flag: rule.name(),
                documents: *n,
            })
            .collect();
        Report {
            schema_version: SCHEMA_VERSION,
            summary,
            sources,
            boilerplate,
            captions,
            clusters: clusters.into_iter().take(max).collect(),
            flags,
            documents: Vec::new(),
            run,
        }
    }

    /// A caption or credit line is template when it is on at least half the pages of one source
    /// (and at least [`TEMPLATE_MIN_DOCUMENTS`] of them) and on no other source's: a photo's
    /// caption follows its story, a line on every page of one outlet follows the outlet.
    fn is_template(&self, documents: u64, sources: &[String], source_count: u64) -> bool {
        if source_count != 1 || documents < TEMPLATE_MIN_DOCUMENTS {
            return false;
        }
        let Some(source) = sources.first() else {
            return false;
        };
        self.sources
            .get(source)
            .is_some_and(|s| documents as f64 >= TEMPLATE_SOURCE_SHARE * s.documents as f64)
    }

    fn cluster_entries(&mut self, clusters: Vec<ClusterInput>) -> Vec<ClusterEntry> {
        let mut out: Vec<ClusterEntry> = Vec::with_capacity(clusters.len());
        for c in clusters.into_iter().filter(|c| c.members.len() >= 2) {
            let mut members: Vec<ClusterMember> = c
                .members
                .into_iter()
                .map(|m| ClusterMember {
                    id: m.id,
                    source: m.source,
                    date: m.date,
                    title: m.title,
                    similarity: round4(m.similarity),
                    kind: m.kind,
                })
                .collect();
            members.sort_by(|a, b| {
                (a.date.is_none(), &a.date, &a.id).cmp(&(b.date.is_none(), &b.date, &b.id))
            });
            for m in members.iter().filter(|m| m.id != c.representative) {
                let source = m.source.as_deref().unwrap_or(NO_SOURCE);
                if let Some(acc) = self.sources.get_mut(source) {
                    acc.duplicates += 1;
                }
            }
            let mut sources: Vec<String> = members
                .iter()
                .map(|m| m.source.clone().unwrap_or_else(|| NO_SOURCE.to_owned()))
                .collect();
            sources.sort();
            sources.dedup();
            let earliest = &members[0];
            if let Some(acc) = self
                .sources
                .get_mut(earliest.source.as_deref().unwrap_or(NO_SOURCE))
            {
                acc.first_published += 1;
            }
            out.push(ClusterEntry {
                id: c.id,
                size: members.len() as u64,
                representative: c.representative,
                earliest: earliest.id.clone(),
                first_publisher: earliest
                    .source
                    .clone()
                    .unwrap_or_else(|| NO_SOURCE.to_owned()),
                syndicated: sources.len() > 1,
                sources,
                members,
            });
        }
        out.sort_by(|a, b| b.size.cmp(&a.size).then_with(|| a.id.cmp(&b.id)));
        out
    }
}

/// Writes report.json with `documents` streamed from `documents` (in input order), one entry
/// per line, so that a corpus with millions of flagged documents never holds them in memory.
pub fn write_report_json(
    report: &Report,
    documents: impl IntoIterator<Item = FlaggedDocument>,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut w = ReportJsonWriter::begin(report, out)?;
    for d in report.documents.iter().cloned().chain(documents) {
        w.document(&serde_json::to_vec(&d)?)?;
    }
    w.end()
}

/// report.json written in three steps, so that the `documents` list can come from a file:
/// [`ReportJsonWriter::begin`] writes everything before it, [`ReportJsonWriter::document`] one
/// serialised [`FlaggedDocument`] per call, [`ReportJsonWriter::end`] the rest.
pub struct ReportJsonWriter<'a, W: Write> {
    report: &'a Report,
    out: &'a mut W,
    first: bool,
}

fn write_list<T: Serialize>(
    out: &mut impl Write,
    items: impl IntoIterator<Item = T>,
) -> io::Result<()> {
    out.write_all(b"[")?;
    let mut first = true;
    for item in items {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        first = false;
        serde_json::to_writer(&mut *out, &item)?;
    }
    out.write_all(if first { b"]" } else { b"\n]" })
}

impl<'a, W: Write> ReportJsonWriter<'a, W> {
    pub fn begin(report: &'a Report, out: &'a mut W) -> io::Result<Self> {
        write!(
            out,
            "{{\"schema_version\":{},\n\"summary\":",
            report.schema_version
        )?;
        serde_json::to_writer_pretty(&mut *out, &report.summary)?;
        out.write_all(b",\n\"sources\":")?;
        write_list(out, &report.sources)?;
        out.write_all(b",\n\"boilerplate\":")?;
        write_list(out, &report.boilerplate)?;
        out.write_all(b",\n\"captions\":")?;
        write_list(out, &report.captions)?;
        out.write_all(b",\n\"clusters\":")?;
        write_list(out, &report.clusters)?;
        out.write_all(b",\n\"flags\":")?;
        write_list(out, &report.flags)?;
        out.write_all(b",\n\"documents\":[")?;
        Ok(ReportJsonWriter {
            report,
            out,
            first: true,
        })
    }

    /// One entry of `documents`: a serialised [`FlaggedDocument`] (one JSON object, no newline).
    pub fn document(&mut self, json: &[u8]) -> io::Result<()> {
        self.out
            .write_all(if self.first { b"\n" } else { b",\n" })?;
        self.first = false;
        self.out.write_all(json)
    }

    pub fn end(self) -> io::Result<()> {
        self.out.write_all(if self.first { b"]" } else { b"\n]" })?;
        self.out.write_all(b",\n\"run\":")?;
        serde_json::to_writer_pretty(&mut *self.out, &self.report.run)?;
        self.out.write_all(b"\n}\n")
    }
}
