//! Plain text into units: paragraphs are split at blank lines, and a
//! paragraph's lines stay apart unless they read as one hard-wrapped
//! paragraph (a line that stops mid-sentence and a next line that carries on).

use crate::features::{ends_terminal, features, Features, Vocab};
use crate::stopwords::Language;
use crate::unit::Unit;

/// A line of the input: byte range without the line break, trimmed of
/// surrounding whitespace.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn lines(text: &str) -> impl Iterator<Item = Option<Line>> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let rest = &text[pos..];
        let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let raw = &rest[..len];
        let lead = raw.len() - raw.trim_start().len();
        let body = raw.trim();
        let start = pos + lead;
        pos += len;
        Some(if body.is_empty() {
            None
        } else {
            Some(Line {
                start,
                end: start + body.len(),
            })
        })
    })
}

/// Whether line `a` carries on into line `b` (a hard-wrapped paragraph).
fn continues(a: &str, fa: &Features, b: &str, fb: &Features) -> bool {
    if fa.is_credit() || fb.is_credit() || fb.byline_start || fa.chars < 25 {
        return false;
    }
    let b_lower = b
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase);
    if b_lower && !ends_terminal(a) {
        return true;
    }
    // Both parts of running prose: a line stopping mid-sentence, not title-like.
    !ends_terminal(a)
        && !a.ends_with(':')
        && !fa.is_title_like()
        && fa.stop_share() >= 0.2
        && fa.words >= 5
        && (fb.stop_share() >= 0.15 || b_lower)
}

/// Splits plain text into units with byte offsets into `text`.
pub fn units(text: &str, vocab: &Vocab, lang: Language) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut group = 0usize;
    let mut prev_blank = true;
    // The unit being grown, with the features of its last line.
    let mut open: Option<(Line, Features)> = None;
    let flush = |open: &mut Option<(Line, Features)>, out: &mut Vec<Unit>, group: usize| {
        if let Some((l, f)) = open.take() {
            let t = &text[l.start..l.end];
            let feats = if t.contains('\n') {
                features(t, vocab, lang)
            } else {
                f
            };
            out.push(Unit {
                text: t.to_string(),
                start: Some(l.start),
                end: Some(l.end),
                group,
                feats,
                html: None,
                corpus: Default::default(),
            });
        }
    };
    for line in lines(text) {
        match line {
            None => {
                flush(&mut open, &mut out, group);
                if !prev_blank {
                    group += 1;
                }
                prev_blank = true;
            }
            Some(l) => {
                prev_blank = false;
                let t = &text[l.start..l.end];
                let f = features(t, vocab, lang);
                match open.take() {
                    Some((o, of)) => {
                        let last_start = text[o.start..o.end]
                            .rfind('\n')
                            .map_or(o.start, |i| o.start + i + 1);
                        if continues(&text[last_start..o.end], &of, t, &f) {
                            open = Some((
                                Line {
                                    start: o.start,
                                    end: l.end,
                                },
                                f,
                            ));
                        } else {
                            open = Some((o, of));
                            flush(&mut open, &mut out, group);
                            open = Some((l, f));
                        }
                    }
                    None => open = Some((l, f)),
                }
            }
        }
    }
    flush(&mut open, &mut out, group);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_paragraphs_join_and_lists_stay_apart() {
        let text = "It could be months before major assistance is provided for\nEarthquake-stricken Ecuador, although the fund has taken the\nfirst steps, sources said.\n\nMOST POPULAR\nGulf Canada Asserts No Damage from Spill\nCaltex to Raise Bahrain Oil Product Prices\n";
        let u = units(text, &Vocab::default(), Language::En);
        let texts: Vec<&str> = u.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(texts.len(), 4, "{texts:?}");
        assert!(texts[0].ends_with("sources said."));
        assert_eq!(u[0].start, Some(0));
        assert_eq!(
            &text[u[1].start.unwrap_or(0)..u[1].end.unwrap_or(0)],
            "MOST POPULAR"
        );
        assert_eq!(u[3].group, 1);
    }
}
