//! Raw records: the bytes of one record, cut from its container but not yet parsed.
//!
//! Readers only cut (cheap, sequential); parsing (JSON, charset decoding) happens afterwards,
//! in parallel, in `Corpus::next_batch`.

use serde_json::{Map, Value};

use crate::charset;
use crate::document::{Content, Document, Format, Origin};
use crate::domain::registrable_domain;
use crate::error::{ErrorKind, RecordError};
use crate::fields::{scalar_to_string, FieldChoice, FieldNames, FieldPath, Fields};
use crate::warc::{self, WarcResponse};

pub enum Payload {
    /// One line of a JSON Lines file, without its newline.
    JsonLine(Vec<u8>),
    /// A whole `.txt` file; `id` is its path relative to the directory named.
    TextFile { id: String, bytes: Vec<u8> },
    /// A whole `.html` file.
    HtmlFile { id: String, bytes: Vec<u8> },
    /// An HTML response cut from a WARC record, its HTTP payload still encoded.
    Warc(Box<WarcResponse>),
    /// A record a reader has already turned into a JSON object (a Parquet row).
    Record(Box<Map<String, Value>>),
}

pub struct RawRecord {
    pub origin: Origin,
    pub format: Format,
    pub payload: Payload,
}

impl RawRecord {
    pub fn size(&self) -> usize {
        match &self.payload {
            Payload::JsonLine(b) => b.len(),
            Payload::TextFile { bytes, .. } | Payload::HtmlFile { bytes, .. } => bytes.len(),
            Payload::Warc(w) => w.body.len(),
            // A row's size is not known without serialising it; its text dominates.
            Payload::Record(r) => r.values().map(|v| v.as_str().map_or(16, str::len)).sum(),
        }
    }
}

pub type Raw = Result<RawRecord, RecordError>;

pub fn parse(raw: RawRecord, fields: &FieldNames) -> Result<Document, RecordError> {
    let RawRecord {
        origin,
        format,
        payload,
    } = raw;
    match payload {
        Payload::Record(record) => {
            document_from_record(Fields::from(*record), None, None, origin, format, fields)
        }
        Payload::Warc(response) => parse_warc_response(*response, origin, format),
        Payload::JsonLine(bytes) => parse_json_line(&bytes, origin, format, fields),
        Payload::TextFile { id, bytes } => {
            let decoded = charset::decode_text(&bytes);
            Ok(file_document(
                id,
                Content::Text(decoded.text),
                decoded.had_errors,
                origin,
                format,
            ))
        }
        Payload::HtmlFile { id, bytes } => {
            let decoded = charset::decode_html(&bytes, None);
            Ok(file_document(
                id,
                Content::Html(decoded.text),
                decoded.had_errors,
                origin,
                format,
            ))
        }
    }
}

fn file_document(
    id: String,
    content: Content,
    decode_errors: bool,
    origin: Origin,
    format: Format,
) -> Document {
    let mut record = Fields::new();
    record.insert("id".into(), Value::String(id.clone()));
    Document {
        id,
        content,
        url: None,
        source: None,
        date: None,
        title: None,
        record,
        content_json: None,
        record_json: None,
        origin,
        format,
        decode_errors,
    }
}

