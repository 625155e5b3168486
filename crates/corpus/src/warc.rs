//! Cuts a WARC file (ISO 28500, versions 1.0 and 1.1) into records and keeps the HTML
//! responses.
//!
//! A small hand parser rather than the `warc` crate: the format is simple, and what matters here
//! is what a library does not do: when a record's `Content-Length` is wrong, report that record
//! as `path:record N: ...` and resynchronise on the next `WARC/` header instead of losing the
//! rest of the file. Each record is checked against its framing (a block must be followed by the
//! blank line that ends it); a block that runs into the next record's header is cut there.
//!
//! Only the headers are read here (sequentially); decoding the HTTP payload (de-chunking,
//! gzip, charset) happens in parallel in [`crate::raw::parse`].

use std::io::{self, BufRead, Read};

use crate::document::{Format, Origin, Position};
use crate::error::{ErrorKind, RecordError};
use crate::raw::{Payload, Raw, RawRecord};

/// A record block larger than this is skipped (reported), so that a corrupt or hostile
/// `Content-Length` cannot make the reader allocate without bound.
pub const MAX_BLOCK: u64 = 256 << 20;

/// A header line (WARC or HTTP) longer than this is not a header: the record is malformed.
const MAX_HEADER_LINE: usize = 64 << 10;

/// A header section with more lines than this is not a header section.
const MAX_HEADER_LINES: usize = 1024;

/// The start of every record's version line.
const VERSION_PREFIX: &[u8] = b"WARC/";

/// A version line: `WARC/` and a version number (1.0 and 1.1 today; 0.17 and 0.18 in old
/// Heritrix crawls, whose record layout is the same).
fn is_version_line(line: &[u8]) -> bool {
    line.starts_with(VERSION_PREFIX)
        && line
            .get(VERSION_PREFIX.len())
            .is_some_and(u8::is_ascii_digit)
}

/// An HTML response cut from a WARC record; its HTTP payload is decoded later, in parallel.
#[derive(Debug)]
pub struct WarcResponse {
    /// `WARC-Record-ID` without its angle brackets (`urn:uuid:...`).
    pub id: String,
    pub url: Option<String>,
    pub date: Option<String>,
    /// The `charset` parameter of the HTTP `Content-Type`, if any.
    pub charset: Option<String>,
    /// `Transfer-Encoding: chunked` was declared: the body still carries its chunk framing.
    pub chunked: bool,
    /// The HTTP `Content-Encoding` (`gzip`, `deflate`, `identity`, ...), lowercased.
    pub content_encoding: Option<String>,
    /// The HTTP entity body, as stored.
    pub body: Vec<u8>,
}

/// The records of one WARC stream, HTML responses only; other record types are skipped.
pub struct WarcRecords {
    stream: Pushback,
    path: String,
    format: Format,
    /// 1-based number of the record being read, counting every record (skipped ones too).
    record: u64,
    done: bool,
}

impl WarcRecords {
    pub fn new(stream: Box<dyn BufRead + Send>, path: String, format: Format) -> Self {
        WarcRecords {
            stream: Pushback::new(stream),
            path,
            format,
            record: 0,
            done: false,
        }
    }

    fn error(&self, kind: ErrorKind) -> RecordError {
        RecordError::new(
            Origin::new(self.path.clone(), Position::Record(self.record)),
            kind,
        )
    }

    fn io_error(&self, e: io::Error) -> RecordError {
        let kind = match self.format {
            Format::WarcGz | Format::WarcZst => ErrorKind::Compression(e.to_string()),
            _ => ErrorKind::Io(e.to_string()),
        };
        self.error(kind)
    }

