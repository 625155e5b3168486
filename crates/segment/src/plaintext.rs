//! Layout passes for plain-text pages, run after the labeller's own pass: a
//! scraped page flattens its lists into one line per block, so the structure
//! an HTML page shows in its tags shows here only in the order of the lines
//! (a list of other stories repeats author, date and teaser; the author's
//! note closes the story). The author's notes and a post's signature line
//! read the same in HTML, where the labeller runs those two passes too.

use crate::block::{Reason, Reasons};
use crate::features::Features;
use crate::label::Label;
use crate::unit::Unit;

type Verdict = (Label, Reasons);

/// What a page holds, read once before the passes: most passes below need
/// a label or a shape of line that a short wire story lacks (a date line, a
/// credit, a line in capitals, a clock time), and on a page without it they
/// would read every line to change none. Each pass is run only when the
/// page has what it needs; `labels` is kept a superset of the labels on the
/// page as passes run, so a pass is never skipped on a page where it could
/// act.
pub struct Page {
    /// Labels the page may hold, one bit each (`bit`).
    labels: u16,
    /// Shapes of lines found on the page, one bit each (`SHAPE_*`).
    shapes: u16,
}

/// A line without a word (a separator): `separator_lines`.
const SHAPE_EMPTY: u16 = 1;
/// A [`short_date_line`]: `dated_headlines`' date line.
const SHAPE_SHORT_DATE: u16 = 1 << 1;
/// A clock time: `clock_stamps`.
const SHAPE_CLOCK: u16 = 1 << 2;
/// A [`capitals_line`]: `capital_subheads`.
const SHAPE_CAPITALS: u16 = 1 << 3;
/// A [`forecast_wind`]: `forecast_times`.
const SHAPE_WIND: u16 = 1 << 4;
/// A [`lone_date_word`]: `weekday_over_date`.
const SHAPE_WEEKDAY: u16 = 1 << 5;

/// One label's bit in `Page::labels`.
const fn bit(l: Label) -> u16 {
    1 << l as u16
}

/// The labels of `out`, one bit each.
fn labels_of(out: &[Verdict]) -> u16 {
    out.iter().fold(0, |m, v| m | bit(v.0))
}

// The line shapes a pass starts from, each one test shared by the pass and
// `Page` (a gate that tested otherwise would skip the pass where it acts).

/// A short line mostly of dates ("40m ago", "March 3"): `dated_headlines`.
fn short_date_line(f: &Features) -> bool {
    f.words <= 4 && f.date_share() >= 0.5 && f.date_tokens > 0
}

/// One to four words in capitals without a sentence's end: `capital_subheads`.
fn capitals_line(f: &Features) -> bool {
    (1..=4).contains(&f.words) && f.all_caps_words == f.words && !f.terminal
}

/// A weather widget's wind with a number: `forecast_times`.
fn forecast_wind(f: &Features) -> bool {
    f.wind_cue && f.numeric > 0
}

/// A lone date word (a weekday), no number or time: `weekday_over_date`.
fn lone_date_word(f: &Features) -> bool {
    f.words == 1 && f.date_tokens == 1 && f.numeric == 0 && !f.has_clock
}

impl Page {
    /// The page's labels as the labeller left them, and its lines' shapes.
    pub fn new(units: &[Unit], out: &[Verdict]) -> Page {
        let mut shapes = 0;
        for u in units {
            let f = &u.feats;
            let w = f.words;
            let mut s = 0;
            // Most lines are longer than four words: two tests each.
            if w <= 4 {
                if w == 0 {
                    s |= SHAPE_EMPTY;
                }
                if short_date_line(f) {
                    s |= SHAPE_SHORT_DATE;
                }
                if capitals_line(f) {
                    s |= SHAPE_CAPITALS;
                }
                if lone_date_word(f) {
                    s |= SHAPE_WEEKDAY;
                }
            }
            if f.has_clock {
                s |= SHAPE_CLOCK;
            }
            if forecast_wind(f) {
                s |= SHAPE_WIND;
            }
            shapes |= s;
        }
        Page {
            labels: labels_of(out),
            shapes,
        }
    }

    /// Whether the page may hold a line labelled `l`.
    pub fn has(&self, l: Label) -> bool {
        self.labels & bit(l) != 0
    }

    /// Whether the page has a line of shape `s` (`SHAPE_*`).
    fn shape(&self, s: u16) -> bool {
        self.shapes & s != 0
    }

    /// Runs `pass` when `run`. The labels are read again after it only
    /// when it may have written one the page did not hold (`writes`, checked
    /// against the labels in tests): otherwise they stay a superset.
    #[inline(always)]
    pub fn pass(
        &mut self,
        out: &mut [Verdict],
        run: bool,
        writes: &[Label],
        pass: impl FnOnce(&mut [Verdict]),
    ) {
        if !run {
            return;
        }
        pass(out);
        let w = writes.iter().fold(0, |m, &l| m | bit(l));
        if w & !self.labels != 0 {
            self.labels = labels_of(out);
        }
        debug_assert_eq!(
            labels_of(out) & !self.labels,
            0,
            "a pass wrote a label it does not declare"
        );
    }

    /// `separator_lines` can act: a line without a word, labelled body.
    pub fn separators(&self) -> bool {
        self.shape(SHAPE_EMPTY) && self.has(Label::Body)
    }

    /// `dated_headlines` can act: a date line, by its label or its shape.
    pub fn dated_headlines(&self) -> bool {
        self.has(Label::Dateline) || self.shape(SHAPE_SHORT_DATE)
    }

    /// `clock_stamps` can act: a clock time, labelled a date line or
    /// boilerplate (a date line the gate turned down).
    pub fn clock_stamps(&self) -> bool {
        self.shape(SHAPE_CLOCK) && (self.has(Label::Dateline) || self.has(Label::Boilerplate))
    }

    /// `capital_subheads` can act: a short line in capitals, boilerplate,
    /// and a paragraph.
    pub fn capital_subheads(&self) -> bool {
        self.shape(SHAPE_CAPITALS) && self.has(Label::Boilerplate) && self.has(Label::Body)
    }

    /// `forecast_times` can act: a forecast's wind and a date line.
    pub fn forecast_times(&self) -> bool {
        self.shape(SHAPE_WIND) && self.has(Label::Dateline) && self.has(Label::Boilerplate)
    }

    /// `weekday_over_date` can act: a lone date word and a date line.
    pub fn weekday_over_date(&self) -> bool {
        self.shape(SHAPE_WEEKDAY) && self.has(Label::Dateline) && self.has(Label::Boilerplate)
    }
}

/// Lines between two teasers: an author, a date, a headline.
const MAX_GAP: usize = 4;
/// A teaser is one short paragraph.
const MAX_TEASER_WORDS: u32 = 90;
/// Items in a row before a run of paragraphs is a list of other stories.
const MIN_ITEMS: usize = 3;

/// Whether unit `i` is a short line between teasers: not prose, a few words.
fn gap_line(units: &[Unit], out: &[Verdict], i: usize) -> bool {
    let f = &units[i].feats;
    f.words <= 12
        && !(f.terminal && f.words >= 4)
        && !(out[i].0 == Label::Body && f.is_prose())
        && out[i].0 != Label::Headline
}

/// A list of other stories under the article: each item a short paragraph
/// with its own date line (and an author or headline line) around it, at
/// least three items in a row, running to the end of the page's prose. An
/// article's paragraphs are not each dated; a live page's entries are longer
/// than a teaser and seldom each carry both a date and a name.
pub fn teaser_runs(units: &[Unit], out: &mut [Verdict]) {
    let n = units.len();
    let prose = |out: &[Verdict], i: usize| out[i].0 == Label::Body && units[i].feats.is_prose();
    let Some(last) = (0..n).rev().find(|&i| prose(out, i)) else {
        return;
    };
    // Walk back from the last paragraph over items: gap lines, then a teaser.
    let is_item_gap = |out: &[Verdict], from: usize, to: usize| {
        let dated = (from..to).any(|j| out[j].0 == Label::Dateline);
        to - from >= 2
            && to - from <= MAX_GAP
            && dated
            && (from..to).all(|j| gap_line(units, out, j))
    };
    let mut items = 0;
    let mut start = last; // first unit of the run
    let mut p = last; // the current teaser paragraph
    loop {
        if units[p].feats.words > MAX_TEASER_WORDS {
            break;
        }
        let mut g = p;
        while g > 0 && p - g < MAX_GAP && gap_line(units, out, g - 1) && !prose(out, g - 1) {
            g -= 1;
        }
        if g == p || !is_item_gap(out, g, p) {
            break;
        }
        items += 1;
        start = g;
        if g == 0 || !prose(out, g - 1) {
            break;
        }
        p = g - 1;
    }
    if items < MIN_ITEMS || !(0..start).any(|i| prose(out, i)) {
        return;
    }
    // The last item's own gap lines after its paragraph, if the items put
    // them after the teaser.
    let mut end = last + 1;
    while end < n && end - last <= MAX_GAP && gap_line(units, out, end) {
        if !matches!(
            out[end].0,
            Label::Dateline | Label::Byline | Label::Boilerplate
        ) {
            break;
        }
        end += 1;
    }
    // A short heading right above the list is the list's ("More from …").
    if start > 0 {
        let h = &units[start - 1].feats;
        if h.words <= 6 && !h.terminal && !h.is_prose() && out[start - 1].0 != Label::Headline {
            start -= 1;
        }
    }
    for v in &mut out[start..end] {
        *v = (
            Label::Related,
            Reasons::two(Reason::RelatedList, Reason::AfterArticle),
        );
    }
}

/// Roles a note about the author names ("is a reporter for …").
const ROLES: &[&str] = &[
    "reporter",
    "correspondent",
    "editor",
    "writer",
    "journalist",
    "columnist",
    "contributor",
    "producer",
    "photographer",
    // Guest writers of opinion pieces.
    "professor",
    "director",
    "fellow",
    "author",
    "journaliste",
    "correspondant",
    "rédacteur",
    "rédactrice",
    "periodista",
    "corresponsal",
    "redactor",
    "redactora",
    "korrespondent",
    "korrespondentin",
    "redakteur",
    "redakteurin",
    "journalistin",
    "giornalista",
    "corrispondente",
];

/// Openers of a contact line about the author.
const CONTACT_OPENERS: &[&str] = &[
    "contact ",
    "follow ",
    "email ",
    "e-mail ",
    "reach ",
    "you can reach",
    "you can follow",
    "you can email",
    "write to ",
];

/// How a page opens a closing note on its author without naming them: an
/// op-ed's "The writer is …", a wire's "(With inputs from …)".
const SELF_NOTES: &[&str] = &[
    "the writer is ",
    "the writer was ",
    "the writer lives ",
    "the author is ",
    "the author was ",
    "the author lives ",
    "(with inputs from ",
    "with inputs from ",
];

/// A wire's closing credit of its reporters: "Jane Doe in Paris contributed
/// to this report."
const CONTRIBUTED: &[&str] = &[
    "contributed to this report",
    "contributed to this story",
    "contributed reporting",
    "contributed to this article",
    // The wire's researchers or reporters elsewhere: "… contributed from
    // Washington."
    "contributed from",
];

/// Lines of a page's head searched for an author's note under the byline.
const MAX_HEAD_LINES: usize = 30;

/// How many closing paragraphs may be notes about the author.
const MAX_NOTES: usize = 3;

