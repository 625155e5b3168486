//! HTML is decoded by its declared charset: the byte-order mark, then the transport's
//! `Content-Type` (WARC's HTTP headers), then a `<meta>` declaration in the first 1024 bytes,
//! then UTF-8, falling back to windows-1252 when the bytes are not UTF-8 (as browsers do).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decoded text, and whether malformed sequences had to be replaced.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub had_errors: bool,
}

pub fn decode_html(bytes: &[u8], transport_charset: Option<&str>) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom_len..]);
    }
    let declared = transport_charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(1024)]));
    match declared {
        // A page that declares UTF-16 in ASCII bytes cannot be UTF-16; HTML says treat as UTF-8.
        Some(enc) if enc.output_encoding() != enc => decode_with(UTF_8, bytes),
        Some(enc) if enc != UTF_8 && declared_legacy_but_utf8(bytes) => {
            // The page declares a legacy charset, yet its non-ASCII bytes form valid UTF-8: the
            // declaration lies (a template copied between sites). Text in a single-byte charset
            // is almost never valid UTF-8 by chance, so the bytes win; the document is marked as
            // mis-encoded so that the audit reports the lie.
            let mut decoded = decode_with(UTF_8, bytes);
            decoded.had_errors = true;
            decoded
        }
        Some(enc) => decode_with(enc, bytes),
        None => match std::str::from_utf8(bytes) {
            Ok(s) => Decoded {
                text: s.to_owned(),
                encoding: UTF_8,
                had_errors: false,
            },
            Err(_) => decode_with(WINDOWS_1252, bytes),
        },
    }
}

/// True when `bytes` hold non-ASCII text that is valid UTF-8 with multi-byte sequences.
fn declared_legacy_but_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// Plain text files are UTF-8 (with or without BOM); invalid bytes are replaced and flagged.
pub fn decode_text(bytes: &[u8]) -> Decoded {
    match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => decode_with(encoding, &bytes[bom_len..]),
        None => decode_with(UTF_8, bytes),
    }
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        encoding,
        had_errors,
    }
}

/// The charset named by `<meta charset=…>` or `<meta http-equiv=… content="…charset=…">`.
///
/// A deliberately small prescan (not the full HTML algorithm): find `charset`, skip `=`, quotes
/// and spaces, read a label. It looks only inside `<meta` tags so that prose mentioning
/// "charset" is not taken for a declaration.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let tag_start = from + at;
        let tag_end = find(&lower[tag_start..], b">")
            .map(|e| tag_start + e)
            .unwrap_or(lower.len());
        let tag = &lower[tag_start..tag_end];
        if let Some(c) = find(tag, b"charset") {
            let mut rest = &tag[c + b"charset".len()..];
            while let [b' ' | b'=' | b'"' | b'\'', tail @ ..] = rest {
                rest = tail;
            }
            let label_len = rest
                .iter()
                .position(|b| matches!(b, b'"' | b'\'' | b' ' | b';' | b'/' | b'>'))
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..label_len]) {
                return Some(enc);
            }
        }
        from = tag_end.max(tag_start + 1);
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_is_honoured() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body>";
        let d = decode_html(page, None);
        assert!(d.text.contains("café"));
        assert!(!d.had_errors);
    }

    #[test]
    fn http_equiv_form_is_honoured() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        assert!(decode_html(page, None).text.contains("Привет"));
    }

    #[test]
    fn undeclared_non_utf8_falls_back_to_windows_1252() {
        let d = decode_html(b"<p>na\xefve</p>", None);
        assert!(d.text.contains("naïve"));
    }

    #[test]
    fn utf8_bytes_under_a_legacy_declaration_are_read_as_utf8_and_flagged() {
        let page = "<meta charset=\"windows-1251\"><p>Café “quoted”</p>".as_bytes();
        let d = decode_html(page, None);
        assert!(d.text.contains("Café “quoted”"), "{}", d.text);
        assert!(d.had_errors);
        // The same bytes under an honest UTF-8 declaration are not flagged.
        assert!(!decode_html(page, Some("utf-8")).had_errors);
    }

    #[test]
    fn transport_charset_beats_meta() {
        let page = b"<meta charset=utf-8><p>caf\xe9</p>";
        assert!(decode_html(page, Some("latin1")).text.contains("café"));
    }
}
