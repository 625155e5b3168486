//! `copydesk stats`: the inventory's figures, in JSON and text, on corpus/.

mod corpus_support;

use std::collections::HashMap;

use corpus_support::*;
use serde_json::Value;

#[test]
fn json_inventory_of_the_syndication_sample_matches_its_records() {
    let path = syndication_path();
    let text = std::fs::read_to_string(&path).expect("syndication sample");
    let records: Vec<serde_json::Map<String, Value>> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON object"))
        .collect();
    let s = stats(&[path_str(&path)]);
    assert_eq!(s["documents"], records.len(), "{s}");
    assert_eq!(s["errors"], 0);
    let bytes: usize = records.iter().map(|r| text_of(r).len()).sum();
    assert_eq!(s["bytes"], bytes);
    // Sources: the top 20 by count, then name; counts as in the records.
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for r in &records {
        *counts
            .entry(r["source"].as_str().expect("source"))
            .or_default() += 1;
    }
    assert_eq!(s["distinct_sources"], counts.len());
    let top = s["sources"].as_array().expect("sources");
    assert_eq!(top.len(), counts.len().min(20));
    let mut expected: Vec<(&str, u64)> = counts.into_iter().collect();
    expected.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (got, (source, n)) in top.iter().zip(&expected) {
        assert_eq!(got["source"], *source);
        assert_eq!(got["documents"], *n);
    }
    // Dates: the earliest and latest day of the records' ISO dates.
    let mut days: Vec<&str> = records
        .iter()
        .map(|r| &r["date"].as_str().expect("date")[..10])
        .collect();
    days.sort_unstable();
    assert_eq!(s["dates"]["earliest"], days[0]);
    assert_eq!(s["dates"]["latest"], days[days.len() - 1]);
    assert_eq!(s["dates"]["undated"], 0);
    assert_eq!(s["dates"]["unparsed"], 0);
}

#[test]
fn reuters_dates_are_understood() {
    let s = stats(&[path_str(
        &corpus_dir().join("reuters/reuters21578-sample.jsonl.gz"),
    )]);
    assert_eq!(s["dates"]["unparsed"], 0, "{s}");
    assert_eq!(s["dates"]["earliest"], "1987-02-26", "{s}");
}

#[test]
fn text_inventory_names_every_figure() {
    let r = run(&["stats", path_str(&corpus_dir())]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json = stats(&[path_str(&corpus_dir())]);
    let line = |key: &str| {
        r.stdout
            .lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("no `{key}` line in {}", r.stdout))
            .to_owned()
    };
    assert_eq!(
        line("documents"),
        format!("documents {}", json["documents"])
    );
    assert_eq!(line("errors"), "errors    0");
    assert!(line("formats").contains("warc.gz"), "{}", r.stdout);
    assert!(line("dates").contains(".."), "{}", r.stdout);
    assert!(
        !r.stdout.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
}

/// Same input, same figures, whatever the number of threads (only `seconds` may differ).
#[test]
fn figures_do_not_depend_on_the_thread_count() {
    let corpus = corpus_dir();
    let runs: Vec<Value> = ["1", "2", "8"]
        .iter()
        .map(|t| {
            let r = run(&[
                "stats",
                "--format",
                "json",
                "--threads",
                t,
                path_str(&corpus),
            ]);
            assert_eq!(r.code, 0, "{}", r.stderr);
            let mut v = r.json();
            v.as_object_mut().expect("object").remove("seconds");
            v
        })
        .collect();
    assert_eq!(runs[0], runs[1]);
    assert_eq!(runs[0], runs[2]);
}

#[test]
fn help_and_version_work() {
    let r = run(&["stats", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Examples:"), "{}", r.stdout);
    let r = run(&["--version"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("copydesk "), "{}", r.stdout);
    assert_eq!(run(&["stats"]).code, 2, "no input is bad usage");
    assert_eq!(run(&["stats", "--format", "xml", "corpus"]).code, 2);
}