    /// Reads one record; `Ok(None)` at the end of the stream, `Ok(Some(None))` for a record that
    /// is skipped (not an HTML response).
    fn read_record(&mut self) -> Result<Option<Option<RawRecord>>, RecordError> {
        match self.seek_version_line().map_err(|e| self.io_error(e))? {
            Seek::End { garbage: 0 } => return Ok(None),
            Seek::End { garbage } => {
                self.done = true;
                return Err(self.stray_bytes_error(garbage, true));
            }
            Seek::Header { garbage: 0 } => self.record += 1,
            Seek::Header { garbage } => {
                // Bytes between records that belong to none: reported against the record before
                // them; the header just found is given back and read on the next call.
                self.stream.unread_version_line();
                return Err(self.stray_bytes_error(garbage, false));
            }
        }
        let headers = match read_headers(&mut self.stream) {
            Ok(h) => h,
            Err(HeaderError::Io(e)) => return Err(self.io_error(e)),
            Err(HeaderError::Malformed(what)) => return Err(self.error(ErrorKind::Warc(what))),
        };
        let Some(length) = headers.get("content-length") else {
            return Err(self.error(ErrorKind::Warc("no Content-Length header".into())));
        };
        let Ok(length) = length.trim().parse::<u64>() else {
            return Err(self.error(ErrorKind::Warc(format!(
                "Content-Length `{length}` is not a number"
            ))));
        };
        if length > MAX_BLOCK {
            let skipped = io::copy(&mut (&mut self.stream).take(length), &mut io::sink())
                .map_err(|e| self.io_error(e))?;
            return Err(self.error(ErrorKind::Warc(format!(
                "record block of {length} bytes is larger than the {MAX_BLOCK}-byte limit; skipped ({skipped} bytes)"
            ))));
        }
        let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
        (&mut self.stream)
            .take(length)
            .read_to_end(&mut block)
            .map_err(|e| self.io_error(e))?;
        let framed = block.len() as u64 == length && self.stream.consume_record_end();
        if !framed {
            if let Some(at) = find_embedded_header(&block) {
                // The declared length ran into the next record: give that record back.
                self.stream.unread(block.split_off(at));
                return Err(self.error(ErrorKind::Warc(format!(
                    "Content-Length {length} runs past the end of the record (the next WARC header starts at byte {at} of the block); resynchronised"
                ))));
            }
            if (block.len() as u64) < length {
                return Err(self.error(ErrorKind::Warc(format!(
                    "truncated: Content-Length {length} but only {} bytes before the end of the file",
                    block.len()
                ))));
            }
            // The block is followed by something other than the blank line that ends a record:
            // the length is short. The rest is skipped up to the next header and reported once.
            self.skip_to_next_header()?;
            return Err(self.error(ErrorKind::Warc(format!(
                "Content-Length {length} does not end the record (it is not followed by a blank line); skipped to the next WARC header"
            ))));
        }
        let is_response = headers
            .get("warc-type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("response"));
        let is_http = headers.get("content-type").is_some_and(|t| {
            t.to_ascii_lowercase()
                .trim_start()
                .starts_with("application/http")
        });
        if !is_response || !is_http {
            return Ok(Some(None));
        }
        let id = headers
            .get("warc-record-id")
            .map(|v| {
                v.trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_owned()
            })
            .filter(|v| !v.is_empty());
        let url = headers
            .get("warc-target-uri")
            .map(|v| {
                v.trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_owned()
            })
            .filter(|v| !v.is_empty());
        let date = headers
            .get("warc-date")
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty());
        let origin = Origin::new(self.path.clone(), Position::Record(self.record));
        let id = id.unwrap_or_else(|| origin.to_string());
        match split_http(&block) {
            Err(what) => Err(RecordError {
                origin,
                id: Some(id),
                kind: ErrorKind::Warc(what),
            }),
            Ok(None) => Ok(Some(None)),
            Ok(Some(http)) => {
                let body = block[http.body_start..].to_vec();
                Ok(Some(Some(RawRecord {
                    origin,
                    format: self.format,
                    payload: Payload::Warc(Box::new(WarcResponse {
                        id,
                        url,
                        date,
                        charset: http.charset,
                        chunked: http.chunked,
                        content_encoding: http.content_encoding,
                        body,
                    })),
                })))
            }
        }
    }