/// Whether a unit is a note about the author: "Jane Doe is a reporter for
/// …", "Contact Jane Doe at …", "Follow Jane on Twitter".
fn author_note(u: &Unit) -> bool {
    let f = &u.feats;
    // A bio runs longer than a contact line: "Jane Doe is a professor of
    // law at … Her work focuses on …" (the role, checked below, holds it).
    if f.words < 3 || f.words > 100 || f.starts_lower {
        return false;
    }
    let t = crate::words::trim(&u.text);
    // The wire's credit of a member paper's reporting: "Information from:
    // The Daily Paper, <address>".
    if f.words <= 25
        && t.as_bytes()
            .get(..17)
            .is_some_and(|h| h.eq_ignore_ascii_case(b"information from:"))
    {
        return true;
    }
    // "The writer is a former envoy.", "The author lives in Paris.", "(With
    // inputs from Agency)": the page's own words for its author, compared
    // without case on the first bytes.
    // The first bytes gate the phrases: most closing paragraphs open with
    // neither "The w…"/"The a…" nor "With"/"(With".
    let b = t.as_bytes();
    let may_open = match b.first() {
        Some(b'T' | b't') => matches!(b.get(4), Some(b'w' | b'a')),
        Some(b'(' | b'W' | b'w') => true,
        _ => false,
    };
    if may_open
        && f.words <= 40
        && SELF_NOTES.iter().any(|p| {
            t.as_bytes()
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
        })
    {
        return true;
    }
    // The head is lowercased only when a phrase below can be in it: a word of
    // the closing credits (the lexicon marks "contributed"), or an opener
    // (ASCII, compared without case on the first bytes).
    // (The openers' first letters first: most paragraphs open with none.)
    let opener = matches!(
        b.first().map(u8::to_ascii_lowercase),
        Some(b'c' | b'e' | b'f' | b'r' | b'w' | b'y')
    ) && CONTACT_OPENERS.iter().any(|p| {
        t.as_bytes()
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    });
    let mut head = String::new();
    if f.attribution_cue || opener {
        let mut cut = t.len().min(200);
        while !t.is_char_boundary(cut) {
            cut -= 1;
        }
        crate::words::lower_into(&t[..cut], &mut head);
    }
    if f.attribution_cue && CONTRIBUTED.iter().any(|p| head.contains(p)) && f.words <= 40 {
        return true;
    }
    if opener {
        return f.words <= 60
            && (head.contains(" at ")
                || head.contains('@')
                || head.contains("twitter")
                || head.contains("facebook")
                || head.contains("instagram"));
    }
    // "Name [Name] is a [senior] reporter …": a capitalised name, a copula
    // among the first words, a role soon after.
    let mut words = crate::words::words(t);
    let first_two_capital = words.next().is_some_and(crate::words::is_capitalized)
        && words.next().is_some_and(crate::words::is_capitalized);
    if !first_two_capital {
        return false;
    }
    let mut buf = String::new();
    let mut copula = None;
    for (k, w) in crate::words::words(t).take(14).enumerate() {
        let l = crate::words::lowered(w, &mut buf);
        if copula.is_none() && k <= 4 && matches!(l, "is" | "was" | "est" | "es" | "ist" | "è") {
            copula = Some(k);
        } else if copula.is_none() && (2..=4).contains(&k) && matches!(l, "covers" | "writes") {
            // "Jane Doe covers the Senate for Outlet.": a beat, no role word.
            return f.words <= 40;
        } else if copula.is_none() && !crate::words::is_capitalized(w) {
            // The words before the copula are the name.
            return false;
        } else if copula.is_some() && ROLES.contains(&l) {
            return true;
        }
    }
    false
}

/// Notes about the author that close a story are its byline (plain text and
/// HTML: a note in the article's own box is prose to the HTML rules).
pub fn author_notes(units: &[Unit], out: &mut [Verdict]) {
    let n = units.len();
    let Some(last) = (0..n).rev().find(|&i| out[i].0 == Label::Body) else {
        return;
    };
    let mut i = last + 1;
    let mut notes = 0;
    while i > 0 && notes < MAX_NOTES {
        i -= 1;
        match out[i].0 {
            Label::Body if author_note(&units[i]) => {
                out[i] = (
                    Label::Byline,
                    Reasons::two(Reason::BylinePattern, Reason::AfterArticle),
                );
                notes += 1;
            }
            Label::Boilerplate | Label::Byline => {}
            _ => break,
        }
    }
    // Under the last paragraph, past separator lines ("———"): a contact
    // line with an address may read as a list's title.
    let mut seen = 0;
    for j in last + 1..n {
        if units[j].feats.words == 0 {
            continue;
        }
        seen += 1;
        if seen > MAX_NOTES {
            break;
        }
        // A list's line only when it names a social account ("Follow AP's
        // full coverage at <address>" is a promo of other stories).
        let movable = match out[j].0 {
            Label::Boilerplate => true,
            Label::Related => units[j].text.contains("witter") || units[j].text.contains('@'),
            _ => false,
        };
        if movable && author_note(&units[j]) {
            out[j] = (
                Label::Byline,
                Reasons::two(Reason::BylinePattern, Reason::AfterArticle),
            );
        }
    }
    // Both rules below start from a byline: most pages have none.
    if !out.iter().any(|v| v.0 == Label::Byline) {
        return;
    }
    // An opinion page's note about its author right under the byline (a
    // byline at the foot is followed by the closing notes above).
    for j in 1..n.min(MAX_HEAD_LINES) {
        if out[j - 1].0 == Label::Byline && out[j].0 == Label::Body && author_note(&units[j]) {
            out[j] = (Label::Byline, Reasons::one(Reason::BylinePattern));
        }
    }
    // An author box: the name alone on its line, then the note.
    for j in 1..n {
        if out[j].0 == Label::Byline
            && out[j].1.contains(Reason::AfterArticle)
            && matches!(
                out[j - 1].0,
                Label::Boilerplate | Label::Related | Label::Body
            )
            && bare_name(&units[j - 1])
        {
            out[j - 1] = (
                Label::Byline,
                Reasons::two(Reason::BylinePattern, Reason::AfterArticle),
            );
        }
    }
}

/// A line without a word ("———", "___", "* * *") between paragraphs is a
/// separator the page draws, not the story's text. Run after the passes
/// that read separators as the end of the story (closing notes, the
/// learned dateline gate's neighbours), so that they read them as before.
pub fn separator_lines(units: &[Unit], out: &mut [Verdict]) {
    for (u, v) in units.iter().zip(out.iter_mut()) {
        if u.feats.words == 0 && v.0 == Label::Body {
            *v = (Label::Boilerplate, Reasons::one(Reason::FewWords));
        }
    }
}

/// Lines that only announce a date to come: "Updated", "Posted on",
/// "Date created :" (the date itself is on the next line or lost).
const DATE_LABELS: &[&str] = &[
    "updated",
    "last updated",
    "updated on",
    "posted",
    "posted on",
    "published",
    "published on",
    "first published",
    "date created",
    "date",
    "mis à jour",
    "mis à jour le",
    "publié le",
    "aktualisiert",
    "aktualisiert am",
    "veröffentlicht",
    "veröffentlicht am",
    "actualizado",
    "publicado",
    "aggiornato",
    "pubblicato",
];

/// Whether ASCII byte `b` is the first letter of a date label (any case).
fn opens_date_label(b: u8) -> bool {
    matches!(
        b.to_ascii_lowercase(),
        b'a' | b'd' | b'f' | b'l' | b'm' | b'p' | b'u' | b'v'
    )
}

/// Whether a unit is a bare date label.
fn date_label(u: &Unit) -> bool {
    if u.feats.words == 0 || u.feats.words > 4 {
        return false;
    }
    // The first letter after the bar, slash or spaces, if ASCII, opens a
    // label ("a", "d", "f", "l", "m", "p", "u", "v"): most short lines end
    // here, before they are trimmed and compared (a letter past ASCII is
    // left to the comparison).
    let lead = u
        .text
        .bytes()
        .find(|&b| !matches!(b, b'/' | b'|' | b'\t'..=b'\r' | b' '));
    if lead.is_some_and(|b| b.is_ascii() && !opens_date_label(b)) {
        return false;
    }
    // "/ Updated", "| UPDATED:": the bar or slash of the line it was cut from.
    let t = u
        .text
        .trim()
        .trim_start_matches(|c: char| c == '/' || c == '|' || c.is_whitespace())
        .trim_end_matches(|c: char| c == ':' || c.is_whitespace());
    // An ASCII line lowercases to ASCII: compared without a lowercased copy.
    if t.is_ascii() {
        return DATE_LABELS.iter().any(|d| t.eq_ignore_ascii_case(d));
    }
    let mut l = String::new();
    crate::words::lower_into(t, &mut l);
    DATE_LABELS.contains(&l.as_str())
}

/// Wires that sign a story with their name before its date ("AP March 2,
/// 2020, 9:20 AM").
const SIGNING_WIRES: &[&str] = &["AP", "AFP", "Reuters", "UPI", "AAP", "dpa", "Bloomberg"];

/// A line holding the author or the wire and the date together ("By Jane
/// Doe | Posted - June 1, 2019", "AP March 2, 2020, 9:20 AM") is the byline
/// (README: a byline with its date is byline), though its date made it a
/// dateline.
fn signed_date(u: &Unit) -> bool {
    let f = &u.feats;
    // A byline of up to 14 words is the features' already; a wire is an
    // agency word: most datelines end here, before their text is read.
    if !((f.words > 14 && f.words <= 24) || (f.agency > 0 && f.words <= 12)) {
        return false;
    }
    let t = u.text.trim_start();
    if !t.starts_with(['A', 'B', 'b', 'D', 'R', 'U']) {
        return false;
    }
    let mut w = crate::words::words(t);
    let (Some(first), Some(second)) = (w.next(), w.next()) else {
        return false;
    };
    (first.eq_ignore_ascii_case("by") && crate::words::is_capitalized(second))
        || (SIGNING_WIRES.contains(&first) && u.feats.date_tokens > 0)
}

/// "Posted 2:50 pm, June 1, 2019, by Jane Doe": the date, then the author
/// (capitalised words after "by" to the end of the line).
fn date_then_author(u: &Unit) -> bool {
    let t = u.text.trim_end();
    // The last " by ": the last 'b' with a space before it and "y " after
    // (a byte search; a substring searcher is set up for each line).
    let b = t.as_bytes();
    let Some(k) = memchr::memrchr_iter(b'b', b)
        .find(|&j| j > 0 && b[j - 1] == b' ' && b[j + 1..].starts_with(b"y "))
        .map(|j| j - 1)
    else {
        return false;
    };
    let mut buf = String::new();
    let mut n = 0;
    let names = crate::words::words(&t[k + 4..]).all(|w| {
        n += 1;
        crate::words::is_capitalized(w) || crate::words::lowered(w, &mut buf) == "and"
    });
    names && (1..=6).contains(&n)
}

/// "2 hours ago Outlet — Jane Doe", "June 1, 2019 | By JANE DOE": a date
/// line that ends, after a dash or a bar, with a name of two to four
/// capitalised words (an optional "By" before it) signs the story: the
/// byline (README: a byline with its date is byline).
fn date_then_signature(u: &Unit) -> bool {
    if !(4..=20).contains(&u.feats.words) {
        return false;
    }
    let t = u.text.trim_end();
    // The dashes' first byte (0xE2, also a curly quote's) or the bar, found
    // by byte searches from the end.
    let Some(k) = memchr::memrchr2_iter(0xE2, b'|', t.as_bytes())
        .find(|&k| t.is_char_boundary(k) && t[k..].starts_with(['—', '–', '|']))
    else {
        return false;
    };
    let mut tail = t[k..].trim_start_matches(['—', '–', '|']).trim_start();
    if let Some(rest) = tail
        .strip_prefix("By ")
        .or_else(|| tail.strip_prefix("BY "))
    {
        tail = rest;
    }
    if tail.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut n = 0;
    crate::words::words(tail).all(|w| {
        n += 1;
        crate::words::is_capitalized(w)
    }) && (2..=4).contains(&n)
}

