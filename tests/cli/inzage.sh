#!/bin/bash
# Inzage (a request under the AVG): export --client ID --format text writes everything
# stored about one person as a readable document with Dutch labels, holding the same
# values as the JSON export; someone else's client is refused before anything is printed.
. "$TESTLIB"
demo_db 20
ID=$("$KLANTVOLG_BIN" --db "$D" --user km.bakker --passphrase-fd 3 reminders --format tsv 3<<<"$P" | head -1 | cut -f3)
OTHER=$("$KLANTVOLG_BIN" --db "$D" --user km.devries --passphrase-fd 3 reminders --format tsv 3<<<"$P" | head -1 | cut -f3)
inzage() { "$KLANTVOLG_BIN" --db "$D" --user "$1" --passphrase-fd 3 export --client "$2" --format text 3<<<"$P"; }

check "export --format text writes the inzage document" expect_rc 0 inzage km.bakker "$ID"
check "  ... with its heading" said "Inzage: alle gegevens die klantvolg over deze klant bewaart, opgesteld op 2026-03-01 door km.bakker."
check "  ... Dutch labels" said "  Voornaam: "
check "  ... every section, empty ones saying so" said_re "^  (Indelingen|Vragen)$"
check "  ... and (geen) where nothing is stored" said "(geen)"
"$KLANTVOLG_BIN" --db "$D" --user km.bakker --passphrase-fd 3 export --client "$ID" 3<<<"$P" >"$T/json"
bsn=$(grep -o '"bsn":"[0-9]*"' "$T/json" | cut -d'"' -f4)
wishes=$(grep -o '"wishes":"[^"]*"' "$T/json" | head -1 | cut -d'"' -f4)
check "  ... the same values as the JSON export (BSN)" said "  BSN: $bsn"
check "  ... (the client's own wishes)" said "Wensen: $wishes"
check "  ... one document for one person" test "$(grep -c '^GEGEVENS VAN EEN KLANT$' "$T/out")" -eq 1
check "another caseworker's client is refused (exit 3)" expect_rc 3 inzage km.bakker "$OTHER"
check "  ... before anything is printed" test ! -s "$T/out"
check "a format export does not know is wrong use (exit 2)" expect_rc 2 "$KLANTVOLG_BIN" --db "$D" --user km.bakker --passphrase-fd 3 export --format tsv 3<<<"$P"
finish
