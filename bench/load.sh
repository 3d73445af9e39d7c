#!/bin/bash
# The shared-server load test: a fresh demo database (the demo's team and clients, or with
# --caseworkers M a municipality of teams), then bench_load with N processes for S seconds
# (default 30 for 60 s; the baseline, one process, as long on a copy of the same file):
# paced as caseworkers (a mean pause of 500 ms between operations) and then as a stress
# test (no pause), unless --think is given. --readers R adds R
# teamleiders running every management report in a loop and one backup loop beside them.
# --as-one 1 makes the thirty log in as the baseline's own klantmanager (bench_load.c).
# --rounds K (default 3): the one process and the N take turns, K times S/K seconds each.
#   bench/load.sh [BUILD_DIR] [--clients C] [--caseworkers M] [--procs N] [--seconds S]
#                 [--readers R] [--think MS] [--as-one 1] [--rounds K]
# The municipality: bench/load.sh build --clients 40000 --caseworkers 300 --procs 30 \
#                   --seconds 60 --readers 2
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
case ${1:-} in --*|'') ;; *) build=$1; shift ;; esac
clients=700
demo=()
args=()
while [ $# -gt 0 ]; do
    case $1 in
    --clients) clients=$2; shift 2 ;;
    --caseworkers) demo=(--caseworkers "$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
    esac
done
make -C "$build" klantvolg bench/bench_load >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
start=$(date +%s)
KLANTVOLG_NOW=2026-03-01 "$build/klantvolg" --demo --db "$dir/load.db" --clients "$clients" ${demo[@]+"${demo[@]}"} >/dev/null
echo "demo database: $clients generated clients and the eight cases${demo[1]:+, ${demo[1]} klantmanagers in teams}, $(du -h "$dir/load.db" | cut -f1), made in $(( $(date +%s) - start )) s"
case " ${args[*]-} " in
*" --think "*) "$build/bench/bench_load" --db "$dir/load.db" "${args[@]}" ;;
*)
    "$build/bench/bench_load" --db "$dir/load.db" ${args[@]+"${args[@]}"} --think 500
    echo
    "$build/bench/bench_load" --db "$dir/load.db" ${args[@]+"${args[@]}"} --think 0
    ;;
esac
