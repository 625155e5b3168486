//! Labels the units of one page: each unit's own cues first, then its place
//! in the page (before, inside or after the run of article prose) and its
//! neighbours (caption → credit → related headline).

use crate::block::{Reason, Reasons};
use crate::label::Label;
use crate::unit::Unit;

/// What a unit looks like on its own, before the page layout is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Credit,
    Caption,
    /// Recurs across stories: a reused caption, or a line of a headline list.
    Insert,
    Copyright,
    Template,
    Widget,
    Byline,
    Dateline,
    RelatedOpener,
    RelatedItem,
    Prose,
    Sentence,
    Title,
    Short,
}

/// Thresholds of the corpus rules.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CorpusRules {
    /// A line in at least this many documents of its source…
    pub template_min_docs: u32,
    /// …and in at least this share of them is template.
    pub template_min_share: f32,
    /// A line in at least this many documents…
    pub insert_min_docs: u32,
    /// …whose neighbours recur with it in at most this share of them is an insert.
    pub insert_max_stable: f32,
}

impl Default for CorpusRules {
    fn default() -> Self {
        CorpusRules {
            template_min_docs: 3,
            template_min_share: 0.05,
            insert_min_docs: 3,
            insert_max_stable: 0.34,
        }
    }
}

pub(crate) type Verdict = (Label, Reasons);

fn local(u: &Unit, rules: &CorpusRules) -> (Kind, Reason) {
    let f = &u.feats;
    let h = u.html.unwrap_or_default();
    let c = &u.corpus;
    if f.words == 0 {
        return (Kind::Short, Reason::FewWords);
    }
    if f.byline_start && !f.credit_opener {
        return (Kind::Byline, Reason::BylinePattern);
    }
    if f.is_credit() || (h.credit && f.words <= 14) || slash_credit(u) {
        return (Kind::Credit, Reason::CreditPattern);
    }
    if f.paren_credit_end && f.words <= 80 {
        return (Kind::Caption, Reason::CreditInParentheses);
    }
    if h.figure && f.words <= 80 {
        return (Kind::Caption, Reason::HtmlFigure);
    }
    // A notice that says so first may run on (terms, permissions, contact).
    if f.copyright && (f.words <= 40 || (f.words <= 100 && copyright_first(u))) {
        return (Kind::Copyright, Reason::Copyright);
    }
    if f.related_opener && (f.words <= 14 || crate::plainrules::cued_title(u)) {
        // "Read more" alone is a link to the rest of a text, not the head
        // of a list ("Read more:" over titles is).
        if f.words == 2 && !f.ends_colon && bare_read_more(&u.text) {
            return (Kind::Widget, Reason::BoilerplateVocabulary);
        }
        return (Kind::RelatedOpener, Reason::RelatedCue);
    }
    // (`more_heading`'s count of words, inline: most lines end here.)
    if u.html.is_none() && (2..=5).contains(&f.words) && crate::plaintext::more_heading(u) {
        return (Kind::RelatedOpener, Reason::RelatedCue);
    }
    // Bylines and datelines before template: snapshots of one story repeat
    // them. Inside page chrome they are the chrome's.
    let chrome = h.chrome || h.widget_class;
    if !chrome
        && (f.byline_start
            || (h.author && f.words <= 15)
            || (may_be_attribution(u) && is_attribution(u)))
    {
        return (
            Kind::Byline,
            if h.author {
                Reason::HtmlAuthor
            } else {
                Reason::BylinePattern
            },
        );
    }
    if !chrome && is_dateline(u) {
        return (
            Kind::Dateline,
            if h.time {
                Reason::HtmlTime
            } else {
                Reason::DateTime
            },
        );
    }
    // Template: recurs in many pages of the source. A paragraph of prose must
    // also recur across stories: the same story scraped again (snapshots,
    // write-throughs) repeats its paragraphs without making them template.
    if c.in_source >= rules.template_min_docs
        && c.in_source as f32 >= rules.template_min_share * c.source_docs as f32
        && !(f.words >= 40 && c.in_source * 3 < c.source_docs)
        && (!f.is_prose() || (c.same_story as f32) <= 0.5 * c.line_docs as f32)
    {
        return (Kind::Template, Reason::RecursInSource);
    }
    // An insert: recurs across documents, but each time in another story.
    if c.line_docs >= rules.insert_min_docs
        && f.words <= 70
        && f.words >= 4
        && f.date_share() < 0.3
        && !is_note(u)
        && (c.stable_context as f32) <= rules.insert_max_stable * c.line_docs as f32
        && !f.related_opener
        && !f.widget_phrase
        && f.widget == 0
    {
        return (Kind::Insert, Reason::ReusedCaption);
    }
    if (h.chrome || h.widget_class) && !(h.in_main && f.is_prose() && h.link_density < 0.3) {
        return (
            Kind::Widget,
            if h.chrome {
                Reason::HtmlChrome
            } else {
                Reason::HtmlBoilerplateClass
            },
        );
    }
    if is_note(u) {
        return (Kind::Widget, Reason::FewWords);
    }
    if h.related_class && !f.is_prose() {
        return (Kind::RelatedItem, Reason::HtmlRelatedClass);
    }
    if crate::html::teaser(u) {
        return (Kind::RelatedItem, Reason::Teaser);
    }
    if h.link_density >= 0.5 && !(f.is_prose() && h.in_main && h.link_density < 0.7) {
        // Linked headlines in or right around the article are related
        // stories; link lists elsewhere are navigation.
        return if (f.is_title_like() || f.words >= 5) && h.in_main && f.words <= 20 && !f.terminal {
            (Kind::RelatedItem, Reason::LinkDense)
        } else {
            (Kind::Widget, Reason::LinkDense)
        };
    }
    if f.separators >= 2 && !f.is_prose() {
        return (Kind::Widget, Reason::Navigation);
    }
    if f.widget_phrase && (f.words <= 80 || f.copyright || !f.is_prose() || f.widget > 1) {
        return (Kind::Widget, Reason::BoilerplateVocabulary);
    }
    if f.tag_line || (f.widget * 2 >= f.words && !f.is_prose()) {
        return (Kind::Widget, Reason::BoilerplateVocabulary);
    }
    if f.widget > 0 && f.words <= 4 && !f.terminal {
        return (Kind::Widget, Reason::BoilerplateVocabulary);
    }
    // A wire caption ("FILE - In this … file photo, …") may carry the
    // story's summary after the picture's description: longer than a caption
    // known only by its phrases.
    if f.words >= 4
        && ((f.caption_opener && f.words <= 160)
            || (f.caption_phrase && f.caption_words > 0 && f.words <= 60))
    {
        return (Kind::Caption, Reason::CaptionCue);
    }
    if forecast(u) {
        return (Kind::Widget, Reason::BoilerplateVocabulary);
    }
    if f.is_prose() {
        return (Kind::Prose, Reason::Prose);
    }
    if f.terminal && f.words >= 3 {
        return (Kind::Sentence, Reason::TerminalPunctuation);
    }
    if f.is_title_like() {
        return (Kind::Title, Reason::TitleCase);
    }
    (Kind::Short, Reason::FewWords)
}