/// "by" (or "By:") alone on its line: the author's name was a link the
/// scrape lost.
fn bare_by(u: &Unit) -> bool {
    if u.feats.words != 1 {
        return false;
    }
    let t = crate::words::trim(&u.text);
    let t = t.strip_suffix(':').unwrap_or(t);
    t.eq_ignore_ascii_case("by")
}

/// A gallery's position: "Image 1 of 3", "Photo 2 of 12", "3 of 8".
fn counter(u: &Unit) -> bool {
    // "Slideshow (3 Images)": a gallery's size, not a caption's credit.
    if (2..=4).contains(&u.feats.words) && u.feats.numeric >= 1 && u.feats.paren_credit_end {
        let t = u.text.trim_end();
        return ["images)", "Images)", "photos)", "Photos)"]
            .iter()
            .any(|e| t.ends_with(e));
    }
    if !(3..=4).contains(&u.feats.words) || u.feats.numeric < 2 {
        return false;
    }
    let w: Vec<&str> = crate::words::words(crate::words::trim(&u.text)).collect();
    let n = w.len();
    n >= 3
        && w[n - 2].eq_ignore_ascii_case("of")
        && [w[n - 3], w[n - 1]]
            .iter()
            .all(|x| x.bytes().all(|b| b.is_ascii_digit()))
}

/// A gallery's caption switch alone on its line: "Hide Caption", "toggle
/// caption", "Show caption".
fn caption_switch(u: &Unit) -> bool {
    if u.feats.words != 2 {
        return false;
    }
    let t = crate::words::trim(&u.text);
    t.len() <= 14
        && ["hide caption", "toggle caption", "show caption"]
            .iter()
            .any(|p| t.eq_ignore_ascii_case(p))
}

/// An embedded post's signature line, "— Jane Doe (@handle) June 1, 2019":
/// the article's, like the post it closes.
pub(crate) fn post_signature(u: &Unit) -> bool {
    let t = u.text.trim_start();
    (t.starts_with('—') || t.starts_with('–') || t.starts_with("- "))
        && t.contains("(@")
        && u.feats.words <= 20
}

/// Rows of a list before it is the article's.
const MIN_ROWS: usize = 3;

/// Whether a unit is one row of a "Label: value" list (a team sheet, a
/// schedule, a fact box): a short label of one to three words, a colon, the
/// value.
fn field_row(u: &Unit) -> bool {
    if u.feats.words > 60 || u.feats.is_prose() {
        return false;
    }
    let t = crate::words::trim(&u.text);
    // (A byte search: the colon is ASCII.)
    let Some(colon) = memchr::memchr(b':', t.as_bytes()) else {
        return false;
    };
    let label_words = crate::words::words(&t[..colon]).count();
    (1..=3).contains(&label_words) && u.feats.words <= 60 && !u.feats.is_prose()
}

/// Small fixes of single lines by their own shape, and the article's own
/// lists: a run of at least three "Label: value" rows (perhaps under a
/// "Label:" heading) right after the article's prose is the article's.
pub fn line_shapes(units: &[Unit], out: &mut [Verdict]) {
    let n = units.len();
    for i in 0..n {
        let u = &units[i];
        if counter(u) && !matches!(out[i].0, Label::Body | Label::Headline) {
            out[i] = (Label::Boilerplate, Reasons::one(Reason::Navigation));
        } else if out[i].0 == Label::Boilerplate && date_label(u) {
            out[i] = (Label::Dateline, Reasons::one(Reason::DateTime));
        } else if out[i].0 == Label::Dateline
            && post_signature(u)
            && i > 0
            && out[i - 1].0 == Label::Body
        {
            out[i] = (Label::Body, Reasons::one(Reason::Continuation));
        } else if (out[i].0 == Label::Dateline
            && (signed_date(u) || date_then_author(u) || date_then_signature(u)))
            || (bare_by(u)
                && (out[i].0 == Label::Boilerplate
                    || (out[i].0 == Label::Body && !u.feats.is_prose())))
        {
            out[i] = (Label::Byline, Reasons::one(Reason::BylinePattern));
        }
    }
    let mut i = 0;
    while i < n {
        if out[i].0 != Label::Body || !units[i].feats.is_prose() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n
            && field_row(&units[j])
            && matches!(out[j].0, Label::Boilerplate | Label::Related | Label::Body)
        {
            j += 1;
        }
        let rows = i + 1..j;
        let plain = |k: usize| {
            let f = &units[k].feats;
            f.widget == 0 && !f.tag_line && !f.related_opener && !f.copyright
        };
        if rows.len() >= MIN_ROWS && rows.clone().all(plain) {
            for v in &mut out[rows] {
                *v = (Label::Body, Reasons::one(Reason::Continuation));
            }
        }
        i = j.max(i + 1);
    }
}

/// A "More …" heading of a list of other stories: "More Sports", "More
/// from the Examiner!" (the openers' list has "More from", "More news"; any
/// short run of capitalised words after "More" names a section), a list
/// word and what the list holds: "Latest Sports Videos", or "Also in …".
#[inline]
pub fn more_heading(u: &Unit) -> bool {
    let f = &u.feats;
    // "More" itself may be a stop word; no other word may be. (The test of
    // the text is a call of its own: most lines end here.)
    if !(2..=5).contains(&f.words) {
        return false;
    }
    if f.stop <= 1 {
        heading_words(u)
    } else {
        also_heading(u)
    }
}

/// "Also in <section>", "Also on <site>" as a short heading without a
/// sentence's end: other stories of the section or site follow. ("Also in
/// 2018, …" opens a paragraph: it runs on and ends with a full stop.)
fn also_heading(u: &Unit) -> bool {
    if u.feats.terminal || !matches!(u.text.as_bytes().first(), Some(b'A' | b'a')) {
        return false;
    }
    let b = crate::words::trim(&u.text).as_bytes();
    b.get(..8)
        .is_some_and(|h| h.eq_ignore_ascii_case(b"also in ") || h.eq_ignore_ascii_case(b"also on "))
}

/// [`more_heading`]'s test of the words.
fn heading_words(u: &Unit) -> bool {
    let t = crate::words::trim(&u.text);
    if t.ends_with('.') || t.ends_with('?') {
        return false;
    }
    let mut words = crate::words::words(t);
    let first = words.next();
    if first == Some("More")
        && crate::words::words(t)
            .skip(1)
            .all(crate::words::is_capitalized)
    {
        return true;
    }
    // Each list word below ends in an "s" and starts with one of these
    // letters: most short lines end here.
    let list_start = first
        .and_then(|w| w.bytes().next())
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'l' | b'm' | b't' | b'r' | b'p'));
    if !list_start || !t.ends_with(['s', 'S']) {
        return false;
    }
    // "LATEST SPORTS VIDEOS": a list word, a section perhaps, and what
    // the list holds.
    let (Some(first), Some(last)) = (first, words.last()) else {
        return false;
    };
    let mut buf = String::new();
    let listing = matches!(
        crate::words::lowered(first, &mut buf),
        "latest" | "more" | "top" | "related" | "popular" | "recommended" | "trending" | "recent"
    );
    listing
        && matches!(
            crate::words::lowered(last, &mut buf),
            "videos" | "stories" | "news" | "headlines" | "articles" | "posts" | "galleries"
        )
}

/// A ticker of other stories: headline, date, headline, date… outside the
/// article's prose. Two pairs in a row at least. Its headlines are related.
pub fn dated_headlines(units: &[Unit], out: &mut [Verdict]) {
    let n = units.len();
    // A headline does not end with a full stop (a question may read as prose).
    let head = |out: &[Verdict], i: usize| {
        let f = &units[i].feats;
        (3..=20).contains(&f.words)
            && !crate::words::trim_end(&units[i].text).ends_with('.')
            && !matches!(out[i].0, Label::Dateline | Label::Headline | Label::Byline)
    };
    // "40m ago" may recur across the source's pages and be taken for template.
    let date =
        |out: &[Verdict], i: usize| out[i].0 == Label::Dateline || short_date_line(&units[i].feats);
    let mut i = 0;
    while i + 1 < n {
        let mut j = i;
        while j + 1 < n && head(out, j) && date(out, j + 1) {
            j += 2;
        }
        if j - i >= 4 {
            // The headlines; a date line keeps its label (a list item's date).
            for k in (i..j).step_by(2) {
                out[k] = (Label::Related, Reasons::one(Reason::RelatedList));
            }
        }
        i = j.max(i + 1);
    }
}

/// The article's own title again (a second copy under the first, the entry
/// of a "latest" ticker, the title with the site's name glued on, "Title |
/// Daily Paper", or a section before it, "Opinion | Title"): headline too.
/// A page whose title is a question reads as prose: with no headline found,
/// the same line twice near the top (or once after "Section |") is it.
pub fn repeated_headline(units: &[Unit], out: &mut [Verdict]) {
    let h = match out.iter().position(|v| v.0 == Label::Headline) {
        Some(h) => h,
        None => match twin_title(units, out) {
            Some(h) => {
                out[h] = (Label::Headline, Reasons::one(Reason::MatchesTitle));
                h
            }
            None => return,
        },
    };
    let title = crate::words::trim(&units[h].text);
    // Above the article's first paragraph only: further down, the title is
    // an entry of a list of stories.
    let first_body = out
        .iter()
        .position(|v| v.0 == Label::Body)
        .unwrap_or(units.len());
    for (i, u) in units.iter().enumerate().take(first_body.max(h + 1)) {
        let t = crate::words::trim(&u.text);
        // (Lines above a title found twice may read as prose.)
        if i == h || t.len() < title.len() || (out[i].0 == Label::Body && i > h) {
            continue;
        }
        if (t.len() == title.len() && t.eq_ignore_ascii_case(title)) || with_site_name(t, title) {
            out[i] = (Label::Headline, Reasons::one(Reason::MatchesTitle));
        }
    }
}

/// Words of a site's or a section's name glued to a title.
const MAX_NAME_WORDS: usize = 6;

/// `t` is `title` with a name glued on after a bar or a dash ("Title |
/// Daily Paper"), or before a bar ("Opinion | Title").
fn with_site_name(t: &str, title: &str) -> bool {
    let short = |s: &str| (1..=MAX_NAME_WORDS).contains(&crate::words::words(s).count());
    if let Some(rest) = t.strip_prefix(title) {
        let rest = rest.trim_start();
        return rest
            .strip_prefix(['|', '-', '–', '—'])
            .is_some_and(|name| short(name) && !name.trim_end().ends_with('.'));
    }
    t.strip_suffix(title)
        .map(str::trim_end)
        .and_then(|head| head.strip_suffix('|'))
        .is_some_and(short)
}

/// Lines near the top of a page searched for a title shown twice.
const TWIN_REACH: usize = 8;

/// A title shown twice near the top, the first copy perhaps after a
/// section's name and a bar: the second copy's index.
fn twin_title(units: &[Unit], out: &[Verdict]) -> Option<usize> {
    let n = units.len().min(TWIN_REACH);
    for j in 1..n {
        let f = &units[j].feats;
        let t = crate::words::trim(&units[j].text);
        // A title, not a credit or a date shown twice (a gallery's slide
        // and its text).
        let titled = matches!(out[j].0, Label::Body | Label::Boilerplate | Label::Related);
        if !(3..=25).contains(&f.words) || t.ends_with('.') || !titled || f.is_credit() {
            continue;
        }
        let twin = (0..j).any(|i| {
            let s = crate::words::trim(&units[i].text);
            s.len() >= t.len() && (s == t || with_site_name(s, t))
        });
        if twin {
            return Some(j);
        }
    }
    None
}

