#!/usr/bin/env python3
"""Side-by-side benchmark: copydesk and its peers on the same files of ../shared/eval.

Run through benches/peers/run.sh, which makes the peers' virtualenv and builds
the release binary. This script (standard library only) runs every tool N
times and prints one markdown table and the copydesk-to-peer ratios.

How each figure is taken (see ../shared/eval/README.md for the peer anchors):
  * peers: a worker process per run (peer_dedup.py / peer_extract.py) that times
    only the work (index build + query of every document; the extraction loop
    over every page), JSON loading excluded;
  * copydesk: the whole process (reading the JSON, writing the output), wall
    time, once pinned to one core with --threads 1, once on all cores;
  * everything "1 core" runs under `taskset -c 0`; the tools run one after the
    other in rounds (every tool once per round, --runs rounds), so that each
    tool's best time comes from the same stretch of machine load as the
    others' and the ratios compare like with like; each time is the best of
    the rounds; peak RSS is the largest of the runs (from /usr/bin/time -v);
  * docs/s and MB/s count the same documents and the same bytes for every
    tool: the text field (dedup) or the HTML field (extraction), in UTF-8;
  * quality: ARI of score_clusters.py on syndication_dev (the dedup speed set,
    Reuters, has no near-duplicate truth), body F1 of score_extract.py on each
    HTML set, L3S macro F1 of score_segments.py for `copydesk segment`.
A copydesk subcommand the build does not have yet gives a row "n/a".
"""
import argparse
import datetime
import functools
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

DEDUP_PEERS = [
    ("datasketch", "datasketch MinHashLSH(threshold 0.5, 128 perms), word 3-grams"),
    ("gaoya", "gaoya MinHashStringIndex defaults (25x5 bands, 0.75, words)"),
    ("simhash", "simhash SimhashIndex k=3, default features (char 4-grams)"),
]
EXTRACT_PEERS = [
    ("trafilatura", "trafilatura.extract defaults"),
    ("trafilatura-precision", "trafilatura.extract favor_precision"),
    ("readability", "readability-lxml Document.summary + block text"),
    ("justext", "jusText, English stop list"),
    ("goose3", "goose3 cleaned_text"),
    ("resiliparse", "resiliparse extract_plain_text main_content"),
]
HTML_SETS = [("scrapinghub", "scrapinghub_aeb.jsonl", []), ("l3s", "l3s_gn1.jsonl", ["--leak"])]


def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) / 1024 / 1024
    return {"nproc": os.cpu_count(), "cpu": model, "ram_gib": round(mem, 1),
            "kernel": platform.release(), "python": platform.python_version(),
            "load": os.getloadavg()}


class Timed:
    """One measured command: its times (one per round), largest RSS, first error."""

    def __init__(self):
        self.secs, self.rss_kib, self.report, self.error = [], 0, None, None


class Job:
    """A command to time: `rows` builds its table rows once the rounds are done."""

    def __init__(self, key, cmd, pinned, self_timed, before=None, error=None):
        self.key, self.cmd, self.pinned, self.self_timed, self.before = key, cmd, pinned, self_timed, before
        self.t = Timed()
        self.t.error = error


def run_once(job, nice, workdir):
    """Run a job once and add its time and RSS. self_timed: the command prints
    a JSON line with "seconds" (its own timed section), or a function of the
    command's stdout and stderr that returns its seconds; else wall time."""
    t = job.t
    tfile = os.path.join(workdir, re.sub(r"[^\w.-]", "_", job.key) + ".time")
    if job.before:
        job.before()
    full = ["/usr/bin/time", "-v", "-o", tfile] + job.cmd
    if job.pinned:
        full = ["taskset", "-c", "0"] + full
    if nice:
        full = ["nice", "-n", str(nice)] + full
    t0 = time.perf_counter()
    r = subprocess.run(full, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        t.error = "exit %d: %s" % (r.returncode, (r.stderr.strip().splitlines() or [""])[-1][:160])
        return
    with open(tfile) as f:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read())
    t.rss_kib = max(t.rss_kib, int(m.group(1)) if m else 0)
    if callable(job.self_timed):
        t.secs.append(job.self_timed(r.stdout, r.stderr))
    elif job.self_timed:
        t.report = json.loads(r.stdout.strip().splitlines()[-1])
        t.secs.append(t.report["seconds"])
    else:
        t.secs.append(wall)


def run_rounds(jobs, runs, nice, workdir):
    """Every job once per round, rounds repeated: each tool's best time comes
    from the same stretch of machine load as the others'."""
    for r in range(runs):
        for job in jobs:
            if job.t.error is None:
                run_once(job, nice, workdir)
                if job.t.error is None:
                    print("  round %d/%d  %-40s %8.2f s" % (r + 1, runs, job.key, job.t.secs[-1]),
                          file=sys.stderr)
                else:
                    print("  round %d/%d  %-40s %s" % (r + 1, runs, job.key, job.t.error), file=sys.stderr)


