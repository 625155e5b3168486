//! End-to-end tests of `copydesk dedup` and `copydesk explain` on the built binary, with the
//! real-text fixtures of `corpus/` (Reuters-21578 sample and the generator's syndication slice,
//! see corpus/README.md for their sources and terms).

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Map, Value};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn syndication() -> PathBuf {
    corpus().join("syndication/syndication_s7.jsonl")
}

fn copydesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run copydesk")
}

fn ok(args: &[&str]) -> Output {
    let out = copydesk(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "copydesk {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn lines(path: &Path) -> Vec<Map<String, Value>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(|l| match serde_json::from_str(l) {
            Ok(Value::Object(m)) => m,
            other => panic!("{}: not a JSON object: {other:?}", path.display()),
        })
        .collect()
}

fn s<'a>(m: &'a Map<String, Value>, k: &str) -> &'a str {
    m.get(k)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no {k} in {m:?}"))
}

fn dedup(inputs: &[&str], extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().to_str().expect("utf-8 path").to_owned();
    let mut args = vec!["dedup", "--quiet"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--out", &dir]);
    args.extend_from_slice(extra);
    ok(&args);
    out
}

/// Adjusted Rand index and pair precision/recall of a predicted clustering against the truth.
fn scores(truth: &HashMap<String, String>, pred: &HashMap<String, String>) -> (f64, f64, f64) {
    let c2 = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    let mut cells: HashMap<(&str, &str), usize> = HashMap::new();
    let mut t: HashMap<&str, usize> = HashMap::new();
    let mut p: HashMap<&str, usize> = HashMap::new();
    for (id, tc) in truth {
        let pc = pred
            .get(id)
            .unwrap_or_else(|| panic!("{id} missing from clusters.jsonl"));
        *cells.entry((tc, pc)).or_default() += 1;
        *t.entry(tc).or_default() += 1;
        *p.entry(pc).or_default() += 1;
    }
    let index: f64 = cells.values().map(|&n| c2(n)).sum();
    let a: f64 = t.values().map(|&n| c2(n)).sum();
    let b: f64 = p.values().map(|&n| c2(n)).sum();
    let expected = a * b / c2(truth.len());
    let ari = (index - expected) / ((a + b) / 2.0 - expected);
    (ari, index / b.max(1.0), index / a.max(1.0))
}

fn truth_clusters() -> HashMap<String, String> {
    lines(&corpus().join("syndication/syndication_s7.truth"))
        .iter()
        .map(|m| (s(m, "id").to_owned(), s(m, "cluster").to_owned()))
        .collect()
}

#[test]
fn syndicated_copies_are_clustered_and_negatives_kept_apart() {
    let out = dedup(&[syndication().to_str().expect("path")], &[]);
    let clusters = lines(&out.path().join("clusters.jsonl"));
    let pred: HashMap<String, String> = clusters
        .iter()
        .map(|m| (s(m, "id").to_owned(), s(m, "cluster").to_owned()))
        .collect();
    let (ari, precision, recall) = scores(&truth_clusters(), &pred);
    eprintln!("syndication_s7: ARI {ari:.4} P {precision:.4} R {recall:.4}");
    assert!(
        ari >= 0.95,
        "ARI {ari:.4} (P {precision:.4}, R {recall:.4})"
    );
    assert!(
        precision >= 0.95 && recall >= 0.9,
        "P {precision:.4} R {recall:.4}"
    );
}

#[test]
fn every_document_is_kept_or_dropped_exactly_once() {
    let out = dedup(&[syndication().to_str().expect("path")], &[]);
    let read: Vec<String> = lines(&syndication())
        .iter()
        .map(|m| s(m, "id").to_owned())
        .collect();
    let clusters = lines(&out.path().join("clusters.jsonl"));
    let clean = lines(&out.path().join("clean.jsonl"));
    let dropped = lines(&out.path().join("dropped.jsonl"));
    assert_eq!(
        clusters.len(),
        read.len(),
        "one clusters.jsonl line per document"
    );
    let mut seen: HashSet<String> = HashSet::new();
    for m in clean.iter().chain(&dropped) {
        assert!(
            seen.insert(s(m, "id").to_owned()),
            "{} written twice",
            s(m, "id")
        );
    }
    assert_eq!(seen, read.iter().cloned().collect::<HashSet<_>>());
    // Kept = representatives; each dropped line names a kept document and keeps its record.
    let reps: HashSet<&str> = clusters.iter().map(|m| s(m, "representative")).collect();
    let kept: HashSet<&str> = clean.iter().map(|m| s(m, "id")).collect();
    assert_eq!(reps, kept);
    for m in &dropped {
        assert_eq!(s(m, "reason"), "duplicate");
        assert!(kept.contains(s(m, "duplicate_of")), "{m:?}");
        let record = m.get("record").and_then(Value::as_object).expect("record");
        assert_eq!(s(record, "id"), s(m, "id"));
        assert!(!s(record, "text").is_empty());
    }
    for m in &clusters {
        let kind = s(m, "kind");
        assert!(["original", "copy", "partial"].contains(&kind), "{kind}");
        assert_eq!(
            kind == "original",
            s(m, "id") == s(m, "representative"),
            "{m:?}"
        );
        if kind != "original" {
            assert!(
                ["syndication", "repeat", "unknown"].contains(&s(m, "spread")),
                "{m:?}"
            );
        }
    }
}

#[test]
fn identical_reuters_bodies_are_found() {
    // Groups of identical bodies (whitespace-normalised), computed from the sample itself.
    let path = corpus().join("reuters/reuters21578-sample.jsonl.gz");
    let mut gz = Vec::new();
    std::fs::File::open(&path)
        .expect("sample")
        .read_to_end(&mut gz)
        .expect("read");
    let out = dedup(&[path.to_str().expect("path")], &[]);
    let clusters = lines(&out.path().join("clusters.jsonl"));
    let cluster_of: HashMap<&str, &str> = clusters
        .iter()
        .map(|m| (s(m, "id"), s(m, "cluster")))
        .collect();
    let clean = lines(&out.path().join("clean.jsonl"));
    let dropped = lines(&out.path().join("dropped.jsonl"));
    let mut by_body: HashMap<String, Vec<String>> = HashMap::new();
    for m in clean.iter().chain(
        dropped
            .iter()
            .filter_map(|d| d.get("record").and_then(Value::as_object)),
    ) {
        let body = s(m, "text")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        by_body.entry(body).or_default().push(s(m, "id").to_owned());
    }
    let groups: Vec<&Vec<String>> = by_body.values().filter(|g| g.len() > 1).collect();
    assert!(
        groups.len() >= 15,
        "the sample holds 15 groups of identical bodies, found {}",
        groups.len()
    );
    for g in groups {
        let names: HashSet<&str> = g.iter().map(|id| cluster_of[id.as_str()]).collect();
        assert_eq!(
            names.len(),
            1,
            "identical bodies {g:?} split over {names:?}"
        );
    }
}

#[test]
fn outputs_do_not_depend_on_the_thread_count() {
    let input = syndication();
    let input = input.to_str().expect("path");
    let one = dedup(&[input], &["--threads", "1"]);
    let two = dedup(&[input], &["--threads", "2"]);
    for name in ["clusters.jsonl", "clean.jsonl", "dropped.jsonl"] {
        let a = std::fs::read(one.path().join(name)).expect("read");
        let b = std::fs::read(two.path().join(name)).expect("read");
        assert!(a == b, "{name} differs between --threads 1 and 2");
    }
}

#[test]
fn keep_policies_choose_the_representative() {
    let input = syndication();
    let records = lines(&input);
    let order: HashMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(i, m)| (s(m, "id"), i))
        .collect();
    let date: HashMap<&str, &str> = records.iter().map(|m| (s(m, "id"), s(m, "date"))).collect();
    for (policy, check) in [("first", 0), ("earliest", 1)] {
        let out = dedup(&[input.to_str().expect("path")], &["--keep", policy]);
        let clusters = lines(&out.path().join("clusters.jsonl"));
        let mut members: HashMap<&str, Vec<&str>> = HashMap::new();
        for m in &clusters {
            members.entry(s(m, "cluster")).or_default().push(s(m, "id"));
        }
        for m in &clusters {
            let rep = s(m, "representative");
            let group = &members[s(m, "cluster")];
            if check == 0 {
                let first = group.iter().min_by_key(|id| order[**id]).expect("member");
                assert_eq!(rep, *first, "--keep first");
            } else {
                let earliest = group.iter().map(|id| date[*id]).min().expect("member");
                assert_eq!(date[rep], earliest, "--keep earliest");
            }
        }
    }
}

