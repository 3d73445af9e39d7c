#!/bin/bash
# Catalogues and configuration are data a beheerder changes; everyone may read them; a
# change of configuration changes the signals.
. "$TESTLIB"
D="$T/demo.db"
P=klantvolg-demo
as_() { local u=$1; shift; "$KLANTVOLG_BIN" --db "$D" --user "$u" --passphrase-fd 3 "$@" 3<<<"$P"; }
"$KLANTVOLG_BIN" --demo --db "$D" --clients 20 >/dev/null

check "everyone may list the catalogues" expect_rc 0 as_ km.bakker catalogue list
check "  ... the participatieladder is seeded" said "Trede 6: betaald werk"
check "  ... and the instruments" said $'instrument\twerkervaringsplaats\tWerkervaringsplaats\twerkervaring\tactief'
check "a beheerder adds a route" expect_rc 0 as_ demo catalogue add route schuldhulp_werk --name "Via schuldhulp naar werk"
check "  ... listed" bash -c "'$KLANTVOLG_BIN' --db '$D' --user demo --passphrase-fd 3 catalogue list route 3<<<'$P' | grep -q \$'schuldhulp_werk\tVia schuldhulp naar werk'"
check "the same code twice: exit 1" expect_rc 1 as_ demo catalogue add route schuldhulp_werk --name "Nogmaals"
check "a bad code: exit 2" expect_rc 2 as_ demo catalogue add route "Schuld Hulp" --name "x"
check "an unknown catalogue: exit 2" expect_rc 2 as_ demo catalogue add planeet mars --name "Mars"
check "no description: exit 2" expect_rc 2 as_ demo catalogue add route iets
check "a klantmanager may not change catalogues: exit 3" expect_rc 3 as_ km.bakker catalogue add route x --name y
check "disable an instrument" expect_rc 0 as_ demo catalogue disable instrument tegenprestatie
check "  ... listed as disabled" bash -c "'$KLANTVOLG_BIN' --db '$D' --user demo --passphrase-fd 3 catalogue list instrument 3<<<'$P' | grep -q \$'tegenprestatie.*uitgeschakeld'"
check "disable a code that is not there: exit 1" expect_rc 1 as_ demo catalogue disable route nergens
check "enable it again" expect_rc 0 as_ demo catalogue enable instrument tegenprestatie

check "config list shows lead times and norms" expect_rc 0 as_ km.bakker config list
check "  ... the contact norm for Werk" said $'norm.contact_dagen.werk\t30'
contact_signals() { as_ tl.jansen reminders --all --days 3650 --format tsv | grep $'\tcontactnorm\t' | sort; }
contact_signals >"$T/before"
check "  ... (there are contact signals to move)" test -s "$T/before"
check "a beheerder changes the Werk contact norm" expect_rc 0 as_ demo config set norm.contact_dagen.werk 10
contact_signals >"$T/after"
check "  ... and the contact signals of Werk clients move" bash -c "! cmp -s '$T/before' '$T/after'"
check "a value out of range: exit 2" expect_rc 2 as_ demo config set norm.contact_dagen.werk 99999
check "an unknown key: exit 2" expect_rc 2 as_ demo config set norm.onzin 5
check "a klantmanager may not change settings: exit 3" expect_rc 3 as_ km.bakker config set norm.contact_dagen.werk 5
finish