/// "Read more" and nothing else (perhaps an arrow or dots after it).
fn bare_read_more(t: &str) -> bool {
    let t = crate::words::trim(t).trim_end_matches(|c: char| !c.is_alphanumeric());
    t.eq_ignore_ascii_case("read more")
}

/// A line that opens with a question word ("How …", "Why …", "What …",
/// "Who …"; not "When"/"Where", which open sentences as often) and does not
/// stop at a comma: the shape of an explainer's headline, not of a
/// picture's caption.
fn explainer_title(u: &Unit) -> bool {
    // "When asked if …," opens a sentence cut at its comma.
    let t = crate::words::trim(&u.text);
    let opens = (t.starts_with('W') && ["What ", "Why ", "Who "].iter().any(|w| t.starts_with(w)))
        || t.starts_with("How ");
    // A wrapped sentence stops at a comma or a short word ("… that the").
    let short_end = t
        .rsplit(' ')
        .next()
        .is_some_and(|w| w.len() <= 3 && w.starts_with(|c: char| c.is_lowercase()));
    opens && !t.ends_with([',', ';', ':']) && !short_end
}

/// Whether a recurring line reads like a caption rather than a prompt: it
/// names people or places (capitalised words past the first), does not
/// address the reader, and does not exclaim.
fn describes_a_picture(u: &Unit) -> bool {
    let t = crate::words::trim(&u.text);
    if t.ends_with('!') || u.feats.words < 4 {
        return false;
    }
    if addresses_reader(t) {
        return false;
    }
    let names = crate::words::words(t)
        .skip(1)
        .filter(|w| crate::words::is_capitalized(w))
        .count();
    names >= 2 || u.feats.paren_credit_end
}

/// Whether a line speaks to the reader ("you", "your", "Sie", "vous",
/// "usted"): prompts and promos do, captions and news paragraphs do not.
pub(crate) fn addresses_reader(text: &str) -> bool {
    let mut buf = String::new();
    crate::words::words(text).any(|w| {
        matches!(
            crate::words::lowered(w, &mut buf),
            "you" | "your" | "yours" | "sie" | "vous" | "usted"
        )
    })
}

/// "Jane Doe/Outlet", "Frank Doe/Agency/AP": a photographer's name, a
/// slash, the outlet; the credit's own shape, with or without a known agency
/// or photo word. Not "AM/FM", "Metro/State", "N/A": the name before the
/// slash is a written word (not an acronym) after another name.
fn slash_credit(u: &Unit) -> bool {
    let f = &u.feats;
    if !f.slash_name
        || !(3..=5).contains(&f.words)
        || f.capitalized != f.words
        || f.terminal
        || f.byline_start
    {
        return false;
    }
    let shouting = f.all_caps_words == f.words;
    let mut words = u.text.split_whitespace();
    words.next();
    words.any(|w| {
        w.split_once('/').is_some_and(|(name, _)| {
            name.chars().count() >= 3 && (shouting || name.chars().any(char::is_lowercase))
        })
    })
}

/// A weather widget's forecast: "Partly cloudy. High 92F. Winds SE at 5 to
/// 10 mph." A wind (speed or "Winds") and a temperature written as "92F" or
/// "21°C" (an article writes "92 degrees").
#[inline]
fn forecast(u: &Unit) -> bool {
    let f = &u.feats;
    // The lexicon saw a wind word: only then are the bytes read (in a call
    // of their own: most units stop at the features, inline).
    f.words <= 40 && f.numeric > 0 && f.wind_cue && forecast_text(&u.text)
}

/// [`forecast`]'s reading of a unit's text `t`.
fn forecast_text(t: &str) -> bool {
    if !(t.contains("mph") || t.contains("Winds ") || t.contains("km/h")) {
        return false;
    }
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let rest = &t[i..];
        let unit = rest.strip_prefix('°').unwrap_or(rest);
        let after = |r: &str| r.chars().next().is_none_or(|c| !c.is_alphanumeric());
        let degrees = unit.strip_prefix(['F', 'C']).is_some_and(after);
        let before_ok = start == 0 || !b[start - 1].is_ascii_alphanumeric();
        if degrees && before_ok && i - start <= 3 {
            return true;
        }
    }
    false
}

/// Whether a unit opens with its copyright notice ("Copyright © 2019 …").
fn copyright_first(u: &Unit) -> bool {
    let t = u.text.trim_start();
    t.starts_with('©')
        || t.as_bytes()
            .get(..9)
            .is_some_and(|h| h.eq_ignore_ascii_case(b"copyright"))
}

/// A line wholly in parentheses without a credit: an editor's note such as
/// "(Updates with reaction)".
#[inline(always)]
fn is_note(u: &Unit) -> bool {
    let t = crate::words::trim(&u.text);
    t.starts_with('(') && t.ends_with(')') && !u.feats.paren_credit_only && u.feats.words <= 20
}

