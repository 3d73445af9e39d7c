#!/bin/bash
# The real binary in a real terminal (tmux): log in, see the users, help from the
# keymap, resize below and back to the minimum, quit leaving nothing on screen; three
# wrong passphrases end with exit code 3.
. "$TESTLIB"
need_tmux
export LANG=C.UTF-8 LC_ALL=C.UTF-8
new_db
as admin "$PW" user add emre --role klantmanager --name "Emre Yılmaz" --new-passphrase-fd 4 4<<<"emre-wachtwoord" >/dev/null
as admin "$PW" user add lukasz --role jobcoach --name "Łukasz Kowalski" --new-passphrase-fd 4 4<<<"lukasz-wachtwoord" >/dev/null
as admin "$PW" user add fatima --role teamleider --name "فاطمة العمراني" --new-passphrase-fd 4 4<<<"fatima-wachtwoord" >/dev/null

start() { # start CMD: run it in an 80x24 terminal; its exit code lands in $T/rc
    rm -f "$T/rc"
    tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 $1; echo \$? > '$T/rc'; sleep 30"
}
wait_rc() { for _ in $(seq "$WAIT_TRIES"); do [ -s "$T/rc" ] && return 0; sleep 0.1; done; return 1; }

start "'$KLANTVOLG_BIN' --db '$DB' --user admin"
check "asks for the passphrase, naming user and database" wait_for "wachtwoord voor admin ($DB)"
tm send-keys -t kv "$PW" Enter
check "after login the users screen shows" wait_for "GEBRUIKER"
# The screens run on the alternate screen; the prompt stays on the normal one (-a), where
# an echoed passphrase would now be, after the Enter that ended it.
check "  ... the passphrase was not echoed" bash -c "tmux -S '$SOCK' capture-pane -p -a -t kv | grep -qF 'wachtwoord voor admin' && ! tmux -S '$SOCK' capture-pane -p -a -t kv | grep -qF '$PW'"
check "  ... title names database and user" wait_for "admin (beheerder)"
check "  ... UTF-8 names display (Latin)" wait_for "Łukasz Kowalski"
check "  ... and Turkish dotless i" wait_for "Emre Yılmaz"
check "  ... Arabic script is drawn" bash -c "tmux -S '$SOCK' capture-pane -p -t kv | grep -q 'فاطمة'"
check "  ... the key bar comes from the action table" wait_for "F1 Help"
check "  ... the count line" wait_for "4 gebruikers"
tm send-keys -t kv '?'
check "? opens help generated from the keymap" wait_for "Toetsen op dit scherm (F1, ? of Esc sluit deze hulp"
check "  ... listing every action" wait_for "Scherm opnieuw tekenen"
tm send-keys -t kv q
check "q closes help" wait_for "GEBRUIKER"
tm resize-window -t kv -x 60 -y 20 2>/dev/null || tm resize-pane -t kv -x 60 -y 20
check "below 80x24 a clear message" wait_for "te klein"
tm resize-window -t kv -x 80 -y 24 2>/dev/null || tm resize-pane -t kv -x 80 -y 24
check "back at 80x24 the screen returns" wait_for "GEBRUIKER"
tm send-keys -t kv q
check "q quits with exit 0" rc_is 0
check "  ... and leaves nothing of the screen behind" after_settling bash -c "! tmux -S '$SOCK' capture-pane -p -t kv | grep -q GEBRUIKER"
tm_stop

start "'$KLANTVOLG_BIN' --db '$DB' --user admin"
# Each try waits for the prompt that asks for it, the n-th: typed before it, a try would
# land in the slow check of the one before and be lost with it.
prompts_shown() { [ "$(screen | grep -c 'wachtwoord voor admin')" -ge "$1" ]; }
for i in 1 2 3; do
    for _ in $(seq "$WAIT_TRIES"); do prompts_shown "$i" && break; sleep 0.1; done
    tm send-keys -t kv "fout-$i" Enter
done
check "three wrong passphrases end with exit 3" rc_is 3
check "  ... after saying it twice to try again" bash -c "[ \$(tmux -S '$SOCK' capture-pane -p -t kv | grep -c 'Probeer het opnieuw') -eq 2 ]"
tm_stop

# A disabled user while someone else has the file open: the rotation waits, and the
# beheerder's start screen says since when.
KVTOOL_PASS="$PW" "$KVTOOL" hold "$DB" admin 60 >"$T/hold.out" 2>&1 &
hpid=$!
for _ in $(seq 100); do grep -q open "$T/hold.out" 2>/dev/null && break; sleep 0.1; done
as admin "$PW" user disable lukasz >/dev/null
start "'$KLANTVOLG_BIN' --db '$DB' --user admin"
wait_for "wachtwoord voor admin" >/dev/null
tm send-keys -t kv "$PW" Enter
check "a pending key rotation shows on the beheerder's start screen" wait_for_re "4 gebruikers; sleutelwissel nodig sinds $(date +%Y-%m-%d)"
tm send-keys -t kv q
wait_rc
tm_stop
kill $hpid; wait $hpid 2>/dev/null

NO_COLOR=1 start "NO_COLOR=1 '$KLANTVOLG_BIN' --db '$DB' --user emre"
wait_for "wachtwoord voor emre" >/dev/null
tm send-keys -t kv "emre-wachtwoord" Enter
check "NO_COLOR: the screen works in monochrome" wait_for "klantmanager"
tm send-keys -t kv q
wait_rc
tm_stop
finish
