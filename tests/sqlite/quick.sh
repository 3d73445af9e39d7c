#!/bin/bash
# SQLite's own tests through the klantvolg VFS, the quick subset (tests/sqlite/run.sh --quick;
# `make sqlite-tests` runs the whole set). Fetching Debian's sqlite3 source and building
# testfixture take minutes, so this runs only where asked: KV_SQLITE_TESTS=1 (.ci/run sets it),
# or when a testfixture is already built in this build directory. Otherwise, or without the
# source or Tcl, it says so on one "skipped:" line.
set -u
build=$(dirname "${KLANTVOLG_BIN:?run through make check}")
top=${KV_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
if [ "${KV_SQLITE_TESTS:-0}" != 1 ] && [ ! -x "$build/sqlite/testfixture/testfixture" ]; then
    echo "skipped: SQLite's own tests (set KV_SQLITE_TESTS=1, or make sqlite-tests once)"
    exit 0
fi
"$top/tests/sqlite/run.sh" "$build" --quick --timeout 300 || exit 1