    fn stray_bytes_error(&self, garbage: u64, at_end: bool) -> RecordError {
        let then = if at_end {
            "up to the end of the file"
        } else {
            "up to the next WARC header"
        };
        let mut err = self.error(ErrorKind::Warc(format!(
            "{garbage} bytes after the record belong to no record; skipped {then}"
        )));
        if self.record == 0 {
            err.origin.pos = Position::File;
            err.kind = ErrorKind::Warc(format!(
                "{garbage} bytes before the first WARC header; skipped"
            ));
        }
        err
    }

    /// Skips blank lines and anything else up to a version line (`WARC/1.0`), which is left
    /// consumed (and remembered, so that it can be given back).
    fn seek_version_line(&mut self) -> io::Result<Seek> {
        let mut garbage = 0u64;
        loop {
            let Some(line) = self.stream.read_line_bounded(MAX_HEADER_LINE)? else {
                return Ok(Seek::End { garbage });
            };
            if is_version_line(&line) {
                self.stream.last_version_line = line;
                return Ok(Seek::Header { garbage });
            }
            if !line.iter().all(u8::is_ascii_whitespace) {
                garbage += line.len() as u64;
            }
        }
    }

    /// After a record whose length fell short: skip what is left of it, up to the next header.
    fn skip_to_next_header(&mut self) -> Result<(), RecordError> {
        match self.seek_version_line().map_err(|e| self.io_error(e))? {
            Seek::Header { .. } => self.stream.unread_version_line(),
            Seek::End { .. } => self.done = true,
        }
        Ok(())
    }
}

/// What lies before the next record.
enum Seek {
    /// The stream ended, after `garbage` bytes that were not blank lines.
    End { garbage: u64 },
    /// A version line was found after `garbage` stray bytes.
    Header { garbage: u64 },
}

impl Iterator for WarcRecords {
    type Item = Raw;

    fn next(&mut self) -> Option<Raw> {
        loop {
            if self.done {
                return None;
            }
            match self.read_record() {
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Ok(Some(None)) => continue,
                Ok(Some(Some(raw))) => return Some(Ok(raw)),
                Err(err) => {
                    // A read or decompression error ends the stream; a malformed record does not.
                    if matches!(err.kind, ErrorKind::Io(_) | ErrorKind::Compression(_)) {
                        self.done = true;
                    }
                    return Some(Err(err));
                }
            }
        }
    }
}

/// Named header fields, lowercased names, first occurrence wins.
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

enum HeaderError {
    Io(io::Error),
    Malformed(String),
}

