#!/bin/bash
# SQLite's own benchmark, speedtest1, side by side: plain SQLite (the system libsqlite3),
# through the klantvolg VFS, on SQLCipher (Debian's libsqlcipher-dev) and on
# SQLite3MultipleCiphers (ChaCha20-Poly1305, from the npm package
# better-sqlite3-multiple-ciphers). Interleaved (plain, klantvolg, sqlcipher, mc, plain, ...),
# best of N per test; per-test ratios against plain and the totals, at the default cache and
# with a 100-page cache, and whether the goals of issue 17 are met.
#   bench/speedtest.sh [BUILD_DIR] [--runs N] [--size N] [--variants "plain klantvolg ..."]
#                      [--caches "default 100"] [--base OTHER_BUILD_DIR]
#                      [--args "MORE speedtest1 OPTIONS"]   (make speedtest)
# --base adds the variant "base": the klantvolg VFS as built in another build directory (say
# of the main branch), interleaved with the rest, for before/after figures from one run.
# --args passes more options to every variant alike: --args "--journal wal" runs the tests
# with a write-ahead log, as klantvolg's own files are kept.
# speedtest1.c comes from Debian's sqlite3 source package of the version libsqlite3-dev has,
# fetched by scripts/sqlite-source.sh (a private copy of the machine's apt sources, lists and
# cache under BUILD_DIR/speedtest: nothing of the system's apt state changes).
# Sources that cannot be had are reported on one line ("skipped: ...") and left out.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then build=$(cd "$1" && pwd) || exit 1; shift; fi
runs=3 size=50 variants="plain klantvolg sqlcipher mc" caches="default 100" base="" more=""
while [ $# -gt 0 ]; do
    case $1 in
    --runs) runs=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --variants) variants=$2; shift 2 ;;
    --caches) caches=$2; shift 2 ;;
    --base) base=$(cd "$2" && pwd) || exit 2; variants="$variants base"; shift 2 ;;
    --args) more=$2; shift 2 ;;
    *) echo "usage: $0 [BUILD_DIR] [--runs N] [--size N] [--variants LIST] [--caches LIST] [--base DIR] [--args OPTIONS]" >&2; exit 2 ;;
    esac
done
cache=$build/speedtest
bin=$cache/bin
mkdir -p "$bin" || exit 1
CC=${CC:-cc}
# A fixed test key as 32 raw bytes in hex: no password KDF inside the timed first test.
HEXKEY=2dd29ca851e7b56e4697b0e1f08507293d761a05ce4d1b628663f411a8086d99
skip() { echo "skipped: $*"; }

# ---- speedtest1.c from Debian's sqlite3 source package ----------------------------------
fetch_speedtest1() {
    local src
    src=$("$top/scripts/sqlite-source.sh" "$cache") || { skip "speedtest: $src"; return 1; }
    S=$src/test/speedtest1.c
    [ -f "$S" ] || { skip "speedtest: $S is missing"; return 1; }
}

# ---- the four programs -------------------------------------------------------------------
build_plain() {
    # shellcheck disable=SC2046 # pkg-config's flags are meant to split
    [ "$bin/speedtest1-plain" -nt "$S" ] ||
        $CC -O2 "$S" -o "$bin/speedtest1-plain" $(pkg-config --cflags --libs sqlite3) -lm ||
        { skip "plain: speedtest1 does not build against the system's libsqlite3"; return 1; }
}

build_klantvolg() {
    make -C "$build" libklantvolg.a >/dev/null 2>&1 ||
        { skip "klantvolg: libklantvolg.a does not build in $build (configure it first)"; return 1; }
    local out=$bin/speedtest1-klantvolg
    [ "$out" -nt "$build/libklantvolg.a" ] && [ "$out" -nt "$top/bench/speedtest_kv.c" ] && return 0
    # shellcheck disable=SC2046 # pkg-config's flags are meant to split
    $CC -O2 -std=gnu11 -I"$top" -D_GNU_SOURCE -DSPEEDTEST1_C="\"$S\"" "$top/bench/speedtest_kv.c" \
        -o "$out" "$build/libklantvolg.a" $(pkg-config --cflags --libs sqlite3 libsodium) -lm -lpthread ||
        { skip "klantvolg: speedtest_kv does not build"; return 1; }
}

