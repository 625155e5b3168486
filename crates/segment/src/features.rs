//! Shallow features of one block's text (Kohlschütter et al. 2010; jusText).

use crate::lexicon::{self, class, Lexicon};
use crate::stopwords::{Language, StopWords};
use crate::swar::{between, gather, HIGH, ONES};
use crate::words::{is_all_caps, is_capitalized, lower_into, words};

/// The shared vocabularies a feature extraction needs, built once.
#[derive(Debug, Clone)]
pub struct Vocab {
    pub stop: StopWords,
    pub lexicon: Lexicon,
    pub(crate) phrases: crate::phrases::Phrases,
    pub(crate) class_names: crate::html::names::ClassNames,
}

impl Default for Vocab {
    fn default() -> Self {
        let stop = StopWords::new();
        let lexicon = Lexicon::new(&stop);
        Vocab {
            stop,
            lexicon,
            phrases: Default::default(),
            class_names: Default::default(),
        }
    }
}

/// Everything the rules look at in one block's text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// Whether the page's language has a stop-word list.
    pub lang_known: bool,
    pub words: u32,
    pub chars: u32,
    pub stop: u32,
    /// Words starting with an uppercase letter.
    pub capitalized: u32,
    /// Non-stop words starting with an uppercase letter (title case).
    pub cap_content: u32,
    /// Non-stop words (title-case denominator).
    pub content: u32,
    pub numeric: u32,
    /// Month, weekday and time-zone words plus hh:mm times.
    pub date_tokens: u32,
    pub has_year: bool,
    pub has_clock: bool,
    pub agency: u32,
    pub photo: u32,
    pub widget: u32,
    pub caption_words: u32,
    /// Ends like a sentence: . ! ? … possibly followed by a quote or bracket.
    pub terminal: bool,
    pub ends_colon: bool,
    /// The first letter of the block is lowercase.
    pub starts_lower: bool,
    /// Separators of navigation bars: | › » • ·
    pub separators: u32,
    pub commas: u32,
    pub copyright: bool,
    /// Legal phrases: "All rights reserved", "Terms of use"…
    pub legal: bool,
    pub related_opener: bool,
    /// "Tags:", "Topics:", "Filed under" and other lists of site sections.
    pub tag_line: bool,
    pub widget_phrase: bool,
    pub caption_opener: bool,
    pub caption_phrase: bool,
    /// Starts with a byline word (By, Von, Par…) followed by a capitalised word.
    pub byline_start: bool,
    /// Has a word of closing credits (see `class::ATTRIB`).
    pub attribution_cue: bool,
    /// A word of a forecast's wind (`class::WIND`).
    pub wind_cue: bool,
    /// Ends with a parenthesised credit: "(AP Photo/…)", "(Reuters)".
    pub paren_credit_end: bool,
    /// The whole block is a parenthesised credit.
    pub paren_credit_only: bool,
    /// Starts with ©, "Photo:", "Credit:" and similar.
    pub credit_opener: bool,
    /// Contains a slash between capitalised words ("Name/AP").
    pub slash_name: bool,
    pub all_caps_words: u32,
    /// Stop words of each language of `Language::ALL`, so that the page's
    /// language can be chosen after its lines are read.
    pub stop_by_lang: [u16; 8],
    /// Capitalised stop words of each language.
    pub cap_stop_by_lang: [u16; 8],
    /// Words that are not numbers, and those of them capitalised.
    pub letters_words: u32,
    pub cap_letters_words: u32,
}

impl Features {
    /// Re-reads the stop-word counts for `lang` (chosen for the whole page
    /// after its lines were read).
    pub fn set_language(&mut self, lang: Language) {
        let k = Language::ALL.iter().position(|l| *l == lang);
        let stop = k.map_or(0, |k| u32::from(self.stop_by_lang[k]));
        let cap_stop = k.map_or(0, |k| u32::from(self.cap_stop_by_lang[k]));
        self.lang_known = lang != Language::Other;
        self.stop = stop;
        self.content = self.letters_words.saturating_sub(stop);
        self.cap_content = self.cap_letters_words.saturating_sub(cap_stop);
    }

    /// The features of consecutive lines read as one block (a hard-wrapped
    /// paragraph), from the lines' own features: counts add up, the opening
    /// cues come from the first line and the closing ones from the last. Saves
    /// reading the text twice.
    pub fn joined(lines: &[&Features]) -> Features {
        Self::joined_of(lines.iter().copied())
    }

    /// [`Self::joined`] over an iterator of the lines' features, so that
    /// they need not be gathered into a vector first.
    pub(crate) fn joined_of<'a, I>(lines: I) -> Features
    where
        I: Iterator<Item = &'a Features> + Clone,
    {
        let (Some(first), Some(last)) = (lines.clone().next(), lines.clone().last()) else {
            return Features::default();
        };
        let mut f = Features {
            lang_known: first.lang_known,
            starts_lower: first.starts_lower,
            related_opener: first.related_opener,
            tag_line: first.tag_line,
            caption_opener: first.caption_opener,
            credit_opener: first.credit_opener,
            byline_start: first.byline_start,
            terminal: last.terminal,
            ends_colon: last.ends_colon,
            paren_credit_end: last.paren_credit_end || last.paren_credit_only,
            ..Features::default()
        };
        for l in lines {
            f.words += l.words;
            f.chars += l.chars + 1;
            f.stop += l.stop;
            f.capitalized += l.capitalized;
            f.cap_content += l.cap_content;
            f.content += l.content;
            f.numeric += l.numeric;
            f.date_tokens += l.date_tokens;
            f.has_year |= l.has_year;
            f.has_clock |= l.has_clock;
            f.agency += l.agency;
            f.photo += l.photo;
            f.widget += l.widget;
            f.caption_words += l.caption_words;
            f.separators += l.separators;
            f.commas += l.commas;
            f.copyright |= l.copyright;
            f.legal |= l.legal;
            f.widget_phrase |= l.widget_phrase;
            f.caption_phrase |= l.caption_phrase;
            f.slash_name |= l.slash_name;
            f.attribution_cue |= l.attribution_cue;
            f.wind_cue |= l.wind_cue;
            f.all_caps_words += l.all_caps_words;
            f.letters_words += l.letters_words;
            f.cap_letters_words += l.cap_letters_words;
            for k in 0..8 {
                f.stop_by_lang[k] = f.stop_by_lang[k].saturating_add(l.stop_by_lang[k]);
                f.cap_stop_by_lang[k] = f.cap_stop_by_lang[k].saturating_add(l.cap_stop_by_lang[k]);
            }
        }
        f.chars = f.chars.saturating_sub(1);
        f.byline_start &= f.words <= 14;
        f
    }