/// Reads `Name: value` lines up to the blank line; folded continuation lines are joined.
fn read_headers(stream: &mut Pushback) -> Result<Headers, HeaderError> {
    let mut fields: Vec<(String, String)> = Vec::new();
    loop {
        let Some(line) = stream
            .read_line_bounded(MAX_HEADER_LINE)
            .map_err(HeaderError::Io)?
        else {
            return Err(HeaderError::Malformed(
                "the file ends inside the record's headers".into(),
            ));
        };
        let line = trim_eol(&line);
        if line.is_empty() {
            return Ok(Headers(fields));
        }
        if fields.len() >= MAX_HEADER_LINES {
            return Err(HeaderError::Malformed(format!(
                "more than {MAX_HEADER_LINES} header lines"
            )));
        }
        let text = String::from_utf8_lossy(line);
        if text.starts_with([' ', '\t']) {
            if let Some((_, value)) = fields.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
            continue;
        }
        let Some((name, value)) = text.split_once(':') else {
            return Err(HeaderError::Malformed(format!(
                "header line without a colon: `{}`",
                text.chars().take(80).collect::<String>()
            )));
        };
        fields.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
}

/// What the HTTP response head says about its body.
struct HttpHead {
    body_start: usize,
    charset: Option<String>,
    chunked: bool,
    content_encoding: Option<String>,
}

/// Parses the HTTP status line and headers of a response block. `Ok(None)` when the response
/// is not an HTML page worth reading (not 2xx, or not HTML): such records are skipped, like
/// requests and metadata.
fn split_http(block: &[u8]) -> Result<Option<HttpHead>, String> {
    let head_end = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)));
    let Some((head_len, body_start)) = head_end else {
        return Err("the HTTP response has no end of headers".into());
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.split_whitespace();
    let protocol = parts.next().unwrap_or_default();
    if !protocol.starts_with("HTTP/") {
        return Err(format!(
            "the response block does not start with an HTTP status line: `{}`",
            status_line.chars().take(80).collect::<String>()
        ));
    }
    let Some(status) = parts.next().and_then(|s| s.parse::<u16>().ok()) else {
        return Err(format!(
            "unreadable HTTP status line: `{}`",
            status_line.chars().take(80).collect::<String>()
        ));
    };
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let mut content_type = None;
    let mut chunked = false;
    let mut content_encoding = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let name = name.trim().to_ascii_lowercase();
        let value = value.trim();
        match name.as_str() {
            "content-type" if content_type.is_none() => content_type = Some(value.to_owned()),
            "transfer-encoding" => chunked |= value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => content_encoding = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    let (mime, charset) = match &content_type {
        Some(ct) => media_type(ct),
        // No Content-Type: sniff the way browsers would for the common case.
        None => (
            if looks_like_html(&block[body_start..]) {
                "text/html".to_owned()
            } else {
                String::new()
            },
            None,
        ),
    };
    if mime != "text/html" && mime != "application/xhtml+xml" {
        return Ok(None);
    }
    Ok(Some(HttpHead {
        body_start,
        charset,
        chunked,
        content_encoding,
    }))
}

/// `text/html; charset="ISO-8859-1"` → (`text/html`, `Some("ISO-8859-1")`).
fn media_type(content_type: &str) -> (String, Option<String>) {
    let mut parts = content_type.split(';');
    let mime = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_owned())
            .filter(|v| !v.is_empty())
    });
    (mime, charset)
}

fn looks_like_html(body: &[u8]) -> bool {
    let head: Vec<u8> = body.iter().take(512).map(u8::to_ascii_lowercase).collect();
    find(&head, b"<html").is_some() || find(&head, b"<!doctype html").is_some()
}

/// Undoes `Transfer-Encoding: chunked`. Tolerant: a body that is not well chunked is returned
/// as far as it could be read, with `Err` saying what was wrong.
pub fn dechunk(body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let Some(eol) = find(rest, b"\n") else {
            return Err("chunked body ends without its last chunk".into());
        };
        let size_line = String::from_utf8_lossy(&rest[..eol]);
        let size_text = size_line.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            return Err(format!(
                "bad chunk size `{}`",
                size_text.chars().take(20).collect::<String>()
            ));
        };
        rest = &rest[eol + 1..];
        if size == 0 {
            return Ok(out);
        }
        if size > rest.len() {
            return Err("chunked body is truncated".into());
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        while let [b'\r' | b'\n', tail @ ..] = rest {
            rest = tail;
            if rest.first() != Some(&b'\n') {
                break;
            }
        }
    }
}