def has_command(exe, name):
    if not os.path.exists(exe):
        return False, "no binary at %s" % exe
    r = subprocess.run([exe, name, "--help"], capture_output=True, text=True)
    if r.returncode != 0:
        return False, "`copydesk %s` not in this build" % name
    return True, ""


def field_bytes(path, fields):
    n, b = 0, 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            n += 1
            for k in fields:
                if r.get(k):
                    b += len(r[k].encode("utf-8"))
                    break
    return n, b


def score(script, *args):
    r = subprocess.run([sys.executable, os.path.join(EVAL, script), *args, "--json"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError((r.stderr or r.stdout).strip()[-200:])
    return json.loads(r.stdout)


def segmenting_seconds(stdout, stderr):
    """The segmenting time in `copydesk clean`'s summary line."""
    m = re.search(r"segmenting took ([0-9.]+) s", stderr)
    if not m:
        raise RuntimeError("no segmenting time in clean's summary: %s" % stderr.strip()[-120:])
    return float(m.group(1))


def body_f1(gold, pred, score_args):
    """Body F1 of `pred` against the HTML set `gold` (and its leak, when asked for).

    A module function bound with functools.partial: the quality of every row is computed
    after all rounds, so a closure defined in the loop over the HTML sets would see the
    loop's last set (L3S-GN1) and score the Scrapinghub predictions against it: F1 0.000."""
    s = score("score_extract.py", gold, pred, "--bootstrap", "0", *score_args)
    q = "F1 %.3f (P %.3f / R %.3f)" % (s["f1"], s["precision"], s["recall"])
    if "leak" in s:
        q += ", leak %.3f" % s["leak"]
    return q


def row(task, tool, config, threads, t, docs, nbytes, quality):
    if t.error:
        return {"task": task, "tool": tool, "config": config, "threads": threads, "error": t.error}
    best = min(t.secs)
    return {"task": task, "tool": tool, "config": config, "threads": threads, "seconds": best,
            "all_seconds": t.secs, "docs_per_s": docs / best, "mb_per_s": nbytes / 1e6 / best,
            "rss_mib": t.rss_kib / 1024, "quality": quality}


def main():
    global EVAL
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "copydesk"))
    ap.add_argument("--python", default=os.path.join(ROOT, "target", "peers-venv", "bin", "python"),
                    help="the interpreter that has the peers installed")
    ap.add_argument("--eval", default=os.path.normpath(os.path.join(ROOT, "..", "shared", "eval")))
    ap.add_argument("--runs", type=int, default=3, help="rounds; each figure is the best of them")
    ap.add_argument("--nice", type=int, default=0, help="run everything under nice -n N")
    ap.add_argument("--only", default="dedup,extract", help="dedup and/or extract")
    ap.add_argument("--peers", default="", help="comma list of peers to run (default: all)")
    ap.add_argument("--work", default=os.path.join(ROOT, "target", "peers"))
    ap.add_argument("--json", help="also write every row as JSON here")
    a = ap.parse_args()
    EVAL = a.eval
    exe = os.path.abspath(a.bin)
    only = set(a.only.split(","))
    want = set(filter(None, a.peers.split(",")))
    os.makedirs(a.work, exist_ok=True)
    info = machine()
    started = datetime.datetime.now(datetime.timezone.utc)
    print("machine: %d cores, %s, %.1f GiB RAM; load average at start %.2f %.2f %.2f; %s UTC"
          % (info["nproc"], info["cpu"], info["ram_gib"], *info["load"],
             started.strftime("%Y-%m-%d %H:%M")), file=sys.stderr)
    peer = lambda name: not want or name in want
    all_cores = "all %d cores" % info["nproc"]
    jobs = []      # what is timed, in round order
    pending = []   # (job, task, tool, config, threads, docs, bytes, quality function)

    def add(job, task, tool, config, threads, docs, nbytes, quality):
        jobs.append(job)
        pending.append((job, task, tool, config, threads, docs, nbytes, quality))

    def add_copydesk(task, sub, args, docs, nbytes, quality, out_path, config):
        ok, why = has_command(exe, sub)
        for pinned in (True, False):
            cmd = [exe, sub, *args, "--quiet"] + (["--threads", "1"] if pinned else [])
            clear = (lambda: shutil.rmtree(out_path, ignore_errors=True)) if out_path else None
            job = Job("copydesk %s %s %s" % (sub, task, "1" if pinned else "all"), cmd, pinned, False,
                      clear, None if ok else why)
            add(job, task, "copydesk " + sub, config, "1 core" if pinned else all_cores, docs, nbytes,
                quality)

    if "dedup" in only:
        reuters = os.path.join(EVAL, "reuters21578.jsonl")
        synd = os.path.join(EVAL, "syndication_dev.jsonl")
        truth = os.path.join(EVAL, "syndication_dev.truth.jsonl")
        docs, nbytes = field_bytes(reuters, ["text"])
        print("dedup on reuters21578.jsonl: %d docs, %.1f MB of text" % (docs, nbytes / 1e6), file=sys.stderr)

        def ari(clusters):
            s = score("score_clusters.py", truth, clusters)
            return "ARI %.3f (P %.2f / R %.2f)" % (s["ari"], s["pair_precision"], s["pair_recall"])

        for name, config in DEDUP_PEERS:
            if not peer(name):
                continue
            worker = [a.python, os.path.join(HERE, "peer_dedup.py"), name]

            def quality(worker=worker, name=name):
                cl = os.path.join(a.work, "synd-%s.clusters.jsonl" % name)
                r = subprocess.run(worker + [synd, "--clusters", cl], capture_output=True, text=True)
                if r.returncode != 0:
                    raise RuntimeError("exit %d" % r.returncode)
                return ari(cl)

            add(Job("dedup " + name, worker + [reuters], True, True), "dedup", name, config, "1 core",
                docs, nbytes, quality)
        if peer("text-dedup"):
            # text-dedup is a whole pipeline (Hugging Face datasets in, deduplicated
            # dataset out), so it is timed like copydesk: the whole process.
            tdir = os.path.join(a.work, "text-dedup")
            probe = subprocess.run([a.python, "-c", "import text_dedup.minhash"], capture_output=True)
            cmd = ["env", "HF_DATASETS_OFFLINE=1", "HF_HUB_OFFLINE=1", a.python, "-m", "text_dedup.minhash",
                   "--path", "json", "--data_files", reuters, "--split", "train", "--column", "text",
                   "--output", os.path.join(tdir, "out"), "--cache_dir", os.path.join(tdir, "cache"),
                   "--num_proc", "1", "--ngram", "3", "--threshold", "0.5", "--num_perm", "128"]
            job = Job("dedup text-dedup", cmd, True, False, lambda: shutil.rmtree(tdir, ignore_errors=True),
                      None if probe.returncode == 0 else "text-dedup not installed in the peers' venv")
            add(job, "dedup", "text-dedup", "text_dedup.minhash, 128 perms, 0.5, word 3-grams, 1 proc "
                "(whole process; writes the kept set, no clusters to score)", "1 core", docs, nbytes,
                lambda: "not scored")
        qout = os.path.join(a.work, "cd-synd")

        def cd_quality():
            shutil.rmtree(qout, ignore_errors=True)
            r = subprocess.run([exe, "dedup", synd, "--out", qout, "--quiet"], capture_output=True, text=True)
            if r.returncode != 0:
                raise RuntimeError("dedup exit %d: %s" % (r.returncode, r.stderr.strip()[-80:]))
            return ari(os.path.join(qout, "clusters.jsonl"))

        out = os.path.join(a.work, "cd-reuters")
        add_copydesk("dedup", "dedup", [reuters, "--out", out], docs, nbytes, cd_quality, out,
                     "defaults; whole process (read, segment, fingerprint, index, verify, write)")
        ok, why = has_command(exe, "stats")
        for pinned in (True, False):  # the floor: reading and parsing the same file, nothing else
            cmd = [exe, "stats", reuters, "--quiet"] + (["--threads", "1"] if pinned else [])
            add(Job("copydesk stats %s" % ("1" if pinned else "all"), cmd, pinned, False, None,
                    None if ok else why), "dedup", "copydesk stats", "read + parse only (floor)",
                "1 core" if pinned else all_cores, docs, nbytes, lambda: "–")

    if "extract" in only:
        for set_name, fname, score_args in HTML_SETS:
            path = os.path.join(EVAL, fname)
            docs, nbytes = field_bytes(path, ["html"])
            task = "extract " + set_name
            print("extraction on %s: %d pages, %.1f MB of HTML" % (fname, docs, nbytes / 1e6), file=sys.stderr)

            for name, config in EXTRACT_PEERS:
                if not peer(name):
                    continue
                pred = os.path.join(a.work, "%s-%s.pred.jsonl" % (set_name, name))
                worker = [a.python, os.path.join(HERE, "peer_extract.py"), name, path, "--pred", pred]
                add(Job("%s %s" % (task, name), worker, True, True), task, name, config, "1 core",
                    docs, nbytes, functools.partial(body_f1, path, pred, score_args))
            pred = os.path.join(a.work, "%s-copydesk.pred.jsonl" % set_name)
            add_copydesk(task, "clean", [path, "--out", pred], docs, nbytes,
                         functools.partial(body_f1, path, pred, score_args), None,
                         "defaults; whole process (read JSON, parse HTML, segment, write)")
            # The same run timed as the peers are: its segmenting alone (corpus pass and
            # labelling), as `clean` reports it; reading the JSON and writing are not counted.
            ok, why = has_command(exe, "clean")
            spred = os.path.join(a.work, "%s-copydesk-seg.pred.jsonl" % set_name)
            add(Job("copydesk clean %s segmenting" % set_name,
                    [exe, "clean", path, "--out", spred, "--threads", "1"], True, segmenting_seconds,
                    None, None if ok else why),
                task, "copydesk clean (segmenting only)",
                "defaults; the segmenting time `clean` reports (corpus pass + labelling), "
                "timed like the peers: JSON reading and writing not counted",
                "1 core", docs, nbytes, functools.partial(body_f1, path, spred, score_args))
            if set_name == "l3s":
                seg = os.path.join(a.work, "l3s-segments.jsonl")

                def seg_quality(seg=seg, path=path):
                    with open(seg, "w") as fo:
                        r = subprocess.run([exe, "segment", path, "--format", "jsonl", "--quiet"],
                                           stdout=fo, stderr=subprocess.PIPE, text=True)
                    if r.returncode != 0:
                        raise RuntimeError("segment exit %d" % r.returncode)
                    s = score("score_segments.py", "--scheme", "l3s", path, seg)
                    return "L3S macro F1 %.3f" % s["macro_f1"]

                add_copydesk("segment l3s", "segment", [path, "--format", "jsonl"], docs, nbytes,
                             seg_quality, None, "--format jsonl; whole process, every block written")

    run_rounds(jobs, a.runs, a.nice, a.work)
    timed_end = machine()
    rows = []
    for job, task, tool, config, threads, docs, nbytes, quality in pending:
        q = ""
        if job.t.error is None:
            try:
                q = quality()
            except Exception as e:  # a scorer error is reported in the row, not fatal
                q = "score error: %s" % str(e).splitlines()[-1][:80]
        rows.append(row(task, tool, config, threads, job.t, docs, nbytes, q))
    finished = datetime.datetime.now(datetime.timezone.utc)
    print_tables(rows, a.runs, info, timed_end, started, finished)
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"machine": info, "load_end": timed_end["load"], "started": started.isoformat(),
                       "finished": finished.isoformat(), "runs": a.runs, "rows": rows}, f, indent=1)


