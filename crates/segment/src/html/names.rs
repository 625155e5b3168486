//! What class, id, rel, itemprop and role names say about an element.
//! Generic vocabularies of web templates (Readability, boilerpipe), matched
//! on the name's tokens so that "ad" matches `ad-slot` but not `header`.

/// Element cue flags.
pub mod flag {
    pub const FIGURE: u32 = 1;
    pub const CREDIT: u32 = 1 << 1;
    pub const CHROME: u32 = 1 << 2;
    pub const WIDGET: u32 = 1 << 3;
    pub const RELATED: u32 = 1 << 4;
    pub const AUTHOR: u32 = 1 << 5;
    pub const TIME: u32 = 1 << 6;
    pub const HEADLINE: u32 = 1 << 7;
    pub const CONTENT: u32 = 1 << 8;
    pub const LINK: u32 = 1 << 9;
    pub const LIST_ITEM: u32 = 1 << 10;
    pub const QUOTE: u32 = 1 << 11;
    pub const HIDDEN: u32 = 1 << 12;
    pub const H1: u32 = 1 << 13;
    pub const H2: u32 = 1 << 14;
    pub const H3: u32 = 1 << 15;
    pub const COMMENTS: u32 = 1 << 16;
    /// Named as the article's text itself (<article>, <main>, articleBody,
    /// "entry-content"): widget or related names of its ancestors (a
    /// "modal-enabled" page box) do not reach its text.
    pub const ARTICLE: u32 = 1 << 17;
    /// Flags that mark a unit when most of its text carries them.
    pub const UNIT_FLAGS: [u32; 17] = [
        FIGURE, CREDIT, CHROME, WIDGET, RELATED, AUTHOR, TIME, HEADLINE, CONTENT, LINK, LIST_ITEM,
        QUOTE, HIDDEN, H1, H2, H3, COMMENTS,
    ];
}

use flag::*;

const WIDGET_TOKENS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "adv",
    "banner",
    "sponsor",
    "sponsored",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "cookie",
    "cookies",
    "popup",
    "modal",
    "sidebar",
    "widget",
    "breadcrumb",
    "breadcrumbs",
    "pagination",
    "pager",
    "toolbar",
    "masthead",
    "login",
    "rating",
    "poll",
    "disqus",
    "outbrain",
    "taboola",
    "footer",
    "copyright",
    "legal",
    "disclaimer",
    "ticker",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "topbar",
    "header-nav",
    "sitemap",
    "dropdown",
    "offscreen",
    "paywall",
    "tooltip",
    "overlay",
    "teaser-ad",
    "gallery-nav",
];
/// Widget words too common inside other names ("tag-politics" on a WordPress
/// <article>): they count only as a whole class or id name.
const WIDGET_WHOLE_NAMES: &[&str] = &[
    "tag",
    "tags",
    "print",
    "email",
    "tools",
    "utility",
    "follow",
    "search",
    "rss",
    "facebook",
    "twitter",
    "logo",
    "hidden",
    "sr-only",
    "visually-hidden",
    "keywords",
    "meter",
    "skip",
    "skip-link",
    "screen-reader-text",
];
const COMMENT_TOKENS: &[&str] = &[
    "comment",
    "comments",
    "respond",
    "reply",
    "replies",
    "discussion",
    "reactions",
    "talkback",
    "forum",
];
const RELATED_TOKENS: &[&str] = &[
    "related",
    "recommended",
    "recommend",
    "recommendations",
    "more",
    "popular",
    "mostpopular",
    "trending",
    "readmore",
    "also",
    "teaser",
    "teasers",
    "headlines",
    "latest",
    "morestories",
    "relatedstories",
    "related-articles",
    "read-next",
    "next-article",
    "mostread",
    "most",
    "moreon",
    "outbrain",
    "suggested",
    "similar",
    "top-stories",
    "topstories",
];
const AUTHOR_TOKENS: &[&str] = &[
    "byline",
    "author",
    "authors",
    "writer",
    "contributor",
    "reporter",
    "by",
    "credits-author",
    "vcard",
    "signature",
];
const TIME_TOKENS: &[&str] = &[
    "date",
    "time",
    "timestamp",
    "published",
    "updated",
    "dateline",
    "pubdate",
    "datetime",
    "posted",
    "meta-date",
    "publish",
];
const CAPTION_TOKENS: &[&str] = &[
    "caption",
    "figcaption",
    "wp-caption",
    "cutline",
    "legend",
    "photo-caption",
    "image-caption",
    "img-caption",
    "media-caption",
];
const CREDIT_TOKENS: &[&str] = &[
    "credit",
    "credits",
    "photographer",
    "photo-credit",
    "image-credit",
    "source-image",
    "copyright-photo",
];
const HEADLINE_TOKENS: &[&str] = &[
    "headline",
    "entry-title",
    "article-title",
    "story-title",
    "post-title",
    "page-title",
    "articletitle",
    "storytitle",
    "heading-title",
];
const CONTENT_TOKENS: &[&str] = &[
    "article",
    "story",
    "content",
    "entry",
    "post",
    "body",
    "text",
    "main",
    "articlebody",
    "storybody",
    "article-body",
    "story-body",
    "entry-content",
    "post-content",
    "article-content",
    "story-content",
    "articletext",
    "storytext",
    "news",
    "blog",
    "column",
    "page",
];