/// Undoes the HTTP transfer and content encodings of a WARC response, then decodes its
/// charset: the HTTP `Content-Type` parameter first, then the page's `<meta>`.
fn parse_warc_response(
    response: WarcResponse,
    origin: Origin,
    format: Format,
) -> Result<Document, RecordError> {
    let WarcResponse {
        id,
        url,
        date,
        charset,
        chunked,
        content_encoding,
        body,
    } = response;
    let fail = |what: String| {
        Err(RecordError {
            origin: origin.clone(),
            id: Some(id.clone()),
            kind: ErrorKind::Warc(what),
        })
    };
    let body = if chunked {
        match warc::dechunk(&body) {
            Ok(b) => b,
            Err(what) => return fail(what),
        }
    } else {
        body
    };
    let body = match content_encoding.as_deref().map(str::trim) {
        None | Some("" | "identity" | "none") => body,
        Some("gzip" | "x-gzip") => {
            match read_bounded(flate2::read::MultiGzDecoder::new(&body[..])) {
                Ok(b) => b,
                Err(e) => return fail(format!("gzip Content-Encoding: {e}")),
            }
        }
        Some("deflate") => match read_bounded(flate2::read::ZlibDecoder::new(&body[..])) {
            Ok(b) => b,
            Err(_) => match read_bounded(flate2::read::DeflateDecoder::new(&body[..])) {
                Ok(b) => b,
                Err(e) => return fail(format!("deflate Content-Encoding: {e}")),
            },
        },
        Some(other) => return fail(format!("unsupported HTTP Content-Encoding `{other}`")),
    };
    let decoded = charset::decode_html(&body, charset.as_deref());
    let source = url.as_deref().and_then(registrable_domain);
    let mut record = Fields::new();
    record.insert("id".into(), Value::String(id.clone()));
    for (key, value) in [("url", &url), ("date", &date)] {
        if let Some(v) = value {
            record.insert(key.into(), Value::String(v.clone()));
        }
    }
    Ok(Document {
        id,
        content: Content::Html(decoded.text),
        url,
        source,
        date,
        title: None,
        record,
        content_json: None,
        record_json: None,
        origin,
        format,
        decode_errors: decoded.had_errors,
    })
}

/// Reads a decoder to its end, refusing to inflate past the WARC block limit (a zip bomb).
fn read_bounded(reader: impl std::io::Read) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    reader.take(warc::MAX_BLOCK + 1).read_to_end(&mut out)?;
    if out.len() as u64 > warc::MAX_BLOCK {
        return Err(std::io::Error::other(format!(
            "inflates past {} bytes",
            warc::MAX_BLOCK
        )));
    }
    Ok(out)
}

fn parse_json_line(
    bytes: &[u8],
    origin: Origin,
    format: Format,
    fields: &FieldNames,
) -> Result<Document, RecordError> {
    let fail = |kind| Err(RecordError::new(origin.clone(), kind));
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            return fail(ErrorKind::InvalidUtf8 {
                offset: e.valid_up_to(),
            })
        }
    };
    if let Some(read) = fast_record(text) {
        return document_from_record(
            read.fields,
            read.text_literal,
            read.compact,
            origin,
            format,
            fields,
        );
    }
    // Whatever the fast path refused is read as before, so that errors read the same.
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return fail(ErrorKind::InvalidJson(e.to_string())),
    };
    let Value::Object(record) = value else {
        return fail(ErrorKind::NotAnObject);
    };
    document_from_record(Fields::from(record), None, None, origin, format, fields)
}

