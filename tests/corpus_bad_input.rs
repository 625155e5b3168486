//! Bad and hostile input: every bad record is reported as `path:position: what`, counted, and
//! the run goes on under `--on-error skip` (the default); good records around it are kept.

mod corpus_support;

use corpus_support::*;

/// Five good lines from corpus/, one broken JSON line and one invalid-UTF-8 line.
fn broken_jsonl() -> Vec<u8> {
    let good = jsonl(&syndication_records(5));
    let mut lines: Vec<Vec<u8>> = good
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(<[u8]>::to_vec)
        .collect();
    let mut broken = lines[1].clone();
    broken.truncate(broken.len() / 2); // line 3: cut in the middle of the record
    let mut latin1 = br#"{"id": "latin1", "text": "caf"#.to_vec(); // line 6: a Latin-1 byte in a JSON string
    latin1.extend_from_slice(b"\xe9 au lait\"}");
    lines.insert(2, broken);
    lines.insert(5, latin1);
    lines
        .iter()
        .flat_map(|l| l.iter().copied().chain([b'\n']))
        .collect()
}

#[test]
fn broken_and_invalid_utf8_lines_are_counted_and_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mixed.jsonl");
    write(&path, &broken_jsonl());
    let r = run(&["stats", "--format", "json", path_str(&path)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = r.json();
    assert_eq!(s["documents"], 5, "{s}");
    assert_eq!(s["errors"], 2, "{s}");
    let name = path_str(&path);
    assert!(
        r.stderr.contains(&format!("{name}:3: invalid JSON")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("{name}:6: invalid UTF-8")),
        "{}",
        r.stderr
    );
}

#[test]
fn on_error_fail_exits_2_at_the_first_bad_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mixed.jsonl");
    write(&path, &broken_jsonl());
    let r = run(&["stats", "--on-error", "fail", path_str(&path)]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("{}:3:", path_str(&path))),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains(":6:"),
        "stops at the first: {}",
        r.stderr
    );
    // A clean file passes under the same policy.
    let clean = dir.path().join("clean.jsonl");
    write(&clean, &jsonl(&syndication_records(5)));
    assert_eq!(
        run(&["stats", "--on-error", "fail", path_str(&clean)]).code,
        0
    );
}

#[test]
fn truncated_compressed_files_keep_the_documents_before_the_cut() {
    let records = syndication_records(200);
    let lines = jsonl(&records);
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, mut bytes) in [
        ("cut.jsonl.gz", gzip(&lines)),
        ("cut.jsonl.zst", zstd(&lines)),
    ] {
        bytes.truncate(bytes.len() * 2 / 3);
        let path = dir.path().join(name);
        write(&path, &bytes);
        let r = run(&["stats", "--format", "json", path_str(&path)]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let s = r.json();
        let docs = s["documents"].as_u64().expect("count");
        assert!(
            docs > 50 && docs < 200,
            "{name}: documents before the cut are kept: {s}"
        );
        assert_eq!(s["errors"], 1, "{name}: {s}");
        assert!(
            r.stderr.contains(&format!("{}:", path_str(&path)))
                && r.stderr.contains("compressed stream"),
            "{name}: {}",
            r.stderr
        );
        assert_eq!(
            run(&["stats", "--on-error", "fail", path_str(&path)]).code,
            2
        );
    }
}

