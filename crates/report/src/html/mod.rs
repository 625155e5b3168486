//! report.html: one self-contained page an editor opens from disk.
//!
//! Inline CSS, inline SVG charts and one small inline script (sortable, filterable tables),
//! under a content security policy that allows nothing else: `default-src 'none'`, and the
//! style sheet and script admitted by their SHA-256 hashes, so that even a text that escaped
//! escaping could neither run a script nor load anything. Every piece of corpus text goes
//! through [`escape::esc`]. Corpus URLs are shown as text, never as links or sources. Tables
//! show the top rows with the total count, so the page stays small whatever the corpus size.

pub mod charts;
pub mod escape;

use std::fmt::Write;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::diff::{self, Op};
use crate::model::{ClusterEntry, FlaggedDocument, Report};
use charts::{histogram, legend, rate_bars, shorten, stacked_bars, StackedRow};
use escape::{esc, percent, thousands};

const CSS: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("sort.js");

/// How much of the report the page shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct HtmlOptions {
    /// Rows per table.
    pub rows: usize,
    /// Clusters shown with a copy beside the representative.
    pub diffs: usize,
    /// Sources in the per-source charts.
    pub chart_sources: usize,
    /// Characters of each document shown in a side-by-side view.
    pub diff_chars: usize,
}

impl Default for HtmlOptions {
    fn default() -> Self {
        HtmlOptions {
            rows: 300,
            diffs: 25,
            chart_sources: 20,
            diff_chars: 6000,
        }
    }
}

/// The copy shown beside a cluster's representative: the member least like it, so the view
/// shows what syndication changed. Ties go to the smaller id.
pub fn diff_copy(cluster: &ClusterEntry) -> Option<&str> {
    cluster
        .members
        .iter()
        .filter(|m| m.id != cluster.representative)
        .min_by(|a, b| {
            a.similarity
                .total_cmp(&b.similarity)
                .then_with(|| a.id.cmp(&b.id))
        })
        .map(|m| m.id.as_str())
}

/// The (representative, copy) document pairs whose texts [`render`] wants, cluster by cluster.
pub fn wanted_pairs(report: &Report, options: &HtmlOptions) -> Vec<(String, String)> {
    report
        .clusters
        .iter()
        .take(options.diffs)
        .filter_map(|c| diff_copy(c).map(|copy| (c.representative.clone(), copy.to_owned())))
        .collect()
}

/// Body texts of the documents shown side by side, by id.
pub type Texts = std::collections::HashMap<String, String>;

fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The whole page. `flagged` is a sample of flagged documents (the first ones in input order).
pub fn render(
    report: &Report,
    flagged: &[FlaggedDocument],
    texts: &Texts,
    options: &HtmlOptions,
) -> String {
    let s = &report.summary;
    let mut out = String::with_capacity(1 << 20);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src {}; script-src {}; img-src data:; base-uri 'none'; form-action 'none'\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"referrer\" content=\"no-referrer\">\n\
<title>copydesk audit: {} documents</title>\n<style>{CSS}</style></head>\n<body>\n",
        csp_hash(CSS),
        csp_hash(SCRIPT),
        thousands(s.documents_read)
    );
    let _ = write!(
        out,
        "<header class=\"top\"><h1>copydesk audit</h1><p>{} documents from {} sources: template, reused captions and syndicated copies</p>\
<nav class=\"tabs\"><a href=\"#overview\">Overview</a><a href=\"#sources\">Sources</a><a href=\"#clusters\">Syndication</a><a href=\"#captions\">Captions</a><a href=\"#boilerplate\">Boilerplate</a><a href=\"#flags\">Flags</a></nav></header>\n<main>\n",
        thousands(s.documents_read),
        thousands(s.sources)
    );
    overview(&mut out, report, options);
    sources(&mut out, report, options);
    clusters(&mut out, report, texts, options);
    captions(&mut out, report, options);
    boilerplate(&mut out, report, options);
    flags(&mut out, report, flagged, options);
    let _ = write!(
        out,
        "</main>\n<footer>copydesk {} · report schema {} · text shown is the corpus's own, escaped; links to the corpus are shown as text and never followed</footer>\n<script>{SCRIPT}</script>\n</body></html>\n",
        esc(&report.run.version),
        report.schema_version
    );
    out
}

