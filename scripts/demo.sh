#!/bin/bash
# Build klantvolg (installing missing Debian packages) and open it on the demo database
# (the README's first command). Extra arguments go to klantvolg, e.g. --db FILE.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
./scripts/deps.sh
[ -x configure ] && [ configure -nt configure.ac ] && [ Makefile.in -nt Makefile.am ] || ./autogen.sh
mkdir -p build && cd build
[ -f Makefile ] || "$top/configure" >configure.out
make -j"$(nproc 2>/dev/null || echo 2)" klantvolg >make.out 2>&1 || { cat make.out; exit 1; }
exec ./klantvolg --demo "$@"
