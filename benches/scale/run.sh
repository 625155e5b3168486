#!/usr/bin/env bash
# Scale run: make the 1M-document corpus once (target/scale/, never committed),
# build the release binary, then time `copydesk audit` on 100k, 300k and 1M
# documents and plot peak RSS (benches/scale/rss.svg).
#
#   benches/scale/run.sh [run.py options: --sizes, --threads, --nice, --command]
# Environment: NO_BUILD=1 to use the binary as it is; JOBS=N shards generated in parallel.
set -euo pipefail
cd "$(dirname "$0")/../.."
docs=target/scale/docs-1m.jsonl
if [ ! -s "$docs" ]; then
    mkdir -p target/scale
    python3 benches/scale/generate.py --docs 1000000 --out "$docs" --jobs "${JOBS:-1}"
fi
if [ "${NO_BUILD:-0}" != 1 ]; then
    cargo build --release --quiet
fi
exec python3 benches/scale/run.py --docs-file "$docs" "$@"
