#!/bin/bash
# Without a command and without a terminal (a cron job that forgot its subcommand) the
# screens refuse at once: they say that they need a terminal, name the commands to use
# instead and exit 2, without reading the passphrase.
. "$TESTLIB"
new_db
printf '%s\n' "$PW" >"$T/pw"

# no_screens NAME REDIRECTIONS...: klantvolg without a command, the passphrase on fd 3 from
# a file whose offset the test shares, so a passphrase read shows as a moved offset. A
# screen that started anyway would never end: timeout turns that into a failure.
no_screens() {
    exec 5<"$T/pw"
    timeout 20 "$KLANTVOLG_BIN" --db "$DB" --user admin --passphrase-fd 3 "$@" 3<&5 \
        >"$T/out" 2>"$T/err"
    echo $? >"$T/rc"
    local left=""
    read -r -u 5 left || true
    exec 5<&-
    echo "$left" >"$T/left"
}

no_screens </dev/null
check "stdin and stdout not a terminal: exit 2" test "$(cat "$T/rc")" = 2
check "  ... says the screens need a terminal" said "de schermen hebben een terminal nodig"
check "  ... names the commands to use instead" said "'klantvolg reminders'"
check "  ... and --help" said "klantvolg --help"
check "  ... the passphrase was not read" test "$(cat "$T/left")" = "$PW"
check "  ... nothing drawn on stdout" test ! -s "$T/out"

# A command still works without a terminal.
check "a command works without a terminal" expect_rc 0 as admin "$PW" user list </dev/null
finish
