#!/bin/bash
# The shared server as a boundary (klantvolg(1), SHARED SERVER). As root: build with a
# temporary prefix, `make install-server` with a group of its own, then act as a caseworker
# and a beheerder with Unix accounts of their own (setpriv): klantvolg works for them, the
# database and its journal do not open for anything else, a debugger cannot attach, user
# files are written with the user's ids, KLANTVOLG_NOW changes nothing, the offline copy
# works without the privilege, and a backup opens only with the recovery key. Everything it
# made (users, group, prefix) is removed at the end. Without root: one "skipped" line.
. "$TESTLIB"
if [ "$(id -u)" != 0 ]; then
    echo "skipped: needs root (it creates Unix users, a group and a setgid install)"
    echo "0 passed, 0 failed"
    exit 77
fi
need_tmux
for t in setpriv useradd groupadd userdel groupdel; do
    command -v "$t" >/dev/null || { echo "FAIL: $t is missing"; echo "0 passed, 1 failed"; exit 1; }
done
export LANG=C.UTF-8 LC_ALL=C.UTF-8
tag="kv$$"
GROUP="${tag}grp" KM="${tag}km" BH="${tag}bh"
chmod 755 "$T"
if findmnt -n -o OPTIONS -T "$T" 2>/dev/null | grep -qw nosuid; then
    echo "skipped: $T is on a nosuid mount (set TMPDIR to another file system)"
    echo "0 passed, 0 failed"
    exit 77
fi
PREFIX="$T/prefix"
DBDIR="$PREFIX/var/lib/klantvolg"
SDB="$DBDIR/klantvolg.db"
BIN="$PREFIX/bin/klantvolg"
PASS=klantvolg-demo
gone() {
    userdel "$KM" 2>/dev/null
    userdel "$BH" 2>/dev/null
    groupdel "$GROUP" 2>/dev/null
    cleanup
}
trap gone EXIT
for u in "$KM" "$BH"; do
    mkdir -p "$T/home/$u"
    useradd -M -d "$T/home/$u" -s /bin/bash -U "$u" || { echo "FAIL: useradd $u"; exit 1; }
    chown "$u:$u" "$T/home/$u"
    chmod 700 "$T/home/$u"
done
chmod 755 "$T/home"
KMH="$T/home/$KM" BHH="$T/home/$BH"
# as_unix USER CMD...: run CMD as that Unix user (her groups only), in her home.
as_unix() { local u=$1; shift; (cd "$T/home/$u" && setpriv --reuid="$u" --regid="$u" --init-groups env HOME="$T/home/$u" "$@"); }
# k USER KVUSER CMD...: klantvolg as Unix user USER logged in as KVUSER.
k() { local u=$1 who=$2; shift 2; as_unix "$u" "$BIN" --user "$who" --passphrase-fd 3 "$@" 3<<<"$PASS"; }

# Build and install with the temporary prefix, the way the README says.
mkdir "$T/build"
(cd "$T/build" && CFLAGS="-O1" LDFLAGS="" "$KV_SRCDIR/configure" --prefix="$PREFIX" >configure.out 2>&1 &&
    make -j2 klantvolg >make.out 2>&1 &&
    make install-server KLANTVOLG_GROUP="$GROUP" >install.out 2>&1) ||
    { tail -20 "$T/build/"*.out; echo "FAIL: build and install-server"; echo "0 passed, 1 failed"; exit 1; }
check "install-server: the program setgid to the group" test "$(stat -c '%a %U %G' "$BIN")" = "2755 root $GROUP"
check "  ... the database directory only the group enters" test "$(stat -c '%a %U %G' "$DBDIR")" = "2770 root $GROUP"
check "  ... klantvolg.conf names the database" grep -qx "database = $SDB" "$PREFIX/etc/klantvolg.conf"
check "  ... the caseworker is not in the group" bash -c "! id -nG '$KM' | grep -qw '$GROUP'"

# The beheerder: a recovery key (kept offline), the database, users, the demo's dossiers.
check "recovery-key new writes the secret key and prints the public line" \
    expect_rc 0 as_unix "$BH" "$BIN" recovery-key new --to "$BHH/herstel.key"
