//! Hostile input through the whole pipeline (`audit`, and `segment` for the deepest HTML): each
//! bad record is named by file and record on stderr, the run goes on under the default
//! `--on-error skip`, nothing panics or overflows the stack, and every document read ends in
//! exactly one of `clean.jsonl` and `dropped.jsonl`.
//!
//! The text comes from corpus/ (Reuters-21578 stories, Scrapinghub benchmark pages).

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn reuters_texts() -> Vec<String> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(
        fs::File::open(root().join("corpus/reuters/reuters21578-sample.jsonl.gz"))
            .expect("corpus/reuters"),
    )
    .read_to_string(&mut text)
    .expect("gzip");
    text.lines()
        .take(40)
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("json")["text"]
                .as_str()
                .expect("text")
                .to_owned()
        })
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

fn copydesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("copydesk runs")
}

fn ids(path: &Path) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for line in fs::read_to_string(path).expect("output").lines() {
        let v: Value = serde_json::from_str(line).expect("json line");
        *out.entry(v["id"].as_str().expect("id").to_owned())
            .or_insert(0) += 1;
    }
    out
}

/// Writes a directory holding one of each hostile input the hardening issue lists.
fn hostile_corpus(dir: &Path, texts: &[String]) {
    let w = |name: &str, bytes: &[u8]| fs::write(dir.join(name), bytes).expect("write fixture");

    // JSON Lines: real stories, duplicate ids, empty and whitespace-only texts, a NUL escaped
    // in a string, a raw NUL byte (not JSON), invalid UTF-8, and a 10 MB last line without a
    // newline.
    let mut jsonl = Vec::new();
    for (i, t) in texts.iter().take(10).enumerate() {
        let id = format!("story-{}", i % 7); // ids 0..2 appear twice
        jsonl.extend(serde_json::to_vec(&json!({"id": id, "text": t})).expect("json"));
        jsonl.push(b'\n');
    }
    jsonl.extend_from_slice(
        b"{\"id\": \"empty\", \"text\": \"\"}\n{\"id\": \"blank\", \"text\": \" \\n\\t \"}\n",
    );
    jsonl.extend_from_slice(b"{\"id\": \"nul-escaped\", \"text\": \"before\\u0000after\"}\n");
    jsonl.extend_from_slice(b"{\"id\": \"nul-raw\", \"text\": \"before\x00after\"}\n");
    jsonl.extend_from_slice(b"{\"id\": \"bad-utf8\", \"text\": \"caf\xe9\"}\n");
    let long = texts
        .join("\n\n")
        .repeat((10 << 20) / texts.join("\n\n").len() + 1);
    jsonl.extend(serde_json::to_vec(&json!({"id": "ten-mb-line", "text": long})).expect("json"));
    w("pages.jsonl", &jsonl);

    // Truncated compressed files: the documents before the cut stand.
    let mut whole = Vec::new();
    for (i, t) in texts.iter().skip(10).take(20).enumerate() {
        whole.extend(
            serde_json::to_vec(&json!({"id": format!("gz-{i}"), "text": t})).expect("json"),
        );
        whole.push(b'\n');
    }
    let gz = gzip(&whole);
    w("cut.jsonl.gz", &gz[..gz.len() * 2 / 3]);
    let zst = zstd::encode_all(&whole[..], 3).expect("zstd");
    w("cut.jsonl.zst", &zst[..zst.len() * 2 / 3]);

    // A 50 MB single plain-text document, and one of NUL bytes.
    let big = texts
        .join("\n\n")
        .repeat((50 << 20) / texts.join("\n\n").len() + 1);
    w("fifty-mb.txt", big.as_bytes());
    w("nul.txt", &[0u8; 4096]);
    w("empty.txt", b"");
    w("whitespace.txt", b" \n\n\t \r\n");

    // HTML nested 100,000 deep around a real paragraph, and a page whose <meta> declares a
    // charset its bytes are not in (UTF-8 bytes declared windows-1251).
    let deep = format!(
        "<html><body>{}<p>{}</p>{}</body></html>",
        "<div>".repeat(100_000),
        texts[0],
        "</div>".repeat(100_000)
    );
    w("deep.html", deep.as_bytes());
    let lying = format!("<html><head><meta charset=\"windows-1251\"><title>Café</title></head><body><p>{} Café — “quoted”.</p></body></html>", texts[1]);
    w("lying-charset.html", lying.as_bytes());

    // A WARC from corpus/ whose first response record claims a Content-Length 1000 bytes short.
    let mut warc = Vec::new();
    flate2::read::MultiGzDecoder::new(
        fs::File::open(root().join("corpus/warc/scrapinghub-sample.warc.gz")).expect("corpus/warc"),
    )
    .read_to_end(&mut warc)
    .expect("gunzip warc");
    let text = String::from_utf8_lossy(&warc).into_owned();
    let response = text.find("WARC-Type: response").expect("a response record");
    let cl = response
        + text[response..].find("Content-Length: ").expect("length")
        + "Content-Length: ".len();
    let end = cl + text[cl..].find('\r').expect("line end");
    let claimed: usize = text[cl..end].trim().parse().expect("a number");
    let mut broken = warc[..cl].to_vec();
    broken.extend_from_slice((claimed - 1000).to_string().as_bytes());
    broken.extend_from_slice(&warc[end..]);
    w("short-length.warc", &broken);
}

