#!/bin/bash
# The disk fills up during a save (a file-size limit of 4 KiB: the WAL cannot take its
# first frame): a clear message, the form kept as typed, the database as it was, no
# journal left behind, and the application goes on.
. "$TESTLIB"
need_tmux
demo_db 20
LAST=$(first_last_name km.bakker)
before=$(export_as km.bakker | md5sum)
# The WAL index (-shm, 32 KiB) is made by the first process to open the file, which a
# 4 KiB limit would not let it; another session has the file open already, as on a
# server. Under the limit only the WAL's growth fails.
KVTOOL_PASS="$P" "$KVTOOL" hold "$D" demo 120 >"$T/hold.out" 2>&1 &
holder=$!
for _ in $(seq "$WAIT_TRIES"); do grep -q open "$T/hold.out" 2>/dev/null && break; sleep 0.1; done
tm -u new-session -d -s kv -x 80 -y 24 "bash -c 'ulimit -f 4; exec env LANG=C.UTF-8 \"$KLANTVOLG_BIN\" --db \"$D\" --user km.bakker'; echo \$? > '$T/rc'; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
wait_for "werkvoorraad — " >/dev/null
keys / "$LAST" Enter Enter
# Every open of a client file is logged; an open that cannot be logged does not happen.
check "a dossier does not open when its opening cannot be logged" wait_for "De schijf is vol"
check "  ... the caseload stays on screen" wait_for "werkvoorraad — "
keys q
check "  ... and the application quits normally" rc_is 0
tm_stop
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# The disk fills up while the dossier is open: the limit is set on the running process.
tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user km.bakker; echo \$? > '$T/rc'; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
wait_for "werkvoorraad — " >/dev/null
keys / "$LAST" Enter Enter
wait_for "1 Overzicht" >/dev/null
pid=$(pgrep -f -- "--db $D --user km.bakker" | head -1)
check "the disk fills up under the open dossier" prlimit --pid "$pid" --fsize=4096:4096
keys c Tab Space t Enter Tab Tab "Gesprek dat niet past"
keys F2
check "a save on a full disk says so" wait_for "Niet opgeslagen: De schijf is vol; er is niets opgeslagen en de database is"
check "  ... the form stays as typed" wait_for_re '^\* Verslag +Gesprek dat niet past'
check "  ... no journal is left behind" test ! -e "$D-journal"
keys Escape j q q
check "  ... and the application goes on, then quits normally" rc_is 0
tm_stop
check "the database is as it was (export unchanged)" test "$(export_as km.bakker | md5sum)" = "$before"
sound() { "$KLANTVOLG_BIN" --db "$D" --user demo --passphrase-fd 3 check 3<<<"$P" >/dev/null; }
check "  ... and sound" sound

# The same from the command line: exit 1, the message, the setting unchanged.
setting() { "$KLANTVOLG_BIN" --db "$D" --user demo --passphrase-fd 3 config list 3<<<"$P" | grep vergrendel_na_minuten; }
was=$(setting)
check "a command on a full disk ends with exit 1" expect_rc 1 bash -c "ulimit -f 4; '$KLANTVOLG_BIN' --db '$D' --user demo --passphrase-fd 3 config set vergrendel_na_minuten 5 3<<<'$P'"
check "  ... saying the disk is full" said "De schijf is vol; er is niets opgeslagen en de database is intact."
check "  ... the setting unchanged" test "$(setting)" = "$was"
finish
