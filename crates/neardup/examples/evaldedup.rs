//! Measurement helper (not part of the product): runs the detector on a
//! generated syndication corpus with a stand-in body extractor (or the truth's
//! body lines), writes clusters.jsonl and prints candidate-stage recall.
//! usage: evaldedup DOCS.jsonl TRUTH.jsonl oracle|standin|BLOCKS.jsonl OUT.jsonl [key=value...]
//! BLOCKS.jsonl is the output of `copydesk segment --no-corpus-pass DOCS.jsonl` (one block a
//! line with its label): the bodies `dedup` fingerprints, read from a file so that this
//! crate needs no segmenter.
//! keys: shingle k blocks bits df jac cont cov
use copydesk_neardup::anchors::anchor_pairs;
use copydesk_neardup::hamming_index::near_pairs;
use copydesk_neardup::*;
use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};

fn standin(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|b| b.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|b| b.split(' ').count() >= 12 && b.ends_with(['.', '!', '?', '"', '\'', ')']))
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let a: Vec<String> = std::env::args().collect();
    let read = |p: &str| -> Vec<serde_json::Value> {
        std::io::BufReader::new(std::fs::File::open(p).expect("open"))
            .lines()
            .map(|l| serde_json::from_str(&l.expect("line")).expect("json"))
            .collect()
    };
    let docs = read(&a[1]);
    let truth = read(&a[2]);
    let oracle = a[3] == "oracle";
    let mut segmented: HashMap<String, (Vec<String>, Vec<String>)> = HashMap::new();
    if a[3] != "oracle" && a[3] != "standin" {
        for line in std::io::BufReader::new(std::fs::File::open(&a[3])?).lines() {
            let b: serde_json::Value = serde_json::from_str(&line?)?;
            let entry = segmented
                .entry(b["id"].as_str().unwrap_or_default().to_owned())
                .or_default();
            let text = b["text"].as_str().unwrap_or_default().to_owned();
            if b["label"] == "body" {
                entry.0.push(text.clone());
            }
            entry.1.push(text);
        }
    }
    let kv: HashMap<String, String> = a[5..]
        .iter()
        .filter_map(|s| s.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let g = |k: &str, d: f64| {
        kv.get(k)
            .map(|v| v.parse::<f64>().expect("num"))
            .unwrap_or(d)
    };
    let mut p = Params::default();
    p.fingerprint.shingle = g("shingle", p.fingerprint.shingle as f64) as usize;
    p.tables = TableLayout {
        k: g("k", p.tables.k as f64) as u32,
        blocks: g("blocks", p.tables.blocks as f64) as u32,
    };
    p.anchors.sample_bits = g("bits", p.anchors.sample_bits as f64) as u32;
    p.anchors.max_df = g("df", p.anchors.max_df as f64) as usize;
    p.anchors.min_shared = g("min", p.anchors.min_shared as f64) as u32;
    p.anchors.min_fraction = g("frac", p.anchors.min_fraction);
    p.verify.copy_jaccard = g("jac", p.verify.copy_jaccard);
    p.verify.partial_containment = g("cont", p.verify.partial_containment);
    p.verify.partial_coverage = g("cov", p.verify.partial_coverage);
    let mut f = Fingerprinter::new(p.fingerprint);
    let t0 = std::time::Instant::now();
    let fps: Vec<Fingerprint> = docs
        .iter()
        .zip(&truth)
        .map(|(d, t)| {
            let text = d["text"].as_str().expect("text");
            let body: Vec<String> = if oracle {
                let mut skip = HashSet::new();
                for k in ["template_lines", "captions", "meta_lines"] {
                    for v in t[k].as_array().expect("arr") {
                        skip.insert(v.as_u64().expect("n") as usize);
                    }
                }
                text.split('\n')
                    .enumerate()
                    .filter(|(i, _)| !skip.contains(i))
                    .map(|(_, l)| l.to_string())
                    .collect()
            } else if let Some((body, all)) = segmented.get(d["id"].as_str().unwrap_or_default()) {
                return f.fingerprint(body, all);
            } else {
                standin(text)
            };
            f.fingerprint(&body, &[text])
        })
        .collect();
    let t1 = t0.elapsed();
    let refs: Vec<DocRef> = docs
        .iter()
        .zip(&fps)
        .map(|(d, fp)| DocRef {
            fingerprint: fp,
            source: d["source"].as_str(),
            date: d["date"].as_str(),
        })
        .collect();
    let t2 = std::time::Instant::now();
    let (asg, stats) = detect(&refs, &p, Keep::Earliest);
    let t3 = t2.elapsed();
    // candidate recall
    let cl: Vec<&str> = truth
        .iter()
        .map(|t| t["cluster"].as_str().expect("c"))
        .collect();
    let mut by: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, c) in cl.iter().enumerate() {
        by.entry(c).or_default().push(i as u32);
    }
    let true_pairs: HashSet<(u32, u32)> = by
        .values()
        .flat_map(|v| {
            let v = v.clone();
            (0..v.len()).flat_map(move |i| {
                let v = v.clone();
                (i + 1..v.len()).map(move |j| (v[i], v[j]))
            })
        })
        .collect();
    let sims: Vec<u64> = fps.iter().map(|f| f.simhash).collect();
    let tab: HashSet<(u32, u32)> = near_pairs(&sims, p.tables, p.max_group)
        .into_iter()
        .collect();
    let sets: Vec<&[ShingleHash]> = fps.iter().map(|f| &f.shingles[..]).collect();
    let anc: HashSet<(u32, u32)> = anchor_pairs(&sets, p.anchors).into_iter().collect();
    let nt = true_pairs.len() as f64;
    let rt = true_pairs.iter().filter(|x| tab.contains(x)).count() as f64 / nt;
    let ra = true_pairs.iter().filter(|x| anc.contains(x)).count() as f64 / nt;
    let ru = true_pairs
        .iter()
        .filter(|x| anc.contains(x) || tab.contains(x))
        .count() as f64
        / nt;
    let mem: usize = fps.iter().map(|f| f.memory_bytes()).sum();
    let anchors: usize = fps
        .iter()
        .map(|f| {
            f.shingles
                .iter()
                .filter(|&&h| p.anchors.is_anchor(h))
                .count()
        })
        .sum();
    eprintln!("{p:?}");
    eprintln!("stats {stats:?}\nfingerprint {:?} detect {:?}\ncandidate recall: tables {rt:.4} anchors {ra:.4} union {ru:.4} (true pairs {nt})\nfingerprint bytes/doc {:.0}, anchors/doc {:.1}, table bytes/doc {}",
        t1, t3, mem as f64 / fps.len() as f64, anchors as f64 / fps.len() as f64, p.tables.bytes_per_document());
    if kv.contains_key("missed") {
        let mut bins: HashMap<String, usize> = HashMap::new();
        for &(i, j) in &true_pairs {
            if asg[i as usize].cluster == asg[j as usize].cluster {
                continue;
            }
            let o = Overlap::of(&fps[i as usize].shingles, &fps[j as usize].shingles);
            let v = verify(&fps[i as usize], &fps[j as usize], &p.verify).is_some();
            let key = format!(
                "verified={} J={:.1} cont={:.1} cov={:.1} kinds={}/{}",
                v,
                o.jaccard(),
                o.containment(),
                o.coverage(),
                truth[i as usize]["kind"],
                truth[j as usize]["kind"]
            );
            *bins.entry(key).or_default() += 1;
        }
        let mut b: Vec<_> = bins.into_iter().collect();
        b.sort_by_key(|x| std::cmp::Reverse(x.1));
        for (k, v) in b.iter().take(25) {
            eprintln!("{v:6} {k}");
        }
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(&a[4])?);
    for (i, s) in asg.iter().enumerate() {
        writeln!(
            out,
            "{}",
            serde_json::json!({"id": docs[i]["id"], "cluster": docs[s.cluster as usize]["id"], "representative": docs[s.representative as usize]["id"], "similarity": s.similarity, "kind": s.kind})
        )?;
    }
    Ok(())
}
