#!/bin/bash
# The key bar and the help offer only the keys that work on the screen one is on (the
# agenda had s, f and / that did nothing); at 80 columns the bar keeps the screen's main
# keys; a key of another screen says so; a teamleider's write key answers at once with
# the reason, and no form opens.
. "$TESTLIB"
need_tmux
demo_db 10
bar() { screen | tail -1; }
bar_has() { bar | grep -qF -- "$1" || { echo "  the bar lacks '$1': $(bar)" >&2; return 1; }; }
bar_lacks() { ! bar | grep -qF -- "$1" || { echo "  the bar offers '$1': $(bar)" >&2; return 1; }; }

tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user km.bakker; sleep 60"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
wait_for "klantvolg — werkvoorraad" >/dev/null
check "the werkvoorraad offers sorting" bar_has "s Sorteer"
check "  ... and search" bar_has "/ Zoek"
keys a
wait_for "klantvolg — agenda" >/dev/null
check "the agenda's bar offers no sorting" bar_lacks "Sorteer"
check "  ... no filter" bar_lacks "Filter"
check "  ... no search" bar_lacks "Zoek"
check "  ... and at 80 columns keeps its own keys: x done" bar_has "x Afgehandeld"
check "  ... z snooze" bar_has "z Uitstellen"
check "  ... with Terug and Help" bar_has " q Terug  F1 Help"
keys s
check "s in the agenda says it does not work there" wait_for "De toets voor 'sorteren' werkt niet op dit scherm"
keys F1
wait_for "Toetsen op dit scherm" >/dev/null
check "the agenda's help lists x for done" wait_for_re "^  x +Agenda: signaal afvinken als afgehandeld"
check "  ... and not sorting" not_shown 'Sorteren op urgentie'
keys Escape q q
tm_stop

tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user tl.jansen; sleep 60"
wait_for "wachtwoord voor tl.jansen" >/dev/null
keys "$P" Enter
wait_for "klantvolg — werkvoorraad van het team" >/dev/null
keys c
check "c for a teamleider answers at once with the reason" wait_for "Een teamleider leest mee maar wijzigt geen dossier"
check "  ... and no form opened" wait_for "klantvolg — werkvoorraad van het team"
keys Enter
wait_for "klantvolg — dossier" >/dev/null
keys p
check "p in the dossier for a teamleider: the same, at once" wait_for "Een teamleider leest mee maar wijzigt geen dossier"
check "  ... no plan form" not_shown 'Plan van aanpak (nieuwe versie)'
keys q b
wait_for "klantvolg — belasting" >/dev/null
check "the pressure screen offers what-if" bar_has "+ Wat als"
check "  ... and the verdeling" bar_has "t Verdeling"
check "  ... and no sorting or search" after_settling bash -c "! tmux -S '$SOCK' capture-pane -p -t kv | tail -1 | grep -qE 'Sorteer|Zoek'"
keys t
check "t opens the verdeling" wait_for "klantvolg — verdeling"
tm_stop
finish
