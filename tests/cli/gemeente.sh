#!/bin/bash
# Gemeente is a name from a list (the gemeente catalogue), not free text: a typo at
# registration reached the council reports. A file without a list accepts any name; once
# the beheerder adds the municipalities, client edit, the CSV import and the dossier
# import refuse an unknown one with the names to choose from, and a known one in another
# case is stored as the list writes it.
. "$TESTLIB"
new_db
as admin "$PW" user add km.bakker --role klantmanager --new-passphrase-fd 4 4<<<"$PW" >/dev/null
csv() { printf 'bsn,voornaam,achternaam,geboortedatum,gemeente,klantmanager,uitkering_sinds\n%s\n' "$1" >"$T/c.csv"; }
csv "123456782,Anna,Smit,1-1-1980,Berkelant,km.bakker,2026-01-01"
check "without a list any name is taken (a file not yet set up)" expect_rc 0 as admin "$PW" import "$T/c.csv"
check "the beheerder starts the list" expect_rc 0 as admin "$PW" catalogue add gemeente berkelland --name Berkelland
check "  ... a second name" expect_rc 0 as admin "$PW" catalogue add gemeente oost_gelre --name "Oost Gelre"
check "  ... listed" expect_rc 0 as admin "$PW" catalogue list gemeente
check "  ... with its name" said "Oost Gelre"
check "client edit with a typo: exit 2" expect_rc 2 as km.bakker "$PW" client edit 1 --gemeente Berkeland
check "  ... names the known ones" said "Gemeente 'Berkeland' is onbekend; kies uit: Berkelland, Oost Gelre"
check "a known one in other case" expect_rc 0 as km.bakker "$PW" client edit 1 --gemeente "oost gelre"
check "  ... stored as the list writes it" expect_rc 0 as km.bakker "$PW" client show 1
check "  ... (Oost Gelre)" said_re "^Gemeente +Oost Gelre$"
check "by its code too" expect_rc 0 as km.bakker "$PW" client edit 1 --gemeente berkelland
check "  ... stored by name" bash -c "'$KLANTVOLG_BIN' --db '$DB' --user km.bakker --passphrase-fd 3 client show 1 3<<<'$PW' | grep -qE '^Gemeente +Berkelland$'"
csv "111222333,Piet,Jansen,1-1-1970,Winterswijk,km.bakker,2026-01-01"
check "the CSV import refuses an unknown one: exit 1" expect_rc 1 as admin "$PW" import "$T/c.csv"
check "  ... naming it" said "Gemeente 'Winterswijk' is onbekend"
as km.bakker "$PW" export --client 1 | sed 's/"bsn":"123456782"/"bsn":"111222333"/; s/"municipality":"Berkelland"/"municipality":"Berkelant"/' >"$T/d.jsonl"
check "the dossier import refuses an unknown one: exit 1" expect_rc 1 as admin "$PW" import "$T/d.jsonl"
check "  ... naming the field" said "municipality: staat niet in de lijst van gemeenten"
finish
