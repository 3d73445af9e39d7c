#!/bin/bash
# Issue 16's last gaps in words and keys: the history tab shows no ISO dates and no codes
# (dates as 1-3-2026, catalogue labels, a trede by its axis, the BSN view in Dutch); the
# key bar spells out every label (M Managementinfo, not M Mi) at 80 and 200 columns; Esc
# on the werkvoorraad clears the f filter and a kept search first and says so; f's status
# list offers (alle); a search's count line names an active filter.
. "$TESTLIB"
need_tmux
demo_db 20
bar() { screen | tail -1; }
bar_has() { bar | grep -qF -- "$1" || { echo "  the bar lacks '$1': $(bar)" >&2; return 1; }; }
# session COLS USER: klantvolg as USER in a terminal COLS wide, logged in.
session() {
    tm -u new-session -d -s kv -x "$1" -y 30 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user $2; sleep 60"
    wait_for "wachtwoord voor $2" >/dev/null
    keys "$P" Enter
    wait_for "klantvolg — werkvoorraad" >/dev/null
}
audit_tsv() { KLANTVOLG_USER=tl.jansen "$KLANTVOLG_BIN" --db "$D" --passphrase-fd 3 audit --user km.bakker --format tsv 3<<<"$P"; }

# --- 3: Esc takes off the f filter and a kept search first --------------------------------
session 80 km.bakker
rows() { screen | grep -cE '\*{6}[0-9]{3}'; }
rows_are() { [ "$(rows)" = "$1" ] || { screen | sed 's/^/  | /' >&2; return 1; }; }
rows_below() { [ "$(rows)" -lt "$1" ] || { screen | sed 's/^/  | /' >&2; return 1; }; }
ALL=$(rows)
keys f
wait_for "Werkvoorraad filteren" >/dev/null
keys Tab Tab Space
check "f's status list starts with (alle)" wait_for_re "^  Status +\(alle\)"
keys Down Down Enter F2
check "  ... a status filter applies" wait_for "Filter: status actief."
check "  ... fewer rows" rows_below "$ALL"
keys / a Enter
check "a search's count line names the active filter" wait_for_re "gevonden met 'a', filter: status actief"
keys Escape
check "Esc clears the search and the filter, and says so" wait_for "Zoekfilter en filter gewist."
check "  ... the whole werkvoorraad again" rows_are "$ALL"
check "  ... still on the werkvoorraad" wait_for "klantvolg — werkvoorraad — "
keys f
wait_for "Werkvoorraad filteren" >/dev/null
keys Tab Tab Space Down Down Enter F2
wait_for "Filter: status actief." >/dev/null
keys Escape
check "Esc with only the filter clears it" wait_for "Filter gewist."
keys Escape
check "  ... and then only says how to quit" wait_for "Afsluiten met q."

# --- 1: the history tab in words ----------------------------------------------------------
LAST=$(first_last_name km.bakker)
keys / "$LAST" Enter
wait_for "gevonden met '$LAST'" >/dev/null
keys Enter
wait_for "1 Overzicht 2 Intakes" >/dev/null
ID=$(audit_tsv | awk -F'\t' '$4 == "inzien" { id = $5 } END { print id }')
check "client edit changes two fields" "$KLANTVOLG_BIN" --db "$D" --user km.bakker --passphrase-fd 3 client edit "$ID" --contact-gecontroleerd 2025-07-31 --instroomreden azc 3<<<"$P"
keys q Enter
wait_for "1 Overzicht 2 Intakes" >/dev/null
keys B
wait_for "Volledig BSN getoond; dat staat in het auditlog." >/dev/null
keys 7
check "history: a changed date in d-m-yyyy" wait_for_re "Contactgegevens gecontroleerd op: ([0-9]{1,2}-[0-9]{1,2}-[0-9]{4}|\(leeg\)) → 31-7-2025"
check "  ... a catalogue code by its label" wait_for_re "Instroomreden: .* → Uit AZC"
check "  ... the BSN view in Dutch, at once" wait_for "Volledig BSN getoond"
check "  ... no bsn_inzien code" after_settling bash -c "! tmux -S '$SOCK' capture-pane -p -t kv | grep -q bsn_inzien"
# no_codes: from the top to the end of the history, no ISO date and no instrument code.
no_codes() {
    to_top || return 1
    local pos last=""
    for _ in $(seq 40); do
        settled || return 1 # the position is drawn before the rows under it
        if screen | grep -qE '[0-9]{4}-[0-9]{2}-[0-9]{2}|Instrument vastgelegd: [a-z0-9_]+$'; then
            screen | sed 's/^/  | /' >&2
            return 1
        fi
        pos=$(position)
        [ -z "$pos" ] || [ "$pos" = "$last" ] && return 0
        last=$pos
        keys NPage
        for _ in $(seq "$WAIT_TRIES"); do [ "$(position)" != "$pos" ] && break; sleep 0.1; done
    done
}
check "  ... no ISO date and no instrument code anywhere on the tab" no_codes
check "  ... dates of the records as d-m-yyyy" found_paging "^1-3-2026 00:00 +demo +[A-Z]"
to_top
keys n
wait_for "Herdiagnose (nieuwe intake-versie)" >/dev/null
for _ in $(seq 11); do keys Tab; done # to the trede, past the indeling's own motivation
# The re-diagnosis starts from the current trede: Home, then two down, is trede 3.
keys Space Home Down Down Enter F2
wait_for "vastgelegd als nieuwe versie." >/dev/null
keys 7
check "a new trede is named by its axis and label" wait_for "Trede vastgelegd: Trede 3: deelname"
check "  ... and the indeling by its own" wait_for_re "Indeling vastgelegd: [A-Z]"
keys q q
tm_stop

# --- 2: every label whole in the bar, at 80 and 200 columns -------------------------------
session 200 tl.jansen
check "at 200 columns the team's bar says M Managementinfo" bar_has "M Managementinfo"
check "  ... and offers marking and handing over" bar_has "m Markeer  r Overdragen"
check "  ... and perspectief stands whole where it fits" wait_for_re " perspectief +[a-z]"
keys b
wait_for "klantvolg — belasting" >/dev/null
check "  ... the pressure screen too" bar_has "M Managementinfo"
tm_stop
session 80 tl.jansen
keys b
wait_for "klantvolg — belasting" >/dev/null
check "at 80 columns the pressure screen says M Managementinfo" bar_has "M Managementinfo"
check "  ... never M Mi" after_settling bash -c "! tmux -S '$SOCK' capture-pane -p -t kv | tail -1 | grep -qE 'M Mi( |$)'"
tm_stop
session 200 km.bakker
keys Enter
wait_for "1 Overzicht 2 Intakes" >/dev/null
check "the dossier's bar at 200: i Instrument" bar_has "i Instrument"
check "  ... v Verlengen" bar_has "v Verlengen"
check "  ... w Doel wijzigen and B BSN" bar_has "w Doel wijzigen"
tm_stop
finish
