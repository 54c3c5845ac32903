#!/bin/sh
# bench_sync.sh - what `vbpack sync` costs a reader: a new edition by delta
# against a full download of the same edition, over HTTP on 127.0.0.1
# (tests/tool_httpd.c, which counts the bytes it sends).
#
# A generated corpus of N documents (BENCH_N, default 20000) is edition 1
# without its newest 1% (at the corpus' rate of about 23 documents a week
# that is some two months: more than a weekly edition carries, so the
# delta measured is an upper bound for a week), edition 2 is `vbpack
# update` adding them (appended, as a weekly update is). Both are
# published; then a DEST holding edition 1 syncs (the delta travels) and
# an empty DEST syncs (the whole edition travels). Printed: bytes served
# and wall time of each, and the delta's bytes as a share of the full
# download (bar: 5%). Exit status 1 when a synced file is not the
# published one or the bar is missed.
# Usage: sh tests/bench_sync.sh   (B=build dir; TMPDIR for the corpus)
set -u
B=${B:-build}
N=${BENCH_N:-20000}
VB="$PWD/$B/vbpack"
GEN="$PWD/$B/tests/tool_gen"
HTTPD="$PWD/$B/tests/tool_httpd"
W=${TMPDIR:-/tmp}/vraagbaak-bench-sync-$N
export SOURCE_DATE_EPOCH=1700000000
mkdir -p "$W"
bad=0
SPID=""
trap '[ -n "$SPID" ] && kill "$SPID" 2>/dev/null' EXIT

[ -d "$W/docs" ] || "$GEN" "$N" "$W/docs" 1 >/dev/null
X=$((N / 100))
. tests/bench_newest.sh
split_newest "$W" "$X"
[ -f "$W/all.vbk" ] || "$VB" pack -q --title Bench --edition 2 -o "$W/all.vbk" "$W/docs"
rm -rf "$W/pub" "$W/d1" "$W/d0"
mkdir -p "$W/pub" "$W/d1"
"$VB" pack -q --title Bench -o "$W/e1.vbk" "$W/rest"
SOURCE_DATE_EPOCH=1700600000 "$VB" update -q -o "$W/e2.vbk" "$W/e1.vbk" "$W/newest"
"$VB" publish -q -o "$W/pub" "$W/e1.vbk"
"$VB" publish -q -o "$W/pub" "$W/e2.vbk"
cp "$W/e1.vbk" "$W/d1/"

rm -f "$W/port" # not the port of an earlier run, read before it is written again
"$HTTPD" "$W/pub" "$W/log" >"$W/port" &
SPID=$!
i=0
while [ ! -s "$W/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
URL="http://127.0.0.1:$(cat "$W/port")"
served() { awk '{ s += $5 } END { print s + 0 }' "$W/log"; }
now() { date +%s.%N; }

: >"$W/log"
t0=$(now)
timeout 600 "$VB" sync -q "$URL" "$W/d1" || { echo "FAIL sync by delta"; bad=1; }
t1=$(now)
delta_bytes=$(served)
: >"$W/log"
t2=$(now)
timeout 600 "$VB" sync -q "$URL" "$W/d0" || { echo "FAIL sync whole"; bad=1; }
t3=$(now)
full_bytes=$(served)
kill "$SPID" 2>/dev/null
SPID=""
cmp -s "$W/d1/e2.vbk" "$W/e2.vbk" && cmp -s "$W/d0/e2.vbk" "$W/e2.vbk" ||
    { echo "FAIL a synced edition is not the published one"; bad=1; }
size=$(wc -c <"$W/e2.vbk")
fresh=$(wc -c <"$W/all.vbk")
echo "corpus: $N documents; edition 2 adds the newest $X (appended: $size bytes; a fresh pack of the same documents: $fresh bytes)"
echo "$delta_bytes $t0 $t1 $full_bytes $t2 $t3" | awk '{
    printf "sync by delta (DEST holds edition 1): %d bytes served, %.2f s (fetch + patch + verify)\n", $1, $3 - $2
    printf "sync whole (empty DEST):               %d bytes served, %.2f s (fetch + verify)\n", $4, $6 - $5
    printf "delta / whole: %.2f%% of the bytes (bar 5%%), %.2fx the time\n", $4 ? 100 * $1 / $4 : 100, ($3 - $2) / ($6 - $5)
    printf "the transfer alone at 10 Mbit/s: %.1f s by delta, %.1f s whole\n", $1 * 8 / 1e7, $4 * 8 / 1e7
}'
if [ $((delta_bytes * 100)) -gt $((full_bytes * 5)) ]; then
    echo "FAIL the delta is more than 5% of the whole download"
    bad=1
fi
rm -rf "$W/d0" "$W/d1"
exit $bad
