//! A document's fingerprint: word-shingle hashes of its body and their simhash.
//!
//! Shingles run across block boundaries (the body blocks are one token stream),
//! so that a caption or widget cut out between two paragraphs, or a paragraph
//! split or merged by another outlet, changes only the few shingles at the seam.
//!
//! Hashes are xxh3 (64-bit, seeded): fast on short inputs (a token is a few
//! bytes), specified independently of the platform and compiler, unlike std's
//! `Hash`/SipHash whose output Rust does not promise to keep stable. A token is
//! hashed once; a shingle is the xxh3 of its tokens' hashes in little-endian
//! order, so the result depends only on the token bytes, the shingle size and
//! the seed.

use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::simhash::SimhashBuilder;
use crate::tokens::{TokenHasher, Tokenizer};

/// What a fingerprint was computed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The body blocks, the normal case.
    Body,
    /// The whole text, for a page without body blocks (a gallery, a caption
    /// page): identical pages are copies whatever they hold.
    WholeText,
}

/// Settings that change fingerprints: two fingerprints compare only when made with equal ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FingerprintParams {
    /// Words per shingle.
    pub shingle: usize,
    /// Seed of every hash.
    pub seed: u64,
    /// The lead is the first `lead_permille`/1000 of the shingles ...
    pub lead_permille: u16,
    /// ... and at least this many.
    pub lead_min: u16,
    /// Texts under this many shingles are judged by identity (the verifier's
    /// `partial_min_shingles`, which must be no larger). A fingerprint under twice as many
    /// also hashes its whole page ([`Fingerprint::page`]): segmentation may cut two identical
    /// pages into bodies on either side of the bar, the longer up to about twice the shorter.
    pub short_body: usize,
}

impl Default for FingerprintParams {
    fn default() -> Self {
        Self {
            shingle: 3,
            seed: 0x636f_7079_6465_736b, // "copydesk"
            lead_permille: 100,
            lead_min: 10,
            short_body: 35,
        }
    }
}

/// What a shingle set holds: the high 32 bits of each 64-bit shingle hash. Half the memory
/// of the full hash; two distinct shingles of a 1,000-shingle pair collide with probability
/// about 1e-4, which moves a Jaccard estimate by less than its third decimal.
pub type ShingleHash = u32;

/// The high 32 bits of a 64-bit shingle hash.
#[inline]
pub fn short_hash(h: u64) -> ShingleHash {
    (h >> 32) as ShingleHash
}

/// The fingerprint of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Simhash over the multiset of shingles.
    pub simhash: u64,
    /// The distinct shingle hashes, sorted ascending (for exact Jaccard and containment).
    pub shingles: Box<[ShingleHash]>,
    /// The distinct shingle hashes of the opening of the text (see
    /// `FingerprintParams::lead_permille`), sorted: a copy reproduces the opening
    /// of what it copies, a commentary quoting a brief does not start with it.
    pub lead: Box<[ShingleHash]>,
    /// Which of `shingles` are quoted (bit `i` of word `i / 64` for `shingles[i]`): every
    /// occurrence of the shingle touches a word inside quotation marks. Empty when none is.
    /// The verifier looks again at a pair without them (see `quotes.rs`).
    pub quoted: Box<[u64]>,
    /// Number of tokens fingerprinted.
    pub tokens: u32,
    pub basis: Basis,
    /// For a short fingerprint (under twice `FingerprintParams::short_body` shingles): a hash
    /// of the normalised tokens of the whole page (`whole`, every block in order, the body
    /// included); 0 otherwise, and 0 when `whole` has no token. Two pages with equal hashes
    /// read the same word for word, whatever their line breaks, so that short bodies can be
    /// judged by identity even when segmentation cut two identical pages differently.
    pub page: u64,
}