/// A lead photo's caption and credit often stand above the headline in a
/// scrape (the page puts the picture first): a line without a sentence's
/// end right under a credit, with the byline, the date line or the first
/// paragraph next (short widget lines such as "Save" between), is the
/// headline, not one more caption: a caption stands above its credit.
#[inline(never)]
pub fn headline_under_photo(units: &[Unit], out: &mut [Verdict]) {
    for i in 2..units.len() {
        let f = &units[i].feats;
        // The neighbours' labels and the line's counts before anything else.
        // Caption, credit, then the headline: a credit with no caption
        // above it heads a caption below it ("Image copyright …", "Image
        // caption …"); a date belongs to a caption ("… on Friday May 31").
        if out[i - 1].0 != Label::Credit
            || out[i - 2].0 != Label::Caption
            || !matches!(out[i].0, Label::Caption | Label::Body)
            || !(4..=25).contains(&f.words)
            || f.terminal
            || f.ends_colon
            || f.date_tokens > 0
            || f.caption_opener
        {
            continue;
        }
        let mut j = i + 1;
        while j < units.len()
            && j <= i + 2
            && out[j].0 == Label::Boilerplate
            && units[j].feats.words <= 3
        {
            j += 1;
        }
        let story = j < units.len()
            && match out[j].0 {
                Label::Byline | Label::Dateline => true,
                Label::Body => units[j].feats.is_prose(),
                _ => false,
            };
        if story {
            out[i] = (Label::Headline, Reasons::one(Reason::TitleBeforeBody));
        }
    }
}

/// Names with an agency right under the headline ("Jane Doe and John Roe,
/// Associated Press") read like a photo credit, but a credit follows a
/// caption: under the headline, without a photo word, they are the byline.
pub fn byline_under_headline(units: &[Unit], out: &mut [Verdict]) {
    let Some(h) = out.iter().position(|v| v.0 == Label::Headline) else {
        return;
    };
    // Between the headline and the first paragraph only.
    let mut i = h + 1;
    while i < units.len() && i <= h + MAX_GAP && out[i].0 != Label::Body {
        let f = &units[i].feats;
        let above_caption = out[i - 1].0 == Label::Caption;
        // "Name/Agency" is how a photo is credited; a byline puts a comma
        // or a dash between name and agency.
        let credit_like = i == h + 1
            && out[i].0 == Label::Credit
            && !above_caption
            && f.photo == 0
            && !f.credit_opener
            && !f.slash_name;
        let plain = out[i].0 == Label::Boilerplate || (out[i].0 == Label::Body && !f.is_prose());
        if credit_like
            || (out[i].0 == Label::Boilerplate && (bare_name(&units[i]) || by_inside(&units[i])))
            || (plain && name_and_outlet(&units[i]))
        {
            out[i] = (Label::Byline, Reasons::one(Reason::BylinePattern));
        }
        i += 1;
    }
}

/// A byline after a section's or a site's words: "Section — By JANE DOE and
/// JOHN ROE - Agency" ("By" and a capitalised word inside a short line).
/// "Jane Doe, Daily Paper", "JANE DOE | NEWS": a name of two or three
/// capitalised words, a separator, and the outlet or the desk (a few
/// capitalised words), under the headline.
fn name_and_outlet(u: &Unit) -> bool {
    let f = &u.feats;
    // "JANE DOE, HOST:" speaks in a transcript.
    if !(3..=8).contains(&f.words)
        || f.terminal
        || f.ends_colon
        || f.date_tokens > 0
        || f.widget > 0
    {
        return false;
    }
    let t = u.text.trim();
    let Some(k) = first_separator(t) else {
        return false;
    };
    let (name, rest) = (&t[..k], &t[k..]);
    let rest = rest.trim_start_matches([',', '|', '·', '—', '–', ' ']);
    // Counted as they are tested, without collecting the words.
    let (mut name_words, mut rest_words) = (0, 0);
    let name_ok = name
        .chars()
        .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '.' | '-' | '\'' | '’'))
        && crate::words::words(name).all(|w| {
            name_words += 1;
            crate::words::is_capitalized(w)
        })
        && (2..=3).contains(&name_words);
    // "KANSAS CITY, Mo. —" opens the first paragraph with its place.
    name_ok
        && !rest.contains([',', '|', '.', '—', '–'])
        && crate::words::words(rest).all(|w| {
            rest_words += 1;
            crate::words::is_capitalized(w) || w.chars().all(|c| c.is_ascii_digit())
        })
        && (1..=4).contains(&rest_words)
}

/// The byte index of the first ',', '|', '·', '—' or '–' in `t`: the ASCII
/// two by a byte search, the others by their lead bytes (0xC2, 0xE2), not
/// by decoding every character.
fn first_separator(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    let ascii = memchr::memchr2(b',', b'|', b);
    let end = ascii.unwrap_or(b.len());
    let wide = memchr::memchr2_iter(0xC2, 0xE2, &b[..end]).find(|&k| {
        let rest = &b[k..];
        ["·", "—", "–"]
            .iter()
            .any(|p| rest.starts_with(p.as_bytes()))
    });
    wide.or(ascii)
}

fn by_inside(u: &Unit) -> bool {
    if !(4..=24).contains(&u.feats.words) || u.feats.terminal {
        return false;
    }
    let t = u.text.as_str();
    let b = t.as_bytes();
    // After "By", names to the end of the line: capitalised words and
    // "and" (a wrapped sentence goes on in lowercase: "By Standard Pacific
    // Savings of").
    let mut buf = String::new();
    memchr::memchr_iter(b'B', b).any(|k| {
        k > 0
            && b[k - 1] == b' '
            && b[k + 1..].starts_with(b"y ")
            && crate::words::words(&t[k + 3..]).all(|w| {
                crate::words::is_capitalized(w) || crate::words::lowered(w, &mut buf) == "and"
            })
    })
}

/// A line that is only a person's name or two: two to six capitalised
/// words, "and" between names allowed, no digits, no punctuation but a
/// comma or a hyphen. Under the headline that is the author.
fn bare_name(u: &Unit) -> bool {
    let f = &u.feats;
    let t = crate::words::trim(&u.text);
    if !(2..=7).contains(&f.words) || f.numeric > 0 || f.widget > 0 || f.date_tokens > 0 {
        return false;
    }
    if t.chars().any(|c| {
        !(c.is_alphabetic() || c.is_whitespace() || matches!(c, ',' | '-' | '.' | '\'' | '’'))
    }) {
        return false;
    }
    let mut buf = String::new();
    let mut joins = 0;
    let all = crate::words::words(t).all(|w| {
        let join = matches!(
            crate::words::lowered(w, &mut buf),
            "and" | "und" | "et" | "y" | "e"
        );
        joins += u32::from(join);
        crate::words::is_capitalized(w) || join
    });
    // No stop word but the "and" between names ("Learn More" is a prompt).
    all && f.stop <= joins
}

/// A caption with its credit glued on: "… on Friday.CreditJane Doe for The
/// Paper", "… in London. Photograph: Jane Doe/Agency", "… Jane Doe/Getty
/// Images" at the end of the line.
fn glued_credit(u: &Unit) -> bool {
    let t = crate::words::trim_end(&u.text);
    let tail = tail(t);
    // Every cue below needs a 'C' ("Credit"), a ':' or a '/', except "photo
    // by", which needs a photo word: one pass rejects the lines of body.
    if memchr::memchr3(b'C', b':', b'/', tail.as_bytes()).is_none()
        && (u.feats.photo == 0 || !tail.contains(" by "))
    {
        return false;
    }
    // "CreditJane": glued to the caption's last word and to the name. (One
    // search with a searcher built once: a search for each 'C' of a tail
    // cost a call each.)
    static CREDIT: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("Credit"));
    let credit_at = CREDIT.find(tail.as_bytes());
    if let Some(k) = credit_at {
        let before = tail[..k].chars().next_back();
        let after = tail[k + 6..].chars().next();
        if before.is_some_and(|c| !c.is_whitespace()) && after.is_some_and(char::is_uppercase) {
            return true;
        }
    }
    if sentence_then_credit(u, tail) {
        return true;
    }
    if memchr::memchr2(b':', b'/', tail.as_bytes()).is_none() || t.ends_with('.') {
        return false;
    }
    // "Name/Agency" as the last words.
    let mut last = t.rsplit(' ').take(3);
    last.any(|w| {
        w.split_once('/').is_some_and(|(a, b)| {
            a.len() >= 2 && crate::words::is_capitalized(a) && crate::words::is_capitalized(b)
        })
    })
}

/// The caption's sentence, then its credit: "… in 2017. File photograph:
/// Jane Doe/Agency" (`tail`: the line's last bytes).
fn sentence_then_credit(u: &Unit, tail: &str) -> bool {
    // Each cue holds a photo word, which the lexicon counted.
    if u.feats.photo == 0 || !tail.contains(':') && !tail.contains(" by ") {
        return false;
    }
    let mut low = String::new();
    crate::words::lower_into(tail, &mut low);
    [
        ". photo:",
        ". photograph:",
        ". file photograph:",
        ". file photo:",
        ". photo by",
        ". image:",
        ". credit:",
        ". foto:",
        ". photos:",
        ". picture:",
    ]
    .iter()
    .any(|cue| low.contains(cue))
}

/// Verbs of a picture's caption, in the present tense (the lexicon's
/// caption words, less "left", "right", "looks" and the like, which prose
/// uses too: "the company looks for", "Shell holds the record", "stands at").
const CAPTION_VERBS: &[&str] = &[
    "attends",
    "arrives",
    "waves",
    "gestures",
    "speaks",
    "walks",
    "poses",
    "performs",
    "smiles",
    "listens",
    "reacts",
    "celebrates",
];

/// A wire caption without its credit: "Jane Doe performs at a festival in
/// Austin in 2016." A story tells the past in the past tense ("spoke",
/// "said"); a caption shows a picture in the present tense: a caption verb
/// after the subject's first words, and a year in the line or, without one,
/// a short sentence-case line that quotes no one.
fn dated_caption(u: &Unit) -> bool {
    let f = &u.feats;
    if f.caption_words == 0 || f.words > 40 {
        return false;
    }
    let t = u.text.trim_start();
    if t.starts_with(['"', '“', '\'', '‘']) {
        return false;
    }
    // Without a year, a short line in sentence case that quotes no one: a
    // story's paragraph in the present tense reports speech ("says", a
    // quote); a video's title is in title case.
    if !f.has_year
        && (f.words > 30
            || f.title_share() >= 0.6
            || t.contains(['"', '“', '”'])
            || t.contains(" says")
            || t.contains(" said"))
    {
        return false;
    }
    let mut buf = String::new();
    crate::words::words(t)
        .take(10)
        .skip(1)
        .any(|w| CAPTION_VERBS.contains(&crate::words::lowered(w, &mut buf)))
}

/// English weekdays, as a wire caption spells the day its picture was taken.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// English months as wire style writes them in a full date (spelt out or
/// cut: "Jan.", "Sept.").
const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "aug",
    "august",
    "sept",
    "sep",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];

