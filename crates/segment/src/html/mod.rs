//! HTML into units: a streaming tokenizer builds only the block tree needed
//! (block elements, their cue flags, the text of each block), then the
//! container holding the article's prose is chosen (Readability-style
//! scoring: prose in, template out) and every unit gets its DOM hints.

mod entities;
pub(crate) mod names;
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
    /// Cue flags of the element itself.
    own: u32,
    /// Characters of text below it.
    chars: f32,
    /// Characters of prose below it.
    prose: f32,
    /// Characters of other text below it.
    other: f32,
    /// Flags in force for its text (own and ancestors', filtered by size).
    eff: u32,
    /// Tag and first class name hashed: the boxes of one article, split by an
    /// ad or a figure, repeat their markup.
    sig: u64,
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
    /// The unit's first characters were link text.
    opens_with_link: bool,
    /// The innermost element open when the unit ended (its container).
    elem: usize,
    /// Elements that hold the unit's text, with how many characters each.
    pieces: Vec<(usize, usize)>,
}

struct Builder<'v> {
    names: &'v names::ClassNames,
    class_buf: String,
    elems: Vec<Elem>,
    /// Open elements: tag, element id, inside a link, hidden.
    stack: Vec<(tokenizer::TagName, usize, bool, bool)>,
    text: String,
    link_chars: usize,
    opens_with_link: bool,
    pieces: Vec<(usize, usize)>,
    chars: usize,
    out: Vec<Pending>,
    last_br: bool,
    scratch: String,
}

