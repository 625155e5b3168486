#!/usr/bin/env python3
"""Score `copydesk segment` on the hand-labelled plain-text pages.

This script scores against ../shared: the page text is read from
../shared/eval/provenance_news.jsonl (evaluation use only; its source states no
licence, so no text of it is in this repository) and the scorer is
../shared/eval/score_segments.py. Only the line labels live here, in
benches/plaintext/labels.jsonl (see benches/plaintext/README.md).

Steps, all in a temporary directory:
  1. GOLD: one {"id", "block", "label", "text"} object per non-blank line of
     each selected page (score_segments.py's `labels` scheme, block format);
  2. INPUT: the selected pages as JSONL {"id", "text", "source", "title"};
  3. PRED: `copydesk segment INPUT --format jsonl`;
  4. `python3 score_segments.py --scheme labels GOLD PRED --json`.
It prints macro F1, body F1 and per-label P/R/F1 for
--split dev|test|all|train|tuning|val|heldout|fresh.
`all` means dev + test (as before the held-out split existed, so old figures
stay comparable); `train` (rounds 6, 8 and 9) is more tuning data, to fit learned cues on;
`tuning` is dev + test + train, every page that may be tuned on; `heldout` (rounds 3 and 4) is labelled after all tuning rounds and
is for measurement only: do not tune on it; --confusions and --keep (which would
write its per-page gold and predictions) are refused on it.
`fresh` (round 7) is a second measurement-only split, like `heldout`: the lead
scores it; neither `all` nor `tuning` includes it, and --confusions and --keep
are refused on it.
`val` (round 5) is for choosing between approaches by their aggregate scores:
tuning happens on dev + test + train, so --confusions and --keep are refused on it too.

--confusions N also prints the N largest (gold -> predicted) token counts
from the same difflib token alignment the scorer uses, with example lines.
Those examples quote page text: they go to the terminal only, never to git.

Python 3 standard library only. Run from the repository root after
`cargo build --release`.
"""

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = os.path.normpath(os.path.join(ROOT, "..", "shared", "eval"))
LABELS = ["headline", "byline", "dateline", "body", "caption", "credit", "related", "boilerplate"]


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield ln, json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit("%s:%d: bad JSON: %s" % (path, ln, e))


SPLITS = ("dev", "test", "train", "val", "heldout", "fresh")
# Aggregate splits: every page of these splits is scored.
GROUPS = {"all": ("dev", "test"), "tuning": ("dev", "test", "train")}
# Splits whose errors must not be read page by page: --confusions quotes their
# lines, and reading them would turn a measuring split into a tuning one.
NO_CONFUSIONS = {
    "val": "kept for choosing between approaches by their aggregate scores",
    "heldout": "kept for measurement only",
    "fresh": "kept for measurement only",
}
# Measurement splits whose per-page gold and predictions must not be written
# out either: --keep leaves them on disk, one page at a time.
NO_KEEP = ("val", "heldout", "fresh")


def load_labels(path, split):
    """Pages of one split; `all` is dev + test only, never train, val, held-out
    or fresh, so that `--split all` figures stay comparable with those measured
    before round 3 was labelled; `tuning` adds train, never val, held-out or
    fresh."""
    pages = []
    for ln, rec in read_jsonl(path):
        if not isinstance(rec.get("labels"), list) or rec.get("split") not in SPLITS:
            sys.exit("%s:%d: expected {id, split: dev|test|train|val|heldout|fresh, labels: [...]}"
                     % (path, ln))
        if rec["split"] == split or rec["split"] in GROUPS.get(split, ()):
            pages.append(rec)
    return pages


HELD_OUT_SUBSETS = ("helsinki",)


def load_pages(path, ids, context=None):
    """Only the labelled ids are kept; the other subsets are never looked at.
    With `context` (a list), every other page outside the held-out subsets is
    appended to it, unread, as input for the corpus pass only."""
    want, found = set(ids), {}
    for _, rec in read_jsonl(path):
        if rec.get("id") in want:
            found[rec["id"]] = rec
        elif context is not None and rec.get("subset") not in HELD_OUT_SUBSETS:
            context.append(rec)
    missing = want - set(found)
    if missing:
        sys.exit("%s: labelled page(s) not found: %s" % (path, ", ".join(sorted(missing))))
    return found


