#!/bin/bash
# Build klantvolg and run the whole test suite (the README's second command).
# Installs missing Debian packages first. Ends with "N passed, N failed".
#   BUILD_DIR=dir        where to build (default: build)
#   CONFIGURE_FLAGS=...  extra configure arguments; CFLAGS and LDFLAGS from the
#                        environment reach configure too (CI's sanitizer build)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
./scripts/deps.sh || exit 1
[ -x configure ] && [ configure -nt configure.ac ] && [ Makefile.in -nt Makefile.am ] || ./autogen.sh || exit 1
build=${BUILD_DIR:-build}
mkdir -p "$build" && cd "$build" || exit 1
if [ ! -f Makefile ] || [ -n "${CONFIGURE_FLAGS:-}" ]; then
    # shellcheck disable=SC2086
    "$top/configure" --enable-werror ${CONFIGURE_FLAGS:-} >configure.out 2>&1 ||
        { cat configure.out; exit 1; }
fi
jobs=$(nproc 2>/dev/null || echo 2)
make -j"$jobs" >make.out 2>&1 || { cat make.out; echo "0 passed, 1 failed"; exit 1; }
# Results of an earlier run must not be summed as this one's (a test that no longer
# builds would otherwise keep its old PASS).
find . -path ./_build -prune -o \( -name '*.trs' -o -name '*.log' \) -path '*/tests/*' -print0 |
    xargs -0 rm -f
make -j"$jobs" check >check.out 2>&1
rc=$?
grep -E '^(PASS|FAIL|ERROR|XPASS|SKIP):' check.out
if ! grep -qE '^# TOTAL:' check.out; then # the tests did not build or did not run
    grep -E 'error|Error' check.out | head -n 20
    echo "0 passed, 1 failed"
    exit 1
fi
"$top/scripts/summary.sh" .
exit $rc