impl Builder<'_> {
    fn top(&self) -> usize {
        self.stack.last().map_or(NO_PARENT, |s| s.1)
    }

    fn flush(&mut self) {
        let trimmed = self.text.trim();
        if !trimmed.is_empty() && self.chars > 0 {
            self.out.push(Pending {
                text: trimmed.to_string(),
                link_chars: self.link_chars,
                opens_with_link: self.opens_with_link,
                elem: self.top(),
                pieces: std::mem::take(&mut self.pieces),
            });
        }
        self.text.clear();
        self.link_chars = 0;
        self.opens_with_link = false;
        self.pieces.clear();
        self.chars = 0;
    }

    fn text(&mut self, raw: &str) {
        let (in_link, hidden) = self.stack.last().map_or((false, false), |s| (s.2, s.3));
        if hidden {
            return;
        }
        if raw.bytes().all(|b| b.is_ascii_whitespace()) {
            if !self.text.is_empty() && !self.text.ends_with(' ') {
                self.text.push(' ');
            }
            return;
        }
        let decoded: &str = if raw.contains('&') {
            self.scratch.clear();
            entities::decode_into(raw, &mut self.scratch);
            &self.scratch
        } else {
            raw
        };
        let mut n = 0usize;
        let mut space = self.text.is_empty() || self.text.ends_with(' ');
        if decoded.is_ascii() {
            // Whole words at a time: split at whitespace runs.
            let lead = decoded
                .as_bytes()
                .first()
                .is_some_and(|b| b.is_ascii_whitespace());
            for (k, word) in decoded.split_ascii_whitespace().enumerate() {
                if (k > 0 || lead) && !space {
                    self.text.push(' ');
                }
                self.text.push_str(word);
                n += word.len();
                space = false;
            }
            if decoded
                .as_bytes()
                .last()
                .is_some_and(|b| b.is_ascii_whitespace())
                && n > 0
            {
                self.text.push(' ');
            }
        } else {
            for c in decoded.chars() {
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
        }
        if n == 0 {
            return;
        }
        self.last_br = false;
        if self.chars == 0 {
            self.opens_with_link = in_link;
        }
        self.chars += n;
        if in_link {
            self.link_chars += n;
        }
        let top = self.top();
        match self.pieces.last_mut() {
            Some(p) if p.0 == top => p.1 += n,
            _ => self.pieces.push((top, n)),
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
        let own = self.names.flags(
            tag,
            attrs.class,
            attrs.id,
            attrs.rel,
            attrs.itemprop,
            attrs.role,
            &mut self.class_buf,
        );
        let parent = self.top();
        let (p_link, p_hidden) = self.stack.last().map_or((false, false), |s| (s.2, s.3));
        self.elems.push(Elem {
            parent,
            own,
            chars: 0.0,
            prose: 0.0,
            other: 0.0,
            eff: 0,
            sig: signature(tag, attrs.class),
        });
        let id = self.elems.len() - 1;
        // Deeply broken pages: bound the stack.
        if self.stack.len() > 512 {
            self.stack.remove(0);
        }
        self.stack
            .push((name, id, p_link || tag == "a", p_hidden || attrs.hidden));
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

/// Tag and first class name of an element, hashed (0 without a class).
fn signature(tag: &str, class: &str) -> u64 {
    use std::hash::Hasher;
    // The first class names the box; modifiers follow ("paragraph speakable").
    let Some(class) = class.split_ascii_whitespace().next() else {
        // A bare <p> or <div> says nothing about which box it is.
        return 0;
    };
    let mut h = rustc_hash::FxHasher::default();
    h.write(tag.as_bytes());
    h.write_u8(0);
    h.write(class.as_bytes());
    h.finish()
}

/// Which of an element's own flags hold for its text. Names describe small
/// elements: a wrapper holding most of the page ("author-x" on <article>,
/// a page-wide <form>, a body class listing "sidebar") says nothing about
/// each block, so its flags are dropped.
fn effective_own(e: &Elem, page_chars: f32) -> u32 {
    let mut f = e.own;
    if e.chars > 400.0 {
        f &= !(flag::AUTHOR | flag::TIME | flag::CREDIT | flag::HEADLINE);
    }
    if e.chars > 0.8 * page_chars && page_chars > 0.0 {
        // A page wrapper: its class list describes the page, not a block.
        f &= !(flag::WIDGET | flag::RELATED | flag::CHROME | flag::COMMENTS | flag::FIGURE);
    } else if e.chars > 0.5 * page_chars && page_chars > 0.0 {
        f &= !(flag::RELATED | flag::CHROME | flag::FIGURE);
    }
    // A "related" or widget container full of prose is part of the
    // article (comment sections excepted: they are prose too).
    if e.prose > 0.5 * e.chars && e.chars > 600.0 && f & flag::COMMENTS == 0 {
        f &= !(flag::RELATED | flag::WIDGET);
    }
    f
}

/// Splits an HTML page into units with DOM hints. `detect` picks the language
/// from the page's text.
pub fn units(html: &str, vocab: &Vocab, detect: impl Fn(&str) -> Language) -> Vec<Unit> {
    let mut b = Builder {
        names: &vocab.class_names,
        class_buf: String::new(),
        elems: Vec::new(),
        stack: Vec::new(),
        text: String::new(),
        link_chars: 0,
        opens_with_link: false,
        pieces: Vec::new(),
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
    let feats: Vec<crate::features::Features> = pending
        .iter()
        .map(|p| features(&p.text, vocab, lang))
        .collect();
    // Sizes of every element: all text, prose, other text.
    let mut page_chars = 0.0f32;
    for (p, f) in pending.iter().zip(&feats) {
        let total: usize = p.pieces.iter().map(|x| x.1).sum();
        let ld = p.link_chars as f32 / total.max(1) as f32;
        let is_prose = f.is_prose() && ld < 0.35;
        for &(e0, n) in &p.pieces {
            let n = n as f32;
            page_chars += n;
            let mut e = e0;
            while e != NO_PARENT {
                let el = &mut elems[e];
                el.chars += n;
                if is_prose {
                    el.prose += n * (1.0 - ld);
                } else {
                    el.other += n;
                }
                e = el.parent;
            }
        }
    }
    for i in 0..elems.len() {
        let parent = elems[i].parent;
        let mut inherited = if parent == NO_PARENT {
            0
        } else {
            elems[parent].eff
        };
        if elems[i].own & flag::ARTICLE != 0 {
            inherited &= !(flag::WIDGET | flag::RELATED);
        }
        elems[i].eff = effective_own(&elems[i], page_chars) | inherited;
    }
    let mut units: Vec<Unit> = crate::segmenter::unit_buffer();
    units.reserve(pending.len());
    for (p, feats) in pending.into_iter().zip(feats) {
        let total: usize = p.pieces.iter().map(|x| x.1).sum::<usize>().max(1);
        let mut fl = 0u32;
        for bit in flag::UNIT_FLAGS {
            let n: usize = p
                .pieces
                .iter()
                .filter(|x| x.0 != NO_PARENT && elems[x.0].eff & bit != 0)
                .map(|x| x.1)
                .sum();
            if n * 2 >= total {
                fl |= bit;
            }
        }
        if p.elem != NO_PARENT {
            fl |= elems[p.elem].eff & (flag::CHROME | flag::FIGURE | flag::COMMENTS);
        }
        let ld = (p.link_chars as f32 / total as f32).min(1.0);
        let heading = if fl & flag::H1 != 0 {
            1
        } else if fl & flag::H2 != 0 {
            2
        } else if fl & flag::H3 != 0 {
            3
        } else {
            0
        };
        // Contained in the <title> (cheap length test first).
        let in_title = feats.words >= 3
            && feats.words <= 40
            && !title_norm.is_empty()
            && p.text.len() <= title_norm.len() + 16
            && title_norm.contains(&normalise(&p.text));
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
            opens_with_link: p.opens_with_link,
        };
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

/// Marks the units of the article's container as main content: the deepest
/// element that holds most (70%) of the page's prose outside chrome and
/// widgets. Holding most of the prose, rather than scoring prose against
/// other text, keeps articles made mostly of lists, tables or recipes, and
/// keeps a footer of long disclaimers from winning.
/// A prose unit that can be the article's: outside chrome, widgets and
/// related lists, and mostly not links.
fn article_prose(u: &Unit) -> bool {
    let h = u.html.unwrap_or_default();
    !(h.chrome || h.widget_class || h.related_class || h.link_density >= 0.35)
        && u.feats.is_prose()
        && !teaser(u)
}

/// A teaser of another story: a list item whose linked headline runs on
/// into a summary cut off with an ellipsis ("… close to two million
/// long-time residents of the Indian state may soon..."). A ticker of such
/// teasers can hold more prose than the article it sits above. (A paragraph
/// may open with a link and lead into a quote with an ellipsis: list items
/// only.)
#[inline(always)]
pub(crate) fn teaser(u: &Unit) -> bool {
    let Some(h) = u.html else {
        return false;
    };
    let t = u.text.trim_end();
    h.list_item
        && h.opens_with_link
        && h.link_density >= 0.1
        && h.link_density < 0.5
        && u.feats.words >= 12
        && (t.ends_with("...") || t.ends_with('…'))
}

fn choose_main(elems: &mut [Elem], units: &mut [Unit]) {
    for e in elems.iter_mut() {
        e.prose = 0.0;
    }
    let mut total = 0.0f32;
    for u in units.iter() {
        if !article_prose(u) {
            continue;
        }
        let h = u.html.unwrap_or_default();
        let w = u.feats.chars as f32 * (1.0 - h.link_density);
        total += w;
        let mut e = u.group;
        while e != NO_PARENT {
            elems[e].prose += w;
            e = elems[e].parent;
        }
    }
    let best = (0..elems.len())
        .filter(|&i| total > 0.0 && elems[i].prose >= 0.7 * total)
        .min_by(|&a, &b| elems[a].chars.total_cmp(&elems[b].chars).then(b.cmp(&a)));
    // Which elements lie inside an element (or a set of them), in one pass:
    // a parent always precedes its children. Walking up from every element
    // instead costs depth × elements on deeply nested pages.
    let inside = |is_root: &dyn Fn(usize) -> bool, elems: &[Elem]| {
        let mut v = vec![false; elems.len()];
        for i in 0..elems.len() {
            let p = elems[i].parent;
            v[i] = is_root(i) || (p != NO_PARENT && p < i && v[p]);
        }
        v
    };
    let at = |v: &[bool], e: usize| e != NO_PARENT && v.get(e).copied().unwrap_or(false);
    let in_b: Vec<bool> = match best {
        Some(b) => inside(&|i| i == b, elems),
        None => Vec::new(),
    };
    // Inside that container, the paragraphs' own parent (Readability: a
    // paragraph scores for its parent, half for its grandparent) and its
    // strong siblings; teasers and notices in other children drop out.
    let mut keep: Vec<usize> = best.into_iter().collect();
    if let Some(b) = best {
        let mut score = vec![0.0f32; elems.len()];
        for u in units.iter() {
            if !article_prose(u) || !at(&in_b, u.group) {
                continue;
            }
            let h = u.html.unwrap_or_default();
            let w = u.feats.chars as f32 * (1.0 - h.link_density);
            let p = if u.group == NO_PARENT {
                NO_PARENT
            } else {
                elems[u.group].parent
            };
            if p != NO_PARENT {
                score[p] += w;
                let g = elems[p].parent;
                if g != NO_PARENT {
                    score[g] += 0.5 * w;
                }
            }
        }
        let top = (0..elems.len())
            .filter(|&i| in_b[i])
            .max_by(|&x, &y| score[x].total_cmp(&score[y]).then(y.cmp(&x)));
        if let Some(m) = top.filter(|&m| m != b && elems[m].prose >= 0.5 * elems[b].prose) {
            let parent = elems[m].parent;
            keep = (0..elems.len())
                .filter(|&i| {
                    i == m
                        || (elems[i].parent == parent
                            && parent != NO_PARENT
                            && score[i] >= 0.2 * score[m]
                            && elems[i].eff & (flag::CHROME | flag::COMMENTS) == 0)
                })
                .collect();
        }
    }
    // Units of the container between the first and the last kept one (in page
    // order) stay too: a lead paragraph or a quote box inside the article.
    let mut is_keep = vec![false; elems.len()];
    for &k in &keep {
        is_keep[k] = true;
    }
    let in_keep = inside(&|i| is_keep[i], elems);
    let mut kept: Vec<bool> = units
        .iter()
        .map(|u| best.is_none() || at(&in_keep, u.group))
        .collect();
    // Grow the article over neighbouring prose of the container (paragraphs
    // split over sibling boxes), across at most one short plain unit.
    if best.is_some() {
        let prose_at = |i: usize| {
            let u = &units[i];
            let h = u.html.unwrap_or_default();
            at(&in_b, u.group)
                && u.feats.is_prose()
                && !h.chrome
                && !h.widget_class
                && !h.related_class
                && h.link_density < 0.35
        };
        let plain_at = |i: usize| {
            let u = &units[i];
            let h = u.html.unwrap_or_default();
            at(&in_b, u.group)
                && h.heading == 0
                && h.link_density < 0.3
                && u.feats.words <= 12
                && !h.chrome
                && !h.widget_class
        };
        for forward in [true, false] {
            let mut i = if forward {
                kept.iter().rposition(|&k| k)
            } else {
                kept.iter().position(|&k| k)
            };
            while let Some(cur) = i {
                let step = |j: usize| {
                    if forward {
                        j.checked_add(1).filter(|&j| j < units.len())
                    } else {
                        j.checked_sub(1)
                    }
                };
                let Some(n1) = step(cur) else { break };
                if prose_at(n1) {
                    kept[n1] = true;
                    i = Some(n1);
                } else if plain_at(n1) && step(n1).is_some_and(&prose_at) {
                    let n2 = step(n1).unwrap_or(n1);
                    kept[n1] = true;
                    kept[n2] = true;
                    i = Some(n2);
                } else {
                    break;
                }
            }
        }
    }
    if best.is_some() {
        grow_past_container(elems, units, &mut kept);
        adjacent_paragraphs(elems, units, &mut kept);
        // The article's tail: what follows its last paragraph inside the
        // box that holds the paragraphs (a list, a schedule, a closing note)
        // is the container's; the labeller decides which lines are the
        // article's.
        let last_prose = (0..units.len())
            .rev()
            .find(|&i| kept[i] && units[i].feats.is_prose());
        if let Some(l) = last_prose {
            let g = units[l].group;
            let anchor = if g == NO_PARENT {
                NO_PARENT
            } else {
                elems[g].parent
            };
            if at(&in_b, anchor) {
                let in_anchor = inside(&|i| i == anchor, elems);
                for i in l + 1..units.len() {
                    if !at(&in_anchor, units[i].group) || units[i].feats.is_prose() {
                        break;
                    }
                    kept[i] = true;
                }
            }
        }
    }
    let first = kept.iter().position(|&k| k);
    let last = kept.iter().rposition(|&k| k);
    for (i, u) in units.iter_mut().enumerate() {
        let between =
            at(&in_b, u.group) && first.is_some_and(|f| i >= f) && last.is_some_and(|l| i <= l);
        let main = kept[i] || between;
        if let Some(h) = u.html.as_mut() {
            h.in_main = main;
        }
    }
}

/// Gap units an article may be split over: an ad label, a share bar, a
/// figure and its caption, a newsletter box.
const MAX_SPLIT_GAP: usize = 8;

/// Articles split over boxes: a lead before an ad, a figure or a share bar,
/// the rest in a "read more" box or the next grid cell. The container chosen
/// holds most of the prose, so the smaller part lies outside it; the article
/// grows back past the container over prose in the same markup as its own
/// paragraphs (same first class name of the box or of its parent), across a
/// few gap units of no prose. A standfirst in other markup, or the headline,
/// stops it.
fn grow_past_container(elems: &[Elem], units: &[Unit], kept: &mut [bool]) {
    let comments = |u: &Unit| u.group != NO_PARENT && elems[u.group].eff & flag::COMMENTS != 0;
    // The markup of the kept paragraphs: their own box and its parent.
    let sigs = |u: &Unit| {
        if u.group == NO_PARENT {
            return (0, 0);
        }
        let e = &elems[u.group];
        let p = if e.parent == NO_PARENT {
            0
        } else {
            elems[e.parent].sig
        };
        (e.sig, p)
    };
    let mut own: Vec<u64> = Vec::new();
    let mut parents: Vec<u64> = Vec::new();
    for (u, _) in units
        .iter()
        .zip(kept.iter())
        .filter(|(u, k)| **k && u.feats.is_prose())
    {
        let (g, p) = sigs(u);
        own.push(g);
        parents.push(p);
    }
    let (own, parent) = (mode(&mut own), mode(&mut parents));
    let prose_at = |i: usize| {
        let u = &units[i];
        let h = u.html.unwrap_or_default();
        let (g, p) = sigs(u);
        ((g != 0 && g == own) || (p != 0 && p == parent))
            && u.feats.is_prose()
            && !h.chrome
            && !h.widget_class
            && !h.related_class
            && !h.figure
            && h.link_density < 0.35
            && !comments(u)
    };
    let gap_at = |i: usize| {
        let u = &units[i];
        let h = u.html.unwrap_or_default();
        !comments(u)
            && h.heading != 1
            && !h.headline_class
            && (h.figure
                || (!u.feats.is_prose() && u.feats.words <= 12)
                || (h.link_density >= 0.5 && u.feats.words <= 40))
    };
    // Plain gap units (a subheading) join the article; figures and widgets
    // keep their own labels.
    let plain_at = |i: usize| {
        let h = units[i].html.unwrap_or_default();
        !h.figure && !h.chrome && !h.widget_class && !h.related_class && h.link_density < 0.3
    };
    // Backward only: what follows an article in its markup is more often a
    // teaser or a bio than more article (measured: growing forward too cost
    // precision on both Scrapinghub and L3S-GN1).
    let Some(mut cur) = kept.iter().position(|&k| k) else {
        return;
    };
    loop {
        let mut j = cur;
        let mut gaps = 0;
        let next = loop {
            let Some(s) = j.checked_sub(1) else {
                break None;
            };
            if prose_at(s) {
                break Some(s);
            }
            if !gap_at(s) || gaps == MAX_SPLIT_GAP {
                break None;
            }
            gaps += 1;
            j = s;
        };
        let Some(p) = next else { break };
        for (g, k) in kept.iter_mut().enumerate().take(cur).skip(p + 1) {
            *k |= plain_at(g);
        }
        kept[p] = true;
        cur = p;
    }
}

/// A lead or a closing paragraph in other markup than the rest of the
/// article (an intro box after the byline, a last paragraph after an inline
/// ad's wrapper) lies outside the kept boxes, yet nothing parts it from the
/// article's prose: the paragraph right before the first kept paragraph
/// (unless it sits right under a heading: a deck), and the one right after
/// the last, are the article's when they are prose of their own
/// (not links, chrome, widgets, figures, comments or a caption naming its
/// photo), not a cut-off teaser
/// (ending in an ellipsis) and not a promo speaking to the reader ("Did you
/// go to the match?", "If you buy something through this post").
fn adjacent_paragraphs(elems: &[Elem], units: &[Unit], kept: &mut [bool]) {
    let ok = |i: usize| {
        let u = &units[i];
        let h = u.html.unwrap_or_default();
        let t = u
            .text
            .trim_end_matches(|c: char| c.is_whitespace() || c == ',');
        article_prose(u)
            && !h.figure
            && (u.group == NO_PARENT || elems[u.group].eff & flag::COMMENTS == 0)
            && u.feats.photo == 0
            && !u.feats.paren_credit_end
            && !t.ends_with("...")
            && !t.ends_with('…')
            && !crate::labeller::addresses_reader(t)
    };
    let prose = |i: &usize| kept[*i] && units[*i].feats.is_prose();
    let first = (0..units.len()).find(prose);
    let last = (0..units.len()).rev().find(prose);
    // A paragraph right under a heading is the deck, not the lead.
    let under_heading = |p: usize| {
        p.checked_sub(1).is_some_and(|q| {
            let h = units[q].html.unwrap_or_default();
            h.heading > 0 || h.headline_class
        })
    };
    if let Some(p) = first.and_then(|f| f.checked_sub(1)) {
        if !kept[p] && ok(p) && !under_heading(p) {
            kept[p] = true;
        }
    }
    if let Some(n) = last.map(|l| l + 1).filter(|&n| n < units.len()) {
        if !kept[n] && ok(n) {
            kept[n] = true;
        }
    }
}

/// The most frequent non-zero value (0 when none).
fn mode(v: &mut [u64]) -> u64 {
    v.sort_unstable();
    let mut best = (0u64, 0usize);
    for run in v.chunk_by(|a, b| a == b) {
        if run[0] != 0 && run.len() > best.1 {
            best = (run[0], run.len());
        }
    }
    best.0
}
