#!/bin/sh
# cli_valgrind.sh - the reader's headless walk (search, open, scroll, find,
# back, a facet query) under valgrind, once per test run: no invalid read
# or write, no use of uninitialised memory, no definite leak. Then the same
# walk on a damaged copy of the archive. A sanitizer build is skipped (the
# two cannot run together; `make test` runs this on the plain build).
# Run from the project root with B=build folder (tests/run.sh does).
TEST=vbvg . tests/lib.sh
need "$VB" "$VR"
if grep -q __asan_init "$VR"; then echo "SKIP: sanitizer build"; exit 0; fi
if ! command -v valgrind >/dev/null; then
    echo "not ok - valgrind is installed (make deps installs it)"; exit 1
fi
export SDL_VIDEODRIVER=dummy
export XDG_DATA_HOME="$T/xdg"

"$VB" pack -q -o "$T/s.vbk" samples/ || { no "pack the samples"; exit 1; }
cat >"$T/walk.txt" <<EOF
wait
type nuctech
wait
key Return
wait
key Return
wait
scroll 17
wait
key ctrl+f
type dynaxion
wait
key Escape
key Escape
wait
key alt+Right
wait
key ctrl+d
key Escape
key /
type partij:CDA
wait
screenshot $T/shot.bmp
key Escape
quit
EOF

# vg NAME ARCHIVE: the walk under valgrind; 99 is valgrind's own exit code
vg() {
    valgrind -q --error-exitcode=99 --leak-check=full \
        --errors-for-leak-kinds=definite --show-leak-kinds=definite \
        "$VR" --script "$T/walk.txt" --size 800x480 "$2" >"$T/$1.out" 2>"$T/$1.err"
    echo $? >"$T/$1.rc"
}

vg good "$T/s.vbk"
rc=$(cat "$T/good.rc")
[ "$rc" = 0 ] && ok "the walk under valgrind: no error, no definite leak" ||
    { no "the walk under valgrind exits 0 (got $rc)"; sed 's/^/#   /' "$T/good.err" | head -30; }
[ -s "$T/shot.bmp" ] && ok "the walk ran to its end (screenshot written)" ||
    no "the walk ran to its end (screenshot written)"

# three bytes changed across the file: the reader may refuse or show less,
# but valgrind must find nothing (exit 0 or the reader's own error, 1)
cp "$T/s.vbk" "$T/d.vbk"
sz=$(wc -c <"$T/d.vbk")
for off in $((sz / 3)) $((sz / 2)) $((sz * 2 / 3)); do
    printf '\377' | dd of="$T/d.vbk" bs=1 seek="$off" conv=notrunc 2>/dev/null
done
vg damaged "$T/d.vbk"
rc=$(cat "$T/damaged.rc")
[ "$rc" = 0 ] || [ "$rc" = 1 ] && ok "a damaged archive under valgrind: clean (exit $rc)" ||
    { no "a damaged archive under valgrind (exit $rc)"; sed 's/^/#   /' "$T/damaged.err" | head -30; }

finish