fn card(out: &mut String, key: &str, value: &str, warn: bool) {
    let _ = write!(
        out,
        "<div class=\"card{}\"><div class=\"v\">{}</div><div class=\"k\">{}</div></div>",
        if warn { " warn" } else { "" },
        esc(value),
        esc(key)
    );
}

fn share_of(map: &serde_json::Map<String, serde_json::Value>, label: &str) -> f64 {
    map.get(label).and_then(|v| v.as_f64()).unwrap_or(0.0)
}

fn overview(out: &mut String, report: &Report, options: &HtmlOptions) {
    let s = &report.summary;
    out.push_str("<section id=\"overview\"><h2>Overview</h2><p class=\"lead\">What the corpus is made of, and how much of it is copies.</p><div class=\"cards\">");
    card(out, "documents read", &thousands(s.documents_read), false);
    card(out, "kept", &thousands(s.documents_kept), false);
    card(out, "dropped", &thousands(s.documents_dropped), false);
    card(out, "copies", &thousands(s.duplicates), false);
    card(out, "clusters", &thousands(s.clusters), false);
    card(out, "bad records", &thousands(s.errors), s.errors > 0);
    let article: f64 = ["headline", "byline", "dateline", "body"]
        .iter()
        .map(|l| share_of(&s.label_shares, l))
        .sum();
    card(
        out,
        "tokens outside the article",
        &percent(1.0 - article),
        false,
    );
    card(
        out,
        "flagged documents",
        &thousands(s.flagged_documents),
        false,
    );
    out.push_str("</div>");
    let labels: Vec<String> = s.label_shares.keys().cloned().collect();
    out.push_str(
        "<div class=\"charts\"><figure><figcaption>Label shares per source (tokens)</figcaption>",
    );
    out.push_str(&legend(&labels));
    let mut rows = vec![StackedRow {
        name: "all sources".to_owned(),
        note: format!("{} docs", thousands(s.documents_read)),
        shares: labels
            .iter()
            .map(|l| (l.clone(), share_of(&s.label_shares, l)))
            .collect(),
    }];
    rows.extend(
        report
            .sources
            .iter()
            .take(options.chart_sources)
            .map(|src| StackedRow {
                name: src.source.clone(),
                note: format!("{} docs", thousands(src.documents)),
                shares: labels
                    .iter()
                    .map(|l| (l.clone(), share_of(&src.label_shares, l)))
                    .collect(),
            }),
    );
    out.push_str(&stacked_bars(&rows, "label shares per source"));
    if report.sources.len() > options.chart_sources {
        let _ = write!(
            out,
            "<p class=\"more\">The {} largest of {} sources.</p>",
            options.chart_sources,
            thousands(report.sources.len() as u64)
        );
    }
    out.push_str("</figure><figure><figcaption>Duplication rate by outlet (share of its documents that copy another)</figcaption>");
    let mut by_rate: Vec<&crate::model::SourceEntry> =
        report.sources.iter().filter(|s| s.documents > 0).collect();
    by_rate.sort_by(|a, b| {
        b.duplicate_rate
            .total_cmp(&a.duplicate_rate)
            .then_with(|| b.documents.cmp(&a.documents))
            .then_with(|| a.source.cmp(&b.source))
    });
    let rate_rows: Vec<(String, f64, String)> = by_rate
        .iter()
        .take(options.chart_sources)
        .map(|s| {
            (
                s.source.clone(),
                s.duplicate_rate,
                format!("of {}", thousands(s.documents)),
            )
        })
        .collect();
    out.push_str(&rate_bars(
        &rate_rows,
        "duplication rate by outlet",
        "#8e24aa",
    ));
    out.push_str("</figure><figure><figcaption>Cluster sizes</figcaption>");
    let bins: [(&str, u64, u64); 7] = [
        ("2", 2, 2),
        ("3", 3, 3),
        ("4", 4, 4),
        ("5", 5, 5),
        ("6–10", 6, 10),
        ("11–20", 11, 20),
        ("21+", 21, u64::MAX),
    ];
    let counts: Vec<(String, u64)> = bins
        .iter()
        .map(|(name, lo, hi)| {
            (
                (*name).to_owned(),
                report
                    .clusters
                    .iter()
                    .filter(|c| c.size >= *lo && c.size <= *hi)
                    .count() as u64,
            )
        })
        .collect();
    out.push_str(&histogram(&counts, "cluster sizes"));
    out.push_str(
        "</figure><figure><figcaption>Documents mostly boilerplate, by outlet</figcaption>",
    );
    let mut by_bp: Vec<&crate::model::SourceEntry> = report
        .sources
        .iter()
        .filter(|s| s.mostly_boilerplate > 0)
        .collect();
    by_bp.sort_by(|a, b| {
        let ra = a.mostly_boilerplate as f64 / a.documents as f64;
        let rb = b.mostly_boilerplate as f64 / b.documents as f64;
        rb.total_cmp(&ra).then_with(|| a.source.cmp(&b.source))
    });
    let bp_rows: Vec<(String, f64, String)> = by_bp
        .iter()
        .take(options.chart_sources)
        .map(|s| {
            (
                s.source.clone(),
                s.mostly_boilerplate as f64 / s.documents as f64,
                format!("{} docs", thousands(s.mostly_boilerplate)),
            )
        })
        .collect();
    if bp_rows.is_empty() {
        out.push_str("<p class=\"more\">No document is mostly boilerplate.</p>");
    } else {
        out.push_str(&rate_bars(
            &bp_rows,
            "mostly boilerplate by outlet",
            "#c62828",
        ));
    }
    out.push_str("</figure></div></section>\n");
}

