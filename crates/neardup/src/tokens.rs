//! Normalised word tokens: NFKC, case folding, punctuation and whitespace folded.
//!
//! Tokens follow the Unicode word boundaries of UAX #29 (`unicode-segmentation`),
//! so that "U.S.", "don't" and "1,000" stay one word, and CJK or accented text is
//! cut where Unicode says. Inside a token, every character that is not
//! alphanumeric is dropped ("u.s" → "us", "1,000" → "1000") and letters are
//! lower-cased with the full Unicode mapping: two spellings of one word that
//! differ only in punctuation, case or compatibility form become one token.
//!
//! Most news text is ASCII, where NFKC is the identity; a hand-written scanner
//! that follows the same UAX #29 rules (WB5–WB13b restricted to ASCII) runs there
//! several times faster than the general segmenter. A test checks that both
//! paths give the same tokens. Fingerprinting wants only the tokens' hashes: there a
//! third scanner finds, folds and hashes ASCII tokens eight bytes at a time (tested
//! against the second and the xxh3 crate).

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::quotes;

/// Reusable buffers, so that tokenizing allocates nothing per token.
#[derive(Debug, Default)]
pub struct Tokenizer {
    word: String,
    unicode: UnicodeBuffers,
    /// The text with its web addresses blanked out, when it has any.
    without_urls: String,
    /// An ASCII text followed by zero bytes, so that the hashing scanner reads it eight bytes
    /// at a time without a case for its end.
    padded: Vec<u8>,
    /// A token the hashing scanner folds byte by byte.
    folded: Vec<u8>,
}

impl Tokenizer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Calls `f` with each normalised token of `text`, in order, and whether it stands
    /// inside quotation marks (see `quotes.rs`).
    pub fn for_each(&mut self, text: &str, mut f: impl FnMut(&str, bool)) {
        let text = if blank_urls(text, &mut self.without_urls) {
            self.without_urls.as_str()
        } else {
            text
        };
        if text.is_ascii() {
            ascii_tokens(text, &mut self.word, &mut f);
            return;
        }
        self.unicode.tokens(text, &mut self.word, &mut f);
    }

    /// Calls `f` with `hasher`'s hash of each normalised token of `text` (the hash of the
    /// token [`Tokenizer::for_each`] gives) and whether it stands inside quotation marks.
    ///
    /// On ASCII text the tokens are found and folded eight bytes at a time and hashed from
    /// the words they are folded in, without being written out (a token and its hash were
    /// a fifth of `dedup`'s instructions).
    pub fn for_each_hash(
        &mut self,
        text: &str,
        hasher: &TokenHasher,
        mut f: impl FnMut(u64, bool),
    ) {
        // Most blocks hold neither a colon (no web address) nor a quotation mark: one
        // `memchr2` settles both for them.
        let marked = memchr::memchr2(b':', b'"', text.as_bytes()).is_some();
        let text = if marked && blank_urls(text, &mut self.without_urls) {
            self.without_urls.as_str()
        } else {
            text
        };
        if text.is_ascii() {
            self.padded.clear();
            self.padded.extend_from_slice(text.as_bytes());
            // Whole blocks, at least two words past the text's last byte, and the tail
            // that a block's window reads past the last block.
            let padded = (text.len() + PADDING).next_multiple_of(BLOCK) + TAIL;
            self.padded.resize(padded, 0);
            let (p, n, folded) = (&self.padded, text.len(), &mut self.folded);
            // Most blocks quote nothing: one `memchr` spares them the quotation masks.
            if marked && memchr::memchr(b'"', text.as_bytes()).is_some() {
                ascii_token_hashes::<true>(p, n, hasher, folded, &mut f);
            } else {
                ascii_token_hashes::<false>(p, n, hasher, folded, &mut f);
            }
            return;
        }
        let mut f = |t: &str, quoted| f(hasher.hash(t.as_bytes()), quoted);
        self.unicode.tokens(text, &mut self.word, &mut f);
    }

    /// The normalised tokens of `text` as owned strings (for explanations and tests).
    pub fn collect(&mut self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.for_each(text, |t, _| out.push(t.to_owned()));
        out
    }
}

