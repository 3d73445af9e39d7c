#!/bin/bash
# T on the dossier records a return to benefit after the latest outflow: the form asks the
# date (today by default), the status becomes terug on the overview, the outflow tab shows
# the date, and a second return is refused naming the date recorded. Checked afterwards
# through `klantvolg export`.
. "$TESTLIB"
need_tmux
demo_db 20

tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user km.bakker; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
wait_for "werkvoorraad — " >/dev/null
keys / Verhoef Enter # the teacher: outflow to work on 7-9-2025
wait_for "gevonden met 'Verhoef'" >/dev/null
keys Enter
check "the dossier opens, not yet terug" wait_for_re "Status: (Nazorg|Uitgestroomd) "
keys 6
check "the outflow tab shows the outflow" wait_for "Uitstroom 7-9-2025: "
keys T
check "T opens the return form" wait_for "Terug in de uitkering (na de laatste uitstroom)"
check "  ... today by default" wait_for_re "Terug in de uitkering op +1-3-2026"
keys C-u 1-9-2025 F2
check "a return before the outflow is refused" wait_for "De terugkeer ligt voor de uitstroom van 7-9-2025."
keys C-u 20-2-2026 F2
check "the return is saved with the status" wait_for "Vastgelegd: klant"
check "  ... the outflow tab shows the date" wait_for "Terug in de uitkering op 20-2-2026"
keys 1
check "  ... the overview the status terug" wait_for "Status: Terug in de uitkering "
keys T
wait_for "Terug in de uitkering (na de laatste uitstroom)" >/dev/null
keys F2
check "a second return is refused with the date recorded" wait_for "al vastgelegd op 20-2-2026"
keys Escape
keys q q
tm_stop

check "export: the outflow has the return" bash -c "'$KLANTVOLG_BIN' --db '$D' --user km.bakker --passphrase-fd 3 export 3<<<'$P' | grep '\"last_name\":\"Verhoef\"' | grep -q '\"returned_on\":\"2026-02-20\"'"
finish
