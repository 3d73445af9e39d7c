#!/bin/bash
# Search folds letters (every Latin letter to ASCII, in the index and in what is typed) and
# finds a client by the BSN digits the list shows.
. "$TESTLIB"
need_tmux
demo_db 20
printf '%s\n' \
    '{"bsn":"111222333","first_name":"Łukasz","last_name":"Kılıç","assignments":[{"user":"km.bakker","from_date":"2026-01-01"}]}' \
    '{"bsn":"314159204","first_name":"Ayşe","last_name":"Yılmaz","notes":"Woont bij de Straße","assignments":[{"user":"km.bakker","from_date":"2026-01-01"}]}' \
    >"$T/new.jsonl"
"$KLANTVOLG_BIN" --db "$D" --user demo --passphrase-fd 3 import "$T/new.jsonl" 3<<<"$P" >/dev/null
rm -f "$T/rc"
tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user km.bakker; echo \$? > '$T/rc'; sleep 30"
wait_for "wachtwoord voor km.bakker" >/dev/null
keys "$P" Enter
wait_for "werkvoorraad — " >/dev/null

# search TEXT: a fresh search for TEXT, kept with Enter.
search() { keys Escape / C-u "$1" Enter; wait_for "gevonden met '$1'" >/dev/null; }
# found NAME: the search shows exactly one client, NAME.
found() { wait_for "1 van " >/dev/null && wait_for "$1"; }

check "the list shows the BSN's last digits" wait_for "******333"
search yilmaz
check "'yilmaz' finds Yılmaz (dotless ı)" found "Ayşe Yılmaz"
search kilic
check "'kilic' finds Kılıç" found "Łukasz Kılıç"
search lukasz
check "'lukasz' finds Łukasz" found "Łukasz Kılıç"
search "ayse yil"
check "'ayse yil' finds Ayşe Yılmaz (prefixes, any letter)" found "Ayşe Yılmaz"
search strasse
check "'strasse' finds ß in the notes" found "Ayşe Yılmaz"
search "KILIÇ"
check "what is typed is folded too: 'KILIÇ'" found "Łukasz Kılıç"
search 204
check "the shown BSN digits '204' find the client" found "Ayşe Yılmaz"
search 333
check "  ... and '333'" wait_for "Łukasz Kılıç"
keys Escape
check "Esc clears the search" wait_for "Zoekfilter gewist."
keys q
check "q quits" rc_is 0
tm_stop
finish
