#!/bin/sh
# cli_edition.sh - editions and snapshots end to end: verify --expect,
# update (= a fresh pack of the same documents, byte for byte; appending
# the newest documents answers and exports like one), diff and
# patch (the patched archive is the new edition, byte for byte; a wrong base
# or a damaged delta is refused), merge (= one pack), a library of archives
# searched as one, and shards packed in parallel and merged (docs/SCALING.md).
# Run from the project root with B=build folder (tests/run.sh does).
TEST=vbed . tests/lib.sh
same() { if cmp -s "$2" "$3"; then ok "$1"; else no "$1"; fi; }
says() { if grep -q "$1" "$T/err"; then ok "message: $1"; else no "message: $1"; sed 's/^/#   /' "$T/err" | head -3; fi; }
sum() { "$VB" info --json "$1" | sed 's/.*"checksum":"\([0-9a-f]*\)".*/\1/'; }
export SOURCE_DATE_EPOCH=1700000000

# the samples in two halves, and in three parts
mkdir -p "$T/a" "$T/b" "$T/p1" "$T/p2" "$T/p3"
i=0
for f in samples/*.txt; do
    i=$((i + 1))
    if [ $i -le 20 ]; then cp "$f" "$T/a/"; else cp "$f" "$T/b/"; fi
    cp "$f" "$T/p$((i % 3 + 1))/"
done
"$VB" pack -q -o "$T/A.vbk" "$T/a" 2>/dev/null
"$VB" pack -q -o "$T/AB.vbk" --edition 2 "$T/a" "$T/b" 2>/dev/null

# ---- verify --expect ----------------------------------------------------------
S=$(sum "$T/A.vbk")
[ ${#S} = 64 ] && ok "info gives a sha-256" || no "info gives a sha-256 ($S)"
check "verify --expect with the right checksum" "$VB" verify --expect "$S" "$T/A.vbk"
grep -q "as expected" "$T/out" && ok "verify says it is as expected" || no "verify says it is as expected"
U=$(echo "$S" | tr a-f A-F)
check "verify --expect takes upper case" "$VB" verify --expect "$U" "$T/A.vbk"
case $S in 0*) W=1${S#?} ;; *) W=0${S#?} ;; esac
fails 1 "verify --expect with another checksum fails" "$VB" verify --expect "$W" "$T/A.vbk"
says "is not the expected"
fails 2 "verify --expect with a malformed checksum is a usage error" "$VB" verify --expect 12ab "$T/A.vbk"
cp "$T/A.vbk" "$T/flip.vbk"
size=$(wc -c <"$T/flip.vbk")
printf 'Z' | dd of="$T/flip.vbk" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
fails 1 "verify finds a changed byte" "$VB" verify "$T/flip.vbk"
says "checksum"

# ---- update ---------------------------------------------------------------------
check "update A with B" "$VB" update -q -o "$T/U.vbk" "$T/A.vbk" "$T/b"
same "update of A with B = pack of A+B, byte for byte" "$T/U.vbk" "$T/AB.vbk"
"$VB" info "$T/U.vbk" | grep -q "^edition: *2$" && ok "the edition goes from 1 to 2" || no "the edition goes from 1 to 2"
# a changed document replaces the old one (same id)
mkdir -p "$T/b2"
cp "$T/a/2022Z01227.txt" "$T/b2/"
sed -i 's/douanescanners/douanescanners (gewijzigd)/' "$T/b2/2022Z01227.txt"
mkdir -p "$T/a2"; cp "$T/a"/*.txt "$T/a2/"; cp "$T/b2/2022Z01227.txt" "$T/a2/"
"$VB" pack -q -o "$T/A2.vbk" --edition 2 "$T/a2" 2>/dev/null
check "update replacing a document" "$VB" update -q -o "$T/U2.vbk" "$T/A.vbk" "$T/b2"
same "update replacing a document = pack of the new set" "$T/U2.vbk" "$T/A2.vbk"
"$VB" cat --raw "$T/U2.vbk" 2022Z01227 | grep -q gewijzigd && ok "the new text is in" || no "the new text is in"
# --remove
mkdir -p "$T/a3"; cp "$T/a"/*.txt "$T/a3/"; rm "$T/a3/2022Z01227.txt"
"$VB" pack -q -o "$T/A3.vbk" --edition 2 "$T/a3" 2>/dev/null
check "update --remove" "$VB" update -q -o "$T/U3.vbk" "$T/A.vbk" --remove 2022Z01227
same "update --remove = pack without it" "$T/U3.vbk" "$T/A3.vbk"
fails 1 "update --remove of an unknown id fails" "$VB" update -q -o "$T/U4.vbk" "$T/A.vbk" --remove no-such-id
says "no document 'no-such-id'"
[ ! -e "$T/U4.vbk" ] && ok "and writes nothing" || no "and writes nothing"
# in place: the old edition stays until the new one is complete
cp "$T/A.vbk" "$T/inplace.vbk"
check "update in place" "$VB" update -q -o "$T/inplace.vbk" "$T/inplace.vbk" "$T/b"
same "update in place = pack of A+B" "$T/inplace.vbk" "$T/AB.vbk"
ls "$T" | grep -q 'tmp-' && no "no temporary files are left" || ok "no temporary files are left"
# edition numbers: a number goes up, anything else gets .1
"$VB" pack -q -o "$T/E.vbk" --edition 2024-week-3 "$T/a" 2>/dev/null
"$VB" update -q -o "$T/E2.vbk" "$T/E.vbk" "$T/b"
"$VB" info "$T/E2.vbk" | grep -q "^edition: *2024-week-3.1$" && ok "edition 2024-week-3 becomes 2024-week-3.1" || no "edition 2024-week-3 becomes 2024-week-3.1"
"$VB" pack -q -o "$T/E.vbk" --edition 41 "$T/a" 2>/dev/null
"$VB" update -q -o "$T/E2.vbk" "$T/E.vbk" "$T/b"
"$VB" info "$T/E2.vbk" | grep -q "^edition: *42$" && ok "edition 41 becomes 42" || no "edition 41 becomes 42"
# the same answers and exports as the fresh pack
"$VB" export "$T/U.vbk" "$T/x1" >/dev/null && "$VB" export "$T/AB.vbk" "$T/x2" >/dev/null
diff -r "$T/x1" "$T/x2" >/dev/null && ok "exports are identical" || no "exports are identical"

# ---- diff and patch on samples -------------------------------------------------------
check "diff A AB" "$VB" diff -q -o "$T/d1" "$T/A.vbk" "$T/AB.vbk"
check "patch A with it" "$VB" patch -q -o "$T/P.vbk" "$T/A.vbk" "$T/d1"
same "patch(A, diff(A, AB)) = AB, byte for byte" "$T/P.vbk" "$T/AB.vbk"
check "diff backwards (documents removed)" "$VB" diff -q -o "$T/d2" "$T/AB.vbk" "$T/A.vbk"
check "patch backwards" "$VB" patch -q -o "$T/P2.vbk" "$T/AB.vbk" "$T/d2"
same "patch(AB, diff(AB, A)) = A, byte for byte" "$T/P2.vbk" "$T/A.vbk"
check "diff with a changed document" "$VB" diff -q -o "$T/d3" "$T/A.vbk" "$T/U2.vbk"
check "patch with a changed document" "$VB" patch -q -o "$T/P3.vbk" "$T/A.vbk" "$T/d3"
same "patch gives the edition with the changed document" "$T/P3.vbk" "$T/U2.vbk"
fails 1 "patch refuses a wrong base" "$VB" patch -q -o "$T/bad.vbk" "$T/AB.vbk" "$T/d1"
says "is not the base of"
[ ! -e "$T/bad.vbk" ] && ok "and writes nothing" || no "and writes nothing"
head -c 200 "$T/d1" >"$T/dtrunc"
fails 1 "patch refuses a truncated delta" "$VB" patch -q -o "$T/bad.vbk" "$T/A.vbk" "$T/dtrunc"
fails 1 "patch refuses a file that is not a delta" "$VB" patch -q -o "$T/bad.vbk" "$T/A.vbk" "$T/A.vbk"
[ ! -e "$T/bad.vbk" ] && ok "and writes nothing" || no "and writes nothing"
# a delta whose documents were tampered with (valid gzip, wrong content):
# the result's checksum is not the one the delta names
gzip -dc <"$T/d1" >"$T/draw" 2>/dev/null
sed 's/Minister/Ministe_/' "$T/draw" | gzip -c >"$T/dtamper"
fails 1 "patch refuses a delta that does not give the named edition" "$VB" patch -q -o "$T/bad.vbk" "$T/A.vbk" "$T/dtamper"
says "not the"
[ ! -e "$T/bad.vbk" ] && ok "and writes nothing" || no "and writes nothing"

cut -f1 tests/bench_queries.tsv >"$T/q0"
norm0() { awk '/^Q\t/ { q = $0; next } { print q "\t" $0 }' | sort; }

# ---- generated editions: +1% documents ------------------------------------------------
"$GEN" 2000 "$T/g" 1 >/dev/null
mkdir -p "$T/gx"
"$GEN" 20 "$T/gx/new" 7 >/dev/null
"$VB" pack -q -o "$T/G1.vbk" "$T/g"
"$VB" pack -q -o "$T/G2.vbk" --edition 2 "$T/g" "$T/gx"
check "diff of generated editions" "$VB" diff -q -o "$T/gd" "$T/G1.vbk" "$T/G2.vbk"
check "patch of generated editions" "$VB" patch -q -o "$T/G2p.vbk" "$T/G1.vbk" "$T/gd"
same "patched generated edition = the new edition" "$T/G2p.vbk" "$T/G2.vbk"
ds=$(wc -c <"$T/gd"); ns=$(wc -c <"$T/G2.vbk")
echo "# delta $ds bytes, new edition $ns bytes"
[ -n "$ds" ] && [ -n "$ns" ] && [ $((ds * 100)) -le $((ns * 3)) ] && ok "delta for +1% documents is <= 3% of the new edition" || no "delta <= 3% ($ds of $ns)"
check "update of generated edition" "$VB" update -q -o "$T/G2u.vbk" "$T/G1.vbk" "$T/gx"
same "update = pack (generated)" "$T/G2u.vbk" "$T/G2.vbk"

# ---- appending: a new edition of the newest documents --------------------------------
# the newest 40 of the 2000 generated documents (a month: new questions,
# and answers and notices to older ones) as the new edition of the rest
"$VB" ls "$T/G1.vbk" | tail -n 40 >"$T/newest.ls"
mkdir -p "$T/rest" "$T/new1" "$T/new2"
cp -r "$T/g"/* "$T/rest/"
k=0
while read -r id rest; do
    k=$((k + 1)); dst=$([ $k -le 25 ] && echo new1 || echo new2)
    mkdir -p "$T/$dst/$(dirname "$id")"; mv "$T/rest/$id.txt" "$T/$dst/$id.txt"
done <"$T/newest.ls"
grep -c ' answer ' "$T/newest.ls" >"$T/nans"
[ "$(cat "$T/nans")" -gt 3 ] && ok "the newest documents include answers ($(cat "$T/nans"))" || no "the newest documents include answers"
"$VB" pack -q -o "$T/R.vbk" "$T/rest"
"$VB" pack -q -o "$T/Gall.vbk" --edition 2 "$T/g"
check "update with the newest documents" "$VB" update -o "$T/App.vbk" "$T/R.vbk" "$T/new1" "$T/new2"
grep -q "appended to the 1960" "$T/out" && ok "they are appended" || no "they are appended"
check "the appended edition verifies in full" "$VB" verify --full "$T/App.vbk"
answers() { for q in minister 'status:open' 'status:beantwoord' 'status:laat' \
        'soort:antwoord' 'soort:mededeling' 'partij:CDA' 'jaar:2024' \
        '"bent u bereid"' 'zorg*' 'politie OR gaswinning' 'nummer:2024Z*'; do
    "$VB" search --json --facets --limit 100 "$1" "$q"; "$VB" search --json --sort date "$1" "$q"; done; }
answers "$T/App.vbk" >"$T/app.ans"; answers "$T/Gall.vbk" >"$T/all.ans"
[ "$(grep -c '"id"' "$T/all.ans")" -gt 100 ] && same "appended = full pack: hits, scores, snippets, facets, statuses" "$T/app.ans" "$T/all.ans" ||
    no "appended = full pack: answers"
"$VB" ls "$T/App.vbk" >"$T/app.ls"; "$VB" ls "$T/Gall.vbk" >"$T/all.ls"
same "appended = full pack: the list of documents, in order" "$T/app.ls" "$T/all.ls"
"$VB" info "$T/App.vbk" | grep -E '^(documents|questions|answers|notices|zaken|dates|index|sources)' >"$T/app.info"
"$VB" info "$T/Gall.vbk" | grep -E '^(documents|questions|answers|notices|zaken|dates|index|sources)' >"$T/all.info"
[ "$(wc -l <"$T/all.info")" -ge 3 ] && same "appended = full pack: counts, dates, index size" "$T/app.info" "$T/all.info" || no "appended = full pack: info"
rm -rf "$T/x1" "$T/x2"
"$VB" export "$T/App.vbk" "$T/x1" >/dev/null && "$VB" export "$T/Gall.vbk" "$T/x2" >/dev/null
diff -r "$T/x1" "$T/x2" >/dev/null && ok "appended = full pack: export" || no "appended = full pack: export"
check "update --full packs everything again" "$VB" update -q --full -o "$T/AppF.vbk" "$T/R.vbk" "$T/new1" "$T/new2"
same "update --full = full pack, byte for byte" "$T/AppF.vbk" "$T/Gall.vbk"
"$VB" update -q -o "$T/App2.vbk" "$T/R.vbk" "$T/new2" "$T/new1"
same "appending is reproducible (sources in another order)" "$T/App2.vbk" "$T/App.vbk"
# the whole folder of sources again: what the old edition holds as it is
# stays, only the new documents are appended
check "update with every source again" "$VB" update -o "$T/App3.vbk" "$T/R.vbk" "$T/g"
grep -q "40 documents appended.*1960 sources were in it as they are" "$T/out" &&
    ok "the unchanged sources are recognised" || no "the unchanged sources are recognised"
same "and the result is the same append, byte for byte" "$T/App3.vbk" "$T/App.vbk"
# two steps, and deltas from each edition (and from one it never was)
"$VB" update -q -o "$T/S1.vbk" "$T/R.vbk" "$T/new1"
"$VB" update -q -o "$T/S2.vbk" "$T/S1.vbk" "$T/new2"
answers "$T/S2.vbk" >"$T/s2.ans"
same "two appends = full pack: answers" "$T/s2.ans" "$T/all.ans"
for base in R S1 Gall G1; do
    check "diff $base -> the twice appended edition" "$VB" diff -q -o "$T/sd" "$T/$base.vbk" "$T/S2.vbk"
    check "patch $base with it" "$VB" patch -q -o "$T/S2p.vbk" "$T/$base.vbk" "$T/sd"
    same "patch($base, diff($base, S2)) = S2, byte for byte" "$T/S2p.vbk" "$T/S2.vbk"
done
# a base that no longer matches its checksum is not appended to (the
# checksum in its trailer changed: damage in the pages themselves may be
# met first by a read that checks them, the summaries' for linking)
cp "$T/R.vbk" "$T/Rbad.vbk"
size=$(wc -c <"$T/Rbad.vbk")
sumbyte=$(od -An -tx1 -j $((size - 48)) -N1 "$T/Rbad.vbk" | tr -d ' ')
[ "$sumbyte" = 5a ] && flip=Y || flip=Z
printf '%s' "$flip" | dd of="$T/Rbad.vbk" bs=1 seek=$((size - 48)) conv=notrunc 2>/dev/null
fails 1 "update refuses a damaged base" "$VB" update -q -o "$T/bad.vbk" "$T/Rbad.vbk" "$T/new1"
says "does not match its checksum"
[ ! -e "$T/bad.vbk" ] && ok "and writes nothing" || no "and writes nothing"
ls "$T" | grep -q 'tmp-' && no "no temporary files are left" || ok "no temporary files are left"

# ---- split archives: parts that fit a size, opened as one ------------------------------
check "pack -s 3M splits a larger archive" "$VB" pack -o "$T/X.vbk" -s 3M "$T/g"
grep -q "split into [0-9]* parts" "$T/out" && ok "it says so" || no "it says so"
np=$(ls "$T"/X*.vbk | wc -l)
[ "$np" -ge 3 ] && ok "parts were made ($np)" || no "parts were made ($np)"
big=0; for f in "$T"/X*.vbk; do [ "$(wc -c <"$f")" -le 3145728 ] || big=1; done
[ $big = 0 ] && ok "every part is at most 3 MiB" || no "every part is at most 3 MiB"
"$VB" info "$T/X.vbk" >"$T/xi"
[ "$(grep -c '^part: ' "$T/xi")" = "$np" ] && ok "info shows every part" || no "info shows every part"
check "verify checks every part" "$VB" verify --expect "$(sum "$T/X.vbk" | head -n 1)" "$T/X.vbk"
[ "$(grep -c ': ok' "$T/out")" = "$np" ] && ok "every part verified" || no "every part verified"
"$VB" ls "$T/X.vbk" >"$T/x.ls"; "$VB" ls "$T/G1.vbk" >"$T/g.ls"
same "split: ls lists the documents of the whole, in order" "$T/x.ls" "$T/g.ls"
rm -rf "$T/x1" "$T/x2"
"$VB" export "$T/X.vbk" "$T/x1" >/dev/null && "$VB" export "$T/G1.vbk" "$T/x2" >/dev/null
diff -r "$T/x1" "$T/x2" >/dev/null && ok "split: export gives every source back" || no "split: export"
# the parts rank with the statistics of them all: the same answers,
# scores, snippets and facets (in the same order) as the whole
while read -r q; do "$VB" search --json --facets --limit 50 "$T/X.vbk" "$q"; done <"$T/q0" >"$T/x.ans"
while read -r q; do "$VB" search --json --facets --limit 50 "$T/G1.vbk" "$q"; done <"$T/q0" >"$T/g.ans"
[ "$(grep -c '"score"' "$T/g.ans")" -gt 30 ] && same "split: every benchmark query answers as the whole (hits, scores, snippets, facets)" "$T/x.ans" "$T/g.ans" || no "split: answers"
for q in status:open status:beantwoord status:laat 'jaar:2016' 'partij:CDA'; do
    [ "$("$VB" search --count "$T/X.vbk" "$q")" = "$("$VB" search --count "$T/G1.vbk" "$q")" ] &&
        ok "split: $q counts as the whole" || no "split: $q counts as the whole"
done
z=$(awk '$2 == "answer" && $4 != "-" { print $4 }' "$T/x.ls" | head -n 1)
"$VB" cat "$T/X.vbk" "$z" >"$T/xc"; "$VB" cat "$T/G1.vbk" "$z" >"$T/gc"
same "split: cat of a zaak" "$T/xc" "$T/gc"
fails 1 "a later part alone is refused" "$VB" search --count "$T/X.2.vbk" minister
says "open its first part"
mv "$T/X.3.vbk" "$T/X3.away"
fails 1 "a missing part is named" "$VB" search --count "$T/X.vbk" minister
says "part 3 cannot be opened"
cp "$T/X.2.vbk" "$T/X.3.vbk"
fails 1 "a part from elsewhere is refused" "$VB" ls "$T/X.vbk"
mv "$T/X3.away" "$T/X.3.vbk"
check "update of a split archive" "$VB" update -q -o "$T/Y.vbk" "$T/X.vbk" "$T/gx"
[ -e "$T/Y.2.vbk" ] && ok "is split alike" || no "is split alike"
"$VB" ls "$T/Y.vbk" >"$T/y.ls"; "$VB" ls "$T/G2.vbk" >"$T/g2.ls"
same "and holds the documents of the new edition" "$T/y.ls" "$T/g2.ls"
check "merge of a split archive, whole" "$VB" merge -q -o "$T/XM.vbk" "$T/X.vbk"
same "gives the unsplit archive, byte for byte" "$T/XM.vbk" "$T/G1.vbk"
fails 1 "diff refuses a split archive" "$VB" diff -q -o "$T/xd" "$T/G1.vbk" "$T/X.vbk"
says "split archive"

# ---- merge and libraries ----------------------------------------------------------------
for k in 1 2 3; do "$VB" pack -q -o "$T/L$k.vbk" "$T/p$k" 2>/dev/null; done
"$VB" pack -q -o "$T/L.vbk" "$T/p1" "$T/p2" "$T/p3" 2>/dev/null
check "merge three archives" "$VB" merge -q -o "$T/M.vbk" "$T/L1.vbk" "$T/L2.vbk" "$T/L3.vbk"
same "merge = one pack of all sources" "$T/M.vbk" "$T/L.vbk"
check "merge in another order" "$VB" merge -q -o "$T/M2.vbk" "$T/L3.vbk" "$T/L1.vbk" "$T/L2.vbk"
same "merge order does not matter for disjoint archives" "$T/M2.vbk" "$T/L.vbk"
# later archives win on equal ids
check "merge with a changed document in the later archive" "$VB" merge -q -o "$T/M3.vbk" "$T/A.vbk" "$T/U2.vbk"
"$VB" pack -q -o "$T/A2e1.vbk" "$T/a2" 2>/dev/null
same "the later archive's document wins" "$T/M3.vbk" "$T/A2e1.vbk"
# a library of three archives answers like the merged one
cut -f1 tests/bench_queries.tsv >"$T/q"
"$VB" search --batch "$T/q" --ids "$T/L1.vbk" "$T/L2.vbk" "$T/L3.vbk" >"$T/lib.ids"
"$VB" search --batch "$T/q" --ids "$T/M.vbk" >"$T/one.ids"
norm() { awk '/^Q\t/ { q = $0; next } { print q "\t" $0 }' "$1" | sort; }
norm "$T/lib.ids" >"$T/lib.s"; norm "$T/one.ids" >"$T/one.s"
n=$(wc -l <"$T/one.s")
[ "$n" -gt 50 ] && cmp -s "$T/lib.s" "$T/one.s" && ok "a library of 3 archives gives the same hits as the merged archive ($n)" || no "library hits = merged hits"
"$VB" search --sort date --limit 1000 "$T/L1.vbk" "$T/L2.vbk" "$T/L3.vbk" minister | grep -v '^    ' >"$T/ld"
"$VB" search --sort date --limit 1000 "$T/M.vbk" minister | grep -v '^    ' >"$T/md"
same "by date, the library lists hits in the merged archive's order" "$T/ld" "$T/md"
"$VB" search --count "$T/L1.vbk" "$T/L2.vbk" "$T/L3.vbk" minister >"$T/c1"
"$VB" search --count "$T/M.vbk" minister >"$T/c2"
same "the library counts hits like the merged archive" "$T/c1" "$T/c2"
# facet, value, count per line (the order of equal counts may differ)
facets() { tail -1 | sed 's/"\([a-z]*\)":\[/\n\1\n/g' | tr '{' '\n' |
    awk '/^[a-z]+$/ { f = $0; next } /"value"/ { sub(/}.*/, ""); print f, $0 }' | sort; }
