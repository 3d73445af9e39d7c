#!/bin/bash
# The import's JSON reader on large dossier lines: time and memory against reading the
# same bytes (bench/bench_jsonread.c), then `klantvolg import` of a 6 MiB line with its
# peak memory (GNU time, when installed).
#   bench/jsonread.sh [BUILD_DIR] [MB ...]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
[ $# -gt 0 ] && shift
make -C "$build" klantvolg bench/bench_jsonread >/dev/null
"$build/bench/bench_jsonread" "$@"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export KLANTVOLG_NOW=2026-03-01
"$build/klantvolg" --db "$dir/kv.db" --user admin init --new-passphrase-fd 3 3<<<"bench-wachtwoord" >/dev/null
"$top/tests/helpers/bigline.sh" 6 >"$dir/big.jsonl"
size=$(wc -c <"$dir/big.jsonl")
if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e s, peak %M KiB' -o "$dir/time" "$build/klantvolg" --db "$dir/kv.db" \
        --user admin --passphrase-fd 3 import "$dir/big.jsonl" 3<<<"bench-wachtwoord" >/dev/null
    echo "klantvolg import of one $((size / 1024)) KiB line: $(cat "$dir/time")"
else
    start=$(date +%s.%N)
    "$build/klantvolg" --db "$dir/kv.db" --user admin --passphrase-fd 3 import "$dir/big.jsonl" \
        3<<<"bench-wachtwoord" >/dev/null
    echo "klantvolg import of one $((size / 1024)) KiB line: $(echo "$(date +%s.%N) - $start" | bc) s"
fi