# The wrapper of this tree against another tree's library and headers (its srcdir, from
# its Makefile): the same program, the other VFS.
build_base() {
    local src
    src=$(sed -n 's/^abs_top_srcdir = //p' "$base/Makefile" 2>/dev/null)
    [ -n "$src" ] && make -C "$base" libklantvolg.a >/dev/null 2>&1 ||
        { skip "base: libklantvolg.a does not build in $base"; return 1; }
    # shellcheck disable=SC2046 # pkg-config's flags are meant to split
    $CC -O2 -std=gnu11 -I"$src" -D_GNU_SOURCE -DSPEEDTEST1_C="\"$S\"" "$top/bench/speedtest_kv.c" \
        -o "$bin/speedtest1-base" "$base/libklantvolg.a" $(pkg-config --cflags --libs sqlite3 libsodium) -lm -lpthread ||
        { skip "base: speedtest_kv does not build against $base"; return 1; }
}

build_sqlcipher() {
    if ! dpkg-query -W -f='${Status}' libsqlcipher-dev 2>/dev/null | grep -q 'install ok installed'; then
        "$top/scripts/deps.sh" libsqlcipher-dev >/dev/null 2>&1 ||
            { skip "sqlcipher: libsqlcipher-dev not installed and cannot be"; return 1; }
    fi
    [ "$bin/speedtest1-sqlcipher" -nt "$S" ] && return 0
    # SQLCipher 3.4.1 is SQLite 3.15: older than speedtest1, which names one newer constant
    # (only used with --reserve, which this run does not pass).
    $CC -O2 -DSQLITE_HAS_CODEC -DSQLITE_FCNTL_RESERVE_BYTES=38 -I/usr/include/sqlcipher "$S" \
        -o "$bin/speedtest1-sqlcipher" -lsqlcipher -lm ||
        { skip "sqlcipher: speedtest1 does not build against it"; return 1; }
}