/// Opens a sortable table with a filter box; `cols` are (header, numeric).
fn table_start(out: &mut String, id: &str, cols: &[(&str, bool)], placeholder: &str) {
    let _ = write!(out, "<input class=\"filter\" type=\"search\" placeholder=\"{}\" data-table=\"{id}\" aria-label=\"{}\">", esc(placeholder), esc(placeholder));
    let _ = write!(
        out,
        "<div class=\"tablewrap\"><table class=\"sortable\" id=\"{id}\"><thead><tr>"
    );
    for (name, numeric) in cols {
        let _ = write!(
            out,
            "<th{}>{}</th>",
            if *numeric { " data-type=\"n\"" } else { "" },
            esc(name)
        );
    }
    out.push_str("</tr></thead><tbody>");
}

fn table_end(out: &mut String, shown: usize, total: usize, what: &str) {
    out.push_str("</tbody></table></div>");
    if total > shown {
        let _ = write!(
            out,
            "<p class=\"more\">Top {} of {} {}; report.json lists them all.</p>",
            thousands(shown as u64),
            thousands(total as u64),
            esc(what)
        );
    } else {
        let _ = write!(
            out,
            "<p class=\"more\">{} {}.</p>",
            thousands(total as u64),
            esc(what)
        );
    }
}

fn num(out: &mut String, n: u64) {
    let _ = write!(out, "<td class=\"n\" data-v=\"{n}\">{}</td>", thousands(n));
}

fn pct(out: &mut String, share: f64) {
    let _ = write!(
        out,
        "<td class=\"n\" data-v=\"{share}\">{}</td>",
        percent(share)
    );
}

fn text_cell(out: &mut String, class: &str, text: &str) {
    let _ = write!(out, "<td class=\"{class}\">{}</td>", esc(text));
}

