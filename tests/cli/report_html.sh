#!/bin/bash
# report NAME --format html: every management report as one self-contained printable page
# that parses as XML, holds the very figures of `--format json` of the same report (each
# cell's data-cell names the JSON's row and column), loads nothing from elsewhere, is
# headed with the municipality, period, as-of date and maker, keeps the cohort apart
# without a total, draws no bar for a council figure of 1 to 4 clients, and prints to PDF
# in headless Chromium (skipped, with one line, where Chromium is not installed).
. "$TESTLIB"
demo_db 200
rep() { "$KLANTVOLG_BIN" --db "$D" --user tl.jansen --passphrase-fd 3 report "$@" 3<<<"$P"; }
P25="--from 2025-01-01 --to 2025-12-31"
Y="$P25 --as-of 2026-02-01"

# The cells of a page as "figure|key|column=value" (value: data-v when given, else the text).
html_cells() {
    grep -oE 'data-cell="[^"]*"( data-v="[^"]*")?>[^<]*' "$1" |
        sed -E 's/^data-cell="([^"]*)" data-v="([^"]*)">.*$/\1=\2/; s/^data-cell="([^"]*)">(.*)$/\1=\2/' |
        sed 's/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g' | sort -u
}
# The JSON rows (flat objects, one a line) the same way: FIG is a field name or =CONSTANT,
# KEY a field name; only columns the page has ($3: a file of cells) are kept.
json_cells() {
    awk -v fig="$1" -v key="$2" -v cols="$(sed -E 's/^[^|]*\|[^|]*\|([^=]*)=.*/\1/' "$3" | sort -u | tr '\n' ' ')" '
    BEGIN { n = split(cols, c, " "); for (i = 1; i <= n; i++) want[c[i]] = 1 }
    {
        delete v; line = $0; first = ""
        while (match(line, /"[^"]*":("[^"]*"|[^,}]*)/)) {
            pair = substr(line, RSTART, RLENGTH); line = substr(line, RSTART + RLENGTH)
            k = pair; sub(/":.*/, "", k); sub(/^"/, "", k)
            x = pair; sub(/^"[^"]*":/, "", x); gsub(/^"|"$/, "", x); if (x == "null") x = ""
            v[k] = x
            if (first == "") first = k
        }
        f = substr(fig, 1, 1) == "=" ? substr(fig, 2) : v[fig]; kv = v[key]
        if (fig == "@first") { # uitstroom: {"reason":CODE,...}, or the totals
            f = first; kv = v[first]
            if (first == "clients") { f = "totaal"; kv = "" }
        }
        # Empty cells: a column of the other figure in one combined table.
        for (k in v) if ((k in want) && v[k] != "") print f "|" kv "|" k "=" v[k]
    }' | sort -u
}
# same_figures NAME FIG KEY ARGS...: the page and the JSON of report ARGS agree, cell for cell.
same_figures() {
    local name=$1 fig=$2 key=$3
    shift 3
    rep "$@" --format html >"$T/$name.html" || return 1
    rep "$@" --format json >"$T/$name.json" || return 1
    html_cells "$T/$name.html" | grep -v '^caseload|team ' >"$T/$name.cells"
    json_cells "$fig" "$key" "$T/$name.cells" <"$T/$name.json" >"$T/$name.jcells"
    [ "$(wc -l <"$T/$name.cells")" -ge 3 ] || { echo "  too few cells in $name" >&2; return 1; }
    diff "$T/$name.jcells" "$T/$name.cells" >&2
}