    /// Share of stop words among words.
    pub fn stop_share(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.stop as f32 / self.words as f32
        }
    }

    /// Share of capitalised content words: close to 1 in title-case headlines.
    pub fn title_share(&self) -> f32 {
        if self.content == 0 {
            0.0
        } else {
            self.cap_content as f32 / self.content as f32
        }
    }

    /// Share of words that are dates, times or numbers.
    pub fn date_share(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            (self.date_tokens + self.numeric) as f32 / self.words as f32
        }
    }

    /// Prose: enough words with a prose share of stop words.
    #[inline(always)]
    pub fn is_prose(&self) -> bool {
        if !self.lang_known {
            return self.chars >= 80 && (self.terminal || self.chars >= 200) && self.words >= 4;
        }
        (self.words >= 10 && self.stop_share() >= 0.2 && (self.terminal || self.words >= 25))
            || (self.words >= 15 && self.stop_share() >= 0.3)
            || (self.words >= 30 && self.stop_share() >= 0.12)
    }

    /// A title-like line: a few words, mostly capitalised, no closing period.
    pub fn is_title_like(&self) -> bool {
        self.words >= 3 && self.words <= 25 && !self.terminal_period() && self.title_share() >= 0.6
    }

    /// Ends with a period-like stop (not ? or ! which headlines use).
    pub fn terminal_period(&self) -> bool {
        self.terminal
    }

    /// A short line that looks like a photo credit.
    pub fn is_credit(&self) -> bool {
        if self.words == 0
            || self.words > 14
            || self.widget_phrase
            || self.legal
            || self.separators > 3
        {
            return false;
        }
        if self.paren_credit_only {
            return true;
        }
        // "Speaker Nancy Pelosi (D-Calif.) (AP Photo/Eric Risberg)": a caption.
        if self.paren_credit_end && self.words > 6 {
            return false;
        }
        let cue = self.agency > 0 || self.photo > 0;
        // Without a cue or an opener nothing below is a credit: most lines
        // are answered here, before the share of stop words is divided out.
        if !cue && !self.credit_opener {
            return false;
        }
        let capsy = self.capitalized * 10 >= self.words * 6;
        let prose_like = self.stop_share() > 0.25 && self.words >= 6;
        // "© 2019 Gannett" is a copyright notice, "© Photo: …" a credit.
        if self.credit_opener && !prose_like && !(self.copyright && self.has_year) {
            return self.words <= 12;
        }
        cue && capsy
            && !prose_like
            && !self.terminal
            && !self.byline_start
            && (self.slash_name
                || self.separators > 0
                || self.commas > 0
                || (self.photo > 0 && self.agency > 0 && self.words <= 4))
    }
}

/// The counts of a text's words: they add up over the lines of a block, so
/// that a block of several lines is read once, line by line.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct WordStats {
    words: u32,
    letters_words: u32,
    cap_letters_words: u32,
    stop_by_lang: [u32; 8],
    cap_stop_by_lang: [u32; 8],
    capitalized: u32,
    all_caps_words: u32,
    numeric: u32,
    has_year: bool,
    date_tokens: u32,
    agency: u32,
    photo: u32,
    widget: u32,
    caption_words: u32,
    /// Classes of every word, or-ed.
    hints: u32,
    /// Classes of the first word.
    first_cls: u32,
    first_cap: bool,
    second_cap: bool,
}

impl WordStats {
    /// The counts of `a` followed by `b` (separated by whitespace).
    #[inline]
    pub(crate) fn then(&self, b: &WordStats) -> WordStats {
        let a = self;
        let mut s = WordStats {
            words: a.words + b.words,
            letters_words: a.letters_words + b.letters_words,
            cap_letters_words: a.cap_letters_words + b.cap_letters_words,
            capitalized: a.capitalized + b.capitalized,
            all_caps_words: a.all_caps_words + b.all_caps_words,
            numeric: a.numeric + b.numeric,
            has_year: a.has_year || b.has_year,
            date_tokens: a.date_tokens + b.date_tokens,
            agency: a.agency + b.agency,
            photo: a.photo + b.photo,
            widget: a.widget + b.widget,
            caption_words: a.caption_words + b.caption_words,
            hints: a.hints | b.hints,
            first_cls: if a.words > 0 {
                a.first_cls
            } else {
                b.first_cls
            },
            first_cap: if a.words > 0 {
                a.first_cap
            } else {
                b.first_cap
            },
            second_cap: match a.words {
                0 => b.second_cap,
                1 => b.first_cap,
                _ => a.second_cap,
            },
            ..WordStats::default()
        };
        for k in 0..8 {
            s.stop_by_lang[k] = a.stop_by_lang[k] + b.stop_by_lang[k];
            s.cap_stop_by_lang[k] = a.cap_stop_by_lang[k] + b.cap_stop_by_lang[k];
        }
        s
    }
}

/// Computes the features of `text` for documents in `lang`.
pub fn features(text: &str, vocab: &Vocab, lang: Language) -> Features {
    features_with(text, &word_stats(text, vocab), vocab, lang)
}

/// Reads the words of `text`.
pub(crate) fn word_stats(text: &str, vocab: &Vocab) -> WordStats {
    word_stats_in(text, 0, text, vocab)
}

/// Reads the words of `line`, which is `page[start..start + line.len()]`
/// (passed as the caller sliced it, not sliced again); the lexicon may read
/// the page's bytes around a word (see [`Lexicon::ascii_word_classes`]).
pub(crate) fn word_stats_in(page: &str, start: usize, line: &str, vocab: &Vocab) -> WordStats {
    debug_assert_eq!(page.get(start..start + line.len()), Some(line));
    let mut buf = String::new();
    // Most lines are ASCII: their words are found from bit masks of each
    // 64-byte block, not byte by byte (three in four of the instructions
    // of reading a line went to finding its words and packing them).
    // (Counted in place: returned from the ASCII reading as an option, the
    // counts were copied twice.)
    let mut s = WordStats::default();
    if word_stats_ascii(
        page.as_bytes(),
        start,
        line.as_bytes(),
        &vocab.lexicon,
        &mut buf,
        &mut s,
    ) {
        return s;
    }
    word_stats_words(page, start, line, vocab, &mut buf)
}

