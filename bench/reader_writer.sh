#!/bin/bash
# Does a long reader block a writer? One process holds read transactions of 2 s back to
# back (a teamleider's report), another commits N small transactions beside it, each
# with a busy timeout of 5 s. Prints the writer's errors and commit latency p50/p99/max.
#   bench/reader_writer.sh [BUILD_DIR] [N]     READER=0: the writer alone, for comparison
# The first commit's time includes the writer's open (key derivation): read p50 and p99.
set -u
build=$(cd "${1:-build}" && pwd)
n=${2:-200}
kv="$build/tests/helpers/kvtool"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
export KLANTVOLG_NOW=2026-03-01 KVTOOL_PASS=bench-wachtwoord-1
"$build/klantvolg" --db "$t/b.db" --user admin init --new-passphrase-fd 3 3<<<"$KVTOOL_PASS" >/dev/null
"$kv" writer "$t/b.db" admin 1 >/dev/null
[ "${READER:-1}" = 0 ] && touch "$t/stop"
( while [ ! -e "$t/stop" ]; do "$kv" read "$t/b.db" admin 2 >/dev/null 2>&1; done ) &
rpid=$!
sleep 3 # the first reader holds its snapshot
start=$(date +%s%N)
KVTOOL_BUSY_MS=5000 "$kv" writer "$t/b.db" admin "$n" 2>"$t/err" |
    while read -r _; do date +%s%N; done >"$t/stamps"
touch "$t/stop"
wait $rpid
errors=$(grep -c . "$t/err")
awk -v s="$start" '{ d = ($1 - s) / 1e6; s = $1; print d }' "$t/stamps" | sort -n >"$t/lat"
c=$(wc -l <"$t/lat")
pct() { [ "$c" -gt 0 ] && sed -n "$(( (c * $1 + 99) / 100 ))p" "$t/lat" || echo -; }
printf 'commits %d of %d, errors %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n' \
    "$c" "$n" "$errors" "$(pct 50)" "$(pct 99)" "$(tail -1 "$t/lat" 2>/dev/null || echo 0)"
