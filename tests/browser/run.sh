#!/usr/bin/env bash
# Renders report.html in headless Chromium and checks it: no console errors, no network, all
# sections present, the page's own script ran, no injected script ran. See README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=${COPYDESK_BIN:-$ROOT/target/debug/copydesk}

if ! command -v chromium >/dev/null 2>&1; then
    echo "browser test: installing Debian's chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
[ -x "$BIN" ] || cargo build --quiet

WORK=$(mktemp -d)
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
"$BIN" audit corpus/syndication tests/browser/hostile.jsonl --out "$WORK/out" --quiet
PAGE="$WORK/out/report.html"
mkdir -p target

run_chromium() {
    chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$(mktemp -d -p "$WORK")" \
        --enable-logging=stderr --v=0 --virtual-time-budget=3000 "$@"
}

run_chromium --log-net-log="$WORK/netlog.json" --dump-dom "file://$PAGE" >"$WORK/dom.html" 2>"$WORK/console.log"
run_chromium --screenshot="$ROOT/target/report.png" --window-size=1400,2000 "file://$PAGE" \
    >/dev/null 2>>"$WORK/console.log" || true

fail=0
check() { # check NAME COMMAND...
    if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}
no_match() { ! grep -Eq "$1" "$2"; }

check "page rendered" test -s "$WORK/dom.html"
check "no console errors" no_match 'CONSOLE|Uncaught|Refused to|Content Security Policy' "$WORK/console.log"
# Requests made by the page (not Chromium's own background ones): none. The control page, which
# loads an image from the network and has no policy, shows that the check sees such requests.
python3 tests/browser/page_requests.py "$WORK/netlog.json" >"$WORK/requests.txt"
check "no network requests" test ! -s "$WORK/requests.txt"
printf '%s' '<!DOCTYPE html><title>control</title><img src="http://127.0.0.1:9/control.png">' \
    "<script>document.documentElement.setAttribute('data-pwned','control');console.error('control')</script>" \
    >"$WORK/control.html"
run_chromium --log-net-log="$WORK/control-netlog.json" --dump-dom "file://$WORK/control.html" \
    >"$WORK/control-dom.html" 2>"$WORK/control-console.log" || true
check "control page: its request is seen" grep -q '127.0.0.1:9/control.png' \
    <(python3 tests/browser/page_requests.py "$WORK/control-netlog.json")
check "control page: its script is seen running" grep -Eq '<html[^>]*data-pwned' "$WORK/control-dom.html"
check "control page: its console error is seen" grep -Eq 'CONSOLE' "$WORK/control-console.log"
check "no external src/href" no_match '(src|href)="(https?:)?//|url\(' "$WORK/dom.html"
for section in overview sources clusters captions boilerplate flags; do
    check "section #$section" grep -q "<section id=\"$section\"" "$WORK/dom.html"
done
check "charts drawn" grep -q '<svg role="img"' "$WORK/dom.html"
check "side-by-side copy with highlights" grep -Eq '<div class="pair">.*<(ins|del)>' "$WORK/dom.html"
check "own script ran (sortable headers)" grep -q '<th[^>]*tabindex="0"' "$WORK/dom.html"
check "injected scripts did not run" no_match '<html[^>]*data-pwned|<title>pwned' "$WORK/dom.html"
check "hostile text shown escaped" grep -q '&lt;script&gt;document.title=' "$WORK/dom.html"
check "screenshot saved" test -s "$ROOT/target/report.png"

if [ "$fail" -ne 0 ]; then
    echo "--- console ---"; grep -E 'CONSOLE|Uncaught|Refused|Security' "$WORK/console.log" | head -20 || true
    exit 1
fi
echo "browser: report.html rendered in headless Chromium, screenshot target/report.png"
