//! HTML escaping. Every piece of corpus text goes through [`esc`] before it reaches the page,
//! in element content and in attribute values alike: with `&`, `<`, `>`, `"` and `'` escaped, a
//! text can neither open a tag nor leave a quoted attribute, whatever it holds.

use std::fmt::Write;

/// Escapes `text` for element content and for quoted attribute values. Control characters other
/// than tab and newline become U+FFFD: they have no business on a page and some are parse errors.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_esc(&mut out, text);
    out
}

/// [`esc`] appending to `out`.
pub fn push_esc(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// A number with thousands separators, for counts shown to people.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A share as a percentage with one decimal.
pub fn percent(share: f64) -> String {
    let mut s = String::new();
    let _ = write!(s, "{:.1}%", share * 100.0);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_tags_cannot_open() {
        assert_eq!(
            esc("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
    }

    #[test]
    fn attributes_cannot_be_left() {
        let title = "x\" onerror=\"alert(1)\" a='";
        let e = esc(title);
        assert!(!e.contains('"') && !e.contains('\''), "{e}");
        assert_eq!(e, "x&quot; onerror=&quot;alert(1)&quot; a=&#39;");
    }

    #[test]
    fn textarea_and_comment_breakouts_are_inert() {
        let e = esc("</textarea><img src=x onerror=alert(1)><!--");
        assert!(!e.contains('<') && !e.contains('>'));
    }

    #[test]
    fn entities_are_not_double_decoded() {
        assert_eq!(esc("&lt;b&gt; AT&T"), "&amp;lt;b&amp;gt; AT&amp;T");
    }

    #[test]
    fn control_characters_are_replaced() {
        assert_eq!(esc("a\u{0}b\u{1b}c\td\ne"), "a\u{FFFD}b\u{FFFD}c\td\ne");
    }

    #[test]
    fn numbers_for_people() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(4177), "4,177");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(percent(0.1234), "12.3%");
    }
}
