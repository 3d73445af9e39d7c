#!/bin/bash
# Two sessions on one file (two real processes, as on the shared server or a second
# terminal): both open the end form of the same instrument; the first save wins, the
# second is refused with who changed it and when, and keeps what was typed. Nothing is
# overwritten: export shows the first caseworker's result.
. "$TESTLIB"
need_tmux
demo_db 20
LAST=$(first_last_name km.bakker)
screen_of() { tm capture-pane -p -t "$1"; }
wait_in() { # wait_in SESSION TEXT
    for _ in $(seq "$WAIT_TRIES"); do screen_of "$1" | grep -qF -- "$2" && return 0; sleep 0.1; done
    echo "  $1 never showed: $2" >&2
    screen_of "$1" | sed 's/^/  | /' >&2
    return 1
}
open_dossier() { # open_dossier SESSION: klantvolg as km.bakker, on the client's dossier
    tm -u new-session -d -s "$1" -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user km.bakker; sleep 30"
    wait_in "$1" "wachtwoord voor km.bakker" >/dev/null
    tm send-keys -t "$1" "$P" Enter
    wait_in "$1" "werkvoorraad — " >/dev/null
    tm send-keys -t "$1" / "$LAST" Enter Enter
    wait_in "$1" "1 Overzicht" >/dev/null
}

open_dossier one
tm send-keys -t one i Space j Enter F2
check "one session adds an instrument" wait_in one "Instrument toegevoegd: Jobcoaching."
open_dossier two
for s in one two; do tm send-keys -t $s 4 e; done
check "both open its end form" wait_in two "Instrument beëindigen: Jobcoaching"
check "  ... (the first too)" wait_in one "Instrument beëindigen: Jobcoaching"
tm send-keys -t one Tab Tab Space a Enter Tab "Eerste: past niet" F2
check "the first save wins" wait_in one "Instrument beëindigd."
tm send-keys -t two Tab Tab Space z Enter Tab "Tweede: ziek gemeld" F2
check "the second is refused with who changed it" wait_in two "Niet opgeslagen: Dit instrument is intussen gewijzigd door km.bakker op"
check "  ... and when, on a second line" wait_in two "2026-03-01 00:00. Uw invoer staat nog hier"
check "  ... and keeps what was typed" wait_in two "* Resultaat             Tweede: ziek gemeld"
tm send-keys -t two Escape j e
check "  ... opened anew, the form knows it has ended" wait_in two "Dit instrument is al beëindigd."
tm_stop
export_as km.bakker >"$T/all.json"
check "export: the first result stands" grep -qF '"result":"Eerste: past niet"' "$T/all.json"
check "export: the second never overwrote it" bash -c "! grep -qF 'Tweede: ziek gemeld' '$T/all.json'"
finish
