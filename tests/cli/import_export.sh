#!/bin/bash
# export and import: the round trip is identical; bad files are refused whole, with the
# line, the field and the reason, and leave the database as it was.
. "$TESTLIB"
P=klantvolg-demo
A="$T/a.db"
B="$T/b.db"
run() { local db=$1 u=$2; shift 2; "$KLANTVOLG_BIN" --db "$db" --user "$u" --passphrase-fd 3 "$@" 3<<<"$P"; }

"$KLANTVOLG_BIN" --demo --db "$A" --clients 30 >/dev/null
check "a teamleider exports every dossier" expect_rc 0 run "$A" tl.jansen export
cp "$T/out" "$T/e1.jsonl"
check "  ... one line per client (30 generated + 8 cases)" test "$(wc -l <"$T/e1.jsonl")" -eq 38
check "a klantmanager exports only her own clients" bash -c "[ \$('$KLANTVOLG_BIN' --db '$A' --user km.bakker --passphrase-fd 3 export 3<<<'$P' | wc -l) -lt 38 ]"
check "export --client for one person (inzage)" expect_rc 0 run "$A" tl.jansen export --client 1
check "  ... one line, that client" bash -c "[ \$(wc -l <'$T/out') -eq 1 ] && grep -q '\"first_name\":\"Marjolein\"' '$T/out'"
check "export --client of someone else's client: exit 3" expect_rc 3 run "$A" km.yilmaz export --client 1
check "export --client that does not exist: exit 1" expect_rc 1 run "$A" tl.jansen export --client 9999

# An empty database with the same users.
"$KLANTVOLG_BIN" --db "$B" --user demo init --new-passphrase-fd 3 3<<<"$P" >/dev/null
for u in tl.jansen:teamleider km.bakker:klantmanager km.yilmaz:klantmanager km.devries:klantmanager km.elamrani:klantmanager km.kowalski:klantmanager; do
    run "$B" demo user add "${u%%:*}" --role "${u##*:}" --new-passphrase-fd 4 4<<<"$P" >/dev/null
done
check "import into an empty database" expect_rc 0 run "$B" demo import "$T/e1.jsonl"
check "  ... reports the count" said "38 klanten ingelezen"
check "export again gives identical output (round trip)" bash -c "'$KLANTVOLG_BIN' --db '$B' --user tl.jansen --passphrase-fd 3 export 3<<<'$P' | cmp - '$T/e1.jsonl'"
check "signals survive the round trip" bash -c "diff <('$KLANTVOLG_BIN' --db '$A' --user km.bakker --passphrase-fd 3 reminders --days 400 --format tsv 3<<<'$P' | cut -f1,2,4,7,8) <('$KLANTVOLG_BIN' --db '$B' --user km.bakker --passphrase-fd 3 reminders --days 400 --format tsv 3<<<'$P' | cut -f1,2,4,7,8)"
check "a klantmanager may not import: exit 3" expect_rc 3 run "$B" km.bakker import "$T/e1.jsonl"

before() { "$KLANTVOLG_BIN" --db "$B" --user tl.jansen --passphrase-fd 3 export 3<<<"$P" | md5sum; }
snapshot=$(before)
refused() { # refused NAME FILE TEXT...: exit 1, each TEXT in the message, database unchanged
    local name=$1 file=$2
    shift 2
    check "$name: refused with exit 1" expect_rc 1 run "$B" demo import "$file"
    for t in "$@"; do check "  ... says '$t'" said "$t"; done
    check "  ... and nothing was written" test "$(before)" = "$snapshot"
}
refused "importing the same file twice (duplicate BSN)" "$T/e1.jsonl" "regel 1" "BSN staat al"
head -c 700 "$T/e1.jsonl" >"$T/truncated.jsonl"
refused "truncated JSON" "$T/truncated.jsonl" "regel 1" "houdt op"
sed -n 1p "$T/e1.jsonl" | sed 's/"bsn":"[0-9]*"/"bsn":"123456789"/' >"$T/badbsn.jsonl"
refused "a bad BSN in JSON" "$T/badbsn.jsonl" "regel 1" "bsn" "elfproef"
{ sed -n 1p "$T/e1.jsonl" | sed 's/"bsn":"[0-9]*"/"bsn":"111222333"/'; sed -n 2p "$T/e1.jsonl" | sed 's/"bsn":"[0-9]*"/"bsn":"010000021"/; s/"applied_on":"[0-9-]*"/"applied_on":"2026-02-30"/'; } >"$T/baddate.jsonl"
refused "an impossible date on line 2" "$T/baddate.jsonl" "regel 2" "applied_on" "JJJJ-MM-DD"
printf '{"bsn":"111222333","first_name":"A\xff","last_name":"B"}\n' >"$T/utf8.jsonl"
refused "invalid UTF-8 in JSON" "$T/utf8.jsonl" "regel 1" "UTF-8"
printf '{"bsn":"111222333","first_name":"A","last_name":"B","hobby":"x"}\n' >"$T/unknown.jsonl"
refused "an unknown field" "$T/unknown.jsonl" "hobby" "onbekend veld"
printf '{"bsn":"111222333","first_name":"A","last_name":"B","assignments":[{"user":"niemand","from_date":"2026-01-01"}]}\n' >"$T/nouser.jsonl"
refused "an assignment to an unknown user" "$T/nouser.jsonl" "assignments[0]" "onbekende gebruiker"

