//! Test vectors: fingerprints are part of the index format and must not change
//! across platforms, compilers or refactors. If one of these fails, the
//! fingerprint definition changed: bump the index format version and
//! regenerate the vectors on purpose (see ARCHITECTURE.md, "Fingerprints").
//!
//! Definition, default parameters (shingle 3, seed 0x636f70796465736b):
//! tokens = UAX #29 words of the NFKC text (web addresses, runs of non-space
//! characters holding "://", left out), each lower-cased with its
//! non-alphanumeric characters removed; token hash = xxh3_64(token UTF-8, seed);
//! shingle hash = xxh3_64(concatenated little-endian token hashes of 3
//! consecutive tokens, seed) (one shingle of all tokens if fewer than 3);
//! simhash bit i = 1 iff strictly more than half of the shingles (with
//! repeats) have bit i set; the stored shingle set holds the high 32 bits of
//! each shingle hash, distinct and sorted.

use copydesk_neardup::{FingerprintParams, Fingerprinter};

fn fp(text: &str) -> copydesk_neardup::Fingerprint {
    Fingerprinter::new(FingerprintParams::default()).fingerprint(&[text], &[""])
}

/// Texts from Reuters-21578 (reuters-4403) and edge cases.
const VECTORS: &[(&str, u64, usize, u32)] = &[
    // (text, simhash, distinct shingles, smallest stored shingle hash: the high 32 bits)
    ("It could be months before major assistance is provided for Earthquake-stricken Ecuador, although the International Monetary Fund and the development banks have already taken the first steps, monetary sources and U.S. officials said.", 0x0ac410322e5b1cbc, 32, 0x0a55d951),
    ("IT COULD BE MONTHS before major assistance is provided for earthquake stricken Ecuador; although the International Monetary Fund and the development banks have already taken the first steps -- monetary sources and US officials said", 0x0ac410322e5b1cbc, 32, 0x0a55d951),
    ("Oil", 0xe38b640db48046d5, 1, 0xe38b640d),
    ("Ｏｉｌ prices rose 1,000 dlrs", 0xa043fb639fd56397, 3, 0x80679b63),
    ("", 0, 0, 0),
    ("Oil prices rose 1000 dlrs", 0xa043fb639fd56397, 3, 0x80679b63),
    // A web address is no word: the same fingerprint as without it.
    ("Oil prices rose https://www.example.com/oil/1987/ 1000 dlrs", 0xa043fb639fd56397, 3, 0x80679b63),
];

#[test]
fn fingerprints_match_the_committed_vectors() {
    let mut report = String::new();
    let mut ok = true;
    for &(text, simhash, shingles, smallest) in VECTORS {
        let f = fp(text);
        let got = (
            f.simhash,
            f.shingles.len(),
            f.shingles.first().copied().unwrap_or(0),
        );
        report.push_str(&format!(
            "    ({text:?}, {:#018x}, {}, {:#010x}),\n",
            got.0, got.1, got.2
        ));
        ok &= got == (simhash, shingles, smallest);
    }
    assert!(
        ok,
        "fingerprints differ from the vectors; current values:\n{report}"
    );
}

#[test]
fn punctuation_and_case_variants_share_the_fingerprint() {
    assert_eq!(fp(VECTORS[0].0), fp(VECTORS[1].0));
}
