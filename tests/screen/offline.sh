#!/bin/bash
# The offline copy in a real terminal: the title says it is a copy, since when, and how
# many changes wait; recording a contact raises the count. Checking in on the server
# asks about a conflict field by field on the terminal, and the answer is what the
# server keeps.
. "$TESTLIB"
need_tmux
demo_db 20
export KVTOOL_PASS="$P"
LAP="$T/laptop.db"
"$KLANTVOLG_BIN" --db "$D" --user km.bakker --passphrase-fd 3 checkout --to "$LAP" 3<<<"$P" >/dev/null

rm -f "$T/rc"
tm -u new-session -d -s kv -x 100 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$LAP' --user km.bakker; echo \$? > '$T/rc'; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
check "the title says it is an offline copy, and nothing waits" wait_for "klantvolg — offline kopie van 1-3-2026, 0 wijzigingen niet ingecheckt — werkvoorraad"
keys Enter
wait_for "1 Overzicht" >/dev/null
keys c Tab Space t Enter Tab Tab "Gebeld vanuit de trein"
keys F2
check "a contact recorded in the copy" wait_for "Contact van 1-3-2026 vastgelegd."
check "  ... and the title counts it" wait_for "offline kopie van 1-3-2026, 1 wijziging niet ingecheckt"
keys q q
check "the application ends normally" rc_is 0
tm_stop

# On the server, her own screen says her caseload is out.
tm -u new-session -d -s kv -x 100 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user km.bakker; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
check "on the server her title says the caseload is out" wait_for "klantvolg — uw werkvoorraad is uitgecheckt sinds 1-3-2026 — werkvoorraad"
keys q
tm_stop

# Both sides change the same client's notes; checkin asks which to keep.
"$KVTOOL" change "$LAP" km.bakker "UPDATE clients SET notes = 'Laptop: werkt sinds maandag', version = version + 1 WHERE id = (SELECT client_id FROM contacts WHERE summary = 'Gebeld vanuit de trein')"
"$KVTOOL" change "$D" km.bakker "UPDATE clients SET notes = 'Server: adres gewijzigd', version = version + 1 WHERE id IN (SELECT client_id FROM assignments WHERE user_id = (SELECT id FROM users WHERE name = 'km.bakker') AND to_date IS NULL)"
rm -f "$T/rc"
tm -u new-session -d -s kv -x 100 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user km.bakker checkin '$LAP'; echo \$? > '$T/rc'; sleep 30"
wait_for "Wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
check "checkin shows the conflict field by field" wait_for "veld notes"
check "  ... the copy's value" wait_for "in de kopie:        Laptop: werkt sinds maandag"
check "  ... and the server's" wait_for "op de server:       Server: adres gewijzigd"
check "  ... and asks" wait_for "Kies: (m) mijn waarde, (s) die van de server, (b) beide samenvoegen, (q) stoppen:"
keys m Enter
check "keeping mine checks the copy in" wait_for "Ingecheckt: 2 transacties"
check "  ... exit 0" rc_is 0
tm_stop
check "the server keeps the laptop's notes" bash -c "'$KLANTVOLG_BIN' --db '$D' --user km.bakker --passphrase-fd 3 export 3<<<'$P' | grep -q '\"notes\":\"Laptop: werkt sinds maandag\"'"
check "  ... and the contact" bash -c "'$KLANTVOLG_BIN' --db '$D' --user km.bakker --passphrase-fd 3 export 3<<<'$P' | grep -q 'Gebeld vanuit de trein'"
finish