# CSV client lists.
cat >"$T/ok.csv" <<'CSV'
bsn,voornaam,achternaam,geboortedatum,gemeente,klantmanager,uitkering_sinds
111222333,Ömer,"Yıldız, jr.",12-4-1980,Berkelland,km.bakker,2026-01-15
010000021,Łucja,Nowak,1975-09-30,Oost Gelre,km.yilmaz,1-2-2026
CSV
check "a CSV client list" expect_rc 0 run "$B" demo import "$T/ok.csv"
check "  ... two clients" said "2 klanten ingelezen"
check "  ... assigned to their klantmanager" bash -c "'$KLANTVOLG_BIN' --db '$B' --user km.bakker --passphrase-fd 3 export 3<<<'$P' | grep -q '\"last_name\":\"Yıldız, jr.\"'"
printf 'bsn;voornaam;achternaam;geboortedatum;gemeente;klantmanager;uitkering_sinds\n999999990;Piet;Jansen;1-1-1970;Winterswijk;km.bakker;1-3-2026\n' >"$T/semicolon.csv"
check "a CSV with semicolons, as Dutch spreadsheets write it" expect_rc 0 run "$B" demo import "$T/semicolon.csv"
snapshot=$(before)
printf 'bsn,voornaam,achternaam,gemeente,klantmanager,uitkering_sinds\n123456782,A,B,X,km.bakker,2026-01-01\n' >"$T/cols.csv"
refused "CSV without a required column" "$T/cols.csv" "regel 1" "geboortedatum" "ontbreekt"
printf 'bsn,voornaam,achternaam,geboortedatum,gemeente,klantmanager,uitkering_sinds\n123456782,A,B,1-1-1980,X,km.bakker,2026-01-01\n123456789,C,D,1-1-1981,X,km.bakker,2026-01-01\n' >"$T/bsn.csv"
refused "CSV with a bad BSN on line 3" "$T/bsn.csv" "regel 3" "elfproef"
printf 'bsn,voornaam,achternaam,geboortedatum,gemeente,klantmanager,uitkering_sinds\n123456782,A,B,31-02-1980,X,km.bakker,2026-01-01\n' >"$T/date.csv"
refused "CSV with an impossible date" "$T/date.csv" "regel 2" "geboortedatum"
printf 'bsn,voornaam,achternaam,geboortedatum,gemeente,klantmanager,uitkering_sinds\n111222333,A,B,1-1-1980,X,km.bakker,2026-01-01\n' >"$T/dup.csv"
refused "CSV with a BSN already in the database" "$T/dup.csv" "regel 2" "al een klant"
printf 'bsn,voornaam,achternaam,geboortedatum,gemeente,klantmanager,uitkering_sinds\n123456782,J\xe9r\xf4me,B,1-1-1980,X,km.bakker,2026-01-01\n' >"$T/latin1.csv"
refused "CSV in Latin-1 instead of UTF-8" "$T/latin1.csv" "regel 2" "UTF-8"
printf 'bsn,voornaam,achternaam,geboortedatum,gemeente,klantmanager,uitkering_sinds\n123456782,A,B,1-1-1980\n' >"$T/short.csv"
refused "CSV with a short row" "$T/short.csv" "regel 2" "kolommen"
check "a missing file: exit 1" expect_rc 1 run "$B" demo import "$T/nope.csv"
check "import without a file: exit 2" expect_rc 2 run "$B" demo import
# A change of klantmanager: the old assignment closes, the note and date are kept.
check "the teamleider hands client 1 to km.yilmaz" expect_rc 0 run "$B" tl.jansen assign 1 km.yilmaz --note "Verlof van Sanne; cv in dossier" --informed 28-2-2026
check "  ... km.yilmaz now has the dossier with both assignments" bash -c "'$KLANTVOLG_BIN' --db '$B' --user km.yilmaz --passphrase-fd 3 export --client 1 3<<<'$P' | grep -q '\"user\":\"km.bakker\",\"role_in_case\":\"klantmanager\",\"from_date\":\"[0-9-]*\",\"to_date\":\"2026-03-01\"'"
check "  ... the new one carries the note and the date the client was told" bash -c "'$KLANTVOLG_BIN' --db '$B' --user km.yilmaz --passphrase-fd 3 export --client 1 3<<<'$P' | grep -q '\"user\":\"km.yilmaz\",\"role_in_case\":\"klantmanager\",\"from_date\":\"2026-03-01\",\"to_date\":null,\"handover_note\":\"Verlof van Sanne; cv in dossier\",\"client_informed_on\":\"2026-02-28\"'"
check "  ... km.bakker no longer sees it" expect_rc 3 run "$B" km.bakker export --client 1
check "assign to an unknown user: exit 2" expect_rc 2 run "$B" tl.jansen assign 1 niemand
check "assign an unknown client: exit 1" expect_rc 1 run "$B" tl.jansen assign 99999 km.bakker
check "a klantmanager may not reassign: exit 3" expect_rc 3 run "$B" km.yilmaz assign 1 km.bakker
check "the database is sound after all this" expect_rc 0 run "$B" demo check
finish
