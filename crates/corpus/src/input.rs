//! What the user named on the command line, resolved to a list of readable inputs.

use std::path::{Path, PathBuf};

use crate::error::OpenError;

/// The kind of container, from the file name once compression suffixes are set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Jsonl,
    Warc,
    Parquet,
    /// A whole `.txt` file is one plain-text document.
    TextFile,
    /// A whole `.html`/`.htm` file is one HTML document.
    HtmlFile,
}

/// One input to read: a file with its kind, or stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File {
        path: PathBuf,
        /// How messages and ids name it: as given, or relative to the directory it was found in.
        display: String,
        kind: InputKind,
    },
}

/// Classifies a file name: `None` for files copydesk does not read.
pub fn kind_of(path: &Path) -> Option<InputKind> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let base = ["gz", "zst", "zstd"]
        .iter()
        .find_map(|ext| name.strip_suffix(&format!(".{ext}")))
        .unwrap_or(&name);
    let compressed = base.len() != name.len();
    let Some((_, ext)) = base.rsplit_once('.') else {
        // A bare `.gz`/`.zst` (e.g. `shard-0001.gz`) is JSON Lines, as datatrove writes them.
        return compressed.then_some(InputKind::Jsonl);
    };
    Some(match ext {
        "jsonl" | "json" | "ndjson" => InputKind::Jsonl,
        "warc" => InputKind::Warc,
        "parquet" => InputKind::Parquet,
        "txt" => InputKind::TextFile,
        "html" | "htm" => InputKind::HtmlFile,
        _ => return None,
    })
}

/// Resolves the command line's inputs; directories are walked recursively in sorted order.
pub fn resolve(args: &[String]) -> Result<Vec<Input>, OpenError> {
    let mut inputs = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = PathBuf::from(arg);
        let meta = std::fs::metadata(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => OpenError::NotFound { path: arg.clone() },
            _ => OpenError::Io {
                path: arg.clone(),
                source: e,
            },
        })?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(&path, &path, &mut files).map_err(|e| OpenError::Io {
                path: arg.clone(),
                source: e,
            })?;
            files.sort();
            for (rel, full) in files {
                if let Some(kind) = kind_of(&full) {
                    inputs.push(Input::File {
                        path: full,
                        display: rel,
                        kind,
                    });
                }
            }
        } else {
            let kind =
                kind_of(&path).ok_or_else(|| OpenError::UnknownFormat { path: arg.clone() })?;
            inputs.push(Input::File {
                path,
                display: arg.clone(),
                kind,
            });
        }
    }
    Ok(inputs)
}

/// Collects `(relative path with '/' separators, full path)` of every file under `dir`.
/// Symbolic links to directories are not followed, so a link cycle cannot loop forever.
fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let file_type = entry.file_type()?;
        if file_type.is_dir() {
            walk(root, &path, out)?;
        } else if file_type.is_file() || (file_type.is_symlink() && path.is_file()) {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, path));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_name_under_compression() {
        let k = |n: &str| kind_of(Path::new(n));
        assert_eq!(k("a.jsonl"), Some(InputKind::Jsonl));
        assert_eq!(k("a.jsonl.gz"), Some(InputKind::Jsonl));
        assert_eq!(k("a.json.zst"), Some(InputKind::Jsonl));
        assert_eq!(k("shard.gz"), Some(InputKind::Jsonl));
        assert_eq!(k("crawl.warc.gz"), Some(InputKind::Warc));
        assert_eq!(k("x.parquet"), Some(InputKind::Parquet));
        assert_eq!(k("page.HTM"), Some(InputKind::HtmlFile));
        assert_eq!(k("README.md"), None);
        assert_eq!(k("noext"), None);
    }
}
