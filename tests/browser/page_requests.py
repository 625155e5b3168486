#!/usr/bin/env python3
"""Lists the network requests a page made, from a Chromium net log (--log-net-log).

Chromium's own background requests (updates, time, sign-in) carry the initiator
"not an origin"; requests made by a page carry the page's origin. Prints one URL a line
for every request started with another initiator and a scheme other than file/data/chrome.
"""
import json
import sys


def load(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    try:
        return json.loads(text)
    except ValueError:
        # A log cut short by the browser's exit lacks its closing brackets.
        return json.loads(text.rstrip().rstrip(",") + "]}")


def main():
    log = load(sys.argv[1])
    types = log["constants"]["logEventTypes"]
    start = types["URL_REQUEST_START_JOB"]
    for event in log.get("events", []):
        params = event.get("params") or {}
        url = params.get("url", "")
        if event.get("type") != start or not url:
            continue
        if url.split(":", 1)[0] in ("file", "data", "chrome", "about", "blob"):
            continue
        if params.get("initiator") == "not an origin":
            continue
        print(url)


if __name__ == "__main__":
    main()