/// [`word_stats_in`] word by word, as [`words`] reads them: the way of
/// lines with characters past ASCII.
fn word_stats_words(
    page: &str,
    start: usize,
    line: &str,
    vocab: &Vocab,
    buf: &mut String,
) -> WordStats {
    let mut s = WordStats::default();
    let bytes = page.as_bytes();
    let mut it = words(line);
    while let Some((a, b, ascii)) = it.next_span() {
        let (a, b) = (start + a, start + b);
        // ASCII words are read as bytes; others as text (for their case).
        // The word's bytes are sliced only where a test reads them past
        // the first (a capital, a digit, a cue).
        let wb = || bytes.get(a..b).unwrap_or_default();
        let wide = if ascii { None } else { page.get(a..b) };
        // The first byte comes with the lexicon's load of an ASCII word.
        let (cls, first) = match wide {
            None => vocab.lexicon.ascii_word_classes_first(bytes, a, b, buf),
            Some(w) => (
                vocab.lexicon.word_classes(w, buf),
                w.as_bytes().first().copied().unwrap_or_default(),
            ),
        };
        let cap = match wide {
            Some(w) if first >= 0x80 => is_capitalized(w),
            _ => first.is_ascii_uppercase(),
        };
        let digit = first.is_ascii_digit();
        count_word(
            &mut s,
            cls,
            cap,
            digit,
            || match wide {
                // An ASCII word starting with a capital: letters only.
                // (Most capitalised words have a lowercase second letter.)
                None => {
                    b - a >= 2
                        && !bytes.get(a + 1).is_some_and(u8::is_ascii_lowercase)
                        && !wb().iter().any(|b| b.is_ascii_lowercase())
                }
                Some(w) => w.chars().count() >= 2 && is_all_caps(w),
            },
            || b - a == 4 && (wb().starts_with(b"19") || wb().starts_with(b"20")),
            || match wide {
                None => {
                    wb().iter().any(u8::is_ascii_uppercase)
                        && !wb().iter().any(u8::is_ascii_lowercase)
                }
                Some(w) => is_all_caps(w),
            },
        );
    }
    finish_word_stats(s)
}

/// Counts one word of classes `cls` into `s`; `all_caps` is asked of a
/// capitalised word, `year` of a number, `caps_only` of a capitalised-only
/// agency's name (each reads the word's bytes, which most words need not).
#[inline(always)]
fn count_word(
    s: &mut WordStats,
    cls: u32,
    cap: bool,
    digit: bool,
    all_caps: impl FnOnce() -> bool,
    year: impl FnOnce() -> bool,
    caps_only: impl FnOnce() -> bool,
) {
    s.words += 1;
    // One test a word past the first two.
    if s.words <= 2 {
        if s.words == 1 {
            s.first_cls = cls;
            s.first_cap = cap;
        } else {
            s.second_cap = cap;
        }
    }
    count_classes(s, cls, cap, caps_only);
    if cap {
        s.capitalized += 1;
        if all_caps() {
            s.all_caps_words += 1;
        }
    }
    if digit {
        s.numeric += 1;
        if year() {
            s.has_year = true;
        }
    }
}

/// The counts of a word's classes `cls` (its stop-word languages and cues);
/// `caps_only` is asked of a capitalised-only agency's name.
#[inline(always)]
fn count_classes(s: &mut WordStats, cls: u32, cap: bool, caps_only: impl FnOnce() -> bool) {
    s.hints |= cls;
    let langs = (cls >> class::STOP_SHIFT) as u8;
    if langs != 0 {
        // (A capital starts a word of letters: no digit test below.)
        if langs & (langs - 1) == 0 {
            // One language (four stop words in five of wire copy's):
            // its count at once, not a test for each language.
            let k = (langs.trailing_zeros() & 7) as usize;
            s.stop_by_lang[k] += 1;
            if cap {
                s.cap_stop_by_lang[k] += 1;
            }
        } else {
            for k in 0..8 {
                if langs & (1 << k) != 0 {
                    s.stop_by_lang[k] += 1;
                    if cap {
                        s.cap_stop_by_lang[k] += 1;
                    }
                }
            }
        }
    }
    const CUES: u32 = class::MONTH
        | class::WEEKDAY
        | class::TIME
        | class::AGENCY
        | class::CAPS_AGENCY
        | class::PHOTO
        | class::WIDGET
        | class::CAPTION;
    if cls & CUES != 0 {
        if cls & (class::MONTH | class::WEEKDAY | class::TIME) != 0
            && (cap || cls & class::TIME != 0)
        {
            s.date_tokens += 1;
        }
        if (cls & class::AGENCY != 0 && cap) || (cls & class::CAPS_AGENCY != 0 && caps_only()) {
            s.agency += 1;
        }
        s.photo += u32::from(cls & class::PHOTO != 0);
        s.widget += u32::from(cls & class::WIDGET != 0);
        s.caption_words += u32::from(cls & class::CAPTION != 0);
    }
}

/// The counts read once at a line's end: words that are not numbers are
/// those of letters (a word starting with a digit is counted numeric), and
/// a capital starts a word of letters.
#[inline(always)]
fn finish_word_stats(mut s: WordStats) -> WordStats {
    s.letters_words = s.words - s.numeric;
    s.cap_letters_words = s.capitalized;
    s
}

/// Bytes of a block of [`word_stats_ascii`].
const BLOCK: usize = 64;

