#!/usr/bin/env python3
"""One near-duplicate peer over one JSON Lines file: index every document, query
every document, write connected components of the candidate pairs as
clusters.jsonl ({"id", "cluster"}), and print {"seconds", "docs", "bytes"}.

Timed: feature extraction, index build and query of every document (what a
deduplication run costs). Not timed: reading and parsing the JSON, and
building the components and writing them out, as in ../shared/eval/README.md.

Methods (the configurations of ../shared/eval/README.md):
  datasketch  MinHashLSH(threshold=0.5, num_perm=128), MinHash(num_perm=128)
              over lowercased word 3-grams (words = \\w+)
  gaoya       gaoya.minhash.MinHashStringIndex() with its defaults (32-bit
              hashes, 25 bands x 5, threshold 0.75, word 1-grams, no
              lowercasing); bulk insert, then one query per document
  simhash     simhash.SimhashIndex(k=3) over simhash.Simhash(text) with its
              default features (lowercased character 4-grams of \\w)
"""
import argparse
import json
import re
import sys
import time

WORD = re.compile(r"\w+")


def load(path, field):
    ids, texts = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            ids.append(r["id"])
            texts.append(r.get(field) or "")
    return ids, texts


def run_datasketch(texts):
    from datasketch import MinHash, MinHashLSH
    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    sigs = []
    for i, t in enumerate(texts):
        w = WORD.findall(t.lower())
        m = MinHash(num_perm=128)
        grams = {" ".join(w[j:j + 3]) for j in range(max(1, len(w) - 2))}
        m.update_batch([g.encode("utf-8") for g in grams])
        lsh.insert(i, m)
        sigs.append(m)
    pairs = [(i, j) for i, m in enumerate(sigs) for j in lsh.query(m) if j != i]
    return time.perf_counter() - t0, pairs


def run_gaoya(texts):
    from gaoya.minhash import MinHashStringIndex
    t0 = time.perf_counter()
    index = MinHashStringIndex()
    index.par_bulk_insert_docs(list(range(len(texts))), texts)
    pairs = [(i, j) for i, t in enumerate(texts) for j in index.query(t) if j != i]
    return time.perf_counter() - t0, pairs


def run_simhash(texts):
    from simhash import Simhash, SimhashIndex
    t0 = time.perf_counter()
    hashes = [(str(i), Simhash(t)) for i, t in enumerate(texts)]
    index = SimhashIndex(hashes, k=3)
    pairs = [(i, int(j)) for i, (_, h) in enumerate(hashes) for j in index.get_near_dups(h) if int(j) != i]
    return time.perf_counter() - t0, pairs


METHODS = {"datasketch": run_datasketch, "gaoya": run_gaoya, "simhash": run_simhash}


def components(n, pairs):
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(i) for i in range(n)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("method", choices=sorted(METHODS))
    ap.add_argument("input")
    ap.add_argument("--field", default="text")
    ap.add_argument("--clusters", help="write {id, cluster} here")
    a = ap.parse_args()
    ids, texts = load(a.input, a.field)
    secs, pairs = METHODS[a.method](texts)
    if a.clusters:
        roots = components(len(ids), pairs)
        with open(a.clusters, "w", encoding="utf-8") as f:
            for doc_id, root in zip(ids, roots):
                f.write(json.dumps({"id": doc_id, "cluster": ids[root]}) + "\n")
    print(json.dumps({"seconds": secs, "docs": len(texts),
                      "bytes": sum(len(t.encode("utf-8")) for t in texts), "pairs": len(pairs)}))


if __name__ == "__main__":
    sys.exit(main())
