#!/bin/bash
# The teamleider's screens in a real terminal: caseload pressure per klantmanager, each
# client against the norm of their kind of caseload (Meedoen 200, Werk 85), scaled by the
# klantmanager's hours: the norm of each mix, bars, the team's subtotal and the total; what-if for 40 new clients; drill into one klantmanager's
# werkvoorraad; mark two clients and hand them over with a note; the new klantmanager
# sees the note when first opening the client, and only then. The history keeps both
# assignments.
. "$TESTLIB"
need_tmux
demo_db 60
rm -f "$T/rc"
tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user tl.jansen; echo \$? > '$T/rc'; sleep 30"
wait_for "wachtwoord voor tl.jansen" >/dev/null
keys "$P" Enter
wait_for "werkvoorraad van het team — " >/dev/null
keys b
check "b opens the pressure per klantmanager" wait_for "klantvolg — belasting — "
check "  ... with the columns" wait_for "KLANTMANAGER     KL. UREN NORM BELASTING            LAAT BINN >NORM NAZ WISS INL"
# The demo's mixes (by hand from its classifications): km.kowalski's 12 clients, mostly
# Meedoen, come to a norm of 128; km.bakker's 16 to 114; 68 clients on 5 x 36 hours to 533.
check "  ... a mostly Meedoen caseload against a norm well above 85" wait_for_re "^km\.kowalski +12 +36 +128 [█▏▎▍▌▋▊▉ ]+9%"
check "  ... each with its hours and a bar" wait_for_re "^km\.bakker +16 +36 +114 [█▏▎▍▌▋▊▉ ]+14%"
check "  ... the team Werk's subtotal (three klantmanagers, 108 hours)" wait_for_re "^team Werk +44 +108 +302 "
check "  ... and the total" wait_for_re "^TOTAAL +68 +180 +533 "
BEFORE=$(screen | grep -E '^km\.bakker ' | awk '{print $2}')
keys + 40 Enter
check "+: what if 40 new clients arrive" wait_for "Met 40 nieuwe klanten, verdeeld naar de huidige verhouding."
check "  ... each load now and then" wait_for_re "^km\.bakker .* [0-9]+→[0-9]+%"
keys Down
check "  ... and for the team in the count line" wait_for_re "Wat als er 40 nieuwe klanten bijkomen: het team van [0-9]+% naar [0-9]+% van de norm"
keys + 0 Enter
check "  ... and back with 0" wait_for "De belasting zoals die nu is."
# Who classifies and refers how, side by side.
keys t
check "t shows the classifications and instruments per klantmanager" wait_for "klantvolg — verdeling — "
check "  ... as shares, next to the team's" wait_for_re "^KLANTMANAGER +KL\. +WERK +PERSP +MEED +OVER \|"
check "  ... each klantmanager's row" wait_for_re "^km\.yilmaz +[0-9]+ +[0-9]+%.? +[0-9]+%"
check "  ... and the team's" wait_for_re "^TEAM +68 "
keys q
wait_for "klantvolg — belasting — " >/dev/null
# Drill into km.kowalski's werkvoorraad and hand two clients to km.bakker.
keys Home Enter
check "Enter opens that klantmanager's werkvoorraad" wait_for "klantvolg — werkvoorraad van km.kowalski — "
check "  ... her clients only" wait_for_re "^[0-9]+ van [0-9]+ klanten: klantmanager km\.kowalski"
FIRST=$(screen | sed -n 4p | cut -c3- | sed 's/ *[*]\{6\}.*//')
keys m Down m
check "m marks clients for a handover" wait_for "2 klanten gemarkeerd voor overdracht"
check "  ... shown with a +" wait_for_re "^.\+$FIRST"
keys r
check "r opens the handover form" wait_for "klantvolg — 2 klanten overdragen — tl.jansen"
keys F2
check "who and a note are required" wait_for "! Overdrachtsnotitie is verplicht."
# The cursor is on the first field that needs it.
keys Space
wait_for "km.bakker — Sanne Bakker (Werk)" >/dev/null
keys Enter Tab "Kowalski met verlof; wil graag werk in de zorg" F2
check "the clients are handed over" wait_for "2 klanten overgedragen aan km.bakker; de notitie gaat mee."
check "  ... and leave her list" not_shown "$FIRST"
keys q
check "the pressure shows the new figures" wait_for_re "^km\.bakker +$((BEFORE + 2)) "
keys q q
check "the application ends normally" rc_is 0
tm_stop

# km.bakker opens one of them: the note first, once.
rm -f "$T/rc"
tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user km.bakker; echo \$? > '$T/rc'; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
wait_for "werkvoorraad — " >/dev/null
keys / "${FIRST##* }" Enter Enter
check "the new klantmanager sees the handover note on first opening" wait_for "! Overdracht op 1-3-2026 van km.kowalski door tl.jansen: Kowalski met verlof;"
keys 7
check "  ... the history keeps both assignments" found_paging "^    Tot: \(leeg\) → " "Wie keek en wie wijzigde"
keys q
wait_for "klantvolg — werkvoorraad — " >/dev/null
keys Enter
wait_for "klantvolg — dossier — " >/dev/null
check "  ... and the second time the note is not shown again" not_shown 'Overdracht op'
keys q q
check "the application ends normally" rc_is 0
tm_stop
finish
