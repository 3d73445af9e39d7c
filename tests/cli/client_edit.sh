#!/bin/bash
# client edit and show: every field of registration corrected after the fact, each change
# in the audit log with old -> new; bad values refused naming the field, changing
# nothing; the address and the derived status travel through export and import.
. "$TESTLIB"
demo_db 20
as() { local u=$1; shift; "$KLANTVOLG_BIN" --db "$D" --user "$u" --passphrase-fd 3 "$@" 3<<<"$P"; }
audit() { KLANTVOLG_USER=tl.jansen "$KLANTVOLG_BIN" --db "$D" --passphrase-fd 3 audit "$@" 3<<<"$P"; }
ID=$(as km.bakker reminders --days 400 --format tsv | head -1 | cut -f3)

check "client show gives the status, the address and three classifications" expect_rc 0 as km.bakker client show "$ID"
check "  ... the status, derived" said_re "^Status +(Aanmelding|Actief|Uitgestroomd|Nazorg|Afgesloten|Terug)"
check "  ... an address in parts" said_re "^Postcode +[1-9][0-9]{3} [A-Z]{2}$"
check "  ... the trede on its own line" said_re "^Trede +Trede [1-6]"
check "  ... the Werkfit conclusion on its own" said_re "^Werkfit +"
check "  ... and the BSN masked" said_re "^BSN +\*{6}[0-9]{3}$"
check "  ... each classification with its own motivation" said_re "^Motivering trede +[A-Z]"
check "  ... the Werkfit conclusion's own" said_re "^Motivering Werkfit +Conclusie van de Werkfit"
check "  ... the instroomreden as the catalogue says it, not its code" said_re "^Instroomreden +[A-Z][a-z]"
check "  ... (no code with an underscore)" bash -c "! grep -E '^Instroomreden +[a-z]+_' '$T/out'"

check "client edit changes address, phone and the exemption" expect_rc 0 as km.bakker client edit "$ID" --straat "Dorpsstraat" --huisnummer 12a --postcode 7271ab --woonplaats Borculo --telefoon 06-11112222 --arbeidsverplichting vrijgesteld --vrijstelling-reden "Mantelzorg voor moeder" --vrijstelling-tot 1-9-2026
check "  ... says how many fields" said "8 velden gewijzigd"
check "client show after the edit" expect_rc 0 as km.bakker client show "$ID"
check "  ... the postcode is stored in its one form" said_re "^Postcode +7271 AB$"
check "  ... and the end date as a date" said_re "^Vrijstelling tot +2026-09-01$"
check "  ... and a new phone number counts as checked today" said_re "^Contactgegevens gecontroleerd op +2026-03-01$"
check "the audit log has the change with old -> new" expect_rc 0 audit --client "$ID"
check "  ... the street" said_re "street: [^;]+ -> Dorpsstraat"
check "  ... the duty" said "arbeidsverplichting: volledig -> vrijgesteld"
entries=$(audit --client "$ID" | wc -l)
check "an edit that changes nothing: exit 0" expect_rc 0 as km.bakker client edit "$ID" --straat Dorpsstraat --postcode "7271 ab" --vrijstelling-tot 2026-09-01
check "  ... says nothing changed" said "niets gewijzigd"
check "  ... and writes no audit entry" test "$(audit --client "$ID" | wc -l)" -eq "$entries"
check "one changed field among unchanged ones: only it counts" expect_rc 0 as km.bakker client edit "$ID" --straat Dorpsstraat --huisnummer 14
check "  ... 1 veld" said "1 veld gewijzigd"
as km.bakker client edit "$ID" --huisnummer 12a >/dev/null

