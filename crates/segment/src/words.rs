//! Word tokens: maximal runs of alphanumeric characters.
//!
//! Letters and digits glued together ("+309May") are split at the
//! letter/digit boundary so that date cues survive scraping accidents.

use crate::swar::{between, HIGH, ONES};

/// Iterates over the words of `text` (alphanumeric runs, letter/digit runs split).
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        pos: 0,
        wide: false,
    }
}

/// Iterator returned by [`words`].
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
    /// Whether the last word read has a multi-byte character.
    wide: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Letter,
    Digit,
    Other,
}

fn kind(c: char) -> Kind {
    if c.is_ascii_digit() {
        Kind::Digit
    } else if is_common_letter(c) {
        Kind::Letter
    } else if is_common_punctuation(c) {
        Kind::Other
    } else if c.is_alphanumeric() {
        Kind::Letter
    } else {
        Kind::Other
    }
}

/// Blocks of the commonest non-ASCII letters (accented Latin, Greek,
/// Cyrillic, Hebrew, Arabic, kana, CJK ideographs, Hangul), every one of them
/// alphabetic (tested): `char::is_alphanumeric` searches Unicode's tables for
/// any character past Latin-1, which was a tenth of reading the words of a
/// non-English page.
fn is_common_letter(c: char) -> bool {
    matches!(
        u32::from(c),
        0xc0..=0xd6
            | 0xd8..=0xf6
            | 0xf8..=0x24f
            | 0x391..=0x3a1
            | 0x3a3..=0x3c9
            | 0x400..=0x481
            | 0x48a..=0x52f
            | 0x5d0..=0x5ea
            | 0x621..=0x63a
            | 0x641..=0x64a
            | 0x3041..=0x3096
            | 0x30a1..=0x30fa
            | 0x4e00..=0x9fff
            | 0xac00..=0xd7a3
    )
}

/// General Punctuation (dashes, curly quotes, ellipsis, spaces): no letter
/// or digit among them (tested).
fn is_common_punctuation(c: char) -> bool {
    matches!(u32::from(c), 0x2000..=0x206f)
}

/// Byte classes: ASCII bytes are classified by a table lookup, the lead
/// bytes of multi-byte characters ask for the character to be decoded.
const OTHER: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const WIDE: u8 = 3;

static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            LETTER
        } else if c >= 0x80 {
            WIDE
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// The high bit of each byte of `x` that is an ASCII letter.
#[inline]
fn ascii_letters(x: u64) -> u64 {
    // Fold case, drop the high bit so that the test cannot carry into the
    // next byte, and test 'a' <= b <= 'z' (a byte past ASCII is none).
    between((x | (ONES * 0x20)) & !HIGH, b'a', b'z') & !x
}

impl<'a> Words<'a> {
    /// The next word's byte range in the text and whether it is all ASCII:
    /// what the lexicon's fast path needs, found while reading it. No `&str`
    /// is made: slicing one checks char boundaries, a third of the cost of
    /// reading a word.
    #[inline(always)]
    pub fn next_span(&mut self) -> Option<(usize, usize, bool)> {
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        self.wide = false;
        // Skip to the start of a word.
        let (start, cur) = loop {
            let Some(&b) = bytes.get(i) else {
                self.pos = i;
                return None;
            };
            match BYTE_CLASS[usize::from(b)] {
                OTHER => i += 1,
                WIDE => {
                    let (k, len) = self.wide(i);
                    if k != OTHER {
                        self.wide = true;
                        break (i, k);
                    }
                    i += len;
                }
                k => break (i, k),
            }
        };
        if cur == LETTER {
            // Eight ASCII letters at a time: the word's end is found by a
            // mask, not by a branch per byte that mispredicts once a word;
            // the byte loop below takes over at the first other byte, unless
            // that byte is ASCII: then it ends the word.
            while let Some(chunk) = bytes.get(i..i + 8) {
                let mut w = [0u8; 8];
                w.copy_from_slice(chunk);
                let x = u64::from_le_bytes(w);
                let stop = !ascii_letters(x) & HIGH;
                if stop != 0 {
                    i += (stop.trailing_zeros() / 8) as usize;
                    // The high bit of the first byte that is not a letter.
                    if x & stop & stop.wrapping_neg() == 0 {
                        self.pos = i;
                        return Some((start, i, !self.wide));
                    }
                    break;
                }
                i += 8;
            }
        }
        while let Some(&b) = bytes.get(i) {
            let k = BYTE_CLASS[usize::from(b)];
            if k == cur {
                i += 1;
            } else if k == WIDE {
                let (k, len) = self.wide(i);
                if k != cur {
                    break;
                }
                self.wide = true;
                i += len;
            } else {
                break;
            }
        }
        self.pos = i;
        Some((start, i, !self.wide))
    }

    /// The class and byte length of the character at `i`, which starts
    /// with a multi-byte lead.
    #[cold]
    fn wide(&self, i: usize) -> (u8, usize) {
        let c = self.text[i..].chars().next().unwrap_or(' ');
        let k = match kind(c) {
            Kind::Letter => LETTER,
            Kind::Digit => DIGIT,
            Kind::Other => OTHER,
        };
        (k, c.len_utf8())
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;
    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let (start, end, _) = self.next_span()?;
        self.text.get(start..end)
    }
}

/// Whether the word starts with an uppercase letter.
pub fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether every letter of the word is uppercase (and it has at least one).
pub fn is_all_caps(w: &str) -> bool {
    let mut any = false;
    for c in w.chars() {
        if c.is_lowercase() {
            return false;
        }
        any |= c.is_uppercase();
    }
    any
}

/// `s` without surrounding whitespace, as `str::trim`: ASCII spaces are
/// skipped byte by byte, and only a text that starts or ends with a byte past
/// ASCII (or the vertical tab, which ASCII trimming keeps) asks Unicode's
/// whitespace. It runs on every line of a page.
#[inline(always)]
pub fn trim(s: &str) -> &str {
    // Most texts come trimmed already (a page's lines are trimmed when read,
    // and their features trim them again): printable ASCII at both ends,
    // answered inline (the rules trim every unit).
    let printable = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x7F);
    if printable(s.as_bytes().first()) && printable(s.as_bytes().last()) {
        return s;
    }
    trim_ends(s)
}

