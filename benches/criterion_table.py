#!/usr/bin/env python3
"""Print the last `cargo bench` results (target/criterion/*/new) as one markdown table.

Usage (from the project's root, after `cargo bench -p copydesk-segment -p copydesk-neardup`):
    python3 benches/criterion_table.py [--dir target/criterion]

For each benchmark: criterion's slope estimate of the time per iteration with
its 95% interval, and the throughput that implies (MB/s = 10^6 bytes, or
items/s and the time per item), so that per-MB, per-page and per-document
figures read directly.
"""
import argparse
import glob
import json
import os


def human_time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return "%.3g %s" % (ns / scale, unit)
    return "%.3g ns" % ns


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default=os.path.join("target", "criterion"))
    a = ap.parse_args()
    rows = []
    for bench in sorted(glob.glob(os.path.join(a.dir, "**", "new", "benchmark.json"), recursive=True)):
        new = os.path.dirname(bench)
        with open(bench) as f:
            meta = json.load(f)
        with open(os.path.join(new, "estimates.json")) as f:
            est = json.load(f)
        e = est.get("slope") or est["mean"]
        ns, lo, hi = e["point_estimate"], e["confidence_interval"]["lower_bound"], e["confidence_interval"]["upper_bound"]
        tp = meta.get("throughput") or {}
        if "Bytes" in tp:
            rate = "%.1f MB/s" % (tp["Bytes"] / (ns / 1e9) / 1e6)
            per = "%s per MB" % human_time(ns * 1e6 / tp["Bytes"])
        elif "Elements" in tp:
            rate = "%.0f items/s" % (tp["Elements"] / (ns / 1e9))
            per = "%s per item" % human_time(ns / tp["Elements"])
        else:
            rate, per = "", ""
        rows.append((meta["full_id"], human_time(ns), "%s – %s" % (human_time(lo), human_time(hi)), rate, per))
    print("| benchmark | time per iteration | 95% interval | throughput | unit cost |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        print("| %s | %s | %s | %s | %s |" % r)


if __name__ == "__main__":
    main()
