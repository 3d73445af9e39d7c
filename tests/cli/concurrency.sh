#!/bin/bash
# Several processes writing and reading one file at once: no lost update, no error.
. "$TESTLIB"
new_db
export KVTOOL_PASS="$PW"
WRITERS=6
N=150
"$KVTOOL" counter "$DB" admin 0 >/dev/null
pids=()
for w in $(seq $WRITERS); do
    "$KVTOOL" counter "$DB" admin $N 2>"$T/c$w.err" &
    pids+=($!)
done
readers_ok=0
for r in $(seq 10); do
    as admin "$PW" user list >/dev/null 2>"$T/r$r.err" && readers_ok=$((readers_ok + 1))
done
fails=0
for p in "${pids[@]}"; do wait "$p" || fails=$((fails + 1)); done
check "$WRITERS writers finished without an error" test "$fails" -eq 0
check "  ... no error text from any writer" bash -c "! cat '$T'/c*.err | grep -q ."
check "every increment counted (no lost update)" bash -c "[ \$('$KVTOOL' get '$DB' admin) -eq $((WRITERS * N)) ]"
check "readers meanwhile saw no error" test "$readers_ok" -eq 10
check "file sound afterwards" expect_rc 0 as admin "$PW" check
finish
