#!/bin/sh
# cli_layers.sh - make check-layers (tests/check_layers.sh) passes on the
# tree and fails, naming the file, on each kind of violation planted in a
# copy of it: lmdb.h or zlib.h outside format/, a private format/ header
# in a program, SDL outside the reader's SDL files, a packer header in the
# reader, a program's header in format/, sqlite3.h outside the bench
# tools, and two files of a module that call each other (from objects).
# The packer's library links without vbpack.c; plain `make` builds nothing
# that needs sqlite3.h.
# Run from the project root with B=build folder (tests/run.sh does).
TEST=vblayers . tests/lib.sh
CHK="$PWD/tests/check_layers.sh"

# the tree as it is, with the objects of the build when there are some
check "the tree passes" sh "$CHK" . "$B"
grep -q "check-layers: ok" "$T/out" && ok "... and says so" || no "... and says so"

# a fresh copy of the sources for each planting; no objects
copy() {
    rm -rf "$T/src" && mkdir -p "$T/src" &&
        find format packer reader tests -name '*.[ch]' | tar -cf - -T - | tar -xf - -C "$T/src"
}
# plant WHAT FILE LINE MESSAGE: LINE added at the top of FILE in a copy;
# the check must fail with MESSAGE in its output
plant() {
    copy
    { echo "$3"; cat "$T/src/$2"; } >"$T/x" && mv "$T/x" "$T/src/$2"
    sh "$CHK" "$T/src" "$T/nobuild" >"$T/out" 2>&1; rc=$?
    if [ "$rc" != 0 ] && grep -q -- "$4" "$T/out"; then ok "$1: refused"
    else no "$1: refused (exit $rc)"; sed 's/^/#   /' "$T/out" | head -5; fi
}
copy
check "a copy of the tree passes" sh "$CHK" "$T/src" "$T/nobuild"
plant "lmdb.h in a reader file" reader/view.c '#include <lmdb.h>' "reader/view.c includes lmdb.h"
plant "zlib.h in a packer file" packer/pack.c '#include "zlib.h"' "packer/pack.c includes zlib.h"
plant "lmdb.h in a test" tests/test_parse.c '#include <lmdb.h>' "tests/test_parse.c includes lmdb.h"
plant "format's internal.h in the packer" packer/json.c '#include "internal.h"' "packer/json.c includes internal.h: not a public header"
plant "SDL in the view" reader/view.c '#include <SDL.h>' "reader/view.c includes SDL.h"
plant "SDL_ttf in the packer" packer/cli.c '#include <SDL2/SDL_ttf.h>' "packer/cli.c includes SDL2/SDL_ttf.h"
plant "a packer header in the reader" reader/vlist.c '#include "parse.h"' "reader/vlist.c includes parse.h: the reader includes no packer header"
plant "a packer path in the reader" reader/vlist.c '#include "../packer/term.h"' "reader/vlist.c includes ../packer/term.h"
plant "a reader header in format/" format/store.c '#include "view.h"' "format/store.c includes view.h: format/ includes nothing of the programs"
plant "a packer header in format/" format/query.c '#include "source.h"' "format/query.c includes source.h"
plant "sqlite3.h in the packer" packer/search_cmd.c '#include <sqlite3.h>' "packer/search_cmd.c includes sqlite3.h"

# two files of a module that call each other, from their objects
CC=${CC:-cc}
mkobj() { # MODULE NAME DEFINES USES
    mkdir -p "$T/objs/$1"
    printf 'void %s(void);\nvoid %s(void) { %s(); }\n' "$4" "$3" "$4" >"$T/objs/$2.c"
    "$CC" -c "$T/objs/$2.c" -o "$T/objs/$1/$2.o"
}
mkobj packer alpha alpha_f beta_f && mkobj packer beta beta_f alpha_f &&
    mkobj packer gamma gamma_f alpha_f &&
    mkobj format one one_f two_f && mkobj format two two_f one_f ||
    no "compile the objects that call each other"
copy
CIRCLES_STRICT=packer,reader sh "$CHK" "$T/src" "$T/objs" >"$T/out" 2>&1; rc=$?
[ "$rc" = 1 ] && grep -q "packer: files that call each other: packer/alpha.c <-> packer/beta.c" "$T/out" &&
    ok "packer/alpha.c <-> packer/beta.c: refused, both named" ||
    { no "packer/alpha.c <-> packer/beta.c: refused, both named (exit $rc)"; sed 's/^/#   /' "$T/out" | head -5; }
grep -q "gamma" "$T/out" && no "a call in one direction only is not a circle" || ok "a call in one direction only is not a circle"
grep -q "reported, not failed.*format/one.c <-> format/two.c" "$T/out" &&
    ok "format/: reported, not failed (CIRCLES_STRICT)" || no "format/: reported, not failed (CIRCLES_STRICT)"
rm -f "$T/objs/packer"/*.o
CIRCLES_STRICT=packer sh "$CHK" "$T/src" "$T/objs" >"$T/out" 2>&1 &&
    ok "format/ alone, not strict: passes" || no "format/ alone, not strict: passes"
CIRCLES_STRICT=format,packer,reader sh "$CHK" "$T/src" "$T/objs" >"$T/out" 2>&1
[ $? = 1 ] && grep -q "format: files that call each other: format/one.c <-> format/two.c" "$T/out" &&
    ok "CIRCLES_STRICT=format,packer,reader: format/ fails too" ||
    no "CIRCLES_STRICT=format,packer,reader: format/ fails too"

# libcurl (and its TLS libraries: 6 MB and 11 ms at every start) is
# loaded by a sync over HTTP only, not linked into vbpack
if [ -f "$B/vbpack" ] && command -v readelf >/dev/null; then
    readelf -d "$B/vbpack" | grep NEEDED | grep -q curl &&
        no "vbpack does not link libcurl (sync loads it)" ||
        ok "vbpack does not link libcurl (sync loads it)"
fi

# the packer's library links whole without vbpack.c (the command table
# and main()): no file of it calls back into the program
if [ -f "$B/libpacker.a" ] && [ -f "$B/libformat.a" ]; then
    echo 'int main(void) { return 0; }' >"$T/main.c"
    PC=${PKG_CONFIG:-pkg-config}
    # shellcheck disable=SC2046
    "$CC" ${SAN:+-fsanitize=address,undefined} -o "$T/main" "$T/main.c" \
        -Wl,--whole-archive "$B/libpacker.a" -Wl,--no-whole-archive "$B/libformat.a" \
        $($PC --libs lmdb zlib libutf8proc 2>/dev/null || echo -llmdb -lz -lutf8proc) \
        -lstemmer -lm -lpthread >"$T/out" 2>&1 &&
        ok "libpacker.a links whole without vbpack.c" ||
        { no "libpacker.a links whole without vbpack.c"; grep -o "undefined reference to .*" "$T/out" | sort -u | head -5 | sed 's/^/#   /'; }
fi

# plain make: nothing that includes sqlite3.h is built (only make bench)
make -n -B B="$T/nb" all >"$T/make" 2>&1
grep -q "packer/vbpack" "$T/make" && ! grep -q "tool_fts\|sqlite" "$T/make" &&
    ok "plain make builds nothing that needs sqlite3.h" || no "plain make builds nothing that needs sqlite3.h"
make -n -B B="$T/nb" bench 2>&1 | grep -q "tool_fts" &&
    ok "make bench builds tool_fts" || no "make bench builds tool_fts"

finish
