#!/usr/bin/env python3
"""generate.py -- a large syndicated-news corpus (1M+ documents) for scale runs.

Why not simply run make_syndication.py with a huge --stories? Reuters-21578 has
only ~5,000 long stories that pass its overlap filter, so one run gives ~33k
documents, and a million documents made from the same stories would be a
million copies of the same 5,000 bodies: a dedup benchmark on that measures
the cluster merger, not the index.

So the corpus is built in shards. For each shard a *synthetic Reuters file*
is written: every Reuters record keeps its metadata (date, dateline, topics,
places) and its paragraph/sentence layout, but each sentence slot is refilled
with a real Reuters sentence drawn, without replacement inside the shard, from
the sentences of stories of the same topic. Every shard therefore holds a
fresh set of ~20k stories made of real wire sentences; across shards a given
sentence recurs (as stock phrases do in real wire copy) but two stories share
almost nothing. The shard's synthetic file is then fed to the read-only
generator ../shared/eval/synth/make_syndication.py (called as a program, with
its --reuters option), which republishes the stories through its 24 outlets
with templates, real captions, copies, partial copies, write-throughs and hard
negatives, exactly as it makes the dev set. Odd shards use --harsh.

Output: OUT (documents) and OUT.truth.jsonl (make_syndication's truth), ids
prefixed with the shard ("g003-doc-000123"), shards concatenated in order, so
`head -n 100000 OUT` is itself a realistic corpus. Deterministic for a given
--seed and --docs (the shards are independent; --jobs only changes speed).

Usage: generate.py --docs 1000000 --out target/scale/docs.jsonl [--seed 1] [--jobs 2]
"""
import argparse
import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_EVAL = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "eval"))


def load_synth_module(eval_dir):
    """Reuse make_syndication's own paragraph and sentence splitters, so the
    synthetic stories are cut exactly where the generator will cut them."""
    path = os.path.join(eval_dir, "synth", "make_syndication.py")
    spec = importlib.util.spec_from_file_location("make_syndication", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_layouts(eval_dir):
    """Each Reuters record with its sentences grouped by paragraph."""
    ms = load_synth_module(eval_dir)
    recs = []
    with open(os.path.join(eval_dir, "reuters21578.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            paras = ms.paragraphs_of(r["text"])
            if not paras:
                continue
            r["sents"] = [ms.split_sentences(p) for p in paras]
            r["topic_key"] = r["topics"][0] if r.get("topics") else "_none"
            recs.append(r)
    return recs


def synthetic_records(recs, rng, shard):
    """Refill every sentence slot with a same-topic sentence, each sentence used
    once in the shard; the title follows the story that supplied the lead."""
    pools = {}
    for i, r in enumerate(recs):
        pool = pools.setdefault(r["topic_key"], [])
        for para in r["sents"]:
            for s in para:
                pool.append((s, i))
    for pool in pools.values():
        rng.shuffle(pool)
    cursor = {k: 0 for k in pools}
    out = []
    for r in recs:
        pool, k = pools[r["topic_key"]], r["topic_key"]
        paras, lead_src = [], None
        for para in r["sents"]:
            new = []
            for _ in para:
                s, src = pool[cursor[k]]
                cursor[k] += 1
                if lead_src is None:
                    lead_src = src
                new.append(s)
            paras.append(" ".join(new))
        title = recs[lead_src]["title"] if lead_src is not None else r["title"]
        out.append({"id": "s%03d-%s" % (shard, r["id"]), "date": r["date"], "title": title,
                    "dateline": r.get("dateline") or "", "text": "\n\n".join(paras),
                    "topics": r.get("topics") or [], "places": r.get("places") or []})
    return out


def make_shard(job):
    shard, seed, eval_dir, workdir = job
    recs = read_layouts(eval_dir)
    rng = random.Random(seed * 100003 + shard)
    syn = synthetic_records(recs, rng, shard)
    src = os.path.join(workdir, "reuters-%03d.jsonl" % shard)
    with open(src, "w", encoding="utf-8") as f:
        for r in syn:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    docs = os.path.join(workdir, "docs-%03d.jsonl" % shard)
    truth = os.path.join(workdir, "truth-%03d.jsonl" % shard)
    # make_syndication needs long stories left over for commentary backgrounds
    # after the syndicated ones and their same-day negatives: ask for ~70% of
    # the ~6,700 long stories a shard holds, and for fewer if it runs short.
    stories = 4700
    while True:
        cmd = [sys.executable, os.path.join(eval_dir, "synth", "make_syndication.py"),
               "--stories", str(stories), "--seed", str(seed * 1000 + shard), "--reuters", src,
               "--out", docs, "--truth", truth]
        if shard % 2 == 1:
            cmd.append("--harsh")
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode == 0:
            break
        if stories < 1000:
            raise RuntimeError("make_syndication failed on shard %d: %s" % (shard, res.stderr[-2000:]))
        stories = int(stories * 0.8)
    os.remove(src)
    return shard, docs, truth, res.stdout.strip()


def append_prefixed(src, dst, prefix, limit):
    n = 0
    with open(src, encoding="utf-8") as f:
        for line in f:
            if n >= limit:
                break
            rec = json.loads(line)
            rec["id"] = prefix + rec["id"]
            dst.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=1_000_000, help="documents to write (exactly)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1, help="shards generated in parallel")
    ap.add_argument("--per-shard", type=int, default=30000,
                    help="expected documents per shard (only to size the first batch)")
    ap.add_argument("--eval", default=DEFAULT_EVAL, help="the shared eval directory")
    args = ap.parse_args()

    os.makedirs(os.path.dirname(os.path.abspath(args.out)) or ".", exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="copydesk-scale-", dir=os.path.dirname(os.path.abspath(args.out)))
    written, shard = 0, 0
    tmp_out, tmp_truth = args.out + ".part", args.out + ".truth.jsonl.part"
    with open(tmp_out, "w", encoding="utf-8") as fo, open(tmp_truth, "w", encoding="utf-8") as ft, \
            ProcessPoolExecutor(max_workers=args.jobs) as pool:
        while written < args.docs:
            need = -(-(args.docs - written) // args.per_shard)
            batch = max(1, min(args.jobs, need))
            jobs = [(shard + i, args.seed, args.eval, workdir) for i in range(batch)]
            shard += batch
            for s, docs, truth, summary in pool.map(make_shard, jobs):
                left = args.docs - written
                prefix = "g%03d-" % s
                if left > 0:
                    n = append_prefixed(docs, fo, prefix, left)
                    append_prefixed(truth, ft, prefix, n)
                    written += n
                    print("shard %d: %d documents (total %d) %s" % (s, n, written, summary),
                          file=sys.stderr, flush=True)
                os.remove(docs)
                os.remove(truth)
    os.replace(tmp_out, args.out)
    os.replace(tmp_truth, args.out + ".truth.jsonl")
    os.rmdir(workdir)
    print(json.dumps({"documents": written, "shards": shard, "out": args.out}))


if __name__ == "__main__":
    main()
