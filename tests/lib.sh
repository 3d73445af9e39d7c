# tests/lib.sh: sourced by the shell tests. Each check prints PASS:/FAIL: with its name,
# and finish prints "N passed, N failed" and sets the exit status.
set -u
: "${KLANTVOLG_BIN:?run through make check, or set KLANTVOLG_BIN}"
T=$(mktemp -d "${TMPDIR:-/tmp}/kvtest.XXXXXX")
PASSED=0
FAILED=0
DB="$T/klantvolg.db"
PW="beheerder-wachtwoord"
export KLANTVOLG_NOW=2026-03-01
unset KLANTVOLG_DB XDG_DATA_HOME
cleanup() { [ -n "${KEEP:-}" ] || rm -rf "$T"; }
trap cleanup EXIT

check() {
    local name=$1
    shift
    if "$@"; then
        PASSED=$((PASSED + 1))
        echo "PASS: $name"
    else
        FAILED=$((FAILED + 1))
        echo "FAIL: $name"
    fi
}

# expect_rc WANT CMD...: run CMD, keep its output in $T/out and $T/err.
expect_rc() {
    local want=$1
    shift
    "$@" >"$T/out" 2>"$T/err"
    local got=$?
    if [ "$got" -ne "$want" ]; then
        echo "  expected exit $want, got $got: $*" >&2
        sed 's/^/  | /' "$T/out" "$T/err" >&2
        return 1
    fi
}

# Output of the last expect_rc contains TEXT.
said() { grep -qF -- "$1" "$T/out" "$T/err" || { echo "  missing: $1" >&2; sed 's/^/  | /' "$T/out" "$T/err" >&2; return 1; }; }

# Output of the last expect_rc matches the extended regular expression RE.
said_re() { grep -qE -- "$1" "$T/out" "$T/err" || { echo "  no match: $1" >&2; sed 's/^/  | /' "$T/out" "$T/err" >&2; return 1; }; }

kv() { "$KLANTVOLG_BIN" --db "$DB" "$@"; }
# as USER PASS CMD...: run klantvolg as USER, passphrase on fd 3.
as() { local u=$1 p=$2; shift 2; "$KLANTVOLG_BIN" --db "$DB" --user "$u" --passphrase-fd 3 "$@" 3<<<"$p"; }
new_db() { "$KLANTVOLG_BIN" --db "${1:-$DB}" --user admin init --new-passphrase-fd 3 3<<<"$PW" >/dev/null; }
sum() { md5sum "$1" | cut -d' ' -f1; }

