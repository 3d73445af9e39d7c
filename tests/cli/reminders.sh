#!/bin/bash
# klantvolg reminders on the generated demo caseload: what a klantmanager sees, the
# teamleider's view of everyone, the formats, and determinism of the generator.
. "$TESTLIB"
D="$T/demo.db"
P=klantvolg-demo
rem() { local u=$1; shift; "$KLANTVOLG_BIN" --db "$D" --user "$u" --passphrase-fd 3 reminders "$@" 3<<<"$P"; }

check "demo with 60 generated clients" expect_rc 0 "$KLANTVOLG_BIN" --demo --db "$D" --clients 60
check "a klantmanager's reminders" expect_rc 0 rem km.bakker
check "  ... headed with user and date" said "Signalen voor km.bakker op 1-3-2026"
check "  ... overdue first" said "TE LAAT"
# DOMAIN.md: the teacher whose temporary contract and nazorg ended unnoticed.
check "  ... nazorg ending in a week is due soon" said_re "8-3-2026 +Marjolein Verhoef .*Nazorg eindigt op 8-3-2026"
check "  ... the contract end in 20 days too" said_re "21-3-2026 +Marjolein Verhoef .*Tijdelijk contract eindigt op 21-3-2026"
check "  ... and not another caseworker's client" bash -c "! grep -q 'Rahim Ahmadi' '$T/out'"
check "the refugee's open request shows for his klantmanager" expect_rc 0 rem km.yilmaz
check "  ... asking for administrative work" said "Overstap naar administratief werk"
check "a teamleider sees all clients with --all" expect_rc 0 rem tl.jansen --all
check "  ... with the caseworker named" said "[km.yilmaz]"
check "  ... including both caseloads" bash -c "grep -q 'Marjolein Verhoef' '$T/out' && grep -q 'Rahim Ahmadi' '$T/out'"
check "a klantmanager may not use --all: exit 3" expect_rc 3 rem km.bakker --all
check "the beheerder has no caseload of her own" expect_rc 0 rem demo
check "  ... so nothing is due" said "0 te laat, 0 binnenkort"

check "tsv: eight fields on every line" bash -c "'$KLANTVOLG_BIN' --db '$D' --user km.bakker --passphrase-fd 3 reminders --format tsv 3<<<'$P' | awk -F'\t' 'NF!=8{bad=1} END{exit bad || NR==0}'"
check "json: one object per line with the documented keys" bash -c "'$KLANTVOLG_BIN' --db '$D' --user km.bakker --passphrase-fd 3 reminders --format json 3<<<'$P' | grep -vE '^\{\"due\":\"[0-9]{4}-[0-9]{2}-[0-9]{2}\",\"severity\":\"(te_laat|binnenkort|later)\",\"client\":[0-9]+,\"name\":\".*\",\"bsn\":\"\*{6}[0-9]{3}\",\"caseworker\":\".*\",\"kind\":\"[a-z_]+\",\"reason\":\".*\"\}$' | wc -l | grep -qx 0"
check "--days 400 adds later signals" bash -c "rem() { '$KLANTVOLG_BIN' --db '$D' --user km.bakker --passphrase-fd 3 reminders --format tsv \"\$@\" 3<<<'$P'; }; [ \$(rem --days 400 | grep -c later) -gt 0 ] && [ \$(rem | grep -c later) -eq 0 ]"
check "--days 0: nothing later than today" bash -c "'$KLANTVOLG_BIN' --db '$D' --user km.bakker --passphrase-fd 3 reminders --days 0 --format tsv 3<<<'$P' | cut -f1 | awk '\$1 > \"2026-03-01\"{bad=1} END{exit bad}'"
check "a bad --days: exit 2" expect_rc 2 rem km.bakker --days morgen
check "a bad --format: exit 2" expect_rc 2 rem km.bakker --format xml
check "--clients without --demo: exit 2" expect_rc 2 "$KLANTVOLG_BIN" --db "$D" --clients 5 check

# Same seed and date: the same database contents.
check "a second demo with the same date" expect_rc 0 "$KLANTVOLG_BIN" --demo --db "$T/demo2.db" --clients 60
check "  ... gives the same reminders" bash -c "diff <('$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 reminders --all --days 3650 --format tsv 3<<<'$P') <('$KLANTVOLG_BIN' --db '$T/demo2.db' --user tl.jansen --passphrase-fd 3 reminders --all --days 3650 --format tsv 3<<<'$P')"
# Contradictions and vague goals (DOMAIN.md): the 64-year-old, the exemption, the teacher.
check "warnings --all as teamleider" expect_rc 0 "$KLANTVOLG_BIN" --db "$D" --user tl.jansen --passphrase-fd 3 warnings --all 3<<<"$P"
check "  ... the 64-year-old: volunteer diagnosis, full duty" said_re "Gerard Hofman .*"
check "  ... with the reason" said "De diagnose wijst op vrijwilligerswerk, maar de klant heeft een volledige arbeidsverplichting"
check "  ... the exemption while the plan demands applications" said "vrijgesteld van de arbeidsverplichting, maar het plan eist sollicitaties"
check "  ... the outflow claimed by two providers" said "Re-integratiebedrijf en Jobcoach"
check "  ... and vague goals, word by word" said "is niet SMART: 'Voorlopig' (Specifiek)"
check "warnings as tsv: five fields per line" bash -c "'$KLANTVOLG_BIN' --db '$D' --user km.bakker --passphrase-fd 3 warnings --format tsv 3<<<'$P' | awk -F'\t' 'NF!=5{bad=1} END{exit bad || NR==0}'"
check "warnings --all for a klantmanager: exit 3" expect_rc 3 "$KLANTVOLG_BIN" --db "$D" --user km.bakker --passphrase-fd 3 warnings --all 3<<<"$P"
check "a large demo (5000 clients) is made: every generated BSN unique" expect_rc 0 "$KLANTVOLG_BIN" --demo --db "$T/big.db" --clients 5000
check "  ... and every client is there (5000 generated + 8 cases), for the municipality-wide kw.visser (the team grows with the clients)" bash -c "'$KLANTVOLG_BIN' --db '$T/big.db' --user kw.visser --passphrase-fd 3 report caseload --format tsv 3<<<'$P' | awk -F'\t' '\$1==\"TEAM\"{n=\$2} END{exit n!=5008}'"
check "the demo database is sound" expect_rc 0 "$KLANTVOLG_BIN" --db "$D" --user demo --passphrase-fd 3 check 3<<<"$P"
check "  ... and holds no plaintext names" bash -c "! grep -q -e Verhoef -e Ahmadi -e 'SQLite format' '$D'"
finish
