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
# A long read (a teamleider's report) never blocks a save: WAL keeps the reader's snapshot
# while writers commit beside it, with a busy timeout too short to wait out a reader.
KVTOOL_STOP="$T/stop-reading" "$KVTOOL" read "$DB" admin 120 >"$T/read.out" 2>"$T/read.err" &
rpid=$!
for _ in $(seq "$WAIT_TRIES"); do grep -q reading "$T/read.out" 2>/dev/null && break; sleep 0.1; done
check "a write while a read transaction is open: exit 0" expect_rc 0 env KLANTVOLG_BUSY_TIMEOUT=100 \
    "$KLANTVOLG_BIN" --db "$DB" --user admin --passphrase-fd 3 user add carla --role jobcoach --new-passphrase-fd 4 3<<<"$PW" 4<<<"jobcoach-ww2"
check "  ... and more writes beside it, each committed at once" env KVTOOL_BUSY_MS=100 "$KVTOOL" writer "$DB" admin 20
check "  ... the reader was still reading meanwhile" bash -c "! grep -q still '$T/read.out'"
touch "$T/stop-reading"
wait $rpid; rrc=$?
check "  ... and kept its snapshot to the end, without an error" test "$rrc" -eq 0
check "  ... reader output" bash -c "[ \"\$(sed -n 's/reading //p' '$T/read.out')\" = \"\$(sed -n 's/still //p' '$T/read.out')\" ]"
check "the reader's successor sees the writes" bash -c "[ \$('$KVTOOL' verify '$DB' admin | cut -d' ' -f1) -eq 20 ]"

check "bad KLANTVOLG_BUSY_TIMEOUT: exit 2" expect_rc 2 env KLANTVOLG_BUSY_TIMEOUT=lang "$KLANTVOLG_BIN" --db "$DB" --user admin --passphrase-fd 3 user list 3<<<"$PW"
finish
