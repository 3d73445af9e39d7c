#!/bin/bash
# Management information on screen: i on the team's werkvoorraad shows every report for
# this year so far, with bars; f asks for another period; a klantmanager is told it is
# for a teamleider. The figures are those of `klantvolg report` (compared for one, and
# for the cost per client who left for work); Dutch labels, not codes; outflow to work
# attributed once, then the cohort figures. e writes the figures on screen as a document
# (HTML, the same as `report NAME --format html`) into the user's own directory.
. "$TESTLIB"
need_tmux
demo_db 100
rm -f "$T/rc"
mkdir -p "$T/home"
tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 HOME='$T/home' '$KLANTVOLG_BIN' --db '$D' --user tl.jansen; echo \$? > '$T/rc'; sleep 30"
wait_for "wachtwoord voor tl.jansen" >/dev/null
keys "$P" Enter
wait_for "werkvoorraad van het team — " >/dev/null
keys i
check "i opens the management information" wait_for "Managementinformatie 1-1-2026 tot en met 1-3-2026 (klanten, niet activiteiten)"
check "  ... the caseload's development first, with bars" wait_for_re "^  begin van de periode +[0-9]+ █+"
keys f "1-1-2025 31-12-2025" Enter
check "f: another period" wait_for "Managementinformatie 1-1-2025 tot en met 31-12-2025"
END=$("$KLANTVOLG_BIN" --db "$D" --user tl.jansen --passphrase-fd 3 report ontwikkeling --from 2025-01-01 --to 2025-12-31 --format tsv 3<<<"$P" | awk -F'\t' '$1 == "omvang" && $2 == "eind" {print $3}')
check "  ... the same figures as klantvolg report" wait_for_re "^  eind van de periode +$END "
check "  ... under Dutch headings, not codes" found_paging "^Instroom naar reden$"
check "outflow to work attributed once, with a total" found_paging "^UITSTROOM NAAR WERK, toegeschreven"
check "  ... the outflows that name no instrument" found_paging "^  niet toegeschreven +[0-9]+ "
check "effectiveness per instrument as a cohort, without a total" found_paging "^EFFECTIVITEIT \(cohort, geen totaal\)"
check "waiting times" found_paging "^WACHTTIJDEN"
check "nazorg with and without" found_paging "^  met nazorg +[0-9]+ van [0-9]+"
check "costs" found_paging "^KOSTEN"
# What `report kosten` gives per client who left for work, in Dutch money: 529.62 -> € 529,62.
PER=$("$KLANTVOLG_BIN" --db "$D" --user tl.jansen --passphrase-fd 3 report kosten --from 2025-01-01 --to 2025-12-31 --format csv 3<<<"$P" | awk -F, '$1 == "werk" {split($5, a, "."); e = a[1]; s = ""; while (length(e) > 3) {s = "." substr(e, length(e) - 2) s; e = substr(e, 1, length(e) - 3)} print "€ " e s "," a[2]}')
check "  ... per client who left for work: the figure per client, as report kosten ($PER)" found_paging "^  per klant naar werk +$PER \([0-9]+\)$"
keys Home
check "the key bar offers e" wait_for "e Afdruk"
keys e
check "e asks where, the home directory by default" wait_for "Managementinformatie opslaan als (Enter: in uw thuismap):"
keys Enter
DOC="$T/home/managementinformatie-2025-01-01-tot-2025-12-31.html"
check "  ... and says where (its name: the period)" wait_for "$DOC"
check "  ... a page that parses" xmllint --noout "$DOC"
check "  ... of the period on screen, as of today" grep -q "1 januari 2025 tot en met 31 december 2025" "$DOC"
check "  ... with the figure on screen, in its chart ($END)" grep -q "data-cell=\"omvang|eind|klanten\">$END<" "$DOC"
check "  ... every report of the screen" test "$(grep -c '<h2>' "$DOC")" -ge 7
check "  ... the user's own file (0600)" test "$(stat -c %a "$DOC")" = 600
keys e "/proc/nee.html" Enter
check "a place that cannot be written is said, nothing lost" wait_for "Kan /proc/nee.html niet schrijven"
keys q q
check "the application ends normally" rc_is 0
tm_stop

rm -f "$T/rc"
tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user km.bakker; echo \$? > '$T/rc'; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
wait_for "werkvoorraad — " >/dev/null
keys i
check "a klantmanager is told it is for a teamleider" wait_for "Dit overzicht is voor een teamleider of kwaliteitsmedewerker."
keys q
check "the application ends normally" rc_is 0
tm_stop
finish
