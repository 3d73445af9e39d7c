#!/bin/bash
# Registering a client and the intake in a real terminal: an invalid BSN is refused next
# to the field, multiple choices for communication needs and doelgroepen, the new client
# lands in one's own werkvoorraad and its dossier opens with the communication needs
# marked; an intake, then a re-diagnosis that starts from it and is kept as a second
# version. Checked afterwards through `klantvolg export`.
. "$TESTLIB"
need_tmux
demo_db 20

tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user km.bakker; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
wait_for "werkvoorraad — " >/dev/null
before=$(screen | grep -o '^[0-9]* klanten,' | cut -d' ' -f1)

keys n
check "n opens the form for a new client" wait_for "klantvolg — Nieuwe klant — km.bakker"
keys 123456789 Tab Łukasz Tab Ölçer-Nowak Tab 3-4-1981 Tab Tab Tab 7131ab Tab Tab Winterswijk Tab alleenstaand Tab Tab Tab Tab
keys Space Down Space Down Space
check "communication needs are a multiple choice" wait_for "[x] Laaggeletterd"
keys Enter
check "  ... shown as labels" wait_for_re 'Communicatie +Komt met begeleider, Laaggeletterd'
keys F2
check "a BSN failing the elfproef is refused next to the field, in the rule's words" wait_for "! BSN '123456789' is ongeldig (9 cijfers en de elfproef)."
check "  ... the cursor back on it" wait_for "Niet opgeslagen: Eén veld klopt nog niet"
keys C-u 123456782
for _ in $(seq 20); do keys Tab; done # past the address to the doelgroepen
keys Space s Enter
check "doelgroepen from the catalogue" wait_for_re 'Doelgroepen +Statushouder'
keys F2
check "the client is registered and its dossier opens" wait_for "Łukasz Ölçer-Nowak is aangemeld en staat in uw werkvoorraad"
check "  ... communication needs first and marked" wait_for "! Communicatie: begeleider, laaggeletterd"
check "  ... the intake deadline is a signal at once" wait_for "Intake uiterlijk 22-3-2026"
check "  ... the postcode typed as 7131ab stored as 7131 AB" wait_for_re "Adres: .*7131 AB"

keys n
check "n in the dossier opens the intake" wait_for "klantvolg — Intake — Łukasz Ölçer-Nowak"
keys Tab "Administratief werk, parttime" Tab "Boekhouder in Polen" Tab Tab Tab Tab Tab Tab
keys Space t Space s Space Enter
check "barriers are a multiple choice" wait_for_re 'Belemmeringen +Schulden, Taal'
keys F2
check "classification and its motivation are required" wait_for "! Indeling is verplicht."
keys Space w Enter Tab "Werkfit, taal is het enige obstakel" Tab Space Down Down Enter
keys Tab "Doet vrijwilligerswerk in de bibliotheek" Tab Space b Enter F2
check "a Werkfit conclusion without its own motivation is refused next to it" wait_for "! Geef eronder een motivering bij deze keuze."
keys Tab "Werkfit-toets: kansrijk met taalcursus" F2
check "the intake is saved as a version" wait_for "Intake van 1-3-2026 vastgelegd als nieuwe versie."
keys n
check "a second intake is a re-diagnosis" wait_for "klantvolg — Herdiagnose (nieuwe intake-versie)"
check "  ... starting from the last one" wait_for_re '^\* Wensen van de klant +Administratief werk, parttime'
keys Tab C-u "Administratief werk, 32 uur" F2
check "  ... saved as a new version" wait_for "Intake van 1-3-2026 vastgelegd als nieuwe versie."
keys 2
wait_for "  Werkfit: B1 Kansrijk voor plaatsing" >/dev/null
check "the intakes tab shows both versions, newest first" bash -c "tmux -S '$SOCK' capture-pane -p -t kv | grep -c '^Intake van 1-3-2026 — indeling Werk' | grep -qx 2"
check "  ... each with its trede as the ladder says it" wait_for "  Trede: Trede 3: deelname aan georganiseerde activiteiten"
check "  ... and its Werkfit conclusion" wait_for "  Werkfit: B1 Kansrijk voor plaatsing"
check "  ... with the barriers, by their labels" wait_for "  Belemmeringen: Schulden, Taal"
keys q
check "the werkvoorraad counts one client more" wait_for "$((before + 1)) klanten,"
keys q
tm_stop

export_as km.bakker | grep -F '"bsn":"123456782"' >"$T/client.json"
has() { grep -qF -- "$1" "$T/client.json" || { echo "  export lacks: $1" >&2; return 1; }; }
check "export: the client, in km.bakker's caseload" has '"user":"km.bakker","role_in_case":"klantmanager","from_date":"2026-03-01"'
check "export: names in UTF-8" has '"first_name":"Łukasz","last_name":"Ölçer-Nowak","birth_date":"1981-04-03"'
check "export: communication needs" has '"communication_needs":"begeleider,laaggeletterd"'
check "export: the doelgroep" has '"doelgroepen":["statushouder"]'
check "export: two intake versions" test "$(grep -o '"wishes":"Administratief werk' "$T/client.json" | wc -l)" -eq 2
check "export: the first kept as it was" has '"wishes":"Administratief werk, parttime"'
check "export: each intake its trede and Werkfit with their own motivations (the re-diagnosis started from them)" test "$(grep -o '"classification_motivation":"Werkfit, taal is het enige obstakel","trede":"trede3","trede_motivation":"Doet vrijwilligerswerk in de bibliotheek","werkfit":"b1","werkfit_motivation":"Werkfit-toets: kansrijk met taalcursus"' "$T/client.json" | wc -l)" -eq 2
check "export: three classifications of the first day, each its own motivation" has '"axis":"werkfit","date":"2026-03-01","code":"b1","motivation":"Werkfit-toets: kansrijk met taalcursus"'
check "export: the barriers of each version" test "$(grep -o '"kind":"schulden"' "$T/client.json" | wc -l)" -eq 2
finish