#[test]
fn bad_records_are_listed_in_dropped_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(syndication()).expect("read");
    let mut body: Vec<&str> = text.lines().take(20).collect();
    body.insert(3, "{\"id\": \"broken\", \"text\": ");
    let path = dir.path().join("mixed.jsonl");
    std::fs::write(&path, body.join("\n") + "\n").expect("write");
    let out = dedup(&[path.to_str().expect("path")], &[]);
    let dropped = lines(&out.path().join("dropped.jsonl"));
    let errors: Vec<&Map<String, Value>> = dropped
        .iter()
        .filter(|m| s(m, "reason") == "input-error")
        .collect();
    assert_eq!(errors.len(), 1, "{dropped:?}");
    assert!(
        s(errors[0], "origin").ends_with("mixed.jsonl:4"),
        "{:?}",
        errors[0]
    );
    let clean = lines(&out.path().join("clean.jsonl"));
    assert_eq!(clean.len() + dropped.len(), 21);
    assert_eq!(lines(&out.path().join("clusters.jsonl")).len(), 20);
}

/// Two documents of one truth cluster, and one of another story.
fn copy_pair_and_stranger() -> (String, String, String) {
    let truth = lines(&corpus().join("syndication/syndication_s7.truth"));
    let mut by: HashMap<&str, Vec<&Map<String, Value>>> = HashMap::new();
    for m in &truth {
        by.entry(s(m, "cluster")).or_default().push(m);
    }
    let mut big: Vec<&Vec<&Map<String, Value>>> = by
        .values()
        .filter(|v| v.len() >= 3 && s(v[0], "cluster").starts_with('c'))
        .collect();
    big.sort_by_key(|v| s(v[0], "id"));
    let group = big.first().expect("a cluster of 3+");
    let original = group
        .iter()
        .find(|m| s(m, "kind") == "original")
        .expect("original");
    let copy = group
        .iter()
        .find(|m| s(m, "kind") == "copy")
        .unwrap_or(&group[1]);
    let other = big.get(1).expect("a second cluster");
    (
        s(original, "id").into(),
        s(copy, "id").into(),
        s(other[0], "id").into(),
    )
}