/// Copies `text` into `out` with every web address replaced by spaces, and says whether it
/// had one (when not, `out` is left alone and `text` is tokenized as it is).
///
/// A web address is no part of an article's sentences: a share widget repeats the page's own
/// address, two pages of one site share its path, and a syndicated copy carries its outlet's.
/// An address is a run of non-space characters holding "://"; replacing it byte for byte keeps
/// every other offset (and the text valid UTF-8: runs end at ASCII spaces or the text's ends).
fn blank_urls(text: &str, out: &mut String) -> bool {
    let bytes = text.as_bytes();
    // Most blocks hold no colon at all: one `memchr` settles them for less than the
    // substring search's set-up.
    if memchr::memchr(b':', bytes).is_none() {
        return false;
    }
    static SCHEME_END: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"://"));
    let mut found = SCHEME_END.find_iter(bytes).peekable();
    if found.peek().is_none() {
        return false;
    }
    let space = |b: &u8| b.is_ascii_whitespace();
    out.clear();
    // Runs start after an ASCII space (or at 0) and end at one (or at the end): char
    // boundaries, so the text around them is copied as `str` slices.
    let mut copied = 0;
    for at in found {
        if at < copied {
            continue; // a second "://" inside an address already blanked
        }
        let start = bytes[..at].iter().rposition(space).map_or(0, |p| p + 1);
        let end = bytes[at..]
            .iter()
            .position(space)
            .map_or(bytes.len(), |p| at + p);
        let start = start.max(copied);
        out.push_str(&text[copied..start]);
        out.extend(std::iter::repeat_n(' ', end - start));
        copied = end;
    }
    out.push_str(&text[copied..]);
    true
}

fn unicode_tokens(text: &str, word: &mut String, marks: &[usize], f: &mut impl FnMut(&str, bool)) {
    let mut quoted = quotes::Cursor::new(marks);
    for (at, w) in text.unicode_word_indices() {
        word.clear();
        for c in w.chars() {
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            }
        }
        if !word.is_empty() {
            f(word, quoted.inside(at));
        }
    }
}

/// What a byte can do in an ASCII word, as bit flags: one table lookup per byte answers
/// every question the scanner asks of it.
const WORD: u8 = 1; // letter, digit or `_` (ExtendNumLet): continues a word
const LETTER: u8 = 2;
const DIGIT: u8 = 4;
/// Not already folded: an upper-case letter, or `_` (dropped from the token).
const UNFOLDED: u8 = 8;
/// Joins two letters: `:` (MidLetter), `.` `'` (MidNumLet, Single_Quote).
const JOINS_LETTERS: u8 = 16;
/// Joins two digits: `,` `;` (MidNum), `.` `'`.
const JOINS_DIGITS: u8 = 32;
/// `"`: no part of a word; switches between outside and inside a quotation.
const QUOTE: u8 = 64;

const FLAGS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = flags_of(b as u8);
        b += 1;
    }
    t
};

const fn flags_of(b: u8) -> u8 {
    match b {
        b'a'..=b'z' => WORD | LETTER,
        b'A'..=b'Z' => WORD | LETTER | UNFOLDED,
        b'0'..=b'9' => WORD | DIGIT,
        b'_' => WORD | UNFOLDED,
        b':' => JOINS_LETTERS,
        b',' | b';' => JOINS_DIGITS,
        b'.' | b'\'' => JOINS_LETTERS | JOINS_DIGITS,
        b'"' => QUOTE,
        _ => 0,
    }
}

#[inline]
fn flags(b: u8) -> u8 {
    FLAGS[b as usize]
}

/// The ASCII word that starts at `start` (a byte with the `WORD` flag): where it ends, the
/// OR of its bytes' flags, and whether a middle character was dropped. A middle character
/// joins only like with like, letter·letter or digit·digit, around it. One place for the
/// rule, so that the hashing scanner's slow path and [`ascii_tokens`] cannot drift apart.
#[inline]
fn ascii_run(bytes: &[u8], start: usize) -> (usize, u8, bool) {
    let mut i = start;
    let mut seen = 0u8;
    let mut joined = false;
    loop {
        while let Some(&b) = bytes.get(i) {
            let fl = flags(b);
            if fl & WORD == 0 {
                break;
            }
            seen |= fl;
            i += 1;
        }
        // `bytes[i]` ends the run.
        let (Some(&mid), Some(&next)) = (bytes.get(i), bytes.get(i + 1)) else {
            break;
        };
        let before = bytes.get(i.wrapping_sub(1)).map_or(0, |&b| flags(b));
        let (mid, after) = (flags(mid), flags(next));
        let letters = before & after & LETTER != 0 && mid & JOINS_LETTERS != 0;
        let digits = before & after & DIGIT != 0 && mid & JOINS_DIGITS != 0;
        if !(letters || digits) {
            break;
        }
        seen |= after;
        joined = true;
        i += 2;
    }
    (i, seen, joined)
}