"$KLANTVOLG_BIN" --db "$D" --user demo --passphrase-fd 3 config set gemeente "Oost Gelre" 3<<<"$P" >/dev/null
check "effectiviteit per instrument: a page" expect_rc 0 rep effectiviteit $Y --format html
cp "$T/out" "$T/eff.html"
check "  ... that parses as XML (every element closed)" xmllint --noout "$T/eff.html"
check "  ... headed with the municipality from the configuration" said "Gemeente Oost Gelre"
check "  ... the period and the as-of date, in words" said "1 januari 2025 tot en met 31 december 2025"
check "  ... the as-of date" grep -q "<th>Stand op</th><td>1 februari 2026" "$T/eff.html"
check "  ... who made it, and when" said "Marieke Jansen (tl.jansen), op 1 maart 2026"
check "  ... in Dutch labels, not codes" bash -c "grep -q '>Re-integratiebedrijf-traject<' '$T/eff.html' && ! grep -q '>rib_traject<' '$T/eff.html'"
check "  ... printable on A4" said "@page { size: A4"
check "  ... a bar chart per instrument" test "$(xmllint --xpath 'count(//svg[@class="balken"])' "$T/eff.html")" -ge 2
check "  ... the cohort marked as cohort figures" said "<strong>Cohortcijfers</strong>"
check "  ... the attributed outflow with its total" grep -q 'data-cell="toegeschreven|TOTAAL|naar_werk"' "$T/eff.html"
check "  ... the cohort without one" bash -c "! grep -q 'data-cell=\"cohort|TOTAAL' '$T/eff.html'"

# Nothing from elsewhere, in any report: no address at all, no script, no import.
for r in "caseload" "uitstroom $P25" "effectiviteit $Y --by aanbieder" "wachttijden $Y" \
         "nazorg $Y" "ontwikkeling $Y" "beweging $Y" "kosten $Y --council"; do
    name=${r%% *}
    rep $r --format html >"$T/p-$name.html"
    check "$name: a page that parses" xmllint --noout "$T/p-$name.html"
    check "  ... that loads nothing from elsewhere" bash -c "! grep -qiE 'src=|href=|<script|<link|@import|url\\(|https?:|//[a-z]' '$T/p-$name.html'"
done

check "the same figures as JSON: effectiviteit per instrument" same_figures ei figuur instrument effectiviteit $Y
check "  ... per aanbieder" same_figures ea figuur aanbieder effectiviteit $Y --by aanbieder
check "  ... per doelgroep, for the council" same_figures ed figuur doelgroep effectiviteit $Y --by doelgroep --council
check "  ... wachttijden" same_figures w =stap stap wachttijden $Y
check "  ... nazorg" same_figures n =nazorg nazorg nazorg $Y
check "  ... ontwikkeling (the figures are in its charts)" same_figures o dimensie waarde ontwikkeling $Y
check "  ... beweging" same_figures b dimensie waarde beweging $Y
check "  ... kosten, for the council" same_figures k dimensie waarde kosten $Y --council
check "  ... caseload" same_figures c =caseload caseworker caseload
check "  ... uitstroom (the totals, per reason and per route)" same_figures u @first @first uitstroom $P25

check "ontwikkeling: a line over the months of the period" test "$(xmllint --xpath 'count(//svg[@class="lijn"]//g[@class="punt"])' "$T/o.html")" -eq 12
END=$(rep ontwikkeling $Y --format tsv | awk -F'\t' '$1 == "omvang" && $2 == "eind" {print $3}')
check "  ... ending at the size on the last day ($END)" test "$(xmllint --xpath 'string(//svg[@class="lijn"]//g[@class="punt"][last()]/@data-value)' "$T/o.html")" = "$END"
check "uitstroom: a line of the clients who left per month" test "$(xmllint --xpath 'count(//svg[@class="lijn"]//g[@class="punt"])' "$T/u.html")" -eq 12
TOTAL=$(rep uitstroom $P25 --format json | head -1 | grep -oE '"clients":[0-9]+' | cut -d: -f2)
SUM=$(xmllint --xpath '//svg[@class="lijn"]//g[@class="punt"]/@data-value' "$T/u.html" | grep -oE '[0-9]+' | awk '{s += $1} END {print s}')
check "  ... which add up to the clients who left ($SUM, $TOTAL; a client leaves once here)" test "$SUM" -ge "$TOTAL" -a "$TOTAL" -gt 0

