#!/bin/sh
# bench_search.sh - search against SQLite FTS5 on the same corpus, in the
# same run: build time and size of each, query latency p50/p99 over the
# fixed query set tests/bench_queries.tsv (each query as a result page:
# count, best 20, snippets), hit-set containment per query, and suggest.
#
#   sh tests/bench_search.sh CORPUS_DIR ARCHIVE.vbk [WORKDIR]
#
# The archive must have been packed from CORPUS_DIR (bench_pack.sh does).
# The queries include phrases of common words ("van de", "deelt u de
# mening dat"), the formulas of the genre and the slowest kind to answer:
# query p99 at most 1/10 of FTS5's is a bar of issue 14. BENCH_STRICT=1
# makes a missed bar exit 1.
set -eu
B=${B:-build}
CORPUS=$1
VBK=$2
W=${3:-${TMPDIR:-/tmp}/vbbench-search}
Q=tests/bench_queries.tsv
VB=$B/vbpack
FTS=$B/tests/tool_fts
mkdir -p "$W"
now() { date +%s.%N; }

# Both builds in this run, one after the other, on the same files.
t0=$(now)
"$FTS" build "$W/fts.db" "$CORPUS" >/dev/null
t1=$(now)
fts_build=$(echo "$t1 - $t0" | bc)
"$VB" pack -q -o "$W/again.vbk" "$CORPUS"
t2=$(now)
vb_build=$(echo "$t2 - $t1" | bc)
rm -f "$W/again.vbk"
fts_size=$(stat -c %s "$W/fts.db")
vbk_size=$(stat -c %s "$VBK")

# Three rounds each; the first warms the page cache, the last two count.
for r in 1 2 3; do
    "$VB" search --batch "$Q" "$VBK" >"$W/ours.$r"
    "$FTS" batch "$W/fts.db" "$Q" >"$W/fts.$r"
done
cat "$W/ours.2" "$W/ours.3" | cut -f2 | sort -n >"$W/ours.us"
cat "$W/fts.2" "$W/fts.3" | cut -f2 | sort -n >"$W/fts.us"
pct() { n=$(wc -l <"$1"); i=$(( (n * $2 + 99) / 100 )); [ "$i" -lt 1 ] && i=1; sed -n "${i}p" "$1"; }
o50=$(pct "$W/ours.us" 50); o99=$(pct "$W/ours.us" 99)
f50=$(pct "$W/fts.us" 50); f99=$(pct "$W/fts.us" 99)

# Hit sets: ours must contain FTS5's, except for NOT queries.
"$VB" search --ids --batch "$Q" "$VBK" >"$W/ours.ids"
"$FTS" ids "$W/fts.db" "$Q" >"$W/fts.ids"
flat() { awk -F'\t' '/^Q\t/{q=$2; next} {print q "\t" $0}' "$1" | sort; }
flat "$W/ours.ids" >"$W/ours.flat"
flat "$W/fts.ids" >"$W/fts.flat"
comm -13 "$W/ours.flat" "$W/fts.flat" | cut -f1 | sort | uniq -c >"$W/missing"
printf '\n%-42s %8s %8s %9s %9s  %s\n' query ours fts5 ours_us fts5_us contains
paste "$W/ours.3" "$W/fts.3" | while IFS="$(printf '\t')" read -r oh ous oq fh fus fq rest; do
    miss=$(awk -v q="$oq" '{c=$1; $1=""; sub(/^ /,""); if ($0==q) print c}' "$W/missing")
    case "$oq" in *" -"*|*NOT*) verdict="(NOT: n/a)";; *) [ -z "$miss" ] && verdict=yes || verdict="NO ($miss missing)";; esac
    printf '%-42s %8s %8s %9s %9s  %s\n' "$oq" "$oh" "$fh" "$ous" "$fus" "$verdict"
done | tee "$W/table"
bad=$(grep -c "NO (" "$W/table" || true)

# suggest: 3-letter prefixes
for p in pol zor gas vac min ond aan sch ber wat; do echo "$p"; done >"$W/prefixes"
for r in 1 2 3; do "$VB" suggest --batch "$W/prefixes" "$VBK"; done | cut -f2 | sort -n >"$W/sug.us"
sug=$(pct "$W/sug.us" 99)

echo
echo "search benchmark ($(grep -c . "$Q") queries, rounds 2-3)"
printf '  %-34s %12s %12s %8s\n' "" vraagbaak "sqlite fts5" ratio
printf '  %-34s %12.1f %12.1f %8.2f\n' "build with index (s)" "$vb_build" "$fts_build" "$(echo "$vb_build / $fts_build" | bc -l)"
printf '  %-34s %12s %12s %8.2f\n' "size (bytes)" "$vbk_size" "$fts_size" "$(echo "$vbk_size / $fts_size" | bc -l)"
printf '  %-34s %12s %12s %8.2f\n' "query p50 (us)" "$o50" "$f50" "$(echo "$o50 / $f50" | bc -l)"
printf '  %-34s %12s %12s %8.2f\n' "query p99 (us)" "$o99" "$f99" "$(echo "$o99 / $f99" | bc -l)"
printf '  %-34s %12s\n' "hit sets not containing fts5's" "$bad"
printf '  %-34s %12s\n' "suggest 3 letters, p99 of 30 (us)" "$sug"
echo
missed=0
ok() { if [ "$(echo "$2" | bc -l)" = 1 ]; then echo "bar: $1: ok"; else echo "bar: $1: MISSED"; missed=1; fi; }
ok "hits contain FTS5's hits for every query (NOT excepted)" "$bad == 0"
ok "query p99 <= 1/10 of FTS5's ($o99 vs $f99 us)" "$o99 * 10 <= $f99"
ok "query p50 <= 1 ms ($o50 us)" "$o50 <= 1000"
ok "archive smaller than the FTS5 database" "$vbk_size < $fts_size"
ok "packing no slower than building FTS5" "$vb_build <= $fts_build"
ok "suggest p99 <= 5 ms ($sug us)" "$sug <= 5000"
if [ "$missed" = 1 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then
    exit 1
fi
