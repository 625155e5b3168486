//! Normalised word tokens: NFKC, case folding, punctuation and whitespace folded.
//!
//! Tokens follow the Unicode word boundaries of UAX #29 (`unicode-segmentation`),
//! so that "U.S.", "don't" and "1,000" stay one word, and CJK or accented text is
//! cut where Unicode says. Inside a token, every character that is not
//! alphanumeric is dropped ("u.s" → "us", "1,000" → "1000") and letters are
//! lower-cased with the full Unicode mapping: two spellings of one word that
//! differ only in punctuation, case or compatibility form become one token.
//!
//! Most news text is ASCII, where NFKC is the identity; a hand-written scanner
//! that follows the same UAX #29 rules (WB5–WB13b restricted to ASCII) runs there
//! several times faster than the general segmenter. A test checks that both
//! paths give the same tokens.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;

use crate::quotes;

/// Reusable buffers, so that tokenizing allocates nothing per token.
#[derive(Debug, Default)]
pub struct Tokenizer {
    word: String,
    normalized: String,
    marks: Vec<usize>,
    /// The text with its web addresses blanked out, when it has any.
    without_urls: String,
}

impl Tokenizer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Calls `f` with each normalised token of `text`, in order, and whether it stands
    /// inside quotation marks (see `quotes.rs`).
    pub fn for_each(&mut self, text: &str, mut f: impl FnMut(&str, bool)) {
        let text = if blank_urls(text, &mut self.without_urls) {
            self.without_urls.as_str()
        } else {
            text
        };
        if text.is_ascii() {
            ascii_tokens(text, &mut self.word, &mut f);
            return;
        }
        if matches!(is_nfkc_quick(text.chars()), IsNormalized::Yes) {
            quotes::marks(text, &mut self.marks);
            unicode_tokens(text, &mut self.word, &self.marks, &mut f);
            return;
        }
        self.normalized.clear();
        self.normalized.extend(text.nfkc());
        quotes::marks(&self.normalized, &mut self.marks);
        unicode_tokens(&self.normalized, &mut self.word, &self.marks, &mut f);
    }

    /// The normalised tokens of `text` as owned strings (for explanations and tests).
    pub fn collect(&mut self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.for_each(text, |t, _| out.push(t.to_owned()));
        out
    }
}

/// Copies `text` into `out` with every web address replaced by spaces, and says whether it
/// had one (when not, `out` is left alone and `text` is tokenized as it is).
///
/// A web address is no part of an article's sentences: a share widget repeats the page's own
/// address, two pages of one site share its path, and a syndicated copy carries its outlet's.
/// An address is a run of non-space characters holding "://"; replacing it byte for byte keeps
/// every other offset (and the text valid UTF-8: runs end at ASCII spaces or the text's ends).
fn blank_urls(text: &str, out: &mut String) -> bool {
    let bytes = text.as_bytes();
    // Most blocks hold no colon at all: one `memchr` settles them for less than the
    // substring search's set-up.
    if memchr::memchr(b':', bytes).is_none() {
        return false;
    }
    static SCHEME_END: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"://"));
    let mut found = SCHEME_END.find_iter(bytes).peekable();
    if found.peek().is_none() {
        return false;
    }
    let space = |b: &u8| b.is_ascii_whitespace();
    out.clear();
    // Runs start after an ASCII space (or at 0) and end at one (or at the end): char
    // boundaries, so the text around them is copied as `str` slices.
    let mut copied = 0;
    for at in found {
        if at < copied {
            continue; // a second "://" inside an address already blanked
        }
        let start = bytes[..at].iter().rposition(space).map_or(0, |p| p + 1);
        let end = bytes[at..]
            .iter()
            .position(space)
            .map_or(bytes.len(), |p| at + p);
        let start = start.max(copied);
        out.push_str(&text[copied..start]);
        out.extend(std::iter::repeat_n(' ', end - start));
        copied = end;
    }
    out.push_str(&text[copied..]);
    true
}

fn unicode_tokens(text: &str, word: &mut String, marks: &[usize], f: &mut impl FnMut(&str, bool)) {
    let mut quoted = quotes::Cursor::new(marks);
    for (at, w) in text.unicode_word_indices() {
        word.clear();
        for c in w.chars() {
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            }
        }
        if !word.is_empty() {
            f(word, quoted.inside(at));
        }
    }
}