def gold_blocks(page, rec):
    """One gold block per non-blank line; the label count must match the text."""
    lines = rec["text"].split("\n")
    labels = page["labels"]
    if len(lines) != len(labels):
        sys.exit("%s: %d labels for %d lines" % (page["id"], len(labels), len(lines)))
    out = []
    for i, (text, lab) in enumerate(zip(lines, labels)):
        if lab == "blank":
            if text.strip():
                sys.exit("%s line %d: labelled blank but has text" % (page["id"], i))
            continue
        if lab not in LABELS:
            sys.exit("%s line %d: unknown label %r" % (page["id"], i, lab))
        out.append({"id": page["id"], "block": i, "label": lab, "text": text})
    return out


def write_jsonl(path, objs):
    with open(path, "w", encoding="utf-8") as f:
        for o in objs:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")


def confusions(gold, pred_path, scorer_mod):
    """(gold, pred) token counts and, per pair, the gold lines involved.

    Uses score_segments.py's own tokenizer and alignment, so the counts add
    up to what the scorer scores."""
    by_doc = defaultdict(list)
    for g in gold:
        by_doc[g["id"]].append(g)
    pred = defaultdict(list)
    for _, rec in read_jsonl(pred_path):
        pred[rec.get("id")].append((rec.get("block", 0), rec.get("label"), rec.get("text") or ""))
    counts, examples = Counter(), defaultdict(Counter)
    for did, blocks in by_doc.items():
        gt, gl, gline = [], [], []
        for b in blocks:
            toks = scorer_mod.tokenize(b["text"])
            gt += toks
            gl += [b["label"]] * len(toks)
            gline += [b["block"]] * len(toks)
        pt, pl = [], []
        for _, lab, text in sorted(pred.get(did, []), key=lambda x: x[0]):
            toks = scorer_mod.tokenize(text)
            pt += toks
            pl += [lab] * len(toks)
        sm = difflib.SequenceMatcher(None, gt, pt, autojunk=False)
        aligned = ["boilerplate"] * len(gt)  # unaligned gold counts as boilerplate
        pred_aligned = [False] * len(pt)
        for a, b, size in sm.get_matching_blocks():
            for k in range(size):
                aligned[a + k] = pl[b + k]
                pred_aligned[b + k] = True
        for k, done in enumerate(pred_aligned):
            if not done:  # unaligned predicted tokens count as gold boilerplate
                counts[("boilerplate", pl[k])] += 1
        for k, (g, p) in enumerate(zip(gl, aligned)):
            counts[(g, p)] += 1
            if g != p:
                examples[(g, p)][(did, gline[k])] += 1
    return counts, examples


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["dev", "test", "all", "train", "tuning", "val", "heldout",
                                        "fresh"],
                    default="dev",
                    help="dev, test, all (= dev + test, as before round 3, so old figures "
                         "stay comparable), train (rounds 6, 8 and 9: more tuning pages), tuning "
                         "(= dev + test + train), val (round 5: aggregate scores only, for choosing "
                         "between approaches), heldout (rounds 3-4: measurement only, never "
                         "tune on it) or fresh (round 7: a second measurement-only split, "
                         "like heldout; default: %(default)s)")
    ap.add_argument("--labels", default=os.path.join(ROOT, "benches", "plaintext", "labels.jsonl"))
    ap.add_argument("--data", default=os.path.join(EVAL, "provenance_news.jsonl"))
    ap.add_argument("--scorer", default=os.path.join(EVAL, "score_segments.py"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    ap.add_argument("--json", action="store_true", help="print the scorer's JSON as well")
    ap.add_argument("--context", action="store_true",
                    help="segment the labelled pages together with every other page of the data "
                         "file outside the helsinki subset (unlabelled, not scored), so that the "
                         "corpus pass sees a real corpus rather than the split's pages alone")
    ap.add_argument("--confusions", type=int, default=0, metavar="N",
                    help="print the N largest gold->pred confusions with example lines")
    ap.add_argument("--examples", type=int, default=3, help="example lines per confusion")
    ap.add_argument("--keep", default=None, metavar="DIR",
                    help="write GOLD/INPUT/PRED into DIR instead of a temp dir "
                         "(refused on val, heldout and fresh: per-page output)")
    a = ap.parse_args()

    if a.confusions and a.split in NO_CONFUSIONS:
        sys.exit("--confusions is not offered on the %s split: it quotes page text "
                 "and invites tuning on pages %s" % (a.split, NO_CONFUSIONS[a.split]))
    if a.keep and a.split in NO_KEEP:
        sys.exit("--keep is not offered on the %s split: its files hold each page's gold and "
                 "predicted labels, a per-page error listing of a split %s"
                 % (a.split, NO_CONFUSIONS[a.split]))
    for p in (a.data, a.scorer, a.bin):
        if not os.path.exists(p):
            sys.exit("not found: %s" % p)
    pages = load_labels(a.labels, a.split)
    if not pages:
        sys.exit("no labelled pages in split %s" % a.split)
    context = [] if a.context else None
    recs = load_pages(a.data, [p["id"] for p in pages], context)

    tmp = a.keep or tempfile.mkdtemp(prefix="score_plaintext_")
    os.makedirs(tmp, exist_ok=True)
    gold_path = os.path.join(tmp, "gold.jsonl")
    input_path = os.path.join(tmp, "input.jsonl")
    pred_path = os.path.join(tmp, "pred.jsonl")
    gold = [g for p in pages for g in gold_blocks(p, recs[p["id"]])]
    write_jsonl(gold_path, gold)
    write_jsonl(input_path, [{"id": p["id"], "text": recs[p["id"]]["text"],
                              "source": recs[p["id"]].get("source"),
                              "title": recs[p["id"]].get("title")} for p in pages]
                + [{"id": r["id"], "text": r["text"], "source": r.get("source"),
                    "title": r.get("title")} for r in context or []])
    try:
        seg = subprocess.run([a.bin, "segment", input_path, "--format", "jsonl"],
                             stdout=subprocess.PIPE, check=True)
        labelled = {p["id"] for p in pages}
        with open(pred_path, "w", encoding="utf-8") as out:
            for line in seg.stdout.decode("utf-8").splitlines(True):
                if context is None or json.loads(line).get("id") in labelled:
                    out.write(line)
        res = subprocess.run([sys.executable, a.scorer, "--scheme", "labels",
                              gold_path, pred_path, "--json"],
                             capture_output=True, text=True, check=True)
    except subprocess.CalledProcessError as e:
        sys.exit("command failed (%s): %s\n%s" % (e.returncode, " ".join(map(str, e.cmd)),
                                                   e.stderr or ""))
    rep = json.loads(res.stdout)

    print("split %s: %d pages, %d labelled lines, %d gold tokens (%.1f%% aligned)"
          % (a.split, len(pages), len(gold), rep["gold_tokens"], 100 * rep["gold_coverage"]))
    print("macro F1 %.3f   body F1 %.3f (P %.3f R %.3f)"
          % (rep["macro_f1"], rep["body_vs_rest"]["f1"], rep["body_vs_rest"]["precision"],
             rep["body_vs_rest"]["recall"]))
    print("%-12s %6s %6s %6s %9s %9s" % ("label", "P", "R", "F1", "gold_tok", "pred_tok"))
    for c in LABELS:
        r = rep["classes"][c]
        if not r["scored"]:
            print("%-12s %6s %6s %6s %9d %9d" % (c, "n/a", "n/a", "n/a", 0, 0))
            continue
        print("%-12s %6.3f %6.3f %6.3f %9d %9d" % (c, r["precision"], r["recall"], r["f1"],
                                                 r["gold_tokens"], r["pred_tokens"]))
    if a.json:
        print(res.stdout)

    if a.confusions:
        sys.path.insert(0, os.path.dirname(a.scorer))
        import score_segments
        counts, examples = confusions(gold, pred_path, score_segments)
        text_of = {(g["id"], g["block"]): g["text"] for g in gold}
        off = sorted(((v, k) for k, v in counts.items() if k[0] != k[1]), reverse=True)
        print("\nlargest confusions (gold -> predicted, tokens); examples quote page text,"
              " do not commit them")
        for v, (g, p) in off[:a.confusions]:
            print("%-11s -> %-11s %6d tokens" % (g, p, v))
            for (did, line), n in examples[(g, p)].most_common(a.examples):
                t = text_of[(did, line)]
                print("    %s:%d (%d tok) %s" % (did, line, n, t[:90] + ("…" if len(t) > 90 else "")))
    if not a.keep:
        for p in (gold_path, input_path, pred_path):
            os.remove(p)
        os.rmdir(tmp)


if __name__ == "__main__":
    main()