/// Whether [`is_attribution`] can hold, from the features and the first
/// two bytes alone, inline: most lines start with letters no opener starts
/// with and have neither a word of the closing credits nor an agency (the
/// same tests as `is_attribution`'s, where a leading letter is left as is:
/// its openers' first two letters must be listed here).
#[inline(always)]
fn may_be_attribution(u: &Unit) -> bool {
    let f = &u.feats;
    if f.words > 60 {
        return false;
    }
    let b = u.text.as_bytes();
    // Past 16 words only a list of credits ("Reporting by …", "Additional
    // reporting …", "Editing by …") or a closing credit with one of its
    // words is an attribution.
    if f.words > 16 {
        return f.attribution_cue
            || b.first().is_none_or(|&b| {
                !b.is_ascii_alphabetic() || matches!(b.to_ascii_lowercase(), b'a' | b'e' | b'r')
            });
    }
    if f.attribution_cue || f.agency > 0 {
        return true;
    }
    // Otherwise only an opener (or, in four words, an address) can make a
    // line that opens with a letter an attribution: the openers' first two
    // letters ("fr", "so", "st", "re", "ad", "au", "wr", "po") are tested
    // here, and the address's '@'.
    let Some(&first) = b.first() else {
        return true;
    };
    if !first.is_ascii_alphabetic() {
        return true;
    }
    let second = b.get(1).map_or(0, u8::to_ascii_lowercase);
    matches!(
        (first.to_ascii_lowercase(), second),
        (b'f', b'r')
            | (b's', b'o' | b't')
            | (b'r', b'e')
            | (b'a', b'd' | b'u')
            | (b'w', b'r')
            | (b'p', b'o')
    ) || (f.words <= 4 && memchr::memchr(b'@', b).is_some())
}

/// "From Reuters", "/ Source: Associated Press", "Reporting by …".
fn is_attribution(u: &Unit) -> bool {
    let f = &u.feats;
    // The openers are ASCII: compared without case on the unit's first
    // bytes. The whole unit is lowercased only when it has a word of the
    // closing credits; an address is looked for only where there is an '@'.
    // Past 60 words no test below can pass: the long lists of contributors
    // stop there (and the closing "… contributed" at 40).
    if f.words > 60 {
        return false;
    }
    let text = trim_start_symbols(&u.text);
    // The openers are lowercase: most lines are turned away by their first
    // letter before any comparison.
    let lead = text.as_bytes().first().map(u8::to_ascii_lowercase);
    let starts = |p: &str| lead == p.as_bytes().first().copied() && starts_ignore_case(text, p);
    // Each test below needs an opener's first letter, a word of the closing
    // credits, an agency or at most four words (an address): most lines are
    // turned away here, before the openers are compared one by one.
    if !matches!(lead, Some(b'a' | b'e' | b'f' | b'p' | b'r' | b's' | b'w'))
        && !f.attribution_cue
        && f.agency == 0
        && f.words > 4
    {
        return false;
    }
    // A list of contributors runs long: "Associated Press writers Alan Fram,
    // Zeke Miller, … contributed to this report.", "(Reporting by …;
    // Additional reporting by …; Editing by …)".
    let credits_list = f.words <= 60
        && (starts("reporting by") || starts("additional reporting") || starts("editing by"));
    if f.words > 16
        && !credits_list
        && !(f.words <= 40 && f.attribution_cue && u.text.contains(" contributed "))
    {
        return false;
    }
    let mut t = String::new();
    if f.attribution_cue {
        crate::words::lower_into(text, &mut t);
    }
    let agencyish = f.agency > 0 || f.capitalized * 10 >= f.words * 6;
    // "From a staff reporter:" introduces a quote.
    (starts("from ") && agencyish && f.words <= 6 && !f.ends_colon)
        || (starts("source:") && agencyish)
        || starts("reporting by")
        || starts("additional reporting")
        || starts("written by")
        || starts("story by")
        || starts("posted by")
        || starts("author:")
        // Closing credits: "Walter Gibbs contributed reporting.", "… can be
        // reached at …", "Seattle Times news services" (`t` is empty without
        // a word of them: the searches are not even set up), a bare address.
        || (f.attribution_cue
            && ((t.contains(" contributed ") && (t.contains("report") || t.contains("story")))
                || t.contains(" can be reached ")
                || t.contains(" can be contacted ")
                || ((t.ends_with("news services")
                    || t.ends_with("wire services")
                    || t.ends_with("bureau report"))
                    && f.words <= 5)))
        || (f.words <= 4 && text.contains('@') && is_email(text))
        // "Jane Doe, Associated Press", "JOHN DOE Reuters": a name and the wire.
        || (f.agency > 0
            && (f.words <= 3 || (f.words <= 6 && f.date_tokens == 0))
            && f.capitalized == f.words
            && !f.terminal)
}

/// Whether `t` holds "http" or "www.": each place of an 'h' or a 'w' is
/// tested (two substring searches set up a searcher each, per line).
fn has_web_address(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memchr2_iter(b'h', b'w', b).any(|k| {
        let rest = &b[k..];
        rest.starts_with(b"http") || rest.starts_with(b"www.")
    })
}

/// `t` without the characters before its first letter or digit: ASCII
/// bytes are skipped as bytes, characters past ASCII are decoded.
fn trim_start_symbols(t: &str) -> &str {
    let k = t
        .bytes()
        .position(|b| b.is_ascii_alphanumeric() || !b.is_ascii())
        .unwrap_or(t.len());
    match t.get(k..) {
        Some(rest) if rest.as_bytes().first().is_some_and(|b| !b.is_ascii()) => {
            rest.trim_start_matches(|c: char| !c.is_alphanumeric())
        }
        Some(rest) => rest,
        None => t.trim_start_matches(|c: char| !c.is_alphanumeric()),
    }
}

/// Whether `text` opens with ASCII `p`, ignoring ASCII case.
#[inline]
fn starts_ignore_case(text: &str, p: &str) -> bool {
    text.as_bytes()
        .get(..p.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
}

/// A line that is an e-mail address (perhaps after a name).
fn is_email(t: &str) -> bool {
    t.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.ends_with('.'))
    })
}