/// A JSON object read field by field into [`Fields`], with a top-level `text` string also
/// kept as the literal it was read from when outputs would write it so. The object, its keys
/// and `text` are scanned here, in one pass over the text (serde_json would scan the text
/// literal once to find it and this decoder a second time); every other value is read by
/// serde_json. `None` for anything else (not an object, invalid JSON, a `text` that is not a
/// string, a value nested deeper than serde_json reads it inside a record): the caller reads
/// those through `Value`, whose result or error is the one reported.
fn fast_record(line: &str) -> Option<FastRecord<'_>> {
    let bytes = line.as_bytes();
    let mut i = skip_whitespace(bytes, 0);
    if bytes.get(i) != Some(&b'{') {
        return None;
    }
    i = skip_whitespace(bytes, i + 1);
    let mut pairs: Vec<(String, Value)> = Vec::with_capacity(8);
    let mut literal = None;
    let mut compact = Some(String::with_capacity(line.len()));
    push_compact(&mut compact, "{");
    if bytes.get(i) == Some(&b'}') {
        i += 1;
    } else {
        loop {
            if !pairs.is_empty() {
                push_compact(&mut compact, ",");
            }
            let (key, as_read, end) = crate::output::decode_json_string(line, i, 0)?;
            keep_literal(&mut compact, as_read, &line[i..end]);
            i = skip_whitespace(bytes, end);
            if bytes.get(i) != Some(&b':') {
                return None;
            }
            push_compact(&mut compact, ":");
            i = skip_whitespace(bytes, i + 1);
            let (value, end) = if key == "text" {
                let (decoded, as_read, end) =
                    crate::output::decode_json_string(line, i, line.len() - i)?;
                // The last `text` is the one kept, as a repeated key takes its last value.
                literal = as_read.then(|| &line[i..end]);
                keep_literal(&mut compact, as_read, &line[i..end]);
                (Value::String(decoded), end)
            } else {
                fast_value(line, i, &mut compact)?
            };
            pairs.push((key, value));
            i = skip_whitespace(bytes, end);
            match bytes.get(i) {
                Some(b',') => i = skip_whitespace(bytes, i + 1),
                Some(b'}') => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    if skip_whitespace(bytes, i) != bytes.len() {
        return None;
    }
    push_compact(&mut compact, "}");
    let n = pairs.len();
    let fields = Fields::from_pairs(pairs);
    if fields.len() != n {
        compact = None; // a repeated key: the fields are not the keys as read
    }
    Some(FastRecord {
        fields,
        text_literal: literal,
        compact,
    })
}

/// What [`fast_record`] reads of a line.
struct FastRecord<'a> {
    fields: Fields,
    /// The literal of a top-level `text`, when serde_json writes its text as those bytes.
    text_literal: Option<&'a str>,
    /// The record as serde_json's compact writer writes `fields` (with the text), when every
    /// key and value was read in the form it writes: the literals as read, without the
    /// whitespace between them.
    compact: Option<String>,
}

fn push_compact(compact: &mut Option<String>, s: &str) {
    if let Some(c) = compact {
        c.push_str(s);
    }
}

/// Appends `literal` when serde_json writes its value as those bytes; otherwise the record
/// has no compact form.
fn keep_literal(compact: &mut Option<String>, as_read: bool, literal: &str) {
    if as_read {
        push_compact(compact, literal);
    } else {
        *compact = None;
    }
}

/// The value starting at `i` and the offset past it: strings and arrays of strings (most
/// fields besides the text: titles, dates, topic lists) read here, anything else by
/// serde_json, whose `Value` it is either way. Its compact form is appended to `compact`
/// (`None` when it is not known without writing the value).
fn fast_value(line: &str, i: usize, compact: &mut Option<String>) -> Option<(Value, usize)> {
    let bytes = line.as_bytes();
    match bytes.get(i) {
        Some(b'"') => {
            let (s, as_read, end) = crate::output::decode_json_string(line, i, 0)?;
            keep_literal(compact, as_read, &line[i..end]);
            return Some((Value::String(s), end));
        }
        Some(b'[') => {
            let before = compact.as_ref().map(String::len);
            if let Some(array) = string_array(line, i, compact) {
                return Some(array);
            }
            // Not an array of strings: what was appended goes.
            if let (Some(c), Some(len)) = (compact.as_mut(), before) {
                c.truncate(len);
            }
        }
        _ => {}
    }
    let mut values = serde_json::Deserializer::from_str(line.get(i..)?).into_iter::<Value>();
    let value = values.next()?.ok()?;
    // serde_json allows 127 levels of nesting and the record is one: a value as deep as that
    // is an error there, left to it.
    if nesting(&value) >= 127 {
        return None;
    }
    match value {
        Value::Null => push_compact(compact, "null"),
        Value::Bool(true) => push_compact(compact, "true"),
        Value::Bool(false) => push_compact(compact, "false"),
        _ => *compact = None,
    }
    Some((value, i + values.byte_offset()))
}

/// An array of strings only, starting at `i`, and the offset past it; `None` for any other
/// array (left to serde_json).
fn string_array(line: &str, mut i: usize, compact: &mut Option<String>) -> Option<(Value, usize)> {
    let bytes = line.as_bytes();
    let mut items = Vec::new();
    push_compact(compact, "[");
    i = skip_whitespace(bytes, i + 1);
    if bytes.get(i) == Some(&b']') {
        push_compact(compact, "]");
        return Some((Value::Array(items), i + 1));
    }
    loop {
        if bytes.get(i) != Some(&b'"') {
            return None;
        }
        let (s, as_read, end) = crate::output::decode_json_string(line, i, 0)?;
        keep_literal(compact, as_read, &line[i..end]);
        items.push(Value::String(s));
        i = skip_whitespace(bytes, end);
        match bytes.get(i) {
            Some(b',') => {
                push_compact(compact, ",");
                i = skip_whitespace(bytes, i + 1);
            }
            Some(b']') => {
                push_compact(compact, "]");
                return Some((Value::Array(items), i + 1));
            }
            _ => return None,
        }
    }
}

/// The offset of the first byte at or after `i` that is not JSON whitespace.
fn skip_whitespace(bytes: &[u8], mut i: usize) -> usize {
    while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// How many arrays and objects are nested in `value`, itself included.
fn nesting(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(nesting).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(nesting).max().unwrap_or(0),
        _ => 0,
    }
}

/// The first candidate of `choice` present in `record` with its string, or the path of a
/// value that is not a string.
fn string_path<'c, 'r>(
    choice: &'c FieldChoice,
    record: &'r Fields,
) -> Result<Option<(&'c FieldPath, &'r String)>, &'c FieldPath> {
    match choice.lookup(record) {
        None => Ok(None),
        Some((path, Value::String(s))) => Ok(Some((path, s))),
        Some((path, _)) => Err(path),
    }
}

