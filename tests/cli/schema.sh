#!/bin/bash
# The trusted schema from the command line: a trigger planted by a key holder (SQL run
# past klantvolg through the library) makes every command refuse the file with exit 4,
# naming the trigger, and changes nothing; check still opens it and names it. A file as
# klantvolg made it, and one analysed by SQLite, are sound.
. "$TESTLIB"
new_db
as admin "$PW" user add km --role klantmanager --new-passphrase-fd 4 4<<<"km-wachtwoord-1" >/dev/null
export KVTOOL_PASS="$PW"

check "a new file: check exits 0" expect_rc 0 as admin "$PW" check
check "  ... and says the schema is klantvolg's" said "Schema:         versie"
check "analysed by SQLite (sqlite_stat1)" expect_rc 0 "$KVTOOL" sql "$DB" admin "ANALYZE"
check "  ... still opens" expect_rc 0 as admin "$PW" user list
check "  ... and check calls it sound" expect_rc 0 as admin "$PW" check

check "a key holder plants a trigger" expect_rc 0 "$KVTOOL" sql "$DB" admin \
    "CREATE TRIGGER promote AFTER UPDATE ON users BEGIN UPDATE users SET role = 'beheerder'; END"
before=$(sum "$DB")
check "every command refuses the file: exit 4" expect_rc 4 as km km-wachtwoord-1 reminders
check "  ... naming the trigger" said "trigger 'promote' onbekend"
check "  ... the beheerder too" expect_rc 4 as admin "$PW" user list
check "  ... and nothing was written" test "$(sum "$DB")" = "$before"
check "check opens it and exits 4" expect_rc 4 as admin "$PW" check
check "  ... naming the trigger" said_re "^ +trigger 'promote' onbekend$"
check "  ... under a schema line" said "Schema:         NIET IN ORDE"
check "  ... ending not sound" said "Resultaat:      NIET IN ORDE"
finish
