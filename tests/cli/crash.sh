#!/bin/bash
# SIGKILL in the middle of write transactions (their commits into the WAL), in the middle
# of checkpoints (the WAL into the file) and in the middle of passwd, many times: the file
# always opens, check passes, every committed transaction is there.
. "$TESTLIB"
new_db
export KVTOOL_PASS="$PW"
ROUNDS=${CRASH_ROUNDS:-25}
"$KVTOOL" writer "$DB" admin 0 >/dev/null # the table exists even if round 1 dies while opening

# kill_rounds N WHAT: N writers killed at a random moment, each round verified.
kill_rounds() {
    ok_rounds=0
    for i in $(seq "$1"); do
        "$KVTOOL" writer "$DB" admin 100000 >"$T/w.out" 2>"$T/w.err" &
        pid=$!
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
            echo "  $2 round $i: rows=$rows max=$max committed=$committed" >&2
            as admin "$PW" check >&2
        fi
    done
}
prev=0
kill_rounds "$ROUNDS" commit
check "$ROUNDS kills mid-transaction: opens, check passes, no committed row lost" test "$ok_rounds" -eq "$ROUNDS"
# A checkpoint after every two pages: most kills land in one, or in the WAL's restart.
KVTOOL_CHECKPOINT=2 kill_rounds 15 checkpoint
check "15 kills around checkpoints: opens, check passes, no committed row lost" test "$ok_rounds" -eq 15
"$KVTOOL" verify "$DB" admin >&2
check "  ... and the writes really ran" bash -c "[ \$('$KVTOOL' verify '$DB' admin | cut -d' ' -f2) -gt $((ROUNDS * 5)) ]"

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