check "  ... the secret key is hers alone" test "$(stat -c '%a %U' "$BHH/herstel.key")" = "600 $BH"
grep '^recovery-key = ' "$T/out" >>"$PREFIX/etc/klantvolg.conf"
check "the beheerder initialises the served database" expect_rc 0 as_unix "$BH" "$BIN" init --new-passphrase-fd 3 3<<<"$PASS"
check "  ... it is the configured one, owned by the group" test "$(stat -c '%a %G' "$SDB")" = "660 $GROUP"
"$KLANTVOLG_BIN" --demo --db "$T/demo.db" --clients 20 >/dev/null
"$KLANTVOLG_BIN" --db "$T/demo.db" --user tl.jansen --passphrase-fd 3 export 3<<<"$PASS" >"$BHH/dossiers.jsonl"
chown "$BH" "$BHH/dossiers.jsonl"
for u in tl.jansen:teamleider km.bakker:klantmanager km.yilmaz:klantmanager km.devries:klantmanager km.elamrani:klantmanager km.kowalski:klantmanager; do
    k "$BH" "$BH" user add "${u%%:*}" --role "${u##*:}" --new-passphrase-fd 4 4<<<"$PASS" >/dev/null
done
check "the beheerder imports a file of her own" expect_rc 0 k "$BH" "$BH" import "$BHH/dossiers.jsonl"
ALL=$(wc -l <"$BHH/dossiers.jsonl")

# The caseworker, through klantvolg.
check "the caseworker's reminders" expect_rc 0 k "$KM" km.bakker reminders --days 400
check "  ... about her clients" said_re "[0-9]+-[0-9]+-20[0-9]{2}"
check "her export, written with her own ids" expect_rc 0 k "$KM" km.bakker export --to "$KMH/uit.jsonl"
check "  ... owner and group hers, mode 600" test "$(stat -c '%a %U %G' "$KMH/uit.jsonl")" = "600 $KM $KM"
MINE=$(wc -l <"$KMH/uit.jsonl")
check "  ... her clients only ($MINE of $ALL)" test "$MINE" -gt 0 -a "$MINE" -lt "$ALL"
check "an export into a directory she cannot write is refused" expect_rc 1 k "$KM" km.bakker export --to "$T/uit.jsonl"
check "  ... saying why" said "kan $T/uit.jsonl niet schrijven: Permission denied"
check "  ... and leaves no file" test ! -e "$T/uit.jsonl"

