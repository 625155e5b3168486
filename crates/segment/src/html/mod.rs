//! HTML into units: a streaming tokenizer builds only the block tree needed
//! (block elements, their cue flags, the text of each block), then the
//! container holding the article's prose is chosen (Readability-style
//! scoring: prose in, template out) and every unit gets its DOM hints.

mod entities;
mod names;
mod tokenizer;

use crate::features::{features, Vocab};
use crate::stopwords::Language;
use crate::unit::{HtmlHints, Unit};
use names::flag;
use tokenizer::{Token, Tokenizer};

/// An element of the block tree.
#[derive(Debug, Clone)]
struct Elem {
    parent: usize,
    /// Flags of this element and all its ancestors.
    inherited: u32,
    /// Characters of prose below it.
    prose: f32,
    /// Characters of other text below it.
    other: f32,
}

const NO_PARENT: usize = usize::MAX;

fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "br" | "img"
            | "hr"
            | "input"
            | "meta"
            | "link"
            | "wbr"
            | "source"
            | "area"
            | "base"
            | "col"
            | "embed"
            | "param"
            | "track"
            | "keygen"
    )
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "frame"
            | "frameset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "option"
            | "select"
            | "noscript"
            | "caption"
            | "button"
            | "head"
            | "iframe"
            | "legend"
            | "textarea"
            | "video"
            | "audio"
            | "object"
    )
}

/// A unit while the tree is built.
struct Pending {
    text: String,
    link_chars: usize,
    elem: usize,
    flags: u32,
}

struct Builder {
    elems: Vec<Elem>,
    stack: Vec<(tokenizer::TagName, usize)>,
    text: String,
    link_chars: usize,
    /// Characters of the open unit carrying each flag of `names::flag::UNIT_FLAGS`.
    flag_chars: [usize; 17],
    chars: usize,
    out: Vec<Pending>,
    last_br: bool,
    scratch: String,
}

impl Builder {
    fn top(&self) -> usize {
        self.stack.last().map_or(NO_PARENT, |s| s.1)
    }

    fn top_flags(&self) -> u32 {
        self.stack.last().map_or(0, |s| self.elems[s.1].inherited)
    }

    fn flush(&mut self) {
        let trimmed = self.text.trim();
        if !trimmed.is_empty() && self.chars > 0 {
            let mut flags = 0;
            for (i, f) in flag::UNIT_FLAGS.iter().enumerate() {
                if self.flag_chars[i] * 2 >= self.chars {
                    flags |= f;
                }
            }
            // The block's own container decides chrome and figure too.
            flags |=
                self.top_flags() & (flag::CHROME | flag::FIGURE | flag::HIDDEN | flag::COMMENTS);
            self.out.push(Pending {
                text: trimmed.to_string(),
                link_chars: self.link_chars,
                elem: self.top(),
                flags,
            });
        }
        self.text.clear();
        self.link_chars = 0;
        self.flag_chars = [0; 17];
        self.chars = 0;
    }

    fn text(&mut self, raw: &str) {
        let flags = self.top_flags();
        if flags & flag::HIDDEN != 0 {
            return;
        }
        self.scratch.clear();
        entities::decode_into(raw, &mut self.scratch);
        let mut n = 0usize;
        let mut space = self.text.is_empty() || self.text.ends_with(' ');
        for c in self.scratch.chars() {
            if c.is_whitespace() || c == '\u{ad}' || c == '\u{200b}' {
                if !space {
                    self.text.push(' ');
                    space = true;
                }
            } else {
                self.text.push(c);
                space = false;
                n += 1;
            }
        }
        if n == 0 {
            return;
        }
        self.last_br = false;
        self.chars += n;
        if flags & flag::LINK != 0 {
            self.link_chars += n;
        }
        for (i, f) in flag::UNIT_FLAGS.iter().enumerate() {
            if flags & f != 0 {
                self.flag_chars[i] += n;
            }
        }
    }

