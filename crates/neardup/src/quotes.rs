//! Which words of a text stand inside quotation marks.
//!
//! Different articles about one event quote the same statements: a press
//! conference, a company's blog post, a court filing. Those passages are
//! shared word for word, yet the definition of a copy (SPEC §4) says such
//! articles are not copies; what a copy shares is the writer's own sentences.
//! The verifier therefore looks again at a pair without its quoted words
//! (`verify.rs`), and this module says which words those are.
//!
//! Every quotation mark switches between outside and inside: ASCII `"`,
//! typographic `“` `”` and `„`, and guillemets `«` `»`. Switching rather than
//! pairing opening with closing marks reads the conventions of English
//! (“…”), German („…“ and »…«), French («…») and Swedish (”…”) alike. Single
//! marks are left alone: `’` is far more often an apostrophe. A quotation
//! never runs past the text it is found in (one block): news style opens each
//! paragraph of a long quotation again and closes only the last, so a block
//! ending inside a quotation is quoted to its end, and the next starts outside.

/// Byte offsets of the quotation marks of a text, in order. (The tokenizer's ASCII
/// scanner follows `"` itself, on its way over the bytes between words.)
pub(crate) fn marks(text: &str, out: &mut Vec<usize>) {
    out.clear();
    let bytes = text.as_bytes();
    // The typographic marks are E2 80 9C..9E and C2 AB / C2 BB in UTF-8.
    for at in memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes) {
        let next = |k: usize| bytes.get(at + k).copied();
        let is_mark = match bytes[at] {
            b'"' => true,
            0xE2 => next(1) == Some(0x80) && matches!(next(2), Some(0x9C..=0x9E)),
            _ => matches!(next(1), Some(0xAB | 0xBB)),
        };
        if is_mark {
            out.push(at);
        }
    }
}

/// Answers "is the word starting here quoted?" for words visited in text order.
pub(crate) struct Cursor<'a> {
    marks: &'a [usize],
    passed: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(marks: &'a [usize]) -> Self {
        Cursor { marks, passed: 0 }
    }

    /// Whether byte offset `at` lies inside a quotation; `at` never decreases between calls.
    #[inline]
    pub(crate) fn inside(&mut self, at: usize) -> bool {
        while self.passed < self.marks.len() && self.marks[self.passed] < at {
            self.passed += 1;
        }
        self.passed % 2 == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted_words(text: &str) -> Vec<&str> {
        let mut m = Vec::new();
        marks(text, &mut m);
        let mut c = Cursor::new(&m);
        let mut out = Vec::new();
        let mut at = 0;
        for w in text.split(' ') {
            // A token starts at the word's first letter or digit, after any opening mark.
            if let Some(first) = w.find(char::is_alphanumeric) {
                if c.inside(at + first) {
                    out.push(w);
                }
            }
            at += w.len() + 1;
        }
        out
    }

    #[test]
    fn marks_switch_between_outside_and_inside() {
        // Reuters-21578 style, ASCII marks.
        assert_eq!(
            quoted_words("He said \"we will cut output\" on Tuesday."),
            ["\"we", "will", "cut", "output\""]
        );
        assert_eq!(
            quoted_words("Er sagte „wir kürzen“ am Dienstag."),
            ["„wir", "kürzen“"]
        );
        assert_eq!(
            quoted_words("Il a dit « nous réduisons » mardi."),
            ["nous", "réduisons"]
        );
        // A paragraph of a long quotation, opened and never closed: quoted to its end.
        assert_eq!(
            quoted_words("“We will cut output, he said."),
            ["“We", "will", "cut", "output,", "he", "said."]
        );
        // Apostrophes are no quotation marks.
        assert!(quoted_words("the company’s ‘new’ policy").is_empty());
    }
}
