//! `copydesk audit` end to end on a slice of corpus/syndication (generated from Reuters-21578;
//! see corpus/README.md) plus bad lines: accounting, determinism across thread counts, atomic
//! outputs, and the report's sections.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const OUTPUTS: [&str; 5] = [
    "report.html",
    "report.json",
    "clean.jsonl",
    "clusters.jsonl",
    "dropped.jsonl",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The first 120 generated pages, with two bad lines among them.
fn corpus(dir: &Path) -> (PathBuf, Vec<String>) {
    let text = fs::read_to_string(root().join("corpus/syndication/syndication_s7.jsonl"))
        .expect("corpus/syndication");
    let mut lines: Vec<String> = text.lines().take(120).map(str::to_owned).collect();
    lines.insert(40, "{\"id\": \"broken-1\", \"text\": ".to_owned());
    lines.insert(90, "not json at all".to_owned());
    let path = dir.join("slice.jsonl");
    fs::write(&path, lines.join("\n") + "\n").expect("write slice");
    let ids = text
        .lines()
        .take(120)
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("json")["id"]
                .as_str()
                .expect("id")
                .to_owned()
        })
        .collect();
    (path, ids)
}

fn audit(input: &Path, out: &Path, threads: usize) {
    let status = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["--threads", &threads.to_string(), "--quiet", "audit"])
        .arg(input)
        .arg("--out")
        .arg(out)
        .status()
        .expect("run copydesk");
    assert!(status.success(), "audit failed: {status}");
}

fn lines(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .expect("read output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// report.json without its `run` section, the one part allowed to differ.
fn report_without_run(dir: &Path) -> Value {
    let mut v: Value =
        serde_json::from_slice(&fs::read(dir.join("report.json")).expect("report.json"))
            .expect("JSON");
    v.as_object_mut().expect("object").remove("run");
    v
}

#[test]
fn every_document_is_kept_or_dropped_once_and_outputs_do_not_depend_on_threads() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (input, ids) = corpus(tmp.path());
    let outs: Vec<PathBuf> = [1, 2, 8]
        .iter()
        .map(|t| tmp.path().join(format!("out{t}")))
        .collect();
    for (out, threads) in outs.iter().zip([1, 2, 8]) {
        audit(&input, out, threads);
    }

    // Accounting: every id exactly once across clean.jsonl and dropped.jsonl, bad records too.
    let clean = lines(&outs[0].join("clean.jsonl"));
    let dropped = lines(&outs[0].join("dropped.jsonl"));
    let mut seen: Vec<String> = clean
        .iter()
        .chain(&dropped)
        .map(|r| r["id"].as_str().expect("id").to_owned())
        .collect();
    let bad: Vec<&Value> = dropped
        .iter()
        .filter(|d| d["reason"] == "input-error")
        .collect();
    assert_eq!(bad.len(), 2, "both bad lines are listed");
    assert!(bad.iter().all(|b| b["origin"]
        .as_str()
        .is_some_and(|o| o.contains("slice.jsonl:"))));
    seen.retain(|id| ids.contains(id));
    assert_eq!(seen.len(), ids.len());
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), ids.len());
    let report = report_without_run(&outs[0]);
    let s = &report["summary"];
    assert_eq!(s["documents_read"], 122);
    assert_eq!(s["errors"], 2);
    assert_eq!(
        s["documents_kept"].as_u64().expect("kept")
            + s["documents_dropped"].as_u64().expect("dropped"),
        122
    );
    assert_eq!(s["documents_kept"].as_u64(), Some(clean.len() as u64));
    // clean.jsonl holds bodies only: no page template survives in it.
    assert!(clean
        .iter()
        .all(|r| !r["text"].as_str().unwrap_or("").contains("Share  Tweet")));
    assert_eq!(lines(&outs[0].join("clusters.jsonl")).len(), ids.len());

    // Determinism: byte-identical outputs, report.json's run section aside.
    for other in &outs[1..] {
        for name in [
            "report.html",
            "clean.jsonl",
            "clusters.jsonl",
            "dropped.jsonl",
        ] {
            assert!(
                fs::read(outs[0].join(name)).expect("read")
                    == fs::read(other.join(name)).expect("read"),
                "{name} differs between thread counts"
            );
        }
        assert_eq!(report, report_without_run(other));
    }
    // Nothing but the five outputs is left behind (spools and temporary files removed).
    let mut names: Vec<String> = fs::read_dir(&outs[0])
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = OUTPUTS.iter().map(|s| (*s).to_owned()).collect();
    expected.sort();
    assert_eq!(names, expected);
}

