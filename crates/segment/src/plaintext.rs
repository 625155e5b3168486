//! Layout passes for plain-text pages only, run after the labeller's own
//! pass: a scraped page flattens its lists into one line per block, so the
//! structure an HTML page shows in its tags shows here only in the order of
//! the lines (a list of other stories repeats author, date and teaser; the
//! author's note closes the story).

use crate::block::Reason;
use crate::label::Label;
use crate::unit::Unit;

type Verdict = (Label, Vec<Reason>);

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
            vec![Reason::RelatedList, Reason::AfterArticle],
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

/// How many closing paragraphs may be notes about the author.
const MAX_NOTES: usize = 3;

/// Whether a unit is a note about the author: "Jane Doe is a reporter for
/// …", "Contact Jane Doe at …", "Follow Jane on Twitter".
fn author_note(u: &Unit) -> bool {
    let f = &u.feats;
    if f.words < 3 || f.words > 60 || f.starts_lower {
        return false;
    }
    let mut head = String::new();
    let t = u.text.trim();
    let mut cut = t.len().min(200);
    while !t.is_char_boundary(cut) {
        cut -= 1;
    }
    crate::words::lower_into(&t[..cut], &mut head);
    if CONTACT_OPENERS.iter().any(|p| head.starts_with(p)) {
        return head.contains(" at ")
            || head.contains('@')
            || head.contains("twitter")
            || head.contains("facebook")
            || head.contains("instagram");
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
        } else if copula.is_some() && ROLES.contains(&l) {
            return true;
        }
    }
    false
}

/// Notes about the author that close a story are its byline.
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
                    vec![Reason::BylinePattern, Reason::AfterArticle],
                );
                notes += 1;
            }
            Label::Boilerplate | Label::Byline => {}
            _ => break,
        }
    }
    for j in last + 1..n.min(last + 1 + MAX_NOTES) {
        if matches!(out[j].0, Label::Boilerplate) && author_note(&units[j]) {
            out[j] = (
                Label::Byline,
                vec![Reason::BylinePattern, Reason::AfterArticle],
            );
        }
    }
}
