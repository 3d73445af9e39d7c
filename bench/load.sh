#!/bin/bash
# The shared-server load test: a fresh demo database (the demo's team and clients), then
# bench_load with N processes for S seconds (default 30 for 60 s): paced as caseworkers
# (a mean pause of 500 ms between operations) and then as a stress test (no pause),
# unless --think is given.
#   bench/load.sh [BUILD_DIR] [--procs N] [--seconds S] [--think MS] [--clients C]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
shift || true
clients=700
args=()
while [ $# -gt 0 ]; do
    case $1 in
    --clients) clients=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
    esac
done
make -C "$build" klantvolg bench/bench_load >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
KLANTVOLG_NOW=2026-03-01 "$build/klantvolg" --demo --db "$dir/load.db" --clients "$clients" >/dev/null
echo "demo database: $clients generated clients and the eight cases, $(du -h "$dir/load.db" | cut -f1)"
case " ${args[*]} " in
*" --think "*) "$build/bench/bench_load" --db "$dir/load.db" "${args[@]}" ;;
*)
    "$build/bench/bench_load" --db "$dir/load.db" "${args[@]}" --think 500
    echo
    "$build/bench/bench_load" --db "$dir/load.db" "${args[@]}" --think 0
    ;;
esac
