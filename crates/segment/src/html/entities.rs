//! Character references: numeric ones and the named ones news pages use.

const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", ' '),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("sbquo", '‚'),
    ("bdquo", '„'),
    ("hellip", '…'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("middot", '·'),
    ("bull", '•'),
    ("deg", '°'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("sect", '§'),
    ("para", '¶'),
    ("times", '×'),
    ("divide", '÷'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("shy", '\u{ad}'),
    ("thinsp", ' '),
    ("ensp", ' '),
    ("emsp", ' '),
    ("zwnj", '\u{200c}'),
    ("zwj", '\u{200d}'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
    ("aacute", 'á'),
    ("eacute", 'é'),
    ("iacute", 'í'),
    ("oacute", 'ó'),
    ("uacute", 'ú'),
    ("agrave", 'à'),
    ("egrave", 'è'),
    ("igrave", 'ì'),
    ("ograve", 'ò'),
    ("ugrave", 'ù'),
    ("acirc", 'â'),
    ("ecirc", 'ê'),
    ("icirc", 'î'),
    ("ocirc", 'ô'),
    ("ucirc", 'û'),
    ("auml", 'ä'),
    ("euml", 'ë'),
    ("iuml", 'ï'),
    ("ouml", 'ö'),
    ("uuml", 'ü'),
    ("atilde", 'ã'),
    ("otilde", 'õ'),
    ("ntilde", 'ñ'),
    ("ccedil", 'ç'),
    ("szlig", 'ß'),
    ("oslash", 'ø'),
    ("aring", 'å'),
    ("aelig", 'æ'),
    ("Aacute", 'Á'),
    ("Eacute", 'É'),
    ("Iacute", 'Í'),
    ("Oacute", 'Ó'),
    ("Uacute", 'Ú'),
    ("Agrave", 'À'),
    ("Egrave", 'È'),
    ("Auml", 'Ä'),
    ("Ouml", 'Ö'),
    ("Uuml", 'Ü'),
    ("Ntilde", 'Ñ'),
    ("Ccedil", 'Ç'),
    ("Oslash", 'Ø'),
    ("Aring", 'Å'),
    ("AElig", 'Æ'),
    ("acute", '´'),
    ("uml", '¨'),
    ("ordm", 'º'),
    ("ordf", 'ª'),
    ("plusmn", '±'),
    ("micro", 'µ'),
    ("prime", '′'),
    ("Prime", '″'),
];

fn resolve(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let v = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        // Windows-1252 code points that pages send as numeric references.
        let v = match v {
            0x91 => 0x2018,
            0x92 => 0x2019,
            0x93 => 0x201c,
            0x94 => 0x201d,
            0x96 => 0x2013,
            0x97 => 0x2014,
            0x85 => 0x2026,
            0xa0 => 0x20,
            v => v,
        };
        return char::from_u32(v).filter(|c| !c.is_control() || c.is_whitespace());
    }
    NAMED.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// Appends `raw` to `out` with character references decoded.
pub fn decode_into(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        let end = tail
            .bytes()
            .take(12)
            .position(|b| b == b';' || !(b.is_ascii_alphanumeric() || b == b'#'));
        match end {
            Some(e) if tail.as_bytes()[e] == b';' => match resolve(&tail[..e]) {
                Some(c) => {
                    out.push(c);
                    rest = &tail[e + 1..];
                }
                None => {
                    out.push('&');
                    rest = tail;
                }
            },
            _ => {
                // "&nbsp" without ';' is common enough.
                if let Some(t) = tail.strip_prefix("nbsp") {
                    out.push(' ');
                    rest = t;
                } else {
                    out.push('&');
                    rest = tail;
                }
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes() {
        let mut s = String::new();
        decode_into(
            "A&amp;B &#8212; &#x2019;s &nbsp;x &unknown; & &copy;",
            &mut s,
        );
        assert_eq!(s, "A&B — ’s  x &unknown; & ©");
    }
}
