#!/bin/bash
# Run the storage benchmark: plain SQLite vs the klantvolg VFS in one run, then (if
# Debian's libsqlcipher-dev is installed, or can be) the same workload on SQLCipher.
#   bench/run.sh [BUILD_DIR] [--rows N] [--runs K]     (make bench does this)
# BENCH_NO_SQLCIPHER=1 skips SQLCipher.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
shift || true
make -C "$build" bench/bench_vfs >/dev/null
"$build/bench/bench_vfs" "$@"
echo
if [ -n "${BENCH_NO_SQLCIPHER:-}" ]; then exit 0; fi
if ! dpkg-query -W -f='${Status}' libsqlcipher-dev 2>/dev/null | grep -q 'install ok installed'; then
    "$top/scripts/deps.sh" libsqlcipher-dev || { echo "SQLCipher not available: skipped"; exit 0; }
fi
cc -O2 -I"$top" "$top/bench/bench_sqlcipher.c" -o "$build/bench/bench_sqlcipher" -lsqlcipher
"$build/bench/bench_sqlcipher" "$@"
