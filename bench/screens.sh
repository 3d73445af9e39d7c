#!/bin/bash
# The screens at a municipality's size (default 50,000 generated clients, 450
# klantmanagers in teams): the pressure screen, the werkvoorraad of the municipality and
# of one team, the reload after a save, a keypress in the search, against a bare read of
# the same rows (bench_screens.c). --db reuses a demo made before (for profiling).
#   bench/screens.sh [BUILD_DIR] [--clients N] [--caseworkers M] [--db DEMO.db]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
case ${1:-} in --*|'') ;; *) build=$1; shift ;; esac
clients=50000 caseworkers=450 db=
while [ $# -gt 0 ]; do
    case $1 in
    --clients) clients=$2; shift 2 ;;
    --caseworkers) caseworkers=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    *) echo "screens.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
make -C "$build" klantvolg bench/bench_screens >/dev/null
if [ -z "$db" ]; then
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
    db=$dir/screens.db
    start=$(date +%s)
    KLANTVOLG_NOW=2026-03-01 "$build/klantvolg" --demo --db "$db" --clients "$clients" \
        --caseworkers "$caseworkers" >/dev/null
    echo "demo database: $clients generated clients, $caseworkers klantmanagers, $(du -h "$db" | cut -f1), made in $(( $(date +%s) - start )) s"
fi
"$build/bench/bench_screens" --db "$db"
