#!/bin/bash
# Handovers on screen (issues 15.7-8, 16.12). The demo hands one client to km.bakker
# without telling the client. The teamleider's pressure screen counts it (INL) until the
# date is recorded; a team of one has its own row; F1 spells the columns out. km.bakker
# opens the client: the banner names the previous klantmanager and says the client was
# not told; the signal is in the agenda ('d' on it points to 'l') and in the dossier;
# 'l' records the date (not in the future) and
# ends it, for her and on the teamleider's screen. Waarneming finds a colleague's client
# by name typed plainly ("celik" for Çelik), only within the team.
. "$TESTLIB"
need_tmux
demo_db 60
ID=$("$KLANTVOLG_BIN" --db "$D" --user tl.jansen --passphrase-fd 3 warnings --all --format tsv 3<<<"$P" | awk -F'\t' '$4 == "niet_ingelicht" {print $1}')
NAME=$("$KLANTVOLG_BIN" --db "$D" --user tl.jansen --passphrase-fd 3 warnings --all --format tsv 3<<<"$P" | awk -F'\t' '$4 == "niet_ingelicht" {print $2}')
start_as() {
    rm -f "$T/rc"
    tm -u new-session -d -s kv -x "${2:-80}" -y "${3:-24}" "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user $1; echo \$? > '$T/rc'; sleep 30"
    wait_for "wachtwoord voor $1" >/dev/null
    keys "$P" Enter
    wait_for "werkvoorraad" >/dev/null
}

start_as tl.jansen
keys b
check "the pressure screen counts the handover the client was not told of" wait_for_re "^km\.bakker +16 .* 1 *$"
check "  ... and nobody else has one" wait_for_re "^km\.devries +15 .* 0 *$"
check "a team of one has its own row" wait_for_re "^team Meedoen +12 +36 +128 "
check "  ... so has the other" wait_for_re "^team Perspectief +12 +36 +112 "
keys F1
check "F1 spells out the columns" wait_for "Kolommen: KL. klanten; UREN per week;"
check "  ... INL among them" wait_for "WISS wisselingen van klantmanager in 12 maanden; INL"
check "  ... and l, which needs a client, is not offered here" not_shown 'Na een overdracht'
keys F1 q q
check "the application ends normally" rc_is 0
tm_stop

start_as tl.jansen 200 50
keys b
check "at 200 columns the headers are written out" wait_for "TE LAAT BINNENKORT >CONTACTNORM NAZORG WISSELINGEN NIET INGELICHT"
check "  ... the count under them" wait_for_re "^km\.bakker +16 .* 1 *$"
keys q q
rc_is 0 >/dev/null
tm_stop

# Where the signal stands among km.bakker's overdue ones (the agenda's order).
POS=$("$KLANTVOLG_BIN" --db "$D" --user km.bakker --passphrase-fd 3 reminders --days 400 3<<<"$P" |
      awk '/^TE LAAT/ { f = 1; next } f && /^$/ { exit } f { n++ } /Nieuwe klantmanager/ { print n; exit }')
start_as km.bakker
keys a
wait_for "ingeklapt: Enter toont ze" >/dev/null
keys Enter
for _ in $(seq "$POS"); do keys Down; done
check "the agenda lists the signal" wait_for_re "Klant inlichten|Nieuwe klantmanager sinds 20-7-2025"
keys x
check "  ... x (afgehandeld) on it says the date ends it, not a mark" wait_for "Dit signaal eindigt met de datum waarop de klant is ingelicht"
keys l
check "  ... l on it opens the form for that client" wait_for "Klant ingelicht over de nieuwe klantmanager — $NAME"
keys Escape q
wait_for "werkvoorraad" >/dev/null
keys / "$NAME" Enter Enter
check "the new klantmanager's first look names the previous klantmanager" wait_for_re "! Overdracht op 20-7-2025 van km\.[a-z]+ door demo: Overdracht: lopende"
check "  ... and says the client was not told" wait_for "De klant is nog niet ingelicht (l: datum"
check "the signal is in the dossier" wait_for "Nieuwe klantmanager sinds 20-7-2025; klant nog niet ingelicht"
keys l
check "l opens the form for the date" wait_for "klantvolg — Klant ingelicht over de nieuwe klantmanager"
keys C-u 2-3-2026 F2
check "  ... tomorrow is refused, in the rule's words" wait_for "! Klant ingelicht op (2-3-2026) ligt na vandaag"
keys C-u 20-2-2026 F2
check "  ... a past date is recorded" wait_for "Vastgelegd: klant $ID is op 20-2-2026 ingelicht over de nieuwe klantmanager."
check "  ... and the signal has gone" not_shown 'Nieuwe klantmanager sinds'
keys q
wait_for "werkvoorraad" >/dev/null
# Waarneming by name: the team's Yusuf Çelik typed plainly; a Yılmaz of another team is not
# listed.
keys o
wait_for "Nummer, BSN of naam" >/dev/null
keys yilmaz Tab "Vervanging: collega is ziek" F2
check "waarneming by a name outside the team finds nobody" wait_for "Niet opgeslagen: Geen klant van uw team heet 'yilmaz'"
keys Up C-u celik F2
check "waarneming finds the team's Çelik typed plainly" wait_for "1 Overzicht 2 Intakes"
check "  ... the dossier of Yusuf Çelik" wait_for "Yusuf Çelik"
keys q q
check "the application ends normally" rc_is 0
tm_stop

start_as tl.jansen
keys b
check "the teamleider's count has ended with it" wait_for_re "^km\.bakker +16 .* 0 *$"
keys q q
rc_is 0 >/dev/null
tm_stop
finish
