#!/bin/bash
# Users and key slots from the command line: add, list, disable, enable, passwd.
. "$TESTLIB"
new_db
KM=klantmanager-ww1
check "a beheerder adds a klantmanager" expect_rc 0 as admin "$PW" user add anna --role klantmanager --name "Anna Ölçer" --team Werk --new-passphrase-fd 4 4<<<"$KM"
check "the new user opens with her own passphrase" expect_rc 0 as anna "$KM" user list
check "  ... and sees the list with UTF-8 names" said "Anna Ölçer"
check "tsv format lists one line per user, with the slot" bash -c "'$KLANTVOLG_BIN' --db '$DB' --user anna --passphrase-fd 3 user list --format tsv 3<<<'$KM' | awk -F'\t' 'NF==6 && \$6==\"ja\"' | wc -l | grep -qx 2"
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
check "  ... she cannot open" expect_rc 3 as anna "$NEW" user list
check "  ... listed as disabled" bash -c "'$KLANTVOLG_BIN' --db '$DB' --user admin --passphrase-fd 3 user list 3<<<'$PW' | grep -q 'anna .*uitgeschakeld'"
check "disable oneself: refused, exit 1" expect_rc 1 as admin "$PW" user disable admin
check "disable a user who does not exist: exit 1" expect_rc 1 as admin "$PW" user disable zoltan
check "enable anna with a new passphrase" expect_rc 0 as admin "$PW" user enable anna --new-passphrase-fd 4 4<<<"weer-welkom-anna"
check "  ... she opens with it" expect_rc 0 as anna "weer-welkom-anna" user list
check "  ... not with the one from before" expect_rc 3 as anna "$NEW" user list
check "file still sound" expect_rc 0 as admin "$PW" check
finish
