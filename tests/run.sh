#!/bin/sh
# Runs every test program given, then the shell tests of the programs, and
# ends with one line "N passed, N failed" (the totals of all of them).
B=${B:-build}
export B
pass=0; fail=0
for t in "$@"; do
    echo "== $t"
    if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $t"; fi
done
for s in tests/cli_*.sh; do
    [ -f "$s" ] || continue
    echo "== $s"
    if B=$B sh "$s"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $s"; fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
