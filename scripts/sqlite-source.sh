#!/bin/bash
# Debian's sqlite3 source package of the version libsqlite3-dev has, fetched once into a cache
# directory with apt-get source through a private copy of the machine's apt sources (deb-src
# twins of its own deb lines), with lists and cache under that directory: nothing of the
# system's apt state changes. Used by bench/speedtest.sh (speedtest1.c) and
# tests/sqlite/run.sh (testfixture).
#   scripts/sqlite-source.sh CACHE_DIR
# Prints the source tree's directory (CACHE_DIR/src-VERSION/sqlite3-X.Y.Z) and exits 0, or
# prints on one line why it cannot be had and exits 1.
set -u
[ $# -eq 1 ] || { echo "usage: $0 CACHE_DIR" >&2; exit 2; }
mkdir -p "$1" && cache=$(cd "$1" && pwd) || exit 1 # apt wants absolute paths

tree() { ls -d "$src"/sqlite3-*/test 2>/dev/null | head -n1 | sed 's,/test$,,'; }

ver=$(dpkg-query -W -f='${Version}' libsqlite3-dev 2>/dev/null) ||
    { echo "libsqlite3-dev is not installed (dpkg-query)"; exit 1; }
src=$cache/src-$ver
d=$(tree)
[ -n "$d" ] && [ -f "$d/.complete" ] && { echo "$d"; exit 0; }
command -v apt-get >/dev/null || { echo "no apt-get to fetch sqlite3 $ver"; exit 1; }
apt=$cache/apt
rm -rf "$apt" "$src"
mkdir -p "$apt/sources.list.d" "$apt/lists/partial" "$apt/cache/archives/partial" "$src" || exit 1
# deb-src twins of the machine's own sources, one-line and deb822 alike.
if [ -f /etc/apt/sources.list ]; then
    sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' /etc/apt/sources.list >"$apt/sources.list"
else
    : >"$apt/sources.list"
fi
for f in /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] && sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >>"$apt/sources.list"
done
for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && sed -E 's/^Types:.*/Types: deb-src/' "$f" >"$apt/sources.list.d/$(basename "$f")"
done
o=(-o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::Etc::SourceParts=$apt/sources.list.d"
    -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o APT::Sandbox::User=root)
apt-get "${o[@]}" -q update >"$apt/update.log" 2>&1 ||
    { echo "apt-get update of deb-src lists failed (see $apt/update.log)"; exit 1; }
if command -v dpkg-source >/dev/null; then
    (cd "$src" && apt-get "${o[@]}" -q source "sqlite3=$ver") >"$apt/source.log" 2>&1
else # no dpkg-dev: the upstream tarball, without Debian's patches
    (cd "$src" && apt-get "${o[@]}" -q source --download-only "sqlite3=$ver" &&
        tar -xf sqlite3_*.orig.tar.* && for t in sqlite*/; do
            t=${t%/}; [ "$t" = "sqlite3-${ver%%-*}" ] || mv "$t" "sqlite3-${ver%%-*}"; done) \
        >"$apt/source.log" 2>&1
fi
d=$(tree)
[ -n "$d" ] || { echo "apt-get source sqlite3=$ver failed (see $apt/source.log)"; exit 1; }
touch "$d/.complete"
echo "$d"