# Screen tests: a tmux server of our own; the program runs in the session "kv".
SOCK="$T/tmux.sock"
tm() { tmux -S "$SOCK" "$@"; }
screen() { tm capture-pane -p -t kv; }
# tm_stop: end the tmux server and wait until it is gone, so that a session started next
# gets a server of its own rather than the one shutting down.
tm_stop() {
    tm kill-server 2>/dev/null
    for _ in $(seq 100); do tm list-sessions >/dev/null 2>&1 || break; sleep 0.05; done
    rm -f "$SOCK"
}
# How long a screen test waits for what it looks for: KV_WAIT seconds (default 20). A
# condition that holds returns at once; the limit only matters when something is wrong, so
# a slow machine (a sanitizer build, a busy CI) costs nothing but time.
WAIT_TRIES=$(( ${KV_WAIT:-20} * 10 ))
# wait_for TEXT: until TEXT appears on the screen, and then until the screen has settled,
# so that what a check reads next (a row under a title, a line above the bar) belongs to
# the same drawing.
wait_for() {
    for _ in $(seq "$WAIT_TRIES"); do screen | grep -qF -- "$1" && { settled >/dev/null 2>&1; return 0; }; sleep 0.1; done
    echo "  screen never showed: $1" >&2
    screen | sed 's/^/  | /' >&2
    return 1
}
# wait_for_re RE: the same for an extended regular expression.
wait_for_re() {
    for _ in $(seq "$WAIT_TRIES"); do screen | grep -qE -- "$1" && { settled >/dev/null 2>&1; return 0; }; sleep 0.1; done
    echo "  screen never matched: $1" >&2
    screen | sed 's/^/  | /' >&2
    return 1
}
# settled: until two captures a tenth of a second apart are the same. The program writes
# a screen in one go, but tmux may read it in parts: the top (title, position) can be
# there before the rows below it. Waiting for text near the top therefore does not mean
# the rows are drawn; a check that reads them, or that looks for text NOT to be there,
# waits for this first.
settled() {
    local a b
    a=$(screen)
    for _ in $(seq "$WAIT_TRIES"); do
        sleep 0.1
        b=$(screen)
        [ "$a" = "$b" ] && return 0
        a=$b
    done
    echo "  the screen never settled" >&2
    return 1
}
# not_shown TEXT: once the screen has settled, TEXT is not on it.
not_shown() {
    settled || return 1
    ! screen | grep -qF -- "$1" || { echo "  still on screen: $1" >&2; screen | sed 's/^/  | /' >&2; return 1; }
}
# after_settling CMD...: CMD, once the screen has settled (for checks that read it whole).
after_settling() { settled && "$@"; }
# position: the list's "regels A-B van N" under the title, empty when every row fits.
position() { screen | sed -n 2p | grep -oE 'regels [0-9]+-[0-9]+ van [0-9]+'; }
# found_paging RE [READY]: wait for the text READY (the screen or tab to search), then page
# through the list looking for the extended regex RE. After each page it waits until the
# position under the title has moved and the screen has settled (the position is drawn
# before the rows), and it stops at the last page, so it never looks at a screen that has
# not been drawn yet and never depends on the machine's speed.
found_paging() {
    if [ $# -ge 2 ]; then wait_for "$2" >/dev/null || return 1; fi
    local pos
    for _ in $(seq 200); do
        settled || return 1 # the rows under a moved position may still be on their way
        screen | grep -qE -- "$1" && return 0
        pos=$(position)
        if [ -z "$pos" ] || [ "$(echo "$pos" | awk '{split($2, r, "-"); print r[2] == $4}')" = 1 ]; then
            break
        fi
        keys NPage
        for _ in $(seq "$WAIT_TRIES"); do [ "$(position)" != "$pos" ] && break; sleep 0.1; done
    done
    echo "  never found while paging: $1" >&2
    screen | sed 's/^/  | /' >&2
    return 1
}
# to_top: Home, then wait until the list shows its first rows again.
to_top() {
    keys Home
    local p
    for _ in $(seq "$WAIT_TRIES"); do
        p=$(position)
        case $p in "" | "regels 1-"*) return 0 ;; esac
        sleep 0.1
    done
    return 1
}
need_tmux() {
    command -v tmux >/dev/null && return 0
    echo "FAIL: tmux is not installed"
    echo "0 passed, 1 failed"
    exit 1
}

# rc_is N: the klantvolg started in tmux (writing its exit status to $T/rc) ended with
# exit status N, within 10 s.
rc_is() {
    for _ in $(seq "$WAIT_TRIES"); do [ -s "$T/rc" ] && break; sleep 0.1; done
    [ "$(cat "$T/rc" 2>/dev/null)" = "$1" ] || { echo "  exit status $(cat "$T/rc" 2>/dev/null), wanted $1" >&2; return 1; }
}
# demo_db N: a demo database of N generated clients in $D (passphrase $P), UTF-8 locale.
demo_db() {
    export LANG=C.UTF-8 LC_ALL=C.UTF-8
    D="$T/demo.db"
    P=klantvolg-demo
    "$KLANTVOLG_BIN" --demo --db "$D" --clients "$1" >/dev/null
}
# flip FILE OFFSET: change one bit of one byte in place.
flip() {
    local b
    b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
    printf "$(printf '\\%03o' $(( b ^ 1 )))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
# keys KEY...: type into the session "kv".
keys() { tm send-keys -t kv "$@"; }
# export_as USER: every dossier USER may see, as JSON lines (export).
export_as() { "$KLANTVOLG_BIN" --db "$D" --user "$1" --passphrase-fd 3 export 3<<<"$P"; }
# first_last_name USER: the last name of USER's first client in the export.
first_last_name() { export_as "$1" | head -1 | grep -o '"last_name":"[^"]*"' | cut -d'"' -f4; }

finish() {
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
    exit
}
