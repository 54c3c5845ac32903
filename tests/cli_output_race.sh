#!/bin/sh
# cli_output_race.sh - the -o of vbpack between its check and its use
# (issue 13, #4): out_check() refuses an output that is a link, FIFO or
# device, but the archive is built under OUT.tmp-PID beside it and renamed
# over it at the end, so what matters is what lies under those two names
# while vbpack works. Someone who can write to the output's folder may
# plant a link or FIFO under OUT.tmp-PID (the PID of `exec` is known), or
# swap either name while vbpack runs (here: while it is stopped, so the
# cases are exact, not timed). vbpack must never write through a link,
# never block on a FIFO, never publish a file it did not make. A link
# swapped in under the output name itself is replaced by the rename (never
# followed): that held before, and is shown here too.
# Run from the project root with B=build folder (tests/run.sh does).
B=${B:-build}
VB="$PWD/$B/vbpack"
GEN="$PWD/$B/tests/tool_gen"
if [ ! -x "$VB" ] || [ ! -x "$GEN" ]; then echo "SKIP: vbpack or tool_gen missing"; exit 0; fi
T=$(mktemp -d /tmp/vbrace-XXXXXX)
[ -n "$KEEP" ] || trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
no() { fail=$((fail + 1)); echo "not ok - $1"; sed 's/^/#   /' "$T/err" 2>/dev/null | head -5; }
S="$PWD/samples"
cd "$T" || exit 1
echo "not to be touched" >victim
mkdir old new all
cp "$S"/*.txt all/
cp "$S"/*.txt old/ && mv old/tk-2024D18824.txt new/   # the newest: an appending update
"$VB" pack -q -o old.vbk old || { echo "not ok - packing the samples"; exit 1; }
"$VB" pack -q -o ref.vbk all && "$VB" update -q -o upd.vbk old.vbk new ||
    { echo "not ok - the reference runs"; exit 1; }
intact() { [ "$(cat victim)" = "not to be touched" ] && [ -f victim ] && [ ! -L victim ]; }
fresh() { rm -f victim out.vbk out.vbk.tmp-* out2.vbk fifo; echo "not to be touched" >victim; }

# ---- a link or FIFO planted under OUT.tmp-PID before vbpack starts ----------
# (sh -c '...; exec vbpack': the PID is the shell's)
for c in "pack -q -o out.vbk all" "update -q -o out.vbk old.vbk new"; do
    ref=ref.vbk; [ "${c%% *}" = update ] && ref=upd.vbk
    fresh
    timeout 20 sh -c 'ln -s victim out.vbk.tmp-$$; exec "$0" '"$c" "$VB" >/dev/null 2>"$T/err"
    rc=$?
    [ "$rc" = 0 ] && intact && [ -f out.vbk ] && [ ! -L out.vbk ] && cmp -s out.vbk "$ref" &&
        ok "${c%% *}: a link planted under OUT.tmp-PID is not written through; the archive as always" ||
        no "${c%% *}: a link planted under OUT.tmp-PID is not written through (exit $rc)"
    fresh
    mkfifo fifo
    timeout 20 sh -c 'ln -s fifo out.vbk.tmp-$$; exec "$0" '"$c" "$VB" >/dev/null 2>"$T/err"
    rc=$?
    [ "$rc" = 0 ] && [ -p fifo ] && cmp -s out.vbk "$ref" &&
        ok "${c%% *}: a link to a FIFO under OUT.tmp-PID: no hang, the archive as always" ||
        no "${c%% *}: a link to a FIFO under OUT.tmp-PID: no hang (exit $rc)"
done

# ---- names swapped while vbpack works ---------------------------------------
# Stopped once OUT.tmp-PID exists (LMDB has it open), a name is swapped,
# and it goes on.
"$GEN" 1500 gen >/dev/null 2>&1 || { echo "not ok - tool_gen"; exit 1; }
# swap NAME: run pack -o out.vbk gen, stop it mid-build, run the shell
# code in $1 (with $pid), continue; exit code in $rc
swap() {
    fresh
    "$VB" pack -q -o out.vbk gen >/dev/null 2>"$T/err" &
    pid=$!
    n=0
    while [ ! -f "out.vbk.tmp-$pid" ] && [ $n -lt 2000 ] && kill -0 $pid 2>/dev/null; do
        sleep 0.005; n=$((n + 1))
    done
    kill -STOP $pid 2>/dev/null
    if [ -f "out.vbk.tmp-$pid" ]; then stopped=1; eval "$1"; else stopped=0; fi
    kill -CONT $pid 2>/dev/null
    wait $pid
    rc=$?
}
# the output name becomes a link after the check: the rename replaces it
swap 'ln -s victim out.vbk'
if [ "$stopped" = 1 ]; then
    [ "$rc" = 0 ] && intact && [ -f out.vbk ] && [ ! -L out.vbk ] && "$VB" verify out.vbk >/dev/null &&
        ok "a link swapped in under -o after its check is replaced, not followed" ||
        no "a link swapped in under -o after its check is replaced, not followed (exit $rc)"
else
    echo "# the pack ended before it could be stopped: not checked"
fi
# the file being built is swapped for a link: refused, nothing written
swap 'mv "out.vbk.tmp-$pid" out2.vbk && ln -s victim "out.vbk.tmp-$pid"'
if [ "$stopped" = 1 ]; then
    # the writer sees the file replaced (or, without /proc, stopped
    # before LMDB opened the name, LMDB refuses the link's target: not an
    # LMDB file): either way refused, with nothing written
    [ "$rc" = 1 ] && intact && [ ! -e out.vbk ] &&
        grep -q "replaced by another file\|create: MDB_INVALID" "$T/err" &&
        ok "OUT.tmp-PID swapped for a link mid-build: refused, nothing written through it" ||
        no "OUT.tmp-PID swapped for a link mid-build: refused, nothing written through it (exit $rc)"
else
    echo "# the pack ended before it could be stopped: not checked"
fi
# the same with an empty file under the link: LMDB makes its first pages
# in an empty file it opens, so it must open the file made, not the name
swap ': >victim && mv "out.vbk.tmp-$pid" out2.vbk && ln -s victim "out.vbk.tmp-$pid"'
if [ "$stopped" = 1 ]; then
    [ "$rc" = 1 ] && [ -f victim ] && [ ! -L victim ] && [ ! -s victim ] && [ ! -e out.vbk ] &&
        ok "OUT.tmp-PID swapped for a link to an empty file: refused, the file left empty" ||
        no "OUT.tmp-PID swapped for a link to an empty file: refused, the file left empty (exit $rc, $(wc -c <victim) bytes)"
else
    echo "# the pack ended before it could be stopped: not checked"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
