#!/bin/bash
# backup while others work; rekey only when nobody else has the file open.
. "$TESTLIB"
new_db
as admin "$PW" user add anna --role klantmanager --new-passphrase-fd 4 4<<<"anna-wachtwoord" >/dev/null
export KVTOOL_PASS="$PW"
"$KVTOOL" writer "$DB" admin 50 >/dev/null

check "backup to a new file" expect_rc 0 as admin "$PW" backup "$T/kopie.db"
check "  ... mode 0600" test "$(stat -c %a "$T/kopie.db")" = 600
check "  ... opens with anna's passphrase" expect_rc 0 "$KLANTVOLG_BIN" --db "$T/kopie.db" --user anna --passphrase-fd 3 user list 3<<<"anna-wachtwoord"
check "  ... holds every committed row" bash -c "'$KVTOOL' verify '$T/kopie.db' admin | grep -qx '50 50'"
check "  ... and passes check" expect_rc 0 "$KLANTVOLG_BIN" --db "$T/kopie.db" --user admin --passphrase-fd 3 check 3<<<"$PW"
check "  ... contains no SQLite magic" bash -c "! grep -q 'SQLite format 3' '$T/kopie.db'"
before=$(sum "$T/kopie.db")
check "backup refuses to overwrite: exit 1" expect_rc 1 as admin "$PW" backup "$T/kopie.db"
check "  ... and left the old copy" test "$(sum "$T/kopie.db")" = "$before"
check "backup --force replaces it" expect_rc 0 as admin "$PW" backup "$T/kopie.db" --force
check "a klantmanager may not make backups: exit 3" expect_rc 3 as anna "anna-wachtwoord" backup "$T/anna.db"

# A backup taken while a writer commits continuously is consistent.
"$KVTOOL" writer "$DB" admin 400 >"$T/writer.out" &
wpid=$!
sleep 0.3
check "backup while a writer works" expect_rc 0 as admin "$PW" backup "$T/live.db"
wait $wpid
check "  ... the copy is sound" expect_rc 0 "$KLANTVOLG_BIN" --db "$T/live.db" --user admin --passphrase-fd 3 check 3<<<"$PW"
check "  ... and holds a prefix of the commits" "$KVTOOL" verify "$T/live.db" admin

# rekey
"$KVTOOL" hold "$DB" admin 30 >"$T/hold.out" 2>&1 &
hpid=$!
for _ in $(seq "$WAIT_TRIES"); do grep -q open "$T/hold.out" 2>/dev/null && break; sleep 0.1; done
before=$(sum "$DB")
check "rekey while another process has the file open: exit 5" expect_rc 5 as admin "$PW" rekey
check "  ... told why" said "nog geopend"
check "  ... nothing changed" test "$(sum "$DB")" = "$before"
kill $hpid; wait $hpid 2>/dev/null
dbid_before=$(od -An -tx1 -j32 -N16 "$DB")
sealed_before=$(od -An -tx1 -j$((128 + 208)) -N80 "$DB")
check "rekey when alone" expect_rc 0 as admin "$PW" rekey
check "  ... leaves no WAL or WAL index of the old key beside it" test ! -e "$DB-wal" -a ! -e "$DB-shm"
check "  ... a new master key is sealed in the first slot" test "$(od -An -tx1 -j$((128 + 208)) -N80 "$DB")" != "$sealed_before"
check "  ... the database id stays (offline copies still check in)" test "$(od -An -tx1 -j32 -N16 "$DB")" = "$dbid_before"
check "  ... anna keeps her passphrase" expect_rc 0 as anna "anna-wachtwoord" user list
check "  ... the data is all there" bash -c "'$KVTOOL' verify '$DB' admin | grep -qx '450 450'"
check "  ... the file is sound" expect_rc 0 as admin "$PW" check
check "  ... still 0600" test "$(stat -c %a "$DB")" = 600
check "  ... the old backup still opens (its own key)" expect_rc 0 "$KLANTVOLG_BIN" --db "$T/kopie.db" --user admin --passphrase-fd 3 check 3<<<"$PW"
check "a klantmanager may not rekey: exit 3" expect_rc 3 as anna "anna-wachtwoord" rekey
check "no temporary files left" bash -c "! ls '$T' | grep -q '\.new-'"
finish
