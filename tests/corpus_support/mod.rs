//! Shared helpers of the corpus and stats end-to-end tests: run the built binary, and write the
//! same documents (taken from corpus/) in every input format copydesk reads.

#![allow(dead_code)] // each test file uses a different part of it

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use serde_json::{Map, Value};

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// The stdout of `stats --format json`.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}): {}\nstderr: {}",
                self.stdout, self.stderr
            )
        })
    }
}

pub fn copydesk() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    c.env("NO_COLOR", "1");
    c
}

/// Runs copydesk with these arguments in `dir` (or the package root).
pub fn run_in(dir: Option<&Path>, args: &[&str]) -> Run {
    let mut c = copydesk();
    c.args(args).stdin(Stdio::null());
    if let Some(d) = dir {
        c.current_dir(d);
    }
    Run::from(c.output().expect("the copydesk binary runs"))
}

pub fn run(args: &[&str]) -> Run {
    run_in(None, args)
}

/// Runs copydesk with `input` on its stdin.
pub fn run_with_stdin(args: &[&str], input: &[u8]) -> Run {
    let mut child = copydesk()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the copydesk binary runs");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let data = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let out = child.wait_with_output().expect("copydesk finishes");
    writer.join().expect("stdin writer");
    Run::from(out)
}

/// `stats --format json` over `inputs`, asserting exit code 0.
pub fn stats(inputs: &[&str]) -> Value {
    let mut args = vec!["stats", "--format", "json", "--quiet"];
    args.extend_from_slice(inputs);
    let r = run(&args);
    assert_eq!(r.code, 0, "stats {inputs:?} failed: {}", r.stderr);
    r.json()
}

pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

pub fn syndication_path() -> PathBuf {
    corpus_dir().join("syndication/syndication_s7.jsonl")
}

/// The first `n` records of the syndication sample in corpus/.
pub fn syndication_records(n: usize) -> Vec<Map<String, Value>> {
    let file = fs::File::open(syndication_path()).expect("corpus/syndication sample");
    BufReader::new(file)
        .lines()
        .take(n)
        .map(|l| serde_json::from_str(&l.expect("readable")).expect("a JSON object per line"))
        .collect()
}

pub fn text_of(record: &Map<String, Value>) -> &str {
    record["text"].as_str().expect("text is a string")
}

pub fn jsonl(records: &[Map<String, Value>]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        serde_json::to_writer(&mut out, r).expect("serialisable");
        out.push(b'\n');
    }
    out
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).expect("in memory");
    gz.finish().expect("in memory")
}

pub fn zstd(bytes: &[u8]) -> Vec<u8> {
    zstd::encode_all(bytes, 3).expect("in memory")
}

/// A minimal HTML page holding `text`, one `<p>` per blank-line-separated block.
pub fn html_page(title: &str, text: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{}</title></head><body>",
        esc(title)
    );
    for block in text.split("\n\n") {
        page.push_str(&format!("<p>{}</p>\n", esc(block)));
    }
    page.push_str("</body></html>\n");
    page
}

/// One WARC/1.0 record with this block; `declared` overrides the Content-Length.
pub fn warc_record(
    kind: &str,
    id: &str,
    url: &str,
    block: &[u8],
    declared: Option<usize>,
) -> Vec<u8> {
    let content_type = if kind == "warcinfo" {
        "application/warc-fields"
    } else {
        "application/http; msgtype=response"
    };
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: 2020-01-15T12:00:00Z\r\nWARC-Target-URI: {url}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        declared.unwrap_or(block.len())
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

pub fn http_response(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut h = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    h.extend_from_slice(body);
    h
}

/// The records as a .warc.gz: a warcinfo record, then one gzip member per response.
pub fn warc_gz(records: &[Map<String, Value>]) -> Vec<u8> {
    let mut out = gzip(&warc_record(
        "warcinfo",
        "info",
        "",
        b"software: test\r\n",
        None,
    ));
    for (i, r) in records.iter().enumerate() {
        let url = r["url"].as_str().unwrap_or("https://example.com/");
        let page = html_page(r["title"].as_str().unwrap_or(""), text_of(r));
        let block = http_response("text/html; charset=utf-8", page.as_bytes());
        out.extend(gzip(&warc_record(
            "response",
            &format!("rec-{i}"),
            url,
            &block,
            None,
        )));
    }
    out
}

/// The records as Parquet (zstd): columns id, url, source, date, title, text.
pub fn write_parquet(path: &Path, records: &[Map<String, Value>]) {
    use parquet::basic::{Compression, ZstdLevel};
    use parquet::data_type::{ByteArray, ByteArrayType};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::parser::parse_message_type;

    let columns = ["id", "url", "source", "date", "title", "text"];
    let schema = parse_message_type(&format!(
        "message doc {{ {} }}",
        columns
            .iter()
            .map(|c| format!("optional binary {c} (UTF8);"))
            .collect::<String>()
    ))
    .expect("schema");
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_max_row_group_row_count(Some(20)) // several row groups
        .build();
    let file = fs::File::create(path).expect("create parquet");
    let mut writer =
        SerializedFileWriter::new(file, Arc::new(schema), Arc::new(props)).expect("writer");
    for chunk in records.chunks(20) {
        let mut group = writer.next_row_group().expect("row group");
        for name in columns {
            let mut values = Vec::new();
            let mut defs = Vec::new();
            for r in chunk {
                match r.get(name).and_then(Value::as_str) {
                    Some(s) => {
                        values.push(ByteArray::from(s));
                        defs.push(1i16);
                    }
                    None => defs.push(0),
                }
            }
            let mut column = group.next_column().expect("column").expect("column exists");
            column
                .typed::<ByteArrayType>()
                .write_batch(&values, Some(&defs), None)
                .expect("write column");
            column.close().expect("close column");
        }
        group.close().expect("close row group");
    }
    writer.close().expect("close parquet");
}

pub fn write(path: &Path, bytes: &[u8]) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("mkdir");
    }
    fs::write(path, bytes).expect("write fixture");
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}
