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

# A file cut to its header is not a new, empty database: exit 4, nothing written.
cp "$DB" "$T/cut3.db"
truncate -s $HDR "$T/cut3.db"
before=$(sum "$T/cut3.db")
check "cut to its header: exit 4" expect_rc 4 "$KLANTVOLG_BIN" --db "$T/cut3.db" --user admin --passphrase-fd 3 user list 3<<<"$PW"
check "  ... called cut short" said "afgekapt"
check "  ... check exits 4 too" expect_rc 4 "$KLANTVOLG_BIN" --db "$T/cut3.db" --user admin --passphrase-fd 3 check 3<<<"$PW"
check "  ... and nothing was written" test "$(sum "$T/cut3.db")" = "$before"

# A forged hot journal: one header sector, no records, nOrig 0 (it would empty the file).
cp "$DB" "$T/forged.db"
{ printf '\331\325\005\371\040\241\143\327'      # magic
  printf '\000\000\000\000\000\000\060\071'      # nRec 0, checksum nonce
  printf '\000\000\000\000\000\000\020\000\000\000\020\000'   # nOrig 0, sector, page
  head -c $((4096 - 28)) /dev/zero; } >"$T/forged.db-journal"
before=$(sum "$T/forged.db")
jbefore=$(sum "$T/forged.db-journal")
check "a forged journal: exit 4" expect_rc 4 "$KLANTVOLG_BIN" --db "$T/forged.db" --user admin --passphrase-fd 3 user list 3<<<"$PW"
check "  ... the journal's header is not genuine" said "journaal"
check "  ... check exits 4 too" expect_rc 4 "$KLANTVOLG_BIN" --db "$T/forged.db" --user admin --passphrase-fd 3 check 3<<<"$PW"
check "  ... the file is as it was" test "$(sum "$T/forged.db")" = "$before"
check "  ... the journal too" test "$(sum "$T/forged.db-journal")" = "$jbefore"
rm "$T/forged.db-journal"
check "  ... without it the file is sound" expect_rc 0 "$KLANTVOLG_BIN" --db "$T/forged.db" --user admin --passphrase-fd 3 check 3<<<"$PW"

# Absurd KDF costs in a slot are damage, not a wrong passphrase: no failed login logged.
cp "$DB" "$T/cost.db"
"$KVTOOL" slotcost "$T/cost.db" km1 2 $((1 << 50))
check "a slot whose memlimit is 2^50: exit 4" expect_rc 4 "$KLANTVOLG_BIN" --db "$T/cost.db" --user km1 --passphrase-fd 3 user list 3<<<"km-wachtwoord-1"
check "  ... called damaged" said "beschadigd of gewijzigd"
check "  ... no failed login was recorded" test ! -e "$T/cost.db-aanmeldingen"
"$KVTOOL" slotcost "$T/cost.db" km1 $((1 << 40)) 65536
check "a slot whose opslimit is 2^40: exit 4 at once" expect_rc 4 timeout 20 "$KLANTVOLG_BIN" --db "$T/cost.db" --user km1 --passphrase-fd 3 user list 3<<<"km-wachtwoord-1"

# Copy B edited under the MAC with a fresh checksum: check verifies both copies' MACs.
cp "$DB" "$T/copyb.db"
"$KVTOOL" slotcost "$T/copyb.db" km1 2 $(( (64 << 20) + 4096 )) 1
check "copy B edited under the MAC: check exits 4" expect_rc 4 "$KLANTVOLG_BIN" --db "$T/copyb.db" --user admin --passphrase-fd 3 check 3<<<"$PW"
check "  ... copy A fine" said "Kop, kopie A:   in orde"
check "  ... copy B called altered" said "Kop, kopie B:   BESCHADIGD (MAC klopt niet"
check "  ... check --repair rewrites it from copy A" expect_rc 0 "$KLANTVOLG_BIN" --db "$T/copyb.db" --user admin --passphrase-fd 3 check --repair 3<<<"$PW"
check "  ... after which check is clean" expect_rc 0 "$KLANTVOLG_BIN" --db "$T/copyb.db" --user admin --passphrase-fd 3 check 3<<<"$PW"

check "the original is still sound" expect_rc 0 as admin "$PW" check
finish
