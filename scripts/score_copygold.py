#!/usr/bin/env python3
"""Score `copydesk dedup` on a hand-labelled copy gold (census + spotify, or mturk).

This script reads ../shared: the page text comes from
../shared/eval/provenance_news.jsonl (evaluation use only; its source states no
licence, so no text of it is in this repository) and the scorer is
../shared/eval/score_clusters.py. Only ids and cluster labels live here, in
benches/copygold/census_spotify.truth.jsonl (default, `--gold census_spotify`)
and benches/copygold/mturk.truth.jsonl (`--gold mturk`: the 1,000 pages of the
mturk_20190601 subset); see benches/copygold/README.md. Only the pages of the
chosen gold's subsets whose ids are in its truth file are read; the held-out
helsinki subset is skipped without being parsed further than its id.

Steps, all in a temporary directory:
  1. INPUT: the truth ids' pages as JSONL, each record as in provenance_news
     ({"id", "subset", "source", "url", "title", "date", "text"});
  2. `copydesk dedup INPUT --out TMPDIR [extra options]`;
  3. `python3 score_clusters.py TRUTH TMPDIR/clusters.jsonl --json`.
It prints ARI and pair precision / recall / F1.

--errors also lists the falsely joined pairs (same predicted cluster, different
truth clusters) and the missed pairs (same truth cluster, not joined), by id
only, each with a whole-text similarity figure computed here: containment of
word 5-shingles (shared / smaller side) and their Jaccard. No page text is
printed.

Options after `--` are passed to `copydesk dedup`, e.g.
    python3 scripts/score_copygold.py --errors -- --keep earliest
    python3 scripts/score_copygold.py --gold mturk --errors

Python 3 standard library only. Run from the repository root after
`cargo build --release`.
"""

import argparse
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.normpath(os.path.join(ROOT, "..", "shared", "eval"))
GOLDS = {
    # name: (truth file under benches/copygold, subsets its pages come from)
    "census_spotify": ("census_spotify.truth.jsonl", ("census", "spotify")),
    "mturk": ("mturk.truth.jsonl", ("mturk_20190601",)),
}


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit("%s:%d: bad JSON: %s" % (path, ln, e))


def load_pages(source, ids, subsets):
    """The records of `ids` from provenance_news, in file order.

    A line is parsed only when its subset prefix is one of the gold's subsets,
    so the held-out subset's text is never decoded."""
    pages = []
    with open(source, encoding="utf-8") as f:
        for line in f:
            m = re.match(r'\s*\{\s*"id"\s*:\s*"([a-z0-9_]+)-', line)
            if m and m.group(1) not in subsets:
                continue
            rec = json.loads(line)
            if rec.get("subset") in subsets and rec.get("id") in ids:
                pages.append(rec)
    return pages


def shingles(text, n=5):
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def similarity(a, b):
    if not a or not b:
        return 0.0, 0.0
    shared = len(a & b)
    return shared / min(len(a), len(b)), shared / len(a | b)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    ap.add_argument("--source", default=os.path.join(EVAL, "provenance_news.jsonl"))
    ap.add_argument("--gold", choices=sorted(GOLDS), default="census_spotify",
                    help="which hand-made gold to score (default census_spotify)")
    ap.add_argument("--truth", help="truth file (default: the chosen gold's)")
    ap.add_argument("--errors", action="store_true",
                    help="list falsely joined and missed pairs (ids and a similarity figure)")
    ap.add_argument("--keep-tmp", action="store_true", help="keep and print the temp directory")
    ap.add_argument("dedup_args", nargs="*", help="extra `copydesk dedup` options, after --")
    args = ap.parse_args()
    truth_name, subsets = GOLDS[args.gold]
    if args.truth is None:
        args.truth = os.path.join(ROOT, "benches", "copygold", truth_name)

    truth = {r["id"]: r["cluster"] for r in read_jsonl(args.truth)}
    pages = load_pages(args.source, set(truth), subsets)
    missing = set(truth) - {p["id"] for p in pages}
    if missing:
        sys.exit("pages not found in %s: %s" % (args.source, ", ".join(sorted(missing))))
    if not os.path.exists(args.bin):
        sys.exit("%s not found: run `cargo build --release` first" % args.bin)

    tmp = tempfile.mkdtemp(prefix="copygold.")
    inp = os.path.join(tmp, "input.jsonl")
    out = os.path.join(tmp, "out")
    with open(inp, "w", encoding="utf-8") as f:
        for p in pages:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    cmd = [args.bin, "dedup", inp, "--out", out] + args.dedup_args
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if run.returncode != 0:
        sys.stderr.write(run.stderr)
        sys.exit("copydesk dedup failed (exit %d)" % run.returncode)
    clusters = os.path.join(out, "clusters.jsonl")
    score = subprocess.run([sys.executable, os.path.join(EVAL, "score_clusters.py"),
                            args.truth, clusters, "--json"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if score.returncode != 0:
        sys.stderr.write(score.stderr)
        sys.exit("score_clusters.py failed (exit %d)" % score.returncode)
    res = json.loads(score.stdout)
    print("copydesk dedup on %d pages (%s), truth %s" % (len(pages), "+".join(subsets),
                                                         os.path.relpath(args.truth, ROOT)))
    print("ARI             %.4f" % res["ari"])
    print("pair precision  %.4f  (%d/%d)" % (res["pair_precision"], res["common_pairs"], res["pred_pairs"]))
    print("pair recall     %.4f  (%d/%d)" % (res["pair_recall"], res["common_pairs"], res["truth_pairs"]))
    print("pair F1         %.4f" % res["pair_f1"])
    print("clusters (2+)   truth %d, predicted %d" % (res["truth_clusters"], res["pred_clusters"]))

    if args.errors:
        pred = {}
        for r in read_jsonl(clusters):
            c = r.get("cluster")
            pred[str(r["id"])] = ("single", r["id"]) if c is None else json.dumps(c, sort_keys=True)
        sh = {p["id"]: shingles(p["text"]) for p in pages}
        ids = [p["id"] for p in pages]
        false_joined, missed = [], []
        for a, b in itertools.combinations(ids, 2):
            same_t = truth[a] == truth[b]
            same_p = pred.get(a, ("single", a)) == pred.get(b, ("single", b))
            if same_t != same_p:
                cont, jac = similarity(sh[a], sh[b])
                (missed if same_t else false_joined).append((cont, jac, a, b))
        for title, rows in (("falsely joined", false_joined), ("missed", missed)):
            print("\n%s pairs: %d   (whole-text word 5-shingle containment / Jaccard)" % (title, len(rows)))
            for cont, jac, a, b in sorted(rows, reverse=True):
                print("  %-14s %-14s %.3f / %.3f" % (a, b, cont, jac))
    if args.keep_tmp:
        print("\ntemp dir: %s" % tmp)
    else:
        for root, dirs, files in os.walk(tmp, topdown=False):
            for name in files:
                os.remove(os.path.join(root, name))
            for name in dirs:
                os.rmdir(os.path.join(root, name))
        os.rmdir(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