#[inline(always)]
fn is_dateline(u: &Unit) -> bool {
    let f = &u.feats;
    let h = u.html.unwrap_or_default();
    if f.words == 0 || f.words > 20 || (f.widget > 0 && !f.has_clock && f.date_tokens == 0) {
        return false;
    }
    if h.time && f.words <= 20 && (f.date_tokens > 0 || f.numeric > 0) {
        return true;
    }
    let share = f.date_share();
    // Numbers alone ("20.11.19") make a date only in a short unpunctuated
    // line: a line of scores or statistics ("1 tackle (1 combined). 1
    // sack") is full of numbers too.
    let numbers_only = f.date_tokens == 0 && !f.has_year && !f.has_clock;
    let date = (share >= 0.5
        && (f.numeric > 0 || f.has_clock)
        && (f.date_tokens > 0
            || f.has_year
            || (f.numeric >= 3 && !(numbers_only && (f.terminal || f.words > 6)))))
        || (f.date_tokens >= 2 && f.words <= 10 && (f.numeric > 0 || f.has_clock))
        || (f.date_tokens >= 1 && (f.has_year || f.has_clock) && f.words <= 8 && !f.terminal);
    // A telephone number ("+1 212 318 2000") is numbers alone too. Looked for last: the
    // search reads the line, the tests above only its features.
    date && !(numbers_only && u.text.contains('+'))
}

/// A title-case line inside the article that cannot be the headline of
/// another story: a subhead in capitals, a line introducing what follows
/// (":" at its end), a signature opening with a dash.
fn not_a_headline(u: &Unit) -> bool {
    let f = &u.feats;
    f.all_caps_words == f.words || f.ends_colon || u.text.trim_start().starts_with(['—', '–'])
}

/// Whether a line can be the headline of another story: a headline holds no
/// web address (the page's own headline is chosen the same way) and is not
/// a row of numbers (a results table: "4 Doe, Jane 11 Central 6-02.00 3").
fn headline_shaped(u: &Unit) -> bool {
    u.feats.numeric * 3 < u.feats.words && !web_address(u)
}

/// A web or e-mail address in the line.
fn web_address(u: &Unit) -> bool {
    let t = u.text.as_str();
    t.contains('@') || t.contains("http") || t.contains("www.")
}