/// [`word_stats_in`] of an ASCII line, counted into `s`; false (and `s` left
/// unfinished) when the line has a byte past ASCII. Each block of 64 bytes
/// is turned into bit masks of its letters, digits and capitals by
/// byte-parallel tests (eight bytes at a time), and
/// lowercased in the same pass: a word's start and end are then two
/// trailing-zero counts, and its lexicon key two loads from the lowercased
/// block. The words are those of [`words`]: runs of letters, runs of digits.
#[inline]
fn word_stats_ascii(
    page: &[u8],
    start: usize,
    line: &[u8],
    lexicon: &Lexicon,
    buf: &mut String,
    s: &mut WordStats,
) -> bool {
    // Whether the previous block ended in a letter or a digit (its run
    // carries on into this block: no word starts at its first byte).
    let (mut carry_l, mut carry_d) = (0u64, 0u64);
    for (b, chunk) in line.chunks(BLOCK).enumerate() {
        let base = b * BLOCK;
        // The block lowercased, zero-padded: a key loaded at a word's start
        // reads at most 16 bytes.
        let mut lower = [0u8; BLOCK + 16];
        let (mut l, mut d, mut u, mut high) = (0u64, 0u64, 0u64, 0u64);
        // Eight bytes at a time from the block's last ones, each chunk's
        // bits shifted in below those read: a chain that is not vectorised
        // (the vector code emulated the gathers' 64-bit multiplications).
        for k in (0..chunk.len().div_ceil(8)).rev() {
            let at = 8 * k;
            let x = match chunk.get(at..at + 8) {
                Some(w) => w.try_into().map_or(0, u64::from_le_bytes),
                // The block's last bytes: loaded with the page's bytes after
                // them, masked off (or copied at the page's end).
                None => {
                    let rest = chunk.get(at..).unwrap_or_default();
                    let after = start + base + at;
                    match page.get(after..after + 8) {
                        Some(w) => {
                            w.try_into().map_or(0, u64::from_le_bytes)
                                & (u64::MAX >> (64 - 8 * rest.len()))
                        }
                        None => {
                            let mut w = [0u8; 8];
                            w[..rest.len()].copy_from_slice(rest);
                            u64::from_le_bytes(w)
                        }
                    }
                }
            };
            high |= x;
            let letters = between(x | (ONES * 0x20), b'a', b'z');
            // Capitals are the letters without the 0x20 bit.
            let upper = letters & !(x << 2);
            l = (l << 8) | gather(letters);
            u = (u << 8) | gather(upper);
            d = (d << 8) | gather(between(x, b'0', b'9'));
            if let Some(w) = lower.get_mut(at..at + 8) {
                w.copy_from_slice(&(x | (letters >> 2)).to_le_bytes());
            }
        }
        if high & HIGH != 0 {
            return false;
        }
        let starts = (l & !((l << 1) | carry_l)) | (d & !((d << 1) | carry_d));
        carry_l = l >> 63;
        carry_d = d >> 63;
        if starts == 0 {
            continue;
        }
        // The counts that need no word's bytes, from the masks: a capital
        // or a digit starts a word of letters or of digits.
        // (The words, capitals and numbers are counted in the loops below:
        // `count_ones` is no instruction of the baseline x86-64.)
        let before = s.words;
        let cap_at = |i: u32| u >> i & 1 != 0;
        if before < 2 {
            let first = starts.trailing_zeros();
            let next = starts & (starts - 1);
            if before == 0 {
                s.first_cap = cap_at(first);
                if next != 0 {
                    s.second_cap = cap_at(next.trailing_zeros());
                }
            } else {
                s.second_cap = cap_at(first);
            }
        }
        // The byte length of the run of letters (or digits) at `i`, read
        // from the bytes when it runs on past the block.
        let run_at = |i: usize, letter: bool| {
            let run = (!((if letter { l } else { d }) >> i)).trailing_zeros() as usize;
            if i + run < BLOCK {
                return (run, true);
            }
            let rest = line.get(base + i..).unwrap_or_default();
            let len = rest
                .iter()
                .position(|c| {
                    if letter {
                        !c.is_ascii_alphabetic()
                    } else {
                        !c.is_ascii_digit()
                    }
                })
                .unwrap_or(rest.len());
            (len, false)
        };
        let bytes_at =
            |i: usize, len: usize| line.get(base + i..base + i + len).unwrap_or_default();
        // Words in capitals (two letters or more).
        let mut caps = starts & u;
        while caps != 0 {
            let i = caps.trailing_zeros() as usize;
            caps &= caps - 1;
            s.capitalized += 1;
            let (len, inside) = run_at(i, true);
            let all_caps = len >= 2
                && if inside {
                    (u64::MAX >> (64 - len)) << i & !u == 0
                } else {
                    !bytes_at(i, len).iter().any(u8::is_ascii_lowercase)
                };
            s.all_caps_words += u32::from(all_caps);
        }
        // Numbers, and years: four digits starting 19 or 20.
        let mut nums = starts & d;
        while nums != 0 {
            let i = nums.trailing_zeros() as usize;
            nums &= nums - 1;
            s.numeric += 1;
            if !s.has_year {
                let (len, _) = run_at(i, false);
                let w = bytes_at(i, len);
                s.has_year = len == 4 && (w.starts_with(b"19") || w.starts_with(b"20"));
            }
        }
        // The lexicon's classes of each word. A word ends at the first end
        // of a run at or past its start (one that ends at the block's last
        // byte may run on: it is measured from its bytes).
        let ends = (l & !(l >> 1)) | (d & !(d >> 1));
        let mut rest = starts;
        let mut first = before == 0;
        let mut words = 0;
        while rest != 0 {
            let i = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            words += 1;
            let len = (ends >> i).trailing_zeros() as usize + 1;
            let (len, inside) = if i + len < BLOCK {
                (len, true)
            } else {
                run_at(i, l >> i & 1 != 0)
            };
            let cls = if inside && len <= PACKED_KEY {
                let key = |at: usize| {
                    lower
                        .get(at..)
                        .and_then(<[u8]>::first_chunk::<8>)
                        .map_or(0, |w| u64::from_le_bytes(*w))
                };
                let first = |n: usize| u64::MAX >> (64 - 8 * n);
                let k = if len > 8 {
                    [key(i), key(i + 8) & first(len - 8)]
                } else {
                    [key(i) & first(len), 0]
                };
                lexicon.packed_lower_classes(k, len)
            } else {
                // A word running on past the block, or longer than any key.
                let at = start + base + i;
                lexicon.ascii_word_classes(page, at, at + len, buf)
            };
            if first {
                s.first_cls = cls;
                first = false;
            }
            if cls != 0 {
                count_classes(s, cls, cap_at(i as u32), || {
                    let w = bytes_at(i, len);
                    w.iter().any(u8::is_ascii_uppercase) && !w.iter().any(u8::is_ascii_lowercase)
                });
            }
        }
        s.words += words;
    }
    *s = finish_word_stats(*s);
    true
}

/// Longest word whose key [`word_stats_ascii`] packs itself.
const PACKED_KEY: usize = 16;

/// The features of `text` whose words counted `s`: the text-level cues
/// (ends, separators, phrases, bracketed credits) are read here.
pub(crate) fn features_with(text: &str, s: &WordStats, vocab: &Vocab, lang: Language) -> Features {
    features_scanned(text, s, None, vocab, lang)
}

