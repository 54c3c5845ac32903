#!/bin/sh
# fuzz.sh - builds the libFuzzer targets of tests/fuzz/ (clang, ASan+UBSan)
# and runs each over its seed corpus; `make fuzz` runs this.
#
#   sh tests/fuzz.sh [TARGET...]     every target (or those named: parse,
#                                    tar, query, record, open, tcodec)
#   FUZZ_SECONDS=20                  time per target (default 20)
#   FUZZ_JOBS=1                      targets run at once
#   FUZZ_REPLAY=1                    no fuzzing: run each target once over
#                                    its seeds and tests/fuzz/regress/
#   FUZZ_DIR=build-fuzz              objects, seeds, the growing corpora
#                                    (kept between runs), crash artifacts
#
# Seeds are made here from the repository: the samples (parser), tars of
# them and of unsafe members (tar reader), tests/fuzz/queries.txt (query
# parser, run against an archive of the samples), records, summaries and
# posting lists encoded by tests/fuzz/seeds.c (decoders; formats 6 and 7's
# lists for tcodec), and archives of one, three and all samples (opening: the
# current format), tests/data/format2.vbk.gz (the old lists) and
# format6.vbk.gz (the blocks before format 7). Inputs
# that once crashed a target live in tests/fuzz/regress/TARGET/ and are
# replayed every run.
# Exit status: 0, 1 if a target found a crash (its input is saved under
# FUZZ_DIR/artifacts/), 0 with "SKIP" when clang's libFuzzer is missing.
set -u
CC=${FUZZ_CC:-clang}
W=${FUZZ_DIR:-build-fuzz}
SECS=${FUZZ_SECONDS:-20}
JOBS=${FUZZ_JOBS:-1}
REPLAY=${FUZZ_REPLAY:-}
ALL="parse tar query record open tcodec"
TARGETS=${*:-$ALL}
mkdir -p "$W/obj" "$W/log" "$W/artifacts" "$W/seeds" "$W/corpus"
W=$(cd "$W" && pwd)

if ! echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { return d && n; }' |
    $CC -x c -fsanitize=fuzzer - -o "$W/probe" 2>/dev/null; then
    echo "SKIP: $CC cannot build libFuzzer targets (apt-get install clang libclang-rt-dev)"
    exit 0
fi

PC=${PKG_CONFIG:-pkg-config}
CPPFLAGS="-DVERSION=\"fuzz\" -DFONTDIR=\"\" -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE"
CFLAGS="-std=c11 -g -O1 -fno-omit-frame-pointer -Wall -Wextra -Wno-unused-parameter $($PC --cflags lmdb zlib libutf8proc libcurl 2>/dev/null)"
# libcurl's header: vbpack's sync (it loads the library itself)
LIBS="$($PC --libs lmdb zlib libutf8proc 2>/dev/null || echo -llmdb -lz -lutf8proc) -lstemmer -lm -lpthread"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"

