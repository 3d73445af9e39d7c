#!/bin/bash
# A file its reader may only read (klantvolg(5), WAL): a user without write access reads
# what is committed, the WAL's frames included; a write is refused and changes nothing;
# where SQLite cannot read a WAL database read-only (no -shm, a directory it may not
# write), klantvolg says so plainly and touches nothing. As root, with the user nobody;
# otherwise one "skipped" line.
. "$TESTLIB"
if [ "$(id -u)" != 0 ] || ! id nobody >/dev/null 2>&1 || ! command -v setpriv >/dev/null; then
    echo "skipped: needs root, setpriv and the user nobody"
    echo "0 passed, 0 failed"
    exit 77
fi
chmod 755 "$T"
mkdir "$T/bin" "$T/data"
cp "$KLANTVOLG_BIN" "$KVTOOL" "$T/bin/"
RDB="$T/data/ro.db"
"$KLANTVOLG_BIN" --db "$RDB" --user admin init --new-passphrase-fd 3 3<<<"$PW" >/dev/null
export KVTOOL_PASS="$PW"
ras() { "$KLANTVOLG_BIN" --db "$RDB" --user admin --passphrase-fd 3 "$@" 3<<<"$PW"; }
reader() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$T/bin/klantvolg" --db "$RDB" --user admin --passphrase-fd 3 "$@" 3<<<"$PW"; }

# A change left in the WAL: another process keeps the file open while it is committed,
# then dies, so nobody checkpoints it.
"$KVTOOL" hold "$RDB" admin 60 >"$T/hold.out" &
hpid=$!
for _ in $(seq "$WAIT_TRIES"); do grep -q open "$T/hold.out" 2>/dev/null && break; sleep 0.1; done
ras user add bob --role jobcoach --new-passphrase-fd 4 4<<<"jobcoach-ww1" >/dev/null
kill -9 "$hpid"
wait "$hpid" 2>/dev/null
chmod 644 "$RDB" "$RDB-wal" "$RDB-shm"
check "the change is in the WAL, not yet in the file" test -s "$RDB-wal"

check "a reader without write access opens it" expect_rc 0 reader user list
check "  ... and sees what the WAL holds" said "bob"
sums() { md5sum "$RDB" "$RDB-wal" 2>/dev/null; }
before=$(sums)
check "a write by that reader is refused" expect_rc 1 reader user add carla --role jobcoach --new-passphrase-fd 4 4<<<"jobcoach-ww1"
check "  ... saying the file is read-only" said "alleen-lezen"
check "  ... and changes nothing" test "$before" = "$(sums)"

rm "$RDB-shm"
check "without the WAL's index, in a directory it may not write: exit 1" expect_rc 1 reader user list
check "  ... saying what is missing and what to do" said "index van het WAL-bestand"
check "  ... not a bare SQLite error" bash -c "! grep -q 'Databasefout' '$T/err'"
check "  ... and changes nothing" test "$before" = "$(sums)"

check "the owner opens it again and nothing committed was lost" expect_rc 0 ras user list
check "  ... bob is there" said "bob"
check "  ... the file checks out" expect_rc 0 ras check
check "closed cleanly, the WAL and its index are gone" test ! -e "$RDB-wal" -a ! -e "$RDB-shm"
check "  ... so this reader, who cannot make them, is told the same" expect_rc 1 reader user list
check "  ... in the same words" said "index van het WAL-bestand"
finish
