#!/bin/bash
# Triage: the werkvoorraad opens by urgency (overdue, due today, due soon, the rest; by
# name within); the agenda opens at today with the overdue signals folded into one line
# that Enter unfolds; signals done or snoozed can be shown (h) and opened again (u).
. "$TESTLIB"
need_tmux
demo_db 60
# Four days after the demo was made: Abdi Öztürk's intake is due today.
export KLANTVOLG_NOW=2026-03-05
overdue() { "$KLANTVOLG_BIN" --db "$D" --user km.bakker --passphrase-fd 3 reminders --format tsv 3<<<"$P" | grep -c $'\tte_laat\t'; }
before=$(overdue)
tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 KLANTVOLG_NOW=$KLANTVOLG_NOW '$KLANTVOLG_BIN' --db '$D' --user km.bakker; echo \$? > '$T/rc'; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter

check "the werkvoorraad opens sorted by urgency" wait_for "(gesorteerd op urgentie)"
# urgency_order: each row's class (0 '!' overdue, 1 '*' due today, 2 '*' due soon, 3
# none) never goes down the list, and within a class the names are in order (Öztürk
# among the O's).
urgency_order() {
    screen | sed -n '4,21p' | grep -E '\*{6}[0-9]{3}' | awk -v today="5-3-2026" '
        { c = substr($0, 1, 1) == "!" ? 0 : substr($0, 1, 1) == "*" ? 2 : 3
          if (c == 2 && index($0, " " today " ") > 0) c = 1
          print c "\t" substr($0, 3, 22) }' >"$T/classes"
    # The names as the list sorts them: folded as the search folds them (the demo's
    # letters Ç Ö ö ü ı ś Ł; utf8_fold), lowercase.
    sed 'y/ÇÖöüıśŁ/COouisL/' "$T/classes" | tr 'A-Z' 'a-z' >"$T/folded"
    cut -f1 "$T/classes" | sort -c -n && LC_ALL=C sort -c -t$'\t' -k1,1n -k2,2 "$T/folded" ||
        { sed 's/^/  | /' "$T/classes" >&2; return 1; }
}
check "  ... overdue first, then due today, then soon, then the rest; by name within" urgency_order
check "  ... all four kinds are on screen" bash -c "[ \$(cut -f1 '$T/classes' | sort -u | wc -l) -eq 4 ]"
check "  ... the client due today right after the overdue ones" \
    bash -c "grep -m1 -v '^0' '$T/classes' | grep -q '^1	Abdi Öztürk'"
keys s
check "s sorts by name next" wait_for "(gesorteerd op naam)"

keys a
check "the agenda opens with the overdue signals on one line" wait_for "TE LAAT ($before)  ingeklapt: Enter toont ze"
check "  ... today right under it" bash -c "tmux -S '$SOCK' capture-pane -p -t kv | sed -n 5p | grep -q '^VANDAAG (1)'"
check "  ... and today's signal" bash -c "tmux -S '$SOCK' capture-pane -p -t kv | sed -n 6p | grep -q '^5-3-2026 .*Abdi Öztürk'"
# none_before_today: no signal row on screen is due before today (5-3-2026).
none_before_today() {
    screen | sed -n '4,21p' | awk '/^[0-9]+-[0-9]+-[0-9]{4} / { split($1, d, "-");
        if (d[3] * 10000 + d[2] * 100 + d[1] < 20260305) { print; bad = 1 } } END { exit bad }'
}
check "  ... no overdue signal on screen" none_before_today
keys Enter
check "Enter on that line unfolds it" wait_for "TE LAAT ($before)  Enter klapt ze in"
check "  ... the overdue signals under it" bash -c "tmux -S '$SOCK' capture-pane -p -t kv | sed -n 5p | grep -qE '^[0-9]+-[0-9]+-20[0-9]{2} '"
keys Enter
check "Enter again folds it" wait_for "TE LAAT ($before)  ingeklapt: Enter toont ze"
keys Enter Down x
wait_for "Afgehandeld, notitie:" >/dev/null
keys "Gebeld" Enter
check "x: the first overdue signal is done" wait_for "TE LAAT ($((before - 1)))"
check "  ... and says how to undo it" wait_for "u op de regel maakt het ongedaan"
keys z
wait_for "Uitstellen tot (datum) en reden:" >/dev/null
keys "1-4-2026 wacht op de werkgever" Enter
check "z: the next one is snoozed" wait_for "TE LAAT ($((before - 2)))"
check "  ... both gone from the list" after_settling bash -c "! tmux -S '$SOCK' capture-pane -p -t kv | grep -q AFGEHANDELD"
keys h
check "h shows the signals done and snoozed" wait_for "AFGEHANDELD EN UITGESTELD (2)"
check "  ... says so, with the undo key" wait_for "2 afgehandeld of uitgesteld, onderaan; u zet"
check "  ... the done one, marked" wait_for_re "afgehandeld: .+"
check "  ... the snoozed one, with its date" wait_for "uitgesteld tot 1-4-2026:"
check "  ... their group is chosen" bash -c "tmux -S '$SOCK' capture-pane -p -t kv | grep -q 'AFGEHANDELD EN UITGESTELD (2)'"
keys u
check "u on the group's line asks for a signal" wait_for "Kies een afgehandeld of uitgesteld signaal."
keys Down u
check "u on a done or snoozed signal opens it again" wait_for "Weer open: "
check "  ... one left in the group" wait_for "AFGEHANDELD EN UITGESTELD (1)"
keys Home
check "  ... and back among the overdue" wait_for "TE LAAT ($((before - 1)))"
keys h
check "h again hides them" wait_for "Afgehandelde en uitgestelde signalen verborgen."
check "  ... the group is gone" not_shown 'AFGEHANDELD EN'
keys q q
check "q, q: out" rc_is 0
tm_stop
check "reminders agrees: the undone signal is overdue again" test "$(overdue)" -eq $((before - 1))
finish
