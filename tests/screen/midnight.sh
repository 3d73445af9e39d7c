#!/bin/bash
# "Today" follows the clock: a session that runs past midnight shows the new day's
# signals, and a signal marked done after midnight is stamped with the time it was done,
# not the time the session began. KLANTVOLG_NOW with a time is a clock that starts there
# and runs on (a test hook; a set-id klantvolg ignores it).
. "$TESTLIB"
need_tmux
demo_db 10
# A client whose contact details were never checked: that signal is due every day, today.
printf '%s\n' '{"bsn":"111222333","first_name":"Şükrü","last_name":"Öztürkçü","assignments":[{"user":"km.bakker","from_date":"2026-01-01"}]}' >"$T/new.jsonl"
"$KLANTVOLG_BIN" --db "$D" --user demo --passphrase-fd 3 import "$T/new.jsonl" 3<<<"$P" >/dev/null

check "KLANTVOLG_NOW with an impossible time is refused" \
    expect_rc 2 env KLANTVOLG_NOW="2026-03-01 24:00:00" "$KLANTVOLG_BIN" --db "$D" --user km.bakker \
    --passphrase-fd 3 reminders 3<<<"$P"
check "  ... naming the forms it takes" said "JJJJ-MM-DD UU:MM:SS"
check "a time is taken: reminders run at that moment" \
    expect_rc 0 env KLANTVOLG_NOW="2026-03-01 23:59:59" "$KLANTVOLG_BIN" --db "$D" --user km.bakker \
    --passphrase-fd 3 reminders 3<<<"$P"

# first_today: the first signal under VANDAAG in the agenda.
first_today() { screen | grep -A1 '^VANDAAG (' | sed -n 2p; }
# today_is DATE: the first signal under VANDAAG is due on DATE.
today_is() {
    for _ in $(seq "$WAIT_TRIES"); do first_today | grep -q "^$1 " && return 0; sleep 0.1; done
    echo "  the first signal of today is not due $1" >&2
    screen | sed 's/^/  | /' >&2
    return 1
}

tm -u new-session -d -s kv -x 100 -y 30 "env LANG=C.UTF-8 KLANTVOLG_NOW='2026-03-01 23:59:45' '$KLANTVOLG_BIN' --db '$D' --user km.bakker; sleep 60"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
wait_for "klantvolg — werkvoorraad" >/dev/null
keys a
wait_for "klantvolg — agenda" >/dev/null
check "before midnight the agenda's today is 1 March" today_is 1-3-2026
check "past midnight the session says the day changed" wait_for "Het is 2-3-2026 geworden"
check "  ... and the agenda's today is 2 March" today_is 2-3-2026
keys Down Down x
wait_for "Afgehandeld, notitie:" >/dev/null
keys "Na middernacht" Enter
wait_for "Afgehandeld: " >/dev/null
tm_stop
ack=$(export_as km.bakker | grep -o '{[^{}]*"note":"Na middernacht"[^{}]*}')
check "the done mark is stamped after midnight, not at the session's start" \
    bash -c "grep -q '\"created_at\":\"2026-03-02 00:' <<<'$ack'"
finish
