//! Cuts a JSON Lines stream into lines, keeping line numbers for messages.

use std::io::{self, BufRead};

use crate::document::{Format, Origin, Position};
use crate::error::{ErrorKind, RecordError};
use crate::raw::{Payload, Raw, RawRecord};

/// A line longer than this is skipped and reported rather than held in memory: no real record
/// is that large, and a file with no newline at all must not be read whole.
pub const MAX_LINE: u64 = 256 << 20;

const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

pub struct JsonlLines {
    stream: Box<dyn BufRead + Send>,
    path: String,
    format: Format,
    line: u64,
    done: bool,
    max_line: u64,
}

impl JsonlLines {
    pub fn new(stream: Box<dyn BufRead + Send>, path: String, format: Format) -> Self {
        JsonlLines {
            stream,
            path,
            format,
            line: 0,
            done: false,
            max_line: MAX_LINE,
        }
    }
}

impl JsonlLines {
    fn read_error_kind(&self, e: io::Error) -> ErrorKind {
        match self.format {
            Format::JsonlGz | Format::JsonlZst => ErrorKind::Compression(e.to_string()),
            _ => ErrorKind::Io(e.to_string()),
        }
    }
}

/// `stream.take(max).read_until(b'\n', buf)`, the line found with memchr's vector search and
/// copied once into a buffer of its size when the stream's buffer holds it whole (the line
/// used to grow a fresh vector by doubling).
fn read_line(stream: &mut dyn BufRead, max: u64, buf: &mut Vec<u8>) -> io::Result<usize> {
    let mut read = 0usize;
    loop {
        let left = usize::try_from(max - read as u64).unwrap_or(usize::MAX);
        if left == 0 {
            return Ok(read);
        }
        let available = match stream.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let available = &available[..available.len().min(left)];
        if available.is_empty() {
            return Ok(read);
        }
        let (used, found) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        if buf.is_empty() && found {
            *buf = available[..used].to_vec();
        } else {
            buf.extend_from_slice(&available[..used]);
        }
        stream.consume(used);
        read += used;
        if found {
            return Ok(read);
        }
    }
}

/// Consumes the stream up to and including the next newline, without keeping it; returns the
/// number of bytes skipped.
fn skip_rest_of_line(stream: &mut dyn BufRead) -> io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let (found, used) = {
            let buf = stream.fill_buf()?;
            if buf.is_empty() {
                return Ok(skipped);
            }
            match buf.iter().position(|b| *b == b'\n') {
                Some(i) => (true, i + 1),
                None => (false, buf.len()),
            }
        };
        stream.consume(used);
        skipped += used as u64;
        if found {
            return Ok(skipped);
        }
    }
}

impl Iterator for JsonlLines {
    type Item = Raw;

    fn next(&mut self) -> Option<Raw> {
        loop {
            if self.done {
                return None;
            }
            self.line += 1;
            let origin = Origin::new(self.path.clone(), Position::Line(self.line));
            let mut buf = Vec::new();
            match read_line(&mut *self.stream, self.max_line, &mut buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(n) if n as u64 == self.max_line && buf.last() != Some(&b'\n') => {
                    drop(buf);
                    return Some(match skip_rest_of_line(&mut self.stream) {
                        Ok(rest) => Err(RecordError::new(
                            origin,
                            ErrorKind::LineTooLong {
                                bytes: self.max_line + rest,
                                limit: self.max_line,
                            },
                        )),
                        Err(e) => {
                            self.done = true;
                            Err(RecordError::new(origin, self.read_error_kind(e)))
                        }
                    });
                }
                Ok(_) => {
                    while matches!(buf.last(), Some(b'\n' | b'\r')) {
                        buf.pop();
                    }
                    // Files exported on Windows often start with a UTF-8 byte-order mark.
                    if self.line == 1 && buf.starts_with(UTF8_BOM) {
                        buf.drain(..UTF8_BOM.len());
                    }
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue; // a blank line is not a record
                    }
                    return Some(Ok(RawRecord {
                        origin,
                        format: self.format,
                        payload: Payload::JsonLine(buf),
                    }));
                }
                Err(e) => {
                    // A decoder error ends the stream: what was read before it stands.
                    self.done = true;
                    return Some(Err(RecordError::new(origin, self.read_error_kind(e))));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_on_the_first_line_is_not_part_of_the_record() {
        let data = b"\xef\xbb\xbf{\"text\": \"a\"}\n\xef\xbb\xbf{\"text\": \"b\"}\n".to_vec();
        let stream: Box<dyn BufRead + Send> = Box::new(io::Cursor::new(data));
        let out: Vec<Raw> = JsonlLines::new(stream, "bom.jsonl".into(), Format::Jsonl).collect();
        let payloads: Vec<Vec<u8>> = out
            .into_iter()
            .filter_map(|r| match r {
                Ok(RawRecord {
                    payload: Payload::JsonLine(b),
                    ..
                }) => Some(b),
                _ => None,
            })
            .collect();
        assert_eq!(payloads[0], b"{\"text\": \"a\"}");
        // Only the file's first bytes are a byte-order mark; elsewhere it is content.
        assert!(payloads[1].starts_with(UTF8_BOM));
    }

    #[test]
    fn an_overlong_line_is_skipped_and_the_next_one_read() {
        let mut data = vec![b'x'; 1000 + 10];
        data.extend_from_slice(b"\n{\"text\": \"ok\"}\n");
        let stream: Box<dyn BufRead + Send> = Box::new(io::Cursor::new(data));
        let mut lines = JsonlLines::new(stream, "big.jsonl".into(), Format::Jsonl);
        lines.max_line = 1000;
        let out: Vec<Raw> = lines.collect();
        assert_eq!(out.len(), 2);
        let err = out[0].as_ref().err().expect("too long");
        assert!(
            err.to_string()
                .starts_with("big.jsonl:1: line of 1011 bytes is longer than the 1000-byte limit"),
            "{err}"
        );
        assert!(matches!(&out[1], Ok(r) if r.origin.to_string() == "big.jsonl:2"));
    }
}
