#!/usr/bin/env python3
"""Rebuilds corpus/ from the shared evaluation files (Python 3 standard library only).

    python3 corpus/build.py --shared ../shared

Deterministic: the same shared files give byte-identical outputs (gzip headers carry no time,
WARC record ids are UUIDv5 of the URL, WARC dates are fixed). See corpus/README.md for where
each file comes from and under what terms. Only files whose terms allow copying are used.
"""
import argparse
import gzip
import io
import json
import os
import subprocess
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))

# Scrapinghub article-extraction-benchmark pages (MIT): news pages of modest size, several
# languages, two AP pages hosted by different newspapers.
SCRAPINGHUB_IDS = [
    "7916ecca969f", "42aad16bde92", "65ce3a4577a0", "7de5241947a5", "e7994d550087",
    "82b6d780c792", "e372e42c0a3d", "1ee91d1fce65", "776a1c046798", "dc7ccccc1f34",
    "d90bda7ed14d", "0ec95c7261d1",
]
# The first six of them are also written as a WARC.
WARC_PAGES = 6
REUTERS_FIRST = 250      # the first stories of the collection, in file order,
REUTERS_DUP_GROUPS = 15  # plus every member of the first groups of identical bodies
SYNDICATION = ["--stories", "40", "--seed", "7"]
WARC_DATE = "2020-01-15T12:00:00Z"


def gzip_bytes(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as gz:
        gz.write(data)
    return buf.getvalue()


def reuters(shared):
    src = os.path.join(shared, "eval", "reuters21578.jsonl")
    gold = os.path.join(shared, "eval", "reuters_exact.gold.jsonl")
    wanted = set()
    with open(gold, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= REUTERS_DUP_GROUPS:
                break
            wanted.update(json.loads(line)["ids"])
    out = []
    with open(src, encoding="utf-8") as f:
        for i, line in enumerate(f):
            rec = json.loads(line)
            if i < REUTERS_FIRST or rec["id"] in wanted:
                out.append(line if line.endswith("\n") else line + "\n")
    path = os.path.join(HERE, "reuters", "reuters21578-sample.jsonl.gz")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(gzip_bytes("".join(out).encode("utf-8")))
    return len(out)


def scrapinghub(shared):
    src = os.path.join(shared, "eval", "scrapinghub_aeb.jsonl")
    pages = {}
    with open(src, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            short = rec["id"][:12]
            if short in SCRAPINGHUB_IDS:
                pages[short] = rec
    missing = [i for i in SCRAPINGHUB_IDS if i not in pages]
    if missing:
        sys.exit(f"pages not found in {src}: {missing}")
    out_dir = os.path.join(HERE, "scrapinghub")
    os.makedirs(out_dir, exist_ok=True)
    for short in SCRAPINGHUB_IDS:
        with open(os.path.join(out_dir, short + ".html"), "w", encoding="utf-8", newline="") as f:
            f.write(pages[short]["html"])
    return [pages[s] for s in SCRAPINGHUB_IDS]


def warc_record(headers, block):
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
    head += f"Content-Length: {len(block)}\r\n\r\n"
    # Each record is its own gzip member, as crawlers write them.
    return gzip_bytes(head.encode("utf-8") + block + b"\r\n\r\n")


def warc(pages):
    records = [warc_record(
        [("WARC-Type", "warcinfo"), ("WARC-Date", WARC_DATE),
         ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'warcinfo')}>"),
         ("Content-Type", "application/warc-fields")],
        b"software: copydesk corpus/build.py\r\nformat: WARC File Format 1.0\r\n")]
    for page in pages[:WARC_PAGES]:
        url = page["url"]
        rid = uuid.uuid5(uuid.NAMESPACE_URL, url)
        host = url.split("/")[2]
        request = f"GET /{url.split('/', 3)[3] if url.count('/') >= 3 else ''} HTTP/1.1\r\nHost: {host}\r\n\r\n"
        records.append(warc_record(
            [("WARC-Type", "request"), ("WARC-Date", WARC_DATE),
             ("WARC-Record-ID", f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'request ' + url)}>"),
             ("WARC-Target-URI", url), ("Content-Type", "application/http; msgtype=request")],
            request.encode("utf-8")))
        body = page["html"].encode("utf-8")
        http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode("ascii") + body
        records.append(warc_record(
            [("WARC-Type", "response"), ("WARC-Date", WARC_DATE),
             ("WARC-Record-ID", f"<urn:uuid:{rid}>"), ("WARC-Target-URI", url),
             ("Content-Type", "application/http; msgtype=response")],
            http))
    path = os.path.join(HERE, "warc", "scrapinghub-sample.warc.gz")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(b"".join(records))


def syndication(shared):
    out_dir = os.path.join(HERE, "syndication")
    os.makedirs(out_dir, exist_ok=True)
    docs = os.path.join(out_dir, "syndication_s7.jsonl")
    # The truth file is named so that copydesk does not read it as documents.
    truth = os.path.join(out_dir, "syndication_s7.truth")
    subprocess.run([sys.executable, os.path.join(shared, "eval", "synth", "make_syndication.py"),
                    *SYNDICATION, "--out", docs, "--truth", truth], check=True)


def seed(shared):
    name = "000_114ce16d5168d641.txt"
    os.makedirs(os.path.join(HERE, "seed"), exist_ok=True)
    with open(os.path.join(shared, "seeds", name), "rb") as f:
        data = f.read()
    with open(os.path.join(HERE, "seed", name), "wb") as f:
        f.write(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"),
                    help="the shared/ folder holding eval/ and seeds/ (default: ../shared)")
    args = ap.parse_args()
    seed(args.shared)
    n = reuters(args.shared)
    pages = scrapinghub(args.shared)
    warc(pages)
    syndication(args.shared)
    print(f"reuters: {n} stories; scrapinghub: {len(pages)} pages, {WARC_PAGES} in the WARC")


if __name__ == "__main__":
    main()