build_mc() {
    local d=$cache/mc
    if [ ! -f "$d/package/deps/sqlite3/sqlite3.c" ]; then
        command -v npm >/dev/null || { skip "mc: npm is not installed"; return 1; }
        mkdir -p "$d" && rm -f "$d"/*.tgz
        (cd "$d" && npm pack --silent better-sqlite3-multiple-ciphers) >"$d/npm.log" 2>&1 &&
            tar -xzf "$d"/better-sqlite3-multiple-ciphers-*.tgz -C "$d" package/deps/sqlite3 ||
            { skip "mc: npm pack better-sqlite3-multiple-ciphers failed (see $d/npm.log)"; return 1; }
        rm -f "$d/sqlite3mc.o"
    fi
    if [ ! -f "$d/sqlite3mc.o" ]; then
        echo "compiling the SQLite3MultipleCiphers amalgamation (a few minutes)..." >&2
        $CC -O2 -DSQLITE_THREADSAFE=1 -DCODEC_TYPE=CODEC_TYPE_CHACHA20 \
            -c "$d/package/deps/sqlite3/sqlite3.c" -o "$d/sqlite3mc.o.tmp" &&
            mv "$d/sqlite3mc.o.tmp" "$d/sqlite3mc.o" || { skip "mc: the amalgamation does not compile"; return 1; }
    fi
    [ "$bin/speedtest1-mc" -nt "$d/sqlite3mc.o" ] && [ "$bin/speedtest1-mc" -nt "$S" ] && return 0
    $CC -O2 -I"$d/package/deps/sqlite3" "$S" "$d/sqlite3mc.o" -o "$bin/speedtest1-mc" -lm -lpthread -ldl ||
        { skip "mc: speedtest1 does not link against it"; return 1; }
}

fetch_speedtest1 || exit 0
have=""
for v in $variants; do
    case $v in
    plain | klantvolg | sqlcipher | mc) ;;
    base) [ -n "$base" ] || { echo "variant base needs --base DIR" >&2; exit 2; } ;;
    *) echo "unknown variant $v (plain, klantvolg, sqlcipher, mc, base)" >&2; exit 2 ;;
    esac
    if "build_$v"; then have="$have $v"; fi
done
case " $have " in *" plain "*) ;; *) skip "speedtest: the plain build failed, nothing to compare against"; exit 0 ;; esac

# ---- interleaved runs ------------------------------------------------------------------------
key_args() {
    case $1 in
    sqlcipher) echo "--key x''$HEXKEY''" ;; # PRAGMA key('x''..''') is SQLCipher's raw key
    mc) echo "--key raw:$HEXKEY" ;;           # SQLite3MC: raw: skips its KDF as well
    esac
}
runs_dir=$cache/runs
dbdir=${SPEEDTEST_DIR:-$cache/db}
rm -rf "$runs_dir" && mkdir -p "$runs_dir" "$dbdir" || exit 1
echo "speedtest1 --size $size${more:+ $more} from $(basename "$(dirname "$(dirname "$S")")"), best of $runs interleaved runs; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for c in $caches; do
    cargs=""
    [ "$c" = default ] || cargs="--cachesize $c"
    for r in $(seq 1 "$runs"); do
        for v in $have; do
            out=$runs_dir/$c-$v-$r.txt
            rm -f "$dbdir/$v.db" "$dbdir/$v.db-journal" "$dbdir/$v.db-wal" "$dbdir/$v.db-shm"
            # shellcheck disable=SC2046,SC2086
            if ! "$bin/speedtest1-$v" --size "$size" $cargs $more $(key_args "$v") "$dbdir/$v.db" >"$out" 2>&1 ||
                ! grep -q TOTAL "$out"; then
                echo "$v failed (cache $c, run $r): $(tail -n1 "$out")"
                rm -f "$out"
            fi
        done
        printf '.' >&2
    done
    echo >&2
done
rm -rf "$dbdir"/*.db "$dbdir"/*.db-journal "$dbdir"/*.db-wal "$dbdir"/*.db-shm
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- the table -------------------------------------------------------------------------------
for c in $caches; do
    echo
    [ "$c" = default ] && echo "== default cache (2 MB) ==" || echo "== cache_size $c pages =="
    for v in $have; do
        for f in "$runs_dir/$c-$v"-*.txt; do
            [ -f "$f" ] || continue
            r=${f##*-}; r=${r%.txt}
            # "NNN - what.......   0.123s" and "       TOTAL....  1.234s"
            sed -n -E "s/^ *([0-9]+) - (.*[^.])\.+ +([0-9.]+)s\$/$v $r \1 \3 \2/p;
                       s/^ +TOTAL\.+ +([0-9.]+)s\$/$v $r TOTAL \1 TOTAL/p" "$f"
        done
    done | awk -v have="$have" -v cache="$c" '
    { v = $1; r = $2; t = $3; s = $4 + 0; d = $5; for (i = 6; i <= NF; i++) d = d " " $i
      key = v SUBSEP t
      if (!(key in best) || s < best[key]) best[key] = s
      run[v, r, t] = s; rounds[r] = 1
      if (!(t in desc)) { desc[t] = t == "TOTAL" ? "all tests" : d; order[++n] = t } }
    END {
      nv = split(have, V, " ")
      printf "%-5s %-40s", "test", "what"
      for (j = 1; j <= nv; j++) printf " %9s", V[j] " s"
      for (j = 2; j <= nv; j++) printf " %9s", V[j]
      printf "\n"
      worst = 0
      for (i = 1; i <= n; i++) {
        t = order[i]; p = best["plain", t]
        printf "%-5s %-40s", t, substr(desc[t], 1, 40)
        for (j = 1; j <= nv; j++) printf " %9.3f", best[V[j], t]
        for (j = 2; j <= nv; j++) printf " %8.2fx", (p > 0 ? best[V[j], t] / p : 0)
        printf "\n"
        if (t != "TOTAL" && ("klantvolg", t) in best && p >= 0.005) {
          q = best["klantvolg", t] / p
          if (q > worst) { worst = q; worstt = t }
        }
      }
      # Spread: the paired ratio run by run (each run of a variant against the plain run of the
      # same round), lowest and highest, to show how much one run alone would have said.
      for (j = 2; j <= nv; j++) {
        lo = 1e9; hi = 0
        for (r in rounds) if ((V[j], r, "TOTAL") in run && ("plain", r, "TOTAL") in run) {
          q = run[V[j], r, "TOTAL"] / run["plain", r, "TOTAL"]
          if (q < lo) lo = q; if (q > hi) hi = q }
        if (hi > 0) printf "spread of the total ratio, %s, run by run: %.2fx - %.2fx\n", V[j], lo, hi
      }
      if (("klantvolg", "TOTAL") in best) {
        tot = best["klantvolg", "TOTAL"] / best["plain", "TOTAL"]
        if (cache == "default") {
          printf "goal: klantvolg total at most 1.15x plain: %.2fx %s\n", tot, tot <= 1.15 ? "met" : "NOT met"
          printf "goal: no test above 1.5x (tests of 5 ms or more): worst %s at %.2fx %s\n", worstt, worst, worst <= 1.5 ? "met" : "NOT met"
        } else if (cache == "100") {
          printf "goal: klantvolg total at most 2.0x plain with a 100-page cache: %.2fx %s\n", tot, tot <= 2.0 ? "met" : "NOT met"
        } else {
          printf "klantvolg total: %.2fx plain\n", tot
        }
      }
    }'
done
echo
for v in $have; do
    f=$(ls "$runs_dir"/*-"$v"-*.txt 2>/dev/null | head -n1)
    [ -n "$f" ] && echo "$v: $(sed -n 's/^-- Speedtest1 for //p' "$f" | cut -c1-40)"
done
