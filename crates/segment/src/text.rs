//! Plain text into units: paragraphs are split at blank lines, and a
//! paragraph's lines stay apart unless they read as one hard-wrapped
//! paragraph (a line that stops mid-sentence and a next line that carries on).

use crate::features::{
    features_scanned, features_with, word_stats_in, Features, Scan, Vocab, WordStats,
};
use crate::stopwords::Language;
use crate::unit::Unit;

/// A line of the input: byte range without the line break, trimmed of
/// surrounding whitespace.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn lines(text: &str) -> impl Iterator<Item = Option<(Line, &str)>> + '_ {
    let mut pos = 0;
    // One SIMD search over the text for its line breaks: a search per line
    // cost more than the line's 50 bytes on hard-wrapped wire copy.
    let mut breaks = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        // The line without its break: most lines then end in printable
        // ASCII, which `trim` passes at once.
        let (stop, end) = breaks
            .next()
            .map_or((text.len(), text.len()), |i| (i, i + 1));
        let raw = &text[pos..stop];
        let body = crate::words::trim(raw);
        let start = pos + (body.as_ptr() as usize - raw.as_ptr() as usize);
        pos = end;
        Some(if body.is_empty() {
            None
        } else {
            Some((
                Line {
                    start,
                    end: start + body.len(),
                },
                body,
            ))
        })
    })
}

/// Whether line `a` carries on into line `b` (a hard-wrapped paragraph):
/// only on strong evidence, since scraped pages put one block per line and
/// a caption often stops without punctuation right above a paragraph. The
/// rows' features were read on the trimmed lines themselves, so their
/// `terminal` and `starts_lower` are those of `a` and `b`, and their credit
/// tests were made once when the page's language was set.
fn continues<'a>(
    fa: &Features,
    a_credit: bool,
    b: impl Fn() -> &'a str,
    fb: &Features,
    b_credit: bool,
) -> bool {
    if a_credit || b_credit || fb.byline_start || fa.chars < 25 {
        return false;
    }
    let b_lower = fb.starts_lower;
    // "40m ago" under a teaser headline starts lowercase but is a time stamp.
    let stamp = fb.words <= 4 && fb.date_tokens > 0 && fb.date_share() >= 0.5;
    // "1 min" (a read time; "12 mths" under a wire's table row does carry
    // it on) under a headline starts with a number, a date
    // line ("Updated 9:20 am, Monday, March 2, 2020") does not run on into
    // the script fragment under it, nor a caption into "toggle caption".
    // (A date line is half date words: a wire's hard-wrapped line of
    // prices, "June/July going at 1,850 and 1,880 dlrs", is numbers. Tested
    // last, in integers: this runs on every pair of lines.)
    if b_lower
        && !fa.terminal
        && fa.words >= 8
        && !stamp
        && fa.date_tokens * 2 < fa.words
        && !(fb.words <= 3 && b().starts_with(|c: char| c.is_ascii_digit()) && b().contains(" min"))
        && !(fb.words == 2 && b().trim_end().ends_with("caption"))
    {
        return true;
    }
    // The tail of a wrapped sentence: "1986." after a long line stopping mid-sentence.
    !fa.terminal
        && fa.chars >= 40
        && fb.words <= 4
        && fb.terminal
        && fa.stop_share() >= 0.15
        && !fa.is_title_like()
}