# Around klantvolg: nothing opens.
check "cat cannot read the database" bash -c "! setpriv --reuid='$KM' --regid='$KM' --init-groups cat '$SDB' >/dev/null 2>'$T/err'"
check "  ... EACCES" grep -q "Permission denied" "$T/err"
check "cp cannot copy it" bash -c "! setpriv --reuid='$KM' --regid='$KM' --init-groups cp '$SDB' '$KMH/gestolen.db' 2>'$T/err'"
check "  ... nor its journal's directory be listed" bash -c "! setpriv --reuid='$KM' --regid='$KM' --init-groups ls '$DBDIR' >/dev/null 2>&1"
mkdir -p "$T/bin" && cp "$KVTOOL" "$PTRACE_TRY" "$T/bin/" && chmod 755 "$T/bin"/*
check "her own program through the VFS cannot open it" bash -c "! setpriv --reuid='$KM' --regid='$KM' --init-groups env KVTOOL_PASS='$PASS' '$T/bin/kvtool' sql '$SDB' km.bakker 'SELECT count(*) FROM clients' >'$T/out' 2>'$T/err'"
check "  ... (the file could not be opened)" grep -qiE "permission denied|kan .* niet|unable to open|geen toegang" "$T/err"
check "a debugger attaches to her own programs (control)" expect_rc 0 as_unix "$KM" "$T/bin/ptrace_try" /bin/sleep 5
check "  ... but not to her klantvolg" bash -c "sleep 20 | setpriv --reuid='$KM' --regid='$KM' --init-groups '$T/bin/ptrace_try' '$BIN' --user km.bakker --passphrase-fd 0 reminders >'$T/out'; [ \$? -eq 1 ] && grep -q refused '$T/out'"

# KLANTVOLG_NOW moves nothing in a set-id program.
TODAY=$(date +%F)
before=$(k "$KM" km.bakker reminders --days 30 --format tsv | md5sum)
check "KLANTVOLG_NOW=2099-12-31: the same reminders" test "$(KLANTVOLG_NOW=2099-12-31 k "$KM" km.bakker reminders --days 30 --format tsv | md5sum)" = "$before"
check "  ... the same clients" test "$(KLANTVOLG_NOW=2099-12-31 k "$KM" km.bakker export | wc -l)" -eq "$MINE"
KLANTVOLG_USER=tl.jansen "$BIN" --passphrase-fd 3 audit --format tsv 3<<<"$PASS" >"$T/log.tsv"
check "  ... and the log keeps the real date" bash -c "grep -F 'km.bakker' '$T/log.tsv' | tail -1 | grep -q '$TODAY'"
check "  ... never 2099" bash -c "[ -s '$T/log.tsv' ] && ! grep -q 2099 '$T/log.tsv'"

# Her offline copy: hers, opened without the privilege.
check "checkout to her home" expect_rc 0 k "$KM" km.bakker checkout --to "$KMH/kopie.db"
check "  ... the copy is hers" test "$(stat -c '%a %U %G' "$KMH/kopie.db")" = "600 $KM $KM"
check "  ... and opens as her own file" expect_rc 0 k "$KM" km.bakker --db "$KMH/kopie.db" export
check "  ... with her clients" test "$(wc -l <"$T/out")" -eq "$MINE"
check "  ... nothing of the group left in her home" test -z "$(find "$KMH" -group "$GROUP")"

# The screens, as her, in a terminal of her own.
mkdir -p "$KMH/tmux" && chown "$KM" "$KMH/tmux"
SOCK="$KMH/tmux/s"
tm() { setpriv --reuid="$KM" --regid="$KM" --init-groups tmux -S "$SOCK" "$@"; }
tm new-session -d -s kv -x 80 -y 24 "env LANG=C.UTF-8 HOME='$KMH' '$BIN' --user km.bakker; echo \$? > '$KMH/rc'; sleep 30"
check "her login on the screens" wait_for "wachtwoord voor km.bakker"
keys "$PASS" Enter
check "  ... her werkvoorraad" wait_for "werkvoorraad — "
keys Enter
wait_for "1 Overzicht 2 Intakes" >/dev/null
keys c
wait_for "* Kanaal" >/dev/null
keys Tab Space t Enter Tab Tab "Gebeld over het CV" F2
check "  ... a contact saved, dated today" wait_for "Contact van $(date +%-d-%-m-%Y) vastgelegd"
keys q q
for _ in $(seq "$WAIT_TRIES"); do [ -s "$KMH/rc" ] && break; sleep 0.1; done
check "  ... and a normal end" test "$(cat "$KMH/rc" 2>/dev/null)" = 0
tm kill-server 2>/dev/null
check "the contact is in the database" bash -c "'$BIN' --user km.bakker --passphrase-fd 3 export 3<<<'$PASS' | grep -q 'Gebeld over het CV'"

# Backups: sealed to the recovery key; restored, the same dossiers.
check "the beheerder's backup, into her home" expect_rc 0 k "$BH" "$BH" backup "$BHH/backup.db"
check "  ... hers" test "$(stat -c '%U' "$BHH/backup.db")" = "$BH"
check "  ... does not open with her passphrase" expect_rc 3 k "$BH" "$BH" --db "$BHH/backup.db" check
check "  ... saying it needs the recovery key" said "alleen de herstelsleutel"
cp "$BHH/backup.db" "$KMH/backup.db" && chown "$KM" "$KMH/backup.db"
check "  ... nor with the caseworker's" expect_rc 3 k "$KM" km.bakker --db "$KMH/backup.db" export
check "restore with the recovery key" expect_rc 0 as_unix "$BH" "$BIN" restore "$BHH/backup.db" --key "$BHH/herstel.key" --to "$BHH/hersteld.db"
check "  ... a sound file" expect_rc 0 k "$BH" "$BH" --db "$BHH/hersteld.db" check
"$BIN" --user tl.jansen --passphrase-fd 3 export 3<<<"$PASS" >"$T/served.jsonl"
check "  ... with the same export" bash -c "'$BIN' --db '$BHH/hersteld.db' --user tl.jansen --passphrase-fd 3 export 3<<<'$PASS' | cmp - '$T/served.jsonl'"
as_unix "$KM" "$BIN" recovery-key new --to "$KMH/eigen.key" >/dev/null 2>&1
check "a recovery key of her own does not restore it" expect_rc 3 as_unix "$KM" "$BIN" restore "$KMH/backup.db" --key "$KMH/eigen.key" --to "$KMH/x.db"
check "  ... and leaves no file" test ! -e "$KMH/x.db"
finish
