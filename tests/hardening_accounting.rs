//! Nothing lost, nothing silent: over random corpora mixing real pages (corpus/syndication,
//! generated from Reuters-21578) with every kind of bad line, duplicate ids and empty texts,
//! `dedup` and `audit` account for every record read, exactly once, in `clean.jsonl` or
//! `dropped.jsonl`, and their summaries add up.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use serde_json::{json, Value};

fn real_records() -> Vec<Value> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/syndication/syndication_s7.jsonl");
    fs::read_to_string(path)
        .expect("corpus/syndication")
        .lines()
        .take(60)
        .map(|l| serde_json::from_str(l).expect("corpus lines are JSON"))
        .collect()
}

/// One line of a generated input, and the id it must be accounted under.
#[derive(Debug, Clone)]
enum Line {
    /// A real page, possibly under an id another line also uses.
    Page { record: usize, id: String },
    /// A real page whose text is empty or only whitespace.
    Empty { id: String, text: &'static str },
    /// Not JSON at all, or cut in the middle.
    BrokenJson,
    /// Invalid UTF-8 inside a string.
    InvalidUtf8,
    /// An object without any text field.
    NoText { id: String },
    /// JSON, but not an object.
    NotAnObject,
}

fn line_strategy(pages: usize) -> impl Strategy<Value = Line> {
    // Ids come from a small pool so that duplicates are common.
    let id = (0..40u32).prop_map(|n| format!("doc-{n}"));
    prop_oneof![
        6 => (0..pages, id.clone()).prop_map(|(record, id)| Line::Page { record, id }),
        1 => (id.clone(), prop_oneof![Just(""), Just("   \n\t ")]).prop_map(|(id, text)| Line::Empty { id, text }),
        1 => Just(Line::BrokenJson),
        1 => Just(Line::InvalidUtf8),
        1 => id.prop_map(|id| Line::NoText { id }),
        1 => Just(Line::NotAnObject),
    ]
}

/// Writes the lines and returns the multiset of ids every output must account for.
fn write_input(path: &Path, lines: &[Line], pages: &[Value]) -> BTreeMap<String, usize> {
    let mut bytes = Vec::new();
    let mut expected = BTreeMap::new();
    let name = path.to_str().expect("utf-8 path");
    for (i, line) in lines.iter().enumerate() {
        let at = format!("{name}:{}", i + 1);
        let id = match line {
            Line::Page { record, id } => {
                let mut r = pages[*record].clone();
                r["id"] = json!(id);
                bytes.extend(serde_json::to_vec(&r).expect("json"));
                id.clone()
            }
            Line::Empty { id, text } => {
                bytes.extend(serde_json::to_vec(&json!({"id": id, "text": text})).expect("json"));
                id.clone()
            }
            Line::BrokenJson => {
                bytes.extend_from_slice(b"{\"id\": \"cut\", \"text\": \"Reuters reported");
                at
            }
            Line::InvalidUtf8 => {
                bytes.extend_from_slice(b"{\"id\": \"bad-utf8\", \"text\": \"caf\xc3\x28\"}");
                at
            }
            Line::NoText { id } => {
                bytes.extend(
                    serde_json::to_vec(&json!({"id": id, "title": "no text"})).expect("json"),
                );
                id.clone()
            }
            Line::NotAnObject => {
                bytes.extend_from_slice(b"[\"a\", \"list\"]");
                at
            }
        };
        bytes.push(b'\n');
        *expected.entry(id).or_insert(0) += 1;
    }
    fs::write(path, bytes).expect("write input");
    expected
}

fn ids_in(path: &Path) -> BTreeMap<String, usize> {
    let mut ids = BTreeMap::new();
    for line in fs::read_to_string(path).expect("output exists").lines() {
        let v: Value = serde_json::from_str(line).expect("output lines are JSON");
        let id = v["id"]
            .as_str()
            .expect("every output line has an id")
            .to_owned();
        *ids.entry(id).or_insert(0) += 1;
    }
    ids
}

fn merged(a: BTreeMap<String, usize>, b: BTreeMap<String, usize>) -> BTreeMap<String, usize> {
    let mut out = a;
    for (k, n) in b {
        *out.entry(k).or_insert(0) += n;
    }
    out
}

fn run(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .output()
        .expect("copydesk runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "copydesk {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

proptest! {
    // Each case runs the binary twice; a dozen random corpora cover every kind of line often.
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn every_record_read_is_kept_or_dropped_exactly_once(
        lines in proptest::collection::vec(line_strategy(60), 1..50)
    ) {
        let pages = real_records();
        let dir = tempfile::tempdir().expect("tempdir");
        let input = dir.path().join("random.jsonl");
        let expected = write_input(&input, &lines, &pages);
        let input = input.to_str().expect("utf-8 path");

        let dedup_out = dir.path().join("dedup");
        run(&["--quiet", "dedup", input, "--out", dedup_out.to_str().expect("utf-8")]);
        let accounted = merged(ids_in(&dedup_out.join("clean.jsonl")), ids_in(&dedup_out.join("dropped.jsonl")));
        prop_assert_eq!(&accounted, &expected, "dedup: clean + dropped");

        let audit_out = dir.path().join("audit");
        run(&["--quiet", "audit", input, "--out", audit_out.to_str().expect("utf-8")]);
        let accounted = merged(ids_in(&audit_out.join("clean.jsonl")), ids_in(&audit_out.join("dropped.jsonl")));
        prop_assert_eq!(&accounted, &expected, "audit: clean + dropped");

        let report: Value = serde_json::from_str(&fs::read_to_string(audit_out.join("report.json")).expect("report"))
            .expect("report.json is JSON");
        let s = &report["summary"];
        let read = s["documents_read"].as_u64().expect("documents_read");
        let errors = s["errors"].as_u64().expect("errors");
        let records: u64 = expected.values().map(|&n| n as u64).sum();
        let bad = lines.iter().filter(|l| !matches!(l, Line::Page { .. } | Line::Empty { .. })).count() as u64;
        prop_assert_eq!(read, records, "every record counts as read, bad ones too");
        prop_assert_eq!(errors, bad, "every bad record counts as an error");
        prop_assert_eq!(
            s["documents_kept"].as_u64().expect("kept") + s["documents_dropped"].as_u64().expect("dropped"),
            read,
            "kept + dropped = read"
        );
    }
}
