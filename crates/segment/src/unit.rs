//! A unit: the smallest piece of a page that gets one label, with its
//! features and the context the labeller reads (HTML hints, corpus counts).

use crate::features::Features;

/// What the DOM says about a unit (all false for plain text).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct HtmlHints {
    /// Inside <figure>/<figcaption> or an element named like a caption.
    pub figure: bool,
    /// Named like a photo credit (class/id credit, copyright).
    pub credit: bool,
    /// Inside <nav>, <header>, <footer>, <aside>, <form>, <menu>, or named like a menu.
    pub chrome: bool,
    /// Named like a share/comment/promo/ad widget.
    pub widget_class: bool,
    /// Named like a related-articles list.
    pub related_class: bool,
    /// rel=author or named like a byline.
    pub author: bool,
    /// <time> or named like a date.
    pub time: bool,
    /// Heading level 1–6, 0 when not a heading.
    pub heading: u8,
    /// Named like a headline (class/id title/headline) or itemprop=headline.
    pub headline_class: bool,
    /// Share of the unit's text inside links.
    pub link_density: f32,
    /// Inside the container chosen as the article.
    pub in_main: bool,
    /// Inside a list item.
    pub list_item: bool,
    /// Inside a <blockquote>.
    pub quote: bool,
    /// Named like article content (article-body, story-text, entry-content).
    pub content_class: bool,
    /// The text opens inside a link: a linked headline running on into a
    /// summary, as in a teaser.
    pub opens_with_link: bool,
}

/// What the corpus pass says about a unit (zero without a pass).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CorpusHints {
    /// Documents of this unit's source that contain this line.
    pub in_source: u32,
    /// Documents of this unit's source.
    pub source_docs: u32,
    /// Documents that contain this line.
    pub line_docs: u32,
    /// Documents in which this line has the same previous or next line as
    /// here (the larger of the two counts): low for inserts.
    pub stable_context: u32,
    /// Documents of this page's story (sharing a MinHash value) that contain this line.
    pub same_story: u32,
}

/// One unit of a page ready for labelling.
#[derive(Debug, Clone)]
pub struct Unit {
    pub text: String,
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// Index of the paragraph (plain text) or block container (HTML).
    pub group: usize,
    pub feats: Features,
    pub html: Option<HtmlHints>,
    pub corpus: CorpusHints,
}
