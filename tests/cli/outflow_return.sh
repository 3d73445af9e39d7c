#!/bin/bash
# outflow return: a client back on benefit after the latest outflow. Refused before the
# outflow, after today, without an outflow, twice (naming the date recorded) and for a
# colleague's client; once recorded the status is terug, in client show and the export,
# and the audit log has the change.
. "$TESTLIB"
demo_db 20
as() { local u=$1; shift; "$KLANTVOLG_BIN" --db "$D" --user "$u" --passphrase-fd 3 "$@" 3<<<"$P"; }
id_of() { as tl.jansen reminders --all --days 400 --format tsv | awk -F'\t' -v n="$1" '$4 == n {print $3; exit}'; }
M=$(id_of "Marjolein Verhoef") # the teacher: outflow to work on 2025-09-07, km.bakker's
H=$(id_of "Henk Oosterhuis")   # km.bakker's, no outflow
snapshot=$(as tl.jansen export --client "$M" | md5sum)

check "a return before the outflow: exit 2" expect_rc 2 as km.bakker outflow return "$M" 1-9-2025
check "  ... names the outflow's date" said "De terugkeer ligt voor de uitstroom van 7-9-2025."
check "a return after today: exit 2" expect_rc 2 as km.bakker outflow return "$M" 2026-03-02
check "  ... says so" said "ligt niet na vandaag"
check "a client without an outflow: exit 2" expect_rc 2 as km.bakker outflow return "$H"
check "  ... says so" said "heeft geen uitstroom"
check "not a date: exit 2" expect_rc 2 as km.bakker outflow return "$M" gisteren
check "another klantmanager's client: exit 3" expect_rc 3 as km.devries outflow return "$M" 2026-02-20
check "no such subcommand: exit 2" expect_rc 2 as km.bakker outflow undo "$M"
check "  ... with the usage" said "klantvolg outflow return KLANT-ID [DATUM]"
check "  ... and nothing changed" test "$(as tl.jansen export --client "$M" | md5sum)" = "$snapshot"

check "before: the status is not terug" expect_rc 0 as km.bakker client show "$M"
check "  ... (nazorg or uitgestroomd)" said_re "^Status +(Nazorg|Uitgestroomd)$"
check "the return recorded by the klantmanager" expect_rc 0 as km.bakker outflow return "$M" 20-2-2026
check "  ... says so with the status" said "Klant $M is op 20-2-2026 teruggekeerd in de uitkering (status: terug)."
check "client show: status terug" expect_rc 0 as km.bakker client show "$M"
check "  ... derived from the return" said_re "^Status +Terug in de uitkering$"
check "the export has the date" bash -c "'$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 export --client '$M' 3<<<'$P' | grep -q '\"returned_on\":\"2026-02-20\"'"
check "  ... and the status" bash -c "'$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 export --client '$M' 3<<<'$P' | grep -q '\"status\":\"terug\"'"
check "the audit log has the change" expect_rc 0 as tl.jansen audit --client "$M"
check "  ... old -> new" said "outflows#1: returned_on: (leeg) -> 2026-02-20"
check "a second return: exit 2" expect_rc 2 as km.bakker outflow return "$M" 2026-02-25
check "  ... names the date recorded" said "De terugkeer is al vastgelegd op 20-2-2026 (uitstroom van 7-9-2025)."
finish
