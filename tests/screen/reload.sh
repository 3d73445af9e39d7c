#!/bin/bash
# A save reloads only what it changed: after a contact saved from the werkvoorraad, that
# client's row and the totals are read again, not the whole list (at 50,000 clients the
# list takes seconds). Shown by a change a colleague made meanwhile to another client:
# the list does not pick it up on the save; the database has it. The status line then says
# colleagues changed the file (again, if it said so before the save), and Ctrl-R reads it
# all again.
. "$TESTLIB"
need_tmux
demo_db 40
export KLANTVOLG_NOW=2026-03-01
rm -f "$T/rc"
tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 KLANTVOLG_NOW=$KLANTVOLG_NOW '$KLANTVOLG_BIN' --db '$D' --user km.bakker; echo \$? > '$T/rc'; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
check "the werkvoorraad opens with its count" wait_for "klanten, "
N=$(screen | grep -o '[0-9]* klanten, ' | grep -o '^[0-9]*')
FIRST=$(screen | sed -n 4p | cut -c3-24 | sed 's/ *$//')
# Another of km.bakker's clients (not the row the contact goes to) handed to km.yilmaz.
OTHER=$("$KLANTVOLG_BIN" --db "$D" --user km.bakker --passphrase-fd 3 reminders --format json 3<<<"$P" |
    grep -v "\"name\":\"$FIRST\"" | head -1 | sed 's/.*"client":\([0-9]*\),.*/\1/')
check "a colleague hands another client on meanwhile" expect_rc 0 \
    "$KLANTVOLG_BIN" --db "$D" --user tl.jansen --passphrase-fd 3 assign "$OTHER" km.yilmaz 3<<<"$P"
# Said within a second of idling; the next key wipes it, the save must not lose it.
check "  ... which the idle list notices" \
    wait_for "Collega's hebben intussen iets gewijzigd; Ctrl-R (F5) leest alles opnieuw."
keys c
check "c on the first row opens the contact form" wait_for_re '^\* Datum +1-3-2026'
keys Tab Space
wait_for "Kanaal — Enter: kiezen, Esc: terug" >/dev/null
keys t Enter Tab Tab "Gebeld over de voortgang" F2
check "the contact is saved" wait_for "Contact van 1-3-2026 vastgelegd"
keys Down # the save's message goes; at the next idle second the hint returns
check "  ... and after the save the status line says it again" \
    wait_for "Collega's hebben intussen iets gewijzigd; Ctrl-R (F5) leest alles opnieuw."
keys Up # said once: the count line comes back in its place
check "  ... the list still counts $N clients: only the saved client was read again" \
    wait_for "$N klanten, "
check "  ... while the file has one fewer for km.bakker" bash -c "
    ! '$KLANTVOLG_BIN' --db '$D' --user km.bakker --passphrase-fd 3 reminders --format json 3<<<'$P' |
    grep -q '\"client\":$OTHER,'"
keys C-r
check "Ctrl-R reads everything again" wait_for "Opnieuw gelezen."
keys Down
check "  ... and the list counts the client handed on: $((N - 1))" wait_for "$((N - 1)) klanten, "
keys q
finish
