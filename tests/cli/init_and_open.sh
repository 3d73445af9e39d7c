#!/bin/bash
# init, the default paths, opening, and every usage error of the command line.
. "$TESTLIB"

check "init creates a 0600 file and names the beheerder" \
    expect_rc 0 "$KLANTVOLG_BIN" --db "$DB" --user admin --name "Wilhelmina Beheer" init --new-passphrase-fd 3 3<<<"$PW"
check "  ... said so" said "admin is beheerder"
check "  ... mode 0600" test "$(stat -c %a "$DB")" = 600
check "  ... no plaintext name or SQLite magic in the file" \
    bash -c "! grep -q -e Wilhelmina -e 'SQLite format 3' '$DB'"
before=$(sum "$DB")
check "init refuses an existing file" expect_rc 1 new_db
check "  ... says it exists" said "bestaat al"
check "  ... and left it untouched" test "$(sum "$DB")" = "$before"
check "init refuses a short passphrase" expect_rc 2 "$KLANTVOLG_BIN" --db "$T/short.db" --user admin init --new-passphrase-fd 3 3<<<"kort"
check "  ... and creates nothing" test ! -e "$T/short.db"
check "init without a passphrase on the fd" expect_rc 2 "$KLANTVOLG_BIN" --db "$T/none.db" --user admin init --new-passphrase-fd 3 3</dev/null
check "user list opens with the passphrase" expect_rc 0 as admin "$PW" user list
check "  ... and lists the beheerder" said "beheerder"
# A read-write open takes the file into WAL (page 1 changes): compare from here.
before=$(sum "$DB")
check "wrong passphrase: exit 3" expect_rc 3 as admin "fout-wachtwoord" user list
check "  ... says so" said "Onjuist wachtwoord"
check "unknown user: exit 3" expect_rc 3 as niemand "$PW" user list
check "  ... says so" said "geen toegang"
check "failed opens wrote nothing" test "$(sum "$DB")" = "$before"
check "missing database: exit 1" expect_rc 1 "$KLANTVOLG_BIN" --db "$T/nope.db" --user admin --passphrase-fd 3 user list 3<<<"$PW"
check "  ... says so" said "bestaat niet"
check "no passphrase and no terminal: exit 2" expect_rc 2 setsid "$KLANTVOLG_BIN" --db "$DB" --user admin user list </dev/null

# Where the database is found.
mkdir -p "$T/xdg"
check "XDG_DATA_HOME decides the default place" \
    expect_rc 0 env XDG_DATA_HOME="$T/xdg" "$KLANTVOLG_BIN" --user admin init --new-passphrase-fd 3 3<<<"$PW"
check "  ... klantvolg/klantvolg.db under it, directory 0700" \
    test -f "$T/xdg/klantvolg/klantvolg.db" -a "$(stat -c %a "$T/xdg/klantvolg")" = 700
check "KLANTVOLG_DB wins over XDG_DATA_HOME" \
    expect_rc 0 env KLANTVOLG_DB="$DB" XDG_DATA_HOME="$T/elders" "$KLANTVOLG_BIN" --user admin --passphrase-fd 3 user list 3<<<"$PW"
check "--db wins over KLANTVOLG_DB" \
    expect_rc 1 env KLANTVOLG_DB="$DB" "$KLANTVOLG_BIN" --db "$T/nope.db" --user admin --passphrase-fd 3 user list 3<<<"$PW"

# Usage errors: exit 2, with the reason.
check "--help: exit 0" expect_rc 0 "$KLANTVOLG_BIN" --help
check "  ... lists the commands" said "klantvolg rekey"
check "--version: exit 0" expect_rc 0 "$KLANTVOLG_BIN" --version
check "unknown command: exit 2" expect_rc 2 kv frobnicate
check "  ... named" said "frobnicate"
check "unknown option: exit 2" expect_rc 2 kv --frobnicate user list
check "option a command does not take: exit 2" expect_rc 2 kv check --role beheerder
check "  ... named" said "--role"
check "bad KLANTVOLG_NOW: exit 2" expect_rc 2 env KLANTVOLG_NOW=31-02-2026 "$KLANTVOLG_BIN" --db "$DB" --user admin --passphrase-fd 3 user list 3<<<"$PW"
check "bad descriptor number: exit 2" expect_rc 2 kv --passphrase-fd drie user list
check "bad user name: exit 2" expect_rc 2 "$KLANTVOLG_BIN" --db "$DB" --user "Anna Bakker" --passphrase-fd 3 user list 3<<<"$PW"

# Two processes racing to create the same file: exactly one wins, every time.
race_once() {
    local f="$T/race-$1.db"
    "$KLANTVOLG_BIN" --db "$f" --user admin init --new-passphrase-fd 3 3<<<"$PW" >/dev/null 2>"$T/race-a" &
    local a=$!
    "$KLANTVOLG_BIN" --db "$f" --user admin init --new-passphrase-fd 3 3<<<"$PW" >/dev/null 2>"$T/race-b" &
    local b=$!
    wait $a; local ra=$?
    wait $b; local rb=$?
    [ $((ra + rb)) -eq 1 ] && [ $((ra * rb)) -eq 0 ] || { echo "  exits $ra $rb" >&2; return 1; }
    grep -q "bestaat al" "$T/race-a" "$T/race-b" || return 1
    "$KLANTVOLG_BIN" --db "$f" --user admin --passphrase-fd 3 check 3<<<"$PW" >/dev/null
}
for i in 1 2 3 4 5 6; do
    check "create race $i: one wins, the other is told, the file is sound" race_once $i
done
# The demo database, made without a terminal (as a script would).
check "--demo without a terminal creates the demo database" expect_rc 0 "$KLANTVOLG_BIN" --demo --db "$T/demo.db"
check "  ... and prints user (a klantmanager) and passphrase" said "Gebruiker: km.bakker   wachtwoord: klantvolg-demo"
check "  ... and how to look as the teamleider" said "Als teamleider: klantvolg --demo --user tl.jansen"
check "  ... which open it, with the demo team of seven" bash -c "[ \$('$KLANTVOLG_BIN' --db '$T/demo.db' --user demo --passphrase-fd 3 user list --format tsv 3<<<klantvolg-demo | wc -l) -eq 7 ]"
check "  ... a klantmanager of the team opens it too" expect_rc 0 "$KLANTVOLG_BIN" --db "$T/demo.db" --user km.yilmaz --passphrase-fd 3 user list 3<<<klantvolg-demo
check "  ... a second --demo reuses it" expect_rc 0 "$KLANTVOLG_BIN" --demo --db "$T/demo.db"
check "--demo with a command: exit 2" expect_rc 2 "$KLANTVOLG_BIN" --demo --db "$T/demo.db" check
check "no temporary files left behind" bash -c "! ls '$T' | grep -q '\.new-'"
finish