    fn start(
        &mut self,
        name: tokenizer::TagName,
        attrs: &tokenizer::Attrs<'_>,
        self_closing: bool,
    ) {
        let tag = name.as_str();
        if tag == "br" {
            if self.last_br {
                self.flush();
            } else if !self.text.ends_with(' ') {
                self.text.push(' ');
            }
            self.last_br = true;
            return;
        }
        self.last_br = false;
        if is_void(tag) {
            if tag == "hr" {
                self.flush();
            }
            return;
        }
        // Implicitly closed elements: a new <p> closes an open <p>, and so on.
        if matches!(
            tag,
            "p" | "li" | "td" | "th" | "tr" | "dt" | "dd" | "option"
        ) {
            let barrier = |t: &str| {
                matches!(
                    t,
                    "div"
                        | "table"
                        | "ul"
                        | "ol"
                        | "dl"
                        | "section"
                        | "article"
                        | "body"
                        | "blockquote"
                )
            };
            let mut k = self.stack.len();
            while k > 0 {
                let t = self.stack[k - 1].0;
                if t == name || (tag == "tr" && t.as_str() == "td") {
                    self.flush();
                    self.stack.truncate(k - 1);
                    break;
                }
                if barrier(t.as_str()) || k + 12 < self.stack.len() {
                    break;
                }
                k -= 1;
            }
        }
        if is_block(tag) {
            self.flush();
        }
        if self_closing {
            return;
        }
        let mut own = names::element_flags(
            tag,
            attrs.class,
            attrs.id,
            attrs.rel,
            attrs.itemprop,
            attrs.role,
        );
        if attrs.hidden {
            own |= flag::HIDDEN;
        }
        let parent = self.top();
        let inherited = own
            | if parent == NO_PARENT {
                0
            } else {
                self.elems[parent].inherited
            };
        self.elems.push(Elem {
            parent,
            inherited,
            prose: 0.0,
            other: 0.0,
        });
        let id = self.elems.len() - 1;
        // Deeply broken pages: bound the stack.
        if self.stack.len() > 512 {
            self.stack.remove(0);
        }
        self.stack.push((name, id));
    }

    fn end(&mut self, name: tokenizer::TagName) {
        let tag = name.as_str();
        if is_block(tag) || tag == "br" {
            self.flush();
        }
        if let Some(k) = self.stack.iter().rposition(|s| s.0 == name) {
            // Don't let a stray inline end tag close block elements far up.
            if is_block(tag) || self.stack.len() - k <= 4 {
                self.stack.truncate(k);
            }
        }
    }
}

/// Prose weight of a unit's characters for container scoring.
fn prose_chars(u: &Unit, link_density: f32) -> (f32, f32) {
    let chars = u.feats.chars as f32;
    if u.feats.is_prose() && link_density < 0.35 {
        (chars * (1.0 - link_density), 0.0)
    } else {
        (0.0, chars)
    }
}