/// Names that say "the article's text" so plainly that they outweigh any
/// widget word beside them ("l-sidebar-fixed l-article-body-segment").
const STRONG_CONTENT: &[&str] = &[
    "article-body",
    "articlebody",
    "article__body",
    "article-content",
    "article__content",
    "article-text",
    "articletext",
    "story-body",
    "storybody",
    "story-content",
    "storytext",
    "entry-content",
    "entry-body",
    "post-content",
    "post-body",
];

/// The class and id vocabularies as hash maps, built once per segmenter.
#[derive(Debug, Clone)]
pub struct ClassNames {
    /// Token (or whole name) -> flags.
    tokens: rustc_hash::FxHashMap<&'static str, u32>,
    /// Whole names only -> flags.
    whole: rustc_hash::FxHashMap<&'static str, u32>,
}

impl Default for ClassNames {
    fn default() -> Self {
        Self::new()
    }
}

impl ClassNames {
    pub fn new() -> Self {
        let mut tokens: rustc_hash::FxHashMap<&'static str, u32> = Default::default();
        for (list, flag) in [
            (WIDGET_TOKENS, WIDGET),
            (COMMENT_TOKENS, COMMENTS | WIDGET),
            (RELATED_TOKENS, RELATED),
            (AUTHOR_TOKENS, AUTHOR),
            (TIME_TOKENS, TIME),
            (CAPTION_TOKENS, FIGURE),
            (CREDIT_TOKENS, CREDIT),
            (HEADLINE_TOKENS, HEADLINE),
            (CONTENT_TOKENS, CONTENT),
        ] {
            for t in list {
                *tokens.entry(t).or_default() |= flag;
            }
        }
        let whole = WIDGET_WHOLE_NAMES
            .iter()
            .map(|t| (*t, WIDGET))
            .collect::<rustc_hash::FxHashMap<&'static str, u32>>();
        ClassNames { tokens, whole }
    }

    fn token(&self, t: &str) -> u32 {
        self.tokens.get(t).copied().unwrap_or(0)
    }

