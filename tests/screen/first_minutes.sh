#!/bin/bash
# A new user's first minutes: the demo opens as a klantmanager on her werkvoorraad and
# says how to look as the teamleider or the beheerder; Esc never ends the program.
. "$TESTLIB"
need_tmux
export LANG=C.UTF-8 LC_ALL=C.UTF-8
D="$T/demo.db"
# demo ARGS...: klantvolg --demo in a terminal of 80x24, its exit status into $T/rc.
demo() {
    rm -f "$T/rc"
    tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --demo --db '$D' --clients 60 $*; echo \$? > '$T/rc'; sleep 30"
}

demo
check "the demo opens as a klantmanager" wait_for_re "^ klantvolg — werkvoorraad — .* — km\.bakker \(klant"
check "  ... on her own clients" wait_for "VOLGEND SIGNAAL"
check "  ... the status line says how to look as the teamleider" \
    wait_for "Als teamleider: klantvolg --demo --user tl.jansen"
check "  ... and as the beheerder" wait_for "als beheerder: --user demo"

# Esc on the home screen: it clears a kept search filter and never quits.
keys / b a k k e r Enter
check "Enter keeps a search filter" wait_for "gevonden met 'bakker'"
keys Escape
check "Esc after Enter clears the filter" wait_for "Zoekfilter gewist."
# rows_at_least N: the list shows at least N clients (masked BSNs).
rows_at_least() { [ "$(screen | grep -cE '\*{6}[0-9]{3}')" -ge "$1" ] || { screen | sed 's/^/  | /' >&2; return 1; }; }
check "  ... the whole werkvoorraad again" rows_at_least 5
keys Escape
check "Esc again does nothing but say how to quit" wait_for "Afsluiten met q."
check "  ... the program still runs" bash -c "[ ! -e '$T/rc' ]"
check "  ... on the werkvoorraad" wait_for "werkvoorraad — "
# Deeper views: Esc goes back, never out.
keys Enter
check "Enter opens a dossier" wait_for "klantvolg — dossier"
keys Escape
check "Esc in the dossier goes back to the werkvoorraad" wait_for "werkvoorraad — "
keys a
check "a opens the agenda" wait_for "klantvolg — agenda"
keys Escape
check "Esc in the agenda goes back" wait_for "werkvoorraad — "
keys Escape Escape
check "  ... and Esc there still does not quit" wait_for "Afsluiten met q."
check "  ... still running" bash -c "[ ! -e '$T/rc' ]"
keys q
check "q on the home screen quits with exit 0" rc_is 0
tm_stop

demo --user tl.jansen
check "--user tl.jansen opens the demo as the teamleider" wait_for "werkvoorraad van het team"
check "  ... as tl.jansen" wait_for_re "^ klantvolg — werkvoorraad van het team — .* — tl\.jansen"
check "  ... and says how to look as the klantmanager" wait_for "Als klantmanager: klantvolg --demo"
keys q
check "  ... q quits" rc_is 0
tm_stop

demo --user demo
check "--user demo opens it as the beheerder, on the users" wait_for "gebruikers — "
check "  ... and says how to look as the others" wait_for "als teamleider: --user tl.jansen"
keys q
check "  ... q quits" rc_is 0
tm_stop
finish