/// A wire photo's caption: "Teachers hold a rally at the Statehouse in
/// Indianapolis, Tuesday, Nov. 19, 2019, …" Wire style dates a picture
/// with the weekday and the full date set off by commas inside the
/// sentence; a story's paragraph says "on Thursday" and a page's date line
/// stands alone, a few words long, with the weekday first or after the
/// time. Gated on the features (a year, two date words, a sentence's
/// length) before the text is read.
fn wire_dated_caption(u: &Unit) -> bool {
    let f = &u.feats;
    if f.words < 10 || !f.has_year || f.date_tokens < 2 {
        return false;
    }
    let t = u.text.as_str();
    let b = t.as_bytes();
    let mut buf = String::new();
    // Each comma is read: the weekday stands right before one (the line's
    // commas are fewer than its words).
    for k in memchr::memchr_iter(b',', b) {
        // The weekday after the sentence's subject (its first words).
        let start = b[..k].iter().rposition(|&c| c == b' ').map_or(0, |s| s + 1);
        if start < 16 || !(6..=9).contains(&(k - start)) {
            continue;
        }
        let w = &t[start..k];
        if !crate::words::is_capitalized(w)
            || !WEEKDAYS.contains(&crate::words::lowered(w, &mut buf))
        {
            continue;
        }
        // ", Month D, YYYY" right after it.
        let Some(rest) = t[k..].strip_prefix(", ") else {
            continue;
        };
        let month_len = rest.find([' ', '.']).unwrap_or(rest.len());
        let month = &rest[..month_len];
        if !crate::words::is_capitalized(month)
            || !MONTHS.contains(&crate::words::lowered(month, &mut buf))
        {
            continue;
        }
        let rest = rest[month_len..].trim_start_matches('.').trim_start();
        let day = rest.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=2).contains(&day) {
            continue;
        }
        let Some(year) = rest[day..].strip_prefix(", ") else {
            continue;
        };
        if year.len() >= 4 && year.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            return true;
        }
    }
    false
}

/// A caption whose credit is glued on after its sentence without a photo
/// word: "… on Friday. - Jane Doe", "The old mill.Source:Jane Doe". A
/// paragraph ends with its sentence; these lines end with the credited
/// name, so only lines without a sentence's end are read.
#[inline(always)]
fn sentence_then_name(u: &Unit) -> bool {
    // A sentence's first word and the name's two or more are capitalised.
    // (Tested here, inlined: most lines end here.)
    !u.feats.terminal && u.feats.words >= 5 && u.feats.capitalized >= 3 && name_after_sentence(u)
}

/// The text half of [`sentence_then_name`].
fn name_after_sentence(u: &Unit) -> bool {
    let t = crate::words::trim(&u.text);
    let b = t.as_bytes();
    // The credited name ends the line: its last word (after a space or
    // "Source:") is capitalised (a table's row ends in a number or a unit,
    // a cut line in lowercase).
    if !b
        .last()
        .is_some_and(|c| c.is_ascii_alphabetic() || !c.is_ascii())
    {
        return false;
    }
    let last_word = b
        .iter()
        .rev()
        .take(24)
        .position(|&c| c == b' ' || c == b':')
        .map_or(0, |k| b.len() - k);
    if !b
        .get(last_word)
        .is_some_and(|c| c.is_ascii_uppercase() || !c.is_ascii())
    {
        return false;
    }
    let sentence_end = |before: &str| before.trim_end().ends_with(['.', '!', '?', '"', '”']);
    // A few capitalised words, the credited names.
    let names = |rest: &str, max: usize| {
        let mut n = 0;
        crate::words::words(rest).all(|w| {
            n += 1;
            crate::words::is_capitalized(w)
        }) && (1..=max).contains(&n)
    };
    // The credit is the line's last few words: bytes are searched from the
    // end, over the last 48 only.
    let from = b.len().saturating_sub(48);
    let near = &b[from..];
    // ".Source:Name": the last colon, right after "Source".
    if let Some(k) = memchr::memrchr(b':', near).map(|k| from + k) {
        if t[..k].ends_with("Source") && sentence_end(&t[..k - 6]) && names(&t[k + 1..], 4) {
            return true;
        }
    }
    // " - Name", " – Name", " — Name": a dash between spaces (the en and em
    // dashes end in 0x93 and 0x94 after E2 80).
    memchr::memrchr3_iter(b'-', 0x93, 0x94, near)
        .take(3)
        .any(|k| {
            let k = from + k;
            let start = if b[k] == b'-' {
                k
            } else if k >= 2 && b[k - 2..k] == [0xE2, 0x80] {
                k - 2
            } else {
                return false;
            };
            let end = k + 1;
            if start == 0 || b[start - 1] != b' ' || b.get(end) != Some(&b' ') {
                return false;
            }
            let rest = &t[end + 1..];
            sentence_end(&t[..start - 1])
                && (2..=3).contains(&rest.split(' ').count())
                && names(rest, 3)
                && rest
                    .chars()
                    .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'')
        })
}

/// The last bytes of a line, where a glued credit would be.
fn tail(t: &str) -> &str {
    let mut cut = t.len().saturating_sub(90);
    while !t.is_char_boundary(cut) {
        cut -= 1;
    }
    &t[cut..]
}

/// Captions whose credit is glued on, anywhere on the page; a caption
/// shown twice (a gallery's slide and its text) is a caption both times.
pub fn glued_captions(units: &[Unit], out: &mut [Verdict]) {
    for (i, u) in units.iter().enumerate() {
        let words = (4..=90).contains(&u.feats.words);
        let glued = match out[i].0 {
            Label::Body | Label::Boilerplate => {
                words
                    && (glued_credit(u)
                        || dated_caption(u)
                        || wire_dated_caption(u)
                        || sentence_then_name(u))
            }
            // An injected related headline with a credit after its
            // sentence is a caption ("… the burst. Picture: Agency").
            Label::Related => {
                words
                    && (u.feats.photo > 0 && sentence_then_credit(u, tail(u.text.trim_end()))
                        || sentence_then_name(u))
            }
            // A credit line that opens with the picture's sentence.
            Label::Credit => {
                words && sentence_then_credit(u, tail(crate::words::trim_end(&u.text)))
            }
            _ => false,
        };
        if glued {
            out[i] = (Label::Caption, Reasons::one(Reason::CreditPattern));
        }
    }
    // Both rules below start from a caption: most pages have none.
    if !out.iter().any(|v| v.0 == Label::Caption) {
        return;
    }
    for i in 1..units.len() {
        // Lines of one page are compared as read: a repeat is byte-identical.
        if units[i].text.len() != units[i - 1].text.len()
            || units[i].feats.words < 4
            || units[i].text != units[i - 1].text
        {
            continue;
        }
        let movable = |l: Label| matches!(l, Label::Body | Label::Boilerplate);
        if out[i - 1].0 == Label::Caption && movable(out[i].0) {
            out[i] = (Label::Caption, Reasons::one(Reason::NextToCredit));
        } else if out[i].0 == Label::Caption && movable(out[i - 1].0) {
            out[i - 1] = (Label::Caption, Reasons::one(Reason::NextToCredit));
        }
    }
    // A name alone right under a caption is its photographer's: the credit
    // without its "Photo:". A short title-case subhead stands above a
    // paragraph, and an author's name above the story's date line, so a
    // name followed by either keeps its label.
    for i in 1..units.len() {
        let f = &units[i].feats;
        if !(2..=4).contains(&f.words)
            || f.numeric > 0
            || f.capitalized < 2
            || out[i - 1].0 != Label::Caption
            || !matches!(out[i].0, Label::Body | Label::Boilerplate)
        {
            continue;
        }
        let next_stops = out.get(i + 1).is_some_and(|v| {
            v.0 == Label::Dateline || (v.0 == Label::Body && units[i + 1].feats.is_prose())
        });
        if !next_stops && bare_name(&units[i]) {
            out[i] = (Label::Credit, Reasons::one(Reason::NextToCredit));
        }
    }
}

/// The place opener on its own line above the first paragraph: "PARIS",
/// "Lyon (France) (AFP)". (Glued to the paragraph it stays body.)
pub fn place_line(units: &[Unit], out: &mut [Verdict]) {
    let Some(first) =
        (0..units.len()).find(|&i| out[i].0 == Label::Body && units[i].feats.is_prose())
    else {
        return;
    };
    let Some(p) = first.checked_sub(1) else {
        return;
    };
    let f = &units[p].feats;
    let t = crate::words::trim(&units[p].text);
    // In the story's head: under its date, byline, headline or photo (a
    // section name or a site name in capitals stands elsewhere).
    let in_head = p > 0
        && matches!(
            out[p - 1].0,
            Label::Dateline | Label::Byline | Label::Headline | Label::Caption | Label::Credit
        );
    // An agency in capitals ("NETWORK, AGENCY") is a credit or a byline.
    let capitals = (1..=4).contains(&f.words)
        && f.all_caps_words == f.words
        && f.agency == 0
        && t.chars().all(|c| {
            c.is_alphabetic() || c.is_whitespace() || matches!(c, ',' | '.' | '-' | '—' | '–')
        });
    let agency_end = (2..=6).contains(&f.words) && f.agency > 0 && f.photo == 0 && t.ends_with(')');
    // "TRENTON, N.J.": a city in capitals and its state read as a name,
    // and a bare name under the headline is taken for the byline (the
    // state may be abbreviated: "Pa." ends in a full stop).
    let city_state = (2..=5).contains(&f.words) && f.agency == 0 && city_and_state(t);
    if (matches!(
        out[p].0,
        Label::Boilerplate | Label::Caption | Label::Related
    ) || (city_state && out[p].0 == Label::Byline))
        && f.numeric == 0
        && (!f.terminal || city_state)
        && !f.ends_colon
        && ((capitals && in_head) || agency_end || city_state)
    {
        out[p] = (Label::Dateline, Reasons::one(Reason::DateTime));
    }
}

/// "TRENTON, N.J.", "SPRINGFIELD, Ill.": one to three words in capitals, a
/// comma, one or two capitalised words (not in capitals: "NAME, AGENCY" is
/// a credit or a byline).
fn city_and_state(t: &str) -> bool {
    let Some((city, state)) = t.split_once(',') else {
        return false;
    };
    let caps = |w: &str| w.chars().all(|c| !c.is_lowercase());
    let (cw, sw) = (
        crate::words::words(city).count(),
        crate::words::words(state).count(),
    );
    (1..=3).contains(&cw)
        && (1..=2).contains(&sw)
        && crate::words::words(city).all(caps)
        && crate::words::words(state).all(crate::words::is_capitalized)
        && !crate::words::words(state).all(caps)
        && t.chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, ',' | '.' | '-'))
}

/// The deck under the headline: a line of the story's own words between
/// the headline and the byline or date ("Company drops its plan"), which
/// reads as a short title on its own.
pub fn deck(units: &[Unit], out: &mut [Verdict]) {
    let Some(h) = out.iter().position(|v| v.0 == Label::Headline) else {
        return;
    };
    let d = h + 1;
    if d + 1 >= units.len()
        || out[d].0 != Label::Boilerplate
        || !matches!(out[d + 1].0, Label::Byline | Label::Dateline)
    {
        return;
    }
    let f = &units[d].feats;
    if (4..=30).contains(&f.words)
        && f.widget == 0
        && !f.widget_phrase
        && f.all_caps_words < f.words
        && f.date_tokens == 0
        && !bare_name(&units[d])
    {
        out[d] = (Label::Body, Reasons::one(Reason::Subheading));
    }
}

