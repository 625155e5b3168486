//! The FineWeb quality rules (Penedo et al. 2024; datatrove's `FineWebQualityFilter`): pages of
//! short unpunctuated lines, repeated lines and hard-wrapped lists are not prose.

use serde::Serialize;

use super::repetition::duplicates;
use super::{ratio, Flag, Rule};
use crate::text::words;

/// Line endings that count as the end of a sentence.
const STOP_CHARS: [char; 5] = ['.', '\'', '"', '!', '?'];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FinewebThresholds {
    /// Flag when the share of lines ending like a sentence is at most this.
    pub line_punct_ratio: f64,
    /// Flag when the share of short lines is at least this.
    pub short_line_ratio: f64,
    /// Lines of at most this many characters are short.
    pub short_line_length: usize,
    /// Flag when characters in repeated lines reach this share.
    pub char_duplicates_ratio: f64,
    /// Flag when there are more newlines per word than this.
    pub newline_ratio: f64,
}

impl Default for FinewebThresholds {
    fn default() -> Self {
        FinewebThresholds {
            line_punct_ratio: 0.12,
            short_line_ratio: 0.67,
            short_line_length: 30,
            char_duplicates_ratio: 0.01,
            newline_ratio: 0.3,
        }
    }
}

/// The rules that fire on `text`, in rule order.
pub fn flags(text: &str, t: &FinewebThresholds) -> Vec<Flag> {
    flags_of(text, words(text).count(), t)
}

/// [`flags`], given how many words `text` has (split once for every rule).
pub(crate) fn flags_of(text: &str, n_words: usize, t: &FinewebThresholds) -> Vec<Flag> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return out;
    }
    let punct = lines.iter().filter(|l| l.ends_with(STOP_CHARS)).count();
    let punct_ratio = ratio(punct, lines.len());
    if punct_ratio <= t.line_punct_ratio {
        out.push(Flag::new(
            Rule::FinewebLinePunctuation,
            punct_ratio,
            t.line_punct_ratio,
        ));
    }
    let short = lines
        .iter()
        .filter(|l| l.chars().count() <= t.short_line_length)
        .count();
    let short_ratio = ratio(short, lines.len());
    if short_ratio >= t.short_line_ratio {
        out.push(Flag::new(
            Rule::FinewebShortLines,
            short_ratio,
            t.short_line_ratio,
        ));
    }
    let (_, dup_chars) = duplicates(lines.iter().copied());
    let chars = text.chars().filter(|&c| c != '\n').count();
    let dup_ratio = ratio(dup_chars, chars);
    if dup_ratio >= t.char_duplicates_ratio {
        out.push(Flag::new(
            Rule::FinewebDupLineChars,
            dup_ratio,
            t.char_duplicates_ratio,
        ));
    }
    let newlines = ratio(text.matches('\n').count(), n_words);
    if newlines > t.newline_ratio {
        out.push(Flag::new(Rule::FinewebNewlines, newlines, t.newline_ratio));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = include_str!("../../fixtures/reuters_long.txt");
    const PAGE: &str = include_str!("../../fixtures/syndication_page.txt");
    const TABLE: &str = include_str!("../../fixtures/reuters_table.txt");

    fn rules(text: &str) -> Vec<Rule> {
        flags(text, &FinewebThresholds::default())
            .into_iter()
            .map(|f| f.rule)
            .collect()
    }

    /// The wire story as one paragraph per line, the way an extractor hands it on.
    fn unwrapped(text: &str) -> String {
        text.split("\n    ")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn an_extracted_wire_story_passes() {
        assert_eq!(rules(&unwrapped(PROSE)), Vec::<Rule>::new());
    }

    #[test]
    fn a_whole_scraped_page_passes_but_its_template_alone_fails() {
        // The generated page: a quarter of its lines end like sentences, so the page as a whole
        // passes; its template and headline lists on their own do not.
        assert!(!rules(PAGE).contains(&Rule::FinewebLinePunctuation));
        let template: String = PAGE
            .lines()
            .filter(|l| l.len() < 70)
            .collect::<Vec<_>>()
            .join("\n");
        let r = rules(&template);
        assert!(r.contains(&Rule::FinewebLinePunctuation), "{r:?}");
        assert!(
            r.contains(&Rule::FinewebShortLines) || r.contains(&Rule::FinewebNewlines),
            "{r:?}"
        );
    }

    #[test]
    fn a_grain_table_passes_the_punctuation_rule() {
        // Its lines end in "(4,161.0)." often enough (27%): FineWeb lets tables through, Gopher's
        // alphabetic-word rule catches them (see gopher.rs).
        assert!(!rules(TABLE).contains(&Rule::FinewebLinePunctuation));
    }

    #[test]
    fn one_repeated_line_crosses_the_one_percent_limit() {
        let text = format!(
            "{}\n\nClick here to subscribe to our newsletter\n\nClick here to subscribe to our newsletter",
            unwrapped(PROSE)
        );
        assert!(rules(&text).contains(&Rule::FinewebDupLineChars));
    }

    #[test]
    fn hard_wrapped_lists_have_many_newlines_per_word() {
        let list = "Oil\nGold\nWheat\nCorn\nSoybeans\nCoffee\nCocoa\nSugar";
        assert!(rules(list).contains(&Rule::FinewebNewlines));
    }
}