"$VB" search --json --facets "$T/L1.vbk" "$T/L2.vbk" "$T/L3.vbk" minister | facets >"$T/f1"
"$VB" search --json --facets "$T/M.vbk" minister | facets >"$T/f2"
[ "$(wc -l <"$T/f1")" -gt 20 ] && ok "facets are listed" || no "facets are listed"
same "facets are summed over the library" "$T/f1" "$T/f2"
# the newest edition wins: a document changed in edition 2 is found by its
# new text only, and counted once: old + new edition answer like the new one
SOURCE_DATE_EPOCH=1800000000 "$VB" update -q -o "$T/N.vbk" "$T/A.vbk" "$T/b2"
"$VB" search --batch "$T/q" --ids "$T/A.vbk" "$T/N.vbk" | norm /dev/stdin >"$T/an.s"
"$VB" search --batch "$T/q" --ids "$T/N.vbk" | norm /dev/stdin >"$T/n.s"
same "a library of two editions answers like the newest" "$T/an.s" "$T/n.s"
"$VB" search --batch "$T/q" --ids "$T/N.vbk" "$T/A.vbk" | norm /dev/stdin >"$T/na.s"
same "whatever their order on the command line" "$T/na.s" "$T/n.s"
"$VB" search --count "$T/A.vbk" "$T/N.vbk" '"douanescanners (gewijzigd)"' >"$T/c"
[ "$(cat "$T/c")" = 1 ] && ok "the newer edition's text is found" || no "the newer edition's text is found"
"$VB" search --count "$T/N.vbk" "$T/A.vbk" nummer:2022Z01227 >"$T/c"
"$VB" search --count "$T/N.vbk" nummer:2022Z01227 >"$T/c0"
same "a document in both editions counts once" "$T/c" "$T/c0"

# ---- shards packed in parallel, then merged (docs/SCALING.md) -----------------------------
mkdir -p "$T/shards"
pids=""
for y in $(ls "$T/g"); do
    "$VB" pack -q -o "$T/shards/$y.vbk" "$T/g/$y" &
    pids="$pids $!"
done
okp=1; for p in $pids; do wait "$p" || okp=0; done
[ $okp = 1 ] && ok "shards packed in parallel" || no "shards packed in parallel"
# the ids of a shard are relative to its folder: pack the whole in the same shape
mkdir -p "$T/flat"
for y in $(ls "$T/g"); do cp "$T/g/$y"/*.txt "$T/flat/"; done
"$VB" pack -q -o "$T/one.vbk" "$T/flat"
check "merge the shards" "$VB" merge -q -o "$T/merged.vbk" "$T/shards"/*.vbk
same "shards packed in parallel and merged = one pack, byte for byte" "$T/merged.vbk" "$T/one.vbk"

finish
