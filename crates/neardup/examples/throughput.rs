//! Fingerprinting throughput (a measurement script, run in release):
//!   cargo run --release -p copydesk-neardup --example throughput -- reuters21578.jsonl [reps]
//! Reads the "text" field of every line, then times, single-threaded, best of `reps`:
//! - the whole fingerprint (tokenize, hash, shingle, simhash, sort) of each text;
//! - clustering alone (candidates, then the whole `detect`) over those fingerprints;
//! - the simhash update alone over word 5-gram feature hashes, bit-sliced versus a
//!   plain 64-counter loop (the per-feature figure the `simhash` crate is compared on).
use copydesk_neardup::simhash::SimhashBuilder;
use copydesk_neardup::tokens::Tokenizer;
use copydesk_neardup::{
    candidates, detect, DocRef, FingerprintParams, Fingerprinter, Keep, Params,
};
use std::hint::black_box;
use std::io::BufRead;
use std::time::Instant;
use xxhash_rust::xxh3::xxh3_64_with_seed;

fn best<F: FnMut() -> u64>(reps: usize, mut f: F) -> (f64, u64) {
    let mut best = f64::MAX;
    let mut out = 0;
    for _ in 0..reps {
        let t = Instant::now();
        out = black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best, out)
}

fn plain(hashes: &[u64]) -> u64 {
    let mut counts = [0u32; 64];
    for h in hashes {
        for (i, c) in counts.iter_mut().enumerate() {
            *c += ((h >> i) & 1) as u32;
        }
    }
    let n = hashes.len() as u64;
    counts.iter().enumerate().fold(0, |acc, (i, &c)| {
        if 2 * u64::from(c) > n {
            acc | 1 << i
        } else {
            acc
        }
    })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: throughput FILE.jsonl [reps]")?;
    let reps: usize = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(5);
    let mut texts = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            texts.push(t.to_owned());
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut f = Fingerprinter::new(FingerprintParams::default());
    let (secs, _) = best(reps, || {
        texts
            .iter()
            .map(|t| f.fingerprint(&[t.as_str()], &[""]).simhash)
            .fold(0, |a, h| a ^ h)
    });
    println!(
        "fingerprint: {} docs, {:.1} MB in {:.3} s = {:.0} MB/s (one thread)",
        texts.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    );

    // Word 5-gram feature hashes of every text, then the two simhash updates over them.
    let seed = FingerprintParams::default().seed;
    let mut tok = Tokenizer::new();
    let per_doc: Vec<Vec<u64>> = texts
        .iter()
        .map(|t| {
            let mut words = Vec::new();
            tok.for_each(t, |w, _| words.push(xxh3_64_with_seed(w.as_bytes(), seed)));
            words
                .windows(5)
                .map(|w| {
                    let mut b = [0u8; 40];
                    for (i, h) in w.iter().enumerate() {
                        b[i * 8..i * 8 + 8].copy_from_slice(&h.to_le_bytes());
                    }
                    xxh3_64_with_seed(&b, seed)
                })
                .collect()
        })
        .collect();
    let features: usize = per_doc.iter().map(Vec::len).sum();
    let (s_sliced, a) = best(reps, || {
        per_doc
            .iter()
            .map(|hs| {
                let mut b = SimhashBuilder::new();
                hs.iter().for_each(|&h| b.add(h));
                b.finish()
            })
            .fold(0, |x, h| x ^ h)
    });
    let (s_plain, b) = best(reps, || {
        per_doc.iter().map(|hs| plain(hs)).fold(0, |x, h| x ^ h)
    });
    assert_eq!(a, b, "the two simhash updates disagree");
    println!("simhash update over {} word 5-gram features: bit-sliced {:.2} ns/feature, plain 64-counter loop {:.2} ns/feature", features, s_sliced * 1e9 / features as f64, s_plain * 1e9 / features as f64);
    let (s_tok, n) = best(reps, || {
        let mut n = 0u64;
        for t in &texts {
            tok.for_each(t, |_, _| n += 1);
        }
        n
    });
    println!(
        "tokenizing alone: {} tokens, {:.0} MB/s",
        n,
        bytes as f64 / 1e6 / s_tok
    );
    // Clustering alone (texts as bodies): candidates, verification, stars, assignments.
    let fps: Vec<_> = texts
        .iter()
        .map(|t| f.fingerprint(&[t.as_str()], &[""]))
        .collect();
    let refs: Vec<DocRef> = fps.iter().map(DocRef::bare).collect();
    let params = Params::default();
    let (s_cand, n_cand) = best(reps, || candidates(&refs, &params).0.len() as u64);
    let (s_detect, _) = best(reps, || {
        detect(&refs, &params, Keep::Earliest).1.verified as u64
    });
    println!(
        "clustering {} documents: candidates {:.3} s ({} pairs), whole detect {:.3} s",
        refs.len(),
        s_cand,
        n_cand,
        s_detect
    );
    Ok(())
}
