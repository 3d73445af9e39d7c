#!/bin/sh
# Install the Debian packages klantvolg needs to build and test, if any is missing.
# As root this uses apt-get directly; otherwise through sudo. Idempotent: does nothing
# when everything is present. Extra package names may be given as arguments.
set -eu

PKGS="build-essential clang-format autoconf automake libtool pkg-config make
libncurses-dev libsqlite3-dev sqlite3 libsodium-dev libcmocka-dev tmux procps
passwd util-linux libxml2-utils"
# Extra arguments: package names, or a group of them for one target only.
#   sqlite-tests  SQLite's own Tcl tests (make sqlite-tests): Tcl headers for testfixture,
#                 dpkg-dev to unpack Debian's sqlite3 source with its patches.
for a in "$@"; do
    case $a in
    sqlite-tests) PKGS="$PKGS tcl-dev dpkg-dev" ;;
    *) PKGS="$PKGS $a" ;;
    esac
done
# Wanted but not required: the document tests print to PDF with Chromium when it is there
# (and say "skipped" when it is not). A failed install of these stops nothing.
OPTIONAL="chromium fonts-dejavu-core"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed'; then
        missing="$missing $p"
    fi
done

opt_missing=""
for p in $OPTIONAL; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
        opt_missing="$opt_missing $p"
done

if [ -z "$missing$opt_missing" ]; then
    exit 0
fi

echo "klantvolg: Debian-pakketten installeren:$missing$opt_missing" >&2
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
elif [ -z "$missing" ]; then
    echo "klantvolg: optional packages not installed:$opt_missing (their tests are skipped)" >&2
    exit 0
else
    echo "klantvolg: missing packages:$missing" >&2
    echo "klantvolg: run as root or install sudo, then: apt-get install$missing" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >&2
# shellcheck disable=SC2086
[ -z "$missing" ] || $SUDO apt-get install -y -q --no-install-recommends $missing >&2
if [ -n "$opt_missing" ]; then
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -q --no-install-recommends $opt_missing >&2 ||
        echo "klantvolg: optional packages not installed:$opt_missing (their tests are skipped)" >&2
fi
