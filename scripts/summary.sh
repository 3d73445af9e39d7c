#!/bin/bash
# Sum the individual results of every test log in a build directory: cmocka's own
# counts for unit tests, the "N passed, N failed" line of shell tests, and the automake
# verdict for a test that ended before it could count. Prints the logs of failures.
dir=${1:-.}
passed=0
failed=0
while IFS= read -r trs; do
    log=${trs%.trs}.log
    p=$(grep -oE '^\[  PASSED  \] [0-9]+' "$log" 2>/dev/null | grep -oE '[0-9]+$' | tail -1)
    f=$(grep -oE '^\[  FAILED  \] [0-9]+ test' "$log" 2>/dev/null | grep -oE '[0-9]+' | tail -1)
    if [ -z "$p$f" ]; then
        line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" 2>/dev/null | tail -1)
        p=$(echo "$line" | cut -d' ' -f1)
        f=$(echo "$line" | cut -d' ' -f3)
    fi
    verdict=$(sed -n 's/^:test-result: //p' "$trs" | head -1)
    if [ -z "$p$f" ]; then
        if [ "$verdict" = PASS ]; then p=1; f=0; else p=0; f=1; fi
    fi
    p=${p:-0}
    f=${f:-0}
    # A test that counted no failure but still failed (a crash, a sanitizer report).
    if [ "$verdict" != PASS ] && [ "$verdict" != SKIP ] && [ "$f" -eq 0 ]; then f=1; fi
    if [ "$f" -gt 0 ]; then
        echo "---- $log" >&2
        tail -n 60 "$log" >&2
    fi
    passed=$((passed + p))
    failed=$((failed + f))
done < <(find "$dir" -name '*.trs' -not -path '*/_build/*' | sort)
echo "$passed passed, $failed failed"