/// Chooses the headline: the document's title when given, else the best
/// title-like unit before the article's first paragraph.
fn headline(
    units: &[Unit],
    kinds: &[Kind],
    first_body: usize,
    title: Option<&str>,
) -> Option<(usize, Reason)> {
    if let Some(t) = title.filter(|t| crate::words::words(t).next().is_some()) {
        // Most lines open with another letter than the title: two first
        // words that open with different ASCII letters or digits differ
        // (case aside), so only the first bytes are read. A non-ASCII byte
        // before or at the first word leaves the comparison to `same_words`.
        let lead = |s: &str| {
            s.bytes()
                .find(|b| b.is_ascii_alphanumeric() || !b.is_ascii())
                .filter(u8::is_ascii)
                .map(|b| b.to_ascii_lowercase())
        };
        let title_lead = lead(t);
        let may_match = |s: &str| title_lead.is_none_or(|a| lead(s).is_none_or(|b| a == b));
        if let Some(i) = units
            .iter()
            .position(|u| may_match(&u.text) && crate::words::same_words(&u.text, t))
        {
            return Some((i, Reason::MatchesTitle));
        }
    }
    let mut best: Option<(usize, f32)> = None;
    for (i, u) in units.iter().enumerate().take(first_body) {
        let f = &u.feats;
        let h = u.html.unwrap_or_default();
        // A headline may link to its own page: named or tagged as one, and
        // longer than the site's name in a linked logo.
        let self_link = (h.headline_class || h.heading == 1)
            && matches!(kinds[i], Kind::RelatedItem | Kind::Widget)
            && h.link_density >= 0.5
            && f.words >= 5;
        let ok = (matches!(
            kinds[i],
            Kind::Title | Kind::Sentence | Kind::Short | Kind::Prose
        ) || self_link)
            && f.words >= 2
            && f.words <= 30
            && !h.chrome
            && !h.widget_class
            && !h.figure
            && (h.link_density < 0.5 || self_link)
            && !u.text.contains('@')
            && !has_web_address(&u.text);
        if !ok {
            continue;
        }
        // Length helps up to a headline's length; past that the first wins.
        let mut score = f.words.min(8) as f32;
        if f.paren_credit_end || f.caption_opener {
            score -= 8.0;
        }
        if f.stop > 0 {
            score += 2.0;
        }
        // Headlines come first; later title-like lines are often teasers.
        if best.is_none() {
            score += 3.0;
        }
        if f.terminal && !u.text.trim_end().ends_with('?') {
            score -= 6.0;
        }
        if f.words < 3 {
            score -= 6.0;
        }
        // A gallery's "1 of 8", a score line: numbers, not a title.
        if f.numeric * 2 >= f.words {
            score -= 8.0;
        }
        // Mastheads: all capitals, or a name with a slogan after a bar.
        if f.all_caps_words == f.words || f.separators > 0 {
            score -= 8.0;
        }
        match h.heading {
            1 => score += 30.0,
            2 => score += 8.0,
            3..=6 => score += 3.0,
            _ => {}
        }
        if h.headline_class {
            score += 12.0;
        }
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best.filter(|(_, s)| *s > 4.0)
        .map(|(i, _)| (i, Reason::TitleBeforeBody))
}

/// Labels every unit of one page.
pub fn label(units: &[Unit], title: Option<&str>, config: &crate::SegmenterConfig) -> Vec<Verdict> {
    let rules = &config.corpus;
    let n = units.len();
    let locals: Vec<(Kind, Reason)> = units.iter().map(|u| local(u, rules)).collect();
    let kinds: Vec<Kind> = locals.iter().map(|k| k.0).collect();
    let is_html = units.iter().any(|u| u.html.is_some());
    let bodyish =
        |i: usize| kinds[i] == Kind::Prose && units[i].html.is_none_or(|h| h.in_main || !is_html);
    let mut first_body = (0..n).find(|&i| bodyish(i)).unwrap_or(n);
    // A short first "paragraph" followed by a byline or dateline is the headline.
    if first_body + 1 < n
        && units[first_body].feats.words <= 25
        && matches!(kinds[first_body + 1], Kind::Byline | Kind::Dateline)
    {
        first_body = (first_body + 1..n).find(|&i| bodyish(i)).unwrap_or(n);
    }
    let last_body = (0..n).rev().find(|&i| bodyish(i));
    let head = headline(units, &kinds, first_body, title);
    let head_idx = head.map(|h| h.0);
    let mut out: Vec<Verdict> = Vec::with_capacity(n);
    let mut in_list = false;
    // Whether the current list was opened by a "Related stories" heading
    // rather than by a linked line: inside an HTML article's container only
    // such a heading makes the lines below it a list of other stories.
    let mut list_opened = false;
    for (i, u) in units.iter().enumerate() {
        let (kind, why) = locals[i];
        let f = &u.feats;
        let h = u.html.unwrap_or_default();
        let place = if i < first_body {
            Reason::BeforeArticle
        } else if last_body.is_some_and(|l| i > l) {
            Reason::AfterArticle
        } else {
            Reason::InsideArticle
        };
        if Some(i) == head_idx {
            if let Some((_, r)) = head {
                out.push((Label::Headline, Reasons::one(r)));
                in_list = false;
                list_opened = false;
                continue;
            }
        }
        let before_head = head_idx.is_some_and(|h| i < h);
        let v: Verdict = match kind {
            Kind::Credit => (Label::Credit, Reasons::one(why)),
            Kind::Caption => (Label::Caption, Reasons::one(why)),
            Kind::Insert => {
                let titled = |j: Option<usize>| {
                    j.and_then(|j| units.get(j))
                        .is_some_and(|n| n.group == u.group && n.feats.is_title_like())
                };
                if in_list
                    || (f.is_title_like() && (titled(i.checked_sub(1)) || titled(Some(i + 1))))
                {
                    (Label::Related, Reasons::two(Reason::RelatedList, why))
                } else if describes_a_picture(u) {
                    (Label::Caption, Reasons::one(why))
                } else {
                    // Platform lines shared across sites: "Thank you for reading!"
                    (
                        Label::Boilerplate,
                        Reasons::two(why, Reason::BoilerplateVocabulary),
                    )
                }
            }
            Kind::Copyright => (Label::Boilerplate, Reasons::one(why)),
            Kind::Template => {
                if f.is_title_like() && in_list {
                    (Label::Related, Reasons::two(why, Reason::RelatedList))
                } else {
                    (Label::Boilerplate, Reasons::one(why))
                }
            }
            Kind::Widget => (Label::Boilerplate, Reasons::one(why)),
            Kind::Byline => (Label::Byline, Reasons::one(why)),
            Kind::Dateline => (Label::Dateline, Reasons::one(why)),
            Kind::RelatedOpener => (Label::Related, Reasons::one(why)),
            Kind::RelatedItem => (Label::Related, Reasons::one(why)),
            Kind::Prose => {
                if is_html && !h.in_main {
                    (
                        Label::Boilerplate,
                        Reasons::two(Reason::OutsideMainContent, why),
                    )
                } else {
                    (Label::Body, Reasons::two(why, place))
                }
            }
            Kind::Sentence => match place {
                Reason::InsideArticle if !is_html || h.in_main => {
                    (Label::Body, Reasons::two(why, place))
                }
                Reason::BeforeArticle
                    if head_idx.is_some_and(|h| i > h)
                        && (f.stop_share() >= 0.15 || !f.lang_known)
                        && (!is_html || h.in_main) =>
                {
                    (Label::Body, Reasons::two(why, place))
                }
                Reason::AfterArticle
                    if out.last().is_some_and(|v: &Verdict| v.0 == Label::Body)
                        && (f.stop_share() >= 0.15 || !f.lang_known)
                        && (!is_html || h.in_main) =>
                {
                    (Label::Body, Reasons::two(why, Reason::Continuation))
                }
                _ => (Label::Boilerplate, Reasons::two(why, place)),
            },
            Kind::Title => {
                if in_list && !(is_html && h.in_main && !list_opened) {
                    (Label::Related, Reasons::one(Reason::RelatedList))
                } else if place == Reason::InsideArticle {
                    if f.widget * 2 >= f.words && h.heading == 0 {
                        (
                            Label::Boilerplate,
                            Reasons::two(Reason::BoilerplateVocabulary, place),
                        )
                    } else if i > 0 && kinds[i - 1] == Kind::Dateline {
                        // A live page: time stamp, then the brief's own title.
                        (Label::Body, Reasons::two(Reason::Subheading, place))
                    } else if f.words >= 4
                        && f.title_share() >= 0.75
                        && h.heading == 0
                        && !(!is_html && (not_a_headline(u) || web_address(u)))
                        && !(is_html && h.in_main && h.link_density < 0.3)
                    {
                        // Injected headlines of other stories are links in
                        // HTML; an unlinked title-case line in the article's
                        // container is a subhead or a table row. In plain
                        // text, four title-case words are more often a name,
                        // a photo's title or a widget's than a teaser.
                        if !is_html && f.words == 4 {
                            (Label::Boilerplate, Reasons::two(why, place))
                        } else {
                            (Label::Related, Reasons::two(why, place))
                        }
                    } else {
                        (Label::Body, Reasons::two(Reason::Subheading, place))
                    }
                } else if place == Reason::AfterArticle
                    && f.words >= 5
                    && !is_html
                    && headline_shaped(u)
                {
                    (Label::Related, Reasons::two(why, place))
                } else if before_head
                    && f.words >= 4
                    && f.all_caps_words < f.words
                    && f.widget == 0
                    && !is_html
                {
                    (Label::Caption, Reasons::two(why, Reason::BeforeArticle))
                } else {
                    (Label::Boilerplate, Reasons::two(why, place))
                }
            }
            Kind::Short => {
                if in_list && f.words >= 3 && !(is_html && h.in_main && !list_opened) {
                    (Label::Related, Reasons::one(Reason::RelatedList))
                } else if is_html
                    && h.in_main
                    && place == Reason::InsideArticle
                    && h.link_density < 0.3
                    && f.widget == 0
                {
                    // jusText's context rule: a short block between paragraphs of
                    // the article's own container (a table cell, a list item, a
                    // recipe line) is the article's.
                    (Label::Body, Reasons::two(why, place))
                } else if place == Reason::AfterArticle
                    && f.ends_colon
                    && f.stop_share() >= 0.2
                    && out.last().is_some_and(|v: &Verdict| v.0 == Label::Body)
                {
                    (Label::Body, Reasons::two(why, Reason::Continuation))
                } else if place == Reason::AfterArticle
                    && !is_html
                    && headline_shaped(u)
                    && f.words >= 5
                    && !f.starts_lower
                    && !f.ends_colon
                    && f.date_share() < 0.3
                {
                    // Sentence-case headlines of other stories under the article.
                    (Label::Related, Reasons::two(why, place))
                } else if place == Reason::InsideArticle
                    && f.words <= 6
                    && f.widget == 0
                    && f.numeric == 0
                    && !f.ends_colon
                    && out.last().is_some_and(|v: &Verdict| v.0 == Label::Body)
                    && i + 1 < n
                    && kinds[i + 1] == Kind::Prose
                {
                    (Label::Body, Reasons::two(Reason::Subheading, place))
                } else if place == Reason::InsideArticle && f.ends_colon && f.stop_share() >= 0.15 {
                    // "… explained the discovery:" introduces a quote.
                    (Label::Body, Reasons::two(why, place))
                } else if place == Reason::InsideArticle
                    && f.words >= 6
                    && !f.starts_lower
                    && f.stop_share() >= 0.1
                    && !units.get(i + 1).is_some_and(|n| n.feats.starts_lower)
                {
                    if is_html && h.in_main {
                        (Label::Body, Reasons::one(Reason::InsideArticle))
                    } else if explainer_title(u) && headline_shaped(u) {
                        // "How … became …", "Why … is …": a caption says
                        // what a picture shows; a question word opens the
                        // headline of another story injected in the text.
                        (Label::Related, Reasons::two(Reason::RelatedCue, place))
                    } else {
                        (
                            Label::Caption,
                            Reasons::two(Reason::UnpunctuatedSentence, place),
                        )
                    }
                } else {
                    (Label::Boilerplate, Reasons::two(why, place))
                }
            }
        };
        list_opened = match kind {
            Kind::RelatedOpener => true,
            Kind::Title | Kind::Short | Kind::Template | Kind::RelatedItem | Kind::Insert => {
                list_opened
            }
            _ => false,
        };
        in_list = match kind {
            Kind::RelatedOpener => true,
            Kind::Title | Kind::Short | Kind::Template | Kind::RelatedItem | Kind::Insert => {
                in_list || (kind == Kind::RelatedItem)
            }
            _ => false,
        };
        out.push(v);
    }
    neighbours(units, &kinds, &mut out, first_body);
    if !is_html {
        // Each pass runs on the pages that have what it needs (see `Page`).
        use crate::plaintext as pt;
        use Label as L;
        let mut page = pt::Page::new(units, &out);
        let o = &mut out;
        page.pass(o, page.has(L::Dateline), &[L::Related], |o| {
            pt::teaser_runs(units, o)
        });
        page.pass(o, true, &[L::Byline], |o| pt::author_notes(units, o));
        page.pass(
            o,
            true,
            &[L::Boilerplate, L::Dateline, L::Body, L::Byline],
            |o| pt::line_shapes(units, o),
        );
        page.pass(o, page.dated_headlines(), &[L::Related], |o| {
            pt::dated_headlines(units, o)
        });
        page.pass(o, page.has(L::Headline), &[L::Byline], |o| {
            pt::byline_under_headline(units, o)
        });
        page.pass(
            o,
            page.has(L::Dateline) && page.has(L::Boilerplate),
            &[L::Byline],
            |o| pt::name_by_date(units, o),
        );
        page.pass(o, true, &[L::Byline], |o| pt::author_lines(units, o));
        page.pass(o, true, &[L::Credit, L::Caption], |o| {
            pt::credit_lines(units, o)
        });
        page.pass(o, page.has(L::Credit), &[L::Caption], |o| {
            pt::photo_captions(units, o)
        });
        page.pass(o, true, &[L::Caption, L::Credit], |o| {
            pt::glued_captions(units, o)
        });
        page.pass(o, page.has(L::Credit), &[L::Credit], |o| {
            pt::repeated_credits(units, o)
        });
        page.pass(
            o,
            page.has(L::Credit) && page.has(L::Caption),
            &[L::Headline],
            |o| pt::headline_under_photo(units, o),
        );
        page.pass(o, true, &[L::Headline], |o| pt::repeated_headline(units, o));
        page.pass(o, page.has(L::Headline), &[L::Boilerplate], |o| {
            pt::prompt_headlines(units, o)
        });
        page.pass(o, true, &[L::Dateline], |o| pt::place_line(units, o));
        page.pass(o, page.has(L::Headline), &[L::Body], |o| pt::deck(units, o));
        page.pass(
            o,
            page.has(L::Boilerplate) || page.has(L::Byline),
            &[L::Boilerplate, L::Caption, L::Body],
            |o| pt::transcript_cues(units, o),
        );
        page.pass(o, page.has(L::Dateline), &[L::Body], |o| {
            pt::timeline_stamps(units, o)
        });
        page.pass(o, true, &[L::Byline], |o| pt::dash_signatures(units, o));
        page.pass(o, page.has(L::Caption), &[L::Body], |o| {
            pt::quoted_lines(units, o)
        });
        page.pass(
            o,
            page.has(L::Body) && page.has(L::Boilerplate),
            &[L::Boilerplate],
            |o| pt::widget_sentences(units, o),
        );
        page.pass(
            o,
            config.dateline_gate && page.has(L::Dateline),
            &[L::Boilerplate],
            |o| pt::dateline_gate(units, o),
        );
        page.pass(o, page.clock_stamps(), &[L::Body], |o| {
            pt::clock_stamps(units, o)
        });
        page.pass(o, page.capital_subheads(), &[L::Body], |o| {
            pt::capital_subheads(units, o)
        });
        page.pass(o, page.forecast_times(), &[L::Boilerplate], |o| {
            pt::forecast_times(units, o)
        });
        page.pass(o, page.weekday_over_date(), &[L::Dateline], |o| {
            pt::weekday_over_date(units, o)
        });
        page.pass(o, page.separators(), &[L::Boilerplate], |o| {
            pt::separator_lines(units, o)
        });
        page.pass(
            o,
            page.has(L::Body)
                && (page.has(L::Byline) || page.has(L::Dateline) || page.has(L::Boilerplate)),
            &[L::Related],
            |o| crate::plainrules::injected_stories(units, o),
        );
        page.pass(
            o,
            page.has(L::Caption) && (page.has(L::Byline) || page.has(L::Dateline)),
            &[L::Headline],
            |o| crate::plainrules::headline_over_byline(units, o),
        );
    }
    if is_html {
        tail(units, &kinds, &mut out, last_body);
        // "X is a columnist for …", "Follow … on Twitter", "Contact … at …"
        // under the article read as in plain text.
        crate::plaintext::author_notes(units, &mut out);
        embedded_posts(units, &mut out);
        teasers(units, &kinds, &mut out);
        stray_runs(units, &mut out);
        far_from_article(units, &mut out, first_body, last_body);
    }
    out
}

/// The article's tail in HTML: lines after its last paragraph inside the
/// article's own container (a tour's dates, a list of offers, a closing note).
fn tail(units: &[Unit], kinds: &[Kind], out: &mut [Verdict], last_body: Option<usize>) {
    let Some(last) = last_body else { return };
    let line = |out: &[Verdict], i: usize| {
        let u = &units[i];
        let h = u.html.unwrap_or_default();
        out[i].0 == Label::Boilerplate
            && (matches!(kinds[i], Kind::Short | Kind::Sentence)
                || (kinds[i] == Kind::Title && h.list_item))
            && h.in_main
            && h.link_density < 0.3
            && u.feats.widget * 20 <= u.feats.words
            && u.feats.words >= 3
            && u.feats.all_caps_words < u.feats.words
    };
    for i in last + 1..units.len() {
        let u = &units[i];
        let h = u.html.unwrap_or_default();
        if !h.in_main {
            break;
        }
        // A title over lines of the tail ("Tour Dates") is its subhead; a
        // title over another title is a headline list, which ends the tail.
        let subhead = (kinds[i] == Kind::Title || (kinds[i] == Kind::Short && h.heading > 0))
            && out[i].0 == Label::Boilerplate
            && h.link_density < 0.3
            && u.feats.widget == 0
            && i + 1 < units.len()
            && line(out, i + 1);
        // A bare link (an address, "here") inside the tail does not end it.
        let bare_link = h.link_density >= 0.5
            && (u.feats.words <= 3 || !crate::words::trim(&u.text).contains(' '));
        if line(out, i) || subhead {
            out[i] = (Label::Body, Reasons::one(Reason::Continuation));
        } else if out[i].0 != Label::Body && !bare_link {
            break;
        }
    }
}

/// An embedded post's signature line inside the article's container,
/// "— Jane Doe (@handle) June 1, 2019", is the article's, as in plain text:
/// its date made it a dateline, the embed's box ("twitter-tweet") a widget.
fn embedded_posts(units: &[Unit], out: &mut [Verdict]) {
    for (u, v) in units.iter().zip(out.iter_mut()) {
        if u.html.is_some_and(|h| h.in_main)
            && matches!(v.0, Label::Dateline | Label::Boilerplate)
            && crate::plaintext::post_signature(u)
        {
            *v = (Label::Body, Reasons::one(Reason::Continuation));
        }
    }
}

/// Units of other text between two runs of body that part them.
const STRAY_GAP: usize = 10;

/// A short run of body far from the article on an HTML page (a site blurb
/// in the footer, a promo paragraph past the comments) is not the
/// article's: runs of body units are split at gaps of `STRAY_GAP` non-body
/// units, and a run beside the largest one holding under a fifth of its
/// words, or made only of text inside page chrome (a <footer> or <aside>
/// blurb, body only because the container spans the page), becomes
/// boilerplate.
fn stray_runs(units: &[Unit], out: &mut [Verdict]) {
    // First and last unit, words, all of it inside chrome.
    let mut runs: Vec<(usize, usize, u32, bool)> = Vec::new();
    let mut gap = usize::MAX;
    for (i, u) in units.iter().enumerate() {
        if out[i].0 != Label::Body {
            gap = gap.saturating_add(1);
            continue;
        }
        let chrome = u.html.is_some_and(|h| h.chrome);
        match runs.last_mut() {
            Some(r) if gap < STRAY_GAP => {
                r.1 = i;
                r.2 += u.feats.words;
                r.3 &= chrome;
            }
            _ => runs.push((i, i, u.feats.words, chrome)),
        }
        gap = 0;
    }
    let Some(main) = runs.iter().map(|r| r.2).max() else {
        return;
    };
    for &(a, b, w, chrome) in &runs {
        if w * 5 < main || (chrome && w < main) {
            for v in out.iter_mut().take(b + 1).skip(a) {
                if v.0 == Label::Body {
                    *v = (Label::Boilerplate, Reasons::one(Reason::OutsideMainContent));
                }
            }
        }
    }
}

/// Units of an HTML page to either side of the article within which
/// bylines, datelines, captions and related links are the article's.
const HTML_ARTICLE_REACH: usize = 6;

/// On an HTML page, a date, a name or a caption far from the article (in a
/// sidebar, a comment, a teaser) is not the article's: boilerplate.
fn far_from_article(
    units: &[Unit],
    out: &mut [Verdict],
    first_body: usize,
    last_body: Option<usize>,
) {
    let Some(last) = last_body else { return };
    for (i, u) in units.iter().enumerate() {
        let h = u.html.unwrap_or_default();
        let near =
            h.in_main || (i + HTML_ARTICLE_REACH >= first_body && i <= last + HTML_ARTICLE_REACH);
        if !near
            && matches!(
                out[i].0,
                Label::Byline | Label::Dateline | Label::Caption | Label::Credit | Label::Related
            )
        {
            out[i] = (
                Label::Boilerplate,
                Reasons::two(Reason::OutsideMainContent, out[i].1.first()),
            );
        }
    }
}

/// Caption → credit → related headline: the line above a credit is its
/// caption, a title-case line right below it an injected related headline.
fn neighbours(units: &[Unit], kinds: &[Kind], out: &mut [Verdict], first_body: usize) {
    let n = units.len();
    for i in 0..n {
        if kinds[i] != Kind::Credit {
            continue;
        }
        let same_group = |j: usize| units[j].group == units[i].group;
        let mut captioned = false;
        if i > 0 && same_group(i - 1) {
            let j = i - 1;
            let f = &units[j].feats;
            let movable = matches!(
                out[j].0,
                Label::Body | Label::Boilerplate | Label::Related | Label::Caption
            ) && matches!(
                kinds[j],
                Kind::Prose | Kind::Sentence | Kind::Title | Kind::Short | Kind::Caption
            ) && f.words >= 3
                && f.words <= 60;
            if movable {
                out[j] = (Label::Caption, Reasons::one(Reason::NextToCredit));
                captioned = true;
            }
        }
        if i + 1 < n && same_group(i + 1) {
            let j = i + 1;
            let f = &units[j].feats;
            if kinds[j] == Kind::Title && j >= first_body && out[j].0 != Label::Headline {
                out[j] = (
                    Label::Related,
                    Reasons::two(Reason::TitleCase, Reason::AfterCaption),
                );
            } else if !captioned
                && matches!(kinds[j], Kind::Sentence | Kind::Short | Kind::Caption)
                && f.words >= 4
                && f.words <= 45
                && !f.starts_lower
            {
                out[j] = (Label::Caption, Reasons::one(Reason::NextToCredit));
            }
        }
    }
}

/// A teaser list: a linked headline, perhaps a date or a name, then a short
/// paragraph, again and again (other stories under or beside the article).
/// An article's paragraphs follow paragraphs; a paragraph that follows a
/// linked headline, and is followed by another or ends the prose, is a
/// teaser when the page has at least two of them after article prose.
fn teasers(units: &[Unit], kinds: &[Kind], out: &mut [Verdict]) {
    let n = units.len();
    // A linked headline: a related item, or a linked question or sentence.
    let is_head = |i: usize| {
        let f = &units[i].feats;
        units[i].html.is_some_and(|h| h.link_density >= 0.5)
            && ((kinds[i] == Kind::RelatedItem && out[i].0 == Label::Related)
                || (out[i].0 == Label::Boilerplate && f.words >= 3 && f.words <= 20))
    };
    // Between a headline and its paragraph: a date, the author's name, a
    // deck of a few words.
    let filler = |i: usize| {
        !is_head(i)
            && (matches!(
                out[i].0,
                Label::Dateline | Label::Byline | Label::Caption | Label::Credit
            ) || (out[i].0 == Label::Boilerplate && units[i].feats.words <= 6)
                || (kinds[i] != Kind::Prose
                    && units[i].feats.words <= 8
                    && !units[i].feats.terminal))
    };
    let mut found: Vec<usize> = Vec::new();
    let mut seen_body = false;
    let mut i = 0;
    while i < n {
        if !is_head(i) {
            if out[i].0 == Label::Body && kinds[i] == Kind::Prose {
                seen_body = true;
            }
            i += 1;
            continue;
        }
        // The head's paragraph: after at most three fillers.
        let mut j = i + 1;
        while j < n && j <= i + 3 && filler(j) {
            j += 1;
        }
        let teaser = j < n
            && seen_body
            && out[j].0 == Label::Body
            && kinds[j] == Kind::Prose
            && units[j].feats.words <= 80;
        if !teaser {
            i += 1;
            continue;
        }
        // What follows: another linked headline (after fillers), or no more prose.
        let mut k = j + 1;
        while k < n && k <= j + 3 && filler(k) {
            k += 1;
        }
        let closes = k >= n || is_head(k) || !(k..n).any(|m| out[m].0 == Label::Body);
        if closes {
            found.push(j);
        }
        i = j + 1;
    }
    if found.len() >= 2 {
        // The teasers' own short lines kept as body (a deck, a name).
        let mut lines: Vec<usize> = Vec::new();
        for &j in &found {
            let mut k = j;
            while k > 0 && filler(k - 1) && !is_head(k - 1) {
                k -= 1;
                if out[k].0 == Label::Body {
                    lines.push(k);
                }
            }
        }
        for j in found {
            out[j] = (
                Label::Related,
                Reasons::two(Reason::RelatedList, Reason::Prose),
            );
        }
        for k in lines {
            out[k] = (Label::Related, Reasons::one(Reason::RelatedList));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_found_as_by_contains() {
        for t in [
            "",
            "http",
            "see www.x.com",
            "whh ttp wwww.",
            "a ww.w",
            "hhttp",
            "wwwwww.",
        ] {
            let want = t.contains("http") || t.contains("www.");
            assert_eq!(has_web_address(t), want, "{t}");
        }
    }

    #[test]
    fn symbols_trimmed_as_by_chars() {
        for t in [
            "",
            "--",
            "(Reporting",
            " \u{201c}Quote",
            "\u{2014} By",
            "\u{ab}\u{bb}",
            "x",
            "\u{e9}t\u{e9}",
            "-\u{e9}",
            "- \u{2014}1",
        ] {
            let want = t.trim_start_matches(|c: char| !c.is_alphanumeric());
            assert_eq!(trim_start_symbols(t), want, "{t:?}");
        }
    }
}