# Council: a count of 1 to 4 and what follows from it are written, never drawn.
g='//svg[@class="balken"]/g'
check "council: some figures are <5 in the charts" test "$(xmllint --xpath "count($g[@data-shown='<5'])" "$T/ed.html")" -gt 0
check "  ... without a bar" test "$(xmllint --xpath "count($g[@data-shown='<5']/rect)" "$T/ed.html")" -eq 0
check "  ... and without a value on the page to scale by" test "$(xmllint --xpath "count($g[@data-shown='<5'][@data-value])" "$T/ed.html")" -eq 0
check "  ... a cost of fewer than 5 clients: x, no bar either" test "$(xmllint --xpath "count($g[@data-shown='x']/rect)" "$T/k.html")" -eq 0 -a "$(xmllint --xpath "count($g[@data-shown='x'])" "$T/k.html")" -gt 0
check "  ... the other bars are drawn" test "$(xmllint --xpath "count($g/rect)" "$T/ed.html")" -gt 0
# A line over months: a month of 1 to 4 clients is no point and breaks the line.
"$KLANTVOLG_BIN" --demo --db "$T/small.db" --clients 6 >/dev/null
small() { "$KLANTVOLG_BIN" --db "$T/small.db" --user tl.jansen --passphrase-fd 3 report ontwikkeling --from 2023-01-01 --to 2023-12-31 --format html "$@" 3<<<"$P"; }
small --council >"$T/small.html"
pt='//svg[@class="lijn"]//g[@class="punt"]'
shown=$(xmllint --xpath "count($pt[@data-value])" "$T/small.html")
check "  ... a month of fewer than 5 clients on benefit is marked <5" test "$(xmllint --xpath "count($pt[@data-shown='<5'])" "$T/small.html")" -gt 0
check "  ... with no point and no value" test "$(xmllint --xpath "count($pt[@data-shown='<5'][@data-value or circle])" "$T/small.html")" -eq 0
check "  ... and the line only through the months shown ($shown)" test "$(xmllint --xpath '//svg[@class="lijn"]/polyline/@points' "$T/small.html" | grep -oE '[0-9.]+,[0-9.]+' | wc -l)" -eq "$shown"
check "  ... which without --council are all there" test "$(small | xmllint --xpath "count($pt[@data-value])" -)" -eq 12
check "  ... the page says what <5 and x mean" grep -q "Voor de raad: aantallen van 1 tot 4 klanten" "$T/ed.html"
rep effectiviteit $Y --by doelgroep --format html >"$T/eb.html"
check "without --council the small figures are drawn" grep -qE 'data-shown="[1-4]" data-value="[1-4]"' "$T/eb.html"

check "without a configured municipality ('' unsets it)" expect_rc 0 "$KLANTVOLG_BIN" --db "$D" --user demo --passphrase-fd 3 config set gemeente "" 3<<<"$P"
check "  ... the clients' municipalities head the page" bash -c "rep() { \"\$KLANTVOLG_BIN\" --db '$D' --user tl.jansen --passphrase-fd 3 report \"\$@\" 3<<<'$P'; }; rep nazorg --format html | grep -qE '<p class=\"kop\">Gemeenten [A-Z][a-z]+( [A-Z][a-z]+)?, .* en [A-Z]'"
check "a name that is too long is refused (exit 2)" expect_rc 2 "$KLANTVOLG_BIN" --db "$D" --user demo --passphrase-fd 3 config set gemeente "$(printf 'x%.0s' $(seq 70))" 3<<<"$P"
check "  ... saying so" said "ten hoogste 63 tekens"
check "--format html is for reports that have it" expect_rc 2 "$KLANTVOLG_BIN" --db "$D" --user tl.jansen --passphrase-fd 3 reminders --format html 3<<<"$P"
check "not for a klantmanager (exit 3)" expect_rc 3 "$KLANTVOLG_BIN" --db "$D" --user km.bakker --passphrase-fd 3 report kosten --format html 3<<<"$P"

if command -v chromium >/dev/null; then
    for p in eff o k c; do
        f="$T/$p.html"
        [ -f "$f" ] || f="$T/p-$p.html"
        check "Chromium prints $(basename "$f") to PDF" bash -c "timeout 120 chromium --headless --no-sandbox --disable-gpu --print-to-pdf='$T/$p.pdf' 'file://$f' >/dev/null 2>&1; head -c 5 '$T/$p.pdf' | grep -q '%PDF-'"
    done
else
    echo "skipped: chromium is not installed (scripts/deps.sh installs it where it can), no PDF check"
fi
finish