fn list_cell(out: &mut String, items: &[String], total: u64) {
    let shown: Vec<&str> = items.iter().take(3).map(String::as_str).collect();
    let mut t = shown.join(", ");
    if total as usize > shown.len() {
        let _ = write!(t, " +{}", total as usize - shown.len());
    }
    text_cell(out, "s", &t);
}

fn sources(out: &mut String, report: &Report, options: &HtmlOptions) {
    out.push_str("<section id=\"sources\"><h2>Sources</h2><p class=\"lead\">Per outlet: how much is article, template and copies, and how many syndicated stories it published first.</p>");
    table_start(
        out,
        "t-sources",
        &[
            ("source", false),
            ("documents", true),
            ("body", true),
            ("boilerplate + related", true),
            ("captions + credits", true),
            ("copies", true),
            ("duplication rate", true),
            ("published first", true),
            ("mostly boilerplate", true),
        ],
        "filter sources",
    );
    for s in report.sources.iter().take(options.rows) {
        out.push_str("<tr>");
        text_cell(out, "t", &s.source);
        num(out, s.documents);
        pct(out, share_of(&s.label_shares, "body"));
        pct(
            out,
            share_of(&s.label_shares, "boilerplate") + share_of(&s.label_shares, "related"),
        );
        pct(
            out,
            share_of(&s.label_shares, "caption") + share_of(&s.label_shares, "credit"),
        );
        num(out, s.duplicates);
        pct(out, s.duplicate_rate);
        num(out, s.first_published);
        num(out, s.mostly_boilerplate);
        out.push_str("</tr>");
    }
    table_end(
        out,
        report.sources.len().min(options.rows),
        report.sources.len(),
        "sources",
    );
    out.push_str("</section>\n");
}

fn clusters(out: &mut String, report: &Report, texts: &Texts, options: &HtmlOptions) {
    out.push_str("<section id=\"clusters\"><h2>Syndication</h2><p class=\"lead\">Stories published more than once: who had them first and where they went.</p>");
    table_start(
        out,
        "t-clusters",
        &[
            ("cluster", false),
            ("copies", true),
            ("outlets", true),
            ("first publisher", false),
            ("first published", false),
            ("headline", false),
        ],
        "filter clusters",
    );
    for c in report.clusters.iter().take(options.rows) {
        let first = c.members.iter().find(|m| m.id == c.earliest);
        let rep = c.members.iter().find(|m| m.id == c.representative);
        out.push_str("<tr>");
        let _ = write!(
            out,
            "<td class=\"s\"><a href=\"#{}\">{}</a></td>",
            esc(&anchor(&c.id)),
            esc(&c.id)
        );
        num(out, c.size);
        num(out, c.sources.len() as u64);
        text_cell(out, "t", &c.first_publisher);
        text_cell(
            out,
            "s",
            first.and_then(|m| m.date.as_deref()).unwrap_or(""),
        );
        text_cell(out, "t", rep.and_then(|m| m.title.as_deref()).unwrap_or(""));
        out.push_str("</tr>");
    }
    table_end(
        out,
        report.clusters.len().min(options.rows),
        report.clusters.len(),
        "clusters",
    );
    if !report.clusters.is_empty() {
        let _ = write!(out, "<h3>The {} largest clusters, a copy beside its representative</h3><p class=\"lead\">Highlighted: text only on one side (<del>left</del>: representative only, <ins>right</ins>: copy only). The copy shown is the one least like the representative.</p>", report.clusters.len().min(options.diffs));
    }
    for c in report.clusters.iter().take(options.diffs) {
        cluster_detail(out, c, texts, options);
    }
    out.push_str("</section>\n");
}

/// An id usable in an href fragment: corpus ids may hold anything, so only [A-Za-z0-9_-] pass.
fn anchor(id: &str) -> String {
    let mut s = String::from("c-");
    for ch in id.chars() {
        if ch.is_ascii_alphanumeric() || ch == '-' || ch == '_' {
            s.push(ch);
        } else {
            let _ = write!(s, "_{:x}", ch as u32);
        }
    }
    s
}

