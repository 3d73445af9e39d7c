#!/bin/bash
# Offline on a laptop, from the command line: checkout writes the caseload into a file
# only its owner opens; the server lists what is out; edits on both sides come back at
# checkin, a conflict is refused without a decision and merged with one; a second
# checkin changes nothing; a copy of another database, a revoked one and a damaged one
# are refused and nothing is applied. The audit log holds checkout and checkin.
. "$TESTLIB"
demo_db 20
export KVTOOL_PASS="$P"
as() { local u=$1; shift; "$KLANTVOLG_BIN" --db "$D" --user "$u" --passphrase-fd 3 "$@" 3<<<"$P"; }
on() { local f=$1 u=$2; shift 2; "$KLANTVOLG_BIN" --db "$f" --user "$u" --passphrase-fd 3 "$@" 3<<<"$P"; }
LAP="$T/laptop.db"
OWN=$(as km.bakker export | wc -l)

check "checkout writes her caseload to a file" expect_rc 0 as km.bakker checkout --to "$LAP"
check "  ... and says how many clients and how to bring it back" said "Werkvoorraad van km.bakker ($OWN klanten) uitgecheckt naar $LAP (uitcheck 1)."
check "  ... the file is 0600" test "$(stat -c %a "$LAP")" = 600
# Her slot (the only one, at byte 128) leaves the building with at least Argon2id's
# moderate cost: 3 passes (offset 72), 256 MiB (offset 80).
le64() { od -An -tu8 -j "$2" -N8 "$1" | tr -d ' '; }
check "  ... its slot has at least moderate KDF cost" test "$(le64 "$LAP" $((128 + 72)))" -ge 3 -a "$(le64 "$LAP" $((128 + 80)))" -ge 268435456
check "an existing file is not overwritten (exit 1)" expect_rc 1 as km.bakker checkout --to "$LAP"
check "checkout needs --to (exit 2)" expect_rc 2 as km.bakker checkout
check "a teamleider has no caseload to take along (exit 3)" expect_rc 3 as tl.jansen checkout --to "$T/tl.db"
check "the server lists what is out" expect_rc 0 as tl.jansen checkout list
check "  ... whose, since when, how many clients" said_re "^ +1  km\.bakker +2026-03-01 00:00 uit +$OWN  $LAP$"
check "the copy opens for her" expect_rc 0 on "$LAP" km.bakker export
check "  ... with her clients only" test "$(wc -l < "$T/out")" -eq "$OWN"
check "  ... and for nobody else (exit 3)" expect_rc 3 on "$LAP" tl.jansen export
check "  ... not even the beheerder" expect_rc 3 on "$LAP" demo user list

# Edits on both sides: a contact and the notes on the laptop, the notes on the server.
ID=$(on "$LAP" km.bakker reminders --format tsv | head -1 | cut -f3)
"$KVTOOL" change "$LAP" km.bakker "INSERT INTO contacts (client_id, date, channel, participants, summary, created_at, updated_at, updated_by) VALUES ($ID, '2026-03-01', 'huisbezoek', '', 'Huisbezoek zonder netwerk', '2026-03-01 10:00:00', '2026-03-01 10:00:00', 'km.bakker')"
"$KVTOOL" change "$LAP" km.bakker "UPDATE clients SET notes = 'Op de laptop genoteerd', version = version + 1 WHERE id = $ID"
"$KVTOOL" change "$D" km.bakker "UPDATE clients SET notes = 'Op de server genoteerd', version = version + 1 WHERE id = $ID"
check "a checkin with a conflict and no decision is refused (exit 1)" expect_rc 1 as km.bakker checkin "$LAP"
check "  ... showing the field on both sides" said "  in de kopie:        Op de laptop genoteerd"
check "  ... (the server's value)" said "  op de server:       Op de server genoteerd"
check "  ... and nothing was applied" bash -c "! '$KLANTVOLG_BIN' --db '$D' --user km.bakker --passphrase-fd 3 export --client $ID 3<<<'$P' | grep -q 'Huisbezoek zonder netwerk'"
check "--resolve takes mine, theirs or merge (exit 2)" expect_rc 2 as km.bakker checkin "$LAP" --resolve allebei
check "checkin --resolve merge" expect_rc 0 as km.bakker checkin "$LAP" --resolve merge
check "  ... says what came in" said "Ingecheckt: 2 transacties, 1 record gewijzigd, 1 nieuw, 1 conflict beslist."
as km.bakker export --client "$ID" >"$T/after"
check "  ... the contact is on the server" grep -q '"summary":"Huisbezoek zonder netwerk"' "$T/after"
check "  ... the notes of both sides" grep -qF '"notes":"Op de server genoteerd\n[offline:] Op de laptop genoteerd"' "$T/after"
check "a second checkin changes nothing" expect_rc 0 as km.bakker checkin "$LAP"
check "  ... and says so" said "is al ingecheckt; er is niets nieuws."
check "  ... one contact, not two" test "$(as km.bakker export --client "$ID" | grep -o 'Huisbezoek zonder netwerk' | wc -l)" -eq 1
check "the checkout is in" expect_rc 0 as km.bakker checkout list
check "  ... listed as ingecheckt" said_re "^ +1  km\.bakker .* ingecheckt "
check "checkout and checkin are in the audit log" bash -c "KLANTVOLG_USER=tl.jansen '$KLANTVOLG_BIN' --db '$D' --passphrase-fd 3 audit --user km.bakker 3<<<'$P' | grep -E ' (checkout|checkin) ' | wc -l | grep -qx 2"

