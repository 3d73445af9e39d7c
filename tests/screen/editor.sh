#!/bin/bash
# Text that caseworkers write (issue 16, items 4 and 9), in a real terminal at 80x24: a
# contact report of more than 1,000 characters over several lines is stored whole (not
# 511 bytes) and read whole on the dossier's contacts tab; a text field shows its count
# and refuses the 10,001st character with a message; forms open on their first field;
# a letter on a choice field jumps to the option it begins and ticks nothing; labels
# never run into their values; a draft kept when the connection drops names its client
# and reopens with the cursor where it was.
. "$TESTLIB"
need_tmux
demo_db 20

start() { # start: klantvolg as km.bakker at 80x24 in a fresh tmux session, logged in
    tm_stop
    rm -f "$T/rc"
    tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user km.bakker; echo \$? > '$T/rc'; sleep 30"
    wait_for "wachtwoord voor km.bakker" >/dev/null
    keys "$P" Enter
    wait_for "werkvoorraad — " >/dev/null
}
cursor() { tm display -p -t kv '#{cursor_y},#{cursor_x}'; }
cursor_is() { [ "$(cursor)" = "$1" ] || { echo "  cursor at $(cursor), wanted $1" >&2; screen | sed 's/^/  | /' >&2; return 1; }; }
not_on_screen() { ! screen | grep -qF -- "$1" || { echo "  still on screen: $1" >&2; return 1; }; }
send_signal() { # send_signal SIG: to the klantvolg in the tmux pane
    local shell pid
    shell=$(tm display -p -t kv '#{pane_pid}')
    pid=$(pgrep -P "$shell" -x klantvolg)
    kill -"$1" "$pid"
}

# A report of 23 sentences in two paragraphs (1,563 characters), with an end to look for.
SENTENCE="Klant vertelt over de sollicitatie bij de bakkerij en het rooster. "
REPORT1=$(for _ in $(seq 12); do printf '%s' "$SENTENCE"; done)
REPORT2=$(for _ in $(seq 11); do printf '%s' "$SENTENCE"; done)"EINDE VAN HET VERSLAG"

start
LAST=$(first_last_name km.bakker)
keys / "$LAST" Enter
wait_for "gevonden met '$LAST'" >/dev/null
keys Enter
wait_for "1 Overzicht 2 Intakes" >/dev/null
NAME=$(screen | sed -n 4p | sed 's/   (.*//')

keys c
check "a form opens on its first field (the date), not the first empty one" wait_for_re '^\* Datum +1-3-2026'
check "  ... with the cursor in the date" cursor_is "2,$(( $(screen | sed -n 3p | grep -o '^.*1-3-2026' | wc -m) - 1 ))"
keys Tab h
check "a letter on a choice field opens its list" wait_for "Kanaal — Enter: kiezen, Esc: terug"
keys Escape
check "  ... and chooses nothing by itself" wait_for_re '^\* Kanaal +\(spatie'
keys h Enter
check "  ... Enter chooses the option the letter jumped to" wait_for_re '^\* Kanaal +Huisbezoek' 
keys Tab Tab
tm send-keys -t kv -l "$REPORT1"
keys Enter
tm send-keys -t kv -l "$REPORT2"
check "a long report wraps over the rows of its field" wait_for_re '^ {20,}VERSLAG *$'
check "  ... with its count of characters" wait_for "1563/10000 tekens"
check "  ... and says how Enter and Tab work in it" wait_for "Tekstveld: Enter begint een nieuwe regel, Tab gaat naar het volgende veld."
keys F2
check "the contact of 1,563 characters is saved" wait_for "Contact van 1-3-2026 vastgelegd."
report_whole() {
    export_as km.bakker | grep -qF -- "\"summary\":\"$REPORT1\\n$REPORT2\""
}
check "  ... whole, both paragraphs, in the export (not cut at 511)" report_whole
keys 5
check "the contacts tab shows the report wrapped" wait_for "Klant vertelt over de sollicitatie bij de bakkerij en het rooster. Klant"
found_end() { found_paging "EINDE VAN HET VERSLAG"; }
check "  ... and, scrolled, to its last word" found_end

# The limit: 10,000 characters, the next one refused with a message; nothing cut.
keys c Tab h Enter Tab Tab
BLOCK=$(printf 'abcdefghi %.0s' $(seq 100))      # 1,000 characters
for _ in $(seq 10); do tm send-keys -t kv -l "$BLOCK"; done
check "a text field counts up to its limit" wait_for "10000/10000 tekens"
keys x
check "  ... refuses the next character with a message" wait_for "Verslag is vol: maximaal 10000 tekens. Er is niets afgeknipt"
keys Escape j

# Labels at 80x24: the longest label is followed by a space, never cut or run into the
# value ("Besproken met klant op2-3-2026" was the complaint).
keys 1 p
wait_for "Plan van aanpak (nieuwe versie)" >/dev/null
keys Tab "2-3-2026"
check "a long label stands apart from its value" wait_for_re '^  Besproken met klant op +2-3-2026'
check "  ... and the longest label in the form whole" wait_for "  Opmerkingen van de klant"
keys Escape j

# Multiple choice in the new-client form: letters jump, Space ticks, Enter closes.
keys q
wait_for "werkvoorraad — " >/dev/null
keys n
wait_for "* BSN" >/dev/null
keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab d # Communicatie, after the address
check "a letter on a multiple choice opens its list" wait_for "Communicatie — Spatie: aan/uit"
keys t Space Enter
check "  ... letters only move: only the option ticked with Space is chosen" wait_for_re '^  Communicatie +Tolk nodig *$'
keys Escape j

# A draft when the connection drops: its client named, the cursor back where it was.
keys / C-u "$LAST" Enter
wait_for "gevonden met '$LAST'" >/dev/null
keys Enter c Tab Tab Tab "Gebeld over het rooster" Left Left Left
wait_for "Gebeld over het rooster" >/dev/null
WAS=$(cursor)
send_signal HUP
rc_is 129 >/dev/null
start
check "the draft offered names its client" wait_for "Niet opgeslagen concept: contact voor $NAME"
keys j
check "  ... taken up, it is filled in" wait_for "Gebeld over het rooster"
# The same place in the text: the column as it was, on the report's row (the rows above
# may differ: the errors of fields left before are not part of a draft).
report_row() { echo $(( $(screen | grep -n '^\* Verslag' | cut -d: -f1) - 1 )); }
check "  ... with the cursor where it was" cursor_is "$(report_row),${WAS#*,}"
keys Escape j q q
tm_stop
finish
