#!/bin/bash
# A large dossier line imports in memory linear in its size: one 6 MiB line (13,000
# instruments, as export writes them) under an address-space limit of 256 MiB. The JSON
# reader that allocated the rest of the line for every string needed 345 MiB for a line a
# quarter of this size, and ran out of memory on this one.
. "$TESTLIB"
new_db
"$KV_SRCDIR/tests/helpers/bigline.sh" 6 >"$T/big.jsonl"
check "the generated line is over 6 MiB" test "$(wc -c <"$T/big.jsonl")" -gt 6000000
limit=()
# AddressSanitizer reserves terabytes of address space up front: no limit can hold there.
if ldd "$KLANTVOLG_BIN" 2>/dev/null | grep -q libasan; then
    echo "# built with AddressSanitizer: imported without the address-space limit"
elif command -v prlimit >/dev/null; then
    limit=(prlimit --as=$((256 * 1024 * 1024)))
else
    limit=(bash -c 'ulimit -v $((256 * 1024)) && exec "$@"' limit)
fi
check "a 6 MiB dossier line imports within 256 MiB of address space" expect_rc 0 "${limit[@]}" "$KLANTVOLG_BIN" --db "$DB" --user admin --passphrase-fd 3 import "$T/big.jsonl" 3<<<"$PW"
check "  ... one client" said "1 klanten ingelezen"
check "  ... and the file is sound" expect_rc 0 as admin "$PW" check
finish