# A copy of another database is refused.
"$KLANTVOLG_BIN" --demo --db "$T/other.db" --clients 5 >/dev/null
on "$T/other.db" km.bakker checkout --to "$T/foreign.db" >/dev/null
check "a copy of another database is refused (exit 4)" expect_rc 4 as km.bakker checkin "$T/foreign.db"
check "  ... saying so" said "is een kopie van een andere database; er is niets ingecheckt."

# A revoked checkout: its changes are refused.
as km.bakker checkout --to "$T/lost.db" >/dev/null
"$KVTOOL" change "$T/lost.db" km.bakker "UPDATE clients SET notes = 'Van de gestolen laptop', version = version + 1 WHERE id = $ID"
check "a teamleider revokes a checkout" expect_rc 0 as tl.jansen checkout revoke 2
check "its checkin is refused (exit 3)" expect_rc 3 as km.bakker checkin "$T/lost.db"
check "  ... and nothing was applied" bash -c "! '$KLANTVOLG_BIN' --db '$D' --user km.bakker --passphrase-fd 3 export --client $ID 3<<<'$P' | grep -q 'gestolen'"
check "revoking twice is wrong use (exit 2)" expect_rc 2 as tl.jansen checkout revoke 2

# A damaged copy: refused, nothing applied.
as km.bakker checkout --to "$T/bad.db" >/dev/null
"$KVTOOL" change "$T/bad.db" km.bakker "UPDATE clients SET notes = 'Beschadigd', version = version + 1 WHERE id = $ID"
flip "$T/bad.db" $(( $(stat -c %s "$T/bad.db") - 2000 ))
check "a damaged copy is refused (exit 4)" expect_rc 4 as km.bakker checkin "$T/bad.db"
check "  ... nothing applied" bash -c "! '$KLANTVOLG_BIN' --db '$D' --user km.bakker --passphrase-fd 3 export --client $ID 3<<<'$P' | grep -q 'Beschadigd'"
check "  ... and the server is sound" expect_rc 0 as demo check

# A copy carrying a changeset made by hand (her passphrase opens it): it hands her another
# caseworker's client. Judged against the server before anything is applied.
as km.bakker checkout --to "$T/forged.db" >/dev/null
OTHER=$(as km.elamrani reminders --days 400 --format tsv | head -1 | cut -f3)
"$KVTOOL" forge "$T/forged.db" km.bakker "INSERT INTO assignments (client_id, user_id, role_in_case, from_date, created_at, updated_at, updated_by) VALUES ($OTHER, (SELECT id FROM users WHERE name = 'km.bakker'), 'klantmanager', '2026-03-01', '2026-03-01 10:00:00', '2026-03-01 10:00:00', 'km.bakker')"
check "a copy with a hand-made changeset is refused (exit 3)" expect_rc 3 as km.bakker checkin "$T/forged.db"
check "  ... naming the change" said "(geweigerd: assignments#"
check "  ... and that nothing came in" said "er is niets ingecheckt."
check "  ... the client is still out of her reach" expect_rc 3 as km.bakker export --client "$OTHER"

# The rules every writer obeys hold in a copy and at its checkin: no contact dated after
# today (kvtool's today is the clock's; the program's 1 March 2026).
as km.bakker checkout --to "$T/rules.db" >/dev/null
future="INSERT INTO contacts (client_id, date, channel, participants, summary, created_at, updated_at, updated_by) VALUES ($ID, '2099-01-01', 'gesprek', '', 'Gesprek van later', '2026-03-01 10:00:00', '2026-03-01 10:00:00', 'km.bakker')"
check "a write in the copy of a contact dated after today is refused at its commit" expect_rc 2 "$KVTOOL" change "$T/rules.db" km.bakker "$future"
check "  ... in the rule's words" said "Datum contact (1-1-2099) ligt na vandaag ("
check "  ... and nothing was kept" said "er is niets opgeslagen."
"$KVTOOL" forge "$T/rules.db" km.bakker "$future"
check "a copy carrying such a contact (a hand-made changeset) is not checked in (exit 1)" expect_rc 1 as km.bakker checkin "$T/rules.db"
check "  ... in the rule's words, naming the record" said "Datum contact (1-1-2099) ligt na vandaag (1-3-2026) (contacts#"
check "  ... and that nothing came in" said "er is niets ingecheckt."
check "  ... the server has no such contact" bash -c "! '$KLANTVOLG_BIN' --db '$D' --user km.bakker --passphrase-fd 3 export --client $ID 3<<<'$P' | grep -q 'Gesprek van later'"
check "  ... and is sound" expect_rc 0 as demo check
finish
