# lib.sh - what the shell tests (tests/cli_*.sh, tests/kiosk.sh) share:
# the programs under test, a fresh temporary folder, and the TAP-style
# helpers, so that a check reads the same in every test. Sourced from the
# project root (tests/run.sh runs the tests there) after the test names
# its folder:
#
#   TEST=vbcli . tests/lib.sh
#
# Sets B (the build folder, default build), VB, VR and GEN (vbpack,
# vraagbaak and tool_gen in it), SAN (1 when vbpack is a sanitizer build:
# memory limits are not ours then), T (a new folder, removed at exit
# unless KEEP is set; a test with more to undo redefines cleanup()), and
# pass and fail, which the helpers count and `finish` reports.

B=${B:-build}
VB="$PWD/$B/vbpack"
VR="$PWD/$B/vraagbaak"
GEN="$PWD/$B/tests/tool_gen"
pass=0; fail=0

# ok WHAT, no WHAT: one result. With SHOW_ERR set, a failure also shows
# the first lines of $T/err (for tests whose commands write there).
ok() { pass=$((pass + 1)); echo "ok - $1"; }
no() {
    fail=$((fail + 1)); echo "not ok - $1"
    [ -z "$SHOW_ERR" ] || sed 's/^/#   /' "$T/err" 2>/dev/null | head -5
}

# check WHAT CMD...: ok when CMD succeeds; its output in $T/out and
# $T/err, the first lines of which are shown when it fails.
check() {
    desc=$1; shift
    if "$@" >"$T/out" 2>"$T/err"; then ok "$desc"
    else no "$desc"; sed 's/^/#   /' "$T/err" | head -5; fi
}

# fails CODE WHAT CMD...: ok when CMD exits with CODE (output as check).
fails() {
    code=$1; desc=$2; shift 2
    "$@" >"$T/out" 2>"$T/err"; rc=$?
    if [ "$rc" = "$code" ]; then ok "$desc"
    else no "$desc (exit $rc, want $code)"; sed 's/^/#   /' "$T/err" | head -3; fi
}

# need PROG...: the test is skipped (exit 0, "SKIP: ...") without them.
need() {
    for p; do [ -x "$p" ] || { echo "SKIP: $(basename "$p") missing"; exit 0; }; done
}

# finish: the totals, and the test's exit status.
finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" = 0 ]
}

SAN=
{ ldd "$VB" 2>/dev/null | grep -q libasan || nm "$VB" 2>/dev/null | grep -q __asan_init; } && SAN=1
T=$(mktemp -d "/tmp/${TEST:-vbtest}-XXXXXX") || exit 1
cleanup() { rm -rf "$T"; }
[ -n "$KEEP" ] || trap cleanup EXIT