impl Fingerprint {
    /// Bytes this fingerprint holds on the heap and inline.
    pub fn memory_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + (self.shingles.len() + self.lead.len()) * std::mem::size_of::<ShingleHash>()
            + self.quoted.len() * 8
    }

    /// Whether `shingles[i]` is quoted.
    #[inline]
    pub fn is_quoted(&self, i: usize) -> bool {
        self.quoted
            .get(i / 64)
            .is_some_and(|w| w >> (i % 64) & 1 == 1)
    }

    /// Number of quoted shingles.
    pub fn quoted_count(&self) -> usize {
        self.quoted.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// Shingles of up to this many words are built in a stack buffer.
const STACK_WINDOW: usize = 16;

/// Makes fingerprints, reusing its buffers from one document to the next.
#[derive(Debug)]
pub struct Fingerprinter {
    params: FingerprintParams,
    tokenizer: Tokenizer,
    /// The token hash (xxh3 with the seed).
    hasher: TokenHasher,
    token_hashes: Vec<u64>,
    /// Where each block's token hashes end in `token_hashes`.
    block_ends: Vec<usize>,
    /// The body's token hashes while the whole page is tokenized.
    body_hashes: Vec<u64>,
    /// Runs of tokens inside quotation marks, as index ranges into `token_hashes`: most
    /// blocks quote nothing, and then nothing is stored per token.
    quoted_runs: Vec<(usize, usize)>,
    window: Vec<u8>,
    shingles: Vec<u64>,
    /// (short hash << 1 | quoted) of each shingle, sorted: the set and its quoted flags.
    keyed: Vec<u64>,
    /// The set being sorted, and the sort's second buffer and bucket counts.
    set: Vec<ShingleHash>,
    sorter: BucketSorter<ShingleHash>,
    keyed_sorter: BucketSorter<u64>,
}

impl Fingerprinter {
    /// # Panics
    /// Never; a shingle size of 0 is treated as 1.
    pub fn new(params: FingerprintParams) -> Self {
        let params = FingerprintParams {
            shingle: params.shingle.max(1),
            ..params
        };
        Self {
            params,
            tokenizer: Tokenizer::new(),
            hasher: TokenHasher::new(params.seed),
            token_hashes: Vec::new(),
            block_ends: Vec::new(),
            body_hashes: Vec::new(),
            quoted_runs: Vec::new(),
            window: Vec::new(),
            shingles: Vec::new(),
            keyed: Vec::new(),
            set: Vec::new(),
            sorter: BucketSorter::default(),
            keyed_sorter: BucketSorter::default(),
        }
    }

    pub fn params(&self) -> FingerprintParams {
        self.params
    }

    /// Fingerprints the body blocks; falls back to `whole` (every block of the
    /// page, or its whole text) when they hold no word.
    pub fn fingerprint<S: AsRef<str>, T: AsRef<str>>(
        &mut self,
        body: &[S],
        whole: &[T],
    ) -> Fingerprint {
        self.token_hashes.clear();
        self.quoted_runs.clear();
        self.tokenize(body);
        let mut basis = Basis::Body;
        if self.token_hashes.is_empty() {
            basis = Basis::WholeText;
            self.tokenize(whole);
        }
        let mut fp = self.finish(basis);
        if fp.shingles.len() < self.params.short_body.saturating_mul(2) {
            if basis == Basis::Body {
                self.tokenize_page(body, whole);
            }
            fp.page = self.page_hash();
        }
        fp
    }

    /// Replaces the body's token hashes by those of the whole page. A block's tokens depend
    /// on its text alone, so a body block met again among the page's blocks (in order, as
    /// the body is picked from them) has its hashes copied instead of tokenized again.
    fn tokenize_page<S: AsRef<str>, T: AsRef<str>>(&mut self, body: &[S], whole: &[T]) {
        std::mem::swap(&mut self.token_hashes, &mut self.body_hashes);
        self.token_hashes.clear();
        let mut next = 0;
        for block in whole {
            let text = block.as_ref();
            if body.get(next).is_some_and(|b| b.as_ref() == text) {
                let from = next.checked_sub(1).map_or(0, |b| self.block_ends[b]);
                let to = self.block_ends[next];
                self.token_hashes
                    .extend_from_slice(&self.body_hashes[from..to]);
                next += 1;
                continue;
            }
            let hashes = &mut self.token_hashes;
            self.tokenizer
                .for_each_hash(text, &self.hasher, |h, _| hashes.push(h));
        }
    }

    /// The xxh3 of the token hashes in `token_hashes` (little-endian); 0 ("none") when there
    /// is no token, never 0 otherwise: pages without words are not the same page.
    fn page_hash(&mut self) -> u64 {
        if self.token_hashes.is_empty() {
            return 0;
        }
        self.window.clear();
        for h in &self.token_hashes {
            self.window.extend_from_slice(&h.to_le_bytes());
        }
        xxh3_64_with_seed(&self.window, self.params.seed).max(1)
    }

    /// Appends the token hashes of `blocks` and whether each token is quoted.
    fn tokenize<S: AsRef<str>>(&mut self, blocks: &[S]) {
        self.block_ends.clear();
        let (hashes, runs) = (&mut self.token_hashes, &mut self.quoted_runs);
        for block in blocks {
            self.tokenizer
                .for_each_hash(block.as_ref(), &self.hasher, |h, quoted| {
                    let at = hashes.len();
                    hashes.push(h);
                    if quoted {
                        match runs.last_mut() {
                            Some(run) if run.1 == at => run.1 = at + 1,
                            _ => runs.push((at, at + 1)),
                        }
                    }
                });
            self.block_ends.push(hashes.len());
        }
    }

    /// The shingle hashes of a token-hash sequence, in text order (with repeats).
    fn shingle_sequence(&mut self) {
        self.shingles.clear();
        let n = self.params.shingle;
        let hashes = &self.token_hashes;
        if hashes.is_empty() {
            return;
        }
        // A text shorter than one shingle is one shingle of all its words.
        let width = n.min(hashes.len());
        let seed = self.params.seed;
        if width == 3 {
            // The default width, hashed from the words themselves, with the seeded secret
            // worked out once (and moved into the closure: read through a reference, it was
            // loaded again after every store to the shingles).
            let keys = three_word_keys(seed);
            self.shingles.extend(
                hashes
                    .windows(3)
                    .map(move |w| xxh3_three_words_keyed([w[0], w[1], w[2]], keys)),
            );
            return;
        }
        if width <= STACK_WINDOW {
            // The usual sizes: the window's bytes on the stack, no growth check per token.
            let mut buf = [0u8; STACK_WINDOW * 8];
            let bytes = &mut buf[..width * 8];
            for win in hashes.windows(width) {
                for (chunk, h) in bytes.chunks_exact_mut(8).zip(win) {
                    chunk.copy_from_slice(&h.to_le_bytes());
                }
                self.shingles.push(xxh3_64_with_seed(bytes, seed));
            }
            return;
        }
        for win in hashes.windows(width) {
            self.window.clear();
            for h in win {
                self.window.extend_from_slice(&h.to_le_bytes());
            }
            self.shingles.push(xxh3_64_with_seed(&self.window, seed));
        }
    }

    fn finish(&mut self, basis: Basis) -> Fingerprint {
        self.shingle_sequence();
        let mut sim = SimhashBuilder::new();
        sim.add_all(&self.shingles);
        let simhash = sim.finish();
        let n = self.shingles.len();
        let lead_len = (n * usize::from(self.params.lead_permille))
            .div_ceil(1000)
            .max(usize::from(self.params.lead_min))
            .min(n);
        self.set.clear();
        self.set
            .extend(self.shingles[..lead_len].iter().map(|&h| short_hash(h)));
        self.sorter.sort(&mut self.set, |h| h);
        self.set.dedup();
        let lead: Box<[ShingleHash]> = self.set[..].into();
        let (set, quoted) = self.shingle_set();
        Fingerprint {
            simhash,
            shingles: set,
            lead,
            quoted: quoted.into(),
            tokens: u32::try_from(self.token_hashes.len()).unwrap_or(u32::MAX),
            basis,
            page: 0,
        }
    }

    /// The distinct short shingle hashes, sorted, and the bit set of the quoted ones
    /// (empty when none is). A shingle is quoted when one of its words is, and counts
    /// as quoted in the set only when every occurrence is.
    fn shingle_set(&mut self) -> (Box<[ShingleHash]>, Vec<u64>) {
        if self.quoted_runs.is_empty() {
            self.set.clear();
            self.set
                .extend(self.shingles.iter().map(|&h| short_hash(h)));
            self.sorter.sort(&mut self.set, |h| h);
            self.set.dedup();
            return (self.set[..].into(), Vec::new());
        }
        // Shingle `i` covers tokens `i .. i + width` (see `shingle_sequence`).
        let width = self.params.shingle.min(self.token_hashes.len()).max(1);
        // Shingle `i` is quoted when a run `(start, end)` has `start < i + width` and
        // `i < end`: the runs set the flag on those ranges of the keyed hashes.
        self.keyed.clear();
        self.keyed
            .extend(self.shingles.iter().map(|&h| u64::from(short_hash(h)) << 1));
        let n = self.keyed.len();
        for &(start, end) in &self.quoted_runs {
            let from = (start + 1).saturating_sub(width);
            if let Some(keys) = self.keyed.get_mut(from..end.min(n)) {
                keys.iter_mut().for_each(|k| *k |= 1);
            }
        }
        // Sorted, an unquoted occurrence (low bit 0) comes first among equal hashes.
        self.keyed_sorter
            .sort(&mut self.keyed, |k| (k >> 1) as ShingleHash);
        self.keyed.dedup_by_key(|k| *k >> 1);
        let set: Box<[ShingleHash]> = self
            .keyed
            .iter()
            .map(|&k| (k >> 1) as ShingleHash)
            .collect();
        // A word of flags per 64 shingles, built in a register.
        let mut quoted: Vec<u64> = self
            .keyed
            .chunks(64)
            .map(|chunk| {
                chunk
                    .iter()
                    .enumerate()
                    .fold(0, |word, (i, &k)| word | (k & 1) << i)
            })
            .collect();
        // Every quoted shingle may also stand unquoted elsewhere in the text: then none is
        // quoted, and the set says so by being empty (the verifier's test for "quotes").
        if quoted.iter().all(|&w| w == 0) {
            quoted.clear();
        }
        (set, quoted)
    }

    /// The shingle hashes of `text` in text order, with the normalised tokens
    /// they start at: what passage alignment works on.
    pub fn shingle_positions(&mut self, text: &str) -> (Vec<String>, Vec<u64>) {
        let tokens = self.tokenizer.collect(text);
        self.token_hashes.clear();
        self.token_hashes.extend(
            tokens
                .iter()
                .map(|t| xxh3_64_with_seed(t.as_bytes(), self.params.seed)),
        );
        self.shingle_sequence();
        (tokens, self.shingles.clone())
    }
}

/// Sorts shingle hashes, which are uniform: one counting pass scatters them into about as many
/// buckets as there are hashes, by their top bits, and an insertion sort then moves each only
/// within its bucket (expected O(n), against the comparison sort's n log n: sorting the sets
/// was a sixth of fingerprinting). Short sets are sorted by the standard library.
#[derive(Debug)]
struct BucketSorter<T> {
    /// Bucket counts, then starts; a fixed array, so that the masked index needs no check.
    counts: Box<[u32; MAX_BUCKETS]>,
    /// The scattered items (its length only grows: every sort overwrites what it reads).
    out: Vec<T>,
}

impl<T> Default for BucketSorter<T> {
    fn default() -> Self {
        Self {
            counts: Box::new([0; MAX_BUCKETS]),
            out: Vec::new(),
        }
    }
}

/// Sets shorter than this are left to `sort_unstable` (its insertion sort and networks).
const BUCKET_SORT_MIN: usize = 32;
/// A bucket holding more items than this is left to the standard sort.
const CROWDED_BUCKET: u32 = 64;
/// At most this many buckets (a larger set has a few more items per bucket).
const MAX_BUCKETS: usize = 1 << 12;

impl<T: Copy + Ord + Default> BucketSorter<T> {
    /// Sorts `v` ascending; `top` gives 32 bits whose order is the items' order among
    /// different values of it (the items themselves break ties).
    fn sort(&mut self, v: &mut [T], top: impl Fn(T) -> u32) {
        let n = v.len();
        if n < BUCKET_SORT_MIN {
            v.sort_unstable();
            return;
        }
        // floor(log2 n) bits: between n/2 and n buckets.
        let bits = (usize::BITS - 1 - n.leading_zeros()).min(MAX_BUCKETS.trailing_zeros());
        let shift = 32 - bits;
        let mask = MAX_BUCKETS - 1;
        let buckets = 1usize << bits;
        // The array itself, not the box: its address stays in a register through the scatter
        // below instead of being read again after every store.
        let counts: &mut [u32; MAX_BUCKETS] = &mut self.counts;
        counts[..buckets].fill(0);
        for &x in v.iter() {
            counts[(top(x) >> shift) as usize & mask] += 1;
        }
        let (mut sum, mut largest) = (0, 0);
        for c in &mut counts[..buckets] {
            let here = *c;
            *c = sum;
            sum += here;
            largest = largest.max(here);
        }
        // Hashes crowded into a few buckets (crafted to, or one shingle repeated many times)
        // would make the insertion sort below quadratic.
        if largest > CROWDED_BUCKET {
            v.sort_unstable();
            return;
        }
        if self.out.len() < n {
            self.out.resize(n, T::default());
        }
        let out = &mut self.out[..n];
        for &x in v.iter() {
            let b = (top(x) >> shift) as usize & mask;
            let at = counts[b];
            counts[b] = at + 1;
            out[at as usize] = x;
        }
        for i in 1..n {
            let x = out[i];
            if out[i - 1] <= x {
                continue;
            }
            let mut j = i;
            while j > 0 && out[j - 1] > x {
                out[j] = out[j - 1];
                j -= 1;
            }
            out[j] = x;
        }
        v.copy_from_slice(out);
    }
}

/// `xxh3_64_with_seed` of three words' little-endian bytes: XXH3's 17-to-128-byte path
/// written out for 24 bytes, so that a shingle of the default width is hashed from its tokens'
/// hashes without copying them to bytes or dispatching on the length (a shingle hash was a
/// twentieth of `dedup`'s instructions). The same value as the crate's (tested).
#[cfg(test)]
fn xxh3_three_words(words: [u64; 3], seed: u64) -> u64 {
    xxh3_three_words_keyed(words, three_word_keys(seed))
}

/// The first 32 bytes of XXH3's default secret, as little-endian words, with the seed added
/// to the even ones and taken from the odd ones (as XXH3's mix does): worked out once per
/// document rather than once per shingle.
fn three_word_keys(seed: u64) -> [u64; 4] {
    const SECRET: [u64; 4] = [
        u64::from_le_bytes([0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe]),
        u64::from_le_bytes([0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c]),
        u64::from_le_bytes([0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb]),
        u64::from_le_bytes([0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f]),
    ];
    [
        SECRET[0].wrapping_add(seed),
        SECRET[1].wrapping_sub(seed),
        SECRET[2].wrapping_add(seed),
        SECRET[3].wrapping_sub(seed),
    ]
}

/// `xxh3_three_words` with the seeded secret of `three_word_keys`.
#[inline]
fn xxh3_three_words_keyed(words: [u64; 3], keys: [u64; 4]) -> u64 {
    const PRIME64_1: u64 = 0x9E37_79B1_85EB_CA87;
    let mix = |lo: u64, hi: u64, k0: u64, k1: u64| {
        let product = u128::from(lo ^ k0) * u128::from(hi ^ k1);
        (product as u64) ^ ((product >> 64) as u64)
    };
    let mut acc = 24u64.wrapping_mul(PRIME64_1);
    acc = acc.wrapping_add(mix(words[0], words[1], keys[0], keys[1]));
    acc = acc.wrapping_add(mix(words[1], words[2], keys[2], keys[3]));
    acc ^= acc >> 37;
    acc = acc.wrapping_mul(0x1656_6791_9E37_79F9);
    acc ^ (acc >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_word_hash_is_the_crates_xxh3() {
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        let mut next = || rng.next_u64();
        for seed in [0, 1, 0x636f_7079_6465_736b, u64::MAX] {
            for _ in 0..1000 {
                let words = [next(), next(), next()];
                let mut bytes = Vec::new();
                for w in words {
                    bytes.extend_from_slice(&w.to_le_bytes());
                }
                assert_eq!(
                    xxh3_three_words(words, seed),
                    xxh3_64_with_seed(&bytes, seed)
                );
            }
        }
    }

    #[test]
    fn bucket_sort_equals_the_standard_sort() {
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        let mut sorter = BucketSorter::<ShingleHash>::default();
        let mut keyed_sorter = BucketSorter::<u64>::default();
        for len in [
            0usize, 1, 31, 32, 33, 100, 255, 256, 1000, 4095, 4096, 9000, 20_000,
        ] {
            for narrow in [false, true] {
                // Uniform hashes, and hashes crowded into few buckets with repeats.
                let mut v: Vec<ShingleHash> = (0..len)
                    .map(|_| {
                        let h = rng.next_u64() as ShingleHash;
                        if narrow {
                            h & 0x8000_00ff
                        } else {
                            h
                        }
                    })
                    .collect();
                let mut keyed: Vec<u64> = v
                    .iter()
                    .map(|&h| u64::from(h) << 1 | (rng.next_u64() & 1))
                    .collect();
                let mut want = v.clone();
                want.sort_unstable();
                sorter.sort(&mut v, |h| h);
                assert_eq!(v, want, "len {len}");
                let mut want = keyed.clone();
                want.sort_unstable();
                keyed_sorter.sort(&mut keyed, |k| (k >> 1) as ShingleHash);
                assert_eq!(keyed, want, "keyed len {len}");
            }
        }
    }

    #[test]
    fn body_blocks_form_one_token_stream() {
        let mut f = Fingerprinter::new(FingerprintParams::default());
        let joined = f.fingerprint(&["one two three four five six"], &[""]);
        let split = f.fingerprint(&["one two three", "four five six"], &[""]);
        assert_eq!(joined, split);
        assert_eq!(joined.shingles.len(), 4);
        assert_eq!(joined.basis, Basis::Body);
    }

    #[test]
    fn pages_without_body_fall_back_to_the_whole_text() {
        let mut f = Fingerprinter::new(FingerprintParams::default());
        let empty: [&str; 0] = [];
        let fp = f.fingerprint(&empty, &["Photo gallery: the summit", "in pictures"]);
        assert_eq!(fp.basis, Basis::WholeText);
        assert_eq!(fp.tokens, 6);
        let none = f.fingerprint(&[" -- "], &[""]);
        assert_eq!((none.simhash, none.shingles.len()), (0, 0));
    }

    #[test]
    fn short_fingerprints_hash_their_whole_page() {
        let mut f = Fingerprinter::new(FingerprintParams::default());
        let body = "Shr 20 cts vs 15 cts";
        // The same page cut into other blocks, with other line breaks: the same page hash.
        let a = f.fingerprint(&[body], &["ACME CORP 1ST QTR", body, "Reuter"]);
        let b = f.fingerprint(
            &["Shr 20 cts", "vs 15 cts"],
            &["ACME CORP\n1ST QTR Shr 20 cts", "vs 15 cts Reuter"],
        );
        assert_ne!(a.page, 0);
        assert_eq!(a.page, b.page);
        // Another page around the same body, and a page without words, differ.
        let c = f.fingerprint(&[body], &["OTHER INC 1ST QTR", body, "Reuter"]);
        assert_ne!(a.page, c.page);
        let empty: [&str; 0] = [];
        assert_eq!(f.fingerprint(&[body], &empty).page, 0);
        // A page without body is hashed on its whole text, as the body-based one is.
        let d = f.fingerprint(&empty, &["ACME CORP 1ST QTR", body, "Reuter"]);
        assert_eq!(d.page, a.page);
        // Long fingerprints carry none.
        let long = (0..100)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(f.fingerprint(&[long.as_str()], &[long.as_str()]).page, 0);
    }

    /// The page hash by its definition: every block of the page tokenized afresh.
    fn page_hash_by_definition(whole: &[&str]) -> u64 {
        let seed = FingerprintParams::default().seed;
        let mut t = Tokenizer::new();
        let mut bytes = Vec::new();
        for block in whole {
            for token in t.collect(block) {
                bytes.extend_from_slice(&xxh3_64_with_seed(token.as_bytes(), seed).to_le_bytes());
            }
        }
        if bytes.is_empty() {
            0
        } else {
            xxh3_64_with_seed(&bytes, seed).max(1)
        }
    }

    #[test]
    fn page_hashes_reuse_body_tokens_only_where_the_text_is_the_same() {
        let mut f = Fingerprinter::new(FingerprintParams::default());
        let (a, b) = (
            "Shr 20 cts vs 15 cts",
            "Net \"profit\" 1.5 mln vs U.S. 2,000",
        );
        let pages: [(&[&str], &[&str]); 6] = [
            (&[a], &["ACME CORP 1ST QTR", a, "Reuter"]),
            (&[a, b], &[a, "x", b, "Reuter"]),
            (&[a, b], &[b, a]),
            (&[a], &[a, a, a]),
            (&[a], &["Other text entirely"]),
            (&["Shr 20 cts vs 15"], &["Shr 20 cts vs 15 cts"]),
        ];
        for (body, whole) in pages {
            let fp = f.fingerprint(body, whole);
            assert_eq!(
                fp.page,
                page_hash_by_definition(whole),
                "{body:?} {whole:?}"
            );
        }
    }

    #[test]
    fn short_texts_are_one_shingle() {
        let mut f = Fingerprinter::new(FingerprintParams::default());
        let fp = f.fingerprint(&["Oil up"], &[""]);
        assert_eq!(fp.shingles.len(), 1);
    }

    #[test]
    fn odd_text_is_fingerprinted_without_panicking() {
        let mut f = Fingerprinter::new(FingerprintParams::default());
        let long_word = "a".repeat(100_000);
        let odd = [
            "",
            "\u{0}\u{feff}\u{200d}\u{200b}",
            "e\u{301}\u{301}\u{301} ﷺ ﷽ ㈱ ﬃ",
            "مرحبا بالعالم שלום עולם 你好世界 こんにちは",
            "👩‍👩‍👧‍👦 🇫🇮 🏳️‍🌈",
            long_word.as_str(),
            "...,,,;;;:::'''___---",
        ];
        for text in odd {
            let fp = f.fingerprint(&[text], &[text]);
            assert!(fp.shingles.windows(2).all(|w| w[0] < w[1]), "{text:?}");
            assert!(fp.lead.len() <= fp.shingles.len());
        }
        // CJK has UAX #29 words too: the text is fingerprinted, not dropped.
        assert!(f.fingerprint(&["你好世界 こんにちは"], &[""]).tokens > 0);
    }
}
