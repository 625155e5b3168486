//! The editorial flags of an audit: what an editor or a data team notices first about a page.

use serde::Serialize;

use super::{Flag, Rule};
use crate::text::clip;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EditorialThresholds {
    /// A page is mostly boilerplate when more than this share of its tokens lies outside the
    /// article (template, related links, captions, credits).
    pub max_non_article_share: f64,
    /// A body of fewer words is too short to be an article (a brief has 40 or more).
    pub min_body_words: u64,
    /// Mojibake sequences (`Ã©`, `â€™`) needed to call a text mis-encoded; one replacement
    /// character or a decoding error always is.
    pub min_mojibake: usize,
}

impl Default for EditorialThresholds {
    fn default() -> Self {
        EditorialThresholds {
            max_non_article_share: 0.5,
            min_body_words: 30,
            min_mojibake: 2,
        }
    }
}

/// `non_article` of `total` tokens lie outside the article.
pub fn mostly_boilerplate(non_article: u64, total: u64, t: &EditorialThresholds) -> Option<Flag> {
    if total == 0 {
        return None;
    }
    let share = non_article as f64 / total as f64;
    (share > t.max_non_article_share)
        .then(|| Flag::new(Rule::MostlyBoilerplate, share, t.max_non_article_share))
}

pub fn too_short(body_words: u64, t: &EditorialThresholds) -> Option<Flag> {
    (body_words < t.min_body_words)
        .then(|| Flag::new(Rule::TooShort, body_words as f64, t.min_body_words as f64))
}

/// A body that stops mid-sentence, or on an ellipsis or a "Read more"-style cut, was truncated
/// by the page (a teaser, a paywall) or by the scraper.
pub fn truncated(body: &str) -> Option<Flag> {
    let end = body.trim_end();
    if end.is_empty() {
        return None;
    }
    let last = end.chars().last()?;
    let cut = end.ends_with("...") || end.ends_with('…') || end.ends_with("[…]");
    let closed = matches!(
        last,
        '.' | '!' | '?' | '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '。' | '！' | '？'
    );
    if cut || !closed {
        let tail_start = end.char_indices().rev().nth(39).map_or(0, |(i, _)| i);
        let mut flag = Flag::new(Rule::Truncated, 1.0, 1.0);
        flag.limit = None;
        flag.detail = Some(clip(&end[tail_start..], 200).to_owned());
        return Some(flag);
    }
    None
}

/// Counts UTF-8 text read as Latin-1 or Windows-1252: `Ã` or `Â` before a Latin-1 punctuation or
/// letter code point, and `â€` (the lead of curly quotes and dashes).
pub fn mojibake_count(text: &str) -> usize {
    let mut count = 0;
    let mut prev = '\0';
    for c in text.chars() {
        let pair = match prev {
            'Ã' | 'Â' => ('\u{80}'..='\u{BF}').contains(&c),
            'â' => c == '€',
            _ => false,
        };
        if pair {
            count += 1;
        }
        prev = c;
    }
    count
}

pub fn mis_encoded(text: &str, decode_errors: bool, t: &EditorialThresholds) -> Option<Flag> {
    let replacement = text.matches('\u{FFFD}').count();
    let mojibake = mojibake_count(text);
    if decode_errors || replacement > 0 || mojibake >= t.min_mojibake {
        let mut flag = Flag::new(
            Rule::MisEncoded,
            (replacement + mojibake) as f64,
            t.min_mojibake as f64,
        );
        flag.limit = None;
        flag.detail = Some(format!(
            "{replacement} replacement characters, {mojibake} mojibake sequences{}",
            if decode_errors {
                ", bytes invalid in their encoding"
            } else {
                ""
            }
        ));
        return Some(flag);
    }
    None
}

/// The document is a copy (or partial copy) of `of`.
pub fn duplicate_of(of: &str, similarity: f64) -> Flag {
    Flag {
        rule: Rule::DuplicateOf,
        value: similarity,
        limit: None,
        detail: Some(of.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = include_str!("../../fixtures/reuters_prose.txt");

    fn t() -> EditorialThresholds {
        EditorialThresholds::default()
    }

    #[test]
    fn a_page_of_template_is_mostly_boilerplate() {
        assert!(mostly_boilerplate(120, 200, &t()).is_some());
        assert!(mostly_boilerplate(60, 200, &t()).is_none());
        assert!(mostly_boilerplate(0, 0, &t()).is_none());
    }

    #[test]
    fn a_brief_is_not_too_short_but_a_stub_is() {
        assert!(too_short(45, &t()).is_none());
        assert!(too_short(12, &t()).is_some());
    }

    #[test]
    fn a_story_ending_in_a_quote_is_complete() {
        // reuters-43 ends: "You can wipe that off your slate," he said. (then " Reuter")
        let body = PROSE.trim_end().trim_end_matches("Reuter");
        assert!(truncated(body).is_none(), "{:?}", truncated(body));
    }

    #[test]
    fn teasers_and_cut_sentences_are_truncated() {
        let teaser =
            "Secretary of State George Shultz acknowledged failings in the Iran arms affair but...";
        let f = truncated(teaser).expect("ellipsis");
        assert!(f.detail.as_deref().is_some_and(|d| d.ends_with("but...")));
        let cut =
            "His role in the scandal that has scarred the Reagan administration attracted harsh";
        assert!(truncated(cut).is_some());
        assert!(truncated("").is_none());
    }

    #[test]
    fn mojibake_and_replacement_characters_are_mis_encoded() {
        let good = "Gazprom’s chief said the café would reopen.";
        assert!(mis_encoded(good, false, &t()).is_none());
        let moji = "Gazpromâ€™s chief said the cafÃ© would reopen.";
        assert_eq!(mojibake_count(moji), 2);
        assert!(mis_encoded(moji, false, &t()).is_some());
        assert!(mis_encoded("the caf\u{FFFD} reopened", false, &t()).is_some());
        assert!(mis_encoded(good, true, &t()).is_some());
    }

    #[test]
    fn duplicate_of_names_the_original() {
        let f = duplicate_of("doc-000017", 0.93);
        let json = serde_json::to_string(&f).expect("serialise");
        assert_eq!(
            json,
            r#"{"flag":"duplicate-of","value":0.93,"of":"doc-000017"}"#
        );
    }
}
