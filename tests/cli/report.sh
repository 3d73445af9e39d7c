#!/bin/bash
# klantvolg report: caseload figures per klantmanager and for the team, outflow counted
# once per client; only for a teamleider or kwaliteitsmedewerker. The caseload against one
# model of a norm: hours, the norm of each klantmanager's mix and the percentage, with the
# norm scaled by the hours a beheerder sets (the figures by hand: tests/unit/test_pressure.c).
. "$TESTLIB"
D="$T/demo.db"
P=klantvolg-demo
rep() { local u=$1; shift; "$KLANTVOLG_BIN" --db "$D" --user "$u" --passphrase-fd 3 report "$@" 3<<<"$P"; }
kv() { local u=$1; shift; "$KLANTVOLG_BIN" --db "$D" --user "$u" --passphrase-fd 3 "$@" 3<<<"$P"; }
"$KLANTVOLG_BIN" --demo --db "$D" --clients 60 >/dev/null

check "report caseload for the teamleider" expect_rc 0 rep tl.jansen caseload
check "  ... a row per klantmanager" bash -c "grep -c '^km\\.' '$T/out' | grep -qx 5"
check "  ... and the team total" said "TEAM"
check "tsv: the team row adds up the rows" bash -c "'$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 report caseload --format tsv 3<<<'$P' | awk -F'\t' '\$1==\"TEAM\"{t=\$2; o=\$7} \$1!=\"TEAM\"{s+=\$2; so+=\$7} END{exit !(t==s && o==so && t==68)}'"
check "  ... with hours, the norm of the mix and the percentage" said_re "^KLANTMANAGER +KLANTEN +UREN +NORM +BELASTING "
check "  ... a full-time klantmanager" said_re "^km\.bakker +16 +36 +[0-9]+ +[0-9]+% "
norm36=$(rep tl.jansen caseload --format tsv | awk -F'\t' '$1=="km.bakker"{print $4}')
check "user hours: the beheerder sets 28,8 hours (0.8 FTE)" expect_rc 0 kv demo user hours km.bakker --hours 28,8
check "  ... not a klantmanager (exit 3)" expect_rc 3 kv km.bakker user hours km.bakker --hours 20
check "  ... not 0 hours (exit 2)" expect_rc 2 kv demo user hours km.bakker --hours 0
norm29=$(rep tl.jansen caseload --format tsv | awk -F'\t' '$1=="km.bakker"{print $4}')
check "  ... her norm is 0.8 of what it was" test $(( (norm36 * 8 + 5) / 10 - norm29 )) -ge -1 -a $(( (norm36 * 8 + 5) / 10 - norm29 )) -le 1
check "  ... json says hours, norm, percentage and whether over" bash -c "'$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 report caseload --format json 3<<<'$P' | grep -q '^{\"caseworker\":\"km.bakker\",\"team\":\"Werk\",\"clients\":16,\"hours\":28.8,\"norm\":[0-9]*,\"load_percent\":[0-9]*,\"over\":false,'"
check "json: one object per row" bash -c "'$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 report caseload --format json 3<<<'$P' | grep -c '^{\"caseworker\":' | grep -qx 6"
check "a klantmanager may not see the team: exit 3" expect_rc 3 rep km.bakker caseload
check "report uitstroom over a period" expect_rc 0 rep tl.jansen uitstroom --from 1-1-2025 --to 2026-03-01
check "  ... counts clients" said "Klanten uitgestroomd:"
check "  ... the partial outflow of the taxi driver is there by route, by its name" said_re "^  Netwerk +1$"
check "uitstroom: a period with nothing in it" bash -c "'$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 report uitstroom --from 2000-01-01 --to 2000-12-31 --format tsv 3<<<'$P' | grep -qx \$'totaal\\tklanten\\t0'"
check "--to before --from: exit 2" expect_rc 2 rep tl.jansen uitstroom --from 2026-03-01 --to 2026-01-01
check "a bad date: exit 2" expect_rc 2 rep tl.jansen uitstroom --from gisteren
check "--from with caseload: exit 2" expect_rc 2 rep tl.jansen caseload --from 2026-01-01
check "an unknown report: exit 2" expect_rc 2 rep tl.jansen winst
finish
