//! Word tokens: maximal runs of alphanumeric characters.
//!
//! Letters and digits glued together ("+309May") are split at the
//! letter/digit boundary so that date cues survive scraping accidents.

/// Iterates over the words of `text` (alphanumeric runs, letter/digit runs split).
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

/// Iterator returned by [`words`].
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
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
    } else if c.is_alphanumeric() {
        Kind::Letter
    } else {
        Kind::Other
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        // Skip to the start of a word; ASCII bytes are classified directly.
        let (start, mut cur) = loop {
            if i >= bytes.len() {
                self.pos = i;
                return None;
            }
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_digit() {
                    break (i, Kind::Digit);
                }
                if b.is_ascii_alphabetic() {
                    break (i, Kind::Letter);
                }
                i += 1;
            } else {
                let c = self.text[i..].chars().next().unwrap_or(' ');
                let k = kind(c);
                if k != Kind::Other {
                    break (i, k);
                }
                i += c.len_utf8();
            }
        };
        loop {
            if i >= bytes.len() {
                break;
            }
            let b = bytes[i];
            let (k, len) = if b < 0x80 {
                let k = if b.is_ascii_digit() {
                    Kind::Digit
                } else if b.is_ascii_alphabetic() {
                    Kind::Letter
                } else {
                    Kind::Other
                };
                (k, 1)
            } else {
                let c = self.text[i..].chars().next().unwrap_or(' ');
                (kind(c), c.len_utf8())
            };
            if k != cur {
                break;
            }
            cur = k;
            i += len;
        }
        self.pos = i;
        Some(&self.text[start..i])
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

/// `w` in lowercase: `w` itself when it has no capitals (no copy), else
/// lowercased into `buf`.
pub fn lowered<'a>(w: &'a str, buf: &'a mut String) -> &'a str {
    if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return w;
    }
    lower_into(w, buf);
    buf.as_str()
}

/// Lowercases `w` into `buf` (cleared first), ASCII fast path.
pub fn lower_into(w: &str, buf: &mut String) {
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(w.chars().flat_map(char::to_lowercase));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_glued_digits_and_punctuation() {
        let w: Vec<&str> = words("06:36 GMT +309May 2017, Lavrov’s visit").collect();
        assert_eq!(
            w,
            ["06", "36", "GMT", "309", "May", "2017", "Lavrov", "s", "visit"]
        );
    }

    #[test]
    fn keeps_non_latin_words() {
        let w: Vec<&str> = words("Министр заявил — «да».").collect();
        assert_eq!(w, ["Министр", "заявил", "да"]);
    }
}
