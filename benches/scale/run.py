#!/usr/bin/env python3
"""Scale run: `copydesk audit` (else `dedup`, else `stats`) on the first 100k,
300k and 1M documents of the generated corpus; wall time, CPU time,
throughput and peak RSS for each, a markdown table on stdout, the figures as
JSON, and an SVG plot of peak RSS against documents.

Usage (from the project's root; benches/scale/run.sh wraps it):
  python3 benches/scale/run.py [--docs-file target/scale/docs-1m.jsonl]
      [--sizes 100000,300000,1000000] [--command auto|audit|dedup|stats]
      [--threads N] [--nice N] [--plot benches/scale/rss.svg]

Peak RSS is /usr/bin/time's "Maximum resident set size" of the process;
wall time is measured around it. Each size is one run (a 1M audit takes
minutes); the prefix files are made once and reused.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def prefix_file(src, n, dst):
    """The first n lines of src in dst (kept when already complete)."""
    if os.path.exists(dst):
        with open(dst, "rb") as f:
            if sum(1 for _ in f) == n:
                return dst
    tmp = dst + ".part"
    with open(src, "rb") as fi, open(tmp, "wb") as fo:
        for i, line in enumerate(fi):
            if i >= n:
                break
            fo.write(line)
    os.replace(tmp, dst)
    return dst


def count_lines(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def pick_command(exe, wanted):
    order = ["audit", "dedup", "stats"] if wanted == "auto" else [wanted]
    for c in order:
        if subprocess.run([exe, c, "--help"], capture_output=True).returncode == 0:
            return c
    sys.exit("none of %s is in %s" % (", ".join(order), exe))


def run_one(exe, command, path, out_dir, threads, nice, tfile):
    shutil.rmtree(out_dir, ignore_errors=True)
    cmd = [exe, command, path, "--quiet"]
    if command in ("audit", "dedup"):
        cmd += ["--out", out_dir]
    if threads:
        cmd += ["--threads", str(threads)]
    full = ["/usr/bin/time", "-v", "-o", tfile] + cmd
    if nice:
        full = ["nice", "-n", str(nice)] + full
    t0 = time.perf_counter()
    r = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    with open(tfile) as f:
        tv = f.read()
    grab = lambda pat: float(re.search(pat, tv).group(1)) if re.search(pat, tv) else 0.0
    return {"cmd": " ".join(cmd), "exit": r.returncode,
            "stderr_tail": r.stderr.strip()[-300:] if r.returncode else "",
            "wall_s": wall, "user_s": grab(r"User time \(seconds\): ([\d.]+)"),
            "sys_s": grab(r"System time \(seconds\): ([\d.]+)"),
            "rss_mib": grab(r"Maximum resident set size \(kbytes\): (\d+)") / 1024}


def svg_plot(points, path, title):
    """A small dependency-free line plot of peak RSS (MiB) against documents."""
    W, H, L, R, T, B = 560, 340, 70, 20, 40, 50
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    xmax = max(xs) * 1.05
    ymax = max(ys) * 1.25 or 1
    sx = lambda x: L + (W - L - R) * x / xmax
    sy = lambda y: H - B - (H - T - B) * y / ymax

    def nice_step(span):
        raw = span / 5
        mag = 10 ** (len(str(int(raw))) - 1)
        for m in (1, 2, 5, 10):
            if raw <= m * mag:
                return m * mag
        return 10 * mag

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'font-family="sans-serif" font-size="12">' % (W, H, W, H),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="22" font-size="14">%s</text>' % (L, title)]
    ystep = nice_step(ymax)
    y = 0
    while y <= ymax:
        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (L, sy(y), W - R, sy(y)))
        out.append('<text x="%d" y="%.1f" text-anchor="end">%d</text>' % (L - 6, sy(y) + 4, y))
        y += ystep
    xstep = nice_step(xmax)
    x = 0
    while x <= xmax:
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (sx(x), T, sx(x), H - B))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (
            sx(x), H - B + 16, "%dk" % (x // 1000) if x else "0"))
        x += xstep
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (L, H - B, W - R, H - B))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (L, T, L, H - B))
    out.append('<text x="%d" y="%d" text-anchor="middle">documents</text>' % ((L + W - R) // 2, H - 12))
    out.append('<text x="16" y="%d" transform="rotate(-90 16 %d)" text-anchor="middle">peak RSS (MiB)</text>'
               % ((T + H - B) // 2, (T + H - B) // 2))
    pts = " ".join("%.1f,%.1f" % (sx(a), sy(b)) for a, b in points)
    out.append('<polyline points="%s" fill="none" stroke="#1f6feb" stroke-width="2"/>' % pts)
    for a, b in points:
        out.append('<circle cx="%.1f" cy="%.1f" r="4" fill="#1f6feb"/>' % (sx(a), sy(b)))
        out.append('<text x="%.1f" y="%.1f" text-anchor="middle">%.0f MiB</text>' % (sx(a), sy(b) - 10, b))
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    ap.add_argument("--docs-file", default=os.path.join(ROOT, "target", "scale", "docs-1m.jsonl"))
    ap.add_argument("--sizes", default="100000,300000,1000000")
    ap.add_argument("--command", default="auto", choices=["auto", "audit", "dedup", "stats"])
    ap.add_argument("--threads", type=int, default=0, help="--threads for copydesk (default: all cores)")
    ap.add_argument("--nice", type=int, default=0)
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "scale"))
    ap.add_argument("--plot", default=os.path.join(HERE, "rss.svg"))
    ap.add_argument("--json", default=os.path.join(ROOT, "target", "scale", "results.json"))
    a = ap.parse_args()
    exe = os.path.abspath(a.bin)
    command = pick_command(exe, a.command)
    total = count_lines(a.docs_file)
    sizes = [int(s) for s in a.sizes.split(",")]
    if max(sizes) > total:
        sys.exit("%s has %d documents, fewer than %d" % (a.docs_file, total, max(sizes)))
    started = datetime.datetime.now(datetime.timezone.utc)
    load0 = os.getloadavg()
    rows = []
    for n in sizes:
        path = a.docs_file if n == total else prefix_file(
            a.docs_file, n, os.path.join(a.work, "docs-%dk.jsonl" % (n // 1000)))
        mb = os.path.getsize(path) / 1e6
        load_before = os.getloadavg()[0]
        res = run_one(exe, command, path, os.path.join(a.work, "out-%dk" % (n // 1000)), a.threads,
                      a.nice, os.path.join(a.work, "time-%dk.txt" % (n // 1000)))
        res.update({"documents": n, "input_mb": mb, "load_before": load_before,
                    "load_after": os.getloadavg()[0]})
        rows.append(res)
        if res["exit"]:
            print("%d documents: exit %d: %s" % (n, res["exit"], res["stderr_tail"]), file=sys.stderr)
        else:
            print("%d documents: %.1f s, %.0f docs/s, %.0f MiB peak" % (
                n, res["wall_s"], n / res["wall_s"], res["rss_mib"]), file=sys.stderr)
    finished = datetime.datetime.now(datetime.timezone.utc)
    ok = [r for r in rows if not r["exit"]]
    print("`copydesk %s`, %s threads, %s to %s UTC, load average %.2f before the first run.\n" % (
        command, a.threads or "all (%d)" % os.cpu_count(), started.strftime("%Y-%m-%d %H:%M"),
        finished.strftime("%H:%M"), load0[0]))
    print("| documents | input (MB) | wall (s) | CPU user+sys (s) | docs/s | MB/s | peak RSS (MiB) | load before |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        if r["exit"]:
            print("| %d | %.0f | exit %d | | | | | |" % (r["documents"], r["input_mb"], r["exit"]))
            continue
        print("| %d | %.0f | %.1f | %.1f | %.0f | %.1f | %.0f | %.2f |" % (
            r["documents"], r["input_mb"], r["wall_s"], r["user_s"] + r["sys_s"],
            r["documents"] / r["wall_s"], r["input_mb"] / r["wall_s"], r["rss_mib"], r["load_before"]))
    if len(ok) >= 2:
        lo, hi = ok[0], ok[-1]
        slope = (hi["rss_mib"] - lo["rss_mib"]) * 1024 * 1024 / (hi["documents"] - lo["documents"])
        print("\nPeak RSS grows by %.0f bytes per added document between %dk and %dk documents."
              % (slope, lo["documents"] // 1000, hi["documents"] // 1000))
    if ok and a.plot:
        svg_plot([(r["documents"], r["rss_mib"]) for r in ok], a.plot,
                 "copydesk %s: peak RSS vs documents (%s)" % (command, started.strftime("%Y-%m-%d")))
    with open(a.json, "w") as f:
        json.dump({"command": command, "started": started.isoformat(), "finished": finished.isoformat(),
                   "nproc": os.cpu_count(), "load_start": load0, "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
