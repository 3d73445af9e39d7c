#!/bin/bash
# Profile single speedtest1 tests, plain and through the klantvolg VFS, with perf (Debian's
# linux-perf): where the CPU time of one test goes on each side (by library, then by
# symbol), and how many page reads and writes of the database and journal and syncs SQLite
# asked of the file system (a counting VFS under everything), to tell extra I/O from
# per-page crypto.
#   bench/speedtest-profile.sh [BUILD_DIR] [--size N] [--cachesize N] [--top N] TEST...
#   e.g. bench/speedtest-profile.sh build 270 280 310 200
# Needs speedtest1.c fetched by bench/speedtest.sh (make speedtest) first. Each side runs the
# whole speedtest1 once under `perf record -k CLOCK_MONOTONIC`; speedtest_kv stamps the start
# and end of every test (SPEEDTEST_MARKS), and perf report is cut to those windows.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ] && [ -d "$1" ]; then build=$(cd "$1" && pwd); shift; fi
size=50 cargs="" ntop=12 tests=""
while [ $# -gt 0 ]; do
    case $1 in
    --size) size=$2; shift 2 ;;
    --cachesize) cargs="--cachesize $2"; shift 2 ;;
    --top) ntop=$2; shift 2 ;;
    *) tests="$tests $1"; shift ;;
    esac
done
[ -n "$tests" ] || { echo "usage: $0 [BUILD_DIR] [--size N] [--cachesize N] [--top N] TEST..." >&2; exit 2; }
command -v perf >/dev/null || { echo "skipped: perf is not installed (Debian: linux-perf)"; exit 0; }
S=$(ls "$build"/speedtest/src-*/sqlite3-*/test/speedtest1.c 2>/dev/null | head -n1)
[ -n "$S" ] || { echo "skipped: no speedtest1.c yet (run make speedtest first)"; exit 0; }
d=$build/speedtest/prof
mkdir -p "$d" || exit 1
make -C "$build" libklantvolg.a >/dev/null || exit 1
flags=$(pkg-config --cflags --libs sqlite3 libsodium)
for side in plain klantvolg; do
    def=""
    [ $side = plain ] && def=-DSPEEDTEST_PLAIN
    # shellcheck disable=SC2086
    ${CC:-cc} -O2 -g -std=gnu11 -I"$top" -D_GNU_SOURCE -DSPEEDTEST_COUNT $def -DSPEEDTEST1_C="\"$S\"" \
        "$top/bench/speedtest_kv.c" -o "$d/st-$side" "$build/libklantvolg.a" $flags -lm -lpthread 2>/dev/null ||
        { echo "skipped: the profiling build failed"; exit 0; }
    rm -f "$d/$side.db" "$d/$side.db-journal"
    # shellcheck disable=SC2086
    if ! SPEEDTEST_MARKS=1 perf record -q -k CLOCK_MONOTONIC -o "$d/$side.perf" \
        "$d/st-$side" --size "$size" $cargs "$d/$side.db" >"$d/$side.out" 2>"$d/$side.marks"; then
        echo "skipped: perf record failed here ($(grep -v '^mark' "$d/$side.marks" | tail -n1))"
        exit 0
    fi
    rm -f "$d/$side.db" "$d/$side.db-journal"
done
for t in $tests; do
    for side in plain klantvolg; do
        win=$(awk -v t="$t" '$1 == "mark" && $4 == t { if ($3 == "begin") b = $2; else e = $2 }
            END { if (b != "" && e != "") printf "%s,%s", b, e }' "$d/$side.marks")
        [ -n "$win" ] || { echo "test $t: not in this speedtest1"; continue 2; }
        secs=$(awk -F, '{ printf "%.3f", $2 - $1 }' <<<"$win")
        echo "== test $t, $side: $secs s wall; I/O: $(awk -v t="$t" '$1 == "count" && $2 == t { $1 = $2 = ""; print }' "$d/$side.marks")"
        perf report -i "$d/$side.perf" --time "$win" --no-children --sort dso --stdio -n 2>/dev/null |
            grep -E '^ +[0-9.]+%|Samples' | head -n 6
        perf report -i "$d/$side.perf" --time "$win" --no-children --sort dso,symbol --stdio 2>/dev/null |
            grep -E '^ +[0-9.]+%' | head -n "$ntop"
    done
done