/// What a byte can do in an ASCII word, as bit flags: one table lookup per byte answers
/// every question the scanner asks of it.
const WORD: u8 = 1; // letter, digit or `_` (ExtendNumLet): continues a word
const LETTER: u8 = 2;
const DIGIT: u8 = 4;
/// Not already folded: an upper-case letter, or `_` (dropped from the token).
const UNFOLDED: u8 = 8;
/// Joins two letters: `:` (MidLetter), `.` `'` (MidNumLet, Single_Quote).
const JOINS_LETTERS: u8 = 16;
/// Joins two digits: `,` `;` (MidNum), `.` `'`.
const JOINS_DIGITS: u8 = 32;
/// `"`: no part of a word; switches between outside and inside a quotation.
const QUOTE: u8 = 64;

const FLAGS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = flags_of(b as u8);
        b += 1;
    }
    t
};

const fn flags_of(b: u8) -> u8 {
    match b {
        b'a'..=b'z' => WORD | LETTER,
        b'A'..=b'Z' => WORD | LETTER | UNFOLDED,
        b'0'..=b'9' => WORD | DIGIT,
        b'_' => WORD | UNFOLDED,
        b':' => JOINS_LETTERS,
        b',' | b';' => JOINS_DIGITS,
        b'.' | b'\'' => JOINS_LETTERS | JOINS_DIGITS,
        b'"' => QUOTE,
        _ => 0,
    }
}

#[inline]
fn flags(b: u8) -> u8 {
    FLAGS[b as usize]
}

