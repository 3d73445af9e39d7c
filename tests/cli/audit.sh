#!/bin/bash
# Roles and the audit log from the command line: what each role may export, report and
# read; every export, waarneming and failed login in the log, shown to a teamleider or
# beheerder with filters; a tampered log found by check; the retention purge with its
# dry run and confirmation, after which the person is gone from the decrypted file.
. "$TESTLIB"
demo_db 30
as() { local u=$1; shift; "$KLANTVOLG_BIN" --db "$D" --user "$u" --passphrase-fd 3 "$@" 3<<<"$P"; }
# audit_as WHO ARGS: who asks comes from KLANTVOLG_USER, since --user names whose entries.
audit_as() { local w=$1; shift; KLANTVOLG_USER=$w "$KLANTVOLG_BIN" --db "$D" --passphrase-fd 3 audit "$@" 3<<<"$P"; }
audit() { audit_as tl.jansen "$@"; }
add_user() { as demo user add "$1" --role "$2" --new-passphrase-fd 4 4<<<"$P" >/dev/null; }
add_user kim.kwaliteit kwaliteitsmedewerker
add_user jan.jobcoach jobcoach
add_user cor.consulent consulent_inkomen
export KVTOOL_PASS="$P"

# Exports: own clients for casework roles, all for the team-wide roles, none for a beheerder.
ALL=$(as tl.jansen export | wc -l)
OWN=$(as km.bakker export | wc -l)
check "a teamleider exports every client (30 generated, 8 from DOMAIN.md)" test "$ALL" -eq 38
check "a kwaliteitsmedewerker too" test "$(as kim.kwaliteit export | wc -l)" -eq 38
check "a klantmanager exports only her own clients" test "$OWN" -gt 0 -a "$OWN" -lt 38
check "a jobcoach without clients exports nothing" test "$(as jan.jobcoach export | wc -l)" -eq 0
check "  ... nor does a consulent inkomen" test "$(as cor.consulent export | wc -l)" -eq 0
check "  ... whose reminders are her own (none)" expect_rc 0 as cor.consulent reminders --format tsv
check "  ... and who sees no team-wide reminders (exit 3)" expect_rc 3 as cor.consulent reminders --all
check "a beheerder sees no client content (exit 3)" expect_rc 3 as demo export
check "  ... and says so" said "Een beheerder ziet geen klantdossiers."
check "team-wide reminders: not for a klantmanager (exit 3)" expect_rc 3 as km.bakker reminders --all
check "  ... for a kwaliteitsmedewerker" expect_rc 0 as kim.kwaliteit reminders --all
check "the caseload report: not for a klantmanager (exit 3)" expect_rc 3 as km.bakker report caseload
check "  ... nor for a beheerder" expect_rc 3 as demo report caseload
check "  ... for a teamleider" expect_rc 0 as tl.jansen report caseload

