#!/bin/bash
# Handovers (issue 15, items 7 and 8). The Veenendaal finding: clients did not know their
# klantmanager had changed. Until the date the client was told is recorded, the new
# klantmanager has a signal and the teamleider a warning; `assign --informed` records it
# (on the assignment there is, too) and ends both. A handover to the klantmanager the
# client has is refused and changes nothing.
. "$TESTLIB"
export KLANTVOLG_NOW=2026-03-01
demo_db 60
as() { local u=$1; shift; "$KLANTVOLG_BIN" --db "$D" --user "$u" --passphrase-fd 3 "$@" 3<<<"$P"; }
handovers() { as tl.jansen report caseload | awk '$1 == "TEAM" {print $NF}'; }
signal_of() { as km.bakker reminders --days 400 --format tsv | grep -c klant_inlichten; }
warned() { as tl.jansen warnings --all --format tsv | grep -c "${1:-}.*niet_ingelicht"; }

# The demo hands one client to km.bakker without telling the client.
as tl.jansen warnings --all --format tsv >"$T/w"
ID=$(awk -F'\t' '$4 == "niet_ingelicht" {print $1}' "$T/w")
check "the demo has one handover the client was not told of" test "$(echo "$ID" | wc -w)" = 1
check "  ... the teamleider's warnings say so" expect_rc 0 as tl.jansen warnings --all
check "  ... in words" said "Nieuwe klantmanager sinds 20-7-2025; niet vastgelegd dat de klant is ingelicht"
check "  ... the new klantmanager has the signal" expect_rc 0 as km.bakker reminders --days 400 --format tsv
check "  ... of its kind" said_re "klant_inlichten"

# Refused: a handover to the klantmanager the client has.
BEFORE=$(handovers)
check "a handover to the current klantmanager: exit 2" expect_rc 2 as tl.jansen assign "$ID" km.bakker --note "nog eens"
check "  ... says so" said "km.bakker is al de klantmanager van klant $ID; er is niets overgedragen."
check "  ... and is not counted as a change" test "$(handovers)" = "$BEFORE"

# Refused: a date in the future, a date that is not one, no user and no date.
check "--informed tomorrow: exit 2" expect_rc 2 as km.bakker assign "$ID" --informed 2026-03-02
check "  ... says so" said "De datum waarop de klant is ingelicht ligt niet na vandaag."
check "--informed without a date: exit 2" expect_rc 2 as km.bakker assign "$ID" --informed gisteren
check "  ... says so" said "--informed verwacht een datum, niet 'gisteren'"
check "assign without a user needs --informed: exit 2" expect_rc 2 as km.bakker assign "$ID"
check "  ... says so" said "zonder GEBRUIKER hoort er --informed DATUM bij"
check "another klantmanager records nothing for the client: exit 3" expect_rc 3 as km.yilmaz assign "$ID" --informed 2026-02-20
check "  ... says so" said "Alleen de klantmanager van klant $ID of de teamleider legt vast"
check "  ... and the signal stays" expect_rc 0 as km.bakker reminders --days 400 --format tsv
check "  ... (still there)" said_re "klant_inlichten"

# Refused: told of a handover there never was. (Told before a handover is fine: a client
# is often told in advance.)
# A client of hers with one klantmanager assignment only: hers since registration.
NEW=""
for c in $(as km.bakker reminders --days 400 --format tsv | cut -f3 | sort -un | head -8); do
    n=$(as km.bakker export --client "$c" --format json | grep -o '"role_in_case":"klantmanager"' | wc -l)
    if [ "$n" = 1 ]; then NEW=$c; break; fi
done
check "the demo has a client of hers never handed over" test -n "$NEW"
check "--informed for a client never handed over: exit 2" expect_rc 2 as km.bakker assign "$NEW" --informed 2026-02-20
check "  ... says so" said "Klant $NEW is niet overgedragen"

# Recorded by the new klantmanager: both end.
check "the klantmanager records the date on her assignment" expect_rc 0 as km.bakker assign "$ID" --informed 2026-02-20
check "  ... says so" said "Klant $ID is op 20-2-2026 ingelicht over de klantmanager."
check "  ... her signal has ended" test "$(signal_of)" = 0
check "  ... and the teamleider's warning" test "$(warned)" = 0
KLANTVOLG_USER=tl.jansen "$KLANTVOLG_BIN" --db "$D" --passphrase-fd 3 audit --client "$ID" 3<<<"$P" >"$T/audit"
check "  ... the change is in the audit log" grep -q "km.bakker .*client_informed_on: (leeg) -> 2026-02-20" "$T/audit"
# A date recorded is kept: another one is refused naming it, unless --force.
check "another date over the one recorded: exit 2" expect_rc 2 as km.bakker assign "$ID" --informed 2026-02-25
check "  ... names the date recorded" said "Klant $ID is al op 20-2-2026 ingelicht; die datum blijft staan."
check "  ... and how to replace it" said "een andere datum vervangt die alleen met --force"
check "the same date again is no conflict" expect_rc 0 as km.bakker assign "$ID" --informed 2026-02-20
check "--force replaces it" expect_rc 0 as km.bakker assign "$ID" --informed 2026-02-25 --force
KLANTVOLG_USER=tl.jansen "$KLANTVOLG_BIN" --db "$D" --passphrase-fd 3 audit --client "$ID" 3<<<"$P" >"$T/audit"
check "  ... in the audit log, old -> new" grep -q "km.bakker .*client_informed_on: 2026-02-20 -> 2026-02-25" "$T/audit"

# A handover with the date given at once raises no signal; by the teamleider, with USER
# the current klantmanager, the date lands on the assignment there is.
OTHER=$(as km.yilmaz reminders --days 400 --format tsv | head -1 | cut -f3)
check "a handover with --informed" expect_rc 0 as tl.jansen assign "$OTHER" km.devries --note "Emre met verlof" --informed 2026-03-01
check "  ... asks nothing more" test "$(warned)" = 0
check "  ... and counts as a change" test "$(handovers)" = "$((BEFORE + 1))"
THIRD=$(as km.yilmaz reminders --days 400 --format tsv | head -1 | cut -f3)
as tl.jansen assign "$THIRD" km.devries --note "Ook over" >/dev/null
check "without it the teamleider sees the warning" test "$(warned "^$THIRD	")" = 1
check "the teamleider records it naming the klantmanager the client has" expect_rc 0 as tl.jansen assign "$THIRD" km.devries --informed 2026-03-01
check "  ... which is no new handover" test "$(handovers)" = "$((BEFORE + 2))"
check "  ... and ends the warning" test "$(warned)" = 0
finish