# ---- build: the library and the packer's parts, instrumented once ---------
objs=
for f in format/*.c packer/*.c; do
    case $f in packer/vbpack.c) continue ;; esac
    o="$W/obj/$(echo "$f" | tr / _).o"
    objs="$objs $o"
    if [ ! -f "$o" ] || [ "$f" -nt "$o" ] || [ -n "$(find format packer -name '*.h' -newer "$o" 2>/dev/null)" ]; then
        echo "$f $o"
    fi
done >"$W/todo"
export CC CPPFLAGS CFLAGS SAN
# index.c (the writer's indexer, which no target runs; it packs the seed
# archives) prefetches from a null pointer + 0, which clang's UBSan stops
# at: not checked there until that is fixed.
# shellcheck disable=SC2016
xargs -r -P 2 -L 1 sh -c 'x=; [ "$0" = format/index.c ] && x=-fno-sanitize=pointer-overflow
    $CC $CPPFLAGS $CFLAGS $SAN $x -fsanitize=fuzzer-no-link -Iformat -Ipacker -c "$0" -o "$1" ||
    { echo "fuzz.sh: cannot compile $0" >&2; rm -f "$1"; }' <"$W/todo"
fails=0
for o in $objs; do [ -f "$o" ] || fails=1; done
[ "$fails" = 0 ] || { echo "fuzz.sh: build failed"; exit 1; }
# as an archive, so a target pulls only what it uses (vbpack.c, the
# command table with main(), is linked into vbpack alone)
rm -f "$W/lib.a"
# shellcheck disable=SC2086
ar rcs "$W/lib.a" $objs
link() { # OUT SRC EXTRA-FLAGS
    # shellcheck disable=SC2086
    $CC $CPPFLAGS $CFLAGS $SAN $3 -Iformat -Ipacker "$2" "$W/lib.a" $LIBS -o "$1"
}
for t in $TARGETS; do
    src=tests/fuzz/fuzz_$t.c
    [ -f "$src" ] || { echo "fuzz.sh: no target $t"; exit 2; }
    link "$W/fuzz_$t" "$src" -fsanitize=fuzzer || exit 1
done
[ -x "$W/vbpack" ] && [ "$W/vbpack" -nt "$W/todo" ] ||
    link "$W/vbpack" packer/vbpack.c -fsanitize=fuzzer-no-link || exit 1
link "$W/seeds_tool" tests/fuzz/seeds.c -fsanitize=fuzzer-no-link || exit 1

# ---- seeds ---------------------------------------------------------------------
export SOURCE_DATE_EPOCH=1700000000
export VB_STUCK_MS=${VB_STUCK_MS:-100}  # damaged pages that make LMDB loop
S="$W/seeds"
rm -rf "$S" && mkdir -p "$S/parse" "$S/tar" "$S/query" "$S/record" "$S/open" "$S/tcodec"
cp samples/*.txt "$S/parse/"
"$W/vbpack" pack -q -o "$W/samples.vbk" samples/ || exit 1
export VB_FUZZ_ARCHIVE="$W/samples.vbk"
cp "$W/samples.vbk" "$S/open/all.vbk"
mkdir -p "$W/few"
rm -f "$W/few"/*
cp samples/2022Z01227.txt samples/kv-tk-2014Z07524.txt samples/ah-tk-20142015-1365.txt "$W/few/"
"$W/vbpack" pack -q -o "$S/open/three.vbk" "$W/few" || exit 1
"$W/vbpack" pack -q -o "$S/open/one.vbk" samples/2022Z01227.txt || exit 1
gzip -dc tests/data/format2.vbk.gz >"$S/open/format2.vbk" || exit 1
gzip -dc tests/data/format6.vbk.gz >"$S/open/format6.vbk" || exit 1
n=0
while IFS= read -r q; do
    n=$((n + 1)); printf '%s' "$q" >"$S/query/q$n"
done <tests/fuzz/queries.txt
"$W/seeds_tool" "$S/record" samples/*.txt || exit 1
"$W/seeds_tool" --tcodec "$S/tcodec" || exit 1
(
    cd "$W/few" || exit 1
    tar -cf "$S/tar/plain.tar" ./*.txt
    tar -czf "$S/tar/gz.tar.gz" ./*.txt
    tar --format=pax -cf "$S/tar/pax.tar" --transform 's,^,a-long-folder-name-for-the-pax-header-of-this-member/and-deeper-still/,' 2022Z01227.txt
    tar --format=gnu -cf "$S/tar/gnu.tar" --transform 's,^,a-long-folder-name-for-the-gnu-longname-header-of-this-member/and-deeper-still/,' 2022Z01227.txt
    tar -P -cf "$S/tar/dotdot.tar" --transform 's,^,../../,' 2022Z01227.txt
    tar -P -cf "$S/tar/absolute.tar" --transform 's,^,/tmp/,' 2022Z01227.txt
    ln -sf /etc/passwd link.txt && tar -cf "$S/tar/symlink.tar" link.txt && rm -f link.txt
    mkfifo fifo.txt 2>/dev/null && tar -cf "$S/tar/fifo.tar" fifo.txt; rm -f fifo.txt
)

# ---- run ------------------------------------------------------------------------
maxlen() { case $1 in open) echo 300000 ;; tar) echo 200000 ;; query) echo 4096 ;; *) echo 65536 ;; esac; }
run_one() { # TARGET
    t=$1
    mkdir -p "$W/corpus/$t"
    reg=; [ -d "tests/fuzz/regress/$t" ] && reg="tests/fuzz/regress/$t"
    if [ -n "$REPLAY" ]; then
        # shellcheck disable=SC2086
        "$W/fuzz_$t" -runs=0 -timeout=20 -rss_limit_mb=2048 "$S/$t" $reg >"$W/log/$t.log" 2>&1
        rc=$?
        [ -n "$reg" ] && for f in "$reg"/*; do
            "$W/fuzz_$t" -timeout=20 "$f" >>"$W/log/$t.log" 2>&1 || rc=1
        done
    else
        # shellcheck disable=SC2086
        "$W/fuzz_$t" -max_total_time="$SECS" -max_len="$(maxlen "$t")" -timeout=20 \
            -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$W/artifacts/$t-" \
            "$W/corpus/$t" "$S/$t" $reg >"$W/log/$t.log" 2>&1
        rc=$?
    fi
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$W/log/$t.log" | grep -o '[0-9]*$')
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$W/log/$t.log" | tail -1)
    corpus=$(ls "$W/corpus/$t" | wc -l)
    if [ "$rc" = 0 ] && [ -n "$REPLAY" ]; then
        n=$(ls "$S/$t" | wc -l); [ -n "$reg" ] && n=$((n + $(ls "$reg" | wc -l)))
        echo "ok - fuzz_$t: $n inputs replayed, ${cov:-cov: ?}"
    elif [ "$rc" = 0 ]; then
        echo "ok - fuzz_$t: ${execs:-?} runs, ${cov:-cov: ?}, corpus $corpus"
    else
        echo "not ok - fuzz_$t: exit $rc (log: $W/log/$t.log)"
        grep -m3 'ERROR\|SUMMARY\|fuzz_[a-z]*:' "$W/log/$t.log" | sed 's/^/#   /'
    fi
    return "$rc"
}
bad=0
set -- $TARGETS
while [ $# -gt 0 ]; do
    pids=
    k=0
    while [ $# -gt 0 ] && [ "$k" -lt "$JOBS" ]; do
        run_one "$1" >"$W/log/$1.result" & pids="$pids $!:$1"
        shift; k=$((k + 1))
    done
    for p in $pids; do
        wait "${p%%:*}" || bad=1
        cat "$W/log/${p#*:}.result"
    done
done
[ "$bad" = 0 ]
