#!/bin/bash
# SIGKILL in the middle of write transactions (their commits to the WAL, and checkpoints)
# and in the middle of passwd, many times:
# the file always opens, check passes, every committed transaction is there.
. "$TESTLIB"
new_db
export KVTOOL_PASS="$PW"
ROUNDS=${CRASH_ROUNDS:-25}
"$KVTOOL" writer "$DB" admin 0 >/dev/null # the table exists even if round 1 dies while opening

ok_rounds=0
prev=0
for i in $(seq "$ROUNDS"); do
    "$KVTOOL" writer "$DB" admin 100000 >"$T/w.out" 2>"$T/w.err" &
    pid=$!
    # Kill while it writes: on a loaded machine the open alone (key derivation) can
    # outlast the random pause, and a round that never wrote tests nothing.
    for _ in $(seq "$WAIT_TRIES"); do [ -s "$T/w.out" ] && break; sleep 0.1; done
    sleep "0.$(( RANDOM % 9 + 1 ))$(( RANDOM % 10 ))"
    kill -9 $pid
    wait $pid 2>/dev/null
    committed=$(tail -n 1 "$T/w.out")
    committed=${committed:-$prev} # killed before its first commit: nothing new promised
    read -r rows max < <("$KVTOOL" verify "$DB" admin)
    if [ "${rows:-x}" = "${max:-y}" ] && [ "$max" -ge "$committed" ] && [ "$max" -le $((committed + 1)) ] &&
        as admin "$PW" check >/dev/null 2>&1; then
        ok_rounds=$((ok_rounds + 1))
        prev=$max
    else
        echo "  round $i: rows=$rows max=$max committed=$committed" >&2
        as admin "$PW" check >&2
    fi
done
check "$ROUNDS kills mid-transaction: opens, check passes, no committed row lost" test "$ok_rounds" -eq "$ROUNDS"
check "  ... and the writes really ran" bash -c "[ \$('$KVTOOL' verify '$DB' admin | cut -d' ' -f2) -gt $((ROUNDS * 5)) ]"

# The same with a checkpoint every few commits (WAL frames copied into the file, the WAL
# restarted): kills land in checkpoints too.
ok_rounds=0
prev=$("$KVTOOL" verify "$DB" admin | cut -d' ' -f2)
for i in $(seq "$ROUNDS"); do
    KVTOOL_AUTOCHECKPOINT=3 "$KVTOOL" writer "$DB" admin 100000 >"$T/w.out" 2>"$T/w.err" &
    pid=$!
    sleep "0.$(( RANDOM % 9 + 1 ))$(( RANDOM % 10 ))"
    kill -9 $pid
    wait $pid 2>/dev/null
    committed=$(tail -n 1 "$T/w.out")
    committed=${committed:-$prev}
    read -r rows max < <("$KVTOOL" verify "$DB" admin)
    if [ "${rows:-x}" = "${max:-y}" ] && [ "$max" -ge "$committed" ] && [ "$max" -le $((committed + 1)) ] &&
        as admin "$PW" check >/dev/null 2>&1; then
        ok_rounds=$((ok_rounds + 1))
        prev=$max
    else
        echo "  checkpoint round $i: rows=$rows max=$max committed=$committed" >&2
        as admin "$PW" check >&2
    fi
done
check "$ROUNDS kills with checkpoints every 3 pages: opens, check passes, no committed row lost" test "$ok_rounds" -eq "$ROUNDS"

# passwd killed at a random moment: exactly one of the old and new passphrase opens.
cur="$PW"
ok_rounds=0
for i in $(seq 15); do
    new="wachtwoord-ronde-$i"
    "$KLANTVOLG_BIN" --db "$DB" --user admin --passphrase-fd 3 passwd --new-passphrase-fd 4 3<<<"$cur" 4<<<"$new" >/dev/null 2>&1 &
    pid=$!
    sleep "0.$(( RANDOM % 4 ))$(( RANDOM % 10 ))"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    as admin "$cur" user list >/dev/null 2>&1; old_ok=$?
    as admin "$new" user list >/dev/null 2>&1; new_ok=$?
    if [ $(( (old_ok == 0) + (new_ok == 0) )) -eq 1 ]; then
        [ $new_ok -eq 0 ] && cur="$new"
        if as admin "$cur" check >"$T/chk" 2>&1; then
            ok_rounds=$((ok_rounds + 1))
        else
            echo "  passwd round $i: check failed" >&2
            cat "$T/chk" >&2
        fi
    else
        echo "  passwd round $i: old=$old_ok new=$new_ok" >&2
    fi
done
check "15 kills during passwd: exactly one passphrase works, check passes" test "$ok_rounds" -eq 15
finish
