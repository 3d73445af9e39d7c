#!/bin/bash
# Files that are not ours, cut short or damaged: distinct messages and exit codes,
# nothing written; one damaged header copy is survived and repaired.
. "$TESTLIB"
new_db
for i in 1 2 3; do
    as admin "$PW" user add "km$i" --role klantmanager --name "Klantmanager $i" --new-passphrase-fd 4 4<<<"km-wachtwoord-$i" >/dev/null
done
HDR=524288

sqlite3 "$T/plain.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
check "plain SQLite file: exit 4" expect_rc 4 "$KLANTVOLG_BIN" --db "$T/plain.db" --user admin --passphrase-fd 3 user list 3<<<"$PW"
check "  ... called unencrypted" said "onversleutelde SQLite-database"
head -c 600000 /dev/urandom >"$T/random.bin"
check "random bytes: exit 4" expect_rc 4 "$KLANTVOLG_BIN" --db "$T/random.bin" --user admin --passphrase-fd 3 user list 3<<<"$PW"
check "  ... not a klantvolg database" said "geen klantvolg-database"
head -c 5000 "$DB" >"$T/cut1.db"
check "cut inside the header: exit 4" expect_rc 4 "$KLANTVOLG_BIN" --db "$T/cut1.db" --user admin --passphrase-fd 3 user list 3<<<"$PW"
check "  ... truncated" said "afgekapt"
head -c $(( $(stat -c %s "$DB") - 1000 )) "$DB" >"$T/cut2.db"
check "cut inside a page: exit 4" expect_rc 4 "$KLANTVOLG_BIN" --db "$T/cut2.db" --user admin --passphrase-fd 3 user list 3<<<"$PW"
check "  ... truncated" said "afgekapt"

pages=$(( ($(stat -c %s "$DB") - HDR) / 4096 ))
for pg in 1 2 $pages; do
    cp "$DB" "$T/bad.db"
    flip "$T/bad.db" $(( HDR + (pg - 1) * 4096 + 1234 ))
    before=$(sum "$T/bad.db")
    check "flipped byte in page $pg: check exits 4" expect_rc 4 "$KLANTVOLG_BIN" --db "$T/bad.db" --user admin --passphrase-fd 3 check 3<<<"$PW"
    check "  ... and names page $pg" said_re "pagina:? $pg( |$)"
    check "  ... and wrote nothing" test "$(sum "$T/bad.db")" = "$before"
done
cp "$DB" "$T/bad.db"
flip "$T/bad.db" $(( HDR + 2 * 4096 + 4060 ))   # in the nonce of page 3
check "flipped nonce byte: check exits 4 naming page 3" expect_rc 4 "$KLANTVOLG_BIN" --db "$T/bad.db" --user admin --passphrase-fd 3 check 3<<<"$PW"
check "  ... page 3" said "Eerste beschadigde pagina: 3"
cp "$DB" "$T/bad.db"
flip "$T/bad.db" $(( HDR + 1 * 4096 + 4090 ))   # in the tag of page 2
check "flipped tag byte: opening fails with exit 4" expect_rc 4 "$KLANTVOLG_BIN" --db "$T/bad.db" --user admin --passphrase-fd 3 user list 3<<<"$PW"
check "  ... naming page 2" said "pagina 2"

cp "$DB" "$T/hdr.db"
flip "$T/hdr.db" $(( 262144 + 700 ))            # header copy B
check "one damaged header copy: still opens" expect_rc 0 "$KLANTVOLG_BIN" --db "$T/hdr.db" --user km2 --passphrase-fd 3 user list 3<<<"km-wachtwoord-2"
check "  ... check reports it (exit 4)" expect_rc 4 "$KLANTVOLG_BIN" --db "$T/hdr.db" --user admin --passphrase-fd 3 check 3<<<"$PW"
check "  ... copy B damaged" said "Kop, kopie B:   BESCHADIGD"
check "check --repair rewrites the header" expect_rc 0 "$KLANTVOLG_BIN" --db "$T/hdr.db" --user admin --passphrase-fd 3 check --repair 3<<<"$PW"
check "  ... after which check is clean" expect_rc 0 "$KLANTVOLG_BIN" --db "$T/hdr.db" --user admin --passphrase-fd 3 check 3<<<"$PW"
flip "$T/hdr.db" 700
flip "$T/hdr.db" $(( 262144 + 700 ))
check "both header copies damaged: exit 4" expect_rc 4 "$KLANTVOLG_BIN" --db "$T/hdr.db" --user admin --passphrase-fd 3 user list 3<<<"$PW"
check "  ... says both" said "beide kopieën"
check "the original is still sound" expect_rc 0 as admin "$PW" check
finish
