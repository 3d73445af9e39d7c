#!/bin/bash
# The agenda in a real terminal: signals grouped, done with a note, snoozed to a date
# with a reason, a bad date refused; what was done is stored (reminders agrees).
. "$TESTLIB"
need_tmux
export LANG=C.UTF-8 LC_ALL=C.UTF-8
D="$T/demo.db"
P=klantvolg-demo
"$KLANTVOLG_BIN" --demo --db "$D" --clients 60 >/dev/null
overdue() { "$KLANTVOLG_BIN" --db "$D" --user km.bakker --passphrase-fd 3 reminders --format tsv 3<<<"$P" | grep -c $'\tte_laat\t'; }
before=$(overdue)

tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user km.bakker; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
tm send-keys -t kv "$P" Enter
wait_for "werkvoorraad" >/dev/null
tm send-keys -t kv a
check "a opens the agenda" wait_for "klantvolg — agenda"
check "  ... grouped, overdue first" bash -c "tmux -S '$SOCK' capture-pane -p -t kv | sed -n 4p | grep -q '^TE LAAT ($before)'"
check "  ... with the counts and the keys" wait_for "x: afgehandeld  z: uitstellen"
tm send-keys -t kv Enter
check "Enter unfolds the overdue signals" wait_for "TE LAAT ($before)  Enter klapt ze in"
tm send-keys -t kv Down x
check "x asks for a note" wait_for "Afgehandeld, notitie:"
tm send-keys -t kv "Gebeld, loopt goed" Enter
check "  ... and the signal is done" wait_for "Afgehandeld: "
check "  ... the overdue group shrinks" wait_for "TE LAAT ($((before - 1)))"
tm send-keys -t kv Down z
check "z asks for a date and a reason" wait_for "Uitstellen tot (datum) en reden:"
tm send-keys -t kv "1-4-2026 wacht op de werkgever" Enter
check "  ... and the signal is snoozed" wait_for "Uitgesteld tot 1-4-2026"
tm send-keys -t kv z "gisteren iets" Enter
check "a word that is no date is refused as such" wait_for "Niet uitgesteld: 'gisteren' is geen datum (dd-mm-jjjj)."
tm send-keys -t kv z "31-2-2026 iets" Enter
check "  ... and so is a day that does not exist" wait_for "Niet uitgesteld: '31-2-2026' is geen datum (dd-mm-jjjj)."
tm send-keys -t kv z "1-1-2020 iets" Enter
check "a date that is not after today is refused" wait_for "Niet uitgesteld: '1-1-2020' is niet na vandaag."
tm send-keys -t kv z Escape
check "Esc drops the question" wait_for "Niets veranderd."
tm send-keys -t kv Home Down Enter
check "Enter opens the client's dossier" wait_for "klantvolg — dossier"
tm send-keys -t kv q
check "q goes back to the agenda" wait_for "klantvolg — agenda"
tm send-keys -t kv q
check "q again: the werkvoorraad" wait_for "klantvolg — werkvoorraad"
check "  ... which counts the two signals dealt with in the agenda" wait_for "signalen te laat"
check "  ... ($((before - 2)) overdue now)" wait_for ", $((before - 2)) signalen te laat,"
tm_stop
check "reminders agrees: two fewer overdue" test "$(overdue)" -eq $((before - 2))
finish