#[test]
fn warc_records_with_a_wrong_content_length_are_reported_and_the_rest_read() {
    let page = |i: usize| html_page("t", &format!("Story number {i}.\n\nIt has two paragraphs."));
    let block = |i: usize| http_response("text/html", page(i).as_bytes());
    let url = |i: usize| format!("https://news{i}.example.org/story");
    let mut warc = warc_record("warcinfo", "info", "", b"software: test\r\n", None);
    warc.extend(warc_record("response", "1", &url(1), &block(1), None)); // record 2
    let short = block(2);
    warc.extend(warc_record(
        "response",
        "2",
        &url(2),
        &short,
        Some(short.len() - 30),
    )); // record 3: too short
    warc.extend(warc_record("response", "3", &url(3), &block(3), None)); // record 4
    let long = block(4);
    warc.extend(warc_record(
        "response",
        "4",
        &url(4),
        &long,
        Some(long.len() + 100),
    )); // record 5: too long
    warc.extend(warc_record("response", "5", &url(5), &block(5), None)); // record 6
    warc.extend(warc_record("response", "6", &url(6), &block(6), None)); // record 7
    let dir = tempfile::tempdir().expect("tempdir");
    let plain = dir.path().join("bad.warc");
    write(&plain, &warc);
    // The same records gzipped one member each, as crawlers write them.
    let gz = dir.path().join("bad.warc.gz");
    write(&gz, &gzip(&warc));
    for path in [plain, gz] {
        let r = run(&["stats", "--format", "json", path_str(&path)]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let s = r.json();
        assert_eq!(
            s["documents"], 4,
            "records 2, 4, 6 and 7 are read: {s}\n{}",
            r.stderr
        );
        assert_eq!(s["errors"], 2, "{s}\n{}", r.stderr);
        let name = path_str(&path);
        assert!(
            r.stderr.contains(&format!(
                "{name}:record 3: malformed WARC record: Content-Length"
            )),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains(&format!(
                "{name}:record 5: malformed WARC record: Content-Length"
            )),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn a_truncated_warc_keeps_the_records_before_the_cut() {
    let bytes =
        std::fs::read(corpus_dir().join("warc/scrapinghub-sample.warc.gz")).expect("corpus WARC");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cut.warc.gz");
    write(&path, &bytes[..bytes.len() - 2000]);
    let r = run(&["stats", "--format", "json", path_str(&path)]);
    let s = r.json();
    assert_eq!(s["documents"], 5, "{s}\n{}", r.stderr);
    assert_eq!(s["errors"], 1, "{s}");
    assert!(
        r.stderr.contains(&format!("{}:record ", path_str(&path))),
        "{}",
        r.stderr
    );
}

#[test]
fn html_declaring_a_charset_it_does_not_use_is_read_and_flagged() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Declares UTF-8 but is Latin-1: read with replacement characters, flagged as mis-encoded.
    let mut lying = b"<html><head><meta charset=\"utf-8\"></head><body><p>Caf".to_vec();
    lying.extend_from_slice(b"\xe9 cr\xe8me, d\xe9j\xe0 vu.</p></body></html>");
    write(&dir.path().join("pages/lying.html"), &lying);
    // Declares windows-1251 and is: read correctly, not flagged.
    let mut honest = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body><p>".to_vec();
    honest.extend_from_slice(b"\xcc\xee\xf1\xea\xe2\xe0</p></body></html>");
    write(&dir.path().join("pages/honest.html"), &honest);
    let s = stats(&[path_str(&dir.path().join("pages"))]);
    assert_eq!(s["documents"], 2, "{s}");
    assert_eq!(s["errors"], 0, "{s}");
    assert_eq!(s["decode_errors"], 1, "{s}");
    // The same lie in a WARC, where the HTTP header overrides the page.
    let block = http_response("text/html; charset=utf-8", &lying);
    let warc = warc_record("response", "x", "https://a.example.com/", &block, None);
    write(&dir.path().join("lying.warc"), &warc);
    let s = stats(&[path_str(&dir.path().join("lying.warc"))]);
    assert_eq!(
        (s["documents"].as_u64(), s["decode_errors"].as_u64()),
        (Some(1), Some(1)),
        "{s}"
    );
}

#[test]
fn empty_whitespace_only_and_duplicate_id_documents_are_all_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let records = syndication_records(3);
    let mut lines = jsonl(&records);
    lines.extend_from_slice(b"{\"id\": \"empty\", \"text\": \"\"}\n");
    lines.extend_from_slice(b"{\"id\": \"blank\", \"text\": \"  \\n\\t \\n\"}\n");
    lines.extend_from_slice(&jsonl(&records)); // the same three ids again
    lines.extend_from_slice(b"\n   \n"); // blank lines are not records
    write(&dir.path().join("in/docs.jsonl"), &lines);
    write(&dir.path().join("in/empty.txt"), b"");
    write(&dir.path().join("in/blank.txt"), b" \n\n \t\n");
    write(&dir.path().join("in/empty.html"), b"");
    let s = stats(&[path_str(&dir.path().join("in"))]);
    assert_eq!(s["documents"], 3 + 2 + 3 + 3, "{s}");
    assert_eq!(s["errors"], 0, "{s}");
}

#[test]
fn nul_bytes_long_lines_and_huge_documents_do_not_stop_the_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut data = Vec::new();
    // An escaped NUL is valid JSON; a raw NUL byte inside a string is not.
    data.extend_from_slice(b"{\"id\": \"nul-escaped\", \"text\": \"a\\u0000b\"}\n");
    data.extend_from_slice(b"{\"id\": \"nul-raw\", \"text\": \"a\x00b\"}\n");
    // A 50 MB single document.
    let big = "All work and no play makes a dull wire story. ".repeat(50 << 20 >> 6);
    data.extend(serde_json::to_vec(&serde_json::json!({"id": "big", "text": big})).expect("json"));
    data.push(b'\n');
    // A 10 MB last line with no newline, and not JSON.
    data.extend(std::iter::repeat_n(b'x', 10 << 20));
    let path = dir.path().join("hostile.jsonl");
    write(&path, &data);
    let r = run(&["stats", "--format", "json", path_str(&path)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = r.json();
    assert_eq!(s["documents"], 2, "{s}");
    assert_eq!(s["errors"], 2, "{s}");
    let name = path_str(&path);
    assert!(
        r.stderr.contains(&format!("{name}:2: invalid JSON")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("{name}:4: invalid JSON")),
        "{}",
        r.stderr
    );
    // A text file of NULs and a deeply nested HTML page are documents like any other.
    write(&dir.path().join("odd/nul.txt"), &[0u8; 1000]);
    write(
        &dir.path().join("odd/deep.html"),
        "<div>".repeat(100_000).as_bytes(),
    );
    let s = stats(&[path_str(&dir.path().join("odd"))]);
    assert_eq!(s["documents"], 2, "{s}");
}

#[test]
fn inputs_that_cannot_be_opened_are_usage_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = run(&["stats", path_str(&dir.path().join("missing.jsonl"))]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("missing.jsonl"), "{}", r.stderr);
    write(&dir.path().join("notes.md"), b"# not a corpus");
    let r = run(&["stats", path_str(&dir.path().join("notes.md"))]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    // A file that claims to be Parquet and is not: reported, counted, the run goes on.
    write(&dir.path().join("fake.parquet"), b"PAR1 but not really");
    let r = run(&[
        "stats",
        "--format",
        "json",
        path_str(&dir.path().join("fake.parquet")),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["errors"], 1);
    assert!(
        r.stderr.contains("fake.parquet: malformed Parquet data"),
        "{}",
        r.stderr
    );
}
