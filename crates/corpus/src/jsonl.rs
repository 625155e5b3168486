//! Cuts a JSON Lines stream into lines, keeping line numbers for messages.

use std::io::BufRead;

use crate::document::{Format, Origin, Position};
use crate::error::{ErrorKind, RecordError};
use crate::raw::{Payload, Raw, RawRecord};

pub struct JsonlLines {
    stream: Box<dyn BufRead + Send>,
    path: String,
    format: Format,
    line: u64,
    done: bool,
}

impl JsonlLines {
    pub fn new(stream: Box<dyn BufRead + Send>, path: String, format: Format) -> Self {
        JsonlLines {
            stream,
            path,
            format,
            line: 0,
            done: false,
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
            let mut buf = Vec::new();
            self.line += 1;
            let origin = Origin::new(self.path.clone(), Position::Line(self.line));
            match self.stream.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {
                    while matches!(buf.last(), Some(b'\n' | b'\r')) {
                        buf.pop();
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
                    let kind = match self.format {
                        Format::JsonlGz | Format::JsonlZst => ErrorKind::Compression(e.to_string()),
                        _ => ErrorKind::Io(e.to_string()),
                    };
                    return Some(Err(RecordError::new(origin, kind)));
                }
            }
        }
    }
}
