#!/bin/sh
# bench.sh - `make bench`: every benchmark, each against its peers measured
# in the same run on the same generated corpus: packing (tests/bench_pack.sh:
# tar|gzip -9, tar|xz -9), searching (tests/bench_search.sh: SQLite FTS5)
# the reader (tests/bench_reader.sh; tests/bench_token.sh: one unbroken
# token, the worst case for wrapping) and editions (tests/bench_edition.sh:
# update, diff/patch, verify, libraries; BENCH_EDITION_N documents, default
# 20000) and distribution (tests/bench_sync.sh: sync by delta against a
# full download; BENCH_SYNC_N, default 20000). BENCH_N documents (default
# 100000, about 450 MB); the corpus is kept under ${TMPDIR:-/tmp} and reused.
set -eu
B=${B:-build}
N=${BENCH_N:-100000}
SEED=${BENCH_SEED:-1}
TMP=${TMPDIR:-/tmp}
OUT=$TMP/vraagbaak-bench-$N-$SEED.vbk
export B BENCH_N=$N BENCH_SEED=$SEED BENCH_OUT=$OUT
echo "== packing: vbpack against tar|gzip -9 and tar|xz -9 ($N documents)"
sh tests/bench_pack.sh
echo
echo "== searching: vbpack against SQLite FTS5"
sh tests/bench_search.sh "$TMP/vraagbaak-bench-$N-$SEED/docs" "$OUT" "$TMP/vraagbaak-bench-search"
if [ -x "$B/vraagbaak" ] && [ -f tests/bench_reader.sh ]; then
    echo
    echo "== the reader"
    sh tests/bench_reader.sh "$OUT"
    echo
    echo "== typing in the reader: cases on every key ($((${BENCH_TYPING_N:-20000})) documents)"
    sh tests/bench_typing.sh
    echo
    echo "== the reader opening one unbroken token (the worst case for wrapping)"
    sh tests/bench_token.sh
fi
echo
echo "== editions: update, diff and patch, verify, libraries"
BENCH_N=${BENCH_EDITION_N:-20000} sh tests/bench_edition.sh
echo
echo "== distribution: a new edition by delta against a full download (vbpack sync over HTTP)"
BENCH_N=${BENCH_SYNC_N:-20000} sh tests/bench_sync.sh