/// The buffers of the path for text that is not all ASCII, apart from the tokenizer's others
/// so that the text may borrow one of those (the text with its web addresses blanked).
#[derive(Debug, Default)]
struct UnicodeBuffers {
    normalized: String,
    marks: Vec<usize>,
}

impl UnicodeBuffers {
    /// The tokens of a text that is not all ASCII: NFKC first unless the text is already in
    /// it (the quick check says so for nearly all news text), then UAX #29. One place for
    /// [`Tokenizer::for_each`] and [`Tokenizer::for_each_hash`].
    fn tokens(&mut self, text: &str, word: &mut String, f: &mut impl FnMut(&str, bool)) {
        let text = if matches!(is_nfkc_quick(text.chars()), IsNormalized::Yes) {
            text
        } else {
            self.normalized.clear();
            self.normalized.extend(text.nfkc());
            &self.normalized
        };
        quotes::marks(text, &mut self.marks);
        unicode_tokens(text, word, &self.marks, f);
    }
}

/// UAX #29 on ASCII: a word is a run of letters, digits and `_`, where one
/// middle character may join two letters (`:` `.` `'`) or two digits
/// (`,` `;` `.` `'`). Segments without a letter or digit are not words.
///
/// A token that is already folded (lower-case letters and digits only, the
/// common case) is handed over as a slice of the text, without a copy. Each
/// byte's flags are one table load, ORed over the word: one load, one test and
/// one OR per byte of a word (the join test rereads the bytes around a run's end).
fn ascii_tokens(text: &str, word: &mut String, f: &mut impl FnMut(&str, bool)) {
    // Whether the scan is inside a quotation (see `quotes.rs`): in ASCII only `"` marks one,
    // and it is never part of a word, so the loop that skips non-word bytes meets every one.
    let mut inside = false;
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let first = flags(bytes[i]);
        if first & WORD == 0 {
            inside ^= first & QUOTE != 0;
            i += 1;
            continue;
        }
        let start = i;
        let (end, seen, joined) = ascii_run(bytes, start);
        i = end;
        if seen & (LETTER | DIGIT) == 0 {
            continue;
        }
        if seen & UNFOLDED == 0 && !joined {
            f(&text[start..i], inside);
        } else {
            word.clear();
            word.extend(
                bytes[start..i]
                    .iter()
                    .filter(|&&b| flags(b) & (LETTER | DIGIT) != 0)
                    .map(|&b| char::from(b.to_ascii_lowercase())),
            );
            f(word, inside);
        }
    }
}

/// Zero bytes after a padded text, at least: two words' worth, so that a token's two loads
/// stay inside.
const PADDING: usize = 16;
/// The hashing scanner classifies a padded text 64 bytes at a time.
const BLOCK: usize = 64;
/// Zero bytes after the last block: a block is read through a window of `BLOCK + TAIL`
/// bytes, which holds a token starting in the block, its two words and the two bytes after
/// it, so that reading them needs no bounds check.
const TAIL: usize = 32;

/// XXH3-64 with a fixed seed (`xxh3_64_with_seed`, the same values: tested), with the
/// seed-dependent constants of inputs up to 16 bytes worked out once, and such an input taken
/// as two little-endian words (a token is rarely longer).
#[derive(Debug, Clone, Copy)]
pub struct TokenHasher {
    seed: u64,
    flip_1to3: u64,
    flip_4to8: u64,
    flip_lo: u64,
    flip_hi: u64,
}

/// The first 56 bytes of XXH3's default secret, as little-endian words.
const SECRET: [u64; 7] = [
    u64::from_le_bytes([0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe]),
    u64::from_le_bytes([0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c]),
    u64::from_le_bytes([0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb]),
    u64::from_le_bytes([0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f]),
    u64::from_le_bytes([0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78]),
    u64::from_le_bytes([0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21]),
    u64::from_le_bytes([0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e]),
];

