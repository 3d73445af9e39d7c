#!/bin/bash
# Columns in display columns on every screen: Turkish, Polish, Arabic and CJK names at
# 80x24 and 200x50. The column after a name starts where its header says, whatever the
# name's letters (printf's "%-30s" pads bytes: every ı, ş, ç, ö, ł or 王 shifted the
# agenda's signal one place left); at 200 columns a long name and a signal are whole.
. "$TESTLIB"
need_tmux
demo_db 10
LONG="Małgorzata Wróblewska-Żółtowska-Dąbrowska"
printf '%s\n' \
    '{"bsn":"111222333","first_name":"Şükrü","last_name":"Öztürkçü","assignments":[{"user":"km.bakker","from_date":"2026-01-01"}]}' \
    '{"bsn":"314159204","first_name":"Łucja","last_name":"Żółć-Wąs","assignments":[{"user":"km.bakker","from_date":"2026-01-01"}]}' \
    '{"bsn":"123456782","first_name":"محمد","last_name":"العلي","assignments":[{"user":"km.bakker","from_date":"2026-01-01"}]}' \
    '{"bsn":"200000007","first_name":"小明","last_name":"王","assignments":[{"user":"km.bakker","from_date":"2026-01-01"}]}' \
    '{"bsn":"200000020","first_name":"Ayşegül","last_name":"Çelik","assignments":[{"user":"km.nowak","from_date":"2026-01-01"}]}' \
    '{"bsn":"200000032","first_name":"Jun","last_name":"李","assignments":[{"user":"km.zhang","from_date":"2026-01-01"}]}' \
    '{"bsn":"200000019","first_name":"Małgorzata","last_name":"Wróblewska-Żółtowska-Dąbrowska","assignments":[{"user":"km.bakker","from_date":"2026-01-01"}]}' \
    >"$T/new.jsonl"
"$KLANTVOLG_BIN" --db "$D" --user demo --passphrase-fd 3 user add km.nowak --role klantmanager \
    --name "Ağça Nowak-Güneş" --team "Güneş-Łódź" --new-passphrase-fd 4 3<<<"$P" 4<<<"$P" >/dev/null
"$KLANTVOLG_BIN" --db "$D" --user demo --passphrase-fd 3 user add km.zhang --role klantmanager \
    --name "张伟" --team "Güneş-Łódź" --new-passphrase-fd 4 3<<<"$P" 4<<<"$P" >/dev/null
"$KLANTVOLG_BIN" --db "$D" --user demo --passphrase-fd 3 import "$T/new.jsonl" 3<<<"$P" >/dev/null
NAMES=("Şükrü Öztürkçü" "Łucja Żółć-Wąs" "محمد العلي" "小明 王")

