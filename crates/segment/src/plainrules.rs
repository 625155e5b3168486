//! Plain-text passes on other stories inside a scraped page: the teasers'
//! own date lines.
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

/// A list of other stories dates each teaser on the line under it; the
/// date belongs to the teaser, not to the article. The heading over the
/// list ("More Articles") is no teaser: the article's own date may follow it.
pub fn teaser_dates(units: &[Unit], out: &mut [Verdict]) {
    for i in 1..units.len() {
        let p = i - 1;
        if out[p].0 == Label::Related
            && !units[p].feats.related_opener
            && !crate::plaintext::more_heading(&units[p])
            && matches!(out[i].0, Label::Dateline | Label::Boilerplate)
            && date_only(&units[i])
            && (p > 0 && out[p - 1].0 == Label::Related
                || out.get(i + 1).is_some_and(|v| v.0 == Label::Related))
        {
            out[i] = (Label::Related, Reasons::one(Reason::RelatedList));
        }
    }
}