/// [`features_with`], given the text's byte scan when it is known.
pub(crate) fn features_scanned(
    text: &str,
    s: &WordStats,
    scan: Option<Scan>,
    vocab: &Vocab,
    lang: Language,
) -> Features {
    let sat = |n: u32| u16::try_from(n).unwrap_or(u16::MAX);
    // Each language's count is at most the number of words: when that fits
    // in 16 bits, the counts are narrowed without a test each.
    let narrow = |a: [u32; 8]| {
        if s.words <= u32::from(u16::MAX) {
            a.map(|n| n as u16)
        } else {
            a.map(sat)
        }
    };
    let mut f = Features {
        lang_known: lang != Language::Other,
        words: s.words,
        capitalized: s.capitalized,
        numeric: s.numeric,
        date_tokens: s.date_tokens,
        has_year: s.has_year,
        agency: s.agency,
        photo: s.photo,
        widget: s.widget,
        caption_words: s.caption_words,
        all_caps_words: s.all_caps_words,
        stop_by_lang: narrow(s.stop_by_lang),
        cap_stop_by_lang: narrow(s.cap_stop_by_lang),
        letters_words: s.letters_words,
        cap_letters_words: s.cap_letters_words,
        ..Features::default()
    };
    // Stop words never start with a digit, so the content words are the
    // letter words that are not stop words.
    let k = Language::ALL.iter().position(|l| *l == lang);
    let (stop, cap_stop) = k.map_or((0, 0), |k| (s.stop_by_lang[k], s.cap_stop_by_lang[k]));
    f.stop = stop;
    f.content = s.letters_words - stop;
    f.cap_content = s.cap_letters_words - cap_stop;
    let hints = s.hints;
    let first_cls = s.first_cls;
    let second_cap = s.second_cap;
    let trimmed = crate::words::trim(text);
    f.terminal = ends_terminal(trimmed);
    f.ends_colon = trimmed.ends_with(':');
    f.starts_lower = starts_lower(trimmed);
    f.byline_start = first_cls & class::BY != 0 && second_cap && f.words <= 14;
    f.attribution_cue = hints & class::ATTRIB != 0;
    f.wind_cue = hints & class::WIND != 0;
    let Scan {
        separators,
        commas,
        slash_name,
        has_clock,
        non_ascii,
    } = scan.unwrap_or_else(|| scan_text(trimmed));
    f.separators = separators;
    f.commas = commas;
    f.slash_name = slash_name;
    f.has_clock = has_clock;
    f.chars = if non_ascii {
        // Characters are the bytes that are not continuation bytes.
        trimmed.bytes().filter(|b| b & 0xC0 != 0x80).count() as u32
    } else {
        trimmed.len() as u32
    };
    if f.has_clock {
        f.date_tokens += 1;
    }
    // Phrase cues, on the head of the block only (prompts and legal lines say
    // what they are early), and only when one of the block's words can start
    // a phrase: the lexicon marks those words.
    f.copyright = non_ascii && trimmed.contains('©');
    use class::{O_CAPTION, O_CREDIT, O_RELATED, O_TAG, P_AGENCY, P_CAPTION, P_COPY, P_WIDGET};
    let wanted = (hints & (P_WIDGET | P_COPY | P_CAPTION | P_AGENCY))
        | (first_cls & (O_RELATED | O_CAPTION | O_TAG | O_CREDIT));
    // "©" or "(" first, as bytes: a pattern of characters decoded the
    // line's first character on every line.
    if wanted != 0 || matches!(trimmed.as_bytes(), [b'(', ..] | [0xC2, 0xA9, ..]) {
        // A long paragraph is a notice only if it says so at once.
        let mut cut = trimmed.len().min(if f.words <= 60 { 600 } else { 160 });
        while !trimmed.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = &trimmed[..cut];
        // An ASCII head is searched for phrases as it is (the automaton
        // reads capitals as lowercase letters), and only its first bytes,
        // all that the opener tests read, are lowercased.
        let mut lower = String::new();
        let mut prefix = [0u8; OPENER_BYTES];
        let search = hints & (P_WIDGET | P_COPY | P_CAPTION | P_AGENCY) != 0;
        let (l, phrases): (&[u8], u8) = if !non_ascii {
            let n = head.len().min(OPENER_BYTES);
            prefix[..n].copy_from_slice(&head.as_bytes()[..n]);
            prefix[..n].make_ascii_lowercase();
            let found = if search {
                vocab.phrases.find(head.as_bytes())
            } else {
                0
            };
            (&prefix[..n], found)
        } else {
            lower.reserve(head.len());
            lower_into(head, &mut lower);
            let l = lower.as_bytes();
            (l, if search { vocab.phrases.find(l) } else { 0 })
        };
        use crate::phrases::found;
        if hints & P_COPY != 0 {
            f.legal = phrases & found::LEGAL != 0;
            f.copyright |= phrases & (found::LEGAL | found::COPYRIGHT) != 0;
        }
        f.copyright |= l.starts_with(b"(c)");
        if hints & P_AGENCY != 0 && phrases & found::AGENCY != 0 {
            f.agency += 1;
        }
        f.tag_line = first_cls & O_TAG != 0
            && lexicon::TAG_OPENERS
                .iter()
                .any(|p| l.starts_with(p.as_bytes()));
        f.related_opener = first_cls & O_RELATED != 0
            && lexicon::RELATED_OPENERS
                .iter()
                .any(|p| l.starts_with(p.as_bytes()));
        f.widget_phrase = hints & P_WIDGET != 0 && phrases & found::WIDGET != 0;
        // "In this June 1, 2019, file photo, …": the wire's caption opener
        // with a date inside it.
        f.caption_opener = first_cls & O_CAPTION != 0
            && (lexicon::CAPTION_OPENERS
                .iter()
                .any(|p| l.starts_with(p.as_bytes()))
                || (l.starts_with(b"in this ")
                    && head_of(l, 60).is_some_and(|h| {
                        [&b" photo"[..], b" image", b" picture"]
                            .iter()
                            .any(|w| memchr::memmem::find(h, w).is_some())
                    })));
        f.caption_phrase = hints & P_CAPTION != 0 && phrases & found::CAPTION != 0;
        f.credit_opener = l.starts_with("©".as_bytes())
            || l.starts_with(b"(photo")
            || (first_cls & O_CREDIT != 0
                && (lexicon::CREDIT_OPENERS
                    .iter()
                    .any(|p| l.starts_with(p.as_bytes()))
                    || f.photo > 0
                        && lexicon::PHOTO_CREDIT_OPENERS
                            .iter()
                            .any(|p| l.starts_with(p.as_bytes()))));
    }
    if trimmed.ends_with(')') || trimmed.ends_with(']') {
        let bracket = if trimmed.ends_with(']') { '[' } else { '(' };
        if let Some(open) = trimmed.rfind(bracket) {
            {
                let inner = &trimmed[open..];
                let inner_feats = paren_credit(inner, vocab);
                if inner_feats {
                    if trimmed[..open].trim().is_empty() {
                        f.paren_credit_only = true;
                    } else {
                        f.paren_credit_end = true;
                    }
                }
            }
        }
    }
    f
}

/// The first `n` bytes of UTF-8 `l` (all of it if shorter), or `None` when
/// they end inside a character, as `str::get` answers.
fn head_of(l: &[u8], n: usize) -> Option<&[u8]> {
    let n = l.len().min(n);
    (n == l.len() || l[n] & 0xC0 != 0x80).then(|| &l[..n])
}

/// Bytes of a block's lowercased head that the opener tests read: the
/// longest opener, and the 60 bytes searched for "photo" after "in this ".
const OPENER_BYTES: usize = 64;

