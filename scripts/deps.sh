#!/bin/sh
# Install the Debian packages klantvolg needs to build and test, if any is missing.
# As root this uses apt-get directly; otherwise through sudo. Idempotent: does nothing
# when everything is present. Extra package names may be given as arguments.
set -eu

PKGS="build-essential autoconf automake libtool pkg-config make
libncurses-dev libsqlite3-dev sqlite3 libsodium-dev libcmocka-dev tmux procps
passwd util-linux"
PKGS="$PKGS $*"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed'; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi

echo "klantvolg: Debian-pakketten installeren:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "klantvolg: missing packages:$missing" >&2
    echo "klantvolg: run as root or install sudo, then: apt-get install$missing" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing >&2
