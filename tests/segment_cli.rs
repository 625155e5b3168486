//! `copydesk segment` and `copydesk clean` end to end: the built binary on real pages
//! (the seed page, syndication output, Scrapinghub HTML pages) from corpus/ and
//! tests/fixtures/segment/.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .output()
        .expect("run copydesk")
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn copydesk");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn jsonl(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn fixture(name: &str) -> PathBuf {
    root()
        .join("tests")
        .join("fixtures")
        .join("segment")
        .join(name)
}

fn seed_path() -> PathBuf {
    root()
        .join("corpus")
        .join("seed")
        .join("000_114ce16d5168d641.txt")
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[test]
fn every_line_of_the_seed_page_gets_the_editors_label() {
    let out = run(&["segment", &s(&seed_path()), "--format", "jsonl"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let blocks = jsonl(&out.stdout);
    let gold = jsonl(&std::fs::read(fixture("seed.gold.jsonl")).expect("seed gold"));
    assert_eq!(
        blocks.len(),
        gold.len(),
        "one block per line of the seed page"
    );
    for (b, g) in blocks.iter().zip(&gold) {
        assert_eq!(b["text"].as_str().map(str::trim), g["text"].as_str(), "{b}");
        assert_eq!(b["label"], g["label"], "{}: {}", b["text"], b["reasons"]);
        assert!(!b["reasons"].as_array().expect("reasons").is_empty());
    }
}

#[test]
fn offsets_point_at_the_block_text_as_read() {
    let text = std::fs::read_to_string(seed_path()).expect("seed");
    let out = run(&["segment", &s(&seed_path())]);
    assert!(out.status.success());
    let blocks = jsonl(&out.stdout);
    for (i, b) in blocks.iter().enumerate() {
        assert_eq!(b["block"], i);
        let (start, end) = (
            b["start"].as_u64().expect("start") as usize,
            b["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(&text[start..end], b["text"].as_str().expect("text"));
    }
    // From JSON Lines, offsets index the record's text field.
    let docs = jsonl(&std::fs::read(fixture("synd.jsonl")).expect("synd"));
    let out = run(&["segment", &s(&fixture("synd.jsonl")), "--format", "jsonl"]);
    assert!(out.status.success());
    for b in jsonl(&out.stdout) {
        let doc = docs
            .iter()
            .find(|d| d["id"] == b["id"])
            .expect("doc of block");
        let t = doc["text"].as_str().expect("text");
        let (start, end) = (
            b["start"].as_u64().expect("start") as usize,
            b["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(&t[start..end], b["text"].as_str().expect("text"));
    }
}

#[test]
fn clean_keeps_body_and_drops_template_and_captions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("clean.jsonl");
    let out = run(&[
        "clean",
        &s(&fixture("synd.jsonl")),
        "--out",
        &s(&out_path),
        "--quiet",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cleaned = jsonl(&std::fs::read(&out_path).expect("clean output"));
    let docs = jsonl(&std::fs::read(fixture("synd.jsonl")).expect("synd"));
    assert_eq!(cleaned.len(), docs.len(), "one line per document");
    let gold = jsonl(&std::fs::read(fixture("synd.gold.jsonl")).expect("synd gold"));
    let (mut body, mut body_kept, mut other, mut other_kept) = (0, 0, 0, 0);
    for (c, d) in cleaned.iter().zip(&docs) {
        assert_eq!(c["id"], d["id"]);
        assert_eq!(c["source"], d["source"], "input fields are kept");
        let text = c["text"].as_str().expect("text");
        for g in gold.iter().filter(|g| g["id"] == d["id"]) {
            let line = g["text"].as_str().expect("line");
            let kept = text.contains(line);
            if g["label"] == "body" {
                body += 1;
                body_kept += usize::from(kept);
            } else if matches!(
                g["label"].as_str(),
                Some("caption" | "credit" | "boilerplate" | "related")
            ) && line.len() > 20
            {
                other += 1;
                other_kept += usize::from(kept);
            }
        }
    }
    assert!(
        body_kept * 100 >= body * 95,
        "body lines kept: {body_kept}/{body}"
    );
    assert!(
        other_kept * 100 <= other * 5,
        "template and caption lines kept: {other_kept}/{other}"
    );
}

#[test]
fn keep_chooses_the_labels_and_rejects_unknown_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("clean.jsonl");
    let out = run(&[
        "clean",
        &s(&seed_path()),
        "--out",
        &s(&out_path),
        "--keep",
        "headline,body",
        "--quiet",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cleaned = jsonl(&std::fs::read(&out_path).expect("clean output"));
    assert_eq!(cleaned.len(), 1);
    let text = cleaned[0]["text"].as_str().expect("text");
    assert!(text.starts_with("Russian Foreign Minister Lavrov to Start Visit to US on Tuesday\n\nRussian Foreign Minister Sergey Lavrov will start"));
    assert!(
        !text.contains("Photo:")
            && !text.contains("Zemlianichenko")
            && !text.contains("Politics\n")
    );
    assert!(
        !text.contains("Threat of Conflict Between US, Russia"),
        "injected related headline dropped"
    );
    let out = run(&[
        "clean",
        &s(&seed_path()),
        "--out",
        &s(&out_path),
        "--keep",
        "body,comments",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown label"));
}

#[test]
fn html_pages_become_plain_article_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).expect("mkdir");
    // An AP story as hosted by a newspaper (Scrapinghub benchmark page, MIT).
    std::fs::copy(
        root().join("corpus/scrapinghub/82b6d780c792.html"),
        pages.join("ap.html"),
    )
    .expect("copy page");
    let out_path = dir.path().join("clean.jsonl");
    let out = run(&["clean", &s(&pages), "--out", &s(&out_path), "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cleaned = jsonl(&std::fs::read(&out_path).expect("clean output"));
    assert_eq!(cleaned.len(), 1);
    let text = cleaned[0]["text"].as_str().expect("text");
    assert!(
        text.contains("WASHINGTON (AP) — Ambassador Gordon Sondland, the most anticipated witness"),
        "{text}"
    );
    assert!(
        !text.contains('<')
            && !text.contains("Skip to main content")
            && !text.contains("All rights reserved")
    );
    // segment on HTML: labels without offsets.
    let out = run(&["segment", &s(&pages), "--format", "jsonl"]);
    let blocks = jsonl(&out.stdout);
    assert!(blocks.iter().all(|b| b.get("start").is_none()));
    let headline: Vec<&Value> = blocks.iter().filter(|b| b["label"] == "headline").collect();
    assert_eq!(headline.len(), 1);
    assert_eq!(
        headline[0]["text"],
        "Unpredictable Sondland faces questions about Trump, Ukraine"
    );
    assert!(blocks.iter().any(|b| b["label"] == "byline"
        && b["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("By LISA MASCARO"))));
}

#[test]
fn text_format_shows_labels_and_reasons() {
    let out = run(&["segment", &s(&seed_path()), "--format", "text", "--explain"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let credit = text
        .lines()
        .find(|l| l.contains("Vadim Savitsky"))
        .expect("credit line");
    assert!(
        credit.contains("credit") && credit.contains("[credit-pattern]"),
        "{credit}"
    );
    assert!(
        !text.contains("\x1b["),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn bad_records_are_reported_and_listed_and_stdin_works() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a\", \"text\": \"The minister said on Tuesday that the talks would continue for two more days in Geneva.\"}\n{not json\n{\"id\": \"b\", \"text\": \"Second story: officials said the bridge would reopen next week after repairs to its deck.\"}\n",
    )
    .expect("write input");
    let out_path = dir.path().join("clean.jsonl");
    let out = run(&["clean", &s(&input), "--out", &s(&out_path), "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("in.jsonl:2"),
        "error names file and line"
    );
    let cleaned = jsonl(&std::fs::read(&out_path).expect("clean output"));
    assert_eq!(
        cleaned
            .iter()
            .map(|c| c["id"].as_str().unwrap_or(""))
            .collect::<Vec<_>>(),
        ["a", "b"]
    );
    let dropped =
        jsonl(&std::fs::read(dir.path().join("clean.dropped.jsonl")).expect("dropped list"));
    assert_eq!(dropped.len(), 1);
    // Under --on-error fail: exit 2.
    let out = run(&[
        "clean",
        &s(&input),
        "--out",
        &s(&out_path),
        "--on-error",
        "fail",
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(2));
    // stdin: no corpus pass, same labels.
    let text = std::fs::read_to_string(&input).expect("input");
    let out = run_stdin(&["segment", "-", "--format", "jsonl", "--quiet"], &text);
    assert!(out.status.success());
    let blocks = jsonl(&out.stdout);
    assert_eq!(blocks.len(), 2);
    assert!(blocks.iter().all(|b| b["label"] == "body"));
}

/// The benchmark harness (benches/peers) reads the segmenting time from this line.
#[test]
fn clean_reports_its_segmenting_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("clean.jsonl");
    let out = run(&["clean", &s(&fixture("synd.jsonl")), "--out", &s(&out_path)]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let secs = |after: &str| -> f64 {
        let rest = &err[err
            .find(after)
            .unwrap_or_else(|| panic!("{after:?} in {err}"))
            + after.len()..];
        let num: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        num.parse()
            .unwrap_or_else(|_| panic!("a number after {after:?} in {err}"))
    };
    let (total, pass, label) = (
        secs("segmenting took "),
        secs("corpus pass "),
        secs("labelling "),
    );
    assert!(total > 0.0 && pass > 0.0 && label > 0.0, "{err}");
    assert!((total - pass - label).abs() < 0.0025, "{err}");
}

#[test]
fn dated_headlines_outside_the_prose_are_related_and_keep_their_dates() {
    // Scraped pages flatten a list of other stories into headline, date,
    // headline, date lines; the shtext editors label the headlines related
    // and the dates dateline.
    let out = run(&["segment", &s(&fixture("shtext.jsonl")), "--format", "jsonl"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let blocks = jsonl(&out.stdout);
    let gold = jsonl(&std::fs::read(fixture("shtext.gold.jsonl")).expect("shtext gold"));
    let gold_label = |b: &Value| {
        gold.iter()
            .find(|g| g["id"] == b["id"] && g["text"].as_str() == b["text"].as_str().map(str::trim))
            .map(|g| g["label"].clone())
    };
    let mut pairs = 0;
    for w in blocks.windows(2) {
        let listed = w[0]["reasons"]
            .as_array()
            .is_some_and(|r| r.iter().any(|x| x == "related-list"));
        if w[0]["id"] == w[1]["id"] && listed && w[1]["label"] == "dateline" {
            assert_eq!(gold_label(&w[0]), Some(Value::from("related")), "{}", w[0]);
            assert_eq!(gold_label(&w[1]), Some(Value::from("dateline")), "{}", w[1]);
            pairs += 1;
        }
    }
    assert!(
        pairs >= 2,
        "the fixture's dated headline list is found ({pairs} pairs)"
    );
}
