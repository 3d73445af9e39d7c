#!/bin/bash
# import checks each field by its one type and every record by the rules every writer
# obeys: each bad file is refused whole (exit 1) with its line, its field and the
# reason, and leaves the database as it was. Today is 1 March 2026 (tests/lib.sh).
. "$TESTLIB"
new_db
for u in tl.jansen:teamleider km.bakker:klantmanager; do
    as admin "$PW" user add "${u%%:*}" --role "${u##*:}" --team West --new-passphrase-fd 4 4<<<"$PW" >/dev/null
done
imp() { as admin "$PW" import "$1"; }
# What the teamleider's export holds: every client imported here is km.bakker's.
state() { as tl.jansen "$PW" export 2>&1 | md5sum; }
# A client that imports cleanly: each case below changes one thing of it.
C='"bsn":"111222333","first_name":"Anna","last_name":"de Boer","birth_date":"1980-05-01","applied_on":"2026-01-05","assignments":[{"user":"km.bakker","from_date":"2026-01-05"}]'
snapshot=$(state)
refused() { # refused NAME FILE TEXT...: exit 1, each TEXT in the message, nothing written
    local name=$1 file=$2
    shift 2
    check "$name: refused with exit 1" expect_rc 1 imp "$file"
    for t in "$@"; do check "  ... says '$t'" said "$t"; done
    check "  ... and nothing was written" test "$(state)" = "$snapshot"
}
json() { printf '%s\n' "$@" >"$T/in.jsonl"; }

# ---- one type per field -----------------------------------------------------------------
json "{$C}" '{"bsn":111111111,"first_name":"B","last_name":"C"}'
refused "a BSN given as a number" "$T/in.jsonl" "regel 2" "veld bsn" "tekst tussen aanhalingstekens verwacht, geen getal"
json "{${C/\"birth_date\":\"1980-05-01\"/\"birth_date\":20260301}}"
refused "a birth date given as a number" "$T/in.jsonl" "regel 1" "veld birth_date" "geen getal"
json "{$C,\"classifications\":[{\"date\":\"2026-01-05\",\"code\":42}]}"
refused "a catalogue code given as a number" "$T/in.jsonl" "veld classifications[0].code" "geen getal"
json "{$C,\"contacts\":[{\"date\":99999999,\"channel\":\"gesprek\",\"summary\":\"x\"}]}"
refused "a contact dated 99999999 (a number)" "$T/in.jsonl" "veld contacts[0].date" "geen getal"
json "{${C/\"Anna\"/true}}"
refused "true where a text belongs" "$T/in.jsonl" "regel 1" "veld" "geen true of false"
json "{$C,\"plans\":[{\"date\":\"2026-01-05\",\"client_agreed\":2}]}"
refused "a flag of 2" "$T/in.jsonl" "veld plans[0].client_agreed" "0 of 1 verwacht, geen 2"
json "{$C,\"plans\":[{\"date\":\"2026-01-05\",\"client_agreed\":true}]}"
refused "a flag given as true" "$T/in.jsonl" "veld plans[0].client_agreed" "0 of 1 verwacht, geen true of false"
json "{$C,\"plans\":[{\"date\":\"2026-01-05\",\"client_agreed\":\"1\"}]}"
refused "a flag given as a text" "$T/in.jsonl" "veld plans[0].client_agreed" "0 of 1 verwacht, geen tekst"
json "{$C,\"outflows\":[{\"date\":\"2026-02-01\",\"reason\":\"werk\",\"hours_per_week\":\"32\"}]}"
refused "hours given as a text" "$T/in.jsonl" "veld outflows[0].hours_per_week" "een geheel getal verwacht"
json "{$C,\"contacts\":[{\"date\":\"2026-01-05\",\"channel\":\"gesprek\"}],\"agreements\":[{\"contact\":\"0\",\"text\":\"cv\",\"due\":\"2026-02-01\"}]}"
refused "a reference given as a text" "$T/in.jsonl" "veld agreements[0].contact" "een volgnummer"
json "{$C,\"signal_acks\":[{\"kind\":\"onzin\",\"ref\":0,\"due\":\"2026-01-05\"}]}"
refused "a signal_acks entry of an unknown kind" "$T/in.jsonl" "veld signal_acks[0].kind" "onbekende soort signaal"
json "{$C,\"signal_acks\":[{\"kind\":\"contactnorm\",\"ref\":3,\"due\":\"2026-01-05\"}]}"
refused "a reference where its kind has none" "$T/in.jsonl" "veld signal_acks[0].ref" "verwijst niet naar een record"
json "{$C,\"status\":\"slapend\"}"
refused "an unknown status in JSON" "$T/in.jsonl" "veld status" "Status 'slapend' bestaat niet"

