//! A word-level diff of two texts, for showing a copy beside its representative.
//!
//! Tokens are words with the whitespace that follows them, so that joining the tokens of one
//! side gives its text back. The alignment is a longest common subsequence of words, computed
//! after stripping the common prefix and suffix (copies share most of their text, so what is
//! left is small); each side is capped at [`MAX_TOKENS`] tokens to bound time and memory.

/// Tokens compared per side; the rest is shown unaligned.
pub const MAX_TOKENS: usize = 1500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// In both texts.
    Same,
    /// Only in this side's text.
    Changed,
}

/// One side of a diff: the side's text cut into runs, each marked same or changed.
pub type Side<'a> = Vec<(Op, &'a str)>;

/// Word tokens, each with its trailing whitespace.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if !space && in_space {
            out.push(&text[start..i]);
            start = i;
        }
        in_space = space;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

fn key(token: &str) -> &str {
    token.trim_end()
}

/// Aligns `left` and `right`: each side's runs, in order, covering its whole text.
pub fn diff<'a, 'b>(left: &'a str, right: &'b str) -> (Side<'a>, Side<'b>) {
    let a = tokens(left);
    let b = tokens(right);
    let (ka, kb) = (a.len().min(MAX_TOKENS), b.len().min(MAX_TOKENS));
    let prefix = a[..ka]
        .iter()
        .zip(&b[..kb])
        .take_while(|(x, y)| key(x) == key(y))
        .count();
    let suffix = a[prefix..ka]
        .iter()
        .rev()
        .zip(b[prefix..kb].iter().rev())
        .take_while(|(x, y)| key(x) == key(y))
        .count();
    let am = &a[prefix..ka - suffix];
    let bm = &b[prefix..kb - suffix];
    let (ma, mb) = lcs_marks(am, bm);
    let mut left_ops = vec![Op::Same; prefix];
    left_ops.extend(ma);
    left_ops.extend(std::iter::repeat_n(Op::Same, suffix));
    left_ops.extend(std::iter::repeat_n(Op::Changed, a.len() - ka));
    let mut right_ops = vec![Op::Same; prefix];
    right_ops.extend(mb);
    right_ops.extend(std::iter::repeat_n(Op::Same, suffix));
    right_ops.extend(std::iter::repeat_n(Op::Changed, b.len() - kb));
    (runs(&a, &left_ops, left), runs(&b, &right_ops, right))
}

/// Marks each token of `a` and `b` as in their longest common subsequence or not.
fn lcs_marks(a: &[&str], b: &[&str]) -> (Vec<Op>, Vec<Op>) {
    let (n, m) = (a.len(), b.len());
    let mut ma = vec![Op::Changed; n];
    let mut mb = vec![Op::Changed; m];
    if n == 0 || m == 0 {
        return (ma, mb);
    }
    // table[i][j] = LCS length of a[i..] and b[j..]; u16 suffices for MAX_TOKENS.
    let w = m + 1;
    let mut table = vec![0u16; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i * w + j] = if key(a[i]) == key(b[j]) {
                table[(i + 1) * w + j + 1] + 1
            } else {
                table[(i + 1) * w + j].max(table[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if key(a[i]) == key(b[j]) {
            ma[i] = Op::Same;
            mb[j] = Op::Same;
            i += 1;
            j += 1;
        } else if table[(i + 1) * w + j] >= table[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    (ma, mb)
}

/// Joins consecutive tokens with the same mark into runs of the original text.
fn runs<'a>(tokens: &[&'a str], ops: &[Op], text: &'a str) -> Side<'a> {
    let mut out: Side<'a> = Vec::new();
    let mut pos = 0;
    let mut i = 0;
    while i < tokens.len() {
        let op = ops.get(i).copied().unwrap_or(Op::Changed);
        let start = pos;
        while i < tokens.len() && ops.get(i).copied().unwrap_or(Op::Changed) == op {
            pos += tokens[i].len();
            i += 1;
        }
        out.push((op, &text[start..pos]));
    }
    out
}

/// Share of `side`'s text (in bytes) that is the same on both sides.
pub fn same_share(side: &Side<'_>) -> f64 {
    let total: usize = side.iter().map(|(_, t)| t.len()).sum();
    let same: usize = side
        .iter()
        .filter(|(op, _)| *op == Op::Same)
        .map(|(_, t)| t.len())
        .sum();
    if total == 0 {
        1.0
    } else {
        same as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = include_str!("../fixtures/reuters_prose.txt");

    fn text(side: &Side<'_>) -> String {
        side.iter().map(|(_, t)| *t).collect()
    }

    fn changed(side: &Side<'_>) -> Vec<String> {
        side.iter()
            .filter(|(op, _)| *op == Op::Changed)
            .map(|(_, t)| t.trim().to_owned())
            .collect()
    }

    #[test]
    fn tokens_rebuild_the_text() {
        let t = tokens(PROSE);
        assert_eq!(t.concat(), PROSE);
        assert_eq!(tokens("  lead"), ["  ", "lead"]);
    }

    #[test]
    fn identical_texts_have_no_changes() {
        let (l, r) = diff(PROSE, PROSE);
        assert!(changed(&l).is_empty() && changed(&r).is_empty());
        assert_eq!(text(&l), PROSE);
    }

    #[test]
    fn an_edited_copy_shows_its_edits_on_each_side() {
        let copy = PROSE
            .replace("harsh criticism", "sharp criticism")
            .replace("He said", "he said")
            .replace("    \"You can wipe that off your slate,\" he said.\n", "");
        let (l, r) = diff(PROSE, &copy);
        assert_eq!(text(&l), PROSE);
        assert_eq!(text(&r), copy);
        let left_changes = changed(&l);
        assert!(
            left_changes.iter().any(|c| c == "harsh"),
            "{left_changes:?}"
        );
        assert!(
            left_changes.iter().any(|c| c.contains("slate")),
            "{left_changes:?}"
        );
        assert_eq!(changed(&r), ["sharp"]);
        assert!(same_share(&r) > 0.95);
    }

    #[test]
    fn empty_sides() {
        let (l, r) = diff("", PROSE);
        assert!(l.is_empty());
        assert_eq!(same_share(&r), 0.0);
    }
}