/// A sound cue or stage direction of a transcript after a paragraph:
/// "(SOUNDBITE OF MUSIC)", in capitals and parentheses, and a speaker's
/// line in capitals above a paragraph ("JANE DOE, HOST:"). The last pass:
/// it also takes a gallery's caption switch and the caption above it. (An editor's note in
/// parentheses is in sentence case, and sits above or below the story.)
pub fn transcript_cues(units: &[Unit], out: &mut [Verdict]) {
    let n = units.len();
    for i in 1..n {
        let label = out[i].0;
        if label != Label::Boilerplate && label != Label::Byline {
            continue;
        }
        let f = &units[i].feats;
        // "Hide Caption" under a gallery's caption is a control (in
        // capitals it read as a bare name), and the line above it is the
        // caption, whatever it read as (a sentence above the article).
        if f.words == 2 && caption_switch(&units[i]) {
            out[i] = (Label::Boilerplate, Reasons::one(Reason::Navigation));
            if (3..=80).contains(&units[i - 1].feats.words)
                && matches!(
                    out[i - 1].0,
                    Label::Body | Label::Boilerplate | Label::Related | Label::Byline
                )
            {
                out[i - 1] = (Label::Caption, Reasons::one(Reason::NextToCredit));
            }
            continue;
        }
        if label != Label::Boilerplate {
            continue;
        }
        // A speaker's line in capitals, "JANE DOE, HOST:", above a turn.
        if f.ends_colon
            && (1..=6).contains(&f.words)
            && f.all_caps_words == f.words
            && i + 1 < n
            && out[i + 1].0 == Label::Body
        {
            out[i] = (Label::Body, Reasons::one(Reason::Continuation));
            continue;
        }
        let t = crate::words::trim(&units[i].text);
        // A song's title may hold a widget word ("PODCAST").
        if out[i - 1].0 == Label::Body
            && t.starts_with('(')
            && t.ends_with(')')
            && (2..=20).contains(&f.words)
            && !f.widget_phrase
            && (f.widget == 0 || (f.words >= 4 && f.widget * 4 <= f.words))
            && !t.chars().any(char::is_lowercase)
        {
            out[i] = (Label::Body, Reasons::one(Reason::Continuation));
        }
    }
}

/// A name alone on its line beside the story's date line, above its first
/// paragraph (past a deck, or on a page without a headline), is the author.
pub fn name_by_date(units: &[Unit], out: &mut [Verdict]) {
    let first = (0..units.len())
        .find(|&i| out[i].0 == Label::Body && units[i].feats.is_prose())
        .unwrap_or(units.len());
    for i in 0..first {
        let dated = |j: Option<usize>| j.is_some_and(|j| j < first && out[j].0 == Label::Dateline);
        if out[i].0 == Label::Boilerplate
            && (dated(i.checked_sub(1)) || dated(Some(i + 1)))
            && bare_name(&units[i])
        {
            out[i] = (Label::Byline, Reasons::one(Reason::BylinePattern));
        }
    }
}

/// "Jane Doe jdoe@paper.com": a name of two or three capitalised words and
/// the author's address, alone on a line, is the byline wherever it stands.
fn name_and_email(u: &Unit) -> bool {
    let f = &u.feats;
    // The address counts as words too ("jdoe", "paper", "com").
    // (An address has an '@': one byte search turns most lines away.)
    if !(3..=8).contains(&f.words)
        || f.terminal
        || f.numeric > 0
        || memchr::memchr(b'@', u.text.as_bytes()).is_none()
    {
        return false;
    }
    let t = crate::words::trim(&u.text);
    let Some((name, mail)) = t.rsplit_once(' ') else {
        return false;
    };
    let Some(at) = mail.find('@') else {
        return false;
    };
    let mut n = 0;
    at > 0
        && mail[at..].contains('.')
        && crate::words::words(name).all(|w| {
            n += 1;
            crate::words::is_capitalized(w)
        })
        && (2..=3).contains(&n)
}

/// Lines that go with the author, in one pass over the page (each test
/// reads a line's labels and counts before its text):
///
/// A name alone on its line right above the article's first paragraph, past
/// the page's widgets, is the author: the name under the headline or beside
/// the date is `byline_under_headline`'s and `name_by_date`'s, this one
/// stands where the scrape put the author last, after the masthead's links.
/// Short widget lines ("Save", "Share") may stand between.
///
/// A name with its address ("Jane Doe jdoe@paper.com") is the byline
/// anywhere.
///
/// The author's outlet on its own line right under the byline ("The Daily
/// Paper", "Daily Paper (TNS)"), above the first paragraph or the date
/// line, is part of the byline, not a widget or a related headline.
#[inline(never)]
pub fn author_lines(units: &[Unit], out: &mut [Verdict]) {
    let n = units.len();
    for i in 0..n {
        let f = &units[i].feats;
        let label = out[i].0;
        // Most lines are paragraphs: no test below takes a line of nine
        // words or more.
        if f.words > 8 {
            continue;
        }
        if label == Label::Boilerplate
            && (2..=7).contains(&f.words)
            && out[i].1.contains(Reason::BeforeArticle)
            && name_above_article(units, out, i)
        {
            out[i] = (Label::Byline, Reasons::one(Reason::BylinePattern));
            continue;
        }
        if matches!(label, Label::Boilerplate | Label::Body | Label::Related)
            && (3..=8).contains(&f.words)
            && f.widget == 0
            && name_and_email(&units[i])
        {
            out[i] = (Label::Byline, Reasons::one(Reason::BylinePattern));
            continue;
        }
        if i > 0
            && i + 1 < n
            && out[i - 1].0 == Label::Byline
            && matches!(label, Label::Boilerplate | Label::Related)
            && outlet_under_byline(units, out, i)
        {
            out[i] = (Label::Byline, Reasons::one(Reason::BylinePattern));
        }
    }
}

/// Whether the name-shaped line `i` (boilerplate, before the article)
/// stands right above the first paragraph.
fn name_above_article(units: &[Unit], out: &[Verdict], i: usize) -> bool {
    let mut j = i + 1;
    while j < units.len()
        && j <= i + 2
        && out[j].0 == Label::Boilerplate
        && units[j].feats.words <= 3
    {
        j += 1;
    }
    // A name right under a caption is the picture's credit.
    let under_caption = i > 0 && out[i - 1].0 == Label::Caption;
    let opens = j < units.len() && out[j].0 == Label::Body && units[j].feats.is_prose();
    opens && !under_caption && bare_name(&units[i]) && !prompt(&units[i])
}

/// Whether line `i`, right under a byline, is the author's outlet.
fn outlet_under_byline(units: &[Unit], out: &[Verdict], i: usize) -> bool {
    let f = &units[i].feats;
    if out[i - 1].1.contains(Reason::AfterArticle)
        || !(1..=5).contains(&f.words)
        || f.terminal
        || f.numeric > 0
        || f.widget > 0
        || f.date_tokens > 0
    {
        return false;
    }
    // Past a short widget line ("Save").
    let mut j = i + 1;
    if j + 1 < units.len() && out[j].0 == Label::Boilerplate && units[j].feats.words <= 2 {
        j += 1;
    }
    let story = match out[j].0 {
        Label::Dateline | Label::Caption => true,
        Label::Body => units[j].feats.is_prose(),
        _ => false,
    };
    let t = crate::words::trim(&units[i].text);
    let outlet = t.starts_with("The ") || t.ends_with("(TNS)") || f.agency > 0;
    story && outlet && f.capitalized == f.words
}

/// Verbs of a page's buttons that open a line of capitalised words the
/// way a first name would ("Read Article", "Copy Link", "View Comments").
const PROMPT_VERBS: &[&str] = &[
    "read", "copy", "view", "show", "hide", "open", "close", "see", "get", "go", "load",
    "continue", "more", "join", "explore", "discover", "visit", "enter", "send", "save", "edit",
    "report",
];

/// Whether a line of capitalised words opens with a button's verb.
fn prompt(u: &Unit) -> bool {
    let mut buf = String::new();
    crate::words::words(&u.text)
        .next()
        .is_some_and(|w| PROMPT_VERBS.contains(&crate::words::lowered(w, &mut buf)))
}

/// What a credit line says it credits, before its colon: "Screenshot:
/// Site", "Graphic: Outlet", "Media: VideoVendor" (the photo words are the
/// features' credit openers already).
const CREDIT_LABELS: &[&str] = &[
    "screenshot",
    "screengrab",
    "screen grab",
    "graphic",
    "graphics",
    "illustration",
    "photo illustration",
    "chart",
    "map",
    "video",
    "media",
    "animation",
    "gif",
];

/// A line that is only a credit of the picture, chart or video next to it:
/// "Screenshot: Site (Owner)", "From Company via Network". Gated on the
/// first byte and the length before any byte is compared.
fn credit_line(u: &Unit) -> bool {
    let f = &u.feats;
    if !(2..=8).contains(&f.words) || f.terminal || f.ends_colon {
        return false;
    }
    let t = crate::words::trim(&u.text);
    let b = t.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    // "From Company via Network": a source handed on by another outlet.
    if b.starts_with(b"From ") {
        return f.words <= 7 && t.contains(" via ") && f.capitalized + 2 >= f.words;
    }
    let Some(colon) = memchr::memchr(b':', &b[..b.len().min(24)]) else {
        return false;
    };
    let mut label = String::new();
    crate::words::lower_into(&t[..colon], &mut label);
    if !CREDIT_LABELS.contains(&label.as_str()) {
        return false;
    }
    // The credited names: a few capitalised words.
    let rest = &t[colon + 1..];
    let mut n = 0;
    let names = crate::words::words(rest).all(|w| {
        n += 1;
        crate::words::is_capitalized(w) || w.bytes().all(|c| c.is_ascii_digit())
    });
    names && (1..=5).contains(&n)
}

/// Credit labels that name a picture's rights holder ("Image copyright
/// University", "Image source Agency"): words of a kind, not of a site.
const IMAGE_CREDIT_OPENERS: &[&str] = &[
    "image copyright ",
    "image source ",
    "photo copyright ",
    "picture copyright ",
];

/// "Image copyright Holder": a picture's credit, not the site's notice.
fn image_copyright(u: &Unit) -> bool {
    let t = crate::words::trim(&u.text);
    let Some(head) = t.get(..t.len().min(20)) else {
        return false;
    };
    let mut low = String::new();
    crate::words::lower_into(head, &mut low);
    IMAGE_CREDIT_OPENERS.iter().any(|o| low.starts_with(o))
}

/// Lines under the headline where a lead photo's copyright line stands.
const LEAD_REACH: usize = 6;

/// Credit lines of plain-text pages that the features do not know
/// ("Screenshot: Site", "Graphic: Outlet", "From Company via Network"), and
/// a short copyright line ("Copyright 2019 Network") between the headline
/// and the first paragraph, where a lead photo's credit stands (at the foot
/// of the page it is the site's notice). Their picture's caption is the
/// line above (a sentence or a title, not a paragraph, not a widget), else
/// a short line below.
/// "Photo by Jane Doe/Daily Paper", "Staff photo by Jane Doe", "Staff
/// Photo: Jane Doe": the picture's maker, named after "photo by" or "photo:"
/// (at most one word before it), and nothing else on the line but
/// capitalised names.
fn photographer(u: &Unit) -> bool {
    let t = u.text.trim();
    if u.feats.terminal || !t.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let mut words = crate::words::words(t);
    let mut buf = String::new();
    let mut seen = 0;
    let mut photo_word = "";
    let found = words.by_ref().take(3).any(|w| {
        seen += 1;
        photo_word = w;
        let w = crate::words::lowered(w, &mut buf);
        matches!(w, "photo" | "photos" | "photograph" | "photographs")
    });
    if !found || seen > 2 {
        return false;
    }
    // The photo word's own colon, or "by" after it.
    let colon = t
        .find(photo_word)
        .is_some_and(|k| t[k + photo_word.len()..].starts_with(':'));
    if !colon && words.next().is_none_or(|w| !w.eq_ignore_ascii_case("by")) {
        return false;
    }
    let mut names = 0;
    let capitalised = words.all(|w| {
        names += 1;
        crate::words::is_capitalized(w)
    });
    capitalised && (2..=6).contains(&names)
}

