//! Per-document quality flags.
//!
//! Two families: the editorial flags of an audit ([`editorial`]: mostly boilerplate, too short,
//! truncated, mis-encoded, duplicate of X), and the training-data filters published with
//! Gopher ([`gopher`], Rae et al. 2021, Table A1) and FineWeb ([`fineweb`], Penedo et al. 2024),
//! computed as datatrove computes them, with the published thresholds as defaults
//! ([`FlagThresholds::default`]). A flag says which rule fired, the measured value and the limit
//! it crossed, so that a reader can judge the rule as well as the document.

pub mod editorial;
pub mod fineweb;
pub mod gopher;
pub mod repetition;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::text::{round4, words};

/// The rule behind a flag. A closed set, so that counts per rule have a fixed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    DuplicateOf,
    MostlyBoilerplate,
    TooShort,
    Truncated,
    MisEncoded,
    GopherWordCount,
    GopherMeanWordLength,
    /// "#" per word.
    GopherHashRatio,
    /// Ellipses ("...", "…") per word.
    GopherEllipsisRatio,
    GopherBulletLines,
    GopherEllipsisLines,
    GopherAlphaWords,
    GopherStopWords,
    GopherDupLines,
    GopherDupParagraphs,
    GopherDupLineChars,
    GopherDupParagraphChars,
    /// Character share of the most frequent n-gram, n in 2..=4.
    GopherTopNgram(u8),
    /// Character share of duplicated n-grams, n in 5..=10.
    GopherDupNgram(u8),
    FinewebLinePunctuation,
    FinewebShortLines,
    FinewebDupLineChars,
    FinewebNewlines,
}

impl Rule {
    /// The kebab-case name used in report.json and report.html.
    pub fn name(self) -> String {
        let fixed = match self {
            Rule::DuplicateOf => "duplicate-of",
            Rule::MostlyBoilerplate => "mostly-boilerplate",
            Rule::TooShort => "too-short",
            Rule::Truncated => "truncated",
            Rule::MisEncoded => "mis-encoded",
            Rule::GopherWordCount => "gopher-word-count",
            Rule::GopherMeanWordLength => "gopher-mean-word-length",
            Rule::GopherHashRatio => "gopher-hash-ratio",
            Rule::GopherEllipsisRatio => "gopher-ellipsis-ratio",
            Rule::GopherBulletLines => "gopher-bullet-lines",
            Rule::GopherEllipsisLines => "gopher-ellipsis-lines",
            Rule::GopherAlphaWords => "gopher-alpha-words",
            Rule::GopherStopWords => "gopher-stop-words",
            Rule::GopherDupLines => "gopher-dup-line-fraction",
            Rule::GopherDupParagraphs => "gopher-dup-paragraph-fraction",
            Rule::GopherDupLineChars => "gopher-dup-line-chars",
            Rule::GopherDupParagraphChars => "gopher-dup-paragraph-chars",
            Rule::GopherTopNgram(n) => return format!("gopher-top-{n}gram-chars"),
            Rule::GopherDupNgram(n) => return format!("gopher-dup-{n}gram-chars"),
            Rule::FinewebLinePunctuation => "fineweb-line-punctuation",
            Rule::FinewebShortLines => "fineweb-short-lines",
            Rule::FinewebDupLineChars => "fineweb-dup-line-chars",
            Rule::FinewebNewlines => "fineweb-newlines-per-word",
        };
        fixed.to_owned()
    }

    /// Whether the rule belongs to a training-data filter (Gopher, FineWeb) rather than to the
    /// editorial checks.
    pub fn is_training_filter(self) -> bool {
        !matches!(
            self,
            Rule::DuplicateOf
                | Rule::MostlyBoilerplate
                | Rule::TooShort
                | Rule::Truncated
                | Rule::MisEncoded
        )
    }
}

/// One rule that fired on one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Flag {
    pub rule: Rule,
    /// What was measured (a ratio, a count, a similarity).
    pub value: f64,
    /// The limit the value crossed; `None` for flags that are facts (duplicate of X).
    pub limit: Option<f64>,
    /// The other document of `duplicate-of`, or a short excerpt for `truncated`.
    pub detail: Option<String>,
}

impl Flag {
    pub fn new(rule: Rule, value: f64, limit: f64) -> Self {
        Flag {
            rule,
            value,
            limit: Some(limit),
            detail: None,
        }
    }
}

impl Serialize for Flag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("flag", &self.rule.name())?;
        map.serialize_entry("value", &round4(self.value))?;
        if let Some(limit) = self.limit {
            map.serialize_entry("limit", &round4(limit))?;
        }
        if let Some(detail) = &self.detail {
            let key = if self.rule == Rule::DuplicateOf {
                "of"
            } else {
                "detail"
            };
            map.serialize_entry(key, detail)?;
        }
        map.end()
    }
}

/// Every threshold of every rule. The defaults are the published ones (FineWeb and Gopher as
/// datatrove implements them) and, for the editorial flags, limits stated in their docs.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct FlagThresholds {
    pub gopher: gopher::GopherThresholds,
    pub repetition: repetition::RepetitionThresholds,
    pub fineweb: fineweb::FinewebThresholds,
    pub editorial: editorial::EditorialThresholds,
}

/// The training-data filters (Gopher quality, Gopher repetition, FineWeb) on one text, in rule
/// order.
pub fn training_flags(text: &str, t: &FlagThresholds) -> Vec<Flag> {
    let words: Vec<&str> = words(text).collect();
    training_flags_of(text, &words, t)
}

/// [`training_flags`], given the words of `text`: split once, not once per rule.
pub(crate) fn training_flags_of(text: &str, words: &[&str], t: &FlagThresholds) -> Vec<Flag> {
    let mut flags = gopher::flags_of(text, words, &t.gopher);
    flags.extend(repetition::flags_of(text, words, &t.repetition));
    flags.extend(fineweb::flags_of(text, words.len(), &t.fineweb));
    flags
}

/// Shares two rules give the same way: `num / den`, zero when there is nothing to divide.
pub(crate) fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}