/// Builds a document from a JSON object (JSON Lines, Parquet rows turned into objects).
///
/// `text_json` is the literal a top-level `text` string was read from, if it was and outputs
/// write its text as those bytes; `compact` the whole record as outputs write it, if known.
pub fn document_from_record(
    mut record: Fields,
    text_json: Option<&str>,
    compact: Option<String>,
    origin: Origin,
    format: Format,
    fields: &FieldNames,
) -> Result<Document, RecordError> {
    let id = fields
        .id
        .lookup(&record)
        .and_then(|(_, v)| scalar_to_string(v))
        .unwrap_or_else(|| origin.to_string());
    let not_string = |path: &FieldPath| RecordError {
        origin: origin.clone(),
        id: Some(id.clone()),
        kind: ErrorKind::FieldNotString {
            field: path.dotted(),
        },
    };
    let text = string_path(&fields.text, &record).map_err(not_string)?;
    let html = string_path(&fields.html, &record).map_err(not_string)?;
    // Owned copies, except a top-level `text`, which is moved out of the record below: every
    // output writes its own `text` (the text is most of a record, and was held twice).
    let text = text.map(|(path, s)| (!path.is_key("text")).then(|| s.clone()));
    let html = if text.is_none() {
        html.map(|(_, s)| s.clone())
    } else {
        None
    };
    let mut content_json = None;
    let mut record_json = None;
    let content = match (text, html) {
        (Some(Some(text)), _) => Content::Text(text),
        (Some(None), _) => {
            // The compact record is the output record when outputs write the same `id` and
            // `text` there: the text is the top-level `text` (this branch) and the id is the
            // record's `id` string.
            if compact.is_some() && matches!(record.get("id"), Some(Value::String(s)) if *s == id) {
                record_json = compact;
            } else {
                content_json = text_json.map(str::to_owned);
            }
            match record.get_mut("text") {
                Some(Value::String(s)) => Content::Text(std::mem::take(s)),
                _ => Content::Text(String::new()),
            }
        }
        (None, Some(html)) => Content::Html(html),
        (None, None) => {
            return Err(RecordError {
                origin,
                id: Some(id),
                kind: ErrorKind::NoText {
                    fields: format!("{}, {}", fields.text.describe(), fields.html.describe()),
                },
            })
        }
    };
    let scalar = |choice: &crate::fields::FieldChoice| {
        choice
            .lookup(&record)
            .and_then(|(_, v)| scalar_to_string(v))
    };
    let url = scalar(&fields.url).filter(|u| !u.is_empty());
    let source = scalar(&fields.source)
        .filter(|s| !s.is_empty())
        .or_else(|| url.as_deref().and_then(registrable_domain));
    let date = scalar(&fields.date).filter(|d| !d.is_empty());
    let title = scalar(&fields.title).filter(|t| !t.is_empty());
    Ok(Document {
        id,
        content,
        url,
        source,
        date,
        title,
        record,
        content_json,
        record_json,
        origin,
        format,
        decode_errors: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the one-pass reader accepts, serde_json reads to the same fields, and a kept
    /// literal is the bytes written for the text; what it refuses is left to serde_json.
    #[test]
    fn fast_records_read_as_serde_json_reads_them() {
        let deep = |n: usize| format!("{}1{}", "[".repeat(n), "]".repeat(n));
        let mut lines: Vec<String> = [
            r#"{}"#,
            r#" { } "#,
            r#"{"id":"a","text":"Oil rose.\nPrices \"up\"","n":1.5e300,"m":-0,"b":true,"z":null}"#,
            "{ \"text\" :\t\"x\" ,\r\n\"k\" : [1, {\"a\": \"\\u00e9\"}] }",
            r#"{"text":"caf\u00e9 a\/b","text":"later \u001F","id":"dup","id":"dup2"}"#,
            r#"{"t\u0065xt":"escaped key","text":"\ud83c\udf89"}"#,
            r#"{"text":null,"content":"c"}"#,
            r#"{"text":1}"#,
            r#"{"a":1x}"#,
            r#"{"a":1"b":2}"#,
            r#"{"a":1,}"#,
            r#"{"a":1} x"#,
            r#"{"text":"unpaired \ud800"}"#,
            r#"{"text":"bad \x escape"}"#,
            "{\"text\":\"raw \u{1} control\"}",
            "\u{feff}{\"text\":\"bom\"}",
            r#"["not an object"]"#,
            r#"{"a":"unterminated}"#,
            r#"{"a":1e999}"#,
            r#"{"id": "r-1", "topics": ["a", "b\u0001"], "places": [ ], "n": null, "t": true, "f": false, "text": "x\ny"}"#,
            r#"{"id":"r-2","topics":["\u00e9"],"text":"x"}"#,
            r#"{"id":"r-3","text":"x","n":1}"#,
            r#"{"id":"r-4","text":"x","a":[1,"b"],"o":{"k":"v"}}"#,
            r#"{"i\u0064":"r-5","text":"x"}"#,
            r#"{"id":"r-6","text":"x","id":"r-7"}"#,
        ]
        .map(String::from)
        .to_vec();
        for n in [1, 125, 126, 127, 128] {
            lines.push(format!("{{\"text\":\"t\",\"deep\":{}}}", deep(n)));
        }
        for line in &lines {
            let slow = serde_json::from_str::<Value>(line);
            let Some(FastRecord {
                fields,
                text_literal: literal,
                compact,
            }) = fast_record(line)
            else {
                continue;
            };
            let Ok(Value::Object(map)) = slow else {
                panic!("fast path accepted what serde_json refuses: {line}");
            };
            let serialised = serde_json::to_string(&map).expect("serialise");
            assert_eq!(fields, Fields::from(map), "{line}");
            if let Some(compact) = compact {
                assert_eq!(compact, serialised, "{line}");
            }
            if let Some(literal) = literal {
                let Some(Value::String(text)) = fields.get("text") else {
                    panic!("a literal without a text: {line}");
                };
                let mut written = Vec::new();
                crate::output::push_json_str(&mut written, text);
                assert_eq!(written, literal.as_bytes(), "{line}");
            }
        }
        // The common shapes do take the fast path.
        assert!(fast_record(&lines[2]).is_some_and(|r| r.text_literal.is_some()));
        assert!(fast_record(&lines[4]).is_some_and(|r| r.text_literal.is_none()));
        assert!(fast_record(&lines[3]).is_some());
        // Records of strings, string lists and literals have their compact form; numbers,
        // objects, escapes serde_json writes otherwise and repeated keys do not.
        let compact = |id: &str| {
            lines
                .iter()
                .find(|l| l.contains(id))
                .and_then(|l| fast_record(l))
                .is_some_and(|r| r.compact.is_some())
        };
        assert!(compact("r-1"));
        for id in ["r-2", "r-3", "r-4", "r-5", "r-6"] {
            assert!(!compact(id), "{id}");
        }
    }
}