impl TokenHasher {
    pub fn new(seed: u64) -> Self {
        let seed_4to8 = seed ^ (u64::from((seed as u32).swap_bytes()) << 32);
        Self {
            seed,
            flip_1to3: u64::from(SECRET[0] as u32 ^ (SECRET[0] >> 32) as u32).wrapping_add(seed),
            flip_4to8: (SECRET[1] ^ SECRET[2]).wrapping_sub(seed_4to8),
            flip_lo: (SECRET[3] ^ SECRET[4]).wrapping_add(seed),
            flip_hi: (SECRET[5] ^ SECRET[6]).wrapping_sub(seed),
        }
    }

    /// The hash of any byte string.
    pub fn hash(&self, bytes: &[u8]) -> u64 {
        if bytes.is_empty() || bytes.len() > 16 {
            return xxh3_64_with_seed(bytes, self.seed);
        }
        let mut words = [0u8; 16];
        words[..bytes.len()].copy_from_slice(bytes);
        self.short_padded(&words, bytes.len())
    }

    /// The hash of the first `len` (1 to 16) bytes of `words`, zero past `len`.
    fn short_padded(&self, words: &[u8; 16], len: usize) -> u64 {
        let (lo, hi) = words.split_at(8);
        let word = |b: &[u8]| b.try_into().map_or(0, u64::from_le_bytes);
        self.short(word(lo), word(hi), len)
    }

    /// The hash of the `len` (1 to 16) bytes held in `lo` (bytes 0 to 7) and `hi` (8 to 15),
    /// zero past `len`: XXH3's 1-to-3, 4-to-8 and 9-to-16-byte paths.
    #[inline]
    fn short(&self, lo: u64, hi: u64, len: usize) -> u64 {
        if len > 8 {
            let both = u128::from(lo) | u128::from(hi) << 64;
            let last = (both >> (8 * (len - 8))) as u64;
            let input_lo = lo ^ self.flip_lo;
            let input_hi = last ^ self.flip_hi;
            let product = u128::from(input_lo) * u128::from(input_hi);
            let acc = (len as u64)
                .wrapping_add(input_lo.swap_bytes())
                .wrapping_add(input_hi)
                .wrapping_add((product as u64) ^ ((product >> 64) as u64));
            xxh3_avalanche(acc)
        } else if len >= 4 {
            let first = lo & 0xffff_ffff;
            let last = (lo >> (8 * (len - 4))) & 0xffff_ffff;
            let keyed = last.wrapping_add(first << 32) ^ self.flip_4to8;
            strong_avalanche(keyed, len as u64)
        } else {
            let byte = |at: usize| (lo >> (8 * at)) & 0xff;
            let combo = byte(0) << 16 | byte(len >> 1) << 24 | byte(len - 1) | (len as u64) << 8;
            xxh64_avalanche(combo ^ self.flip_1to3)
        }
    }
}

#[inline]
fn xxh3_avalanche(mut h: u64) -> u64 {
    h ^= h >> 37;
    h = h.wrapping_mul(0x1656_6791_9E37_79F9);
    h ^ (h >> 32)
}

#[inline]
fn strong_avalanche(mut h: u64, len: u64) -> u64 {
    h ^= h.rotate_left(49) ^ h.rotate_left(24);
    h = h.wrapping_mul(0x9FB2_1C65_1E98_DF25);
    h ^= (h >> 35).wrapping_add(len);
    h = h.wrapping_mul(0x9FB2_1C65_1E98_DF25);
    h ^ (h >> 28)
}

#[inline]
fn xxh64_avalanche(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    h ^= h >> 29;
    h = h.wrapping_mul(0x1656_67B1_9E37_79F9);
    h ^ (h >> 32)
}

/// Byte-parallel tests on eight ASCII bytes (each under 0x80) in a word: the answer is the
/// high bit of each byte.
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Bytes at least `c` (1 to 0x80): `b + 0x80 - c` reaches 0x80 exactly then, and never
/// carries into the next byte.
#[inline]
fn at_least(x: u64, c: u8) -> u64 {
    x.wrapping_add(ONES * u64::from(0x80 - c))
}

#[inline]
fn between(x: u64, lo: u8, hi: u8) -> u64 {
    at_least(x, lo) & !at_least(x, hi + 1) & HIGHS
}

