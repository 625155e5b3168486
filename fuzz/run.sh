#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 300) each, seeded from the project's corpus/.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); the stable toolchain is told to accept the
# sanitizer flags with RUSTC_BOOTSTRAP=1, as no nightly toolchain can be fetched here.
# Crashes land in fuzz/artifacts/<target>/: minimise them, then copy them to
# fuzz/regressions/<target>/, where tests/fuzz_regressions.rs replays them on every test run.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-300}"
targets="${TARGETS:-segment_text segment_html read_jsonl read_warc read_html_file}"
export RUSTC_BOOTSTRAP=1

seed() {
    local target=$1; mkdir -p "corpus/$target"
    case $target in
        segment_text) cp ../corpus/seed/*.txt "corpus/$target/" ;;
        segment_html|read_html_file) cp ../corpus/scrapinghub/*.html "corpus/$target/" ;;
        read_jsonl) cp ../corpus/reuters/*.jsonl.gz "corpus/$target/"
                    { zcat ../corpus/reuters/*.jsonl.gz || true; } | head -20 > "corpus/$target/plain.jsonl" ;;
        read_warc) cp ../corpus/warc/*.warc.gz "corpus/$target/"
                   zcat ../corpus/warc/*.warc.gz > "corpus/$target/plain.warc" ;;
    esac
    cp regressions/"$target"/* "corpus/$target/" 2>/dev/null || true
}

for target in $targets; do
    seed "$target"
    echo "== $target for ${seconds}s"
    cargo fuzz run -O "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -max_len=262144 -rss_limit_mb=4096 2>&1 \
        | grep -E "^Done|ERROR|SUMMARY|crash-|timeout-|oom-|^error" || true
done