/// [`trim`] of a text that does not start and end with printable ASCII.
fn trim_ends(s: &str) -> &str {
    let s = s.trim_ascii();
    let wide = |b: Option<&u8>| b.is_some_and(|&b| !b.is_ascii() || b == 0x0B);
    if wide(s.as_bytes().first()) || wide(s.as_bytes().last()) {
        s.trim()
    } else {
        s
    }
}

/// `s.trim_end()`, at once when `s` ends in printable ASCII: a page's lines
/// are trimmed when read, and the rules trim them again on every unit.
#[inline]
pub fn trim_end(s: &str) -> &str {
    match s.as_bytes().last() {
        Some(&b) if b > b' ' && b < 0x7F => s,
        _ => s.trim_end(),
    }
}

/// `w` in lowercase: `w` itself when it has no capitals (no copy), else
/// lowercased into `buf`.
pub fn lowered<'a>(w: &'a str, buf: &'a mut String) -> &'a str {
    if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return w;
    }
    lower_into(w, buf);
    buf.as_str()
}

/// Lowercases `w` into `buf` (cleared first), character by character as
/// `char::to_lowercase` does. ASCII runs are copied and lowercased whole:
/// news text is mostly ASCII with a curly quote or a dash here and there.
pub fn lower_into(w: &str, buf: &mut String) {
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
        return;
    }
    buf.reserve(w.len());
    let mut rest = w;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(ascii);
        let from = buf.len();
        buf.push_str(run);
        if let Some(pushed) = buf.get_mut(from..) {
            pushed.make_ascii_lowercase();
        }
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            buf.extend(c.to_lowercase());
        }
        rest = chars.as_str();
    }
}

/// Whether `a` and `b` have the same words, ignoring case, punctuation and
/// spacing: the comparison a title match needs, made word by word so that a
/// page's lines are turned down at their first differing word, without
/// lowercasing or hashing them whole.
pub fn same_words(a: &str, b: &str) -> bool {
    // Most comparisons (a page's every line against its title) are settled
    // at the first word, in ASCII: read as bytes, not as words sliced out.
    match same_ascii_words(a.as_bytes(), b.as_bytes()) {
        Some(same) => same,
        None => same_words_by_chars(a, b),
    }
}

/// [`same_words`] read byte by byte while the bytes are ASCII, `None` at a
/// byte past ASCII before the answer is known.
fn same_ascii_words(a: &[u8], b: &[u8]) -> Option<bool> {
    let class = |c: Option<&u8>| match c {
        Some(&c) if c >= 0x80 => None,
        Some(&c) => Some(BYTE_CLASS[usize::from(c)]),
        None => Some(OTHER),
    };
    let (mut i, mut j) = (0, 0);
    loop {
        // To the next word's start on both sides.
        let (ka, kb) = loop {
            let k = class(a.get(i))?;
            if k != OTHER || i >= a.len() {
                break (
                    k,
                    loop {
                        let k = class(b.get(j))?;
                        if k != OTHER || j >= b.len() {
                            break k;
                        }
                        j += 1;
                    },
                );
            }
            i += 1;
        };
        if ka != kb {
            return Some(false);
        }
        if ka == OTHER {
            // Both texts ended.
            return Some(true);
        }
        // The word on both sides, byte by byte, to its end on both.
        loop {
            let (ca, cb) = (class(a.get(i))?, class(b.get(j))?);
            match (ca == ka, cb == ka) {
                (true, true) => {
                    if !a[i].eq_ignore_ascii_case(&b[j]) {
                        return Some(false);
                    }
                    i += 1;
                    j += 1;
                }
                (false, false) => break,
                _ => return Some(false),
            }
        }
    }
}

