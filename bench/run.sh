#!/bin/bash
# Run the storage benchmark: plain SQLite vs the klantvolg VFS in one process, then (if
# Debian's libsqlcipher-dev is installed, or can be) the same workload on SQLCipher.
#   bench/run.sh [BUILD_DIR] [--rows N] [--runs K] [--dir DIR]   (make bench does this)
# BENCH_NO_SQLCIPHER=1 skips SQLCipher.
# Runs are interleaved (plain, klantvolg, klantvolg, plain, ...: the order swaps every run) so
# that a shared machine's load hits both sides alike; default 5 runs. Each table gives the
# best of the runs per side, and then, run by run, the ratio of each run against its own
# partner: the median and the spread (lowest - highest). A wide spread says the machine was
# busy; the median of paired runs is the figure to trust then.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then build=$1; shift; fi
case " $* " in *" --runs "*) ;; *) set -- --runs 5 "$@" ;; esac

# raw lines ("raw RUN SIDE insert point warm scan update") in; the run-by-run table out.
summarise() {
    awk -v other="$1" '
    $1 == "raw" { for (i = 4; i <= 8; i++) t[$3, $2, i] = $i; runs[$2] = 1 }
    END {
      split("bulk insert (1 transaction)|point reads, 2 MB cache|point reads, warm cache|full scan, 100-page cache|300 small update transactions", name, "|")
      n = 0; for (r in runs) n++
      printf "run by run: %s / plain of the same round, %d interleaved rounds\n", other, n
      printf "%-34s %8s %8s %8s\n", "workload", "median", "lowest", "highest"
      for (i = 4; i <= 8; i++) {
        m = 0
        for (r in runs) if (("plain", r, i) in t && (other, r, i) in t && t["plain", r, i] > 0)
          q[++m] = t[other, r, i] / t["plain", r, i]
        if (m == 0) continue
        for (a = 2; a <= m; a++) for (b = a; b > 1 && q[b - 1] > q[b]; b--) { x = q[b]; q[b] = q[b - 1]; q[b - 1] = x }
        med = m % 2 ? q[(m + 1) / 2] : (q[m / 2] + q[m / 2 + 1]) / 2
        printf "%-34s %7.2fx %7.2fx %7.2fx\n", name[i - 3], med, q[1], q[m]
      }
    }'
}

# Prints the program's own table, then the run-by-run summary of its raw lines.
run_side_by_side() {
    local other=$1 out
    shift
    out=$("$@" --raw) || return 1
    grep -v '^raw ' <<<"$out"
    summarise "$other" <<<"$out"
}

make -C "$build" bench/bench_vfs >/dev/null
run_side_by_side klantvolg "$build/bench/bench_vfs" "$@"
echo
if [ -n "${BENCH_NO_SQLCIPHER:-}" ]; then exit 0; fi
if ! dpkg-query -W -f='${Status}' libsqlcipher-dev 2>/dev/null | grep -q 'install ok installed'; then
    "$top/scripts/deps.sh" libsqlcipher-dev || { echo "skipped: SQLCipher (libsqlcipher-dev not available)"; exit 0; }
fi
cc -O2 -I"$top" "$top/bench/bench_sqlcipher.c" -o "$build/bench/bench_sqlcipher" -lsqlcipher
run_side_by_side sqlcipher "$build/bench/bench_sqlcipher" "$@"
