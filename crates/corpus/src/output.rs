//! A document's output record written as JSON, without building it.
//!
//! `clean`, `dedup` and `audit` write every document they keep as one JSON line: the input
//! record's fields with `text` replaced (see [`Document::to_output_record`]). Building that map
//! cloned the record for every document, and serde_json escapes a string a byte at a time: on
//! Reuters the escaping alone was 7% of `dedup`. Here the fields are written in place and a
//! string is copied in runs between the bytes JSON must escape, found eight at a time. The bytes
//! are those serde_json writes for the built map (tested).

use std::io;

use serde_json::Value;

use crate::document::Document;

/// Appends `doc`'s output record with `text` as its text: the bytes of
/// `serde_json::to_writer(out, &doc.to_output_record(text))`.
pub fn write_output_record(out: &mut Vec<u8>, doc: &Document, text: &str) -> io::Result<()> {
    out.push(b'{');
    let mut first = true;
    let mut key = |out: &mut Vec<u8>, k: &str| {
        if !first {
            out.push(b',');
        }
        first = false;
        push_json_str(out, k);
        out.push(b':');
    };
    for (k, value) in &doc.record {
        key(out, k);
        match k.as_str() {
            "id" => push_json_str(out, &doc.id),
            "text" => push_json_str(out, text),
            _ => push_json_value(out, value)?,
        }
    }
    let has = |k: &str| crate::fields::get(&doc.record, k).is_some();
    if !has("id") {
        key(out, "id");
        push_json_str(out, &doc.id);
    }
    if !has("text") {
        key(out, "text");
        push_json_str(out, text);
    }
    for (k, v) in doc.derived_fields() {
        if !has(k) {
            key(out, k);
            push_json_str(out, v);
        }
    }
    out.push(b'}');
    Ok(())
}

/// Any other field: as serde_json writes it (a nested string is rare and short).
fn push_json_value(out: &mut Vec<u8>, value: &Value) -> io::Result<()> {
    match value {
        Value::String(s) => {
            push_json_str(out, s);
            Ok(())
        }
        _ => serde_json::to_writer(&mut *out, value).map_err(io::Error::other),
    }
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it: `"` and `\`, the short forms
/// `\b \f \n \r \t`, `\u00XX` (lowercase hex) for the other control characters, nothing else.
pub fn push_json_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // The first byte to escape in the next eight, if any. The tests below may flag a byte
        // past a true one (a borrow runs upwards), never one before it: only the lowest flag
        // is used, and the next word is loaded after it.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            let flags = needs_escape(u64::from_le_bytes(w));
            if flags == 0 {
                i += 8;
                continue;
            }
            i += (flags.trailing_zeros() / 8) as usize;
        } else if !escaped(bytes[i]) {
            i += 1;
            continue;
        }
        out.extend_from_slice(&bytes[run..i]);
        push_escape(out, bytes[i]);
        i += 1;
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = ONES * 0x80;

/// High bits on the bytes of `x` below 0x20, equal to `"` or to `\` (the lowest is exact).
#[inline]
fn needs_escape(x: u64) -> u64 {
    let below = |v: u64, n: u8| v.wrapping_sub(ONES * u64::from(n)) & !v & HIGH;
    below(x, 0x20)
        | below(x ^ (ONES * u64::from(b'"')), 1)
        | below(x ^ (ONES * u64::from(b'\\')), 1)
}

fn escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

fn push_escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\t' => out.extend_from_slice(b"\\t"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0C => out.extend_from_slice(b"\\f"),
        _ => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(b >> 4)],
            HEX[usize::from(b & 0xF)],
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Corpus, ReadOptions};

    fn ours(s: &str) -> String {
        let mut out = Vec::new();
        push_json_str(&mut out, s);
        String::from_utf8(out).expect("escaped text is UTF-8")
    }

    #[test]
    fn strings_escape_as_serde_json_escapes_them() {
        let mut cases: Vec<String> = (0u8..0x80).map(|b| char::from(b).to_string()).collect();
        cases.extend(
            [
                "",
                "plain ASCII text, longer than eight bytes",
                "\"quoted\" and back\\slash",
                "tab\there\nnew line\r\n\u{7f}\u{1f}\u{0}",
                "é “curly” — dash, 日本語, emoji 🎉 and \u{2028}",
                "12345678\"12345678\\",
                "1234567\n",
            ]
            .map(String::from),
        );
        // Every position of a byte to escape within and across eight-byte words.
        for n in 0..20 {
            for b in ["\"", "\\", "\n", "\u{1}"] {
                cases.push(format!("{}{b}{}", "a".repeat(n), "b".repeat(20 - n)));
                cases.push(format!("{}{b}{b}", "é".repeat(n)));
            }
        }
        for s in cases {
            assert_eq!(
                ours(&s),
                serde_json::to_string(&s).expect("serialise"),
                "{s:?}"
            );
        }
    }

    /// Records of every field shape (missing id or text, nested and non-string fields, text read
    /// from another field) written both ways.
    #[test]
    fn records_are_written_as_the_built_map_serialises() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("in.jsonl");
        let lines = [
            r#"{"id":"a1","text":"Oil rose.\nPrices up.","url":"https://www.example.com/x","extra":[1,{"b":"\"q\"\n"}]}"#,
            r#"{"text":"No id here \u00e9 \"quoted\"","date":"1987-03-02","title":"T","source":"S"}"#,
            r#"{"meta":{"k":null},"id":7,"html":"<p>Body text</p>","title":""}"#,
            r#"{"text":"x","id":"dup","id2":"y","url":"","date":"","num":1.5e300,"flag":true}"#,
            r#"{"content":"from content\t","metadata":{"url":"https://a.example.org/p"}}"#,
        ];
        std::fs::write(&path, lines.join("\n")).expect("write fixture");
        let corpus = Corpus::open(&[path.display().to_string()], ReadOptions::default())
            .expect("open fixture");
        let mut n = 0;
        for record in corpus {
            let doc = record.expect("fixture record");
            for text in [doc.content.as_str(), "kept \"body\"\n\nsecond"] {
                let built = serde_json::to_string(&doc.to_output_record(text)).expect("built");
                let mut direct = Vec::new();
                write_output_record(&mut direct, &doc, text).expect("write");
                assert_eq!(String::from_utf8(direct).expect("UTF-8"), built);
            }
            n += 1;
        }
        assert_eq!(n, lines.len());
    }
}