/// Whether a paragraph's lines are one hard-wrapped paragraph: lines of
/// similar width (all but the last), many of them starting mid-sentence, and
/// prose when joined. Headline lists fail the mid-sentence test.
fn wrapped(text: &str, lines: &[Row], vocab: &Vocab, lang: Language) -> Option<Features> {
    let n = lines.len();
    if n < 2 || lines.iter().any(|r| r.credit) {
        return None;
    }
    let (head, last) = (&lines[..n - 1], &lines[n - 1]);
    let w = head.iter().map(|r| r.f.chars).max().unwrap_or(0);
    if !(25..=130).contains(&w)
        || last.f.chars > w + 3
        || head.iter().any(|r| r.f.chars * 10 < w * 6)
    {
        return None;
    }
    let mid_sentence = |l: &Line| {
        !text[l.start..l.end]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    let lower_starts = lines[1..].iter().filter(|r| mid_sentence(&r.line)).count();
    if lower_starts * 10 < (n - 1) * 3 {
        return None;
    }
    let _ = (vocab, lang);
    let f = Features::joined_of(lines.iter().map(|r| &r.f));
    f.is_prose().then_some(f)
}

/// Words read to choose a page's language.
const LANG_SAMPLE_WORDS: usize = 120;

/// A line read: its range, features and word counts, and the marks the
/// paragraph pass reads (held here, not in vectors of their own, so that a
/// page allocates once for its lines).
struct Row {
    line: Line,
    f: Features,
    s: WordStats,
    /// Whether the line reads as a credit: the joining tests ask it of a
    /// line up to three times, and only in paragraphs of several lines
    /// (false in the others).
    credit: bool,
    /// Whether a blank line (or the page's start) is above the line.
    para_start: bool,
}

/// Splits plain text into units with byte offsets into `text`.
pub fn units(text: &str, vocab: &Vocab) -> Vec<Unit> {
    // The rows' buffer is the thread's, kept from page to page: a page's rows
    // (300 bytes each) were a fresh allocation of several KiB a page, which
    // the allocator takes fresh pages for.
    thread_local! {
        static ROWS: std::cell::Cell<Vec<Row>> = const { std::cell::Cell::new(Vec::new()) };
    }
    let mut rows = ROWS.take();
    let out = units_in(text, vocab, &mut rows);
    rows.clear();
    // A huge page's rows are not kept for the thread's life.
    if rows.capacity() <= MAX_KEPT_ROWS {
        ROWS.set(rows);
    }
    out
}

/// Rows whose buffer [`units`] keeps for the next page.
const MAX_KEPT_ROWS: usize = 1024;

/// [`units`], reading the lines into `rows` (empty).
fn units_in(text: &str, vocab: &Vocab, rows: &mut Vec<Row>) -> Vec<Unit> {
    // Read every line once; the page's language comes from the stop words of
    // its first words, then each line's counts are read for that language.
    // Paragraphs are runs of rows, ended at the indices in `ends`. Sized for
    // lines of a wire story's width, not counted: a pass over the text just
    // to count its line breaks cost 2% of segmenting it.
    rows.reserve(text.len() / 48 + 1);
    let mut blank = true;
    for line in lines(text) {
        match line {
            Some((l, t)) => {
                let s = word_stats_in(text, l.start, t, vocab);
                rows.push(Row {
                    line: l,
                    f: features_with(t, &s, vocab, Language::Other),
                    s,
                    credit: false,
                    para_start: blank,
                });
                blank = false;
            }
            None => blank = true,
        }
    }
    let (mut counts, mut total) = ([0usize; 8], 0usize);
    for r in rows.iter() {
        if total >= LANG_SAMPLE_WORDS {
            break;
        }
        total += r.f.words as usize;
        for (c, n) in counts.iter_mut().zip(r.f.stop_by_lang) {
            *c += usize::from(n);
        }
    }
    let lang = crate::stopwords::choose_language(&counts, total);
    for r in rows.iter_mut() {
        r.f.set_language(lang);
    }
    // Paragraphs: runs of rows from one `para_start` to the next.
    let mut out: Vec<Unit> = crate::segmenter::unit_buffer();
    out.reserve(rows.len());
    let mut from = 0;
    let mut group = 0;
    while from < rows.len() {
        let to = rows[from + 1..]
            .iter()
            .position(|r| r.para_start)
            .map_or(rows.len(), |k| from + 1 + k);
        let para = &mut rows[from..to];
        if para.len() >= 2 {
            for r in para.iter_mut() {
                r.credit = r.f.is_credit();
            }
        }
        paragraph_units(text, para, vocab, lang, group, &mut out);
        group += 1;
        from = to;
    }
    out
}

/// How a unit's features are known: a single line's, or the summed word
/// counts of several lines (and their byte scan, unless a cue straddles a
/// line break).
enum Feats<'r> {
    Line(&'r Features),
    Lines(&'r WordStats, Option<Scan>),
}

/// The units of one paragraph (lines without a blank line between them).
fn paragraph_units(
    text: &str,
    para: &[Row],
    vocab: &Vocab,
    lang: Language,
    group: usize,
    out: &mut Vec<Unit>,
) {
    let push = |out: &mut Vec<Unit>, l: Line, f: Feats<'_>| {
        let t = &text[l.start..l.end];
        let feats = match f {
            Feats::Line(f) => f.clone(),
            Feats::Lines(s, scan) => features_scanned(t, s, scan, vocab, lang),
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
    };
    let Some(first) = para.first() else {
        return;
    };
    if let Some(f) = wrapped(text, para, vocab, lang) {
        let last = &para[para.len() - 1];
        let l = Line {
            start: first.line.start,
            end: last.line.end,
        };
        push(out, l, Feats::Line(&f));
        return;
    }
    // Grow units line by line while a line carries on into the next.
    let scan_of = |l: &Line, f: &Features| Scan::of_line(f, l.end - l.start);
    // The open unit: its range, the row of its last line, whether it has
    // several lines, and then the counts of its words and their byte scan
    // (a single line's are its row's: they are summed only when a second
    // line joins, not copied for every line).
    let mut unit = first.line;
    let mut last: &Row = first;
    let mut multi = false;
    let mut counts = WordStats::default();
    let mut scan = None;
    let close = |out: &mut Vec<Unit>, unit: Line, last: &Row, counts: &WordStats, scan, multi| {
        let f = if multi {
            Feats::Lines(counts, scan)
        } else {
            Feats::Line(&last.f)
        };
        push(out, unit, f);
    };
    for row in &para[1..] {
        let (l, f, s) = (&row.line, &row.f, &row.s);
        // Lines are sliced as bytes, and only where read: a text slice
        // tests both its ends for character boundaries.
        let line = || &text[l.start..l.end];
        if continues(&last.f, last.credit, line, f, row.credit) {
            let bytes = text.as_bytes();
            let prev = &bytes[last.line.start..last.line.end];
            let gap = &bytes[last.line.end..l.start];
            let line = &bytes[l.start..l.end];
            let (so_far, counted) = if multi {
                (scan, &counts)
            } else {
                (Some(scan_of(&last.line, &last.f)), &last.s)
            };
            scan = so_far.and_then(|sc| sc.then(prev, gap, line, &scan_of(l, f)));
            counts = counted.then(s);
            unit.end = l.end;
            multi = true;
        } else {
            close(out, unit, last, &counts, scan, multi);
            unit = *l;
            multi = false;
        }
        last = row;
    }
    close(out, unit, last, &counts, scan, multi);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_paragraphs_join_and_lists_stay_apart() {
        let text = "It could be months before major assistance is provided for\nEarthquake-stricken Ecuador, although the fund has taken the\nfirst steps, sources said.\n\nMOST POPULAR\nGulf Canada Asserts No Damage from Spill\nCaltex to Raise Bahrain Oil Product Prices\n";
        let u = units(text, &Vocab::default());
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
