#!/usr/bin/env bash
# Side-by-side benchmark of copydesk and its peers on ../shared/eval.
#
#   benches/peers/run.sh [--runs N] [--only dedup,extract] [--peers a,b] [--nice N] [--json OUT]
#
# Makes target/peers-venv (never committed) with the peers from PyPI, builds the
# release binary, then runs benches/peers/run.py (see its docstring for what is
# timed and how). A peer that does not install is skipped and said so; a
# copydesk subcommand the build lacks shows as n/a. Set NO_BUILD=1 to use the
# binary as it is, COPYDESK_BIN to point at another one.
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=target/peers-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --upgrade pip >/dev/null
fi
# pip name : import name
for pair in datasketch:datasketch gaoya:gaoya simhash:simhash trafilatura:trafilatura \
            readability-lxml:readability justext:justext goose3:goose3 resiliparse:resiliparse \
            text-dedup:text_dedup.minhash; do
    pkg=${pair%%:*} mod=${pair#*:}
    if ! "$venv/bin/python" -c "import $mod" 2>/dev/null; then
        if ! "$venv/bin/pip" install -q "$pkg" >"target/peers-pip-$pkg.log" 2>&1; then
            echo "skipped $pkg: pip install failed (target/peers-pip-$pkg.log)" >&2
        fi
    fi
done
"$venv/bin/pip" list 2>/dev/null | grep -iE '^(datasketch|gaoya|simhash|trafilatura|readability-lxml|justext|goose3|resiliparse|text-dedup) ' >&2 || true

if [ "${NO_BUILD:-0}" != 1 ]; then
    cargo build --release --quiet
fi
exec python3 benches/peers/run.py --python "$venv/bin/python" \
    --bin "${COPYDESK_BIN:-target/release/copydesk}" "$@"
