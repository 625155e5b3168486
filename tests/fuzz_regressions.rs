//! Replays the inputs the fuzzers found (`fuzz/regressions/<target>/`, see fuzz/README.md)
//! through the same checks the fuzz targets run, on every test run, with no fuzzer needed.

use std::fs;
use std::path::PathBuf;

use copydesk_corpus::InputKind;

#[allow(dead_code)] // the replay uses every check, but through a table
#[path = "../fuzz/checks.rs"]
mod checks;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, fs::read(&path).expect("read input"))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no inputs", dir.display());
    files
}

fn replay(target: &str, check: impl Fn(&[u8])) {
    for (name, data) in inputs(target) {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&data)));
        assert!(
            outcome.is_ok(),
            "fuzz/regressions/{target}/{name} fails its check again"
        );
    }
}

#[test]
fn segment_text_inputs() {
    replay("segment_text", checks::segment_text);
}

#[test]
fn segment_html_inputs() {
    replay("segment_html", checks::segment_html);
}

#[test]
fn read_jsonl_inputs() {
    replay("read_jsonl", |d| checks::read(InputKind::Jsonl, d));
}

#[test]
fn read_warc_inputs() {
    replay("read_warc", |d| checks::read(InputKind::Warc, d));
}

#[test]
fn read_html_file_inputs() {
    replay("read_html_file", |d| checks::read(InputKind::HtmlFile, d));
}
