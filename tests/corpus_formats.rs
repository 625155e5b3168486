//! Every input format reads, and the same documents read the same whatever their container.

mod corpus_support;

use std::fs;
use std::io::Read;

use corpus_support::*;
use serde_json::Value;

const N: usize = 50;

/// The same 50 syndication documents as JSONL, .jsonl.gz, .jsonl.zst, a directory of .txt, a
/// directory of .html, .warc.gz and Parquet: `stats` counts 50 documents and no error in each.
#[test]
fn the_same_documents_count_the_same_in_every_format() {
    let records = syndication_records(N);
    assert_eq!(records.len(), N);
    let dir = tempfile::tempdir().expect("tempdir");
    let p = |name: &str| dir.path().join(name);
    let lines = jsonl(&records);
    write(&p("docs.jsonl"), &lines);
    write(&p("docs.jsonl.gz"), &gzip(&lines));
    write(&p("docs.jsonl.zst"), &zstd(&lines));
    for (i, r) in records.iter().enumerate() {
        write(
            &p(&format!("txt/{:02}/{i:03}.txt", i % 7)),
            text_of(r).as_bytes(),
        );
        let page = html_page(r["title"].as_str().unwrap_or(""), text_of(r));
        let ext = if i % 2 == 0 { "html" } else { "htm" };
        write(&p(&format!("html/{i:03}.{ext}")), page.as_bytes());
    }
    write(&p("docs.warc.gz"), &warc_gz(&records));
    write_parquet(&p("docs.parquet"), &records);

    let text_bytes: usize = records.iter().map(|r| text_of(r).len()).sum();
    for (input, format) in [
        ("docs.jsonl", "jsonl"),
        ("docs.jsonl.gz", "jsonl.gz"),
        ("docs.jsonl.zst", "jsonl.zst"),
        ("txt", "txt"),
        ("html", "html"),
        ("docs.warc.gz", "warc.gz"),
        ("docs.parquet", "parquet"),
    ] {
        let s = stats(&[path_str(&p(input))]);
        assert_eq!(s["documents"], N, "{input}: {s}");
        assert_eq!(s["errors"], 0, "{input}: {s}");
        assert_eq!(s["formats"][format], N, "{input}: {s}");
        if !matches!(format, "html" | "warc.gz") {
            // Plain text arrives byte for byte, whatever the container.
            assert_eq!(s["bytes"], text_bytes, "{input}: {s}");
        }
    }
    // All of them at once, mixed.
    let all: Vec<String> = [
        "docs.jsonl",
        "docs.jsonl.gz",
        "docs.jsonl.zst",
        "txt",
        "html",
        "docs.warc.gz",
        "docs.parquet",
    ]
    .iter()
    .map(|n| path_str(&p(n)).to_owned())
    .collect();
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    let s = stats(&refs);
    assert_eq!(s["documents"], 7 * N, "{s}");
    // Sources come from the records (JSONL, Parquet) or from the URL's domain (WARC); the
    // syndication outlets' domains are their own registrable domains, so both agree.
    let sources: u64 = s["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|v| v["documents"].as_u64().unwrap_or(0))
        .sum::<u64>()
        + s["documents_without_source"].as_u64().unwrap_or(0);
    assert!(sources <= 7 * N as u64);
    assert_eq!(
        s["documents_without_source"],
        2 * N,
        "txt and html files have no URL: {s}"
    );
}

/// The committed corpus/ reads in full, every format counted from the files themselves.
#[test]
fn corpus_folder_reads_every_format() {
    let corpus = corpus_dir();
    let syndication = fs::read_to_string(syndication_path()).expect("syndication sample");
    let mut gz = Vec::new();
    flate2::read::GzDecoder::new(
        fs::File::open(corpus.join("reuters/reuters21578-sample.jsonl.gz")).expect("reuters"),
    )
    .read_to_end(&mut gz)
    .expect("gunzip");
    let reuters = gz.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count();
    let html = fs::read_dir(corpus.join("scrapinghub"))
        .expect("scrapinghub")
        .count();
    let s = stats(&[path_str(&corpus)]);
    assert_eq!(s["errors"], 0, "{s}");
    assert_eq!(s["formats"]["jsonl"], syndication.lines().count(), "{s}");
    assert_eq!(s["formats"]["jsonl.gz"], reuters, "{s}");
    assert_eq!(s["formats"]["html"], html, "{s}");
    assert_eq!(s["formats"]["txt"], 1, "{s}");
    // The WARC holds responses for some of the Scrapinghub pages, among other record types.
    let warc = s["formats"]["warc.gz"].as_u64().expect("WARC documents");
    assert!(warc >= 1 && warc <= html as u64, "{s}");
    assert_eq!(
        s["documents"].as_u64(),
        Some(syndication.lines().count() as u64 + reuters as u64 + html as u64 + 1 + warc)
    );
    assert_eq!(
        s["html_documents"].as_u64(),
        Some(html as u64 + warc),
        "{s}"
    );
}

/// WARC documents take their id, URL, date and source from the record headers.
#[test]
fn warc_records_carry_their_headers() {
    let s = stats(&[path_str(
        &corpus_dir().join("warc/scrapinghub-sample.warc.gz"),
    )]);
    assert_eq!(s["errors"], 0, "{s}");
    assert_eq!(s["documents_without_source"], 0, "{s}");
    assert_eq!(s["dates"]["earliest"], "2020-01-15", "{s}");
    assert_eq!(s["dates"]["latest"], "2020-01-15", "{s}");
    let sources = s["sources"].as_array().expect("sources");
    assert!(
        sources.iter().any(|v| v["source"] == "aljazeera.com"),
        "registrable domain of www.aljazeera.com: {s}"
    );
}

/// `-` reads JSON Lines from stdin, compressed or not.
#[test]
fn stdin_reads_json_lines() {
    let records = syndication_records(N);
    let lines = jsonl(&records);
    for input in [lines.clone(), gzip(&lines), zstd(&lines)] {
        let r = run_with_stdin(&["stats", "--format", "json", "-"], &input);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let s = r.json();
        assert_eq!(s["documents"], N, "{s}");
        assert_eq!(s["formats"]["stdin"], N, "{s}");
    }
}

/// The field options reach nested fields (Dolma's `metadata.url`) and rename text.
#[test]
fn field_options_apply_to_json_lines_and_parquet() {
    let records = syndication_records(10);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut dolma = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let rec = serde_json::json!({
            "doc": format!("d{i}"),
            "body": text_of(r),
            "metadata": {"url": r["url"], "when": r["date"]},
        });
        dolma.extend(serde_json::to_vec(&rec).expect("json"));
        dolma.push(b'\n');
    }
    let path = dir.path().join("dolma.jsonl");
    write(&path, &dolma);
    let default = run(&["stats", "--format", "json", path_str(&path)]);
    assert_eq!(
        default.json()["errors"],
        10,
        "no default field holds the text"
    );
    assert!(
        default.stderr.contains("dolma.jsonl:1: no text"),
        "{}",
        default.stderr
    );
    let r = run(&[
        "stats",
        "--format",
        "json",
        "--text-field",
        "body",
        "--id-field",
        "doc",
        "--date-field",
        "metadata.when",
        path_str(&path),
    ]);
    let s = r.json();
    assert_eq!(s["documents"], 10, "{s}");
    assert_eq!(
        s["documents_without_source"], 0,
        "source from metadata.url: {s}"
    );
    assert_eq!(s["dates"]["undated"], 0, "{s}");

    // Parquet rows go through the same options.
    let renamed: Vec<_> = records
        .iter()
        .map(|r| {
            let mut m = r.clone();
            let text = m.remove("text").unwrap_or(Value::Null);
            m.insert("title".into(), text); // the text now sits in the `title` column
            m
        })
        .collect();
    let pq = dir.path().join("renamed.parquet");
    write_parquet(&pq, &renamed);
    let s = stats(&["--text-field", "title", path_str(&pq)]);
    assert_eq!(s["documents"], 10, "{s}");
}
