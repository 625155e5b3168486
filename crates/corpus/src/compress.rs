//! Transparent decompression, chosen by the stream's magic bytes rather than its name, so that a
//! mis-named file still reads and `.warc.gz` and `.jsonl.gz` share one path.

use std::io::{self, BufRead, BufReader, Read};

use flate2::read::MultiGzDecoder;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// Peeks at the first bytes of `reader` and wraps it in the matching decoder.
pub fn decompress<R: Read + Send + 'static>(
    reader: R,
) -> io::Result<(Compression, Box<dyn BufRead + Send>)> {
    let mut buffered = BufReader::with_capacity(1 << 16, reader);
    let head = buffered.fill_buf()?;
    let kind = if head.starts_with(&ZSTD_MAGIC) {
        Compression::Zstd
    } else if head.starts_with(&GZIP_MAGIC) {
        Compression::Gzip
    } else {
        Compression::None
    };
    let stream: Box<dyn BufRead + Send> = match kind {
        Compression::None => Box::new(buffered),
        // Multi-member: WARC files gzip each record separately, and `cat a.gz b.gz` is legal.
        Compression::Gzip => Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(buffered),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            1 << 16,
            zstd::stream::read::Decoder::with_buffer(buffered)?,
        )),
    };
    Ok((kind, stream))
}
