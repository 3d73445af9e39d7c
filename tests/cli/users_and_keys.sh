#!/bin/bash
# Users and key slots from the command line: add, list, disable, enable, passwd; hours
# per week (the caseload norm scales with them).
. "$TESTLIB"
new_db
KM=klantmanager-ww1
check "a beheerder adds a klantmanager" expect_rc 0 as admin "$PW" user add anna --role klantmanager --name "Anna Ölçer" --team Werk --new-passphrase-fd 4 4<<<"$KM"
check "the new user opens with her own passphrase" expect_rc 0 as anna "$KM" user list
check "  ... and sees the list with UTF-8 names" said "Anna Ölçer"
check "tsv format lists one line per user, with the slot" bash -c "'$KLANTVOLG_BIN' --db '$DB' --user anna --passphrase-fd 3 user list --format tsv 3<<<'$KM' | awk -F'\t' 'NF==7 && \$7==\"ja\"' | wc -l | grep -qx 2"
check "  ... full time (36 hours) unless set" bash -c "'$KLANTVOLG_BIN' --db '$DB' --user anna --passphrase-fd 3 user list --format tsv 3<<<'$KM' | grep -qP '^anna\tklantmanager\t.*\tWerk\t36\tja$'"
check "user add --hours: a part-time klantmanager" expect_rc 0 as admin "$PW" user add carla --role klantmanager --hours 28,8 --new-passphrase-fd 4 4<<<"klantmanager-ww3"
check "  ... listed with her hours" bash -c "'$KLANTVOLG_BIN' --db '$DB' --user anna --passphrase-fd 3 user list --format tsv 3<<<'$KM' | grep -qP '^carla\t.*\t28\.8\tja$'"
check "user hours without --hours: exit 2" expect_rc 2 as admin "$PW" user hours carla
check "user hours for nobody: exit 2" expect_rc 2 as admin "$PW" user hours niemand --hours 20
check "unknown format: exit 2" expect_rc 2 as anna "$KM" user list --format xml
check "a klantmanager may not add users: exit 3" expect_rc 3 as anna "$KM" user add bob --role jobcoach --new-passphrase-fd 4 4<<<"jobcoach-ww1"
check "  ... told why" said "Alleen een beheerder"
check "user add without --role: exit 2" expect_rc 2 as admin "$PW" user add bob --new-passphrase-fd 4 4<<<"jobcoach-ww1"
check "user add with an unknown role: exit 2" expect_rc 2 as admin "$PW" user add bob --role baas --new-passphrase-fd 4 4<<<"jobcoach-ww1"
check "user add with a bad name: exit 2" expect_rc 2 as admin "$PW" user add "Bob B" --role jobcoach --new-passphrase-fd 4 4<<<"jobcoach-ww1"
check "user add with a short passphrase: exit 2" expect_rc 2 as admin "$PW" user add bob --role jobcoach --new-passphrase-fd 4 4<<<"kort"
check "  ... and bob does not exist" bash -c "! '$KLANTVOLG_BIN' --db '$DB' --user admin --passphrase-fd 3 user list 3<<<'$PW' | grep -q '^bob'"
check "a duplicate user: exit 1" expect_rc 1 as admin "$PW" user add anna --role jobcoach --new-passphrase-fd 4 4<<<"jobcoach-ww1"

NEW=nieuw-wachtwoord-anna
check "passwd with old and new passphrase" expect_rc 0 as anna "$KM" passwd --new-passphrase-fd 4 4<<<"$NEW"
check "  ... the old passphrase fails" expect_rc 3 as anna "$KM" user list
check "  ... the new one works" expect_rc 0 as anna "$NEW" user list
check "  ... others are unaffected" expect_rc 0 as admin "$PW" user list
check "passwd with a wrong current passphrase: exit 3" expect_rc 3 as anna "$KM" passwd --new-passphrase-fd 4 4<<<"nog-een-wachtwoord"

check "disable anna" expect_rc 0 as admin "$PW" user disable anna
check "  ... alone with the file, the master key is replaced at once" said "De hoofdsleutel is vervangen"
check "  ... she cannot open" expect_rc 3 as anna "$NEW" user list
check "  ... listed as disabled" bash -c "'$KLANTVOLG_BIN' --db '$DB' --user admin --passphrase-fd 3 user list 3<<<'$PW' | grep -q 'anna .*uitgeschakeld'"
check "disable oneself: refused, exit 1" expect_rc 1 as admin "$PW" user disable admin
check "disable a user who does not exist: exit 1" expect_rc 1 as admin "$PW" user disable zoltan
check "enable anna with a new passphrase" expect_rc 0 as admin "$PW" user enable anna --new-passphrase-fd 4 4<<<"weer-welkom-anna"
check "  ... she opens with it" expect_rc 0 as anna "weer-welkom-anna" user list
check "  ... not with the one from before" expect_rc 3 as anna "$NEW" user list
check "file still sound" expect_rc 0 as admin "$PW" check

# A key holder plants a slot for a name with no user: check flags it, user list shows it,
# disabling the planter and rekey leave nothing of it.
KVTOOL_PASS="weer-welkom-anna" "$KVTOOL" plant "$DB" anna eve
check "a planted slot: check says the file is not sound (exit 4)" expect_rc 4 as admin "$PW" check
check "  ... names it" said_re "sleutel eve +ZONDER ACTIEVE GEBRUIKER"
check "  ... and how to remove it" said "klantvolg rekey"
check "user list shows the slot without a user" expect_rc 0 as admin "$PW" user list
check "  ... by name" said_re "^  eve +ZONDER ACTIEVE GEBRUIKER"
check "  ... and each user's own slot" said_re "^anna +klantmanager +actief +ja "
# While someone has the file open the rotation waits, and check says since when.
KVTOOL_PASS="$PW" "$KVTOOL" hold "$DB" admin 60 >"$T/hold.out" 2>&1 &
hpid=$!
for _ in $(seq 100); do grep -q open "$T/hold.out" 2>/dev/null && break; sleep 0.1; done
check "disable the planter" expect_rc 0 as admin "$PW" user disable anna
check "  ... the file is open elsewhere: the new master key waits" said "zodra niemand de database open heeft"
check "  ... check says a key rotation is pending" expect_rc 4 as admin "$PW" check
check "  ... since when" said_re "sleutelwissel nodig sinds $(date +%Y-%m-%d) [0-9]{2}:[0-9]{2}"
check "rekey cannot run while the file is open elsewhere (exit 5)" expect_rc 5 as admin "$PW" rekey
kill $hpid; wait $hpid 2>/dev/null
check "rekey drops the planted slot" expect_rc 0 as admin "$PW" rekey
check "  ... and says so" said "1 sleutel(s) zonder actieve gebruiker verwijderd"
check "  ... eve is gone from the list" bash -c "! '$KLANTVOLG_BIN' --db '$DB' --user admin --passphrase-fd 3 user list 3<<<'$PW' | grep -q eve"
check "  ... and the file is sound again" expect_rc 0 as admin "$PW" check
check "  ... with no rotation pending" bash -c "! grep -q sleutelwissel '$T/out'"
finish
