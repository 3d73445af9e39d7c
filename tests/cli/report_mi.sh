#!/bin/bash
# Management reports from the command line: effectiveness per instrument, provider and
# doelgroep, waiting times and returns after nazorg; reproducible for a period and an
# as-of date; text, tsv, csv and JSON; "<5" for small counts with --council; for a
# teamleider or kwaliteitsmedewerker only. (The figures themselves are worked out by hand
# in tests/unit/test_reports.c.)
. "$TESTLIB"
demo_db 200
rep() { "$KLANTVOLG_BIN" --db "$D" --user tl.jansen --passphrase-fd 3 report "$@" 3<<<"$P"; }
Y="--from 2025-01-01 --to 2025-12-31"

check "effectiviteit per instrument" expect_rc 0 rep effectiviteit $Y
check "  ... says the period and the as-of date" said "Effectiviteit per instrument: gestart in de periode, 1-1-2025 tot en met 31-12-2025, stand op 1-3-2026"
check "  ... with its columns" said_re "^instrument +gestart afgerond gestopt werk_3m werk_6m werk_12m meetbaar_6m nog_uit_6m +kosten_euro$"
check "  ... a total that counts each client once" said_re "^TOTAAL +[0-9]+ "
rep effectiviteit $Y --format tsv >"$T/tsv"
total=$(awk -F'\t' '$1 == "TOTAAL" {print $2}' "$T/tsv")
sum=$(awk -F'\t' 'NR > 1 && $1 != "TOTAAL" {s += $2} END {print s}' "$T/tsv")
check "  ... no more than the rows together (a client with two instruments is one client)" test "$total" -le "$sum" -a "$total" -gt 0
check "the same report twice is the same" bash -c "diff <('$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 report effectiviteit $Y 3<<<'$P') <('$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 report effectiviteit $Y 3<<<'$P')"
early=$(rep effectiviteit $Y --as-of 2025-06-30 --format tsv | awk -F'\t' '$1 == "TOTAAL" {print $2}')
check "as of mid-2025 fewer clients had started" test "$early" -lt "$total"
check "csv: a header and quoted money" expect_rc 0 rep effectiviteit $Y --by aanbieder --format csv
check "  ... keyed by provider" said_re "^aanbieder,gestart,afgerond,gestopt,werk_3m,werk_6m,werk_12m,meetbaar_6m,nog_uit_6m,kosten_euro$"
check "json: one object per row" expect_rc 0 rep effectiviteit $Y --by doelgroep --format json
check "  ... the total among them" said_re '^\{"doelgroep":"TOTAAL","gestart":[0-9]+,'
check "--council writes <5 for small counts" expect_rc 0 rep effectiviteit $Y --by doelgroep --council --format csv
check "  ... in the cells of 1 to 4 clients" said_re ',<5,'
check "  ... and never a count from 1 to 4" bash -c "! grep -qE '(^|,)[1-4](,|$)' <(cut -d, -f2-9 '$T/out')"
check "wachttijden: median and 90th percentile per step" expect_rc 0 rep wachttijden $Y
check "  ... application to intake" said_re "^aanmelding -> intake +[0-9]+ +[0-9]+ +[0-9]+$"
check "nazorg: returns with and without" expect_rc 0 rep nazorg $Y --format tsv
check "  ... two rows" test "$(grep -c 'nazorg' "$T/out")" -eq 3
check "--by knows three keys (exit 2)" expect_rc 2 rep effectiviteit --by leeftijd
check "--by is for effectiviteit only (exit 2)" expect_rc 2 rep nazorg --by instrument
check "a bad --as-of is wrong use (exit 2)" expect_rc 2 rep nazorg --as-of morgen
check "not for a klantmanager (exit 3)" expect_rc 3 "$KLANTVOLG_BIN" --db "$D" --user km.bakker --passphrase-fd 3 report effectiviteit 3<<<"$P"
check "ontwikkeling: size, inflow, outflow, duration and who is on benefit" expect_rc 0 rep ontwikkeling $Y --format tsv
check "  ... size at the start and the end" said_re "^omvang	begin	[0-9]+$"
check "  ... duration in bands, all of them" test "$(grep -c '^duur	' "$T/out")" -eq 7
check "  ... on benefit at the end, by municipality (several share one database)" said_re "^gemeente	Berkelland	[0-9]+$"
onb=$(grep -P '^omvang\teind\t' "$T/out" | cut -f3)
dur=$(awk -F'\t' '$1 == "duur" {s += $3} END {print s}' "$T/out")
check "  ... every client on benefit at the end has one duration" test "$onb" -eq "$dur"
check "beweging: up, equal, down" expect_rc 0 rep beweging $Y --format csv
check "  ... for the ladder and the indeling" test "$(grep -cE '^(participatieladder|indeling),(omhoog|gelijk|omlaag),' "$T/out")" -eq 6
check "kosten: per instrument, doelgroep and per client who left for work" expect_rc 0 rep kosten $Y --format csv
check "  ... with cost per client" said_re "^werk,per klant naar werk,[0-9]+,[0-9]+\.[0-9]{2},[0-9]+\.[0-9]{2}$"
check "  ... for the council without small cells" expect_rc 0 rep kosten $Y --format csv --council
check "  ... not even as cost per client" bash -c "! grep -qE ',[1-4],[0-9.]+,[0-9]' '$T/out'"
check "an unknown report is wrong use (exit 2)" expect_rc 2 rep begroting
finish
