//! Writing a document back out as a JSON record (`clean` and the like): the input record's
//! fields with `text` replaced, serialised without building the record first.

use std::io::{self, Write};

use serde_json::Value;

use crate::document::Document;

/// [`Document::to_output_record`] written as compact JSON without building it: the record's
/// fields in their order with `id` and `text` replaced in place (appended when absent), then
/// `url`, `source`, `date` and `title` when the record lacks them. Byte-identical to
/// serialising the built map with `serde_json` (tested), without cloning the record (an HTML
/// record's page is most of its bytes) and with strings escaped a chunk at a time: serde_json
/// escapes byte by byte, which was a sixth of `clean`'s instructions on Scrapinghub's pages.
pub struct OutputRecord<'a> {
    doc: &'a Document,
    text: &'a str,
}

impl Document {
    /// The record `to_output_record(text)` builds, ready to be written.
    pub fn output_record<'a>(&'a self, text: &'a str) -> OutputRecord<'a> {
        OutputRecord { doc: self, text }
    }
}

impl OutputRecord<'_> {
    /// Writes the record as one line of compact JSON (no newline).
    pub fn write_to<W: Write>(&self, out: &mut W) -> io::Result<()> {
        let doc = self.doc;
        let mut fields = Fields { out, first: true };
        for (key, value) in &doc.record {
            match key.as_str() {
                "id" => fields.string(key, &doc.id)?,
                "text" => fields.string(key, self.text)?,
                _ => fields.value(key, value)?,
            }
        }
        if !doc.record.contains_key("id") {
            fields.string("id", &doc.id)?;
        }
        if !doc.record.contains_key("text") {
            fields.string("text", self.text)?;
        }
        for (key, value) in [
            ("url", &doc.url),
            ("source", &doc.source),
            ("date", &doc.date),
            ("title", &doc.title),
        ] {
            if let Some(v) = value {
                if !doc.record.contains_key(key) {
                    fields.string(key, v)?;
                }
            }
        }
        if fields.first {
            fields.out.write_all(b"{")?;
        }
        fields.out.write_all(b"}")
    }
}

/// The fields of one JSON object being written.
struct Fields<'w, W: Write> {
    out: &'w mut W,
    first: bool,
}

impl<W: Write> Fields<'_, W> {
    fn key(&mut self, key: &str) -> io::Result<()> {
        self.out.write_all(if self.first { b"{" } else { b"," })?;
        self.first = false;
        write_json_str(self.out, key)?;
        self.out.write_all(b":")
    }

    fn string(&mut self, key: &str, value: &str) -> io::Result<()> {
        self.key(key)?;
        write_json_str(self.out, value)
    }

    fn value(&mut self, key: &str, value: &Value) -> io::Result<()> {
        match value {
            Value::String(s) => self.string(key, s),
            other => {
                self.key(key)?;
                serde_json::to_writer(&mut *self.out, other).map_err(io::Error::from)
            }
        }
    }
}

/// Whether JSON needs `b` escaped in a string: control characters, '"' and '\'.
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Writes `s` as a JSON string literal, escaped exactly as serde_json escapes it (short forms
/// for `\" \\ \b \f \n \r \t`, `\u00xx` in lowercase hex for other control characters,
/// everything else as is). Runs of 16 bytes with nothing to escape are checked at once, and
/// the literal is built in memory and written with one call: HTML has an escape every 24
/// bytes or so, and two writes through the output's layers for each cost more than the scan.
pub fn write_json_str<W: Write + ?Sized>(out: &mut W, s: &str) -> io::Result<()> {
    let mut buf = Vec::with_capacity(s.len() + s.len() / 8 + 2);
    escape_json_str(&mut buf, s);
    out.write_all(&buf)
}

/// Appends `s` to `buf` as a JSON string literal (see [`write_json_str`]).
fn escape_json_str(buf: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    buf.push(b'"');
    let mut start = 0;
    for (c, chunk) in bytes.chunks(16).enumerate() {
        if !chunk.iter().fold(false, |any, &b| any | needs_escape(b)) {
            continue;
        }
        for (k, &b) in chunk.iter().enumerate() {
            if !needs_escape(b) {
                continue;
            }
            let at = c * 16 + k;
            buf.extend_from_slice(&bytes[start..at]);
            start = at + 1;
            match b {
                b'"' => buf.extend_from_slice(b"\\\""),
                b'\\' => buf.extend_from_slice(b"\\\\"),
                0x08 => buf.extend_from_slice(b"\\b"),
                0x0c => buf.extend_from_slice(b"\\f"),
                b'\n' => buf.extend_from_slice(b"\\n"),
                b'\r' => buf.extend_from_slice(b"\\r"),
                b'\t' => buf.extend_from_slice(b"\\t"),
                _ => buf.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xf)],
                ]),
            }
        }
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Corpus, ReadOptions};

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        write_json_str(&mut out, s).expect("write to a Vec");
        String::from_utf8(out).expect("UTF-8 in, UTF-8 out")
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut every_ascii = String::new();
        for b in 0u8..128 {
            every_ascii.push(char::from(b));
        }
        let long_html =
            "<p class=\"lead\">Oil rose.</p>\n\t<a href='x'>\\more</a>\r\u{7f}".repeat(9);
        for s in [
            "",
            "plain text longer than sixteen bytes, nothing to escape",
            "\"",
            "ends with a quote\"",
            "é \u{2028} 日本語 \u{1f600}",
            every_ascii.as_str(),
            long_html.as_str(),
        ] {
            let expected = serde_json::to_string(s).expect("serialise");
            assert_eq!(escaped(s), expected, "{s:?}");
        }
    }

    /// Every field a record has or lacks: the written line equals serialising the built map.
    #[test]
    fn output_records_are_written_as_serde_json_writes_the_built_map() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("in.jsonl");
        let lines = [
            r#"{"id":"a1","text":"Oil rose.\nPrices up.","url":"https://www.example.com/x","extra":[1,{"b":"\u0001\"q\""}]}"#,
            r#"{"text":"No id here \u00e9 \"quoted\"","date":"1987-03-02","title":"T","source":"S"}"#,
            r#"{"meta":{"k":null},"id":7,"html":"<p>Body \\ text</p>\r\n","title":""}"#,
            r#"{"text":"x","id":"dup","id2":"y","url":"","date":"","num":1.5e300,"k\"ey":true}"#,
        ];
        std::fs::write(&path, lines.join("\n")).expect("write fixture");
        let corpus = Corpus::open(&[path.display().to_string()], ReadOptions::default())
            .expect("open fixture");
        let mut n = 0;
        for record in corpus {
            let doc = record.expect("fixture record");
            for text in ["", "Cleaned \"body\"\n\nsecond\tparagraph \u{1}"] {
                let built =
                    serde_json::to_vec(&doc.to_output_record(text)).expect("serialise built");
                let mut written = Vec::new();
                doc.output_record(text)
                    .write_to(&mut written)
                    .expect("write to a Vec");
                assert_eq!(
                    String::from_utf8_lossy(&written),
                    String::from_utf8_lossy(&built)
                );
            }
            n += 1;
        }
        assert_eq!(n, lines.len());
    }
}
