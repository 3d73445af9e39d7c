#!/bin/bash
# The plan tab's P: the plan van aanpak as a document in the user's own directory, named
# after the client and the day, and said where; another name when typed; a place she
# cannot write is refused with the reason; a client without a plan says so.
. "$TESTLIB"
need_tmux
demo_db 40
mkdir -p "$T/home"
LAST=$(export_as km.bakker | grep '"goals":\[{' | head -1 | grep -o '"last_name":"[^"]*"' | cut -d'"' -f4)
rm -f "$T/rc"
tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 HOME='$T/home' '$KLANTVOLG_BIN' --db '$D' --user km.bakker; echo \$? > '$T/rc'; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
wait_for "werkvoorraad — " >/dev/null
keys / "$LAST" Enter
wait_for "gevonden met '$LAST'" >/dev/null
keys Enter
wait_for "1 Overzicht 2 Intakes" >/dev/null
keys 3
check "the plan tab offers P in the key bar" wait_for "P Afdruk"
keys P
check "P asks where, the home directory by default" wait_for "Plan van aanpak opslaan als (Enter: in uw thuismap):"
keys Enter
check "  ... writes it there" wait_for "Plan van aanpak geschreven naar"
check "  ... and says where (its name: the client and the day)" wait_for_re "$T/home/plan-van-aanpak-[A-Za-z]+-2026-03-01\\.html"
F=$(ls "$T/home"/plan-van-aanpak-*.html 2>/dev/null | head -1)
check "  ... a document that parses" bash -c "[ -s '$F' ] && xmllint --html --noout '$F' 2>&1 | (! grep -q .)"
check "  ... with the client's name" grep -q "<title>Plan van aanpak — .*$LAST</title>" "$F"
keys P "$T/eigen-plan.html" Enter
check "a name typed is used" wait_for "geschreven naar $T/eigen-plan.html"
check "  ... and the file is there" test -s "$T/eigen-plan.html"
keys P "/proc/nee.html" Enter
check "a place she cannot write is refused with the reason" wait_for "Kan /proc/nee.html niet schrijven"
keys q q
check "the application ends normally" rc_is 0
tm_stop
finish
