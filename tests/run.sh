#!/bin/sh
# Runs every test program given, then the shell tests of the programs, and
# ends with one line "N passed, N failed" (the totals of all of them).
#
# TEST_JOBS tests run at once (default: the processors, at most 4; 1 runs
# them one after another as before). Each test's output is kept apart and
# printed whole when it ends, followed by its wall time ("-- 12.3 s"); the
# slowest five are listed at the end. The longest tests start first, so
# the run takes about as long as the longest chain, not the sum: CI runs
# this twice (make test, make check) and its time is mostly these.
#
# Tests that run at once share nothing: each shell test works in its own
# mktemp folder (tests/lib.sh), each program test in memory or its own
# temporary files. A test that measures time (frames, idle ticks, the
# follow delay) asks for its own slack, as on a loaded machine.
B=${B:-build}
export B
J=${TEST_JOBS:-}
if [ -z "$J" ]; then
    J=$(nproc 2>/dev/null || echo 1)
    [ "$J" -gt 4 ] && J=4
fi
case $J in '' | *[!0-9]* | 0) J=1 ;; esac
D=$(mktemp -d) || exit 2
trap 'rm -rf "$D"' EXIT
trap 'exit 130' HUP INT TERM

# the list: the slow ones first (measured: tests/run.sh prints the times),
# then the rest in their usual order
SLOW="tests/cli_damage.sh tests/cli_bounds.sh tests/cli_follow.sh
tests/cli_edition.sh tests/cli_fuzz_smoke.sh tests/cli_reader.sh"
: >"$D/list"
for s in $SLOW; do [ -f "$s" ] && echo "$s" >>"$D/list"; done
for t in "$@"; do echo "$t" >>"$D/list"; done
for s in tests/cli_*.sh; do
    [ -f "$s" ] || continue
    case " $(echo $SLOW) " in *" $s "*) continue ;; esac
    echo "$s" >>"$D/list"
done

# one test: its output, its status and its time in $D, printed whole
# under a lock so two that end together do not interleave
cat >"$D/one.sh" <<'EOF'
D=$1 t=$2
k=$(echo "$t" | tr '/.' '__')
t0=$(date +%s.%N)
case $t in
*.sh) sh "$t" >"$D/$k.out" 2>&1 ;;
*) "$t" >"$D/$k.out" 2>&1 ;;
esac
rc=$?
s=$(echo "$(date +%s.%N) - $t0" | bc)
{
    echo "== $t"
    cat "$D/$k.out"
    [ $rc = 0 ] || echo "FAILED: $t"
    printf -- '-- %.1f s\n' "$s"
} | flock "$D/lock" cat
printf '%s %.1f %s\n' "$rc" "$s" "$t" >"$D/$k.rc"
EOF
: >"$D/lock"
tr '\n' '\0' <"$D/list" | xargs -0 -n 1 -P "$J" sh "$D/one.sh" "$D" || true
pass=0; fail=0
while read -r t; do
    k=$(echo "$t" | tr '/.' '__')
    if [ -f "$D/$k.rc" ] && [ "$(cut -d' ' -f1 "$D/$k.rc")" = 0 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        [ -f "$D/$k.rc" ] || echo "FAILED: $t (did not run to its end)"
    fi
done <"$D/list"
echo "slowest: $(cat "$D"/*.rc 2>/dev/null | sort -k2 -rn | head -n 5 |
    awk '{printf "%s%s %s s", (NR > 1 ? ", " : ""), $3, $2}')"
echo "$pass passed, $fail failed ($J at once)"
[ "$fail" = 0 ]
