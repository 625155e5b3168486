//! Sentence splitting for body blocks.
//!
//! A boundary is a sentence stop (. ! ? …) followed by optional closing
//! quotes or brackets, whitespace, and a word that can open a sentence
//! (capital, digit, opening quote). It is not a boundary after an
//! abbreviation (Mr., Gen., Jan., U.S., e.g.), an initial (J. R. R.), or a
//! number in a list. Decimals never qualify since no space follows the point.
//! Datelines such as "MOSCOW (Sputnik) —" hold no stop and stay with their
//! sentence.

/// Abbreviations that do not end a sentence (lowercase, without the final point).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "maj", "st", "jr", "sr", "inc", "corp", "ltd", "bros", "vs", "etc", "e.g",
    "i.e", "cf", "al", "no", "nos", "fig", "figs", "mt", "ft", "dept", "univ", "ave", "blvd", "rd",
    "hon", "rev", "fr", "messrs", "mme", "mlle", "hr", "dipl", "ing", "sra", "sr", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "p",
    "pp", "vol", "art", "para", "u.s", "u.k", "u.n", "e.u", "d.c", "a.m", "p.m", "ph.d", "b.a",
    "m.a", "z.b", "bzw", "ca", "ggf", "usw", "vgl", "nr", "s", "sgt", "pvt", "supt", "det", "insp",
    "op", "ed", "eds", "ibid", "viz", "sq", "km", "min", "max", "tel", "ext",
];

/// Byte ranges of the sentences of `text`, trimmed of surrounding whitespace.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Swallow repeated stops and closing quotes/brackets.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if matches!(
                d,
                '.' | '!' | '?' | '…' | '"' | '\'' | '’' | '”' | '»' | ')' | ']'
            ) {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        // Whitespace must follow.
        let rest = &text[end..];
        let ws = rest.len() - rest.trim_start().len();
        if ws == 0 && !rest.is_empty() {
            continue;
        }
        let next = rest.trim_start().chars().next();
        let opens = next.is_none_or(|n| {
            n.is_uppercase()
                || n.is_ascii_digit()
                || matches!(n, '"' | '“' | '‘' | '\'' | '«' | '(' | '¿' | '¡')
        });
        if !opens {
            continue;
        }
        if c == '.' && end == i + 1 && !is_sentence_end_word(&text[start..i]) {
            continue;
        }
        let s = trim_span(text, start, end);
        if s.0 < s.1 {
            out.push(s);
        }
        start = end;
        let _ = bytes;
    }
    let s = trim_span(text, start, text.len());
    if s.0 < s.1 {
        out.push(s);
    }
    out
}

/// The sentences of `text`.
pub fn split_sentences(text: &str) -> Vec<&str> {
    sentence_spans(text)
        .into_iter()
        .map(|(a, b)| &text[a..b])
        .collect()
}

fn trim_span(text: &str, a: usize, b: usize) -> (usize, usize) {
    let s = &text[a..b];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    (a + lead, a + lead + t.len())
}

/// Whether the word before a single point (the tail of `before`) lets the
/// point end a sentence.
fn is_sentence_end_word(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘' | '«' | '—' | '–'))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    let letters: Vec<char> = word.chars().collect();
    // An initial: one capital letter ("J."), or dotted letters ("U.S", "J.R").
    if letters.len() == 1 && letters[0].is_uppercase() {
        return false;
    }
    if letters.len() <= 5
        && letters.iter().all(|c| c.is_alphabetic() || *c == '.')
        && word.contains('.')
    {
        return false;
    }
    // A list number at the start of the text: "1. First".
    if letters.iter().all(char::is_ascii_digit) && before.trim() == word && letters.len() <= 2 {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Golden-Rules-style cases (after pySBD's English list), our own wording.
    #[test]
    fn golden_rules() {
        let cases: &[(&str, &[&str])] = &[
            ("Hello World. My name is Jonas.", &["Hello World.", "My name is Jonas."]),
            ("What is your name? My name is Jonas.", &["What is your name?", "My name is Jonas."]),
            ("There it is! I found it.", &["There it is!", "I found it."]),
            ("My name is Jonas E. Smith.", &["My name is Jonas E. Smith."]),
            ("Please turn to p. 55.", &["Please turn to p. 55."]),
            ("Were Jane and co. at the party?", &["Were Jane and co. at the party?"]),
            ("They closed the deal with Pitt, Briggs & Co. at noon.", &["They closed the deal with Pitt, Briggs & Co. at noon."]),
            ("Let's ask Jane and co. They should know.", &["Let's ask Jane and co.", "They should know."]),
            ("He sold 2.5 mln shares at 3.75 dlrs each. Prices fell.", &["He sold 2.5 mln shares at 3.75 dlrs each.", "Prices fell."]),
            ("Mr. Smith met Dr. Jones on Jan. 5 in St. Petersburg.", &["Mr. Smith met Dr. Jones on Jan. 5 in St. Petersburg."]),
            ("The U.S. Treasury said so. Markets rallied.", &["The U.S. Treasury said so.", "Markets rallied."]),
            ("J. R. R. Tolkien wrote it. It sold well.", &["J. R. R. Tolkien wrote it.", "It sold well."]),
            ("\"I am done,\" he said. \"Go home.\" She left.", &["\"I am done,\" he said.", "\"Go home.\"", "She left."]),
            ("\"Are you coming?\" she asked. He nodded.", &["\"Are you coming?\" she asked.", "He nodded."]),
            ("MOSCOW (Sputnik) — Lavrov is scheduled to meet Tillerson on Wednesday. The talks follow.", &["MOSCOW (Sputnik) — Lavrov is scheduled to meet Tillerson on Wednesday.", "The talks follow."]),
            ("WASHINGTON, March 2 (Reuters) - The dollar rose. Bonds fell.", &["WASHINGTON, March 2 (Reuters) - The dollar rose.", "Bonds fell."]),
            ("It was 5 p.m. when we left. Nobody noticed.", &["It was 5 p.m. when we left.", "Nobody noticed."]),
            ("The temperature was 36.6 degrees... Then it fell.", &["The temperature was 36.6 degrees...", "Then it fell."]),
            ("This is e.g. an example. And i.e. another.", &["This is e.g. an example.", "And i.e. another."]),
            ("She works at www.example.com today. Really.", &["She works at www.example.com today.", "Really."]),
            ("1. The first item is here. 2. The second follows.", &["1. The first item is here.", "2. The second follows."]),
            ("Der Minister sagte es. Die Gespräche gehen weiter.", &["Der Minister sagte es.", "Die Gespräche gehen weiter."]),
            ("Министр заявил об этом. Переговоры продолжатся.", &["Министр заявил об этом.", "Переговоры продолжатся."]),
            ("He left (finally). Then we ate.", &["He left (finally).", "Then we ate."]),
            ("No stop at the end", &["No stop at the end"]),
        ];
        for (text, want) in cases {
            assert_eq!(split_sentences(text), *want, "{text}");
        }
    }
}