#[test]
fn report_lists_template_lines_captions_and_clusters() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (input, _) = corpus(tmp.path());
    let out = tmp.path().join("out");
    audit(&input, &out, 2);
    let report = report_without_run(&out);
    for key in [
        "summary",
        "sources",
        "boilerplate",
        "captions",
        "clusters",
        "flags",
        "documents",
    ] {
        assert!(report.get(key).is_some(), "{key}");
    }
    assert_eq!(report["schema_version"], 1);
    let boilerplate = report["boilerplate"].as_array().expect("list");
    assert!(!boilerplate.is_empty());
    let docs: Vec<u64> = boilerplate
        .iter()
        .map(|b| b["documents"].as_u64().expect("n"))
        .collect();
    assert!(docs.windows(2).all(|w| w[0] >= w[1]), "sorted by documents");
    let clusters = report["clusters"].as_array().expect("list");
    assert!(!clusters.is_empty());
    for c in clusters {
        let members = c["members"].as_array().expect("members");
        assert_eq!(c["size"].as_u64(), Some(members.len() as u64));
        assert_eq!(c["earliest"], members[0]["id"], "earliest member first");
    }
    let html = fs::read_to_string(out.join("report.html")).expect("report.html");
    for section in [
        "overview",
        "sources",
        "clusters",
        "captions",
        "boilerplate",
        "flags",
    ] {
        assert!(
            html.contains(&format!("<section id=\"{section}\"")),
            "{section}"
        );
    }
}

#[test]
fn a_failed_run_leaves_the_previous_outputs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (input, _) = corpus(tmp.path());
    let out = tmp.path().join("out");
    audit(&input, &out, 2);
    let before = fs::read(out.join("report.json")).expect("report.json");
    // --on-error fail stops at the first bad line: nothing is replaced.
    let status = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["--quiet", "audit", "--on-error", "fail"])
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .status()
        .expect("run copydesk");
    assert_eq!(status.code(), Some(2));
    assert_eq!(
        fs::read(out.join("report.json")).expect("report.json"),
        before
    );
    assert_eq!(
        fs::read_dir(&out).expect("ls").count(),
        OUTPUTS.len(),
        "no temporary file left"
    );
}

#[test]
fn ids_and_sources_that_look_like_paths_write_nothing_outside_out() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let text =
        fs::read_to_string(root().join("corpus/syndication/syndication_s7.jsonl")).expect("corpus");
    let mut lines = Vec::new();
    for (i, line) in text.lines().take(12).enumerate() {
        let mut v: Value = serde_json::from_str(line).expect("json");
        v["id"] = Value::from(
            ["../../escape", "/tmp/abs-escape", "..\\..\\win"][i % 3].to_owned() + &i.to_string(),
        );
        v["source"] = Value::from("../outside");
        lines.push(v.to_string());
    }
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, lines.join("\n")).expect("write");
    let out = tmp.path().join("a/b/out");
    audit(&input, &out, 2);
    let mut top: Vec<String> = fs::read_dir(tmp.path())
        .expect("ls")
        .map(|e| e.expect("e").file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["a", "in.jsonl"]);
    assert_eq!(fs::read_dir(tmp.path().join("a")).expect("ls").count(), 1);
    assert_eq!(fs::read_dir(&out).expect("ls").count(), OUTPUTS.len());
    assert!(!Path::new("/tmp/abs-escape1").exists());
}

#[test]
fn a_run_killed_midway_leaves_whole_files_under_the_final_names() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (small, _) = corpus(tmp.path());
    let big = root().join("corpus/syndication/syndication_s7.jsonl");
    // The outputs of a finished run on the slice, and of one on the whole file.
    let out = tmp.path().join("out");
    let whole = tmp.path().join("whole");
    audit(&big, &whole, 2);
    for delay_ms in [400u64, 2500, 4500] {
        audit(&small, &out, 2);
        let previous: Vec<Vec<u8>> = OUTPUTS
            .iter()
            .map(|n| fs::read(out.join(n)).expect("read"))
            .collect();
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["--quiet", "audit"])
            .arg(&big)
            .arg("--out")
            .arg(&out)
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        for (name, before) in OUTPUTS.iter().zip(&previous) {
            let now = fs::read(out.join(name)).expect("a final name never disappears");
            let finished = fs::read(whole.join(name)).expect("read");
            // report.json's run section (timings) differs between runs: compare the rest.
            let same = |a: &[u8], b: &[u8]| {
                if *name == "report.json" {
                    let strip = |x: &[u8]| {
                        let mut v: Value = serde_json::from_slice(x).expect("whole JSON");
                        v.as_object_mut().expect("object").remove("run");
                        v
                    };
                    strip(a) == strip(b)
                } else {
                    a == b
                }
            };
            assert!(
                same(&now, before) || same(&now, &finished),
                "{name} after a kill at {delay_ms} ms is neither the previous nor the finished file"
            );
        }
    }
}
