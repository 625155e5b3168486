//! A labelled block and the reasons behind its label.

use crate::label::Label;
use serde::{Serialize, Serializer};
use std::fmt;

/// One block of a page: a paragraph, a line that differs from its neighbours,
/// or (in HTML) the text of one block-level element.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    pub text: String,
    pub label: Label,
    /// Byte offset of the block's first byte in the text as read (plain text only).
    pub start: Option<usize>,
    /// Byte offset one past the block's last byte (plain text only).
    pub end: Option<usize>,
    /// Why the block got its label, strongest cue first.
    pub reasons: Reasons,
}

macro_rules! reasons {
    ($($(#[doc = $doc:literal])* $name:ident => $s:literal,)*) => {
        /// A cue that contributed to a label; `--explain` prints these.
        ///
        /// A closed set rather than free text so that labelling allocates
        /// nothing per cue and tests can match on cues.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Reason { $($(#[doc = $doc])* $name,)* }

        impl Reason {
            /// The kebab-case name printed in outputs.
            pub fn as_str(self) -> &'static str {
                match self { $(Reason::$name => $s,)* }
            }
        }
    };
}

reasons! {
    /// Many words with a prose share of stop words.
    Prose => "prose",
    /// Ends like a sentence.
    TerminalPunctuation => "terminal-punctuation",
    /// Too few words to be prose.
    FewWords => "few-words",
    /// Most words capitalised, no closing punctuation.
    TitleCase => "title-case",
    /// ©, "Copyright", "All rights reserved".
    Copyright => "copyright",
    /// "Photo:", "AP Photo/…", "Name/Agency", "Name, Getty Images".
    CreditPattern => "credit-pattern",
    /// "FILE -", "In this … photo", "pictured", "(L)".
    CaptionCue => "caption-cue",
    /// A sentence that ends with a photo credit in parentheses.
    CreditInParentheses => "credit-in-parentheses",
    /// Directly above or below a credit line.
    NextToCredit => "next-to-credit",
    /// Follows a caption/credit pair inside the article.
    AfterCaption => "after-caption",
    /// Mostly date and time tokens.
    DateTime => "date-time",
    /// "By …", "From Reuters", "Reporting by".
    BylinePattern => "byline-pattern",
    /// "Related:", "Read more", "More from …".
    RelatedCue => "related-cue",
    /// A line of a headline list under a related-content cue.
    RelatedList => "related-list",
    /// Items separated by |, ›, », bullets.
    Navigation => "navigation",
    /// Share, subscribe, sign-in, cookie words.
    BoilerplateVocabulary => "boilerplate-vocabulary",
    /// The first title-like block before the article's first paragraph.
    TitleBeforeBody => "title-before-body",
    /// Equals the document's title field.
    MatchesTitle => "matches-title",
    /// Between paragraphs of the article.
    InsideArticle => "inside-article",
    /// Before the article's first paragraph.
    BeforeArticle => "before-article",
    /// After the article's last paragraph.
    AfterArticle => "after-article",
    /// A sentence without closing punctuation between paragraphs.
    UnpunctuatedSentence => "unpunctuated-sentence",
    /// Recurs in many documents of the same source (template).
    RecursInSource => "recurs-in-source",
    /// Recurs next to credits across documents: a reused caption.
    ReusedCaption => "reused-caption",
    /// A continuation of the neighbouring paragraph.
    Continuation => "continuation",
    /// Low share of stop words.
    FewStopWords => "few-stop-words",
    /// Inside <figure> or <figcaption>, or an element named like a caption.
    HtmlFigure => "html-figure",
    /// Inside <nav>, <header>, <footer>, <aside>, <form> or a menu.
    HtmlChrome => "html-chrome",
    /// Class or id names like share, comment, promo, sidebar.
    HtmlBoilerplateClass => "html-boilerplate-class",
    /// Class or id names like related, more-stories, recommended.
    HtmlRelatedClass => "html-related-class",
    /// Class or id names like byline, author, rel=author.
    HtmlAuthor => "html-author",
    /// <time> or class or id names like date, timestamp.
    HtmlTime => "html-time",
    /// An <h1> or an element named like a headline.
    HtmlHeading => "html-heading",
    /// Most of the text is link text.
    LinkDense => "link-dense",
    /// A linked headline running on into a summary cut off with an ellipsis.
    Teaser => "teaser",
    /// Inside the container that holds the article's prose.
    MainContent => "main-content",
    /// Outside the container that holds the article's prose.
    OutsideMainContent => "outside-main-content",
    /// A subheading inside the article.
    Subheading => "subheading",
    /// A date line the learned dateline gate gave a low probability of
    /// being the story's own date (a list's, a comment's, a masthead's).
    DatelineModel => "dateline-model",
}

/// Why a block got its label: its strongest cue, and at most one more (its
/// place on the page, or the cue that confirmed it).
///
/// Held inline: a `Vec` here was an allocation for every line of every page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reasons {
    first: Reason,
    then: Option<Reason>,
}

impl Reasons {
    pub const fn one(r: Reason) -> Self {
        Reasons {
            first: r,
            then: None,
        }
    }

    pub const fn two(first: Reason, then: Reason) -> Self {
        Reasons {
            first,
            then: Some(then),
        }
    }

    /// The strongest cue.
    pub fn first(&self) -> Reason {
        self.first
    }

    /// The cues, strongest first.
    pub fn iter(&self) -> impl Iterator<Item = Reason> {
        std::iter::once(self.first).chain(self.then)
    }

    pub fn contains(&self, r: Reason) -> bool {
        self.iter().any(|x| x == r)
    }
}

impl Serialize for Reasons {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
/// The text of the blocks whose label is in `keep`, joined by blank lines:
/// what `copydesk clean` writes for a document.
pub fn kept_text(blocks: &[Block], keep: &[Label]) -> String {
    let mut out = String::new();
    for b in blocks.iter().filter(|b| keep.contains(&b.label)) {
        let t = b.text.trim();
        if t.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(t);
    }
    out
}
