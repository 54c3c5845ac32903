#!/bin/sh
# bench.sh - `make bench`: every benchmark, each against its peers measured
# in the same run on the same generated corpus. BENCH_N documents
# (default 100000, about 450 MB); the corpus and archive are kept in
# BENCH_DIR (default ${TMPDIR:-/tmp}/vbbench) and reused when N matches.
set -eu
B=${B:-build}
N=${BENCH_N:-100000}
D=${BENCH_DIR:-${TMPDIR:-/tmp}/vbbench}
export B BENCH_N=$N BENCH_DIR=$D
mkdir -p "$D"
echo "== packing (vbpack vs tar|gzip -9, tar|xz -9), $N documents"
sh tests/bench_pack.sh
echo
echo "== searching (vbpack vs SQLite FTS5)"
sh tests/bench_search.sh "$D/corpus-$N" "$D/corpus-$N.vbk" "$D/search"
if [ -x "$B/vraagbaak" ] && [ -f tests/bench_reader.sh ]; then
    echo
    echo "== the reader"
    sh tests/bench_reader.sh "$D/corpus-$N.vbk"
fi
