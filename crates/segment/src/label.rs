//! The eight block labels of SPEC §3.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a block of a news page is, from an editor's point of view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// The article's title.
    Headline,
    /// Author or agency attribution.
    Byline,
    /// Date, time or place stamp of publication or update.
    Dateline,
    /// The article's own paragraphs, quotes included.
    Body,
    /// Text describing a photo or video.
    Caption,
    /// The credit line of a photo.
    Credit,
    /// Links or headlines of other articles.
    Related,
    /// Navigation, prompts, legal lines, ads, widgets.
    Boilerplate,
}

impl Label {
    /// Every label, in the order of SPEC §3.
    pub const ALL: [Label; 8] = [
        Label::Headline,
        Label::Byline,
        Label::Dateline,
        Label::Body,
        Label::Caption,
        Label::Credit,
        Label::Related,
        Label::Boilerplate,
    ];

    /// The lowercase name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Headline => "headline",
            Label::Byline => "byline",
            Label::Dateline => "dateline",
            Label::Body => "body",
            Label::Caption => "caption",
            Label::Credit => "credit",
            Label::Related => "related",
            Label::Boilerplate => "boilerplate",
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A label name that is not one of the eight.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown label {0:?} (expected one of headline, byline, dateline, body, caption, credit, related, boilerplate)")]
pub struct UnknownLabel(pub String);

impl FromStr for Label {
    type Err = UnknownLabel;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Label::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownLabel(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for l in Label::ALL {
            assert_eq!(l.as_str().parse::<Label>(), Ok(l));
            assert_eq!(
                serde_json::to_string(&l).ok(),
                Some(format!("\"{}\"", l.as_str()))
            );
        }
        assert!("comment".parse::<Label>().is_err());
    }
}
