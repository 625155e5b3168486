//! The properties each fuzz target checks, shared with `tests/fuzz_regressions.rs` (which
//! replays the inputs kept in `fuzz/regressions/`), so that a kept input is checked exactly as
//! the fuzzer checked it.

use copydesk_corpus::{read_bytes, InputKind, ReadOptions};
use copydesk_segment::{DocContext, Input, Segmenter};

/// Built once: its vocabularies are read-only, as in the product.
fn segmenter() -> &'static Segmenter {
    static SEGMENTER: std::sync::OnceLock<Segmenter> = std::sync::OnceLock::new();
    SEGMENTER.get_or_init(Segmenter::default)
}

/// The plain-text segmenter: no panic, and every block's byte range lies inside the text, on
/// character boundaries, in order (the `segment` output contract).
pub fn segment_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let blocks = segmenter().segment(Input::Text(&text), &DocContext::default());
    let mut last_end = 0;
    for block in &blocks {
        if let (Some(start), Some(end)) = (block.start, block.end) {
            assert!(
                start <= end && end <= text.len(),
                "range {start}..{end} outside text"
            );
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            assert!(start >= last_end, "blocks out of order");
            last_end = end;
        }
    }
}

/// The HTML segmenter: no panic, no stack overflow on deep nesting, and the same labels for
/// the same page every time (determinism is part of the product's contract).
pub fn segment_html(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    let first = segmenter().segment(Input::Html(&html), &DocContext::default());
    let again = segmenter().segment(Input::Html(&html), &DocContext::default());
    assert_eq!(first.len(), again.len());
    for (a, b) in first.iter().zip(&again) {
        assert_eq!((&a.text, a.label), (&b.text, b.label));
    }
}

/// A reader on arbitrary bytes: no panic, and every bad record comes out as an error naming
/// the input, never silently lost.
pub fn read(kind: InputKind, data: &[u8]) {
    let records = read_bytes("fuzz-input", kind, data.to_vec(), &ReadOptions::default());
    for record in &records {
        if let Err(err) = record {
            assert!(
                err.to_string().starts_with("fuzz-input"),
                "unnamed error: {err}"
            );
        }
    }
}
