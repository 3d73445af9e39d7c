#!/bin/bash
# The include graph keeps the layers' direction (DESIGN.md: tui, cli -> storage -> crypto,
# everything may use core, core uses nothing) and grows no new cycle. A module is a .c/.h
# pair; an edge is an #include "dir/name.h" of another module.
# KNOWN_CYCLE lists modules allowed in a cycle: none since the connection (db.c) stopped
# including the login, the commit pipeline and the records above it (issue 14 item 2). A
# module joining a cycle fails, and so does a listed module that left it.
. "$TESTLIB"
SRC=${KV_SRCDIR:-.}
KNOWN_CYCLE=""

# Which directories each layer may include (its own always).
allowed() {
    case $1 in
    core) echo "core" ;;
    crypto) echo "core crypto" ;;
    storage) echo "core crypto storage" ;;
    host) echo "core crypto storage host" ;;
    doc) echo "core storage host doc" ;;
    tui) echo "core crypto storage host doc tui" ;;
    cli) echo "core crypto storage host doc tui cli" ;;
    esac
}

# One "from to" line per edge.
(cd "$SRC" && for f in core/*.[ch] crypto/*.[ch] storage/*.[ch] host/*.[ch] doc/*.[ch] \
    tui/*.[ch] cli/*.[ch]; do
    [ -f "$f" ] || continue
    sed -n 's/^#include "\([a-z]*\/[a-z_0-9]*\)\.h".*/\1/p' "$f" | while read -r to; do
        [ "$to" = "${f%.*}" ] || echo "${f%.*} $to"
    done
done) | sort -u >"$T/edges"

layer_breaks() {
    local from to bad=""
    while read -r from to; do
        case " $(allowed "${from%%/*}") " in
        *" ${to%%/*} "*) ;;
        *) bad="$bad $from->$to" ;;
        esac
    done <"$T/edges"
    [ -z "$bad" ] || echo "layer broken:$bad" >&2
    [ -z "$bad" ]
}

# Modules that reach themselves: the transitive closure, by a breadth-first walk each.
in_cycles() {
    awk '{ out[$1] = out[$1] " " $2; node[$1]; node[$2] }
        END {
            for (s in node) {
                delete seen; n = split(out[s], q, " "); head = 1
                while (head <= n) {
                    v = q[head++]
                    if (v == s) { print s; break }
                    if (v in seen) continue
                    seen[v]; m = split(out[v], nx, " ")
                    for (k = 1; k <= m; k++) q[++n] = nx[k]
                }
            }
        }' "$T/edges" | sort
}

cycles_as_known() {
    in_cycles >"$T/cyclic"
    echo "$KNOWN_CYCLE" | tr ' ' '\n' | sed '/^$/d' | sort >"$T/known"
    local new gone
    new=$(comm -23 "$T/cyclic" "$T/known" | tr '\n' ' ')
    gone=$(comm -13 "$T/cyclic" "$T/known" | tr '\n' ' ')
    [ -z "$new" ] || echo "new in a cycle: $new" >&2
    [ -z "$gone" ] || echo "no longer in a cycle (drop from KNOWN_CYCLE): $gone" >&2
    [ -z "$new$gone" ]
}

check "the include graph was read (some edges)" test "$(wc -l <"$T/edges")" -gt 100
check "every include goes down the layers (tui includes no cli, core nothing)" layer_breaks
check "no module joins an include cycle; none listed has left one" cycles_as_known
finish