/// Where a `WARC/x.y` version line starts a new record inside `block` (at a line start, followed
/// by header lines), if it does.
fn find_embedded_header(block: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = find(&block[from..], b"\nWARC/") {
        let start = from + at + 1;
        let tail = &block[start..block.len().min(start + 200)];
        if !is_version_line(tail) {
            from = start;
            continue;
        }
        let after_line = find(tail, b"\n").map(|i| &tail[i + 1..]).unwrap_or(&[]);
        if after_line.len() >= 5 && after_line[..5].eq_ignore_ascii_case(b"warc-") {
            return Some(start);
        }
        from = start;
    }
    None
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let mut end = line.len();
    while end > 0 && matches!(line[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    &line[..end]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A buffered stream that bytes can be given back to, for resynchronising after a bad record.
struct Pushback {
    inner: Box<dyn BufRead + Send>,
    /// Bytes given back, read before `inner`.
    front: Vec<u8>,
    front_pos: usize,
    /// The version line last consumed, so that it can be given back.
    last_version_line: Vec<u8>,
}

impl Pushback {
    fn new(inner: Box<dyn BufRead + Send>) -> Self {
        Pushback {
            inner,
            front: Vec::new(),
            front_pos: 0,
            last_version_line: Vec::new(),
        }
    }

    fn unread(&mut self, mut bytes: Vec<u8>) {
        bytes.extend_from_slice(&self.front[self.front_pos..]);
        self.front = bytes;
        self.front_pos = 0;
    }

    fn unread_version_line(&mut self) {
        let line = std::mem::take(&mut self.last_version_line);
        self.unread(line);
    }

    /// A line including its `\n`, at most `max` bytes (a longer line is returned cut at `max`);
    /// `None` at the end of the stream.
    fn read_line_bounded(&mut self, max: usize) -> io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        let n = self.take(max as u64).read_until(b'\n', &mut line)?;
        Ok((n > 0).then_some(line))
    }

    /// Consumes the `\r\n\r\n` that ends a record block, if it is there; anything else is left.
    fn consume_record_end(&mut self) -> bool {
        let mut seen = Vec::with_capacity(4);
        while seen.len() < 4 {
            let Ok(buf) = self.fill_buf() else {
                break;
            };
            let Some(&b) = buf.first() else {
                break;
            };
            if b != b'\r' && b != b'\n' {
                break;
            }
            seen.push(b);
            self.consume(1);
        }
        // Accept the standard CRLF CRLF, the bare-LF variant some writers produce, a single
        // line break straight before the next header, and the end of the file.
        let ended = seen == b"\r\n\r\n" || seen == b"\n\n";
        let (at_eof, header_next) = match self.fill_buf() {
            Ok(next) => (next.is_empty(), is_version_line(next)),
            Err(_) => (false, false),
        };
        let header_next = header_next && !seen.is_empty();
        if !ended && !at_eof && !header_next && !seen.is_empty() {
            self.unread(seen);
        }
        ended || at_eof || header_next
    }
}

impl Read for Pushback {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Pushback {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.front_pos < self.front.len() {
            return Ok(&self.front[self.front_pos..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if self.front_pos < self.front.len() {
            self.front_pos = (self.front_pos + amt).min(self.front.len());
            if self.front_pos == self.front.len() {
                self.front.clear();
                self.front_pos = 0;
            }
        } else {
            self.inner.consume(amt);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::parse;
    use crate::FieldNames;

    fn record(kind: &str, id: &str, block: &[u8], declared: Option<usize>) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: https://www.news.example.co.uk/a/{id}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            declared.unwrap_or(block.len())
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
        let mut h = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
        h.extend_from_slice(body);
        h
    }

    fn read(bytes: Vec<u8>) -> Vec<Result<crate::Document, RecordError>> {
        let stream: Box<dyn BufRead + Send> = Box::new(io::Cursor::new(bytes));
        WarcRecords::new(stream, "t.warc".into(), Format::Warc)
            .map(|raw| raw.and_then(|r| parse(r, &FieldNames::default())))
            .collect()
    }

    #[test]
    fn html_responses_become_documents_and_other_records_are_skipped() {
        let mut file = record("warcinfo", "0", b"software: test\r\n", None);
        file.extend(record("request", "1", b"GET / HTTP/1.1\r\n\r\n", None));
        file.extend(record(
            "response",
            "2",
            &http("text/html", b"<p>one</p>"),
            None,
        ));
        file.extend(record(
            "response",
            "3",
            &http("image/png", b"\x89PNG"),
            None,
        ));
        let out = read(file);
        assert_eq!(out.len(), 1);
        let doc = out[0].as_ref().expect("a document");
        assert_eq!(doc.id, "urn:uuid:2");
        assert_eq!(
            doc.url.as_deref(),
            Some("https://www.news.example.co.uk/a/2")
        );
        assert_eq!(doc.source.as_deref(), Some("example.co.uk"));
        assert_eq!(doc.date.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(doc.content.as_str(), "<p>one</p>");
        assert_eq!(doc.origin.to_string(), "t.warc:record 3");
    }

    #[test]
    fn a_short_content_length_is_reported_and_the_next_record_still_read() {
        let page = http("text/html", b"<p>the first page, longer than declared</p>");
        let mut file = record("response", "1", &page, Some(page.len() - 10));
        file.extend(record(
            "response",
            "2",
            &http("text/html", b"<p>two</p>"),
            None,
        ));
        let out = read(file);
        assert_eq!(out.len(), 2, "{out:?}");
        let err = out[0].as_ref().expect_err("bad length");
        assert!(err.to_string().starts_with("t.warc:record 1: "), "{err}");
        assert_eq!(out[1].as_ref().expect("second").id, "urn:uuid:2");
    }

    #[test]
    fn a_long_content_length_is_cut_at_the_next_header() {
        let page = http("text/html", b"<p>one</p>");
        let mut file = record("response", "1", &page, Some(page.len() + 40));
        file.extend(record(
            "response",
            "2",
            &http("text/html", b"<p>two</p>"),
            None,
        ));
        file.extend(record(
            "response",
            "3",
            &http("text/html", b"<p>three</p>"),
            None,
        ));
        let out = read(file);
        assert_eq!(out.len(), 3, "{out:?}");
        assert!(out[0]
            .as_ref()
            .expect_err("bad length")
            .to_string()
            .contains("record 1"));
        assert_eq!(out[1].as_ref().expect("second").id, "urn:uuid:2");
        assert_eq!(out[2].as_ref().expect("third").id, "urn:uuid:3");
    }

    #[test]
    fn a_truncated_file_reports_the_last_record() {
        let mut file = record("response", "1", &http("text/html", b"<p>one</p>"), None);
        let second = record(
            "response",
            "2",
            &http("text/html", b"<p>two, cut</p>"),
            None,
        );
        file.extend_from_slice(&second[..second.len() - 12]);
        let out = read(file);
        assert_eq!(out.len(), 2);
        assert!(out[0].is_ok());
        let err = out[1].as_ref().expect_err("truncated");
        assert!(
            err.to_string()
                .contains("record 2: malformed WARC record: truncated"),
            "{err}"
        );
    }

    #[test]
    fn http_charset_chunking_and_gzip_are_undone() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>caf\xe9</p>").expect("in memory");
        let zipped = gz.finish().expect("in memory");
        let mut chunked = format!("{:x}\r\n", 5).into_bytes();
        chunked.extend_from_slice(&zipped[..5]);
        chunked.extend_from_slice(format!("\r\n{:x}\r\n", zipped.len() - 5).as_bytes());
        chunked.extend_from_slice(&zipped[5..]);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend(chunked);
        let out = read(record("response", "1", &block, None));
        assert_eq!(
            out[0].as_ref().expect("decoded").content.as_str(),
            "<p>café</p>"
        );
    }

    #[test]
    fn old_heritrix_versions_read_and_prose_mentioning_warc_is_not_a_header() {
        let page = http(
            "text/html",
            b"<p>one</p>\nWARC/ is a format\nWARC-ish prose</p>",
        );
        let mut file = record("response", "1", &page, None);
        file.extend(
            String::from_utf8_lossy(&record(
                "response",
                "2",
                &http("text/html", b"<p>two</p>"),
                None,
            ))
            .replacen("WARC/1.0", "WARC/0.18", 1)
            .into_bytes(),
        );
        let out = read(file);
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out.iter().all(Result::is_ok), "{out:?}");
    }

    #[test]
    fn bytes_before_the_first_header_are_reported_once() {
        let mut file = b"garbage line\r\n".to_vec();
        file.extend(record(
            "response",
            "1",
            &http("text/html", b"<p>one</p>"),
            None,
        ));
        let out = read(file);
        assert_eq!(out.len(), 2);
        assert!(out[0]
            .as_ref()
            .expect_err("garbage")
            .to_string()
            .starts_with("t.warc: "));
        assert!(out[1].is_ok());
    }
}
