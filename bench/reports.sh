#!/bin/bash
# Report timings on a large demo database (default 50,000 generated clients): the
# management reports against a bare read of the same rows, in the same run.
#   bench/reports.sh [BUILD_DIR] [--clients N]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
clients=50000
[ "${2:-}" = "--clients" ] && clients=$3
make -C "$build" klantvolg bench/bench_reports >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
start=$(date +%s)
KLANTVOLG_NOW=2026-03-01 "$build/klantvolg" --demo --db "$dir/big.db" --clients "$clients" >/dev/null
echo "demo database: $clients generated clients, $(du -h "$dir/big.db" | cut -f1), made in $(( $(date +%s) - start )) s"
"$build/bench/bench_reports" --db "$dir/big.db"