/// What the byte scan of a block's text counts. A hard-wrapped block's scan
/// is the sum of its lines' (see [`Scan::then`]), so that it is not read twice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Scan {
    pub separators: u32,
    pub commas: u32,
    pub slash_name: bool,
    pub has_clock: bool,
    pub non_ascii: bool,
}

impl Scan {
    /// The scan of a line as its features recorded it (`bytes`: the line's length).
    pub(crate) fn of_line(f: &Features, bytes: usize) -> Scan {
        Scan {
            separators: f.separators,
            commas: f.commas,
            slash_name: f.slash_name,
            has_clock: f.has_clock,
            non_ascii: (f.chars as usize) < bytes,
        }
    }

    /// The scan of `self`'s text, then whitespace `gap`, then `line` (with
    /// scan `next`); `None` where a cue may straddle the line break (a slash
    /// at a line's edge, a clock time ending one byte before a line's end)
    /// and the joined text must be read itself.
    #[inline]
    pub(crate) fn then(
        &self,
        prev_line: &[u8],
        gap: &[u8],
        line: &[u8],
        next: &Scan,
    ) -> Option<Scan> {
        let edge_slash = |l: &[u8]| l.starts_with(b"/") || l.ends_with(b"/");
        let clock_tail = |l: &[u8]| l.len() >= 2 && l[l.len() - 2] == b':';
        if edge_slash(prev_line) || edge_slash(line) || clock_tail(prev_line) {
            return None;
        }
        Some(Scan {
            separators: self.separators + next.separators,
            commas: self.commas + next.commas,
            slash_name: self.slash_name || next.slash_name,
            has_clock: self.has_clock || next.has_clock,
            non_ascii: self.non_ascii || next.non_ascii || !gap.is_ascii(),
        })
    }
}

/// Scans a block's (trimmed) text for bars, commas, slashes between names,
/// clock times and bytes past ASCII.
pub(crate) fn scan_text(trimmed: &str) -> Scan {
    let bytes = trimmed.as_bytes();
    let mut sc = Scan::default();
    let mut i = 0;
    // Eight bytes at a time: a chunk without a byte of interest is passed
    // at once, and in the others only those bytes are visited.
    let load = |chunk: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        u64::from_le_bytes(w)
    };
    // Sixteen bytes a turn of the loop, its two chunks tested together:
    // most of a line's chunks have no byte of interest, and the loop's own
    // counting and bounds test were half of a chunk's cost.
    let mut pairs = bytes.chunks_exact(16);
    for pair in &mut pairs {
        let (a, b) = (hits_of(load(&pair[..8])), hits_of(load(&pair[8..])));
        if a | b != 0 {
            visit_hits(bytes, a, i, &mut sc);
            visit_hits(bytes, b, i + 8, &mut sc);
        }
        i += 16;
    }
    // At most one chunk is left before the last bytes.
    if let Some(chunk) = bytes.get(i..i + 8) {
        visit_hits(bytes, hits_of(load(chunk)), i, &mut sc);
        i += 8;
    }
    // The last bytes as one more chunk: the text's last eight bytes with
    // those read already masked off, or a short text padded with zeros
    // (no byte of interest) and the padding masked off.
    let rest = bytes.len() - i;
    if rest > 0 {
        if let Some(at) = bytes.len().checked_sub(8) {
            let seen = 8 * (8 - rest) as u32;
            visit_hits(
                bytes,
                hits_of(load(&bytes[at..])) & (u64::MAX << seen),
                at,
                &mut sc,
            );
        } else {
            let mut w = [0u8; 8];
            w[..rest].copy_from_slice(&bytes[i..]);
            let pad = 8 * (8 - rest) as u32;
            visit_hits(
                bytes,
                hits_of(u64::from_le_bytes(w)) & (u64::MAX >> pad),
                i,
                &mut sc,
            );
        }
    }
    if sc.non_ascii {
        sc.separators += wide_separators(bytes);
    }
    sc
}

/// The bytes of interest of a chunk (and perhaps a neighbour byte: see
/// [`zero_below`]), in their high bits.
#[inline(always)]
fn hits_of(x: u64) -> u64 {
    (x | zero_below(x, b',') | zero_below(x, b'|') | zero_below(x, b'/') | zero_below(x, b':'))
        & HIGH
}

/// Scans the bytes flagged in `hits`, of the chunk at `at`.
#[inline(always)]
fn visit_hits(bytes: &[u8], mut hits: u64, at: usize, sc: &mut Scan) {
    while hits != 0 {
        let k = at + (hits.trailing_zeros() / 8) as usize;
        if bytes[k] == b',' {
            sc.commas += 1;
        } else {
            scan_byte(bytes, k, sc);
        }
        hits &= hits - 1;
    }
}

/// The scan of one byte other than a comma.
#[inline]
fn scan_byte(bytes: &[u8], i: usize, sc: &mut Scan) {
    match bytes[i] {
        b'|' => sc.separators += 1,
        b'/' => {
            let before = bytes[..i].iter().rev().find(|c| !c.is_ascii_whitespace());
            let after = bytes[i + 1..].iter().find(|c| !c.is_ascii_whitespace());
            if before.is_some_and(|c| c.is_ascii_alphabetic())
                && after.is_some_and(|c| c.is_ascii_uppercase())
            {
                sc.slash_name = true;
            }
        }
        b':' if i > 0
            && i + 2 < bytes.len()
            && bytes[i - 1].is_ascii_digit()
            && bytes[i + 1].is_ascii_digit() =>
        {
            sc.has_clock = true;
        }
        0x80.. => sc.non_ascii = true,
        _ => {}
    }
}

/// In its bytes' high bits, the bytes of `x` that equal `c`, and perhaps a
/// byte `c ^ 1` right above one of those (the borrow of the `v - ONES` test):
/// a test half as long as an exact one, for a scan that reads each byte it
/// flags (`c ^ 1` of the scan's bytes is none of them). Other bits are junk:
/// mask with `HIGH`.
#[inline]
fn zero_below(x: u64, c: u8) -> u64 {
    let v = x ^ (ONES * u64::from(c));
    v.wrapping_sub(ONES) & !v
}

/// The separators › » • · ▸ ► in UTF-8 `bytes`, found by their bytes
/// (0xC2 and 0xE2 only ever lead a character).
fn wide_separators(bytes: &[u8]) -> u32 {
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let hit = match b {
            0xC2 => matches!(bytes.get(i + 1), Some(0xBB | 0xB7)),
            0xE2 => matches!(
                (bytes.get(i + 1), bytes.get(i + 2)),
                (Some(0x80), Some(0xBA | 0xA2)) | (Some(0x96), Some(0xB8 | 0xBA))
            ),
            _ => false,
        };
        n += u32::from(hit);
    }
    n
}

