#!/usr/bin/env python3
"""Fit the plain-text dateline gate (`crates/segment/src/plaintext.rs`,
`DATELINE_GATE`) on the dev + test pages of benches/plaintext.

The hand rules call a line a dateline by its own shape (a date, a clock
time); on pages nobody tuned on they over-predict (held-out precision 0.68):
list dates, comment stamps and masthead dates look like the story's own date
line. Where a date line stands is what tells them apart, and hand rules fitted
to 80 pages' phrasing did not learn it, so a logistic model learns it from
the labelled pages: each line the segmenter labels `dateline` that holds a
date, a time or a number keeps the label only when the model gives it a
probability of at least THRESHOLD; otherwise it is boilerplate. A place
alone ("NEW YORK", "Springfield, Ill.") is left alone: the features below
read dates, and say nothing for or against a place.

Steps (from the repository root, after
`cargo build --release -p copydesk-segment --example dump_features`):
  1. segment the dev + test pages with the example `dump_features`, which
     prints each block's label and the features of its text;
  2. give each block the gold label of the lines it covers (by tokens);
  3. compute FEATURES below for every block (the same values the Rust gate
     computes), fit a logistic regression (scikit-learn, C = 1) of
     "gold label is dateline" on all blocks;
  4. report F1 of the gated datelines under 8-fold cross-validation grouped
     by source (a page without a source is its own group) for a few
     thresholds, and print the weights as Rust constants.

The Rust gate reads the labels the other passes gave, so step 1 must run
with the gate switched off (`COPYDESK_NO_DATELINE_GATE=1` is read by the
example only) — the model learns from the labels it will see.

Needs numpy and scikit-learn (not project dependencies: a venv in /tmp will
do). Page text is read from ../shared/eval/provenance_news.jsonl at run time;
none of it is written anywhere.
"""

import json
import math
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import score_plaintext as sp  # noqa: E402

ROOT = sp.ROOT
THRESHOLD = 0.1
FEATURES = [
    "log_words", "has_date", "date_tokens", "has_year", "has_clock", "terminal",
    "date_share", "stop_share", "widget", "agency", "separators", "numeric",
    "before_prose", "after_prose", "dist_first_prose", "first_datey", "n_datey",
    "prev_prose", "next_prose", "prev_head_byline", "next_head_byline",
    "prev_dateline", "next_dateline",
]


def features(blocks):
    """FEATURES of each block of one page, in page order."""
    n = len(blocks)
    prose = [i for i, b in enumerate(blocks) if b["f"]["is_prose"]]
    first = prose[0] if prose else n
    last = prose[-1] if prose else -1
    datey = [i for i, b in enumerate(blocks) if b["f"]["date_tokens"] > 0 or b["f"]["has_clock"]]

    def label_in(j, labels):
        return float(0 <= j < n and blocks[j]["label"] in labels)

    def is_prose(j):
        return float(0 <= j < n and blocks[j]["f"]["is_prose"])

    out = []
    for i, b in enumerate(blocks):
        f = b["f"]
        out.append([
            math.log1p(f["words"]), float(f["date_tokens"] > 0), min(f["date_tokens"], 3),
            float(f["has_year"]), float(f["has_clock"]), float(f["terminal"]),
            f["date_share"], f["stop_share"], float(f["widget"] > 0), float(f["agency"] > 0),
            float(f["separators"] > 0), float(f["numeric"] > 0),
            float(i < first), float(i > last), min(abs(i - first), 10) / 10,
            float(bool(datey) and datey[0] == i), min(len(datey), 10) / 10,
            is_prose(i - 1), is_prose(i + 1),
            label_in(i - 1, ("headline", "byline")), label_in(i + 1, ("headline", "byline")),
            label_in(i - 1, ("dateline",)), label_in(i + 1, ("dateline",)),
        ])
    return out


