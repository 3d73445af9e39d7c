#!/bin/bash
# klantvolg --demo --clients N --caseworkers M: a municipality, not one team. At 5,000
# clients and 50 klantmanagers: five teams of ten, each with a teamleider (one of them a
# Meedoen team); every caseload near its norm (Werk 85, Meedoen 200 per full-time
# klantmanager: 80-130 %); a workable day for most caseworkers (at most 15 % of their
# clients with an overdue signal, a handful of signals due today) and the audits'
# backlog on one caseload in every other team (more than 40 % of its clients overdue).
. "$TESTLIB"
export KLANTVOLG_NOW=2026-03-01
D="$T/demo.db"
P=klantvolg-demo
kv() { local u=$1; shift; "$KLANTVOLG_BIN" --db "$D" --user "$u" --passphrase-fd 3 "$@" 3<<<"$P"; }
export D P KLANTVOLG_BIN
export -f kv

check "--caseworkers without --demo: exit 2" expect_rc 2 "$KLANTVOLG_BIN" --db "$T/x.db" --caseworkers 50 reminders
check "--caseworkers 0: exit 2, nothing made" bash -c "! '$KLANTVOLG_BIN' --demo --db '$T/zero.db' --caseworkers 0 >/dev/null 2>&1 && [ ! -e '$T/zero.db' ]"
# Without --caseworkers the team grows with the clients: 800 clients are not five
# caseloads of 160, but ten klantmanagers near the Werk norm of 85 (0.8 FTE: 68).
"$KLANTVOLG_BIN" --demo --db "$T/grow.db" --clients 800 >/dev/null
check "--clients 800 alone: ten klantmanagers, not five" bash -c "[ \$('$KLANTVOLG_BIN' --db '$T/grow.db' --user demo --passphrase-fd 3 user list 3<<<'$P' | grep -c ' klantmanager ') = 10 ]"
check "  ... every caseload within 80-130 % of its norm" bash -c "'$KLANTVOLG_BIN' --db '$T/grow.db' --user tl.jansen --passphrase-fd 3 report caseload --format json 3<<<'$P' | grep '^{\"caseworker\":\"k' | sed 's/.*\"load_percent\":\([0-9]*\).*/\1/' | awk '\$1<80 || \$1>130 {bad++} END {exit !(NR == 10 && !bad)}'"
"$KLANTVOLG_BIN" --demo --db "$D" --clients 5000 --caseworkers 50 >/dev/null
kv kw.visser report caseload --format json >"$T/caseload.json"

check "five teams, each with its teamleider" bash -c "[ \$(kv demo user list | grep -c ' teamleider ') = 5 ]"
check "50 klantmanagers in five teams of ten" bash -c "[ \$(grep -c '^{\"caseworker\":\"k' '$T/caseload.json') = 50 ] && [ \$(grep -o '\"team\":\"[^\"]*\"' '$T/caseload.json' | sort | uniq -c | awk '\$1==10' | wc -l) = 5 ]"
check "one Meedoen team: its klantmanagers carry 150 clients or more, the Werk teams' 90 at most" bash -c "
    [ \$(grep '\"team\":\"Meedoen 1\"' '$T/caseload.json' | sed 's/.*\"clients\":\([0-9]*\).*/\1/' | awk '\$1>=150' | wc -l) = 10 ] &&
    [ \$(grep '\"team\":\"Werk' '$T/caseload.json' | sed 's/.*\"clients\":\([0-9]*\).*/\1/' | awk '\$1<=90' | wc -l) = 40 ]"
check "every caseload within 80-130 % of its norm" bash -c "[ \$(grep '^{\"caseworker\":\"k' '$T/caseload.json' | sed 's/.*\"load_percent\":\([0-9]*\).*/\1/' | awk '\$1>=80 && \$1<=130' | wc -l) = 50 ]"
# share of clients with an overdue signal, per klantmanager, in percent
grep '^{"caseworker":"k' "$T/caseload.json" |
    sed 's/.*"clients":\([0-9]*\),.*"clients_with_overdue":\([0-9]*\).*/\2 \1/' |
    awk '{print int(100 * $1 / $2)}' >"$T/share"
check "47 of 50 caseloads workable: at most 15 % of the clients overdue" bash -c "[ \$(awk '\$1<=15' '$T/share' | wc -l) = 47 ]"
check "the backlog on three caseloads (every other team): over 40 % overdue" bash -c "[ \$(awk '\$1>40' '$T/share' | wc -l) = 3 ]"
check "km.kowalski has the backlog of the demo's own team" bash -c "grep '\"caseworker\":\"km.kowalski\"' '$T/caseload.json' | sed 's/.*\"clients\":\([0-9]*\),.*\"clients_with_overdue\":\([0-9]*\).*/\2 \1/' | awk '{exit !(\$1 * 100 > 40 * \$2)}'"
check "km.bakker has a handful of signals due today (1-8)" bash -c "n=\$(kv km.bakker reminders --format json | grep -c '\"due\":\"2026-03-01\"'); [ \$n -ge 1 ] && [ \$n -le 8 ]"
check "tl.jansen leads the first team: ten klantmanagers in her report" bash -c "[ \$(kv tl.jansen report caseload --format json | grep -c '\"team\":\"Werk 1\"') = 10 ]"
check "the eight DOMAIN.md cases are there (km.bakker's Marjolein Verhoef)" bash -c "kv km.bakker reminders | grep -q 'Verhoef'"
finish
