#!/bin/sh
# Runs every test program given, then the shell tests of the programs, and
# ends with one line "N passed, N failed" (the totals of all of them). Each
# test's wall time follows it ("-- 12.3 s"), and the slowest five are
# listed at the end: CI's time is these summed, twice (make check).
B=${B:-build}
export B
pass=0; fail=0
times=$(mktemp) || exit 2
trap 'rm -f "$times"' EXIT
now() { date +%s.%N; }
one() { # name command...
    name=$1; shift
    echo "== $name"
    t0=$(now)
    if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $name"; fi
    s=$(echo "$(now) - $t0" | bc)
    printf -- '-- %.1f s\n' "$s"
    printf '%.1f %s\n' "$s" "$name" >>"$times"
}
for t in "$@"; do
    one "$t" "$t"
done
for s in tests/cli_*.sh; do
    [ -f "$s" ] || continue
    one "$s" env B="$B" sh "$s"
done
echo "slowest: $(sort -rn "$times" | head -n 5 | awk '{printf "%s%s %s s", (NR > 1 ? ", " : ""), $2, $1}')"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