fn cluster_detail(out: &mut String, c: &ClusterEntry, texts: &Texts, options: &HtmlOptions) {
    let rep = c.members.iter().find(|m| m.id == c.representative);
    let title = rep
        .and_then(|m| m.title.as_deref())
        .unwrap_or(&c.representative);
    let _ = write!(
        out,
        "<details class=\"cluster\" id=\"{}\"><summary>{} <span class=\"meta\">· {} documents on {} outlets · first published by <span class=\"first\">{}</span></span></summary><div class=\"cl-body\">",
        esc(&anchor(&c.id)),
        esc(&shorten(title, 120)),
        thousands(c.size),
        thousands(c.sources.len() as u64),
        esc(&c.first_publisher)
    );
    if let Some(copy_id) = diff_copy(c) {
        let copy = c.members.iter().find(|m| m.id == copy_id);
        match (texts.get(&c.representative), texts.get(copy_id)) {
            (Some(left), Some(right)) => {
                let left = crate::text::clip(left, options.diff_chars);
                let right = crate::text::clip(right, options.diff_chars);
                let (l, r) = diff::diff(left, right);
                let head = |m: Option<&crate::model::ClusterMember>, role: &str, id: &str| {
                    format!(
                        "<h4>{role}: {} · {} · {}</h4>",
                        esc(m.and_then(|m| m.source.as_deref()).unwrap_or("")),
                        esc(m.and_then(|m| m.date.as_deref()).unwrap_or("")),
                        esc(id)
                    )
                };
                let _ = write!(
                    out,
                    "<div class=\"pair\"><div>{}<div class=\"doc\">",
                    head(rep, "Representative", &c.representative)
                );
                side(out, &l, "del");
                let _ = write!(
                    out,
                    "</div></div><div>{}<div class=\"doc\">",
                    head(
                        copy,
                        &format!(
                            "Copy ({} similar, {})",
                            copy.map(|m| percent(m.similarity)).unwrap_or_default(),
                            copy.map(|m| m.kind.as_str()).unwrap_or("")
                        ),
                        copy_id
                    )
                );
                side(out, &r, "ins");
                out.push_str("</div></div></div>");
            }
            _ => out.push_str(
                "<p class=\"more\">The texts of this pair were not kept for the report.</p>",
            ),
        }
    }
    out.push_str("<table class=\"sortable\"><thead><tr><th>document</th><th>source</th><th>date</th><th>headline</th><th>kind</th><th data-type=\"n\">similarity</th></tr></thead><tbody>");
    for m in c.members.iter().take(options.rows) {
        out.push_str("<tr>");
        let mut id = esc(&m.id);
        if m.id == c.representative {
            id.push_str(" <span class=\"tag\">representative</span>");
        }
        if m.id == c.earliest {
            id.push_str(" <span class=\"tag\">first</span>");
        }
        let _ = write!(out, "<td class=\"id\">{id}</td>");
        text_cell(out, "s", m.source.as_deref().unwrap_or(""));
        text_cell(out, "d", m.date.as_deref().unwrap_or(""));
        text_cell(out, "t", m.title.as_deref().unwrap_or(""));
        text_cell(out, "k", &m.kind);
        pct(out, m.similarity);
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div></details>\n");
}

fn side(out: &mut String, runs: &diff::Side<'_>, tag: &str) {
    for (op, text) in runs {
        match op {
            Op::Same => out.push_str(&esc(text)),
            Op::Changed => {
                let _ = write!(out, "<{tag}>{}</{tag}>", esc(text));
            }
        }
    }
}

fn captions(out: &mut String, report: &Report, options: &HtmlOptions) {
    out.push_str("<section id=\"captions\"><h2>Reused captions and credits</h2><p class=\"lead\">Photo captions and credit lines that recur across documents: left in article text, they repeat the same words on every page.</p>");
    table_start(
        out,
        "t-captions",
        &[
            ("caption or credit", false),
            ("kind", false),
            ("credit", false),
            ("documents", true),
            ("sources", true),
            ("seen in", false),
            ("examples", false),
        ],
        "filter captions",
    );
    for c in report.captions.iter().take(options.rows) {
        out.push_str("<tr>");
        text_cell(out, "t", &c.text);
        text_cell(out, "k", &c.kind);
        text_cell(out, "s", c.credit.as_deref().unwrap_or(""));
        num(out, c.documents);
        num(out, c.source_count);
        list_cell(out, &c.sources, c.source_count);
        text_cell(out, "s", &c.examples.join(", "));
        out.push_str("</tr>");
    }
    table_end(
        out,
        report.captions.len().min(options.rows),
        report.captions.len(),
        "recurring captions and credits",
    );
    out.push_str("</section>\n");
}

fn boilerplate(out: &mut String, report: &Report, options: &HtmlOptions) {
    out.push_str("<section id=\"boilerplate\"><h2>Boilerplate</h2><p class=\"lead\">Template lines that recur across pages: navigation, prompts, widgets, legal lines and related-story lists.</p>");
    table_start(
        out,
        "t-boilerplate",
        &[
            ("line", false),
            ("label", false),
            ("documents", true),
            ("sources", true),
            ("seen in", false),
        ],
        "filter boilerplate",
    );
    for b in report.boilerplate.iter().take(options.rows) {
        out.push_str("<tr>");
        text_cell(out, "t", &b.text);
        text_cell(out, "k", &b.label);
        num(out, b.documents);
        num(out, b.source_count);
        list_cell(out, &b.sources, b.source_count);
        out.push_str("</tr>");
    }
    table_end(
        out,
        report.boilerplate.len().min(options.rows),
        report.boilerplate.len(),
        "recurring template lines",
    );
    out.push_str("</section>\n");
}

fn flags(out: &mut String, report: &Report, flagged: &[FlaggedDocument], options: &HtmlOptions) {
    out.push_str("<section id=\"flags\"><h2>Flags</h2><p class=\"lead\">Editorial checks, and the Gopher and FineWeb rules used to filter training data (published thresholds; measured on each document's cleaned body).</p>");
    table_start(
        out,
        "t-flagcounts",
        &[
            ("flag", false),
            ("documents", true),
            ("share of documents", true),
        ],
        "filter flags",
    );
    let read = report.summary.documents_read.max(1) as f64;
    for f in &report.flags {
        out.push_str("<tr>");
        text_cell(out, "t", &f.flag);
        num(out, f.documents);
        pct(out, f.documents as f64 / read);
        out.push_str("</tr>");
    }
    table_end(out, report.flags.len(), report.flags.len(), "flags");
    out.push_str("<h3>Flagged documents</h3>");
    table_start(
        out,
        "t-flagged",
        &[("document", false), ("source", false), ("flags", false)],
        "filter flagged documents",
    );
    for d in flagged.iter().take(options.rows) {
        out.push_str("<tr>");
        text_cell(out, "s", &d.id);
        text_cell(out, "s", d.source.as_deref().unwrap_or(""));
        out.push_str("<td class=\"t\">");
        for f in &d.flags {
            let name = f.rule.name();
            let bad = !f.rule.is_training_filter();
            let detail = match (&f.detail, f.limit) {
                (Some(d), _) => format!("{name}: {d}"),
                (None, Some(limit)) => format!("{name}: {:.3} (limit {:.3})", f.value, limit),
                (None, None) => name.clone(),
            };
            let _ = write!(
                out,
                "<span class=\"tag{}\" title=\"{}\">{}</span>",
                if bad { " bad" } else { "" },
                esc(&detail),
                esc(&name)
            );
        }
        out.push_str("</td></tr>");
    }
    table_end(
        out,
        flagged.len().min(options.rows),
        report.summary.flagged_documents as usize,
        "flagged documents",
    );
    out.push_str("</section>\n");
}
