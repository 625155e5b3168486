#!/usr/bin/env bash
# Constant-memory check and reading throughput of `copydesk stats` (ARCHITECTURE.md,
# "Measured: constant memory and throughput of stats").
#
#   bash benches/reading/run.sh [SOURCE.jsonl] [WORKDIR]
#
# Builds ~100 MB and ~2 GB JSON Lines files by repeating SOURCE (default
# ../shared/eval/syndication_dev.jsonl) 9 and 185 times in WORKDIR (default /tmp, never the
# repository), runs the release binary on each under /usr/bin/time -v, and prints peak RSS,
# CPU time, wall time and MB/s, and the ratio of the two peaks (target: below 1.5).
set -euo pipefail
cd "$(dirname "$0")/../.."
src="${1:-../shared/eval/syndication_dev.jsonl}"
work="${2:-/tmp}"
[ -f "$src" ] || { echo "no $src" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --quiet
bin=target/release/copydesk

make() { # file repeats
    local f="$work/$1" n="$2"
    if [ ! -f "$f" ]; then
        for _ in $(seq "$n"); do cat "$src"; done > "$f.tmp" && mv "$f.tmp" "$f"
    fi
}
make copydesk-read-100m.jsonl 9
make copydesk-read-2g.jsonl 185

printf '%-28s %10s %10s %8s %8s %8s %9s\n' file MB documents rss_MB cpu_s wall_s MB/s
declare -A rss
for name in copydesk-read-100m.jsonl copydesk-read-2g.jsonl; do
    f="$work/$name"
    out=$( { /usr/bin/time -v "$bin" stats "$f" --format json --quiet > "$work/$name.stats"; } 2>&1 )
    kb=$(awk -F': ' '/Maximum resident/ {print $2}' <<<"$out")
    user=$(awk -F': ' '/User time/ {print $2}' <<<"$out")
    sys=$(awk -F': ' '/System time/ {print $2}' <<<"$out")
    wall=$(awk '/Elapsed/ {print $NF}' <<<"$out" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
    bytes=$(stat -L -c %s "$f")
    docs=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["documents"])' "$work/$name.stats")
    rss[$name]=$kb
    awk -v n="$name" -v b="$bytes" -v d="$docs" -v k="$kb" -v u="$user" -v s="$sys" -v w="$wall" \
        'BEGIN { printf "%-28s %10.1f %10d %8.1f %8.2f %8.2f %9.1f\n", n, b/1e6, d, k/1024, u+s, w, b/1e6/w }'
done
awk -v a="${rss[copydesk-read-100m.jsonl]}" -v b="${rss[copydesk-read-2g.jsonl]}" \
    'BEGIN { printf "peak RSS 2 GB / 100 MB = %.2f (target < 1.5)\n", b/a }'
uptime
