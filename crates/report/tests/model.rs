//! The report model and page on documents built from the generated syndication page and
//! Reuters stories (see fixtures/README.md), labelled as an editor would label them.

use copydesk_report::builder::{body_text, write_report_json, Outcome};
use copydesk_report::html::{self, HtmlOptions, Texts};
use copydesk_report::model::{FlaggedDocument, Run};
use copydesk_report::{
    BlockView, ClusterInput, DocumentFacts, MemberInput, ReportBuilder, ReportConfig,
};

const PAGE: &str = include_str!("../fixtures/syndication_page.txt");
const PROSE: &str = include_str!("../fixtures/reuters_prose.txt");
const LABELS: [&str; 8] = [
    "headline",
    "byline",
    "dateline",
    "body",
    "caption",
    "credit",
    "related",
    "boilerplate",
];

/// The generated page's blocks with the labels its truth gives (template, caption, meta, body).
fn page_blocks(page: &str) -> Vec<(String, String)> {
    let blocks: Vec<&str> = page.split("\n\n").collect();
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let label = if i <= 3 {
                "boilerplate"
            } else if i == 4 {
                "headline"
            } else if i == 5 {
                "byline"
            } else if b.starts_with("Photo:") {
                "credit"
            } else if b.starts_with("More from") || b.starts_with("MOST POPULAR") {
                "related"
            } else if b.split_whitespace().count() > 12
                && !b.starts_with("Copyright")
                && !b.starts_with("Like this")
            {
                "body"
            } else {
                "boilerplate"
            };
            (label.to_owned(), (*b).to_owned())
        })
        .collect()
}

fn facts(id: &str, source: &str, blocks: &[(String, String)]) -> DocumentFacts {
    let views: Vec<BlockView<'_>> = blocks
        .iter()
        .map(|(l, t)| BlockView { label: l, text: t })
        .collect();
    let body = body_text(&views);
    DocumentFacts::new(
        id,
        Some(source),
        &views,
        &body,
        false,
        &ReportConfig::default(),
    )
}

/// (label, text) blocks of one document.
type Blocks = Vec<(String, String)>;

struct Corpus {
    /// (id, source, blocks)
    docs: Vec<(String, String, Blocks)>,
}

fn corpus() -> Corpus {
    let page = page_blocks(PAGE);
    let mut docs = Vec::new();
    // The same page template on three documents of one outlet, the story copied to another.
    for (i, src) in [
        "bayviewherald.example",
        "bayviewherald.example",
        "bayviewherald.example",
        "lakemontnewswire.example",
    ]
    .iter()
    .enumerate()
    {
        let mut blocks = page.clone();
        if i == 1 {
            // Another story under the same template.
            for b in blocks.iter_mut().filter(|b| b.0 == "body") {
                b.1 = PROSE.to_owned();
            }
        }
        docs.push((format!("doc-{i}"), (*src).to_owned(), blocks));
    }
    Corpus { docs }
}

fn build(c: &Corpus) -> (copydesk_report::Report, Vec<DocumentFacts>) {
    let mut b = ReportBuilder::new(ReportConfig::default(), &LABELS);
    let facts: Vec<DocumentFacts> = c
        .docs
        .iter()
        .map(|(id, src, blocks)| facts(id, src, blocks))
        .collect();
    for f in &facts {
        b.observe(f);
    }
    let member = |id: &str, src: &str, date: &str, sim: f64, kind: &str| MemberInput {
        id: id.into(),
        source: Some(src.into()),
        date: Some(date.into()),
        title: Some("IMF, development banks, to assist ecuador".into()),
        similarity: sim,
        kind: kind.into(),
    };
    let clusters = vec![ClusterInput {
        id: "doc-0".into(),
        representative: "doc-0".into(),
        members: vec![
            member(
                "doc-3",
                "lakemontnewswire.example",
                "1987-03-12T16:00:00Z",
                0.91,
                "copy",
            ),
            member(
                "doc-0",
                "bayviewherald.example",
                "1987-03-12T14:10:00Z",
                1.0,
                "original",
            ),
        ],
    }];
    let outcome = Outcome {
        documents_read: 5,
        documents_kept: 3,
        documents_dropped: 2,
        errors: 1,
        flagged_documents: 4,
    };
    (b.finish(outcome, clusters, Run::default()), facts)
}