    /// Cue flags of one element from its tag name and attributes; `buf` is scratch.
    #[allow(clippy::too_many_arguments)]
    pub fn flags(
        &self,
        tag: &str,
        class: &str,
        id: &str,
        rel: &str,
        itemprop: &str,
        role: &str,
        buf: &mut String,
    ) -> u32 {
        let mut f = match tag {
            "figure" | "figcaption" => FIGURE,
            "nav" | "footer" | "aside" | "menu" | "form" | "select" | "button" | "label"
            | "dialog" => CHROME,
            "time" => TIME,
            "a" => LINK,
            "li" | "dt" | "dd" => LIST_ITEM,
            "blockquote" | "q" => QUOTE,
            "h1" => H1,
            "h2" => H2,
            "h3" | "h4" | "h5" | "h6" => H3,
            "article" | "main" => CONTENT,
            _ => 0,
        };
        if !rel.is_empty() && rel.eq_ignore_ascii_case("author") {
            f |= AUTHOR;
        }
        if !itemprop.is_empty() {
            if itemprop.eq_ignore_ascii_case("author") {
                f |= AUTHOR;
            }
            if itemprop.eq_ignore_ascii_case("headline") {
                f |= HEADLINE;
            }
            if itemprop.eq_ignore_ascii_case("datePublished")
                || itemprop.eq_ignore_ascii_case("dateModified")
            {
                f |= TIME;
            }
            if itemprop.eq_ignore_ascii_case("articleBody") {
                f |= CONTENT;
            }
        }
        if !role.is_empty() {
            if matches!(
                role,
                "navigation"
                    | "banner"
                    | "contentinfo"
                    | "complementary"
                    | "search"
                    | "menu"
                    | "menubar"
            ) {
                f |= CHROME;
            }
            if role == "main" || role == "article" {
                f |= CONTENT;
            }
        }
        let mut strong_content = false;
        for name in [class, id] {
            for raw in name.split_ascii_whitespace() {
                buf.clear();
                buf.push_str(raw);
                buf.make_ascii_lowercase();
                let whole = buf.as_str();
                f |= self.token(whole) | self.whole.get(whole).copied().unwrap_or(0);
                if whole.len() >= 9
                    && (contains(whole, "body")
                        || contains(whole, "content")
                        || contains(whole, "text"))
                    && STRONG_CONTENT.iter().any(|s| contains(whole, s))
                {
                    strong_content = true;
                }
                if whole.bytes().any(|b| !b.is_ascii_alphanumeric()) {
                    for tok in whole.split(|c: char| !c.is_ascii_alphanumeric()) {
                        if !tok.is_empty() {
                            f |= self.token(tok);
                        }
                    }
                }
            }
        }
        if matches!(tag, "article" | "main")
            || itemprop.eq_ignore_ascii_case("articleBody")
            || strong_content
        {
            f |= CONTENT | ARTICLE;
            // The element says it is the article, whatever its class list holds.
            f &= !(WIDGET | RELATED | COMMENTS | AUTHOR);
        } else if f & (WIDGET | COMMENTS | RELATED) != 0 {
            // A container named "article-share" is a widget, not content.
            f &= !CONTENT;
        }
        f
    }
}

/// Whether `needle` occurs in `name`, as `str::contains` says, by a plain
/// scan: class names are a few dozen bytes, too short to repay the set-up of
/// the general substring searcher (a third of the time of this module).
fn contains(name: &str, needle: &str) -> bool {
    let (hay, needle) = (name.as_bytes(), needle.as_bytes());
    let Some((&first, _)) = needle.split_first() else {
        return true;
    };
    hay.windows(needle.len())
        .any(|w| w[0] == first && w == needle)
}

/// Cue flags of one element (convenience for tests; the builder keeps one [`ClassNames`]).
#[cfg(test)]
pub fn element_flags(
    tag: &str,
    class: &str,
    id: &str,
    rel: &str,
    itemprop: &str,
    role: &str,
) -> u32 {
    ClassNames::new().flags(tag, class, id, rel, itemprop, role, &mut String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_ne!(
            element_flags("div", "ad-slot top", "", "", "", "") & WIDGET,
            0
        );
        assert_eq!(element_flags("div", "header", "", "", "", "") & WIDGET, 0);
        assert_ne!(
            element_flags("div", "", "story-body", "", "", "") & CONTENT,
            0
        );
        assert_ne!(
            element_flags("span", "byline__name", "", "", "", "") & AUTHOR,
            0
        );
        assert_ne!(element_flags("a", "", "", "author", "", "") & AUTHOR, 0);
        assert_ne!(
            element_flags("div", "related-stories", "", "", "", "") & RELATED,
            0
        );
        assert_eq!(
            element_flags("div", "article-share", "", "", "", "") & CONTENT,
            0
        );
    }

    #[test]
    fn contains_agrees_with_str_contains() {
        let names = [
            "l-article-body-segment",
            "body",
            "bod",
            "",
            "story-bodytext",
            "xtext",
        ];
        for name in names {
            for needle in ["body", "text", "article-body", "", "x"] {
                assert_eq!(
                    contains(name, needle),
                    name.contains(needle),
                    "{name} {needle}"
                );
            }
        }
    }
}
