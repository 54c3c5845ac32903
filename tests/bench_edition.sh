#!/bin/sh
# bench_edition.sh - editions at scale: a generated corpus of N documents
# (BENCH_N, default 20000) and a new edition with 1% more documents.
# Measures and checks:
#   - a new edition that adds the newest 1% (the usual one: the weeks since
#     the last edition): `update` appends them to the old edition; its time
#     against a full pack of the new edition (bar 10%), and it must answer
#     the benchmark queries and export exactly like that full pack;
#   - a new edition of 1% more documents spread over all the years (they
#     cannot be appended): `update` packs everything again, and must give
#     the full pack's bytes;
#   - pack with the sources in the other order (must give the same bytes);
#   - `diff` and `patch` (patched = new edition byte for byte; the delta's
#     size against the new edition, bar <= 3%);
#   - `verify` against `sha256sum` of the same file (disk speed), and
#     `verify --full`, which also inflates and decodes every record;
#   - library search (old edition's shards) against the merged archive.
# Usage: sh tests/bench_edition.sh   (B=build dir; TMPDIR for the corpus)
# Exit status 1 when a byte-equality check or the delta bar fails.
set -u
B=${B:-build}
N=${BENCH_N:-20000}
VB="$PWD/$B/vbpack"
GEN="$PWD/$B/tests/tool_gen"
W=${TMPDIR:-/tmp}/vraagbaak-bench-edition-$N
mkdir -p "$W"
export SOURCE_DATE_EPOCH=1700000000
bad=0
now() { date +%s.%N; }
# run a command, print its wall and CPU seconds (the CPU time does not
# change much when other work shares the machine): "wall cpu"
rm -f "$W/failed"
timed() { /usr/bin/time -f "%e %U %S" -o "$W/time" "$@" >/dev/null ||
              { echo "FAIL $*" >&2; touch "$W/failed"; }
          awk '{ printf "%.2f %.2f", $1, $2 + $3 }' "$W/time"; }
took() { echo "$2 $1" | awk '{ printf "%.2f", $1 - $2 }'; }
check() { if cmp -s "$2" "$3"; then echo "ok   $1"; else echo "FAIL $1"; bad=1; fi; }

[ -d "$W/docs" ] || "$GEN" "$N" "$W/docs" 1 >/dev/null
X=$((N / 100))
[ -d "$W/extra" ] || { mkdir -p "$W/extra" && "$GEN" "$X" "$W/extra/new" 2 >/dev/null; }
src=$(du -sb "$W/docs" | cut -f1)
echo "corpus: $N documents ($src bytes), new edition: +$X documents"