/// Bytes equal to `c`: `(b ^ c) + 0x7f` reaches 0x80 unless `b ^ c` is 0.
#[inline]
fn equal(x: u64, c: u8) -> u64 {
    !(x ^ (ONES * u64::from(c))).wrapping_add(ONES * 0x7f) & HIGHS
}

/// Letters and digits (what a word keeps).
#[inline]
fn alphanumeric(x: u64) -> u64 {
    between(x | (ONES * 0x20), b'a', b'z') | between(x, b'0', b'9')
}

/// [`ascii_tokens`] with each token hashed by `hasher`: `p` is the text (its first `n` bytes)
/// followed by zero bytes up to a multiple of [`BLOCK`] bytes, at least [`PADDING`], and
/// [`TAIL`] more.
///
/// Each block of 64 bytes is classified by byte-parallel tests into a bit mask of its
/// letters and digits (and one of its `"`), so that a token's start and end are two
/// trailing-zero counts; the token is then loaded as two words, folded to lower case by an
/// OR and hashed from them. A run followed by a possible middle character (`.` `'` `:` `,`
/// `;` before a letter or digit) or by `_`, or longer than 16 bytes, is left to the
/// byte-by-byte rules of [`ascii_tokens`]. A run's leading `_`s are dropped from its token
/// and join nothing, so the token starts at its first letter or digit.
fn ascii_token_hashes<const QUOTES: bool>(
    p: &[u8],
    n: usize,
    hasher: &TokenHasher,
    folded: &mut Vec<u8>,
    f: &mut impl FnMut(u64, bool),
) {
    // Whether the scan is inside a quotation at the block's start, and where the bytes not
    // yet tokenized start (a token may run on into the next blocks).
    let mut inside = false;
    let mut consumed = 0usize;
    for (b, block) in p.chunks_exact(BLOCK).enumerate() {
        let base = b * BLOCK;
        if base >= n {
            break;
        }
        // The block and the tail after it, of a length the compiler knows.
        let Some(window) = p
            .get(base..)
            .and_then(|rest| rest.first_chunk::<{ BLOCK + TAIL }>())
        else {
            debug_assert!(false, "a padded text has a tail after every block");
            break;
        };
        let (mut words, quotes) = block_masks::<QUOTES>(block);
        // Bit `k`: an odd number of `"` among bytes 0 to `k` of the block.
        let parity = if quotes == 0 {
            0
        } else {
            prefix_parity(quotes)
        };
        words &= mask_from(consumed.saturating_sub(base));
        while words != 0 {
            let s = words.trailing_zeros();
            // The token's first byte in the window (below `BLOCK`: its reads up to 18 bytes
            // on stay inside).
            let at = s as usize % BLOCK;
            let start = base + at;
            let quoted = inside ^ (parity >> s & 1 == 1);
            // The run's length, the bits shifted in at the top counting as ends: a run that
            // reaches the block's end is measured again from its bytes.
            let run = (!(words >> s)).trailing_zeros();
            let len = if s + run < BLOCK as u32 {
                run as usize
            } else {
                let lo = !alphanumeric(word_at(window, at)) & HIGHS;
                let hi = !alphanumeric(word_at(window, at + 8)) & HIGHS;
                if lo != 0 {
                    lo.trailing_zeros() as usize / 8
                } else if hi != 0 {
                    8 + hi.trailing_zeros() as usize / 8
                } else {
                    16 // or more: the slow way
                }
            };
            let end = start + len;
            if len > 15 || {
                let mid = flags(window[at + len]);
                mid & (JOINS_LETTERS | JOINS_DIGITS | WORD) != 0
                    && (mid & WORD != 0 || flags(window[at + len + 1]) & (LETTER | DIGIT) != 0)
            } {
                consumed = slow_token(p, n, start, hasher, folded, quoted, f);
                words &= mask_from(consumed - base);
                continue;
            }
            let fold = |w: u64| w | (between(w, b'A', b'Z') >> 2);
            let lo = word_at(window, at) & first_bytes(len.min(8));
            let hash = if len > 8 {
                let hi = word_at(window, at + 8) & first_bytes(len - 8);
                hasher.short(fold(lo), fold(hi), len)
            } else {
                hasher.short(fold(lo), 0, len)
            };
            f(hash, quoted);
            consumed = end;
            // The token is the lowest run of the mask (or runs on past the block): adding
            // the run's lowest bit carries through the run and clears it.
            words &= words.wrapping_add(words & words.wrapping_neg());
        }
        inside ^= parity >> 63 == 1;
    }
}

