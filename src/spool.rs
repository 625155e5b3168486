//! A scratch file in the output directory: what each document will contribute to the outputs
//! (its body-only record and its flags), written while reading and read back once the clusters
//! are known, so that memory holds fingerprints rather than texts.

use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Where one entry sits in the spool.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    offset: u64,
    len: u64,
}

/// Removed when dropped, whatever happens.
pub struct Spool {
    path: PathBuf,
    writer: Option<BufWriter<File>>,
    reader: Option<BufReader<File>>,
    written: u64,
    position: u64,
}

impl Spool {
    pub fn create(dir: &Path, name: &str) -> Result<Self> {
        let path = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let file =
            File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
        Ok(Spool {
            path,
            writer: Some(BufWriter::with_capacity(1 << 20, file)),
            reader: None,
            written: 0,
            position: 0,
        })
    }

    pub fn append(&mut self, bytes: &[u8]) -> Result<Span> {
        let w = self
            .writer
            .as_mut()
            .context("the spool is closed for writing")?;
        w.write_all(bytes)
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        let span = Span {
            offset: self.written,
            len: bytes.len() as u64,
        };
        self.written += span.len;
        Ok(span)
    }

    /// Reads an entry back into `buf` (sequential reads are cheapest).
    pub fn read(&mut self, span: Span, buf: &mut Vec<u8>) -> Result<()> {
        if let Some(w) = self.writer.take() {
            w.into_inner().map_err(|e| e.into_error())?;
        }
        if self.reader.is_none() {
            let f = File::open(&self.path)
                .with_context(|| format!("cannot reopen {}", self.path.display()))?;
            self.reader = Some(BufReader::with_capacity(1 << 20, f));
            self.position = 0;
        }
        let r = self.reader.as_mut().context("the spool is not readable")?;
        if span.offset != self.position {
            r.seek(SeekFrom::Start(span.offset))?;
        }
        buf.resize(span.len as usize, 0);
        r.read_exact(buf).context("cannot read back the spool")?;
        self.position = span.offset + span.len;
        Ok(())
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        self.writer.take();
        self.reader.take();
        let _ = fs::remove_file(&self.path);
    }
}
