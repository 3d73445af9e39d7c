#!/bin/bash
# Who may read the file on a shared server: a new database is 0600, or 0660 owned by a
# group given to init; the WAL and its index (-wal, -shm) of a write under way get the same
# mode and group, and so do backups. A group that does not exist is refused and nothing is made.
. "$TESTLIB"
export KVTOOL_PASS="$PW"
mode() { stat -c %a "$1"; }
group_of() { stat -c %G "$1"; }
# journal_while_writing DB: start a write that holds its WAL, print the mode and group of
# the WAL and of its index, let the write roll back.
journal_while_writing() {
    local out="$T/dirty.out"
    "$KVTOOL" dirty "$1" admin 3 >"$out" &
    local pid=$!
    for _ in $(seq "$WAIT_TRIES"); do grep -q dirty "$out" 2>/dev/null && break; sleep 0.1; done
    local f
    for f in "$1-wal" "$1-shm"; do
        if [ -e "$f" ]; then echo "$(mode "$f") $(group_of "$f")"; else echo "geen $f"; fi
    done | sort -u | paste -sd' '

    wait "$pid"
}

new_db
check "a new database is readable by its owner only (0600)" test "$(mode "$DB")" = 600
check "  ... and so are its WAL and WAL index during a write" test "$(journal_while_writing "$DB")" = "600 $(group_of "$DB")"

# A group other than our primary one, so the test shows the group was given, not
# inherited: "users" as root, else one of our supplementary groups.
G=$(id -gn)
if [ "$(id -u)" = 0 ] && getent group users >/dev/null; then
    G=users
else
    for g in $(id -Gn); do [ "$g" != "$(id -gn)" ] && G=$g && break; done
fi
[ "$G" != "$(id -gn)" ] || echo "  (no second group here: the group checks use the primary one)"
# The set-up the README describes: a setgid directory of the group, so every file made
# in it (the WAL and its index too) belongs to the group whoever makes it.
mkdir "$T/gedeeld" && chgrp "$G" "$T/gedeeld" && chmod 2770 "$T/gedeeld"
S="$T/gedeeld/klantvolg.db"
expect_rc 0 "$KLANTVOLG_BIN" --db "$S" --user admin init --group "$G" --new-passphrase-fd 3 3<<<"$PW"
check "init --group makes the file 0660" test "$(mode "$S")" = 660
check "  ... owned by that group" test "$(group_of "$S")" = "$G"
check "  ... and says so" said "Gedeeld met groep $G (rechten 0660)"
check "  ... its WAL and WAL index get the same mode and group" test "$(journal_while_writing "$S")" = "660 $G"
expect_rc 0 "$KLANTVOLG_BIN" --db "$S" --user admin --passphrase-fd 3 backup "$T/kopie.db" 3<<<"$PW"
check "  ... and so does a backup, even outside that directory" test "$(mode "$T/kopie.db") $(group_of "$T/kopie.db")" = "660 $G"

check "a group that does not exist is refused (exit 2)" expect_rc 2 "$KLANTVOLG_BIN" --db "$T/niet.db" --user admin init --group geen-groep-xyz --new-passphrase-fd 3 3<<<"$PW"
check "  ... saying which" said "Groep 'geen-groep-xyz' bestaat niet."
check "  ... and no file is made" test ! -e "$T/niet.db"
check "  ... nor a temporary one left" bash -c "! ls '$T' | grep -q 'niet.db.new'"
finish