#[test]
fn hostile_inputs_are_named_and_the_audit_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("hostile");
    fs::create_dir(&input).expect("mkdir");
    hostile_corpus(&input, &reuters_texts());
    let out = dir.path().join("out");
    let r = copydesk(&[
        "--quiet",
        "audit",
        input.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(0), "{stderr}");

    // Each bad record named by file and record.
    for expected in [
        "pages.jsonl:14: invalid JSON",
        "pages.jsonl:15: invalid UTF-8",
        "cut.jsonl.gz:",
        "cut.jsonl.zst:",
        "short-length.warc:record",
        "lying-charset.html: warning: bytes not valid in the declared charset",
    ] {
        assert!(
            stderr.contains(expected),
            "stderr lacks {expected:?}:\n{stderr}"
        );
    }

    // Accounting: read = kept + dropped, and every id once per occurrence.
    let report: Value =
        serde_json::from_str(&fs::read_to_string(out.join("report.json")).expect("report"))
            .expect("json");
    let s = &report["summary"];
    let read = s["documents_read"].as_u64().expect("read");
    assert_eq!(
        s["documents_kept"].as_u64().expect("kept")
            + s["documents_dropped"].as_u64().expect("dropped"),
        read
    );
    let clean = ids(&out.join("clean.jsonl"));
    let dropped = ids(&out.join("dropped.jsonl"));
    let listed: usize = clean.values().chain(dropped.values()).sum();
    assert_eq!(
        listed as u64, read,
        "clean + dropped lines = documents read"
    );
    for id in ["story-0", "story-1", "story-2"] {
        assert_eq!(
            clean.get(id).unwrap_or(&0) + dropped.get(id).unwrap_or(&0),
            2,
            "{id} is listed once per occurrence"
        );
    }
    for id in [
        "empty",
        "blank",
        "nul-escaped",
        "ten-mb-line",
        "fifty-mb.txt",
        "nul.txt",
        "empty.txt",
        "whitespace.txt",
        "deep.html",
        "lying-charset.html",
        "gz-0",
        "gz-1",
    ] {
        assert_eq!(
            clean.get(id).unwrap_or(&0) + dropped.get(id).unwrap_or(&0),
            1,
            "{id} is accounted for once"
        );
    }
    // The lying page is read, and flagged as mis-encoded in the report's documents.
    let flagged = report["documents"].as_array().expect("documents");
    assert!(
        flagged
            .iter()
            .any(|d| d["id"] == "lying-charset.html" && d.to_string().contains("mis-encoded")),
        "the mis-declared page is flagged mis-encoded"
    );
}

#[test]
fn html_nested_a_hundred_thousand_deep_segments_without_overflow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let texts = reuters_texts();
    let page = format!(
        "<html><body>{}<p>{}</p>{}</body></html>",
        "<div><span>".repeat(100_000),
        texts[2],
        "</span></div>".repeat(100_000)
    );
    let path = dir.path().join("deep.html");
    fs::write(&path, page).expect("write");
    let r = copydesk(&[
        "segment",
        path.to_str().expect("utf-8"),
        "--format",
        "jsonl",
    ]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let stdout = String::from_utf8_lossy(&r.stdout);
    let first_words: String = texts[2]
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        stdout.contains(&first_words),
        "the paragraph inside the nesting survives"
    );
}
