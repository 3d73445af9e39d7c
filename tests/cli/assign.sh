#!/bin/bash
# assign: a teamleider hands clients on within her team, to an active klantmanager of
# that team; a teamleider without a team oversees everyone; a beheerder and a
# klantmanager assign nobody. A refused assign changes nothing.
. "$TESTLIB"
demo_db 20
as() { local u=$1; shift; "$KLANTVOLG_BIN" --db "$D" --user "$u" --passphrase-fd 3 "$@" 3<<<"$P"; }
as demo user add tl.werk --role teamleider --team Werk --new-passphrase-fd 4 4<<<"$P" >/dev/null
BAKKER=$(as km.bakker reminders --days 400 --format tsv | head -1 | cut -f3)
ELAMRANI=$(as km.elamrani reminders --days 400 --format tsv | head -1 | cut -f3)
holds() { as "$1" export --client "$2" >/dev/null 2>&1; }

check "a client of another team: exit 3" expect_rc 3 as tl.werk assign "$ELAMRANI" km.bakker
check "  ... says so" said "Klant $ELAMRANI valt buiten uw team."
check "  ... and it stays where it was" holds km.elamrani "$ELAMRANI"
check "to a klantmanager of another team: exit 3" expect_rc 3 as tl.werk assign "$BAKKER" km.elamrani
check "  ... says so" said "'km.elamrani' hoort niet bij uw team"
check "to a teamleider: exit 3" expect_rc 3 as tl.werk assign "$BAKKER" tl.jansen
check "  ... says so" said "'tl.jansen' is teamleider en krijgt geen klanten"
check "a beheerder assigns nobody: exit 3" expect_rc 3 as demo assign "$BAKKER" km.yilmaz
check "  ... says so" said "Een beheerder wijst geen klanten toe"
check "a klantmanager hands nothing on: exit 3" expect_rc 3 as km.bakker assign "$BAKKER" km.yilmaz
check "  ... and nobody took km.bakker's client" holds km.bakker "$BAKKER"
check "the teamleider hands a client of her team to a colleague in it" expect_rc 0 as tl.werk assign "$BAKKER" km.yilmaz --note "Sanne met verlof"
check "  ... km.yilmaz has it now" holds km.yilmaz "$BAKKER"
check "a teamleider without a team assigns across teams" expect_rc 0 as tl.jansen assign "$ELAMRANI" km.bakker
check "  ... km.bakker has it now" holds km.bakker "$ELAMRANI"
as demo user disable km.devries >/dev/null
check "to a disabled klantmanager: exit 2" expect_rc 2 as tl.jansen assign "$BAKKER" km.devries
check "  ... says so" said "bestaat niet of is uitgeschakeld"
finish
