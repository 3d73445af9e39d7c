#!/bin/bash
# klantvolg report: caseload figures per klantmanager and for the team, outflow counted
# once per client; only for a teamleider or kwaliteitsmedewerker.
. "$TESTLIB"
D="$T/demo.db"
P=klantvolg-demo
rep() { local u=$1; shift; "$KLANTVOLG_BIN" --db "$D" --user "$u" --passphrase-fd 3 report "$@" 3<<<"$P"; }
"$KLANTVOLG_BIN" --demo --db "$D" --clients 60 >/dev/null

check "report caseload for the teamleider" expect_rc 0 rep tl.jansen caseload
check "  ... a row per klantmanager" bash -c "grep -c '^km\\.' '$T/out' | grep -qx 5"
check "  ... and the team total" said "TEAM"
check "tsv: the team row adds up the rows" bash -c "'$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 report caseload --format tsv 3<<<'$P' | awk -F'\t' '\$1==\"TEAM\"{t=\$2; o=\$4} \$1!=\"TEAM\"{s+=\$2; so+=\$4} END{exit !(t==s && o==so && t==68)}'"
check "json: one object per row" bash -c "'$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 report caseload --format json 3<<<'$P' | grep -c '^{\"caseworker\":' | grep -qx 6"
check "a klantmanager may not see the team: exit 3" expect_rc 3 rep km.bakker caseload
check "report uitstroom over a period" expect_rc 0 rep tl.jansen uitstroom --from 1-1-2025 --to 2026-03-01
check "  ... counts clients" said "Klanten uitgestroomd:"
check "  ... the partial outflow of the taxi driver is there by route" said "netwerk"
check "uitstroom: a period with nothing in it" bash -c "'$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 report uitstroom --from 2000-01-01 --to 2000-12-31 --format tsv 3<<<'$P' | grep -qx \$'totaal\\tklanten\\t0'"
check "--to before --from: exit 2" expect_rc 2 rep tl.jansen uitstroom --from 2026-03-01 --to 2026-01-01
check "a bad date: exit 2" expect_rc 2 rep tl.jansen uitstroom --from gisteren
check "--from with caseload: exit 2" expect_rc 2 rep tl.jansen caseload --from 2026-01-01
check "an unknown report: exit 2" expect_rc 2 rep tl.jansen winst
finish