/// The eight bytes of a block's window at `at` (below `BLOCK + 8`), little-endian.
#[inline]
fn word_at(window: &[u8; BLOCK + TAIL], at: usize) -> u64 {
    let at = at % (BLOCK + 8);
    let mut word = [0u8; 8];
    word.copy_from_slice(&window[at..at + 8]);
    u64::from_le_bytes(word)
}

/// The bit masks of a block's letters and digits and of its `"`s (bit `k` for byte `k`; no
/// `"` is looked for when the text has none).
#[inline]
fn block_masks<const QUOTES: bool>(block: &[u8]) -> (u64, u64) {
    let (mut words, mut quotes) = (0, 0);
    for (k, chunk) in block.chunks_exact(8).enumerate() {
        let x = chunk.try_into().map_or(0, u64::from_le_bytes);
        words |= gather(alphanumeric(x)) << (8 * k);
        let q = if QUOTES { equal(x, b'"') } else { 0 };
        if q != 0 {
            quotes |= gather(q) << (8 * k);
        }
    }
    (words, quotes)
}

/// The high bits of a word's eight bytes as eight bits, byte `k` to bit `k` (a multiplication
/// moves each to the top byte without carries; `answers` holds no other bit).
#[inline]
fn gather(answers: u64) -> u64 {
    answers.wrapping_mul(0x0002_0408_1020_4081) >> 56
}

/// Bit `k` of the result: the XOR of bits 0 to `k`.
#[inline]
fn prefix_parity(mut x: u64) -> u64 {
    for shift in [1, 2, 4, 8, 16, 32] {
        x ^= x << shift;
    }
    x
}

/// The bits from `k` up (none when `k` is 64 or more).
#[inline]
fn mask_from(k: usize) -> u64 {
    u32::try_from(k)
        .ok()
        .and_then(|k| u64::MAX.checked_shl(k))
        .unwrap_or(0)
}

/// The first `k` (1 to 8) bytes of a word.
#[inline]
fn first_bytes(k: usize) -> u64 {
    u64::MAX >> (64 - 8 * k)
}

