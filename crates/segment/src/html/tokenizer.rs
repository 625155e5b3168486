//! A forgiving streaming HTML tokenizer that yields only what the block tree
//! needs: start tags with a few attributes, end tags and text. Scripts,
//! styles, comments and doctypes are skipped.
//!
//! Broken pages are common (unterminated comments and scripts). A browser
//! would let an unterminated `<!--` swallow the rest of the page; readers of
//! the page saw the article, so an unterminated comment ends at the next `>`
//! and an unterminated script or style at the next line that opens a tag.

/// Attributes the block tree reads.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Attrs<'a> {
    pub class: &'a str,
    pub id: &'a str,
    pub rel: &'a str,
    pub itemprop: &'a str,
    pub role: &'a str,
    pub hidden: bool,
}

/// One token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// Lowercase tag name (ASCII), attributes, self-closing flag.
    Start(TagName, Attrs<'a>, bool),
    End(TagName),
    /// Raw text (entities not yet decoded).
    Text(&'a str),
    /// The text of <title>.
    Title(&'a str),
}

/// A tag name, lowercased, truncated to 16 bytes (no allocation).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TagName {
    buf: [u8; 16],
    len: u8,
}

impl TagName {
    pub fn new(raw: &[u8]) -> Self {
        let mut buf = [0u8; 16];
        let len = raw.len().min(16);
        for (d, s) in buf.iter_mut().zip(&raw[..len]) {
            *d = s.to_ascii_lowercase();
        }
        TagName {
            buf,
            len: len as u8,
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len as usize]).unwrap_or("")
    }
}

impl std::fmt::Debug for TagName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Iterator over the tokens of a page.
pub struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Tokenizer<'a> {
    pub fn new(src: &'a str) -> Self {
        Tokenizer { src, pos: 0 }
    }
}

/// Position of `needle` ("</name", ASCII) in `hay`, the name compared
/// without case. The scan is for '<' (a single byte: memchr); searching for
/// the two-byte "</" went through the general substring searcher, a tenth of
/// the time of segmenting script-heavy pages.
fn find_ci(hay: &str, needle: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(rel) = memchr::memchr(b'<', &hay.as_bytes()[from..]) {
        let i = from + rel;
        let cand = &hay.as_bytes()[i..];
        if cand.len() >= needle.len() && cand[..needle.len()].eq_ignore_ascii_case(needle) {
            return Some(i);
        }
        from = i + 1;
    }
    None
}

/// Where an unterminated raw-text element (script, style) is taken to end:
/// at the first newline followed by something that opens a tag other than
/// script code, or at the end of the page.
fn raw_text_fallback(rest: &[u8]) -> usize {
    let mut i = 0;
    while let Some(rel) = memchr::memchr(b'\n', &rest[i..]) {
        let j = i + rel + 1;
        let line = &rest[j..];
        let t = line
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(line.len());
        let l = &line[t..];
        if l.first() == Some(&b'<')
            && l.get(1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!')
        {
            return j + t;
        }
        i = j;
    }
    rest.len()
}

/// Index of the '>' that ends the tag whose attributes start at `from`,
/// skipping quoted values: a quote opens after '=' or whitespace, and a
/// quoted value running past a line with '<' is broken, so a '<' at the start
/// of a line gives up the quote. `None` when no such '>' comes. The scan
/// jumps between the bytes that matter (memchr), not byte by byte: this loop
/// was a tenth of reading a page.
fn tag_end(rest: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        let at = i + memchr::memchr3(b'>', b'"', b'\'', &rest[i..])?;
        let b = rest[at];
        i = at + 1;
        if b == b'>' {
            return Some(at);
        }
        if !(rest[at - 1] == b'=' || rest[at - 1].is_ascii_whitespace()) {
            continue;
        }
        // Inside a quoted value: up to its closing quote, or a '<' opening a line.
        loop {
            let at = i + memchr::memchr2(b, b'<', &rest[i..])?;
            i = at + 1;
            if rest[at] == b || rest[at - 1] == b'\n' {
                break;
            }
        }
    }
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b':' || b == b'_'
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let src = self.src;
        let bytes = src.as_bytes();
        loop {
            if self.pos >= bytes.len() {
                return None;
            }
            let rest = &bytes[self.pos..];
            if rest[0] != b'<' {
                let len = memchr::memchr(b'<', rest).unwrap_or(rest.len());
                let start = self.pos;
                self.pos += len;
                return Some(Token::Text(&src[start..start + len]));
            }
            // A '<' that opens nothing is text.
            let Some(&c1) = rest.get(1) else {
                self.pos += 1;
                return Some(Token::Text("<"));
            };
            if rest.starts_with(b"<!--") {
                let body = &rest[4..];
                // The first "-->" ends at the first '>' with "--" before it
                // (found by memchr, not by comparing every window).
                let mut close = None;
                let mut from = 0;
                while let Some(rel) = memchr::memchr(b'>', &body[from..]) {
                    let e = from + rel;
                    if e >= 2 && &body[e - 2..e] == b"--" {
                        close = Some(e - 2);
                        break;
                    }
                    from = e + 1;
                }
                let skip = match close {
                    Some(e) => 4 + e + 3,
                    None => {
                        4 + body
                            .iter()
                            .position(|&b| b == b'>')
                            .map_or(body.len(), |e| e + 1)
                    }
                };
                self.pos += skip;
                continue;
            }
            if c1 == b'!' || c1 == b'?' {
                let skip = rest
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(rest.len(), |e| e + 1);
                self.pos += skip;
                continue;
            }
            let closing = c1 == b'/';
            let name_start = if closing { 2 } else { 1 };
            if !rest
                .get(name_start)
                .is_some_and(|c| c.is_ascii_alphabetic())
            {
                let start = self.pos;
                self.pos += 1;
                return Some(Token::Text(&src[start..start + 1]));
            }
            let name_len = rest[name_start..]
                .iter()
                .position(|&b| !is_name_byte(b))
                .unwrap_or(rest.len() - name_start);
            let name = TagName::new(&rest[name_start..name_start + name_len]);
            // Find the end of the tag, respecting quoted attribute values.
            let tag_end = tag_end(rest, name_start + name_len);
            // A quote that never closes would swallow the rest of the page:
            // end the tag at its first '>' instead; no '>' at all ends the page.
            let Some(tag_end) = tag_end.or_else(|| {
                rest[name_start..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map(|e| name_start + e)
            }) else {
                self.pos = bytes.len();
                return None;
            };
            let tag_src = &src[self.pos + name_start + name_len..self.pos + tag_end];
            self.pos += tag_end + 1;
            if closing {
                return Some(Token::End(name));
            }
            let self_closing = tag_src.ends_with('/');
            let attrs = parse_attrs(tag_src);
            let n = name.as_str();
            if matches!(
                n,
                "script"
                    | "style"
                    | "textarea"
                    | "title"
                    | "template"
                    | "svg"
                    | "math"
                    | "noscript"
                    | "xmp"
                    | "iframe"
            ) && !self_closing
            {
                let mut close = [0u8; 18];
                close[..2].copy_from_slice(b"</");
                close[2..2 + n.len()].copy_from_slice(n.as_bytes());
                let body = &bytes[self.pos..];
                let (len, skip) = match find_ci(&src[self.pos..], &close[..2 + n.len()]) {
                    Some(e) => {
                        let end = body[e..]
                            .iter()
                            .position(|&b| b == b'>')
                            .map_or(body.len(), |x| e + x + 1);
                        (e, end)
                    }
                    None => {
                        let e = if n == "title" {
                            body.iter().position(|&b| b == b'<').unwrap_or(body.len())
                        } else {
                            raw_text_fallback(body)
                        };
                        (e, e)
                    }
                };
                let start = self.pos;
                self.pos += skip;
                if n == "title" {
                    return Some(Token::Title(&src[start..start + len]));
                }
                if n == "noscript" {
                    // Its content is markup for readers without scripts: tokenize it.
                    self.pos = start;
                    return Some(Token::Start(name, attrs, false));
                }
                continue;
            }
            return Some(Token::Start(name, attrs, self_closing));
        }
    }
}

