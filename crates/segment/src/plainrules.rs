//! Plain-text passes on other stories inside a scraped page (whole stories
//! the scrape pulled in under the article), a long "Related:" cue line and
//! a headline read as a caption.
//! They run after `plaintext`'s passes, on the labels those leave.

use crate::block::{Reason, Reasons};
use crate::label::Label;
use crate::unit::Unit;

type Verdict = (Label, Reasons);

/// A line that is only a date or a time ("May 15th 2019", "24m ago",
/// "05.31.19"): no words of a sentence around the numbers, and no place
/// ("Paris, May 31" is the article's own dateline).
fn date_only(u: &Unit) -> bool {
    let f = &u.feats;
    f.words > 0
        && f.words <= 8
        && !f.terminal
        && f.widget == 0
        && f.cap_content <= f.date_tokens
        && (f.date_tokens + f.numeric) * 2 >= f.words
        && (f.date_tokens > 0 || f.has_year || f.has_clock || f.numeric > 0)
}

/// A bare time or running time ("1:27" under a video's title): no day, so
/// no story's date.
fn running_time(u: &Unit) -> bool {
    u.text.contains(':') && !u.text.contains(char::is_alphabetic)
}

/// Paragraphs of the article before another story's head can follow it.
const MIN_ARTICLE_PARAS: usize = 3;
/// Title lines above another story's byline or date.
const MAX_TITLE_LINES: usize = 2;
/// Lines from the byline or date to the other story's first paragraph
/// (a photo credit and caption may come between).
const MAX_HEAD_GAP: usize = 3;

/// A title line of another story: unpunctuated, short, capitalised.
fn title_line(u: &Unit) -> bool {
    let f = &u.feats;
    f.words >= 3
        && f.words <= 20
        && !f.terminal
        && !f.starts_lower
        && !f.ends_colon
        && !date_only(u)
}

/// Scrapes of some sites run on from the article into the next stories of
/// the same section, each with its own title, byline or date and
/// paragraphs. A byline or a bare date under a title line, after the
/// article's paragraphs and over more paragraphs, opens such a story: from
/// its title to the page's last paragraph the text is other stories.
pub fn injected_stories(units: &[Unit], out: &mut [Verdict]) {
    let n = units.len();
    let prose = |out: &[Verdict], i: usize| out[i].0 == Label::Body && units[i].feats.is_prose();
    let Some(first) = (0..n).find(|&i| prose(out, i)) else {
        return;
    };
    if !(0..first).any(|i| out[i].0 == Label::Headline) {
        return;
    }
    let Some(last) = (0..n).rev().find(|&i| prose(out, i)) else {
        return;
    };
    let mut paras = 0;
    for i in first..last {
        if prose(out, i) {
            paras += 1;
            continue;
        }
        if paras < MIN_ARTICLE_PARAS {
            continue;
        }
        let head = out[i].0 == Label::Byline
            || (matches!(out[i].0, Label::Dateline | Label::Boilerplate)
                && date_only(&units[i])
                && !running_time(&units[i])
                // A time of day with its zone or am/pm ("14:04 GMT") stamps
                // a live page's own entries: no other story's date, which
                // carries a day or stands under a byline.
                && !crate::plaintext::bare_clock(&units[i].text));
        if !head {
            continue;
        }
        let titles = (1..=MAX_TITLE_LINES)
            .take_while(|&k| {
                k <= i
                    && title_line(&units[i - k])
                    && !matches!(out[i - k].0, Label::Headline | Label::Related)
            })
            .count();
        if titles == 0 {
            continue;
        }
        if !(i + 1..=(i + MAX_HEAD_GAP).min(last)).any(|j| units[j].feats.is_prose()) {
            continue;
        }
        let mut start = i - titles;
        // A section's name over the title ("Local", "Related").
        if start > 0 {
            let f = &units[start - 1].feats;
            if f.words <= 2 && !f.terminal && !prose(out, start - 1) {
                start -= 1;
            }
        }
        for k in start..=last {
            let f = &units[k].feats;
            if f.widget_phrase || f.copyright || f.tag_line {
                continue;
            }
            out[k] = (
                Label::Related,
                Reasons::two(Reason::RelatedList, Reason::AfterArticle),
            );
        }
        return;
    }
}

/// Words a "Related: <headline>" line may run to: a headline after the cue.
const MAX_CUED_TITLE_WORDS: u32 = 24;

/// "RELATED: <another story's headline>" inside a plain-text article: the
/// cue and its colon say the line is a link, however long the headline
/// after it (the labeller's own limit is for a cue line alone). A sentence
/// ends with a full stop; the headline does not.
pub(crate) fn cued_title(u: &Unit) -> bool {
    let f = &u.feats;
    if u.html.is_some() || f.words > MAX_CUED_TITLE_WORDS || f.terminal {
        return false;
    }
    let t = crate::words::trim(&u.text);
    t.find(':')
        .is_some_and(|c| c <= 16 && !t[..c].contains(|ch: char| ch.is_ascii_digit()))
}

/// Paragraphs of prose before a line that may still be the headline.
const MAX_PARAS_ABOVE_HEADLINE: usize = 2;

/// A page where no line was taken for the headline (a photo's caption or a
/// widget came first, so the article seemed to start above it): an
/// unpunctuated sentence read as a caption right over the byline or the
/// date (or over its own twin, then the byline) is the headline; a caption
/// sits over its photo's credit, not over the story's byline.
pub fn headline_over_byline(units: &[Unit], out: &mut [Verdict]) {
    if out.iter().any(|v| v.0 == Label::Headline) {
        return;
    }
    let mut paras = 0;
    for i in 0..units.len() {
        if out[i].0 == Label::Body && units[i].feats.is_prose() {
            paras += 1;
            if paras > MAX_PARAS_ABOVE_HEADLINE {
                return;
            }
            continue;
        }
        if out[i].0 != Label::Caption || !out[i].1.contains(Reason::UnpunctuatedSentence) {
            continue;
        }
        let t = units[i].text.trim();
        let twin = units
            .get(i + 1)
            .is_some_and(|n| n.text.trim() == t && out[i + 1].0 == Label::Caption);
        let next = if twin { i + 2 } else { i + 1 };
        if out
            .get(next)
            .is_some_and(|v| matches!(v.0, Label::Byline | Label::Dateline))
        {
            for v in &mut out[i..next] {
                *v = (Label::Headline, Reasons::one(Reason::TitleBeforeBody));
            }
            return;
        }
    }
}