# width TEXT: its display columns (wc -L measures by wcwidth in a UTF-8 locale).
width() { printf '%s\n' "$1" | wc -L; }
# header_col WORD: the display column where WORD starts in the screen's header line.
header_col() {
    local h
    h=$(screen | grep -m1 -- "$1") || return 1
    width "${h%%"$1"*}"
}
# after_col NAME: on the first line showing NAME, the display column where the next cell
# (the first text after NAME and its padding) starts.
after_col() {
    local l rest sp
    l=$(screen | grep -m1 -F -- "$1") || return 1
    rest=${l#*"$1"}
    sp=${rest%%[! ]*}
    echo $(($(width "${l%%"$1"*}$1") + ${#sp}))
}
# aligned WORD: every test name's next cell starts under the header WORD.
aligned() {
    local want got n
    want=$(header_col "$1") || { echo "  no header $1" >&2; return 1; }
    for n in "${NAMES[@]}"; do
        got=$(after_col "$n") || { echo "  $n not on screen" >&2; screen | sed 's/^/  | /' >&2; return 1; }
        if [ "$got" -ne "$want" ]; then
            echo "  after '$n' the next column starts at $got, the header $1 at $want" >&2
            screen | sed 's/^/  | /' >&2
            return 1
        fi
    done
}
# in_order TEXT...: each TEXT on screen, on a line below the one before it.
in_order() {
    local prev=0 n t
    for t in "$@"; do
        n=$(screen | grep -n -m1 -F -- "$t" | cut -d: -f1)
        if [ -z "$n" ] || [ "$n" -le "$prev" ]; then
            echo "  '$t' not below the one before it" >&2
            screen | sed 's/^/  | /' >&2
            return 1
        fi
        prev=$n
    done
}
# end_col NAME: on the first line showing NAME, the display column just after the number
# that follows it (right-aligned numbers line up at their end).
end_col() {
    local l rest sp num
    l=$(screen | grep -m1 -F -- "$1") || return 1
    rest=${l#*"$1"}
    sp=${rest%%[! ]*}
    rest=${rest#"$sp"}
    num=${rest%% *}
    echo $(($(width "${l%%"$1"*}$1") + ${#sp} + ${#num}))
}
# same_end A B: the numbers after A and after B end in the same column.
same_end() {
    local a b
    a=$(end_col "$1") && b=$(end_col "$2") && [ "$a" -eq "$b" ] && return 0
    echo "  the count after '$1' ends at ${a:-?}, after '$2' at ${b:-?}" >&2
    screen | sed 's/^/  | /' >&2
    return 1
}
# starts_under WORD TEXT...: each TEXT starts in the column of the header WORD.
starts_under() {
    local want l t
    want=$(header_col "$1") || return 1
    shift
    for t in "$@"; do
        l=$(screen | grep -m1 -F -- "$t") || { echo "  $t not on screen" >&2; return 1; }
        [ "$(width "${l%%"$t"*}")" -eq "$want" ] || {
            echo "  '$t' does not start under the header" >&2; screen | sed 's/^/  | /' >&2; return 1; }
    done
}
# start USER COLSxLINES
start() {
    tm_stop
    tm -u new-session -d -s kv -x "${2%x*}" -y "${2#*x}" "env LANG=C.UTF-8 '$KLANTVOLG_BIN' --db '$D' --user $1; sleep 60"
    wait_for "wachtwoord voor $1" >/dev/null
    keys "$P" Enter
}

for size in 80x24 200x50; do
    start km.bakker "$size"
    wait_for "klantvolg — werkvoorraad" >/dev/null
    check "$size werkvoorraad: the BSN column under its header after every name" aligned BSN
    keys a
    wait_for "klantvolg — agenda" >/dev/null
    check "$size agenda: the signal column under its header after every name" aligned SIGNAAL
    keys q
    wait_for "klantvolg — werkvoorraad" >/dev/null
    keys / "小明" Enter
    wait_for "gevonden met" >/dev/null
    keys Enter
    check "$size dossier of 小明 王 opens with the name whole" wait_for "小明 王   (******007)"
    check "  ... and its tabs intact" wait_for_re "Overzicht.*Intakes.*Plan.*Instrumenten.*Contacten.*Uitstroom.*Historie"
    for _ in 1 2 3 4 5 6; do keys Tab; done
    check "$size dossier: the history tab of 小明 王" wait_for "Wie keek en wie wijzigde"
    start tl.jansen "$size"
    wait_for "klantvolg — werkvoorraad van het team" >/dev/null
    keys s End # by name: the Latin ones among their letters, the others last
    wait_for "gesorteerd op naam" >/dev/null
    check "$size team werkvoorraad: BSN under its header" aligned BSN
    check "$size team werkvoorraad: the name sort files Łucja among the L's, Şükrü among the S's" \
        in_order "Linh" "Łucja" "Marjolein" "Sjoerd" "Şükrü" "Youssef"
    check "$size team werkvoorraad: a signal's date of ten characters whole" \
        bash -c "tmux -S '$SOCK' capture-pane -p -t kv | grep -qE ' [0-9]{2}-[0-9]{2}-[0-9]{4} '"
    keys a
    wait_for "klantvolg — agenda van het team" >/dev/null
    check "$size team agenda: the klantmanager under its header" aligned KLANTMANAGER
    keys q b
    wait_for "klantvolg — belasting" >/dev/null
    check "$size pressure: a team named Güneş-Łódź keeps its client count in the column" \
        same_end "team Güneş-Łódź" TOTAAL
    tm_stop
done
start demo 80x24
wait_for "klantvolg — " >/dev/null
check "users: the display names start under NAAM" starts_under NAAM "Ağça Nowak-Güneş" \
    "Łukasz Kowalski" "Emre Yılmaz" "张伟" "Sanne Bakker"
tm_stop

# At 200 columns what fits is whole: the long name and the signal's reason.
start km.bakker 200x50
wait_for "klantvolg — werkvoorraad" >/dev/null
check "200 columns: the werkvoorraad shows a 41-column name whole" wait_for "$LONG "
keys a
wait_for "klantvolg — agenda" >/dev/null
check "200 columns: the agenda shows the name whole" wait_for "$LONG "
check "  ... and the signal's reason whole" wait_for "Contactgegevens zijn nooit gecontroleerd"
tm_stop
start tl.jansen 200x50
wait_for "klantvolg — werkvoorraad van het team" >/dev/null
keys M
check "200 columns: managementinformatie shows a long label whole" wait_for "Arbeidsbeperking / doelgroepregister"
tm_stop
finish