# The anonymised export for research: team-wide roles, no identifying field.
check "research export: for a teamleider" expect_rc 0 as tl.jansen export --format research
cp "$T/out" "$T/research"
check "  ... one line per client" test "$(wc -l < "$T/research")" -eq 38
check "  ... each with a pseudonym" test "$(grep -c '^{"pseudoniem":"p[0-9a-f]\{16\}",' "$T/research")" -eq 38
check "  ... all different" test "$(grep -o '"pseudoniem":"[^"]*"' "$T/research" | sort -u | wc -l)" -eq 38
check "  ... ages in bands" grep -q '"leeftijd":"[0-9+-]*"' "$T/research"
check "  ... no name, BSN, address, free text or employer field" bash -c "! grep -qE '\"(bsn|first_name|last_name|address|phone|email|notes|summary|text|motivation|employer|evaluation|result|user|birth_date)\":' '$T/research'"
as tl.jansen export >"$T/full"
grep -o '"bsn":"[0-9]*"' "$T/full" | cut -d'"' -f4 >"$T/bsns"
check "  ... and no BSN anywhere in it" bash -c "! grep -qFf '$T/bsns' '$T/research'"
check "  ... dates to the month" bash -c "! grep -qE '\"[0-9]{4}-[0-9]{2}-[0-9]{2}\"' '$T/research'"
check "  ... another export, other pseudonyms" bash -c "! grep -qFf <(grep -o '\"pseudoniem\":\"[^\"]*\"' '$T/research') <('$KLANTVOLG_BIN' --db '$D' --user tl.jansen --passphrase-fd 3 export --format research 3<<<'$P')"
check "  ... not for a klantmanager (exit 3)" expect_rc 3 as km.bakker export --format research
check "  ... not for one client (exit 2)" expect_rc 2 as tl.jansen export --format research --client 3

# Waarneming: another's client needs a stated reason, which is logged.
MINE=$(as km.bakker reminders --format tsv | head -1 | cut -f3)
OTHER=$(as km.devries reminders --format tsv | head -1 | cut -f3)
check "another caseworker's client is refused (exit 3)" expect_rc 3 as km.bakker export --client "$OTHER"
check "  ... and the message points to waarneming" said "openen kan als waarneming, met een reden"
check "a waarneming without a real reason is wrong use (exit 2)" expect_rc 2 as km.bakker export --client "$OTHER" --waarneming "x"
check "a waarneming with a reason exports the client" expect_rc 0 as km.bakker export --client "$OTHER" --waarneming "Vervanging: De Vries is ziek"
check "  ... that client only" test "$(wc -l < "$T/out")" -eq 1
check "--waarneming without --client is wrong use (exit 2)" expect_rc 2 as km.bakker export --waarneming "Vervanging"
check "a teamleider cannot close a case: she reads (exit 3)" expect_rc 3 as tl.jansen close "$MINE"
check "  ... and says why" said "Een teamleider leest mee maar wijzigt geen dossier"

# A failed login waits outside the file and is in the log after the next open.
check "a wrong passphrase is exit 3" expect_rc 3 bash -c "'$KLANTVOLG_BIN' --db '$D' --user km.yilmaz --passphrase-fd 3 export 3<<<fout"
check "  ... noted in a side file with the database's mode (0600)" test "$(stat -c %a "$D-aanmeldingen")" = 600
check "  ... holding the name and no client data" grep -q "km.yilmaz	onjuist wachtwoord" "$D-aanmeldingen"

# The log, for a teamleider or beheerder.
check "a klantmanager may not read the audit log (exit 3)" expect_rc 3 audit_as km.bakker
check "  ... nor a kwaliteitsmedewerker" expect_rc 3 audit_as kim.kwaliteit
check "the teamleider reads it" expect_rc 0 audit
check "  ... the failed login, by name" said_re "km\.yilmaz +aanmelding_mislukt +- +onjuist wachtwoord"
check "  ... the waarneming with its reason" said_re "km\.bakker +waarneming +$OTHER +reden: Vervanging: De Vries is ziek"
check "  ... every client of each of the teamleider's exports (json, research twice)" test "$(grep -cE 'tl\.jansen +export ' "$T/out")" -eq $((4 * 38))
check "--client shows one client's entries" expect_rc 0 audit --client "$OTHER"
check "  ... only those" test "$(grep -cvE "^ +[0-9]+ .* $OTHER  |^ +NR |regels$" "$T/out")" -eq 0
check "--user (whose entries) shows one user's" expect_rc 0 audit --user km.bakker --format tsv
check "  ... only hers" test "$(cut -f3 "$T/out" | sort -u)" = km.bakker
# The log keeps the real clock, whatever day KLANTVOLG_NOW plays.
check "--from after today shows nothing" expect_rc 0 audit --from "$(date -d tomorrow +%F)"
check "  ... and says so" said "0 regels"
check "--format json: one object a line, the detail as JSON" expect_rc 0 audit --client "$OTHER" --format json
check "  ... with the reason inside" said '"action":"waarneming","client":'"$OTHER"',"record":"","detail":{"reden":"Vervanging: De Vries is ziek"}}'
check "a beheerder reads it too" expect_rc 0 audit_as demo --user km.yilmaz
# A global --user before the command names who asks, as for every command (the manual's
# example); after the command it names whose entries.
check "--user before audit: who asks (the manual's 'klantvolg --user beheer audit head')" expect_rc 0 env -u KLANTVOLG_USER "$KLANTVOLG_BIN" --db "$D" --user demo --passphrase-fd 3 audit head 3<<<"$P"
check "  ... the head" said_re "^[0-9]+ [0-9a-f]{64}$"
check "--user before and after: who asks and whose entries" expect_rc 0 env -u KLANTVOLG_USER "$KLANTVOLG_BIN" --db "$D" --user tl.jansen --passphrase-fd 3 audit --user km.bakker --format tsv 3<<<"$P"
check "  ... only km.bakker's entries" test "$(cut -f3 "$T/out" | sort -u)" = km.bakker
check "a klantmanager asking with --user before audit is refused as herself" expect_rc 3 env -u KLANTVOLG_USER "$KLANTVOLG_BIN" --db "$D" --user km.bakker --passphrase-fd 3 audit 3<<<"$P"
check "  ... named, not the login name" said "'km.bakker' is klantmanager"
check "a bad date is wrong use (exit 2)" expect_rc 2 audit --from gisteren
HEAD=$(audit head)
check "audit head prints the newest entry's number and hash" bash -c "grep -qE '^[0-9]+ [0-9a-f]{64}$' <<<'$HEAD'"
check "check verifies the chain" expect_rc 0 as demo check
check "  ... and names the head" said "Auditlog, kop:  $HEAD"

# Retention: close a case long ago, then purge with a dry run and a confirmation.
NAME=$(as km.bakker export --client "$MINE" | grep -o '"last_name":"[^"]*"' | cut -d'"' -f4)
BSN=$(as km.bakker export --client "$MINE" | grep -o '"bsn":"[0-9]*"' | cut -d'"' -f4)
check "the file holds the client before the purge (decrypted pages)" bash -c "'$KVTOOL' plain '$D' demo | grep -qa '$BSN'"
check "a klantmanager closes her client's case" expect_rc 0 as km.bakker close "$MINE" 2018-05-31
check "  ... on that date" said "Het dossier van klant $MINE is afgesloten op 31-5-2018."
check "a case closes once (exit 2)" expect_rc 2 as km.bakker close "$MINE"
check "purge is for a beheerder (exit 3)" expect_rc 3 as tl.jansen purge --dry-run
check "a dry run lists what the bewaartermijn allows" expect_rc 0 as demo purge --dry-run
check "  ... the client and its closing date" said_re "^ +$MINE +31-5-2018 +[0-9]+$"
check "  ... and erases nothing" said "Proefrun: er is niets gewist."
check "without a terminal or --force nothing is erased (exit 1)" expect_rc 1 as demo purge </dev/null
check "  ... and the reason is given" said "gebruik --force in een script"
check "  ... the client still there" expect_rc 0 as km.bakker export --client "$MINE"
check "--force purges" expect_rc 0 as demo purge --force
check "  ... and says so" said "1 dossier gewist"
check "the client is gone" expect_rc 1 as km.bakker export --client "$MINE"
check "  ... from the decrypted file as well (BSN)" bash -c "! '$KVTOOL' plain '$D' demo | grep -qa '$BSN'"
check "  ... (name)" bash -c "! '$KVTOOL' plain '$D' demo | grep -qa -- '\"last_name\":\"$NAME\"'"
check "the purge is in the log" expect_rc 0 audit --client "$MINE"
check "  ... by the beheerder, with the closing date" said_re "demo +purge +$MINE +afgesloten op 2018-05-31"
check "the chain is still sound (erased details accounted for)" expect_rc 0 as demo check
check "  ... and says how many were erased" said "toelichtingen gewist bij een purge"

# Tampering with the log through the key, past klantvolg: check finds it.
N=$(audit head | cut -d' ' -f1)
"$KVTOOL" sql "$D" demo "DELETE FROM audit WHERE id = 5"
check "a deleted entry: check says the file is not sound (exit 4)" expect_rc 4 as demo check
check "  ... naming the entry" said "Auditlog:       NIET IN ORDE: Auditregel 5 ontbreekt"
check "  ... and audit head refuses too (exit 4)" expect_rc 4 audit head
finish
