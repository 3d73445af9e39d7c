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

# A writer holding the lock longer than the busy timeout: the command gives up with exit 5.
"$KVTOOL" lock "$DB" admin 3 >"$T/lock.out" &
lpid=$!
for _ in $(seq "$WAIT_TRIES"); do grep -q locked "$T/lock.out" 2>/dev/null && break; sleep 0.1; done
check "busy beyond KLANTVOLG_BUSY_TIMEOUT: exit 5" expect_rc 5 env KLANTVOLG_BUSY_TIMEOUT=300 \
    "$KLANTVOLG_BIN" --db "$DB" --user admin --passphrase-fd 3 user add bob --role jobcoach --new-passphrase-fd 4 3<<<"$PW" 4<<<"jobcoach-ww1"
check "  ... says the database is busy" said "bezet"
check "  ... with a longer timeout the same command waits and succeeds" expect_rc 0 env KLANTVOLG_BUSY_TIMEOUT=20000 \
    "$KLANTVOLG_BIN" --db "$DB" --user admin --passphrase-fd 3 user add bob --role jobcoach --new-passphrase-fd 4 3<<<"$PW" 4<<<"jobcoach-ww1"
wait $lpid
check "bad KLANTVOLG_BUSY_TIMEOUT: exit 2" expect_rc 2 env KLANTVOLG_BUSY_TIMEOUT=lang "$KLANTVOLG_BIN" --db "$DB" --user admin --passphrase-fd 3 user list 3<<<"$PW"
finish
