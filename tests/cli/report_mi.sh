#!/bin/bash
# Management reports from the command line: outflow to work attributed once (rows that sum
# to the total) and the cohort figures per instrument, provider and doelgroep (no total), waiting times and returns after nazorg; reproducible for a period and an
# as-of date; text, tsv, csv and JSON; "<5" for small counts with --council; for a
# teamleider or kwaliteitsmedewerker only. (The figures themselves are worked out by hand
# in tests/unit/test_reports.c.)
. "$TESTLIB"
demo_db 200
rep() { "$KLANTVOLG_BIN" --db "$D" --user tl.jansen --passphrase-fd 3 report "$@" 3<<<"$P"; }
Y="--from 2025-01-01 --to 2025-12-31"

check "effectiviteit per instrument" expect_rc 0 rep effectiviteit $Y
check "  ... says the period and the as-of date" said "Effectiviteit per instrument, 1-1-2025 tot en met 31-12-2025, stand op 1-3-2026"
check "  ... outflow to work attributed once, with Dutch column labels" said_re "^instrument +naar werk meetbaar 6 mnd nog uit 6 mnd$"
check "  ... the cohort under its own name" said "Cohort: van wie in de periode een instrument startte"
check "  ... with Dutch column labels, not codes" said_re "^instrument +gestart afgerond gestopt werk <3 mnd werk <6 mnd werk <12 mnd meetbaar 6 mnd nog uit 6 mnd +kosten$"
check "  ... no code in the text" bash -c "! grep -qE 'werk_3m|kosten_euro|niet_toegeschreven|rib_traject' '$T/out'"
check "  ... one total: that of the attributed outflow" test "$(grep -c '^TOTAAL ' "$T/out")" -eq 1
rep effectiviteit $Y --format tsv >"$T/tsv"
check "tsv keeps the codes, both figures in one table" test "$(head -1 "$T/tsv")" = "$(printf 'figuur\tinstrument\tnaar_werk\tgestart\tafgerond\tgestopt\twerk_3m\twerk_6m\twerk_12m\tmeetbaar_6m\tnog_uit_6m\tkosten_euro')"
total=$(awk -F'\t' '$1 == "toegeschreven" && $2 == "TOTAAL" {print $3}' "$T/tsv")
sum=$(awk -F'\t' '$1 == "toegeschreven" && $2 != "TOTAAL" {s += $3} END {print s + 0}' "$T/tsv")
check "  ... the attributed rows sum to the total ($sum = $total)" test "$total" -eq "$sum" -a "$total" -gt 0
check "  ... the total is the clients who left for work (report nazorg)" test "$total" -eq "$(rep nazorg $Y --format tsv | awk -F'\t' 'NR > 1 {s += $2} END {print s}')"
check "  ... the cohort has no total" bash -c "! grep -qP '^cohort\tTOTAAL' '$T/tsv'"
check "the same report twice is the same" bash -c "diff <('$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 report effectiviteit $Y 3<<<'$P') <('$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 report effectiviteit $Y 3<<<'$P')"
started=$(awk -F'\t' '$1 == "cohort" {s += $4} END {print s}' "$T/tsv")
early=$(rep effectiviteit $Y --as-of 2025-06-30 --format tsv | awk -F'\t' '$1 == "cohort" {s += $4} END {print s}')
check "as of mid-2025 fewer clients had started" test "$early" -lt "$started"
check "csv: a header and quoted money" expect_rc 0 rep effectiviteit $Y --by aanbieder --format csv
check "  ... keyed by provider" said_re "^figuur,aanbieder,naar_werk,gestart,afgerond,gestopt,werk_3m,werk_6m,werk_12m,meetbaar_6m,nog_uit_6m,kosten_euro$"
check "  ... attributed to at most one provider, or to none" said_re "^toegeschreven,niet_toegeschreven,[0-9]+,"
check "json: one object per row" expect_rc 0 rep effectiviteit $Y --by doelgroep --format json
check "  ... a cohort per doelgroep, with codes" said_re '^\{"figuur":"cohort","doelgroep":"55plus","naar_werk":"","gestart":[0-9]+,'
check "  ... no attribution to one of several doelgroepen, no total" bash -c "! grep -qE 'toegeschreven|TOTAAL' '$T/out'"
check "--council writes <5 for small counts" expect_rc 0 rep effectiviteit $Y --by doelgroep --council --format csv
check "  ... in the cells of 1 to 4 clients" said_re ',<5,'
check "  ... and never a count from 1 to 4" bash -c "! grep -qE '(^|,)[1-4](,|$)' <(cut -d, -f3-11 '$T/out')"
check "  ... nor the cost of fewer than 5 clients (it gives their number away)" bash -c "! grep -qE '^cohort,[^,]*,,<5,.*,[0-9]+\.[0-9]{2}$' '$T/out'"
check "  ... which is withheld as x" said_re '^cohort,[^,]*,,<5,.*,x$'
check "--council folds small attributed rows into overig" expect_rc 0 rep effectiviteit $Y --by aanbieder --council --format csv
check "  ... no attributed row of 1 to 4, not even overig (the total minus the rest)" bash -c "! grep -qE '^toegeschreven,[^,]*,<5,' '$T/out'"
check "  ... and the rows still sum to the total" bash -c "awk -F, '\$1 == \"toegeschreven\" {if (\$2 == \"TOTAAL\") t = \$3; else s += \$3} END {exit !(t == s && t > 0)}' '$T/out'"
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
check "  ... codes in csv" said_re "^instrument,rib_traject,"
check "  ... for the council without small cells" expect_rc 0 rep kosten $Y --format csv --council
check "  ... not even as cost per client" bash -c "! grep -qE ',[1-4],[0-9.]+,[0-9]' '$T/out'"
check "  ... nor as the cost of a row of <5 (it follows from the unit price)" bash -c "! grep -qE ',<5,[0-9]' '$T/out'"
check "  ... withheld as x" said_re ",<5,x,x$"
check "text shows labels, not codes" expect_rc 0 rep ontwikkeling $Y
check "  ... a heading per dimension" said "Instroom naar reden"
check "  ... reasons and doelgroepen by their names" bash -c "! grep -qE '^(andere_gemeente|einde_dienstverband|55plus|eigen_initiatief|wsp) ' '$T/out'"
check "  ... which tsv keeps" bash -c "'$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 report ontwikkeling $Y --format tsv 3<<<'$P' | grep -qP '^doelgroep\t55plus\t'"
check "an unknown report is wrong use (exit 2)" expect_rc 2 rep begroting
finish
