#!/bin/sh
# Format the C sources with the project's .clang-format (Debian 12's clang-format 14).
#   scripts/format.sh          rewrite the files in place
#   scripts/format.sh --check  change nothing; list the files that differ, exit 1 if any
# Sources are the tracked *.c and *.h files (or, outside a git checkout, those under the
# source folders), so a build directory or a fetched SQLite source is never touched.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
command -v clang-format >/dev/null 2>&1 || { echo "format: clang-format is not installed" >&2; exit 2; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    files=$(git ls-files '*.c' '*.h')
else
    files=$(find core crypto storage tui cli tests bench -name '*.c' -o -name '*.h' | sort)
fi
if [ "${1:-}" = "--check" ]; then
    bad=0
    for f in $files; do
        if ! clang-format --style=file "$f" | cmp -s - "$f"; then
            echo "not formatted: $f (scripts/format.sh formats it)"
            bad=1
        fi
    done
    exit $bad
fi
# shellcheck disable=SC2086
clang-format --style=file -i $files