# ---- the rules every writer obeys -------------------------------------------------------
json "{$C,\"postcode\":\"12 AB\"}"
refused "a postcode that is none" "$T/in.jsonl" "regel 1" "Postcode '12 AB' is ongeldig (zoals 1234 AB)"
json "{$C,\"contacts\":[{\"date\":\"2026-03-02\",\"channel\":\"gesprek\",\"summary\":\"x\"}]}"
refused "a contact dated tomorrow" "$T/in.jsonl" "regel 1" "veld contacts[0].date" "Datum contact (2-3-2026) ligt na vandaag (1-3-2026)"
json "{$C,\"intakes\":[{\"date\":\"2026-04-01\"}]}"
refused "an intake dated after today" "$T/in.jsonl" "veld intakes[0].date" "Datum intake"
json "{$C,\"plans\":[{\"date\":\"2026-01-05\",\"discussed_on\":\"2026-03-05\"}]}"
refused "a plan discussed after today" "$T/in.jsonl" "veld plans[0].discussed_on" "ligt na vandaag"
json "{$C,\"outflows\":[{\"date\":\"2026-06-01\",\"reason\":\"werk\"}]}"
refused "an outflow dated after today" "$T/in.jsonl" "veld outflows[0].date" "Datum uitstroom"
json "{$C,\"outflows\":[{\"date\":\"2026-02-01\",\"reason\":\"werk\",\"contract_end\":\"2026-01-01\"}]}"
refused "a contract ending before the outflow" "$T/in.jsonl" "veld outflows[0].date" "Contract: het einde (1-1-2026) ligt voor het begin (1-2-2026)"
json "{$C,\"nazorg\":[{\"start\":\"2026-02-01\",\"end\":\"2028-02-02\"}]}"
refused "nazorg of more than 24 months" "$T/in.jsonl" "veld nazorg[0].start" "Nazorg duurt hooguit 24 maanden: vanaf 1-2-2026 uiterlijk tot 1-2-2028"
json "{$C,\"nazorg\":[{\"start\":\"2026-02-01\",\"end\":\"2026-01-01\"}]}"
refused "nazorg ending before it starts" "$T/in.jsonl" "veld nazorg[0].start" "Nazorg: het einde"
json "{${C/1980-05-01/2008-01-06}}"
refused "a client of 17 at registration" "$T/in.jsonl" "veld birth_date" "minstens 18 (Participatiewet)"
json "{${C/1980-05-01/2027-01-01}}"
refused "a birth date after today" "$T/in.jsonl" "veld birth_date" "Geboortedatum"
json "{$C,\"phone\":\"06-1234\"}"
refused "a malformed phone number" "$T/in.jsonl" "veld phone" "Telefoonnummer '06-1234' is ongeldig"
json "{$C,\"email\":\"anna.deboer\"}"
refused "a malformed e-mail address" "$T/in.jsonl" "veld email" "E-mailadres 'anna.deboer' is ongeldig"
json "{${C/111222333/111111111}}"
refused "a BSN failing the elfproef" "$T/in.jsonl" "veld bsn" "elfproef"

# ---- CSV --------------------------------------------------------------------------------
H='bsn,voornaam,achternaam,geboortedatum,gemeente,klantmanager,uitkering_sinds'
printf '%s\n111222333,An\0na,B,1-1-1980,X,,2026-01-01\n' "$H" >"$T/nul.csv"
refused "a NUL byte inside a CSV field" "$T/nul.csv" "regel 2" "veld voornaam" "nulteken"
printf '%s,status\n111222333,Anna,B,1-1-1980,X,,2026-01-01,slapend\n' "$H" >"$T/status.csv"
refused "an unknown CSV status" "$T/status.csv" "regel 2" "Status 'slapend' bestaat niet (aanmelding, actief"
check "  ... not a database error" bash -c "! grep -q Databasefout '$T/out' '$T/err'"
printf 'bsn,voornaam,achternaam,geboortedatum,gemeente,klantmanager,uitkering_sinds\xff\n' >"$T/header.csv"
refused "a CSV header with invalid UTF-8" "$T/header.csv" "regel 1" "kopregel is geen geldige UTF-8"
printf '%s\n111222333,Anna,B,2-3-2008,X,,2026-01-01\n' "$H" >"$T/minor.csv"
refused "a CSV client of 17 at registration" "$T/minor.csv" "regel 2" "minstens 18"

# ---- what passes --------------------------------------------------------------------------
printf '\xef\xbb\xbf{%s,"phone":"+31 6 1234 5678","email":"anna@voorbeeld.nl","contacts":[{"date":"2026-03-01","channel":"gesprek","summary":"vandaag"}],"plans":[{"date":"2026-01-05","client_agreed":1}],"signal_acks":[{"kind":"contactnorm","ref":0,"due":"2026-02-01","done":1}]}\n' "$C" >"$T/bom.jsonl"
check "JSON lines after a UTF-8 byte-order mark are read" expect_rc 0 imp "$T/bom.jsonl"
check "  ... one client" said "1 klanten ingelezen"
check "  ... which the teamleider's export shows (so 'nothing was written' above means it)" test "$(state)" != "$snapshot"
as tl.jansen "$PW" export >"$T/e.jsonl"
check "  ... with its phone, e-mail, contact, plan and acknowledgement" bash -c "grep -q '\"phone\":\"+31 6 1234 5678\",\"email\":\"anna@voorbeeld.nl\"' '$T/e.jsonl' && grep -q '\"summary\":\"vandaag\"' '$T/e.jsonl' && grep -q '\"client_agreed\":1' '$T/e.jsonl' && grep -q '\"kind\":\"contactnorm\",\"ref\":0' '$T/e.jsonl'"
check "the database is sound" expect_rc 0 as admin "$PW" check
finish