#[test]
fn explain_shows_why_two_documents_are_or_are_not_copies() {
    let (a, b, stranger) = copy_pair_and_stranger();
    let input = syndication();
    let input = input.to_str().expect("path");
    let out = ok(&["explain", input, "--a", &a, "--b", &b, "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_ne!(v["decision"], "not a copy", "{v}");
    assert!(v["jaccard"].as_f64().expect("jaccard") > 0.2, "{v}");
    assert!(
        !v["passages"].as_array().expect("passages").is_empty(),
        "{v}"
    );
    assert!(v["hamming"].as_u64().expect("hamming") <= 64);

    let out = ok(&[
        "explain", input, "--a", &a, "--b", &stranger, "--format", "json",
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["decision"], "not a copy", "{v}");

    let text = ok(&["explain", input, "--a", &a, "--b", &b]);
    let text = String::from_utf8_lossy(&text.stdout);
    for needle in [
        "Hamming distance",
        "Jaccard",
        "containment A in B",
        "shared passages",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
}

#[test]
fn explain_compares_two_files_and_names_a_missing_id() {
    let records = lines(&syndication());
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b, _) = copy_pair_and_stranger();
    let text_of = |id: &str| {
        records
            .iter()
            .find(|m| s(m, "id") == id)
            .map(|m| s(m, "text").to_owned())
            .expect("record")
    };
    let pa = dir.path().join("a.txt");
    let pb = dir.path().join("b.txt");
    std::fs::write(&pa, text_of(&a)).expect("write");
    std::fs::write(&pb, text_of(&b)).expect("write");
    let out = ok(&[
        "explain",
        pa.to_str().expect("p"),
        pb.to_str().expect("p"),
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_ne!(v["decision"], "not a copy", "{v}");

    let input = syndication();
    let out = copydesk(&[
        "explain",
        input.to_str().expect("p"),
        "--a",
        &a,
        "--b",
        "no-such-id",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-id"));
}