#[test]
fn template_lines_and_credits_are_counted_per_document() {
    let (report, _) = build(&corpus());
    let nav = report
        .boilerplate
        .iter()
        .find(|b| b.text == "Politics | Real Estate | Local | Weather | Autos | News | Home")
        .expect("the navigation bar recurs");
    assert_eq!(nav.documents, 4);
    assert_eq!(
        nav.sources,
        ["bayviewherald.example", "lakemontnewswire.example"]
    );
    assert_eq!(nav.label, "boilerplate");
    let credit = report
        .captions
        .iter()
        .find(|c| c.kind == "credit")
        .expect("the photo credit recurs");
    assert_eq!(credit.text, "Photo: Michael Macor, The Chronicle");
    assert_eq!(credit.examples, ["doc-0", "doc-1", "doc-2"]);
    // Sorted by documents, then label, then text.
    for w in report.boilerplate.windows(2) {
        assert!(w[0].documents >= w[1].documents);
    }
}

#[test]
fn summary_sources_and_clusters() {
    let (report, _) = build(&corpus());
    let s = &report.summary;
    assert_eq!(s.documents_kept + s.documents_dropped, s.documents_read);
    assert_eq!(s.duplicates, 1);
    assert_eq!(s.clusters, 1);
    let shares: f64 = s.label_shares.values().filter_map(|v| v.as_f64()).sum();
    assert!((shares - 1.0).abs() < 0.01, "{shares}");
    assert_eq!(report.sources[0].source, "bayviewherald.example");
    assert_eq!(report.sources[0].documents, 3);
    let lake = report
        .sources
        .iter()
        .find(|s| s.source == "lakemontnewswire.example")
        .expect("listed");
    assert_eq!(lake.duplicate_rate, 1.0);
    let c = &report.clusters[0];
    assert_eq!(c.earliest, "doc-0");
    assert_eq!(c.first_publisher, "bayviewherald.example");
    assert_eq!(report.sources[0].first_published, 1);
    assert_eq!(lake.first_published, 0);
    assert_eq!(c.members[0].id, "doc-0", "earliest first");
    assert!(c.syndicated);
}

#[test]
fn the_body_keeps_only_body_blocks() {
    let c = corpus();
    let views: Vec<BlockView<'_>> = c.docs[0]
        .2
        .iter()
        .map(|(l, t)| BlockView { label: l, text: t })
        .collect();
    let body = body_text(&views);
    assert!(body.starts_with("It could be months"));
    assert!(!body.contains("Photo:"));
    assert!(!body.contains("MOST POPULAR"));
}

