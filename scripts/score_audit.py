#!/usr/bin/env python3
"""Scores `copydesk audit` on a generated syndication corpus against its truth.

Needs the shared evaluation directory (../shared beside the repository by default): the dev
corpus syndication_dev.jsonl with its truth, score_clusters.py, and synth/make_syndication.py
for held-out sets. Standard library only.

    python3 scripts/score_audit.py                       # the dev set
    python3 scripts/score_audit.py --generate --seed 11 --harsh --stories 300   # a held-out set in /tmp

Figures (the audit issue's targets):
  captions   share of caption/credit lines recurring in >= 3 documents that report.json's
             `captions` lists (as an entry's text or credit, or inside a multi-line entry): >= 90%
  template   per outlet, share of its template lines recurring in >= 3 of its documents that
             `boilerplate` lists: >= 90% for each outlet (min and mean shown)
  leak       share of occurrences of those recurring caption lines, in documents kept in
             clean.jsonl, whose text survives into clean.jsonl: < 2%
  ARI        clusters.jsonl scored by score_clusters.py
  accounting documents_kept + documents_dropped == documents_read, and every id exactly once
             across clean.jsonl and dropped.jsonl
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def norm(s):
    return " ".join(s.split())


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    ap.add_argument("--docs", help="corpus (default: the dev set)")
    ap.add_argument("--truth", help="truth (default: the dev set's)")
    ap.add_argument("--out", default="/tmp/copydesk-score-audit")
    ap.add_argument("--generate", action="store_true", help="generate a held-out set first")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--stories", type=int, default=300)
    ap.add_argument("--harsh", action="store_true")
    ap.add_argument("--min-docs", type=int, default=3, help="recurrence that makes a line a target")
    ap.add_argument("--threads", type=int)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    evald = os.path.join(args.shared, "eval")
    if not os.path.isdir(evald):
        sys.exit("score_audit: needs the shared evaluation data at %s (--shared)" % evald)
    if args.generate:
        tag = "s%d%s" % (args.seed, "h" if args.harsh else "")
        args.docs = "/tmp/syndication_%s.jsonl" % tag
        args.truth = "/tmp/syndication_%s.truth.jsonl" % tag
        cmd = [sys.executable, os.path.join(evald, "synth", "make_syndication.py"), "--stories", str(args.stories),
               "--seed", str(args.seed), "--out", args.docs, "--truth", args.truth]
        if args.harsh:
            cmd.append("--harsh")
        subprocess.run(cmd, check=True, stdout=sys.stderr)
    docs_path = args.docs or os.path.join(evald, "syndication_dev.jsonl")
    truth_path = args.truth or os.path.join(evald, "syndication_dev.truth.jsonl")

    cmd = [args.bin, "audit", docs_path, "--out", args.out, "--quiet"]
    if args.threads:
        cmd[1:1] = ["--threads", str(args.threads)]
    t0 = time.time()
    subprocess.run(cmd, check=True)
    seconds = time.time() - t0

    docs = {d["id"]: d for d in read_jsonl(docs_path)}
    truth = read_jsonl(truth_path)
    report = json.load(open(os.path.join(args.out, "report.json"), encoding="utf-8"))
    clean = read_jsonl(os.path.join(args.out, "clean.jsonl"))
    dropped = read_jsonl(os.path.join(args.out, "dropped.jsonl"))

    # Recurring caption lines and per-outlet template lines, from the truth.
    cap_docs = collections.defaultdict(set)
    tmpl_docs = collections.defaultdict(lambda: collections.defaultdict(set))
    for t in truth:
        lines = docs[t["id"]]["text"].split("\n")
        for i in t.get("captions", []):
            cap_docs[norm(lines[i])].add(t["id"])
        for i in t.get("template_lines", []):
            tmpl_docs[t["outlet"]][norm(lines[i])].add(t["id"])

    listed_caps = set()
    cap_blobs = []
    for c in report["captions"]:
        listed_caps.add(norm(c["text"]))
        if c.get("credit"):
            listed_caps.add(norm(c["credit"]))
        cap_blobs.append(norm(c["text"]))
    targets = [c for c, ds in cap_docs.items() if len(ds) >= args.min_docs and c]
    found = [c for c in targets if c in listed_caps or any(c in b for b in cap_blobs)]
    caption_share = len(found) / len(targets) if targets else 1.0

    listed_bp = {norm(b["text"]) for b in report["boilerplate"]}
    per_outlet = {}
    for outlet, lines in sorted(tmpl_docs.items()):
        tg = [l for l, ds in lines.items() if len(ds) >= args.min_docs and l]
        if tg:
            per_outlet[outlet] = sum(l in listed_bp for l in tg) / len(tg)
    tmpl_min = min(per_outlet.values()) if per_outlet else 1.0
    tmpl_mean = sum(per_outlet.values()) / len(per_outlet) if per_outlet else 1.0
    missed_tmpl = collections.Counter()
    for outlet, lines in tmpl_docs.items():
        for l, ds in lines.items():
            if len(ds) >= args.min_docs and l and l not in listed_bp:
                missed_tmpl[l] += len(ds)

    # Caption text surviving into clean.jsonl (kept documents only).
    target_set = set(targets)
    occurrences = leaked = 0
    leaked_lines = collections.Counter()
    kept_text = {c["id"]: norm(c.get("text", "")) for c in clean}
    for t in truth:
        if t["id"] not in kept_text:
            continue
        lines = docs[t["id"]]["text"].split("\n")
        for i in t.get("captions", []):
            line = norm(lines[i])
            if line in target_set:
                occurrences += 1
                if line in kept_text[t["id"]]:
                    leaked += 1
                    leaked_lines[line] += 1
    leak = leaked / occurrences if occurrences else 0.0

    ari = subprocess.run([sys.executable, os.path.join(evald, "score_clusters.py"), truth_path,
                          os.path.join(args.out, "clusters.jsonl"), "--json"],
                         capture_output=True, text=True)
    try:
        clusters = json.loads(ari.stdout)
    except ValueError:
        clusters = {"error": ari.stdout + ari.stderr}

    s = report["summary"]
    ids = [c["id"] for c in clean] + [d["id"] for d in dropped]
    accounting = {
        "read": s["documents_read"], "kept": s["documents_kept"], "dropped": s["documents_dropped"],
        "kept_plus_dropped_equals_read": s["documents_kept"] + s["documents_dropped"] == s["documents_read"],
        "every_id_once": len(ids) == len(set(ids)) == len(docs) and set(ids) == set(docs),
    }
    html_bytes = os.path.getsize(os.path.join(args.out, "report.html"))
    result = {
        "corpus": docs_path, "documents": len(docs), "seconds": round(seconds, 2),
        "captions_recurring": len(targets), "captions_listed_share": round(caption_share, 4),
        "template_outlets": len(per_outlet), "template_share_min": round(tmpl_min, 4),
        "template_share_mean": round(tmpl_mean, 4),
        "outlets_at_90": sum(v >= 0.9 for v in per_outlet.values()),
        "caption_occurrences_kept": occurrences, "caption_leak_share": round(leak, 4),
        "clusters": {k: clusters.get(k) for k in ("ari", "precision", "recall", "f1", "error") if k in clusters},
        "accounting": accounting, "report_html_bytes": html_bytes,
        "missed_captions": sorted(set(targets) - set(found))[:10],
        "missed_template_lines": [l for l, _ in missed_tmpl.most_common(10)],
        "leaked_captions": [l for l, _ in leaked_lines.most_common(10)],
    }
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print("corpus              %s (%d documents, audit %.1fs)" % (docs_path, len(docs), seconds))
        print("captions listed     %.1f%% of %d recurring in >= %d documents (target >= 90%%)"
              % (100 * caption_share, len(targets), args.min_docs))
        print("template listed     min %.1f%%, mean %.1f%% over %d outlets; %d outlets >= 90%% (target: each >= 90%%)"
              % (100 * tmpl_min, 100 * tmpl_mean, len(per_outlet), result["outlets_at_90"]))
        print("caption leak        %.2f%% of %d occurrences in kept documents (target < 2%%)"
              % (100 * leak, occurrences))
        print("clusters            %s" % json.dumps(result["clusters"]))
        print("accounting          %s" % json.dumps(accounting))
        print("report.html         %d bytes" % html_bytes)
        for key in ("missed_captions", "missed_template_lines", "leaked_captions"):
            if result[key]:
                print("%-19s %s" % (key.replace("_", " "), json.dumps(result[key][:5])))
    ok = (caption_share >= 0.9 and tmpl_min >= 0.9 and leak < 0.02 and accounting["kept_plus_dropped_equals_read"]
          and accounting["every_id_once"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