/// Whether a parenthesised group is a photo credit: an agency or a photo word,
/// a few capitalised words.
fn paren_credit(inner: &str, vocab: &Vocab) -> bool {
    let mut n = 0;
    let mut cue = false;
    let mut buf = String::new();
    for w in words(inner) {
        n += 1;
        let cls = vocab.lexicon.word_classes(w, &mut buf);
        if (cls & class::AGENCY != 0 && is_capitalized(w))
            || (cls & class::CAPS_AGENCY != 0 && is_all_caps(w))
            || cls & class::PHOTO != 0 && is_capitalized(w)
        {
            cue = true;
        }
    }
    // "(Philip Bump/The Washington Post)": names on both sides of a slash.
    let slash = inner.split_once('/').is_some_and(|(a, b)| {
        let cap = |s: &str| {
            words(s).filter(|w| w.len() > 3).all(is_capitalized) && words(s).next().is_some()
        };
        cap(a) && cap(b)
    });
    (cue || slash) && n <= 10
}

/// Whether the first letter of `t` is lowercase. ASCII bytes before it are
/// read as bytes; characters are decoded from the first byte past ASCII on.
#[inline]
fn starts_lower(t: &str) -> bool {
    // Most lines start with a letter: its case answers, before the loop.
    if let Some(&b) = t.as_bytes().first() {
        if b.is_ascii_alphabetic() {
            return b.is_ascii_lowercase();
        }
    }
    starts_lower_past(t)
}

/// [`starts_lower`] of a text that does not start with an ASCII letter.
fn starts_lower_past(t: &str) -> bool {
    for (i, &b) in t.as_bytes().iter().enumerate() {
        if b.is_ascii_alphabetic() {
            return b.is_ascii_lowercase();
        }
        if !b.is_ascii() {
            return t.get(i..).is_some_and(|rest| {
                rest.chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_lowercase)
            });
        }
    }
    false
}

/// Ends with . ! ? … (or such followed by closing quotes or brackets).
#[inline]
pub fn ends_terminal(s: &str) -> bool {
    // Most lines end with an ASCII letter, digit or full stop: the last byte
    // answers (inline, where every line's features are read), without
    // decoding characters backwards.
    match s.as_bytes().last() {
        None => false,
        Some(b'.' | b'!' | b'?') => true,
        Some(&b) if b.is_ascii() && !matches!(b, b'"' | b'\'' | b')' | b']') => false,
        _ => ends_terminal_quoted(s),
    }
}

