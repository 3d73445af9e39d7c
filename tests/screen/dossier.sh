#!/bin/bash
# A caseworker's work on one client in a real terminal: find the client, log a contact
# (an agreement without a date is refused next to the field), write a SMART goal and see
# the lint's advice on a vague word, add an instrument from the catalogue and end it with
# a reason, register an outflow with a contract end and see the nazorg signal in the
# agenda, leave a changed form (asked first), resize, quit. The database is checked
# afterwards through `klantvolg export`.
. "$TESTLIB"
need_tmux
demo_db 40

rm -f "$T/rc"
tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user km.bakker; echo \$? > '$T/rc'; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
wait_for "werkvoorraad — " >/dev/null
# The first of her clients in the export, found by search on the last name.
LAST=$(first_last_name km.bakker)
keys / "$LAST" Enter
check "search finds the client" wait_for "gevonden met '$LAST'"
keys Enter
check "Enter opens the dossier in tabs" wait_for "1 Overzicht 2 Intakes 3 Plan 4 Instrumenten 5 Contacten 6 Uitstroom 7 Historie"
NAME=$(screen | sed -n 4p | sed 's/   (.*//')
check "  ... on the client's overview" test -n "$NAME"

# A contact: the date is today already; the channel from the picker.
keys c
check "c opens the contact form on its first field (the channel waits, unfocused)" wait_for_re '^\* Kanaal *$'
check "  ... with today's date filled in" wait_for_re '^\* Datum +1-3-2026'
check "  ... and the save key in the bar" wait_for "F2 Opslaan"
# The rule every writer obeys, next to the field: no contact dated after today.
keys C-u "2-3-2026" Tab
check "a contact dated tomorrow is refused next to the date, in the rule's words" wait_for "! Datum (2-3-2026) ligt na vandaag (1-3-2026)."
keys BTab C-u "1-3-2026" Tab # today: the contact below is saved with it
keys Space
check "space opens the picker" wait_for "Kanaal — Enter: kiezen, Esc: terug"
keys t Enter Tab Tab "Gebeld over het CV" Tab "CV opsturen" F2
check "an agreement without a date is refused next to the field" wait_for "! Geef de afspraak een datum (uiterlijk)."
check "  ... and nothing is saved" wait_for "Niet opgeslagen: Eén veld klopt nog niet"
keys Tab "8-3-2026" F2
check "the contact is saved" wait_for "Contact van 1-3-2026 vastgelegd, met een afspraak."
check "  ... and the dossier shows its agreement as a signal at once" wait_for "Afspraak 'CV opsturen' uiterlijk 8-3-2026"

# A SMART goal with a vague word.
keys d
check "d opens the SMART goal editor" wait_for "klantvolg — SMART-doel — $NAME"
keys "Werk als postbode" Tab "20 uur per week" Tab "Eigen wens van de klant" Tab "Heeft rijbewijs B" Tab "voorlopig eerst stage"
check "the lint flags the vague word as one types" wait_for "* 'voorlopig' zegt niet tot wanneer"
keys Tab "1-1-2026" F2
check "a deadline in the past blocks saving" wait_for "! De deadline ligt in het verleden."
keys C-u "1-6-2026" F2
check "the goal is saved" wait_for ": Werk als postbode"
keys 3
check "the plan tab shows the goal" wait_for "Doel: Werk als postbode  (deadline 1-6-2026, open)"
check "  ... and the lint's advice" wait_for "Tijdgebonden: 'voorlopig' zegt niet tot wanneer"
edit_our_goal() { # from the top of the plan tab, down to our goal's line, then w
    to_top || return 1
    local y downs
    y=$(screen | grep -nF "Doel: Werk als postbode" | head -1 | cut -d: -f1)
    [ -n "$y" ] || return 1
    downs=$((y - 4)) # the list's first row is the screen's fourth line
    for _ in $(seq "$downs"); do keys Down; done
    keys w
    wait_for_re '^\* Specifiek +Werk als postbode'
}
check "w on a goal opens it for review" edit_our_goal
keys Tab Tab Tab Tab Tab Tab Space b Enter Tab "Gestart bij PostNL" F2
check "  ... status and evaluation are saved" wait_for "Doel gewijzigd: Werk als postbode"
check "  ... and shown" wait_for "Evaluatie: Gestart bij PostNL"

# An instrument from the catalogue, then ended with a reason.
keys i Space s Enter
check "choosing an instrument fills its planned end from the catalogue" wait_for_re '^\* Gepland einde +26-12-2026'
check "  ... and its cost" wait_for_re '^  Kosten +2\.500,00'
keys Tab Tab Tab Tab Space Enter F2
check "the instrument is added" wait_for "Instrument toegevoegd: Scholing ROC."
keys 4
check "the instruments tab lists it" wait_for "Scholing ROC  [lopend]  € 2.500,00"
keys e
check "e opens the end form for the chosen instrument" wait_for "Instrument beëindigen: Scholing ROC"
keys F2
check "ending without a reason and a result is refused" wait_for "! Resultaat is verplicht."
check "  ... the focus on the first field to fix" wait_for_re '^\* Eindreden +\(spatie: kiezen uit de lijst'
keys Space a Enter Tab "Vrijwilligerswerk past beter" F2
check "the instrument is ended" wait_for "Instrument beëindigd."
check "  ... with its reason and result" wait_for "einde: beter_alternatief; resultaat: Vrijwilligerswerk past beter"
keys 3
check "the goal lists the instrument linked to it" wait_for "Instrument: Scholing ROC [voortijdig_gestopt]"