/// Splits an HTML page into units with DOM hints. `detect` picks the language
/// from the page's text.
pub fn units(html: &str, vocab: &Vocab, detect: impl Fn(&str) -> Language) -> Vec<Unit> {
    let mut b = Builder {
        elems: Vec::new(),
        stack: Vec::new(),
        text: String::new(),
        link_chars: 0,
        flag_chars: [0; 17],
        chars: 0,
        out: Vec::new(),
        last_br: false,
        scratch: String::new(),
    };
    let mut title = String::new();
    for tok in Tokenizer::new(html) {
        match tok {
            Token::Text(t) => b.text(t),
            Token::Start(name, attrs, sc) => b.start(name, &attrs, sc),
            Token::End(name) => b.end(name),
            Token::Title(t) => {
                if title.is_empty() {
                    entities::decode_into(t, &mut title);
                }
            }
        }
    }
    b.flush();
    let Builder {
        mut elems,
        out: pending,
        ..
    } = b;
    // Language from the longest blocks.
    let mut sample = String::new();
    for p in pending.iter().filter(|p| p.text.len() > 80).take(30) {
        sample.push_str(&p.text);
        sample.push(' ');
    }
    let lang = detect(&sample);
    let title_norm = normalise(&title);
    let mut units: Vec<Unit> = Vec::with_capacity(pending.len());
    let mut densities = Vec::with_capacity(pending.len());
    for p in pending {
        if p.flags & flag::HIDDEN != 0 {
            continue;
        }
        let feats = features(&p.text, vocab, lang);
        let chars = p.text.chars().filter(|c| !c.is_whitespace()).count().max(1);
        let ld = (p.link_chars as f32 / chars as f32).min(1.0);
        let fl = p.flags;
        let heading = if fl & flag::H1 != 0 {
            1
        } else if fl & flag::H2 != 0 {
            2
        } else if fl & flag::H3 != 0 {
            3
        } else {
            0
        };
        let in_title =
            feats.words >= 3 && !title_norm.is_empty() && title_norm.contains(&normalise(&p.text));
        let hints = HtmlHints {
            figure: fl & flag::FIGURE != 0,
            credit: fl & flag::CREDIT != 0,
            chrome: fl & flag::CHROME != 0,
            widget_class: fl & flag::WIDGET != 0,
            related_class: fl & flag::RELATED != 0,
            author: fl & flag::AUTHOR != 0,
            time: fl & flag::TIME != 0,
            heading,
            headline_class: fl & flag::HEADLINE != 0 || in_title,
            link_density: ld,
            in_main: false,
            list_item: fl & flag::LIST_ITEM != 0,
            quote: fl & flag::QUOTE != 0,
            content_class: fl & flag::CONTENT != 0,
        };
        densities.push(p.elem);
        units.push(Unit {
            text: p.text,
            start: None,
            end: None,
            group: p.elem,
            feats,
            html: Some(hints),
            corpus: Default::default(),
        });
    }
    choose_main(&mut elems, &mut units);
    units
}

fn normalise(s: &str) -> String {
    let mut out = String::new();
    let mut buf = String::new();
    for w in crate::words::words(s) {
        crate::words::lower_into(w, &mut buf);
        out.push_str(&buf);
        out.push(' ');
    }
    out
}

/// Scores every container by the prose below it and marks the units of the
/// best one (and of its strong siblings) as main content.
fn choose_main(elems: &mut [Elem], units: &mut [Unit]) {
    for u in units.iter() {
        let h = u.html.unwrap_or_default();
        let (p, o) = prose_chars(u, h.link_density);
        let mut e = u.group;
        while e != NO_PARENT {
            elems[e].prose += p;
            elems[e].other += o;
            e = elems[e].parent;
        }
    }
    let score = |e: &Elem| {
        let mut s = e.prose - 0.25 * e.other;
        if e.inherited & (flag::CHROME | flag::WIDGET | flag::COMMENTS) != 0 {
            s *= 0.3;
        }
        s
    };
    let Some(best) = (0..elems.len()).max_by(|&a, &b| {
        score(&elems[a])
            .total_cmp(&score(&elems[b]))
            .then(b.cmp(&a))
    }) else {
        return;
    };
    if elems[best].prose <= 0.0 {
        return;
    }
    let best_parent = elems[best].parent;
    let best_prose = elems[best].prose;
    for u in units.iter_mut() {
        let mut e = u.group;
        let mut main = false;
        while e != NO_PARENT {
            if e == best {
                main = true;
                break;
            }
            let el = &elems[e];
            if el.parent == best_parent
                && best_parent != NO_PARENT
                && el.prose >= 0.2 * best_prose
                && el.prose > el.other
                && el.inherited & (flag::CHROME | flag::COMMENTS) == 0
            {
                main = true;
                break;
            }
            e = el.parent;
        }
        if let Some(h) = u.html.as_mut() {
            h.in_main = main;
        }
    }
}