#[test]
fn report_json_is_valid_and_identical_across_builds() {
    let c = corpus();
    let render = || {
        let (report, facts) = build(&c);
        let docs: Vec<FlaggedDocument> = facts
            .iter()
            .filter(|f| !f.flags.is_empty())
            .map(|f| FlaggedDocument {
                id: f.id.clone(),
                source: Some(f.source.clone()),
                flags: f.flags.clone(),
            })
            .collect();
        let mut out = Vec::new();
        write_report_json(&report, docs, &mut out).expect("write");
        out
    };
    let a = render();
    assert_eq!(a, render());
    let v: serde_json::Value = serde_json::from_slice(&a).expect("valid JSON");
    assert_eq!(v["schema_version"], 1);
    for key in [
        "summary",
        "sources",
        "boilerplate",
        "captions",
        "clusters",
        "documents",
        "run",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    // The story pasted under the template ends without a full stop: truncated.
    let flagged = v["documents"].as_array().expect("list");
    assert!(flagged.iter().any(|d| d["flags"]
        .as_array()
        .is_some_and(|f| f.iter().any(|f| f["flag"] == "truncated"))));
}

#[test]
fn the_page_escapes_hostile_text_everywhere() {
    let hostile_title = "</textarea><script>document.title='pwned'</script>";
    let hostile_src = "evil.example\"><img src=x onerror=alert(1)>";
    let hostile_text =
        "<script>alert(1)</script> javascript:alert(1) <a href=\"javascript:alert(2)\">x</a>";
    let blocks = vec![
        ("headline".to_owned(), hostile_title.to_owned()),
        ("body".to_owned(), format!("{PROSE}\n\n{hostile_text}")),
        ("caption".to_owned(), hostile_text.to_owned()),
        (
            "credit".to_owned(),
            "Photo: <img src=x onerror=alert(3)>".to_owned(),
        ),
    ];
    let mut b = ReportBuilder::new(ReportConfig::default(), &LABELS);
    for i in 0..3 {
        b.observe(&facts(&format!("x\"{i}<b>"), hostile_src, &blocks));
    }
    let clusters = vec![ClusterInput {
        id: "c<1>".into(),
        representative: "x\"0<b>".into(),
        members: (0..3)
            .map(|i| MemberInput {
                id: format!("x\"{i}<b>"),
                source: Some(hostile_src.into()),
                date: Some("1987'-03".into()),
                title: Some(hostile_title.into()),
                similarity: 0.9,
                kind: if i == 0 {
                    "original".into()
                } else {
                    "copy".into()
                },
            })
            .collect(),
    }];
    let report = b.finish(Outcome::default(), clusters, Run::default());
    let mut texts = Texts::new();
    for i in 0..3 {
        texts.insert(format!("x\"{i}<b>"), format!("{hostile_text} {i}"));
    }
    let flagged = vec![FlaggedDocument {
        id: "x\"0<b>".into(),
        source: Some(hostile_src.into()),
        flags: vec![],
    }];
    let page = html::render(&report, &flagged, &texts, &HtmlOptions::default());
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(!page.contains("<img"));
    assert!(!page.contains("</textarea>"));
    assert!(!page.contains("href=\"javascript"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("evil.example&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    // Nothing loads from elsewhere.
    assert!(
        !page.contains("src=\"http") && !page.contains("href=\"http") && !page.contains("url(")
    );
    assert!(page.contains("default-src 'none'"));
}

#[test]
fn a_credit_label_on_every_page_of_one_outlet_is_reported_as_template() {
    // A navigation bar the segmenter took for a credit line, on every page of one outlet.
    let nav = "Politics | Tech | Real Estate | Video | Obituaries | Jobs | Business";
    let mut b = ReportBuilder::new(ReportConfig::default(), &LABELS);
    for i in 0..4 {
        let top = if i < 3 { nav } else { "Sign in | Subscribe" };
        let blocks = vec![
            ("credit".to_owned(), top.to_owned()),
            ("body".to_owned(), PROSE.to_owned()),
            (
                "credit".to_owned(),
                "Photo: Michael Macor, The Chronicle".to_owned(),
            ),
        ];
        let source = if i < 3 {
            "newhavenexaminer.example"
        } else {
            "bayviewherald.example"
        };
        b.observe(&facts(&format!("doc-{i}"), source, &blocks));
    }
    let report = b.finish(Outcome::default(), vec![], Run::default());
    let entry = report
        .boilerplate
        .iter()
        .find(|e| e.text == nav)
        .unwrap_or_else(|| panic!("{:?}\n{:?}", report.boilerplate, report.captions));
    assert_eq!(entry.labelled_as.as_deref(), Some("credit"));
    assert_eq!(entry.documents, 3);
    assert!(report.captions.iter().all(|c| c.text != nav));
    // The photo credit seen on two outlets stays a reused credit.
    assert!(report
        .captions
        .iter()
        .any(|c| c.text == "Photo: Michael Macor, The Chronicle"));
}

/// A report as large as a million-document corpus gives: every list far longer than a page shows.
fn huge_report(scale: usize) -> copydesk_report::Report {
    use copydesk_report::model::*;
    let line = |i: usize| format!("{} {i}", PROSE.lines().next().unwrap_or("line"));
    let mut b = ReportBuilder::new(ReportConfig::default(), &LABELS);
    b.observe(&facts("doc-0", "bayviewherald.example", &page_blocks(PAGE)));
    let mut report = b.finish(Outcome::default(), vec![], Run::default());
    report.sources = (0..500 * scale)
        .map(|i| SourceEntry {
            source: format!("outlet{i}.example"),
            documents: 1000,
            tokens: 500_000,
            label_shares: report.summary.label_shares.clone(),
            duplicates: 300,
            duplicate_rate: 0.3,
            mostly_boilerplate: 10,
            first_published: 4,
        })
        .collect();
    report.boilerplate = (0..2000 * scale)
        .map(|i| BoilerplateEntry {
            text: line(i),
            label: "boilerplate".into(),
            documents: 100,
            sources: (0..32).map(|s| format!("outlet{s}.example")).collect(),
            source_count: 40,
            labelled_as: None,
        })
        .collect();
    report.captions = (0..2000 * scale)
        .map(|i| CaptionEntry {
            text: line(i),
            kind: "caption".into(),
            credit: Some("AP Photo/Pablo Martinez Monsivais".into()),
            documents: 100,
            sources: (0..32).map(|s| format!("outlet{s}.example")).collect(),
            source_count: 40,
            examples: vec!["doc-1".into(), "doc-2".into(), "doc-3".into()],
        })
        .collect();
    report.clusters = (0..500 * scale)
        .map(|c| ClusterEntry {
            id: format!("doc-{c}"),
            size: 400,
            representative: format!("doc-{c}-0"),
            earliest: format!("doc-{c}-0"),
            first_publisher: "outlet0.example".into(),
            members: (0..400)
                .map(|m| ClusterMember {
                    id: format!("doc-{c}-{m}"),
                    source: Some(format!("outlet{m}.example")),
                    date: Some("1987-03-12T14:10:00Z".into()),
                    title: Some(line(m)),
                    similarity: 0.8,
                    kind: "copy".into(),
                })
                .collect(),
            sources: (0..400).map(|s| format!("outlet{s}.example")).collect(),
            syndicated: true,
        })
        .collect();
    report
}

#[test]
fn the_page_size_is_bounded_by_its_options_not_by_the_corpus() {
    let flagged: Vec<FlaggedDocument> = (0..5000)
        .map(|i| FlaggedDocument {
            id: format!("doc-{i}"),
            source: Some("outlet.example".into()),
            flags: vec![copydesk_report::flags::editorial::duplicate_of(
                "doc-0", 0.9,
            )],
        })
        .collect();
    let long_body = PROSE.repeat(30);
    let mut texts = Texts::new();
    for c in 0..40 {
        for m in 0..400 {
            if m == 0 || m % 97 == 0 {
                texts.insert(format!("doc-{c}-{m}"), long_body.clone());
            }
        }
    }
    let options = HtmlOptions::default();
    let small = html::render(&huge_report(1), &flagged, &texts, &options);
    let large = html::render(&huge_report(2), &flagged, &texts, &options);
    // Only counts in the text differ ("Top 300 of 500 sources" / "of 1,000 sources").
    assert!(
        large.len() - small.len() < 100,
        "{} then {} bytes",
        small.len(),
        large.len()
    );
    assert!(large.len() < 20_000_000, "{} bytes", large.len());
}