/// [`ends_terminal`] of a text ending with a quote, a bracket or a
/// character past ASCII.
fn ends_terminal_quoted(s: &str) -> bool {
    for c in s.chars().rev() {
        match c {
            '"' | '\'' | '’' | '”' | '»' | ')' | ']' | '“' => continue,
            '.' | '!' | '?' | '…' | '。' => return true,
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feat(s: &str) -> Features {
        features(s, &Vocab::default(), Language::En)
    }

    /// Credit lines of the seed page and of `syndication_dev.jsonl`'s caption lines (the
    /// output of `make_syndication.py`, which may be copied: `../shared/eval/README.md`).
    #[test]
    fn head_of_answers_as_str_get() {
        for t in ["in this photo", "in this é photo", "ééééé", ""] {
            for n in 0..=t.len() + 1 {
                let want = t.get(..t.len().min(n)).map(str::as_bytes);
                assert_eq!(head_of(t.as_bytes(), n), want, "{t} {n}");
            }
        }
    }

    /// The opener tests read a lowercased prefix of an ASCII head: every
    /// opener must fit in it.
    #[test]
    fn openers_fit_the_lowercased_prefix() {
        let lists = [
            lexicon::TAG_OPENERS,
            lexicon::RELATED_OPENERS,
            lexicon::CAPTION_OPENERS,
        ];
        for p in lists.iter().flat_map(|l| l.iter()) {
            assert!(p.len() <= OPENER_BYTES, "{p}");
        }
        const { assert!(60 <= OPENER_BYTES) };
    }

    #[test]
    fn credits() {
        for s in [
            "© Photo: Vadim Savitsky/Russian Defense Ministry",
            "© Sputnik/ Valeriy Melnikov",
            "© AP Photo/ Alexander Zemlianichenko",
            "Pablo Martinez Monsivais/AP",
            "(AP Photo/Markus Schreiber)",
            "Jasper Juinen, Getty Images",
            "Mikhail Metzel | TASS | Getty Images",
            "Photograph by Brendan Smialowski / AFP / Getty",
            "Michael Loccisano/Getty Images for Spotify",
        ] {
            assert!(feat(s).is_credit(), "{s}");
        }
        for s in [
            "Russian Foreign Minister Sergey Lavrov will start his working visit to the United States on Tuesday.",
            "Threat of Conflict Between US, Russia in Arctic Remains Low - State Department",
            "© 2018 The Associated Press. All Rights Reserved.",
        ] {
            assert!(!feat(s).is_credit(), "{s}");
        }
    }

    /// Stop words of one language and of several (the one-language path
    /// and the per-language loop) are counted as the lists say.
    #[test]
    fn stop_words_counted_per_language() {
        let vocab = Vocab::default();
        let text =
            "The trade deficit of a Die hard in la Casa de la Moneda, Reuters said A year ago";
        let s = word_stats(text, &vocab);
        let (mut stop, mut cap_stop) = ([0u32; 8], [0u32; 8]);
        let mut buf = String::new();
        for w in words(text) {
            let langs = vocab.stop.langs_of(crate::words::lowered(w, &mut buf));
            for k in 0..8 {
                if langs & (1 << k) != 0 {
                    stop[k] += 1;
                    cap_stop[k] += u32::from(is_capitalized(w));
                }
            }
        }
        assert_eq!((s.stop_by_lang, s.cap_stop_by_lang), (stop, cap_stop));
        assert!(stop.iter().filter(|&&n| n > 0).count() >= 4);
    }

    /// The block-mask reading of ASCII lines against the word-by-word one,
    /// on wire copy and credits cut at every length (words that run on past
    /// a 64-byte block, keys near the page's end, long words).
    #[test]
    fn ascii_blocks_count_as_words_do() {
        let vocab = Vocab::default();
        let page = "SAO PAULO, March 2 - Brazil's coffee exports in February rose to 1,234,567 bags (AP Photo/Markus Schreiber) said the IBC on Monday, according to Reuters and AFP sources, 1987 and 2019 figures; Extraordinarily-long-words like Internationalization and ABCDEFGHIJKLMNOPQRSTUVWXYZabc12345678901234567890 in the Tuesday JAN 1986 report by von Mises, EPA, dpa and UPI... 10:30 GMT";
        let mut buf = String::new();
        for a in 0..page.len() {
            for b in a..=page.len().min(a + 200) {
                let line = &page[a..b];
                let mut fast = WordStats::default();
                let ascii = word_stats_ascii(
                    page.as_bytes(),
                    a,
                    line.as_bytes(),
                    &vocab.lexicon,
                    &mut buf,
                    &mut fast,
                );
                let slow = word_stats_words(page, a, line, &vocab, &mut buf);
                assert!(ascii, "{line:?}");
                assert_eq!(fast, slow, "{line:?}");
            }
        }
        let wide = "Caf\u{e9} Reuters";
        assert!(!word_stats_ascii(
            wide.as_bytes(),
            0,
            wide.as_bytes(),
            &vocab.lexicon,
            &mut buf,
            &mut WordStats::default()
        ));
    }

    #[test]
    fn line_counts_add_up_to_the_block_counts() {
        let vocab = Vocab::default();
        let text = "It could be months before major assistance is provided for\nEarthquake-stricken Ecuador, although the fund has taken the\nfirst steps, sources said. (AP Photo/\nMarkus Schreiber)";
        let mut sum = WordStats::default();
        for line in text.lines() {
            sum = sum.then(&word_stats(line, &vocab));
        }
        assert_eq!(sum, word_stats(text, &vocab));
        for lang in [Language::En, Language::Other] {
            assert_eq!(
                features_with(text, &sum, &vocab, lang),
                features(text, &vocab, lang)
            );
        }
    }

    #[test]
    fn line_scans_add_up_to_the_block_scan_or_decline() {
        let vocab = Vocab::default();
        for text in [
            "Prices rose, traders said | at 10:30 GMT\n    the index, by › contrast,\nfell to 1,234 (Reuters/AP Photo)",
            "A slash at the end /\nThe next line",
            "Opened at 9:3\n0 and closed",
            "caf\u{e9} au lait,\n\u{a0} next line",
        ] {
            let lines: Vec<(usize, usize)> = {
                let mut v = Vec::new();
                let mut pos = 0;
                for l in text.split('\n') {
                    let t = l.trim();
                    let start = pos + (t.as_ptr() as usize - l.as_ptr() as usize);
                    v.push((start, start + t.len()));
                    pos += l.len() + 1;
                }
                v
            };
            let scan_of = |&(a, b): &(usize, usize)| {
                let t = &text[a..b];
                Scan::of_line(&features(t, &vocab, Language::En), t.len())
            };
            let mut acc = Some(scan_of(&lines[0]));
            for w in lines.windows(2) {
                let (p, n) = (w[0], w[1]);
                acc = acc.and_then(|a| {
                    let b = text.as_bytes();
                    a.then(&b[p.0..p.1], &b[p.1..n.0], &b[n.0..n.1], &scan_of(&n))
                });
            }
            match acc {
                Some(sum) => assert_eq!(sum, scan_text(text.trim()), "{text:?}"),
                None => assert!(text.contains("/\n") || text.contains(":3\n"), "{text:?}"),
            }
        }
    }

    /// The eight-byte scan against a byte-at-a-time one, on text where a
    /// scanned byte is followed by its neighbour code (`,-` `/.` `:;` `|}`),
    /// which the eight-byte test may flag too.
    #[test]
    fn byte_scan_matches_a_scan_byte_by_byte() {
        for s in [
            "Prices rose 1,-2 pct, the dealers said, at 10:30/11:00 GMT",
            "a,-b,,c//.d::;e||}f ,- /. :; |} Reuters/AP Photo and 9:3",
            "caf\u{e9}, na\u{ef}ve | Home \u{203a} News/Sport ,-,-,-,-,-,-",
            ",-,-,-,-,-,-,-,-/./././././.:;:;:;:;|}|}|}|}",
        ]
        .iter()
        // Every length, so that the last, partial chunk is met at every width.
        .flat_map(|s| {
            (0..=s.len())
                .filter(|&n| s.is_char_boundary(n))
                .flat_map(move |n| [&s[..n], &s[n..]])
        }) {
            let bytes = s.as_bytes();
            let mut want = Scan::default();
            for k in 0..bytes.len() {
                if bytes[k] == b',' {
                    want.commas += 1;
                } else {
                    scan_byte(bytes, k, &mut want);
                }
            }
            if want.non_ascii {
                want.separators += wide_separators(bytes);
            }
            assert_eq!(scan_text(s), want, "{s}");
        }
    }

    #[test]
    fn wide_separators_and_characters_counted_on_bytes() {
        for s in [
            "Home › News » Sport • Live · More ▸ x ► y",
            "naïve — café",
            "»»",
            "",
        ] {
            let want = s
                .chars()
                .filter(|c| matches!(c, '›' | '»' | '•' | '·' | '▸' | '►'))
                .count() as u32;
            assert_eq!(wide_separators(s.as_bytes()), want, "{s}");
            let f = features(s, &Vocab::default(), Language::En);
            assert_eq!(f.chars as usize, s.chars().count(), "{s}");
        }
    }

    #[test]
    fn dates_and_prose() {
        let f = feat("06:36 GMT +309 May 2017");
        assert!(f.date_share() >= 0.8 && f.has_clock);
        let f = feat("Tillerson said that Lavrov’s visit may indicate the rapprochement process, but noted that only the outcome of talks will reveal the state of relations.");
        assert!(f.is_prose() && f.terminal);
        assert!(feat(
            "Russia 'Very Cooperative' Member of Arctic Council, US State Department Says"
        )
        .is_title_like());
        assert!(feat("Putin and Trump meet on the sidelines of the G-20 summit. (Michael Klimentyev/Sputnik)").paren_credit_end);
    }

    /// Wire captions from the fixtures (a Scrapinghub page of AP copy, the
    /// syndication fixture): the opener holds with a date inside it; prose
    /// that starts "In this" without a picture word (a Reuters sentence of
    /// corpus/syndication) does not open a caption.
    #[test]
    fn wire_caption_openers_with_a_date_inside() {
        for c in [
            "In this Monday, Oct. 28, 2019, file photo, U.S. Ambassador to the European Union Gordon Sondland walks to a secure area of the Capitol",
            "FILE - In this June 24, 2003 file photo Russian President, Vladimir Putin, stands by Britain's Queen Elizabeth II before they enter Buckingham Palace, London.",
        ] {
            assert!(feat(c).caption_opener, "{c}");
        }
        assert!(!feat("In this way West Germany had made its contribution to economic stability, Stoltenberg added.").caption_opener);
    }
}
