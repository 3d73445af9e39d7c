#!/bin/bash
# The client record on screen: the overview shows the derived status, the address and the
# three classifications; K opens one form with every field of registration (the
# doelgroepen too), filled in,
# and saves a correction (in the audit log with old -> new); B shows the full BSN, which
# the audit log records as a view.
. "$TESTLIB"
need_tmux
demo_db 40

rm -f "$T/rc"
tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user km.bakker; echo \$? > '$T/rc'; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
wait_for "werkvoorraad — " >/dev/null
check "the werkvoorraad has a status column" wait_for "STATUS"
LAST=$(first_last_name km.bakker)
BSN=$(export_as km.bakker | head -1 | grep -o '"bsn":"[0-9]*"' | cut -d'"' -f4)
keys / "$LAST" Enter
wait_for "gevonden met '$LAST'" >/dev/null
keys Enter
check "the dossier opens" wait_for "1 Overzicht 2 Intakes"
check "  ... with the status in words" wait_for_re "Status: (Aanmelding|Actief|Uitgestroomd|Nazorg|Afgesloten|Terug in de uitkering) "
check "  ... the three classifications, as labels" wait_for_re "Indeling: [A-Z][a-z-]+.*Trede: (Trede [1-6]|-)"
check "  ... and the address" wait_for_re "Adres: [A-Z][a-z]+ [0-9]+, [1-9][0-9]{3} [A-Z]{2} "
check "  ... the BSN masked" wait_for "******${BSN: -3}"

keys K
check "K opens the client form" wait_for "Klantgegevens wijzigen"
check "  ... filled in with what is stored" wait_for "$LAST"
check "  ... the address among its fields" wait_for "Straat"
keys Tab Tab Tab Tab C-u "Dorpsstraat" F2
check "a correction is saved" wait_for "Klantgegevens opgeslagen (1 veld gewijzigd"
check "  ... and the overview shows it" wait_for "Adres: Dorpsstraat"
keys K
wait_for "Klantgegevens wijzigen" >/dev/null
keys Tab Tab Tab Tab Tab Tab C-u "1234" F2
check "a bad postcode is refused next to the field" wait_for "! Geen postcode: vier cijfers en twee letters"
keys Escape
check "  ... and leaving the changed form asks first" wait_for "Weggooien? (j/n)"
keys j
wait_for "klantvolg — dossier" >/dev/null
keys K
wait_for "Klantgegevens wijzigen" >/dev/null
keys BTab
check "the form's last field: the doelgroepen" wait_for_re "^  Doelgroepen "
keys F4 j Space Enter
check "  ... Jongere picked (or taken off) there" wait_for_re "^  Doelgroepen .*Jongere|^  Doelgroepen +$"
keys F2
check "  ... and saved" wait_for "Klantgegevens opgeslagen (1 veld gewijzigd"

keys B
check "B shows the full BSN" wait_for "($BSN)"
check "  ... and says it is logged" wait_for "Volledig BSN getoond; dat staat in het auditlog."
keys q
audit() { KLANTVOLG_USER=tl.jansen "$KLANTVOLG_BIN" --db "$D" --passphrase-fd 3 audit "$@" 3<<<"$P"; }
check "the audit log has the view of the BSN" bash -c "$(declare -f audit); KLANTVOLG_BIN='$KLANTVOLG_BIN' D='$D' P='$P' audit --user km.bakker | grep -q 'bsn_inzien .*volledig BSN getoond'"
check "  ... and the correction with old -> new" bash -c "$(declare -f audit); KLANTVOLG_BIN='$KLANTVOLG_BIN' D='$D' P='$P' audit --user km.bakker | grep -q 'street: .* -> Dorpsstraat'"
check "  ... and the doelgroep changed" bash -c "$(declare -f audit); KLANTVOLG_BIN='$KLANTVOLG_BIN' D='$D' P='$P' audit --user km.bakker | grep -q 'client_doelgroepen'"
tm_stop
finish
