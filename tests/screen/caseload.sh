#!/bin/bash
# The caseload (werkvoorraad) as the home screen, in a real terminal: a klantmanager sees
# her own clients with signal markers and can sort; a teamleider sees the team's.
. "$TESTLIB"
need_tmux
export LANG=C.UTF-8 LC_ALL=C.UTF-8
D="$T/demo.db"
"$KLANTVOLG_BIN" --demo --db "$D" --clients 60 >/dev/null
login() { # login USER: start klantvolg at 80x24 and type the passphrase
    rm -f "$T/rc"
    tm -u new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user $1; echo \$? > '$T/rc'; sleep 30"
    wait_for "wachtwoord voor $1" >/dev/null
    tm send-keys -t kv "klantvolg-demo" Enter
}

login km.bakker
check "a klantmanager opens on her werkvoorraad" wait_for "werkvoorraad — "
check "  ... with the columns" wait_for "NAAM               BSN       INDELING    STATUS       CONTACT VOLGEND SIGNAAL"
check "  ... overdue clients marked with !" bash -c "tmux -S '$SOCK' capture-pane -p -t kv | grep -q '^! '"
check "  ... BSNs masked" bash -c "tmux -S '$SOCK' capture-pane -p -t kv | grep -qE '\\*{6}[0-9]{3}'"
check "  ... the count line" wait_for "klanten,"
check "  ... sorted by urgency" wait_for "(gesorteerd op urgentie)"
check "  ... the sort key is in the bar" wait_for "s Sorteer"
tm send-keys -t kv s
check "s sorts by name" wait_for "(gesorteerd op naam)"
tm send-keys -t kv s
check "s again: by next signal" wait_for "(gesorteerd op volgend signaal)"
tm send-keys -t kv s
check "s again: by last contact, never-seen clients first" wait_for "(gesorteerd op laatste contact)"
check "  ... the first row was never contacted" bash -c "tmux -S '$SOCK' capture-pane -p -t kv | sed -n 4p | grep -q nooit"
tm send-keys -t kv NPage
check "page down keeps the frame" wait_for "klanten,"
# Search: '/' opens a prompt, every key narrows the list (SQLite FTS5), Enter keeps it.
tm send-keys -t kv / v e r h
check "/ searches as you type" wait_for "Zoeken: verh"
check "  ... and finds the client" wait_for "Marjolein Verhoef"
tm send-keys -t kv Enter
check "Enter keeps the filter and says so" wait_for "1 van "
check "  ... with the search text" wait_for "gevonden met 'verh'"
tm send-keys -t kv / Escape
check "Esc clears the filter" wait_for "signalen te laat"
# Enter opens the dossier: the dyslexic client with a begeleider and an exemption.
tm send-keys -t kv / o o s t e r h Enter Enter
check "Enter opens the client's dossier" wait_for "klantvolg — dossier"
check "  ... communication needs first, marked" wait_for "! Communicatie: laaggeletterd, begeleider"
check "  ... the exemption, marked" wait_for "! Vrijgesteld van de arbeidsverplichting tot"
check "  ... the client's signals" wait_for "SIGNALEN"
check "  ... and the contradiction with the plan, further down" found_paging "WAARSCHUWINGEN"
tm send-keys -t kv q
check "q returns to the werkvoorraad, filter kept" wait_for "gevonden met 'oosterh'"
tm send-keys -t kv / Escape
tm send-keys -t kv q
check "q quits with exit 0" rc_is 0
tm_stop

login tl.jansen
check "a teamleider opens on the team's werkvoorraad" wait_for "werkvoorraad van het team"
check "  ... with each client's klantmanager" wait_for "KLANTMANAGER"
check "  ... from several caseworkers" bash -c "[ \$(tmux -S '$SOCK' capture-pane -p -t kv | grep -oE 'km\\.[a-z]+' | sort -u | wc -l) -ge 2 ]"
tm send-keys -t kv / o z t u r k
check "search folds diacritics: 'ozturk' finds Öztürk" wait_for "Öztürk"
tm send-keys -t kv C-u 'Ö' z
check "typing Ö in the search works" wait_for "Zoeken: Öz"
check "  ... and still finds Öztürk" bash -c "tmux -S '$SOCK' capture-pane -p -t kv | sed -n 4p | grep -q Öztürk"
tm send-keys -t kv Escape
rows() { screen | sed -n '4,21p' | grep -v '^ *$'; }
all_rows() { # all_rows RE: there are rows, and every one matches RE
    [ -n "$(rows)" ] && ! rows | grep -vqE -- "$1" || { rows | sed 's/^/  | /' >&2; return 1; }
}
tm send-keys -t kv f
check "f opens the filter form" wait_for "Werkvoorraad filteren (leeg: alles)"
tm send-keys -t kv Tab Tab Tab Tab j F2
check "only clients with an overdue signal" wait_for "Filter: alleen te laat."
check "  ... every row marked overdue" all_rows '^!'
tm send-keys -t kv C-l
check "  ... the count line says so" wait_for "klanten: alleen te laat"
tm send-keys -t kv f Tab Space w Enter F2
check "a classification narrows it further" wait_for "Filter: indeling werk, alleen te laat."
check "  ... every row of that classification" all_rows '^! .* \*{6}[0-9]{3} werk '
tm send-keys -t kv f Tab BSpace Tab Tab Tab n F2
check "an empty filter shows everyone again" wait_for "Geen filter: alle klanten."
tm send-keys -t kv f Space Down Enter F2 # (alle), then the klantmanagers by name: km.bakker first
check "the team's filter picks one klantmanager" wait_for "Filter: klantmanager km.bakker."
check "  ... every row is km.bakker's" all_rows 'km\.bakker$'
tm send-keys -t kv f BSpace F2
check "  ... and an empty one shows everyone again" wait_for "Geen filter: alle klanten."
tm send-keys -t kv s s s s
check "s sorts by classification too" wait_for "(gesorteerd op indeling)"
check "  ... the classification column in order" bash -c "tmux -S '$SOCK' capture-pane -p -t kv | sed -n '4,21p' | grep -oE '[*]{6}[0-9]{3} [^ ]+' | cut -d' ' -f2 | LC_ALL=C sort -c"
tm send-keys -t kv s
check "  ... and by klantmanager in the team's list" wait_for "(gesorteerd op klantmanager)"
check "  ... that column in order" bash -c "tmux -S '$SOCK' capture-pane -p -t kv | sed -n '4,21p' | grep -oE 'km\\.[a-z]+\$' | LC_ALL=C sort -c"
tm send-keys -t kv q
tm_stop
finish