/// UAX #29 on ASCII: a word is a run of letters, digits and `_`, where one
/// middle character may join two letters (`:` `.` `'`) or two digits
/// (`,` `;` `.` `'`). Segments without a letter or digit are not words.
///
/// A token that is already folded (lower-case letters and digits only, the
/// common case) is handed over as a slice of the text, without a copy. Each
/// byte's flags are one table load, ORed over the word: one load, one test and
/// one OR per byte of a word (the join test rereads the bytes around a run's end).
fn ascii_tokens(text: &str, word: &mut String, f: &mut impl FnMut(&str, bool)) {
    // Whether the scan is inside a quotation (see `quotes.rs`): in ASCII only `"` marks one,
    // and it is never part of a word, so the loop that skips non-word bytes meets every one.
    let mut inside = false;
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let first = flags(bytes[i]);
        if first & WORD == 0 {
            inside ^= first & QUOTE != 0;
            i += 1;
            continue;
        }
        let start = i;
        // The OR of the flags of the word's bytes, and whether a middle character was dropped.
        let mut seen = 0u8;
        let mut joined = false;
        loop {
            while let Some(&b) = bytes.get(i) {
                let fl = flags(b);
                if fl & WORD == 0 {
                    break;
                }
                seen |= fl;
                i += 1;
            }
            // `bytes[i]` ends the run: a middle character joins only like with like,
            // letter·letter or digit·digit, around it.
            let (Some(&mid), Some(&next)) = (bytes.get(i), bytes.get(i + 1)) else {
                break;
            };
            let (before, mid, after) = (flags(bytes[i - 1]), flags(mid), flags(next));
            let letters = before & after & LETTER != 0 && mid & JOINS_LETTERS != 0;
            let digits = before & after & DIGIT != 0 && mid & JOINS_DIGITS != 0;
            if !(letters || digits) {
                break;
            }
            seen |= after;
            joined = true;
            i += 2;
        }
        if seen & (LETTER | DIGIT) == 0 {
            continue;
        }
        if seen & UNFOLDED == 0 && !joined {
            f(&text[start..i], inside);
        } else {
            word.clear();
            word.extend(
                bytes[start..i]
                    .iter()
                    .filter(|&&b| flags(b) & (LETTER | DIGIT) != 0)
                    .map(|&b| char::from(b.to_ascii_lowercase())),
            );
            f(word, inside);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unicode_path(text: &str) -> Vec<String> {
        let mut word = String::new();
        let mut out = Vec::new();
        unicode_tokens(text, &mut word, &[], &mut |t, _| out.push(t.to_owned()));
        out
    }

    #[test]
    fn folds_case_punctuation_and_compatibility_forms() {
        let mut t = Tokenizer::new();
        assert_eq!(
            t.collect("The U.S. said: 1,000 dlrs, don't ﬁx it!"),
            ["the", "us", "said", "1000", "dlrs", "dont", "fix", "it"]
        );
        // U+2019 is MidNumLet in UAX #29 and the full-width digits fold under NFKC.
        assert_eq!(t.collect("Don’t ＡＢＣ１２"), ["dont", "abc12"]);
        assert_eq!(t.collect("STRASSE Straße"), ["strasse", "straße"]);
    }

    /// Tokens with their quoted flag.
    type Flagged = Vec<(String, bool)>;

    /// The flagged tokens of the ASCII scanner and of the general path.
    fn flags(text: &str) -> (Flagged, Flagged) {
        let mut word = String::new();
        let (mut ascii, mut unicode) = (Vec::new(), Vec::new());
        ascii_tokens(text, &mut word, &mut |t, q| ascii.push((t.to_owned(), q)));
        let mut marks = Vec::new();
        quotes::marks(text, &mut marks);
        unicode_tokens(text, &mut word, &marks, &mut |t, q| {
            unicode.push((t.to_owned(), q))
        });
        (ascii, unicode)
    }

    #[test]
    fn web_addresses_are_no_words() {
        let mut t = Tokenizer::new();
        assert_eq!(
            t.collect(
                "Read it on site.example: https://www.site.example/story/2019/06/01/x-y/123/\nNext"
            ),
            ["read", "it", "on", "siteexample", "next"]
        );
        // Two addresses, one holding a second "://", and letters beyond ASCII around them.
        assert_eq!(
            t.collect("Café https://a.example/r?u=http://b.example ünd ftp://c.example/x"),
            ["café", "ünd"]
        );
        // Offsets are kept: the quotation after an address is still found.
        let mut quoted = Vec::new();
        t.for_each(
            "see http://a.example/b \"rates rose\" — Reuters",
            |w, q| quoted.push((w.to_owned(), q)),
        );
        assert_eq!(
            quoted,
            [
                ("see".to_owned(), false),
                ("rates".to_owned(), true),
                ("rose".to_owned(), true),
                ("reuters".to_owned(), false)
            ]
        );
    }

    #[test]
    fn both_scanners_tell_quoted_words_alike() {
        // Reuters-21578 (reuters-28), and marks glued to words and to each other.
        for text in [
            "\"We're falling by our own hand,\" said one Republican political strategist.",
            "said the report was like \"an anvil falling on us.",
            "a\"b\" \"\" c \"d e\"f g",
        ] {
            let (ascii, unicode) = flags(text);
            assert_eq!(ascii, unicode, "{text}");
        }
        let (ascii, _) = flags("\"We're falling by our own hand,\" said one strategist.");
        let quoted: Vec<&str> = ascii.iter().filter(|t| t.1).map(|t| t.0.as_str()).collect();
        assert_eq!(quoted, ["were", "falling", "by", "our", "own", "hand"]);
        let mut t = Tokenizer::new();
        let mut typographic = Vec::new();
        t.for_each("He said “we will cut” today", |w, q| {
            typographic.push((w.to_owned(), q))
        });
        let quoted: Vec<&str> = typographic
            .iter()
            .filter(|t| t.1)
            .map(|t| t.0.as_str())
            .collect();
        assert_eq!(quoted, ["we", "will", "cut"]);
    }

    #[test]
    fn ascii_scanner_matches_unicode_segmentation() {
        let samples = [
            "It could be months before major assistance is provided for Earthquake-stricken Ecuador.",
            "about 50 mln dlrs, or about 25 per cent of the country's quota; 1,234.56 vs 1.5.",
            "a.b.c a..b 1.a a.1 1,2,3 x:y 3:4 _ __a a_b 1_2 _1 'quoted' rock'n'roll U.S.-based",
            "Shr 1.20 dlrs vs 98 cts\nNet 12.3 mln vs 10.1 mln\nRevs 1.2 billion <ABC.N> (co) [x] {y}",
            "end. Start,, mid;;x 9;9 a;b a,b 9'9 a'b' 'a ,1 .5 5. :a a: a-b-c e-mail #tag @user",
        ];
        let mut t = Tokenizer::new();
        for s in samples {
            assert_eq!(t.collect(s), unicode_path(s), "{s}");
        }
        // Every string over a small alphabet rich in joiners, up to length 5.
        let alphabet: Vec<char> = "a1_.',:; -".chars().collect();
        let mut stack = vec![String::new()];
        while let Some(s) = stack.pop() {
            assert_eq!(t.collect(&s), unicode_path(&s), "{s:?}");
            if s.len() < 5 {
                for &c in &alphabet {
                    let mut next = s.clone();
                    next.push(c);
                    stack.push(next);
                }
            }
        }
    }
}
