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
        let rest = self.text.get(self.pos..)?;
        let mut start = None;
        let mut cur = Kind::Other;
        for (i, c) in rest.char_indices() {
            let k = kind(c);
            match start {
                None => {
                    if k != Kind::Other {
                        start = Some(i);
                        cur = k;
                    }
                }
                Some(s) => {
                    if k != cur {
                        self.pos += i;
                        return Some(&rest[s..i]);
                    }
                }
            }
        }
        self.pos = self.text.len();
        start.map(|s| &rest[s..])
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