/// One token of [`ascii_token_hashes`] by the byte-by-byte rules of [`ascii_tokens`], from
/// its first byte `start`; returns where it ends.
#[cold]
fn slow_token(
    p: &[u8],
    n: usize,
    start: usize,
    hasher: &TokenHasher,
    folded: &mut Vec<u8>,
    inside: bool,
    f: &mut impl FnMut(u64, bool),
) -> usize {
    let bytes = &p[..n];
    let (i, seen, _) = ascii_run(bytes, start);
    if seen & (LETTER | DIGIT) == 0 {
        return i;
    }
    let kept = bytes[start..i]
        .iter()
        .filter(|&&b| flags(b) & (LETTER | DIGIT) != 0)
        .map(u8::to_ascii_lowercase);
    // The folded token in two words when it fits (nearly always: numbers, initials,
    // contractions), else written out.
    let mut words = [0u8; 16];
    let mut len = 0;
    for b in kept.clone() {
        if let Some(slot) = words.get_mut(len) {
            *slot = b;
        }
        len += 1;
    }
    let hash = if len <= words.len() {
        hasher.short_padded(&words, len)
    } else {
        folded.clear();
        folded.extend(kept);
        hasher.hash(folded)
    };
    f(hash, inside);
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unicode_path(text: &str) -> Vec<String> {
        let mut word = String::new();
        let mut out = Vec::new();
        unicode_tokens(text, &mut word, &[], &mut |t, _| out.push(t.to_owned()));
        out
    }

    #[test]
    fn folds_case_punctuation_and_compatibility_forms() {
        let mut t = Tokenizer::new();
        assert_eq!(
            t.collect("The U.S. said: 1,000 dlrs, don't ﬁx it!"),
            ["the", "us", "said", "1000", "dlrs", "dont", "fix", "it"]
        );
        // U+2019 is MidNumLet in UAX #29 and the full-width digits fold under NFKC.
        assert_eq!(t.collect("Don’t ＡＢＣ１２"), ["dont", "abc12"]);
        assert_eq!(t.collect("STRASSE Straße"), ["strasse", "straße"]);
    }

    /// Tokens with their quoted flag.
    type Flagged = Vec<(String, bool)>;

    /// The flagged tokens of the ASCII scanner and of the general path.
    fn flags(text: &str) -> (Flagged, Flagged) {
        let mut word = String::new();
        let (mut ascii, mut unicode) = (Vec::new(), Vec::new());
        ascii_tokens(text, &mut word, &mut |t, q| ascii.push((t.to_owned(), q)));
        let mut marks = Vec::new();
        quotes::marks(text, &mut marks);
        unicode_tokens(text, &mut word, &marks, &mut |t, q| {
            unicode.push((t.to_owned(), q))
        });
        (ascii, unicode)
    }

    #[test]
    fn web_addresses_are_no_words() {
        let mut t = Tokenizer::new();
        assert_eq!(
            t.collect(
                "Read it on site.example: https://www.site.example/story/2019/06/01/x-y/123/\nNext"
            ),
            ["read", "it", "on", "siteexample", "next"]
        );
        // Two addresses, one holding a second "://", and letters beyond ASCII around them.
        assert_eq!(
            t.collect("Café https://a.example/r?u=http://b.example ünd ftp://c.example/x"),
            ["café", "ünd"]
        );
        // Offsets are kept: the quotation after an address is still found.
        let mut quoted = Vec::new();
        t.for_each(
            "see http://a.example/b \"rates rose\" — Reuters",
            |w, q| quoted.push((w.to_owned(), q)),
        );
        assert_eq!(
            quoted,
            [
                ("see".to_owned(), false),
                ("rates".to_owned(), true),
                ("rose".to_owned(), true),
                ("reuters".to_owned(), false)
            ]
        );
    }

    #[test]
    fn both_scanners_tell_quoted_words_alike() {
        // Reuters-21578 (reuters-28), and marks glued to words and to each other.
        for text in [
            "\"We're falling by our own hand,\" said one Republican political strategist.",
            "said the report was like \"an anvil falling on us.",
            "a\"b\" \"\" c \"d e\"f g",
        ] {
            let (ascii, unicode) = flags(text);
            assert_eq!(ascii, unicode, "{text}");
        }
        let (ascii, _) = flags("\"We're falling by our own hand,\" said one strategist.");
        let quoted: Vec<&str> = ascii.iter().filter(|t| t.1).map(|t| t.0.as_str()).collect();
        assert_eq!(quoted, ["were", "falling", "by", "our", "own", "hand"]);
        let mut t = Tokenizer::new();
        let mut typographic = Vec::new();
        t.for_each("He said “we will cut” today", |w, q| {
            typographic.push((w.to_owned(), q))
        });
        let quoted: Vec<&str> = typographic
            .iter()
            .filter(|t| t.1)
            .map(|t| t.0.as_str())
            .collect();
        assert_eq!(quoted, ["we", "will", "cut"]);
    }

    #[test]
    fn ascii_scanner_matches_unicode_segmentation() {
        let samples = [
            "It could be months before major assistance is provided for Earthquake-stricken Ecuador.",
            "about 50 mln dlrs, or about 25 per cent of the country's quota; 1,234.56 vs 1.5.",
            "a.b.c a..b 1.a a.1 1,2,3 x:y 3:4 _ __a a_b 1_2 _1 'quoted' rock'n'roll U.S.-based",
            "Shr 1.20 dlrs vs 98 cts\nNet 12.3 mln vs 10.1 mln\nRevs 1.2 billion <ABC.N> (co) [x] {y}",
            "end. Start,, mid;;x 9;9 a;b a,b 9'9 a'b' 'a ,1 .5 5. :a a: a-b-c e-mail #tag @user",
        ];
        let mut t = Tokenizer::new();
        for s in samples {
            assert_eq!(t.collect(s), unicode_path(s), "{s}");
        }
        // Every string over a small alphabet rich in joiners, up to length 5.
        let alphabet: Vec<char> = "a1_.',:; -".chars().collect();
        let mut stack = vec![String::new()];
        while let Some(s) = stack.pop() {
            assert_eq!(t.collect(&s), unicode_path(&s), "{s:?}");
            if s.len() < 5 {
                for &c in &alphabet {
                    let mut next = s.clone();
                    next.push(c);
                    stack.push(next);
                }
            }
        }
    }

    #[test]
    fn gather_and_prefix_parity() {
        for bits in 0u64..256 {
            let spread = (0..8).fold(0, |w, k| w | ((bits >> k & 1) << (8 * k + 7)));
            assert_eq!(gather(spread), bits);
            let prefix = prefix_parity(bits);
            for k in 0..8 {
                assert_eq!(
                    prefix >> k & 1,
                    u64::from((bits & mask_bits(k)).count_ones() & 1)
                );
            }
        }
        fn mask_bits(k: u32) -> u64 {
            (2u64 << k) - 1
        }
    }

    #[test]
    fn token_hasher_is_the_crates_xxh3() {
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        for seed in [0, 1, 0x636f_7079_6465_736b, u64::MAX] {
            let hasher = TokenHasher::new(seed);
            for len in 0..=40 {
                for _ in 0..200 {
                    let bytes: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
                    assert_eq!(
                        hasher.hash(&bytes),
                        xxh3_64_with_seed(&bytes, seed),
                        "len {len}"
                    );
                }
            }
        }
    }

    /// Token hashes with their quoted flag.
    type Hashed = Vec<(u64, bool)>;

    /// The hashes and quoted flags of `for_each_hash`, and the hashes of `for_each`'s tokens.
    fn both_hashes(t: &mut Tokenizer, text: &str) -> (Hashed, Hashed) {
        let seed = 0x636f_7079_6465_736b;
        let hasher = TokenHasher::new(seed);
        let (mut fast, mut plain) = (Vec::new(), Vec::new());
        t.for_each_hash(text, &hasher, |h, q| fast.push((h, q)));
        t.for_each(text, |w, q| {
            plain.push((xxh3_64_with_seed(w.as_bytes(), seed), q))
        });
        (fast, plain)
    }

    #[test]
    fn hashing_scanner_hashes_the_tokens() {
        let mut t = Tokenizer::new();
        let long = "Supercalifragilisticexpialidocious Internationalization ABCDEFGHIJKLMNOP";
        let samples = [
            "It could be months before major assistance is provided for Earthquake-stricken Ecuador.",
            "about 50 mln dlrs, or about 25 per cent of the country's quota; 1,234.56 vs 1.5.",
            "a.b.c a..b 1.a a.1 1,2,3 x:y 3:4 _ __a a_b 1_2 _1 'quoted' rock'n'roll U.S.-based",
            "Shr 1.20 dlrs vs 98 cts\nNet 12.3 mln vs 10.1 mln\nRevs 1.2 billion <ABC.N> (co) [x] {y}",
            "\"We're falling by our own hand,\" said one Republican political strategist.",
            "see http://a.example/b \"rates rose\" and Café “we will cut” today",
            long,
        ];
        for s in samples {
            let (fast, plain) = both_hashes(&mut t, s);
            assert_eq!(fast, plain, "{s}");
        }
        // Every string over a small alphabet rich in joiners, case and quotes, up to length 5.
        let alphabet: Vec<char> = "aZ1_.',:\" ".chars().collect();
        let mut stack = vec![String::new()];
        while let Some(s) = stack.pop() {
            let (fast, plain) = both_hashes(&mut t, &s);
            assert_eq!(fast, plain, "{s:?}");
            if s.len() < 5 {
                for &c in &alphabet {
                    let mut next = s.clone();
                    next.push(c);
                    stack.push(next);
                }
            }
        }
        // Random runs of words of every length from 1 to 40 bytes, at every alignment.
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        let pool = b"abcXYZ019_.,;:'\" -\n";
        for _ in 0..3000 {
            let len = (rng.next_u64() % 300) as usize;
            let text: String = (0..len)
                .map(|_| {
                    let r = rng.next_u64();
                    if r.is_multiple_of(4) {
                        char::from(pool[(r >> 8) as usize % pool.len()])
                    } else {
                        char::from(b"etaoinshrdlu"[(r >> 8) as usize % 12])
                    }
                })
                .collect();
            let (fast, plain) = both_hashes(&mut t, &text);
            assert_eq!(fast, plain, "{text:?}");
        }
    }
}