/// [`same_words`] word by word, the words' characters lowercased.
fn same_words_by_chars(a: &str, b: &str) -> bool {
    let (mut wa, mut wb) = (words(a), words(b));
    loop {
        match (wa.next(), wb.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) => {
                let equal = if x.is_ascii() && y.is_ascii() {
                    x.eq_ignore_ascii_case(y)
                } else {
                    x.chars()
                        .flat_map(char::to_lowercase)
                        .eq(y.chars().flat_map(char::to_lowercase))
                };
                if !equal {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcuts of `kind` agree with `char::is_alphanumeric` on every
    /// character they cover.
    #[test]
    fn common_blocks_agree_with_unicode_tables() {
        for c in (0u32..=0x10ffff).filter_map(char::from_u32) {
            if is_common_letter(c) {
                assert!(c.is_alphanumeric() && !c.is_ascii_digit(), "{c:?}");
            }
            if is_common_punctuation(c) {
                assert!(!c.is_alphanumeric(), "{c:?}");
            }
        }
    }

    #[test]
    fn same_words_ignores_case_and_punctuation() {
        assert!(same_words(
            "U.S. Trade Deficit Widens",
            "u s trade deficit — widens"
        ));
        assert!(same_words("Министр ЗАЯВИЛ", "министр заявил."));
        assert!(!same_words(
            "Trade deficit widens",
            "Trade deficit widens again"
        ));
        assert!(!same_words("", "Trade"));
        assert!(same_words("", "--"));
        // The ASCII reading answers as the word-by-word one, or declines.
        let texts = [
            "U.S. Trade Deficit Widens",
            "u s trade deficit — widens",
            "US trade deficit widens",
            "u.s. trade-deficit WIDENS!",
            "U.S. Trade Deficit Widens in 1987",
            "U.S. Trade Deficit Widens in1987",
            "Caf\u{e9} 1987",
            "caf\u{c9} 1987",
            "Gulf Canada Asserts No Damage from Spill",
            "",
            "--",
            "9x",
            "9 X",
        ];
        for a in texts {
            for b in texts {
                let want = same_words_by_chars(a, b);
                assert_eq!(same_words(a, b), want, "{a:?} {b:?}");
                if a.is_ascii() && b.is_ascii() {
                    assert_eq!(same_ascii_words(a.as_bytes(), b.as_bytes()), Some(want));
                }
            }
        }
    }

    #[test]
    fn splits_glued_digits_and_punctuation() {
        let w: Vec<&str> = words("06:36 GMT +309May 2017, Lavrov’s visit").collect();
        assert_eq!(
            w,
            ["06", "36", "GMT", "309", "May", "2017", "Lavrov", "s", "visit"]
        );
    }

    #[test]
    fn next_span_gives_offsets_and_asciiness() {
        let text = "Straße 9x société ab";
        let mut it = words(text);
        let mut got = Vec::new();
        while let Some((start, end, ascii)) = it.next_span() {
            got.push((&text[start..end], ascii));
        }
        assert_eq!(
            got,
            [
                ("Straße", false),
                ("9", true),
                ("x", true),
                ("société", false),
                ("ab", true)
            ]
        );
    }

    #[test]
    fn letter_runs_end_where_bytewise_reading_ends() {
        let text = "Abcdefghijklmnopqrstuvwxyz[`@{ZZ Straße9x société_Ünïcödé ab1cd";
        let w: Vec<&str> = words(text).collect();
        assert_eq!(
            w,
            [
                "Abcdefghijklmnopqrstuvwxyz",
                "ZZ",
                "Straße",
                "9",
                "x",
                "société",
                "Ünïcödé",
                "ab",
                "1",
                "cd"
            ]
        );
        for b in 0u8..=255 {
            let x = u64::from(b) | (u64::from(b'a') << 8);
            assert_eq!(ascii_letters(x) & 0x80 != 0, b.is_ascii_alphabetic(), "{b}");
            assert_ne!(ascii_letters(x) & 0x8000, 0, "{b}");
        }
    }

    #[test]
    fn lowercases_like_char_to_lowercase() {
        let mut buf = String::new();
        for s in [
            "",
            "ABC def",
            "Lavrov’s VISIT — «ДА» İstanbul ΣΟΦΙΑ",
            "É",
            "x\u{301}Y",
        ] {
            lower_into(s, &mut buf);
            let want: String = s.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(buf, want, "{s}");
        }
    }

    #[test]
    fn keeps_non_latin_words() {
        let w: Vec<&str> = words("Министр заявил — «да».").collect();
        assert_eq!(w, ["Министр", "заявил", "да"]);
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "\u{b}\t x \r\n",
            "a",
            " a b ",
            "\u{a0}a\u{a0}",
            " \u{2003}é ",
            "é",
            "x\u{85}",
            "\u{3000}",
            " \u{b}",
            "  a b \r\n",
            "\u{a0}Ünï\u{2009}",
            "\x0bx\x0b",
            "\t\u{85}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
            assert_eq!(trim_end(s), s.trim_end(), "{s:?}");
        }
    }
}