fn parse_attrs(s: &str) -> Attrs<'_> {
    let mut a = Attrs::default();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let ns = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        let name = &s[ns..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = b[vs..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |e| vs + e);
                value = &s[vs..ve];
                i = ve + 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = &s[vs..i];
            }
        }
        if name.is_empty() {
            i += 1;
            continue;
        }
        if name.eq_ignore_ascii_case("class") {
            a.class = value;
        } else if name.eq_ignore_ascii_case("id") {
            a.id = value;
        } else if name.eq_ignore_ascii_case("rel") {
            a.rel = value;
        } else if name.eq_ignore_ascii_case("itemprop") {
            a.itemprop = value;
        } else if name.eq_ignore_ascii_case("role") {
            a.role = value;
        } else if name.eq_ignore_ascii_case("hidden") {
            a.hidden = true;
        } else if name.eq_ignore_ascii_case("style") {
            let v = value.to_ascii_lowercase();
            let compact: String = v.chars().filter(|c| !c.is_whitespace()).collect();
            if compact.contains("display:none") || compact.contains("visibility:hidden") {
                a.hidden = true;
            }
        } else if name.eq_ignore_ascii_case("aria-hidden") && value.eq_ignore_ascii_case("true") {
            // aria-hidden marks decorative text that sighted readers still see; keep it.
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> String {
        Tokenizer::new(html)
            .filter_map(|t| {
                if let Token::Text(s) = t {
                    Some(s)
                } else {
                    None
                }
            })
            .collect()
    }

    #[test]
    fn comments_end_at_the_first_close() {
        let html = "<p>a<!-- x -> y --->b<!---->c<!--><p>d</p><!-- open";
        let text: String = Tokenizer::new(html)
            .filter_map(|t| match t {
                Token::Text(s) => Some(s),
                _ => None,
            })
            .collect();
        assert_eq!(text, "abcd");
    }

    #[test]
    fn skips_scripts_comments_and_reads_attrs() {
        let html = "<html><head><title>T</title><script>if (a<b) x='</div>';</script></head><body><!-- c --><p class=\"lead x\" id=a>Hello &amp; <b>bye</b></p></body></html>";
        assert_eq!(texts(html), "Hello &amp; bye");
        let starts: Vec<Token> = Tokenizer::new(html)
            .filter(|t| matches!(t, Token::Start(n, _, _) if n.as_str() == "p"))
            .collect();
        match &starts[0] {
            Token::Start(_, a, _) => {
                assert_eq!(a.class, "lead x");
                assert_eq!(a.id, "a");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unterminated_comment_and_script_do_not_swallow_the_article() {
        let html = "<body><!-- broken <p>First paragraph of the article.</p>";
        assert!(texts(html).contains("First paragraph"));
        let html = "<body><script>var x = 1;\n<div><p>Second paragraph of the article.</p></div>";
        assert!(texts(html).contains("Second paragraph"));
        let html = "<p class=\"a\" id='b>Third paragraph of the article.</p><p>Fourth.</p>";
        assert!(texts(html).contains("Third paragraph") && texts(html).contains("Fourth"));
    }
}
