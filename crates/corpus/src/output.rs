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
    write_record(out, doc, text, None)
}

/// Appends `doc`'s output record with its whole text, as [`write_output_record`] with
/// `doc.content` writes it; the text is copied from the literal it was read from when those
/// are the same bytes (`Document::content_json`), instead of being escaped again.
pub fn write_output_record_as_read(out: &mut Vec<u8>, doc: &Document) -> io::Result<()> {
    let Some(compact) = doc.record_json.as_deref() else {
        return write_record(out, doc, doc.content.as_str(), doc.content_json.as_deref());
    };
    // `{...}` holding `id` and `text` (never empty): the derived fields the record lacks go
    // before its closing brace, as `write_record` adds them after its keys.
    out.extend_from_slice(compact.strip_suffix('}').unwrap_or(compact).as_bytes());
    for (k, v) in doc.derived_fields() {
        if doc.record.get(k).is_none() {
            out.push(b',');
            push_json_str(out, k);
            out.push(b':');
            push_json_str(out, v);
        }
    }
    out.push(b'}');
    Ok(())
}

/// `literal`, when given, is `text` as a JSON string literal.
fn write_record(
    out: &mut Vec<u8>,
    doc: &Document,
    text: &str,
    literal: Option<&str>,
) -> io::Result<()> {
    let push_text = |out: &mut Vec<u8>| match literal {
        Some(literal) => out.extend_from_slice(literal.as_bytes()),
        None => push_json_str(out, text),
    };
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
    for (k, value) in doc.record.iter() {
        key(out, k);
        match k.as_str() {
            "id" => push_json_str(out, &doc.id),
            "text" => push_text(out),
            _ => push_json_value(out, value)?,
        }
    }
    let has = |k: &str| doc.record.get(k).is_some();
    if !has("id") {
        key(out, "id");
        push_json_str(out, &doc.id);
    }
    if !has("text") {
        key(out, "text");
        push_text(out);
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
    loop {
        let i = next_escaped(bytes, run);
        let Some(&b) = bytes.get(i) else { break };
        out.extend_from_slice(&bytes[run..i]);
        push_escape(out, b);
        run = i + 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// The index of the first byte at or after `i` that JSON escapes (`bytes.len()` when none),
/// sixteen bytes at a time, then eight: the string writer and the string reader both skip to it.
#[inline]
fn next_escaped(bytes: &[u8], mut i: usize) -> usize {
    // The tests may flag a byte past a true one (a borrow runs upwards), never one before it:
    // only the lowest flag is used.
    while let Some(chunk) = bytes.get(i..i + 16) {
        let mut w = [0u8; 16];
        w.copy_from_slice(chunk);
        let x = u128::from_le_bytes(w);
        let (low, high) = (needs_escape(x as u64), needs_escape((x >> 64) as u64));
        if low | high != 0 {
            let at = if low != 0 {
                low.trailing_zeros()
            } else {
                64 + high.trailing_zeros()
            };
            return i + (at / 8) as usize;
        }
        i += 16;
    }
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let flags = needs_escape(u64::from_le_bytes(w));
        if flags != 0 {
            return i + (flags.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && !escaped(bytes[i]) {
        i += 1;
    }
    i
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = ONES * 0x80;

/// High bits on the bytes of `x` below 0x20, equal to `"` or to `\` (the lowest is exact).
/// Flipping bit 1 takes `"` (0x22) to 0x20 and keeps the control characters below 0x20 while
/// taking 0x20, 0x21 and 0x23 to 0x22, 0x23 and 0x21: one test, below 0x21, finds both.
#[inline]
fn needs_escape(x: u64) -> u64 {
    let below = |v: u64, n: u8| v.wrapping_sub(ONES * u64::from(n)) & !v & HIGH;
    below(x ^ (ONES * 0x02), 0x21) | below(x ^ (ONES * u64::from(b'\\')), 1)
}

/// Decodes the JSON string whose opening quote is at `start` in `text`, and tells whether its
/// literal is the bytes [`push_json_str`] writes for what it decodes to: true when its only
/// escapes are the ones serde_json writes (`\"`, `\\`, `\b \f \n \r \t`, and `\u00xx` in
/// lowercase for the other control characters; every other character is written as itself).
/// Returns the string, that flag and the offset just past the closing quote; `capacity` is
/// reserved first (the caller knows when the string is most of the text). One pass finds the
/// end, checks and decodes. `None` for anything serde_json might read otherwise or refuse (a
/// raw control character, an unknown escape, an unpaired surrogate, no closing quote): the
/// caller then reads the record with serde_json, whose result or error stands.
pub(crate) fn decode_json_string(
    text: &str,
    start: usize,
    capacity: usize,
) -> Option<(String, bool, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(start) != Some(&b'"') {
        return None;
    }
    let mut run = start + 1;
    // The next quote, backslash or control character; none: no closing quote.
    let mut i = next_escaped(bytes, run);
    if *bytes.get(i)? == b'"' {
        // No escape (keys, most short values): one exact copy.
        let s = text.get(run..i)?;
        let mut out = String::with_capacity(capacity.max(s.len()));
        out.push_str(s);
        return Some((out, true, i + 1));
    }
    let mut out = String::with_capacity(capacity.max(i - run + 16));
    let mut as_read = true;
    loop {
        let &b = bytes.get(i)?;
        // Quotes and backslashes are ASCII: `run..i` ends on a character boundary.
        out.push_str(text.get(run..i)?);
        match b {
            b'"' => return Some((out, as_read, i + 1)),
            b'\\' => {
                let (decoded, len, canonical) = decode_escape(bytes.get(i + 1..)?)?;
                out.push(decoded);
                as_read &= canonical;
                i += 1 + len;
                run = i;
            }
            _ => return None, // a raw control character: serde_json refuses it
        }
        i = next_escaped(bytes, i);
    }
}

/// [`decode_json_string`] of a whole literal, quotes included.
#[cfg(test)]
fn decode_json_literal(literal: &str) -> Option<(String, bool)> {
    let (decoded, as_read, end) = decode_json_string(literal, 0, literal.len())?;
    (end == literal.len()).then_some((decoded, as_read))
}

/// The escape after a backslash: its character, its length and whether serde_json writes that
/// character so.
fn decode_escape(rest: &[u8]) -> Option<(char, usize, bool)> {
    let short = |c| Some((c, 1, true));
    match rest.first()? {
        b'"' => short('"'),
        b'\\' => short('\\'),
        b'b' => short('\u{8}'),
        b'f' => short('\u{c}'),
        b'n' => short('\n'),
        b'r' => short('\r'),
        b't' => short('\t'),
        b'/' => Some(('/', 1, false)),
        b'u' => {
            let hex = |at: usize| -> Option<u32> {
                let digits = rest.get(at..at + 4)?;
                if !digits.iter().all(u8::is_ascii_hexdigit) {
                    return None;
                }
                u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
            };
            let unit = hex(1)?;
            match unit {
                0xD800..=0xDBFF => {
                    if rest.get(5..7)? != b"\\u" {
                        return None;
                    }
                    let low = hex(7)?;
                    if !(0xDC00..=0xDFFF).contains(&low) {
                        return None;
                    }
                    let c = char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?;
                    Some((c, 11, false))
                }
                _ => {
                    let c = char::from_u32(unit)?;
                    // Written so only for a control character without a short form, in
                    // lowercase hex.
                    let canonical = unit < 0x20
                        && !matches!(unit, 0x08 | 0x09 | 0x0A | 0x0C | 0x0D)
                        && rest[1..5].iter().all(|d| !d.is_ascii_uppercase());
                    Some((c, 5, canonical))
                }
            }
        }
        _ => None,
    }
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
    fn the_escape_scan_stops_at_the_first_byte_to_escape() {
        for b in 0u8..=255 {
            for at in 0..40 {
                let mut bytes = vec![b'a'; 40];
                bytes[at] = b;
                let want = if escaped(b) { at } else { 40 };
                assert_eq!(next_escaped(&bytes, 0), want, "{b:#x} at {at}");
                // Every byte value behind the first one to escape.
                bytes
                    .iter_mut()
                    .skip(at + 1)
                    .for_each(|x| *x = b.wrapping_add(at as u8));
                if escaped(b) {
                    assert_eq!(next_escaped(&bytes, 0), at, "{b:#x} at {at}");
                }
            }
        }
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

    /// Literals of every escape: decoded as serde_json decodes them, and called "written as
    /// read" exactly when `push_json_str` writes them back byte for byte.
    #[test]
    fn literals_decode_as_serde_json_decodes_them() {
        let mut cases: Vec<String> = [
            r#""""#,
            r#""plain text, longer than eight bytes""#,
            r#""Oil rose.\nPrices \"up\" \\ 5%\r\t\b\f""#,
            r#""caf\u00e9 \u00E9 a\/b \u000a \u001f \u001F \u0000 \u0008 \u007f \u2028""#,
            r#""emoji \ud83c\udf89 and é “curly” 日本語""#,
            r#""12345678\n12345678\\1234567\"""#,
        ]
        .map(String::from)
        .to_vec();
        for n in 0..20 {
            for e in ["\\n", "\\\\", "\\u0001", "\\/", "\\u00e9"] {
                cases.push(format!("\"{}{e}{}\"", "a".repeat(n), "é".repeat(20 - n)));
            }
        }
        for b in 0u8..0x20 {
            for hex in [format!("{b:04x}"), format!("{b:04X}")] {
                cases.push(format!("\"x\\u{hex}y\""));
            }
        }
        for literal in cases {
            let theirs: String = serde_json::from_str(&literal).expect("valid literal");
            let (decoded, as_read) = decode_json_literal(&literal).expect("decodes");
            assert_eq!(decoded, theirs, "{literal}");
            assert_eq!(as_read, ours(&theirs) == literal, "{literal}");
        }
        // Unpaired surrogates are left to serde_json.
        for literal in [r#""\ud800""#, r#""\udc00x""#, r#""\ud800\u0041""#] {
            assert!(decode_json_literal(literal).is_none(), "{literal}");
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
            r#"{"text":"caf\u00e9 a\/b \u001F \u001f\n","id":"esc","text":"later \u00e9"}"#,
            r#"{"id":"e2","text":"\"quoted\"\n\u0007 \ud83c\udf89","k":"v","k":{"n":-0,"x":1e5}}"#,
            r#"{"id":"e3","text":null,"content":"from content","text2":"x"}"#,
            r#"{"id":"c1", "title": "T", "text": "Body \"q\"\n", "topics": ["a", "b"], "url": "https://x.example.com/p", "n": null}"#,
            r#"{"id":"c2","text":"Body","date":"1987-03-02","source":"S","t":[]}"#,
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
            let built =
                serde_json::to_string(&doc.to_output_record(doc.content.as_str())).expect("built");
            let mut as_read = Vec::new();
            write_output_record_as_read(&mut as_read, &doc).expect("write");
            assert_eq!(String::from_utf8(as_read).expect("UTF-8"), built);
            if doc.id.starts_with('c') {
                assert!(doc.record_json.is_some(), "{}", doc.id);
            }
            n += 1;
        }
        assert_eq!(n, lines.len());
    }
}