pub fn credit_lines(units: &[Unit], out: &mut [Verdict]) {
    let n = units.len();
    for i in 0..n {
        let f = &units[i].feats;
        // Both shapes are short: most lines end here.
        if !(2..=8).contains(&f.words) {
            continue;
        }
        let photo_by = f.photo > 0 && photographer(&units[i]);
        let image_copyright = f.copyright && f.photo > 0 && image_copyright(&units[i]);
        let movable = matches!(
            out[i].0,
            Label::Boilerplate | Label::Body | Label::Byline | Label::Related
        ) || (photo_by && out[i].0 == Label::Headline);
        if !movable {
            continue;
        }
        // Just under the headline, above the article's paragraphs (a
        // notice at the foot of a page without prose is the site's).
        let prose = |k: usize| out[k].0 == Label::Body && units[k].feats.is_prose();
        let lead_copyright = f.copyright
            && f.words <= 5
            && f.has_year
            && out[i.saturating_sub(LEAD_REACH)..i]
                .iter()
                .any(|v| v.0 == Label::Headline)
            && !(0..i).any(prose)
            && (i + 1..n).any(prose);
        if !(lead_copyright || photo_by || image_copyright || credit_line(&units[i])) {
            continue;
        }
        out[i] = (Label::Credit, Reasons::one(Reason::CreditPattern));
        // "Image copyright" stands above its picture, whose caption line
        // says so itself ("Image caption …"): the line above is the story's.
        if image_copyright {
            continue;
        }
        let caption_like = |out: &[Verdict], j: usize, max: u32| {
            let g = &units[j].feats;
            (3..=max).contains(&g.words)
                && g.widget * 3 < g.words
                && !g.is_prose()
                && matches!(out[j].0, Label::Boilerplate | Label::Related | Label::Body)
        };
        if i > 0 && caption_like(out, i - 1, 60) {
            out[i - 1] = (Label::Caption, Reasons::one(Reason::NextToCredit));
        } else if i + 1 < n && out[i + 1].0 != Label::Body && caption_like(out, i + 1, 45) {
            out[i + 1] = (Label::Caption, Reasons::one(Reason::NextToCredit));
        }
    }
}

/// Time stamps of an article written as a timeline: a short date or time
/// line inside the article, right above a paragraph, three times or more.
/// Each heads its entry, as a subhead does; the story's own date line stands
/// once, above the first paragraph.
pub fn timeline_stamps(units: &[Unit], out: &mut [Verdict]) {
    let n = units.len();
    // The labels alone first: most pages have fewer date lines than a timeline has stamps.
    if out.iter().filter(|v| v.0 == Label::Dateline).count() < MIN_ITEMS {
        return;
    }
    let prose = |out: &[Verdict], i: usize| out[i].0 == Label::Body && units[i].feats.is_prose();
    let Some(first) = (0..n).find(|&i| prose(out, i)) else {
        return;
    };
    let stamp = |out: &[Verdict], i: usize| {
        i > first
            && i + 1 < n
            && out[i].0 == Label::Dateline
            && units[i].feats.words <= 4
            && prose(out, i + 1)
    };
    // Counted before they are collected: most pages have no stamp at all.
    if (0..n).filter(|&i| stamp(out, i)).count() < MIN_ITEMS {
        return;
    }
    let stamps: Vec<usize> = (0..n).filter(|&i| stamp(out, i)).collect();
    for i in stamps {
        out[i] = (Label::Body, Reasons::one(Reason::Subheading));
    }
}

/// "— Jane Doe and John Roe, Washington": a dash and names closing an entry
/// of the article (an embedded post's signature holds a handle and stays
/// the article's).
pub fn dash_signatures(units: &[Unit], out: &mut [Verdict]) {
    for i in 1..units.len() {
        let u = &units[i];
        let f = &u.feats;
        // The labels and counts first; then the first byte: a line that
        // opens with ASCII other than white space opens with no dash.
        if !(2..=12).contains(&f.words)
            || f.terminal
            || out[i - 1].0 != Label::Body
            || out[i].0 == Label::Byline
            || f.capitalized * 10 < f.words * 6
            || u.text
                .as_bytes()
                .first()
                .is_some_and(|&b| b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' '))
        {
            continue;
        }
        let t = u.text.trim_start();
        if (t.starts_with('—') || t.starts_with('–'))
            && !t.contains("(@")
            && !(out[i].0 == Label::Body && f.is_prose())
        {
            out[i] = (Label::Byline, Reasons::one(Reason::BylinePattern));
        }
    }
}

/// A clock time alone on its line ("1:30 p.m.", "9:15 AM", "14:05 ET"):
/// the digits, perhaps "a.m."/"p.m." and a zone, nothing else.
pub(crate) fn bare_clock(t: &str) -> bool {
    let t = crate::words::trim(t);
    let b = t.as_bytes();
    let hours = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&hours) || b.get(hours) != Some(&b':') {
        return false;
    }
    let rest = &b[hours + 1..];
    let minutes = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    if minutes != 2 {
        return false;
    }
    // What follows the minutes: "a.m.", "pm", a zone, in letters and dots
    // (without them, "1:27" is as likely a video's length).
    let tail = &rest[2..];
    (1..=10).contains(&tail.len())
        && tail.iter().any(u8::is_ascii_alphabetic)
        && tail
            .iter()
            .all(|&c| c == b' ' || c == b'.' || c.is_ascii_alphabetic())
}

/// Entries of a running story ("The Latest"): a clock time alone on its
/// line, past the first paragraph and right above another, heads its entry
/// as a subhead does. The story's own time stands with a date or a word
/// ("Updated 4:30 p.m.") above the first paragraph. Runs after the dateline
/// gate, which reads a lone time among paragraphs as a stray date.
pub fn clock_stamps(units: &[Unit], out: &mut [Verdict]) {
    let prose = |out: &[Verdict], i: usize| out[i].0 == Label::Body && units[i].feats.is_prose();
    for i in 1..units.len().saturating_sub(1) {
        let f = &units[i].feats;
        // The label and features first: most pages have no lone time.
        let dated = out[i].0 == Label::Dateline
            || (out[i].0 == Label::Boilerplate && out[i].1.contains(Reason::DatelineModel));
        if dated
            && f.has_clock
            && f.words <= 4
            && prose(out, i + 1)
            && bare_clock(&units[i].text)
            && (0..i).any(|j| prose(out, j))
        {
            out[i] = (Label::Body, Reasons::one(Reason::Subheading));
        }
    }
}

/// A date line right under a weather forecast ("Low 54F. Winds N at 10
/// mph.") is the widget's own update time, not the story's: boilerplate,
/// as the forecast is.
pub fn forecast_times(units: &[Unit], out: &mut [Verdict]) {
    for i in 1..units.len() {
        if out[i].0 == Label::Dateline
            && out[i - 1].0 == Label::Boilerplate
            && forecast_wind(&units[i - 1].feats)
        {
            out[i] = (
                Label::Boilerplate,
                Reasons::one(Reason::BoilerplateVocabulary),
            );
        }
    }
}

/// A weekday alone on its line right above the story's date line
/// ("Friday", then "March 3, 2021 at 9:12 AM") is part of the date: the
/// dateline (a weekday of a weather widget stands above a forecast or the
/// headline, not above a date).
pub fn weekday_over_date(units: &[Unit], out: &mut [Verdict]) {
    for i in 0..units.len().saturating_sub(1) {
        if out[i].0 == Label::Boilerplate
            && lone_date_word(&units[i].feats)
            && out[i + 1].0 == Label::Dateline
        {
            out[i] = (Label::Dateline, Reasons::one(Reason::DateTime));
        }
    }
}

/// Pictures in a gallery or above the story: a paragraph right above a
/// credit line, itself under a gallery control ("Close", "1 of 2"), is the
/// picture's caption. An article's paragraph follows a paragraph, a headline
/// or a date line; a chart's credit or caption above is no gallery either
/// (the paragraph between two charts is the article's).
pub fn photo_captions(units: &[Unit], out: &mut [Verdict]) {
    for i in 2..units.len() {
        if out[i].0 != Label::Credit {
            continue;
        }
        let j = i - 1;
        let above = &units[j - 1].feats;
        // A control is a word or two without a sentence's end, not an
        // editor's note in parentheses ("(Updates with reaction)"); "Image
        // copyright" stands above its picture, so the line above it is the
        // story's.
        if out[j - 1].0 == Label::Boilerplate
            && above.words <= 4
            && !above.is_prose()
            && !above.terminal
            && !units[i].feats.copyright
            && !crate::words::trim(&units[j - 1].text).starts_with('(')
            && out[j].0 == Label::Body
            && (3..=80).contains(&units[j].feats.words)
        {
            out[j] = (Label::Caption, Reasons::one(Reason::NextToCredit));
        }
    }
}

/// A gallery's photographer credited under one picture and again, alone,
/// under the next caption: a short line under a caption that the page
/// already has as a credit is a credit, also with a paragraph after it
/// (where a bare name could be the author's: an author's name does not
/// repeat a credit's line). A wire's name is left alone: "AP" under a
/// caption also signs stories.
pub fn repeated_credits(units: &[Unit], out: &mut [Verdict]) {
    let credit = |u: &Unit| u.feats.words <= 6 && u.feats.agency == 0 && !u.feats.terminal;
    // Most pages have no credit: nothing is compared.
    if !out
        .iter()
        .zip(units)
        .any(|(v, u)| v.0 == Label::Credit && credit(u))
    {
        return;
    }
    for i in 1..units.len() {
        let u = &units[i];
        if out[i - 1].0 != Label::Caption
            || !matches!(out[i].0, Label::Boilerplate | Label::Body | Label::Byline)
            || !credit(u)
            || u.feats.is_prose()
        {
            continue;
        }
        let t = u.text.trim();
        if (0..units.len()).any(|j| out[j].0 == Label::Credit && units[j].text.trim() == t) {
            out[i] = (Label::Credit, Reasons::one(Reason::NextToCredit));
        }
    }
}

/// A notebook's subhead in capitals between the article's paragraphs
/// ("UP NEXT", "FIELD NOTES", after a paragraph or a "___" separator, above
/// a paragraph) heads the next part of the story: body. A prompt in
/// capitals is a widget's phrase or a lone widget word ("ADVERTISEMENT"),
/// and a list's header ("READ MORE") opens no paragraph.
pub fn capital_subheads(units: &[Unit], out: &mut [Verdict]) {
    let n = units.len();
    for i in 1..n.saturating_sub(1) {
        let f = &units[i].feats;
        if out[i].0 != Label::Boilerplate
            || !capitals_line(f)
            || f.widget_phrase
            || f.related_opener
            || (f.widget > 0 && f.words < 2)
        {
            continue;
        }
        let above = match out[i - 1].0 {
            Label::Body => true,
            Label::Boilerplate => units[i - 1].feats.words == 0,
            _ => false,
        };
        // "(CNN)" in its parentheses is a broadcaster's place in the dateline.
        if above
            && out[i + 1].0 == Label::Body
            && units[i + 1].feats.is_prose()
            && !crate::words::trim(&units[i].text).starts_with('(')
        {
            out[i] = (Label::Body, Reasons::one(Reason::Subheading));
        }
    }
}

/// An embedded social post's "A post shared by Name (@handle) on" and the
/// date line under it, and a quotation taken for a caption: the article's
/// (README: an embedded post's lines are body, as a tweet's signature is).
/// A caption describes a picture in the writer's words; a line that opens
/// with a double quote and reads as prose is someone speaking in the story,
/// even above a credit.
pub fn quoted_lines(units: &[Unit], out: &mut [Verdict]) {
    let n = units.len();
    for i in 0..n {
        let f = &units[i].feats;
        if out[i].0 != Label::Caption || f.words < 4 {
            continue;
        }
        let t = crate::words::trim(&units[i].text);
        if t.starts_with("A post shared by ") {
            out[i] = (Label::Body, Reasons::one(Reason::Continuation));
            if i + 1 < n && out[i + 1].0 == Label::Dateline && units[i + 1].feats.words <= 8 {
                out[i + 1] = (Label::Body, Reasons::one(Reason::Continuation));
            }
        } else if t.starts_with(['"', '“'])
            && f.is_prose()
            && !f.caption_opener
            // Taken for a caption by its neighbour or a phrase: a line the
            // corpus saw next to credits elsewhere is a caption there too.
            && (out[i].1.contains(Reason::NextToCredit) || out[i].1.contains(Reason::CaptionCue))
        {
            out[i] = (Label::Body, Reasons::one(Reason::Prose));
        }
    }
}

