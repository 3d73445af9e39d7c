#!/bin/bash
# Waarneming in the application: a klantmanager opens a colleague's client with 'o',
# by number, with a reason (required); the dossier opens, she can record a contact, and
# the log holds the reason, the open and the change. A teamleider reads a dossier but a
# save is refused with the reason. Both screens end normally.
. "$TESTLIB"
need_tmux
demo_db 20
OTHER=$("$KLANTVOLG_BIN" --db "$D" --user km.devries --passphrase-fd 3 reminders --format tsv 3<<<"$P" | head -1 | cut -f3)
audit() { KLANTVOLG_USER=tl.jansen "$KLANTVOLG_BIN" --db "$D" --passphrase-fd 3 audit "$@" 3<<<"$P"; }

rm -f "$T/rc"
tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user km.bakker; echo \$? > '$T/rc'; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
wait_for "werkvoorraad — " >/dev/null
keys o
check "o opens the waarneming form" wait_for "klantvolg — Klant van een collega openen (waarneming)"
keys 99999 F2
check "a reason is required, said under the field" wait_for "! Reden is verplicht."
# The cursor went to the field that needs it.
keys "Vervanging: De Vries is ziek" F2
check "an unknown number is said so, the form kept" wait_for "Niet opgeslagen: Er is geen klant met nummer 99999."
keys Up C-u "$OTHER" F2
check "the colleague's client opens" wait_for "1 Overzicht 2 Intakes"
check "  ... and the status line says it is a waarneming" wait_for "Klant $OTHER geopend als waarneming; de reden staat in het auditlog."
keys c Tab Space t Enter Tab Tab "Gebeld namens De Vries"
keys F2
check "a contact can be recorded under the waarneming" wait_for "Contact van 1-3-2026 vastgelegd."
keys q q
check "the application ends normally" rc_is 0
tm_stop
check "the log holds the waarneming with its reason" expect_rc 0 audit --client "$OTHER" --user km.bakker
check "  ... its reason" said_re "waarneming +$OTHER +reden: Vervanging: De Vries is ziek"
check "  ... the open" said_re "inzien +$OTHER"
check "  ... and the contact recorded" said_re "wijziging +$OTHER +contacts#[0-9]+: nieuw"

# A teamleider reads every dossier, and a save is refused with the reason.
rm -f "$T/rc"
tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user tl.jansen; echo \$? > '$T/rc'; sleep 30"
wait_for "wachtwoord voor tl.jansen" >/dev/null
keys "$P" Enter
wait_for "werkvoorraad van het team — " >/dev/null
keys Enter
wait_for "1 Overzicht 2 Intakes" >/dev/null
keys c
check "a teamleider's c is refused at once, with the reason" wait_for "Een teamleider leest mee maar wijzigt geen dossier"
keys Space t Enter Tab Tab "Dit mag niet"
check "  ... no form opened to type into" not_shown 'Dit mag niet'
keys q q
check "  ... and the application ends normally" rc_is 0
tm_stop
check "nothing was written" bash -c "! '$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 export 3<<<'$P' | grep -q 'Dit mag niet'"
finish
