#!/bin/bash
# The idle lock, the manual lock and what happens to an open form when the session ends:
# the screen clears and the key is wiped until the passphrase is given again, nothing
# typed is lost; SIGHUP (the SSH connection drops) and SIGTERM keep a changed form as a
# draft inside the database, offered at the next start; three wrong passphrases on the
# lock screen end the session with exit 3, the draft kept. The file stays sound.
. "$TESTLIB"
need_tmux
demo_db 20
start() { # start [ENV...]: klantvolg as km.bakker in a fresh tmux session, logged in
    tm_stop
    rm -f "$T/rc"
    tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 $* '$KLANTVOLG_BIN' --db '$D' --user km.bakker; echo \$? > '$T/rc'; sleep 30"
    wait_for "wachtwoord voor km.bakker" >/dev/null
    keys "$P" Enter
    wait_for "werkvoorraad — " >/dev/null
}
send_signal() { # send_signal SIG: to the klantvolg in the tmux pane
    local shell pid
    shell=$(tm display -p -t kv '#{pane_pid}')
    pid=$(pgrep -P "$shell" -x klantvolg)
    kill -"$1" "$pid"
}
not_on_screen() { ! screen | grep -qF -- "$1" || { echo "  still on screen: $1" >&2; return 1; }; }

# The idle lock, with a form open: five seconds, time enough to type the form on a slow
# machine (the lock counts whole seconds, so two could be one).
start KLANTVOLG_IDLE_LOCK=5
keys Enter c Tab Space t Enter Tab Tab "Gesprek over de opleiding"
check "after the idle time the screen locks" wait_for "klantvolg — vergrendeld"
check "  ... nothing of the client is left on it" not_on_screen "Gesprek over de opleiding"
check "  ... the open form is kept as a draft" wait_for "Het open formulier is als concept in de database bewaard."
keys verkeerd Enter
check "a wrong passphrase is refused on the lock screen" wait_for "wachtwoord"
check "  ... and it stays locked" wait_for "klantvolg — vergrendeld"
keys "$P" Enter
check "the right passphrase unlocks" wait_for "Ontgrendeld."
check "  ... with the form as it was" wait_for_re '^\* Verslag +Gesprek over de opleiding'
keys F2
check "  ... and it saves" wait_for "Contact van 1-3-2026 vastgelegd."

# The manual lock, and three wrong passphrases.
start
keys Enter c Tab Space t Enter Tab Tab "Concept voor later" C-x
check "Ctrl-X locks at once" wait_for "klantvolg — vergrendeld"
keys fout1 Enter fout2 Enter fout3 Enter
check "three wrong passphrases end the session with exit 3" rc_is 3
start
check "the next start offers the draft" wait_for "Niet opgeslagen concept: contact"
keys j
check "  ... j opens it, filled in, on the client's dossier" wait_for_re '^\* Verslag +Concept voor later'
check "  ... titled with the client" wait_for "klantvolg — Contact vastleggen — "
keys Escape j q q
rc_is 0 >/dev/null
start
check "  ... and, taken up, it is not offered again" not_on_screen "Niet opgeslagen concept"

# SIGHUP: the connection drops with a changed form.
keys Enter d "Werk als chauffeur"
wait_for "Werk als chauffeur" >/dev/null
send_signal HUP
check "SIGHUP ends the session (exit 129)" rc_is 129
start
check "  ... and the goal being typed is offered" wait_for "Niet opgeslagen concept: doel"
keys n
check "n throws the draft away" wait_for "Concept weggegooid."
keys q
start
check "  ... for good" not_on_screen "Niet opgeslagen concept"

# SIGTERM with no form open: nothing to keep.
send_signal TERM
check "SIGTERM ends the session (exit 143)" rc_is 143
start
check "  ... and no draft is offered" not_on_screen "Niet opgeslagen concept"
keys q
tm_stop

export_has() { export_as km.bakker | grep -qF -- "$1"; }
check "export: the contact saved after unlocking" export_has '"summary":"Gesprek over de opleiding"'
no_drafts_saved() { ! export_as km.bakker | grep -qE 'Concept voor later|Werk als chauffeur'; }
check "export: the drafts thrown away or taken up were never saved as records" no_drafts_saved
sound() { "$KLANTVOLG_BIN" --db "$D" --user demo --passphrase-fd 3 check 3<<<"$P" >/dev/null; }
check "the database is sound after all this" sound
finish
