#!/bin/bash
# The plan van aanpak as a document: export --client ID --format plan gives one
# self-contained HTML page that parses, holds what the dossier holds (checked against the
# JSON export of the same client), loads nothing from outside, escapes what people typed,
# uses plain language for a client who reads with difficulty, is logged as an export, and
# prints to PDF in headless Chromium (skipped with one line when Chromium is not there).
. "$TESTLIB"
P=klantvolg-demo
D="$T/demo.db"
run() { "$KLANTVOLG_BIN" --db "$D" --user "$1" --passphrase-fd 3 "${@:2}" 3<<<"$P"; }
"$KLANTVOLG_BIN" --demo --db "$D" --clients 30 >/dev/null
command -v xmllint >/dev/null || { echo "FAIL: xmllint is missing (libxml2-utils)"; echo "0 passed, 1 failed"; exit 1; }

# A client of km.bakker with a plan that has goals, and one who reads with difficulty.
run tl.jansen export >"$T/all.jsonl"
ID=$(grep -n '"goals":\[{' "$T/all.jsonl" | head -1 | cut -d: -f1)
PLAIN=$(grep -n '"communication_needs":"[^"]*laaggeletterd' "$T/all.jsonl" | grep '"plans":\[{' | head -1 | cut -d: -f1)
NOPLAN=$(grep -n '"plans":\[\]' "$T/all.jsonl" | head -1 | cut -d: -f1)
check "test data: a client with goals, one laaggeletterd with a plan, one without" test -n "$ID" -a -n "$PLAIN" -a -n "$NOPLAN"
run tl.jansen export --client "$ID" >"$T/one.json"

check "export --format plan needs --client: exit 2" expect_rc 2 run tl.jansen export --format plan
check "  ... saying so" said "geef --client ID"
check "the plan of a client" expect_rc 0 run tl.jansen export --client "$ID" --format plan
cp "$T/out" "$T/plan.html"
check "  ... is HTML that parses without a complaint" bash -c "xmllint --html --noout '$T/plan.html' 2>&1 | (! grep -q .)"
check "  ... in Dutch, printable on A4" bash -c "grep -q '<html lang=\"nl\">' '$T/plan.html' && grep -q '@page { size: A4' '$T/plan.html'"
NAME=$(grep -o '"first_name":"[^"]*"' "$T/one.json" | head -1 | cut -d'"' -f4)
check "  ... names the client" grep -q "<title>Plan van aanpak — $NAME" "$T/plan.html"
GOAL=$(grep -o '"specifiek":"[^"]*"' "$T/one.json" | tail -1 | cut -d'"' -f4)
check "  ... holds the current plan's goals with their SMART parts" grep -qF "$GOAL" "$T/plan.html"
MEET=$(grep -o '"meetbaar":"[^"]*"' "$T/one.json" | tail -1 | cut -d'"' -f4)
check "  ... (meetbaar too)" grep -qF "$MEET" "$T/plan.html"
check "  ... the klantmanager by name" grep -qE '<th>Klantmanager</th><td>[A-Z][a-z]+ [A-Z]' "$T/plan.html"
check "  ... and two signature blocks" test "$(grep -o 'class="handtekening"' "$T/plan.html" | wc -l)" -eq 2
check "  ... and loads nothing from outside" bash -c "! grep -qiE 'https?:|<script|<link|src=|@import|url\\(' '$T/plan.html'"

check "a client who reads with difficulty gets larger type" expect_rc 0 run tl.jansen export --client "$PLAIN" --format plan
check "  ... and plain headings" bash -c "grep -q 'class=\"eenvoudig\"' '$T/out' && grep -q 'Wat wilt u bereiken?' '$T/out'"
check "a client without a plan: exit 1" expect_rc 1 run tl.jansen export --client "$NOPLAN" --format plan
check "  ... saying so" said "nog geen plan van aanpak"
check "someone else's client: exit 3" expect_rc 3 run km.yilmaz export --client "$ID" --format plan
check "the plan is logged as an export" bash -c "KLANTVOLG_USER=tl.jansen '$KLANTVOLG_BIN' --db '$D' --passphrase-fd 3 audit --client '$ID' --format tsv 3<<<'$P' | grep -q 'plan'"

# What people typed is text, never markup: import the client with a goal that holds some.
B="$T/b.db"
"$KLANTVOLG_BIN" --db "$B" --user demo init --new-passphrase-fd 3 3<<<"$P" >/dev/null
for u in tl.jansen:teamleider km.bakker:klantmanager km.yilmaz:klantmanager km.devries:klantmanager km.elamrani:klantmanager km.kowalski:klantmanager; do
    "$KLANTVOLG_BIN" --db "$B" --user demo --passphrase-fd 3 user add "${u%%:*}" --role "${u##*:}" --new-passphrase-fd 4 3<<<"$P" 4<<<"$P" >/dev/null
done
sed "s|\"specifiek\":\"$GOAL\"|\"specifiek\":\"<script>alert(1)</script> \& <b>vet</b>\"|" "$T/one.json" >"$T/evil.json"
"$KLANTVOLG_BIN" --db "$B" --user demo --passphrase-fd 3 import "$T/evil.json" 3<<<"$P" >/dev/null
check "typed markup is escaped" bash -c "'$KLANTVOLG_BIN' --db '$B' --user tl.jansen --passphrase-fd 3 export --client 1 --format plan 3<<<'$P' >'$T/evil.html' && grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;' '$T/evil.html' && ! grep -q '<script' '$T/evil.html'"

# Printing, as a person would.
if command -v chromium >/dev/null; then
    check "Chromium prints it to PDF" bash -c "timeout 120 chromium --headless --no-sandbox --disable-gpu --print-to-pdf='$T/plan.pdf' 'file://$T/plan.html' >/dev/null 2>&1; head -c 5 '$T/plan.pdf' | grep -q '%PDF-'"
else
    echo "skipped: chromium is not installed (scripts/deps.sh installs it where it can), no PDF check"
fi
finish
