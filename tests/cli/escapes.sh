#!/bin/bash
# Terminal escapes: a client's name and note, a waarneming's reason, a path and words on
# the command line may hold ESC sequences, C1 controls (U+009B, a one-byte CSI) and BEL.
# None of them reaches the terminal raw from reminders, warnings, export --format text,
# checkout list, audit or an error message: each shows as U+FFFD. JSON escapes them.
. "$TESTLIB"
demo_db 0
as() { local u=$1; shift; "$KLANTVOLG_BIN" --db "$D" --user "$u" --passphrase-fd 3 "$@" 3<<<"$P"; }
ESC=$'\e' BEL=$'\a' CSI=$'\xc2\x9b' R=$'\xef\xbf\xbd'

# raw FILE...: a control byte a terminal acts on (C0 but newline and tab, DEL), a C1
# control as UTF-8 or a bare C1 byte.
raw() { LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|(?<![\xc2-\xdf])[\x80-\x9f](?![\x80-\xbf])' "$@"; }
# clean: the output of the last expect_rc holds none (and is not empty).
clean() {
    [ -s "$T/out" ] || [ -s "$T/err" ] || { echo "  no output at all" >&2; return 1; }
    if raw "$T/out" "$T/err"; then
        echo "  raw control bytes in the output:" >&2
        od -c "$T/out" "$T/err" | grep -E '033|007|302 233' | head -5 | sed 's/^/  | /' >&2
        return 1
    fi
}

# A CSV list whose names carry a clear-screen, a bell and a C1 CSI; the klantmanager
# gets an intake signal for the new client, so reminders show the name.
printf 'bsn,voornaam,achternaam,geboortedatum,gemeente,klantmanager,uitkering_sinds\n' >"$T/c.csv"
printf '123456782,Jan%s[2J%s,Bel%s31mTerm,1-1-1980,Berkelland,km.bakker,2026-02-01\n' \
    "$ESC" "$BEL" "$CSI" >>"$T/c.csv"
check "a CSV list with escapes in a name imports" expect_rc 0 as demo import "$T/c.csv"
# A dossier line with the same in the note and a vague goal (for warnings).
printf '{"bsn":"111222333","first_name":"Evi\\u001b]0;titel\\u0007","last_name":"Note\\u009b2J",' >"$T/n.jsonl"
printf '"birth_date":"1985-05-05","notes":"regel 1\\nregel 2\\u001b[2J\\u0007 eind",' >>"$T/n.jsonl"
printf '"assignments":[{"user":"km.bakker","role_in_case":"klantmanager","from_date":"2026-01-01"}],' >>"$T/n.jsonl"
printf '"plans":[{"date":"2026-02-01","goals":[{"specifiek":"Proberen\\u001b[5m iets","deadline":"2026-06-01"}]}]}\n' >>"$T/n.jsonl"
check "a dossier with escapes in the note imports" expect_rc 0 as demo import "$T/n.jsonl"

check "reminders (text)" expect_rc 0 as km.bakker reminders --days 400
check "  ... show the name" said "Jan$R[2J$R Bel${R}31mTerm"
check "  ... with no raw control byte" clean
check "reminders (tsv)" expect_rc 0 as km.bakker reminders --days 400 --format tsv
check "  ... with no raw control byte" clean
check "  ... and eight fields on every line" bash -c "awk -F'\t' 'NF!=8{bad=1} END{exit bad || NR==0}' '$T/out'"
check "reminders (json)" expect_rc 0 as km.bakker reminders --days 400 --format json
check "  ... escape the controls, C1 included" said '"name":"Jan\u001b[2J\u0007 Bel\u009b31mTerm"'
check "  ... with no raw control byte" clean
check "warnings (text)" expect_rc 0 as km.bakker warnings
check "  ... name the client" said "Evi$R]0;titel$R Note${R}2J"
check "  ... with no raw control byte" clean
check "warnings (tsv)" expect_rc 0 as km.bakker warnings --format tsv
check "  ... with no raw control byte" clean
ID=$(as km.bakker reminders --days 400 --format tsv | awk -F'\t' '/Note/{print $3; exit}')
check "export --format text of that client" expect_rc 0 as km.bakker export --client "$ID" --format text
check "  ... keeps the note's lines" said "regel 1"
check "  ... shows the escapes replaced" said "regel 2$R[2J$R eind"
check "  ... with no raw control byte" clean

# A waarneming's reason and a checkout's path, in the audit log and the checkout list.
check "a waarneming with escapes in its reason" expect_rc 0 as km.devries export --client "$ID" --waarneming "Vervanging${ESC}[2J ziek${BEL}${CSI}m"
check "  ... its export writes JSON, escaped" said '"last_name":"Note\u009b2J"'
check "  ... with no raw control byte" clean
LAP="$T/lap${ESC}[2J${CSI}"$'\n'"regel.db"
check "a checkout to a path with escapes" expect_rc 0 as km.bakker checkout --to "$LAP"
check "  ... says so with no raw control byte" clean
check "checkout list" expect_rc 0 as km.bakker checkout list
check "  ... shows the path on one line" said "lap$R[2J$R${R}regel.db"
check "  ... with no raw control byte" clean
audit() { KLANTVOLG_USER=tl.jansen "$KLANTVOLG_BIN" --db "$D" --passphrase-fd 3 audit "$@" 3<<<"$P"; }
check "audit (text)" expect_rc 0 audit
check "  ... shows the reason" said "Vervanging$R[2J ziek$R${R}m"
check "  ... with no raw control byte" clean
check "audit (tsv)" expect_rc 0 audit --format tsv
check "  ... with no raw control byte" clean
check "  ... seven fields on every line" bash -c "awk -F'\t' 'NF!=7{bad=1} END{exit bad || NR==0}' '$T/out'"
check "audit (json)" expect_rc 0 audit --format json
check "  ... escapes the reason's controls, C1 included" said '"reden":"Vervanging\u001b[2J ziek\u0007\u009bm"'
check "  ... with no raw control byte" clean

# Errors that echo what was given.
check "an unknown format" expect_rc 2 as km.bakker reminders --format "x${ESC}[2J"
check "  ... is named with no raw control byte" clean
check "an unknown command" expect_rc 2 as km.bakker "x${ESC}]0;t${BEL}"
check "  ... is named with no raw control byte" clean
check "a bad client number" expect_rc 2 as km.bakker close "1${CSI}2J"
check "  ... is named with no raw control byte" clean
check "a missing database" expect_rc 1 "$KLANTVOLG_BIN" --db "$T/no${ESC}[2J.db" --user km.bakker --passphrase-fd 3 reminders 3<<<"$P"
check "  ... is named with no raw control byte" clean
check "an import with a bad date" expect_rc 1 as demo import <(printf 'bsn,voornaam,achternaam,geboortedatum,gemeente,klantmanager,uitkering_sinds\n010000021,A,B,1-1-19%s[2J,X,km.bakker,2026-01-01\n' "$ESC")
check "  ... is refused with no raw control byte" clean
finish