/// Whether a line speaks to the reader the way a widget does: "you" or
/// "your", an exclamation, or a button's verb first; and quotes no one (a
/// quotation speaks to someone in the story).
fn speaks_to_reader(u: &Unit) -> bool {
    let t = crate::words::trim(&u.text);
    if memchr::memchr2(b'"', 0xE2, t.as_bytes()).is_some_and(|_| t.contains(['"', '“', '”'])) {
        return false;
    }
    t.ends_with('!') || prompt_opener(t) || reader_word(t.as_bytes())
}

/// Whether `b` holds one of `labeller::addresses_reader`'s words ("you",
/// "your", "yours", "Sie", "vous", "usted") as a word, found by byte
/// searches (one pass for each first letter's set; a `memmem` searcher is
/// built per call): every short paragraph after a widget line of a wire page
/// comes here, and reading it word by word cost 3,000 instructions a line.
fn reader_word(b: &[u8]) -> bool {
    let alpha = |k: usize| b.get(k).is_some_and(u8::is_ascii_alphabetic);
    let starts = |k: usize| k == 0 || !alpha(k - 1);
    let is = |k: usize, c: u8| b.get(k).is_some_and(|x| x.eq_ignore_ascii_case(&c));
    let you = memchr::memchr2_iter(b'y', b'Y', b).any(|k| {
        starts(k)
            && is(k + 1, b'o')
            && is(k + 2, b'u')
            && (!alpha(k + 3)
                || is(k + 3, b'r') && (!alpha(k + 4) || is(k + 4, b's') && !alpha(k + 5)))
    });
    you || memchr::memchr3_iter(b'v', b'u', b'S', b).any(|k| {
        let w: &[u8] = match b[k] {
            b'v' => b"vous",
            b'u' => b"usted",
            _ => b"Sie",
        };
        starts(k) && b[k..].starts_with(w) && !alpha(k + w.len())
    })
}

/// One or two lines among a widget's lines ("Sign up", "×", a form's
/// fields) that read as sentences to the reader ("Your notification has
/// been saved.", "Thank you for signing in! …") are the widget's:
/// boilerplate on both sides, and the lines speak to the reader. A
/// paragraph between two ad markers tells the story, in the third person or
/// in quotes.
pub fn widget_sentences(units: &[Unit], out: &mut [Verdict]) {
    let n = units.len();
    let mut i = 1;
    while i + 1 < n {
        if out[i].0 != Label::Body || out[i - 1].0 != Label::Boilerplate {
            i += 1;
            continue;
        }
        // The run of body lines from i, at most two.
        let mut end = i;
        while end < n && end - i < 3 && out[end].0 == Label::Body {
            end += 1;
        }
        if end - i <= 2
            && end < n
            && out[end].0 == Label::Boilerplate
            && (i..end).all(|j| units[j].feats.words <= 40 && speaks_to_reader(&units[j]))
        {
            for v in &mut out[i..end] {
                *v = (
                    Label::Boilerplate,
                    Reasons::one(Reason::BoilerplateVocabulary),
                );
            }
        }
        i = end.max(i + 1);
    }
}

/// Buttons' and forms' verbs that open a prompt to the reader ("Please
/// confirm …", "Click to print", "Enter City and State").
const PROMPT_OPENERS: &[&str] = &["please", "click", "tap", "enter", "purchase"];

/// Whether trimmed text `t` opens with one of `PROMPT_OPENERS` (any case).
/// Byte tests first: every page has a headline to read.
fn prompt_opener(t: &str) -> bool {
    t.as_bytes()
        .first()
        .is_some_and(|c| b"PpCcTtEe".contains(c))
        && PROMPT_OPENERS.iter().any(|p| {
            t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p))
                && t.as_bytes()
                    .get(p.len())
                    .is_none_or(|c| !c.is_ascii_alphabetic())
        })
}

/// Whether a line chosen as the headline is a prompt of the page: it opens
/// with a button's verb, exclaims in a few words ("Never miss a story!"),
/// tells the reader something in a sentence ("You are the owner of this
/// article."), or counts comments ("0 comments"). A headline names the
/// story's people and events; it seldom exclaims, and seldom speaks to the
/// reader in a full sentence.
fn prompt_title(u: &Unit) -> bool {
    let f = &u.feats;
    let t = crate::words::trim(&u.text);
    prompt_opener(t)
        || (t.ends_with('!') && f.words <= 8)
        || (f.words <= 3 && f.widget > 0 && f.numeric > 0)
        || (t.ends_with('.') && crate::labeller::addresses_reader(t))
}

/// A page's prompt taken for the headline, above the article (a paywall's
/// or a print button's line over a story whose title the scrape lost):
/// boilerplate, as its neighbours are.
pub fn prompt_headlines(units: &[Unit], out: &mut [Verdict]) {
    let n = units.len();
    let first = (0..n)
        .find(|&i| out[i].0 == Label::Body && units[i].feats.is_prose())
        .unwrap_or(n);
    for i in 0..first {
        if out[i].0 == Label::Headline
            && out[i].1.contains(Reason::TitleBeforeBody)
            && prompt_title(&units[i])
        {
            out[i] = (
                Label::Boilerplate,
                Reasons::one(Reason::BoilerplateVocabulary),
            );
        }
    }
}

/// The learned dateline gate's inputs, in the order of
/// `DATELINE_GATE_WEIGHTS` (scripts/fit_dateline_gate.py's FEATURES).
const DATELINE_GATE_INPUTS: usize = 23;

// Generated by scripts/fit_dateline_gate.py: a logistic regression (C = 1)
// of "the gold label is dateline" fitted on every block of the dev + test
// pages of benches/plaintext, with the labels the other passes give.
// Refit (and paste) whenever a rule before the gate changes.
const DATELINE_GATE_BIAS: f32 = -1.8778;
const DATELINE_GATE_WEIGHTS: [f32; DATELINE_GATE_INPUTS] = [
    -1.7017, // ln(1 + words): a date line is short
    1.2303,  // has a month or weekday
    1.2447,  // how many (at most 3)
    0.1055,  // has a year
    0.5391,  // has a clock time
    -0.3727, // ends like a sentence
    0.8666,  // share of date words
    0.7310,  // share of stop words
    -0.9204, // has a widget word
    -0.4360, // names an agency
    -0.6888, // has a separator (| » •)
    -0.0462, // has a number
    0.5846,  // before the first paragraph
    -0.3145, // after the last paragraph
    -1.1499, // lines from the first paragraph (at most 10, / 10)
    1.3051,  // the page's first line with a date or time
    -0.6374, // lines with a date or time on the page (at most 10, / 10)
    -0.1066, // a paragraph above
    -0.0395, // a paragraph below
    1.2426,  // under the headline or the byline
    -1.0233, // above the headline or the byline
    1.6512,  // under another date line
    0.2780,  // above another date line
];
/// Below this probability a date line is not the story's. Low on purpose:
/// chosen by grouped cross-validation on dev + test, where it cut false
/// datelines at little cost in recall.
const DATELINE_GATE_THRESHOLD: f32 = 0.1;

/// A learned check of every date line on a plain-text page: where it stands
/// (near the headline, the byline or the first paragraph, or among many dates
/// far from them) tells the story's date from a list's, a comment's or the
/// masthead's, which the shape of the line alone does not. A date line the
/// model finds unlikely is boilerplate. The probabilities are all taken
/// before any label changes, as in the fit. A place alone ("NEW YORK") is
/// not gated: the inputs are about dates.
pub fn dateline_gate(units: &[Unit], out: &mut [Verdict]) {
    let n = units.len();
    let Some(first_date) = (0..n).find(|&i| out[i].0 == Label::Dateline) else {
        return;
    };
    let prose = |i: usize| units[i].feats.is_prose();
    let first = (0..n).find(|&i| prose(i)).unwrap_or(n);
    let last = (0..n).rev().find(|&i| prose(i));
    let datey = |i: usize| units[i].feats.date_tokens > 0 || units[i].feats.has_clock;
    let first_datey = (0..n).find(|&i| datey(i));
    let n_datey = (0..n).filter(|&i| datey(i)).count();
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let label_at = |out: &[Verdict], i: usize, d: isize| {
        i.checked_add_signed(d).filter(|&j| j < n).map(|j| out[j].0)
    };
    let prose_at = |i: usize, d: isize| {
        i.checked_add_signed(d)
            .filter(|&j| j < n)
            .is_some_and(prose)
    };
    let mut vetoed = Vec::new();
    for i in first_date..n {
        if out[i].0 != Label::Dateline {
            continue;
        }
        let f = &units[i].feats;
        // A place alone: the model reads dates, and says nothing of places.
        if f.date_tokens == 0 && !f.has_clock && f.numeric == 0 {
            continue;
        }
        let head_or_byline = |l: Option<Label>| matches!(l, Some(Label::Headline | Label::Byline));
        let dateline = |l: Option<Label>| l == Some(Label::Dateline);
        let x: [f32; DATELINE_GATE_INPUTS] = [
            (f.words as f32).ln_1p(),
            flag(f.date_tokens > 0),
            f.date_tokens.min(3) as f32,
            flag(f.has_year),
            flag(f.has_clock),
            flag(f.terminal),
            f.date_share(),
            f.stop_share(),
            flag(f.widget > 0),
            flag(f.agency > 0),
            flag(f.separators > 0),
            flag(f.numeric > 0),
            flag(i < first),
            flag(last.is_some_and(|l| i > l)),
            (i.abs_diff(first).min(10)) as f32 / 10.0,
            flag(first_datey == Some(i)),
            n_datey.min(10) as f32 / 10.0,
            flag(prose_at(i, -1)),
            flag(prose_at(i, 1)),
            flag(head_or_byline(label_at(out, i, -1))),
            flag(head_or_byline(label_at(out, i, 1))),
            flag(dateline(label_at(out, i, -1))),
            flag(dateline(label_at(out, i, 1))),
        ];
        let z = DATELINE_GATE_BIAS
            + x.iter()
                .zip(DATELINE_GATE_WEIGHTS)
                .map(|(a, w)| a * w)
                .sum::<f32>();
        if 1.0 / (1.0 + (-z).exp()) < DATELINE_GATE_THRESHOLD {
            vetoed.push(i);
        }
    }
    for i in vetoed {
        out[i] = (Label::Boilerplate, Reasons::one(Reason::DatelineModel));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ASCII line is compared with the date labels ignoring ASCII case,
    /// as its lowercased copy was compared: the labels must be lowercase.
    #[test]
    fn date_labels_are_lowercase() {
        for d in DATE_LABELS {
            assert_eq!(*d, d.to_lowercase(), "{d}");
        }
    }

    /// The byte search finds the separator `str::find` finds.
    #[test]
    fn first_separator_as_by_find() {
        for t in [
            "Jane Doe, Daily Paper",
            "JANE DOE | NEWS",
            "Jane Doe · Daily Paper",
            "Jane Doe — Agency, Desk",
            "Jane Doe – Agency | Desk",
            "Café “Doe” © 2019 – x",
            "no separator here",
            "",
        ] {
            assert_eq!(first_separator(t), t.find([',', '|', '·', '—', '–']), "{t}");
        }
    }

    /// `date_label` turns a line away by its first letter: every label
    /// opens with one it lets through.
    #[test]
    fn date_labels_open_with_their_first_letters() {
        for d in DATE_LABELS {
            assert!(
                d.as_bytes().first().is_some_and(|&b| opens_date_label(b)),
                "{d}"
            );
        }
    }
}
