//! Small text helpers shared by the flags and the tallies.

/// Words as the Gopher and FineWeb rules count them: whitespace-separated tokens with the
/// punctuation around them stripped; tokens that are punctuation only are symbols, not words.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .map(trim_to_alphanumeric)
        .filter(|t| !t.is_empty())
}

/// `t` without the non-alphanumeric characters at either end. Byte by byte for ASCII tokens
/// (most tokens of most corpora, and `char::is_alphanumeric` agrees with
/// `u8::is_ascii_alphanumeric` on them), char by char otherwise: every flag walks the words
/// of every body, so this is one of an audit's hot loops.
fn trim_to_alphanumeric(t: &str) -> &str {
    if !t.is_ascii() {
        return t.trim_matches(|c: char| !c.is_alphanumeric());
    }
    let b = t.as_bytes();
    let Some(start) = b.iter().position(u8::is_ascii_alphanumeric) else {
        return "";
    };
    let end = b
        .iter()
        .rposition(u8::is_ascii_alphanumeric)
        .map_or(start, |e| e + 1);
    // Both ends are ASCII bytes, hence character boundaries.
    &t[start..end]
}

/// Collapses runs of whitespace into one space and trims: the key of a template line or a
/// caption, so that re-wrapping or trailing spaces do not split one line into two entries.
pub fn normalize_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
pub fn clip(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Counts the Unicode words of `text` (letters or digits): the token unit of label shares.
pub fn token_count(text: &str) -> u64 {
    words(text).count() as u64
}

/// Rounds a ratio to 4 decimals so that JSON output stays short and stable.
pub fn round4(x: f64) -> f64 {
    if x.is_finite() {
        (x * 10_000.0).round() / 10_000.0
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_strip_punctuation_and_skip_symbols() {
        let w: Vec<&str> =
            words("MOSCOW (Sputnik) — the \"talks\" ended... # 50 mln dlrs.").collect();
        assert_eq!(
            w,
            ["MOSCOW", "Sputnik", "the", "talks", "ended", "50", "mln", "dlrs"]
        );
    }

    #[test]
    fn the_ascii_trim_agrees_with_the_char_trim() {
        let text = include_str!("../fixtures/syndication_page.txt");
        let tokens = text.split_whitespace().chain([
            "", "...", "(AP)", "\"Yes!\"", "#1", "a-b", "--x--", "Café,", "«Hé»", "½",
        ]);
        for t in tokens {
            assert_eq!(
                trim_to_alphanumeric(t),
                t.trim_matches(|c: char| !c.is_alphanumeric()),
                "{t:?}"
            );
        }
    }

    #[test]
    fn normalize_collapses_whitespace() {
        assert_eq!(
            normalize_line("  Share \t Tweet  Email\n"),
            "Share Tweet Email"
        );
    }

    #[test]
    fn clip_respects_char_boundaries() {
        assert_eq!(clip("Gazprom’s", 8), "Gazprom");
        assert_eq!(clip("abc", 10), "abc");
    }
}