# A changed form asks before it is left.
keys p Tab "1-3-2026" Escape
check "Esc on a changed form asks first" wait_for "Weggooien? (j/n)"
keys n
check "  ... n keeps the form" wait_for "Plan van aanpak (nieuwe versie)"
keys Escape j
check "  ... j leaves it" wait_for "klantvolg — dossier"

# An outflow with a temporary contract, and nazorg.
keys u
check "u opens the outflow form with nazorg" wait_for_re '^\* Nazorg \(maanden\) +6'
keys Tab Space w Enter Tab PostNL Tab tijdelijk Tab 1-5-2026 Tab 20 F2
check "the outflow is saved, nazorg running" wait_for "Uitstroom vastgelegd; status nu: Nazorg."
keys 6
check "the outflow tab shows the contract" wait_for "Contract: tijdelijk, einde 1-5-2026, 20 uur per week"
check "  ... and the nazorg period" wait_for "Nazorg 1-3-2026 – 1-9-2026, toestemming ja, contact elke 30 dagen"
keys 7
check "the history says who looked: her opening is logged" wait_for "km.bakker    Dossier ingezien"
check "  ... with date and time" wait_for_re "^[0-9]{1,2}-[0-9]{1,2}-[0-9]{4} [0-9]{2}:[0-9]{2}  km\.bakker +Dossier ingezien"
check "  ... no record codes like goals#12 (Dutch names instead)" after_settling bash -c "! tmux -S '$SOCK' capture-pane -p -t kv | grep -qE '[a-z_]+#[0-9]+'"
check "  ... which record changed, in Dutch" found_paging "km\.bakker +Doel gewijzigd$"
check "  ... and field by field, old → new, with the field's Dutch name" found_paging "^    Status: open → behaald$"
to_top
to_top
check "  ... and what each record is, by its label" found_paging "km\.bakker +Uitstroom vastgelegd: Werk in loondienst"

# The agenda: the nazorg contact and the contract end are signals now.
keys q a
wait_for "klantvolg — agenda" >/dev/null
check "the agenda shows the nazorg contact" found_paging "^31-3-2026 +$NAME +Nazorgcontact \\(elke 30 dagen\\)"
to_top
check "  ... and the end of the contract" found_paging "^1-5-2026 +$NAME +Tijdelijk contract eindigt op 1-5-202"

# The terminal: resize, too small, quit.
tm resize-window -t kv -x 100 -y 30
check "a larger terminal redraws" wait_for "klantvolg — agenda"
tm resize-window -t kv -x 60 -y 20
check "a too small terminal says so" wait_for "Het venster is te klein (60x20)"
check "  ... with the size it needs, wrapped onto the next line" wait_for "80x24 nodig."
tm resize-window -t kv -x 80 -y 24
check "  ... and back" wait_for "klantvolg — agenda"
keys q q
check "q q quits with exit status 0" rc_is 0
check "  ... leaving nothing on the screen" not_shown 'klantvolg —'
tm_stop

# A keys file rebinds an action by name; a bad line is reported, the rest still works.
printf 'contact k   # k for contact\nvliegen x\n' >"$T/keys"
tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 KLANTVOLG_KEYS='$T/keys' '$KLANTVOLG_BIN' --db '$D' --user km.bakker; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
check "a bad line of the keys file is reported with its number" wait_for "toetsenbestand regel 2: onbekende actie 'vliegen'."
check "  ... the bar shows the new key" wait_for " k Contact "
keys k
check "  ... and the new key opens the contact form" wait_for "klantvolg — Contact vastleggen"
keys Escape q
tm_stop

# What the screens wrote, through export.
export_as km.bakker |
    grep -F "\"first_name\":\"${NAME%% *}\"" | grep -F '"status":"nazorg"' >"$T/client.json"
has() { grep -qF -- "$1" "$T/client.json" || { echo "  export lacks: $1" >&2; return 1; }; }
check "export: one client in nazorg" test "$(wc -l <"$T/client.json")" -eq 1
check "export: the contact" has '"channel":"telefoon","participants":"","summary":"Gebeld over het CV"'
check "export: the agreement" has '"text":"CV opsturen","due":"2026-03-08"'
check "export: the goal" has '"specifiek":"Werk als postbode","meetbaar":"20 uur per week"'
check "export: its review" has '"status":"behaald","evaluation":"Gestart bij PostNL"'
check "export: the instrument, linked to the goal, ended" has '"instrument":"scholing_roc","goal":0'
check "export: its end reason and result" has '"status":"voortijdig_gestopt","end_reason":"beter_alternatief","result":"Vrijwilligerswerk past beter"'
check "export: the outflow" has '"reason":"werk","employer":"PostNL","contract_kind":"tijdelijk","contract_end":"2026-05-01","hours_per_week":20'
check "export: the nazorg" has '"start":"2026-03-01","end":"2026-09-01","consent":1'
check "export: the abandoned plan form wrote nothing" test "$(grep -o '"discussed_on"' "$T/client.json" | wc -l)" -eq 1
finish