# the newest 1% of the corpus as the new edition of the rest
. tests/bench_newest.sh
split_newest "$W" "$X"
"$VB" pack -q -o "$W/rest.vbk" "$W/rest"
r=$(timed "$VB" pack -q --edition 2 -o "$W/all.vbk" "$W/docs")
tpack=${r% *}; cpack=${r#* }
echo "pack of all $N (full):       $tpack s wall, $cpack s cpu"
r=$(timed "$VB" update -q -o "$W/app.vbk" "$W/rest.vbk" "$W/newest")
tupd=${r% *}; cupd=${r#* }
echo "update: the newest 1% appended: $tupd s wall, $cupd s cpu  ($(echo "$tupd $tpack $cupd $cpack" | awk '{ printf "%.1f%% of the full pack wall, %.1f%% cpu", 100 * $1 / $2, 100 * $3 / $4 }'); bar 10%)"
echo "  sizes: appended $(wc -c <"$W/app.vbk") bytes, full pack $(wc -c <"$W/all.vbk") bytes"
cut -f1 tests/bench_queries.tsv >"$W/q"
answers() { while read -r q; do "$VB" search --json --facets --limit 50 "$1" "$q"; done <"$W/q"; }
answers "$W/all.vbk" >"$W/all.ans"; answers "$W/app.vbk" >"$W/app.ans"
check "appended = full pack: every benchmark query (hits, scores, snippets, facets)" "$W/all.ans" "$W/app.ans"
rm -rf "$W/ex1" "$W/ex2"
"$VB" export "$W/all.vbk" "$W/ex1" >/dev/null; "$VB" export "$W/app.vbk" "$W/ex2" >/dev/null
if diff -r "$W/ex1" "$W/ex2" >/dev/null; then echo "ok   appended = full pack: export"; else echo "FAIL appended = full pack: export"; bad=1; fi
"$VB" diff -q -o "$W/adelta" "$W/rest.vbk" "$W/app.vbk"
r=$(timed "$VB" patch -q -o "$W/apatched.vbk" "$W/rest.vbk" "$W/adelta")
echo "diff + patch of the appended edition: delta $(echo "$(wc -c <"$W/adelta") $(wc -c <"$W/app.vbk")" | awk '{ printf "%.2f", 100 * $1 / $2 }')% of it; patch ${r% *} s"
check "patch(old, diff(old, appended)) = appended, byte for byte" "$W/apatched.vbk" "$W/app.vbk"
r=$(timed "$VB" update -q --full -o "$W/appfull.vbk" "$W/rest.vbk" "$W/newest")
check "update --full = full pack, byte for byte" "$W/appfull.vbk" "$W/all.vbk"
rm -rf "$W/ex1" "$W/ex2" "$W/apatched.vbk" "$W/appfull.vbk" "$W/rest.vbk"

echo "1% more documents spread over all the years:"
r=$(timed "$VB" pack -q -o "$W/old.vbk" "$W/docs")
echo "pack old edition:            ${r% *} s wall, ${r#* } s cpu"
r=$(timed "$VB" pack -q --edition 2 -o "$W/new.vbk" "$W/docs" "$W/extra")
tpack=${r% *}; cpack=${r#* }
echo "pack new edition (full):     $tpack s wall, $cpack s cpu"
r=$(timed "$VB" update -q -o "$W/upd.vbk" "$W/old.vbk" "$W/extra")
tupd=${r% *}; cupd=${r#* }
echo "update old -> new (+1%):     $tupd s wall, $cupd s cpu  ($(echo "$tupd $tpack $cupd $cpack" | awk '{ printf "%.0f%% of the full pack wall, %.0f%% cpu", 100 * $1 / $2, 100 * $3 / $4 }'); packs everything again)"
check "update = full pack, byte for byte" "$W/upd.vbk" "$W/new.vbk"
"$VB" pack -q --edition 2 -o "$W/new2.vbk" "$W/extra" "$W/docs"
check "sources in another order give the same bytes" "$W/new2.vbk" "$W/new.vbk"

t0=$(now); "$VB" diff -q -o "$W/delta" "$W/old.vbk" "$W/new.vbk"; t1=$(now)
ds=$(wc -c <"$W/delta"); ns=$(wc -c <"$W/new.vbk")
echo "diff:                        $(took "$t0" "$t1") s, delta $ds bytes = $(echo "$ds $ns" | awk '{ printf "%.2f", 100 * $1 / $2 }')% of the new edition ($ns bytes; bar 3%)"
[ $((ds * 100)) -le $((ns * 3)) ] || { echo "FAIL delta > 3%"; bad=1; }
r=$(timed "$VB" patch -q -o "$W/patched.vbk" "$W/old.vbk" "$W/delta")
echo "patch:                       ${r% *} s wall, ${r#* } s cpu"
check "patch(old, diff(old, new)) = new, byte for byte" "$W/patched.vbk" "$W/new.vbk"

cat "$W/new.vbk" >/dev/null  # both from the page cache
S=$("$VB" info --json "$W/new.vbk" | sed 's/.*"checksum":"\([0-9a-f]*\)".*/\1/')
r=$(timed "$VB" verify --expect "$S" "$W/new.vbk")
tv=${r% *}
r2=$(timed sha256sum "$W/new.vbk")
echo "verify --expect:             $tv s wall, ${r#* } s cpu ($(echo "$ns $tv" | awk '{ printf "%.0f", $1 / 1e6 / $2 }') MB/s); sha256sum of the file: ${r2% *} s ($(echo "$tv ${r2% *}" | awk '{ printf "%.2f", $1 / $2 }')x; bar: disk speed)"
r=$(timed "$VB" verify --full --expect "$S" "$W/new.vbk")
echo "verify --full (inflates all): ${r% *} s wall, ${r#* } s cpu"

# the old edition as a library of shards (one per year) against one archive
rm -rf "$W/shards"; mkdir -p "$W/shards"
t0=$(now)
ls "$W/docs" | xargs -P 2 -I{} "$VB" pack -q -o "$W/shards/{}.vbk" "$W/docs/{}"
t1=$(now)
echo "shards packed, 2 at a time:  $(took "$t0" "$t1") s ($(ls "$W/shards" | wc -l) shards)"
t0=$(now); "$VB" merge -q -o "$W/merged.vbk" "$W/shards"/*.vbk; t1=$(now)
echo "merge of the shards:         $(took "$t0" "$t1") s"
t0=$(now); "$VB" search --batch "$W/q" --ids "$W/shards"/*.vbk | awk '/^Q\t/ { q = $0; next } { print q "\t" $0 }' | sort >"$W/lib.ids"; t1=$(now)
echo "library search, $(wc -l <"$W/q") queries, all hits: $(took "$t0" "$t1") s"
t0=$(now); "$VB" search --batch "$W/q" --ids "$W/merged.vbk" | awk '/^Q\t/ { q = $0; next } { print q "\t" $0 }' | sort >"$W/one.ids"; t1=$(now)
echo "merged archive, same queries:  $(took "$t0" "$t1") s"
check "library of shards gives the same hits as the merged archive" "$W/lib.ids" "$W/one.ids"
[ -e "$W/failed" ] && bad=1
exit $bad
