#!/bin/bash
# The writers' queue (storage/dbfile.h): writers wait their turn before SQLite's write lock
# and are handed it when the one before them ends. It must never be left held: not by a
# transaction that ends, nor by a writer that dies in it; readers never wait for it.
. "$TESTLIB"
new_db
export KVTOOL_PASS="$PW"

# Start kvtool holding a write transaction begun the program's way for $1 seconds.
queue_holder() {
    "$KVTOOL" queue "$DB" admin "$1" >"$T/q.out" 2>"$T/q.err" &
    qpid=$!
    for _ in $(seq "$WAIT_TRIES"); do grep -q queued "$T/q.out" 2>/dev/null && return 0; sleep 0.1; done
    echo "kvtool queue never started" >&2
    return 1
}
add_user() { # add_user NAME TIMEOUT_MS
    env KLANTVOLG_BUSY_TIMEOUT="$2" "$KLANTVOLG_BIN" --db "$DB" --user admin --passphrase-fd 3 \
        user add "$1" --role jobcoach --new-passphrase-fd 4 3<<<"$PW" 4<<<"jobcoach-ww1"
}

queue_holder 3
check "a writer behind another in the queue beyond KLANTVOLG_BUSY_TIMEOUT: exit 5" expect_rc 5 add_user bob 300
check "  ... says the database is busy" said "bezet"
check "  ... and saved nothing" bash -c "! env KLANTVOLG_BUSY_TIMEOUT=300 '$KLANTVOLG_BIN' --db '$DB' --user admin --passphrase-fd 3 user list 3<<<'$PW' | grep -qw bob"
check "readers do not wait for the queue" expect_rc 0 env KLANTVOLG_BUSY_TIMEOUT=300 "$KLANTVOLG_BIN" --db "$DB" --user admin --passphrase-fd 3 user list 3<<<"$PW"
check "with a longer timeout the writer waits its turn and saves" expect_rc 0 add_user bob 20000
wait "$qpid"
check "  ... the holder committed too" test -z "$(cat "$T/q.err")"
check "after a commit the queue is free: the next write does not wait" expect_rc 0 add_user carla 300

queue_holder 60
kill -9 "$qpid"
wait "$qpid" 2>/dev/null
check "a writer killed inside its transaction leaves the queue free" expect_rc 0 add_user dirk 300
check "  ... and its transaction left nothing half-written: check passes" expect_rc 0 as admin "$PW" check

# Many writers at once, each waiting its turn: none gives up, none is lost.
"$KVTOOL" counter "$DB" admin 0 >/dev/null
pids=()
for w in $(seq 8); do
    KVTOOL_BUSY_MS=20000 "$KVTOOL" counter "$DB" admin 40 2>"$T/c$w.err" &
    pids+=($!)
done
fails=0
for p in "${pids[@]}"; do wait "$p" || fails=$((fails + 1)); done
check "eight writers through the queue: no error" test "$fails" -eq 0
check "  ... every increment counted" bash -c "[ \$('$KVTOOL' get '$DB' admin) -eq 320 ]"
finish