snapshot=$(as tl.jansen export --client "$ID" | md5sum)
check "a bad postcode: exit 2" expect_rc 2 as km.bakker client edit "$ID" --woonplaats Eibergen --postcode 72711
check "  ... names the field" said "Postcode: geen postcode (1234 AB)."
check "a date that does not exist: exit 2" expect_rc 2 as km.bakker client edit "$ID" --geboortedatum 31-2-1980
check "  ... names the field" said "Geboortedatum: geen datum"
check "an unknown duty: exit 2" expect_rc 2 as km.bakker client edit "$ID" --arbeidsverplichting soms
check "  ... says the choices" said "kies uit volledig,gedeeltelijk,vrijgesteld"
check "a BSN failing the elfproef: exit 2" expect_rc 2 as km.bakker client edit "$ID" --bsn 123456789
check "an unknown field: exit 2" expect_rc 2 as km.bakker client edit "$ID" --schoenmaat 44
check "  ... says so" said "onbekende optie '--schoenmaat'"
check "no field at all: exit 2" expect_rc 2 as km.bakker client edit "$ID"
check "a field option on another command: exit 2" expect_rc 2 as km.bakker reminders --straat X
check "  ... says so" said "'reminders' kent de optie --straat niet"
check "  ... and nothing changed" test "$(as tl.jansen export --client "$ID" | md5sum)" = "$snapshot"
OTHER=$(as km.elamrani reminders --days 400 --format tsv | head -1 | cut -f3)
check "another klantmanager's client: exit 3" expect_rc 3 as km.bakker client edit "$OTHER" --straat X

# Export and import carry the address; the status stays what the records say.
check "the doelgroepen after registration: the whole set, in any order" expect_rc 0 as km.bakker client edit "$ID" --doelgroepen "statushouder, jongere"
check "  ... stored sorted, once each" bash -c "$(declare -f as); KLANTVOLG_BIN='$KLANTVOLG_BIN' D='$D' P='$P' as km.bakker client show '$ID' | grep -qE '^Doelgroepen +jongere,statushouder$'"
check "  ... one taken off again by the klantmanager" expect_rc 0 as km.bakker client edit "$ID" --doelgroepen jongere
check "  ... an unknown code is refused, naming it" expect_rc 2 as km.bakker client edit "$ID" --doelgroepen "jongere,vliegenier"
check "  ... and nothing changed" bash -c "$(declare -f as); KLANTVOLG_BIN='$KLANTVOLG_BIN' D='$D' P='$P' as km.bakker client show '$ID' | grep -qE '^Doelgroepen +jongere$'"
as km.bakker client edit "$ID" --doelgroepen "" >/dev/null
as tl.jansen export --client "$ID" >"$T/one.jsonl"
check "the export has the address in parts" grep -q '"street":"Dorpsstraat","house_number":"12a","postcode":"7271 AB","city":"Borculo"' "$T/one.jsonl"
check "  ... the status as derived" grep -qE '"status":"(aanmelding|actief|uitgestroomd|nazorg|afgesloten|terug)"' "$T/one.jsonl"
check "  ... and each classification with its axis" grep -q '"axis":"trede"' "$T/one.jsonl"
E="$T/e.db"
"$KLANTVOLG_BIN" --db "$E" --user demo init --new-passphrase-fd 3 3<<<"$P" >/dev/null
"$KLANTVOLG_BIN" --db "$E" --user demo --passphrase-fd 3 user add tl.jansen --role teamleider --new-passphrase-fd 4 3<<<"$P" 4<<<"$P" >/dev/null
"$KLANTVOLG_BIN" --db "$E" --user demo --passphrase-fd 3 user add km.bakker --role klantmanager --new-passphrase-fd 4 3<<<"$P" 4<<<"$P" >/dev/null
check "import into an empty file" expect_rc 0 "$KLANTVOLG_BIN" --db "$E" --user demo --passphrase-fd 3 import "$T/one.jsonl" 3<<<"$P"
check "  ... exports the same line again (round trip with address and status)" bash -c "'$KLANTVOLG_BIN' --db '$E' --user tl.jansen --passphrase-fd 3 export 3<<<'$P' | sed 's/^{\"_id\":[0-9]*,/{/' | cmp - <(sed 's/^{\"_id\":[0-9]*,/{/' '$T/one.jsonl')"
# A file from before the address parts: its one-line address lands in the street.
sed 's/"street":"Dorpsstraat","house_number":"12a","postcode":"7271 AB","city":"Borculo"/"address":"Kerkpad 1, Neede"/; s/"bsn":"[0-9]*"/"bsn":"111222333"/' "$T/one.jsonl" >"$T/old.jsonl"
check "an older file with one address line imports" expect_rc 0 "$KLANTVOLG_BIN" --db "$E" --user demo --passphrase-fd 3 import "$T/old.jsonl" 3<<<"$P"
check "  ... into the street" bash -c "'$KLANTVOLG_BIN' --db '$E' --user tl.jansen --passphrase-fd 3 export 3<<<'$P' | grep -q '\"street\":\"Kerkpad 1, Neede\"'"
finish