def blocks_with_gold(pages, recs, binary):
    """The dumped blocks of `pages`, each with the gold label of its lines."""
    with tempfile.TemporaryDirectory(prefix="fit_dateline_") as tmp:
        inp = os.path.join(tmp, "input.jsonl")
        sp.write_jsonl(inp, [{"id": p["id"], "text": recs[p["id"]]["text"],
                              "source": recs[p["id"]].get("source"),
                              "title": recs[p["id"]].get("title")} for p in pages])
        env = dict(os.environ, COPYDESK_NO_DATELINE_GATE="1")
        res = subprocess.run([binary, inp], stdout=subprocess.PIPE, check=True, env=env)
    by_id = {p["id"]: p for p in pages}
    pages_blocks = {}
    for line in res.stdout.decode("utf-8").splitlines():
        b = json.loads(line)
        p = by_id[b["id"]]
        text = recs[b["id"]]["text"].encode("utf-8")
        votes, pos = {}, 0
        for t, lab in zip(recs[b["id"]]["text"].split("\n"), p["labels"]):
            s, e = pos, pos + len(t.encode("utf-8"))
            pos = e + 1
            if b["start"] is None or lab == "blank":
                continue
            if min(e, b["end"]) > max(s, b["start"]):
                votes[lab] = votes.get(lab, 0) + max(1, len(re.findall(r"\w+", t)))
        b["gold"] = max(votes, key=votes.get) if votes else "boilerplate"
        span = text[b["start"]:b["end"]] if b["start"] is not None else b""
        b["ntok"] = len(re.findall(r"\w+", span.decode("utf-8", "replace")))
        b["group"] = recs[b["id"]].get("source") or b["id"]
        pages_blocks.setdefault(b["id"], []).append(b)
    return pages_blocks


def f1(pred, y, w):
    tp = (w * (pred & y)).sum()
    fp = (w * (pred & ~y)).sum()
    fn = (w * (~pred & y)).sum()
    return 2 * tp / (2 * tp + fp + fn), int(fp), int(fn)


def main():
    import argparse
    ap = argparse.ArgumentParser(description="Fit the plain-text dateline gate.")
    ap.add_argument("--split", choices=["all", "tuning"], default="all",
                    help="pages to fit on: all (dev + test, the fifth session's fit) or tuning "
                         "(dev + test + train)")
    split = ap.parse_args().split
    binary = os.path.join(ROOT, "target", "release", "examples", "dump_features")
    if not os.path.exists(binary):
        sys.exit("build it first: cargo build --release -p copydesk-segment --example dump_features")
    pages = sp.load_labels(os.path.join(ROOT, "benches", "plaintext", "labels.jsonl"), split)
    recs = sp.load_pages(os.path.join(sp.EVAL, "provenance_news.jsonl"), [p["id"] for p in pages])
    X, y, w, groups, rule, gated = [], [], [], [], [], []
    for blocks in blocks_with_gold(pages, recs, binary).values():
        X += features(blocks)
        for b in blocks:
            y.append(b["gold"] == "dateline")
            w.append(b["ntok"])
            groups.append(b["group"])
            rule.append(b["label"] == "dateline")
            f = b["f"]
            gated.append(f["date_tokens"] > 0 or f["has_clock"] or f["numeric"] > 0)
    X, y, w, rule, gated = np.array(X), np.array(y), np.array(w), np.array(rule), np.array(gated)
    print("%s: %d blocks, %d gold dateline blocks" % (split, len(y), y.sum()))
    print("rules alone (in sample): F1 %.3f (FP %d, FN %d tokens)" % f1(rule, y, w))
    prob = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=8).split(X, y, groups):
        m = LogisticRegression(C=1.0, max_iter=2000).fit(X[tr], y[tr])
        prob[te] = m.predict_proba(X[te])[:, 1]
    for t in (0.05, 0.1, 0.2, 0.3, 0.5):
        print("gate at %.2f (8-fold grouped CV): F1 %.3f (FP %d, FN %d tokens)"
              % ((t,) + f1(rule & ((prob >= t) | ~gated), y, w)))
    m = LogisticRegression(C=1.0, max_iter=2000).fit(X, y)
    print("\n// Generated by scripts/fit_dateline_gate.py --split %s (C = 1, every block)." % split)
    print("const DATELINE_GATE_BIAS: f32 = %.4f;" % m.intercept_[0])
    print("const DATELINE_GATE_WEIGHTS: [f32; %d] = [" % len(FEATURES))
    for name, c in zip(FEATURES, m.coef_[0]):
        print("    %.4f, // %s" % (c, name))
    print("];")
    print("const DATELINE_GATE_THRESHOLD: f32 = %.2f;" % THRESHOLD)


if __name__ == "__main__":
    main()
