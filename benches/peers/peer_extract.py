#!/usr/bin/env python3
"""One main-content extractor over one JSON Lines file of HTML pages: write
{"id", "text"} per page and print {"seconds", "docs", "bytes", "empty", "errors"}.

Timed: the extraction loop over the whole set (HTML string in, text out), the
first page run once untimed beforehand; not timed: reading the JSON and writing
the predictions, as in ../shared/eval/README.md. An exception is an empty
output, counted in "errors".

Extractors (the configurations of ../shared/eval/README.md):
  trafilatura           trafilatura.extract(html) (defaults)
  trafilatura-precision trafilatura.extract(html, favor_precision=True)
  readability           readability.Document(html).summary(), turned into
                        text with a line break after each block element (timed)
  justext               justext.justext(html, English stop list), non-
                        boilerplate paragraphs joined by blank lines
  goose3                goose3.Goose().extract(raw_html=html).cleaned_text
  resiliparse           resiliparse extract_plain_text(html, main_content=True)
"""
import argparse
import json
import sys
import time


def make_trafilatura(precision):
    import trafilatura

    def run(html):
        return trafilatura.extract(html, favor_precision=precision) or ""
    return run


def make_readability():
    import lxml.html
    from readability import Document
    sys.setrecursionlimit(20000)  # deeply nested summaries
    blocks = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote",
              "pre", "article", "section", "header", "footer", "ul", "ol", "table", "figure",
              "figcaption", "dd", "dt"}

    def walk(el, out):
        # Document order: the element's text, its children, a break if it is
        # a block, then its tail (text after it, inside the parent).
        if isinstance(el.tag, str):
            if el.text:
                out.append(el.text)
            for child in el:
                walk(child, out)
            if el.tag in blocks:
                out.append("\n")
        if el.tail:
            out.append(el.tail)

    def run(html):
        summary = Document(html).summary()
        root = lxml.html.fromstring(summary)
        out = []
        walk(root, out)
        lines = (" ".join(x.split()) for x in "".join(out).split("\n"))
        return "\n".join(x for x in lines if x)
    return run


def make_justext():
    import justext
    stop = justext.get_stoplist("English")

    def run(html):
        paras = justext.justext(html, stop)
        return "\n\n".join(p.text for p in paras if not p.is_boilerplate)
    return run


def make_goose3():
    from goose3 import Goose
    g = Goose()

    def run(html):
        return g.extract(raw_html=html).cleaned_text or ""
    return run


def make_resiliparse():
    from resiliparse.extract.html2text import extract_plain_text

    def run(html):
        return extract_plain_text(html, main_content=True) or ""
    return run


EXTRACTORS = {
    "trafilatura": lambda: make_trafilatura(False),
    "trafilatura-precision": lambda: make_trafilatura(True),
    "readability": make_readability,
    "justext": make_justext,
    "goose3": make_goose3,
    "resiliparse": make_resiliparse,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("extractor", choices=sorted(EXTRACTORS))
    ap.add_argument("input")
    ap.add_argument("--pred", help="write {id, text} here")
    a = ap.parse_args()
    pages = []
    with open(a.input, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            pages.append((r["id"], r["html"]))
    run = EXTRACTORS[a.extractor]()

    def safe(html):
        try:
            return run(html), False
        except Exception:
            return "", True

    safe(pages[0][1])  # warm-up: imports, lazy tables
    t0 = time.perf_counter()
    outs = [safe(html) for _, html in pages]
    secs = time.perf_counter() - t0
    if a.pred:
        with open(a.pred, "w", encoding="utf-8") as f:
            for (doc_id, _), (text, _) in zip(pages, outs):
                f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    print(json.dumps({"seconds": secs, "docs": len(pages),
                      "bytes": sum(len(h.encode("utf-8")) for _, h in pages),
                      "empty": sum(1 for t, _ in outs if not t.strip()),
                      "errors": sum(1 for _, e in outs if e)}))


if __name__ == "__main__":
    sys.exit(main())