def print_tables(rows, runs, info, info_end, started, finished):
    print("Measured %s to %s UTC on %d cores (%s, %.1f GiB RAM); load average %.2f at start, %.2f at end; "
          "best of %d interleaved rounds.\n" % (started.strftime("%Y-%m-%d %H:%M"), finished.strftime("%H:%M"), info["nproc"],
                                  info["cpu"], info["ram_gib"], info["load"][0], info_end["load"][0], runs))
    print("| task | tool | configuration | threads | docs/s | MB/s | peak RSS (MiB) | quality | best s |")
    print("|---|---|---|---|---:|---:|---:|---|---:|")
    for r in rows:
        if "error" in r:
            print("| %s | %s | %s | %s | n/a | n/a | n/a | n/a: %s | n/a |" % (
                r["task"], r["tool"], r["config"], r["threads"], r["error"].replace("|", "/")))
        else:
            print("| %s | %s | %s | %s | %.1f | %.2f | %.0f | %s | %.3f |" % (
                r["task"], r["tool"], r["config"], r["threads"], r["docs_per_s"], r["mb_per_s"],
                r["rss_mib"], r["quality"], r["seconds"]))
    print("\nRatios (copydesk docs/s ÷ peer docs/s, same task, same run of this script):\n")
    print("| task | peer | copydesk 1 core | copydesk all cores | copydesk segmenting only, 1 core (timed like the peer) |")
    print("|---|---|---:|---:|---:|")
    for task in dict.fromkeys(r["task"] for r in rows):
        mine = [r for r in rows if r["task"] == task and r["tool"].startswith("copydesk")
                and r["tool"] != "copydesk stats" and "error" not in r]
        whole = [r for r in mine if "segmenting only" not in r["tool"]]
        one = next((r for r in whole if r["threads"] == "1 core"), None)
        allc = next((r for r in whole if r["threads"] != "1 core"), None)
        seg = next((r for r in mine if "segmenting only" in r["tool"]), None)
        for p in rows:
            if p["task"] != task or p["tool"].startswith("copydesk") or "error" in p:
                continue
            fmt = lambda c: "%.1f×" % (c["docs_per_s"] / p["docs_per_s"]) if c else "n/a"
            print("| %s | %s | %s | %s | %s |" % (task, p["tool"], fmt(one), fmt(allc), fmt(seg)))


if __name__ == "__main__":
    main()
