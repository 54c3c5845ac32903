#!/bin/sh
# cli_pack.sh - vbpack end to end on the bundled samples, in the style of
# git's t/: exit codes, messages, the round trip, determinism, bad input.
# Run from the project root with B=build folder (tests/run.sh does).
TEST=vbcli . tests/lib.sh

# pack, verify, export: every byte comes back
check "pack samples" "$VB" pack -q -o "$T/s.vbk" samples/
check "verify" "$VB" verify "$T/s.vbk"
check "export" "$VB" export "$T/s.vbk" "$T/out1"
n=0; bad=0
for f in samples/*.txt; do
    n=$((n + 1))
    cmp -s "$f" "$T/out1/$(basename "$f")" || { bad=$((bad + 1)); echo "# differs: $f"; }
done
[ "$bad" = 0 ] && [ "$n" -gt 20 ] && ok "export is byte-identical ($n files)" || no "export is byte-identical"
[ ! -e "$T/out1/INDEX.tsv" ] && ok "only documents are packed" || no "only documents are packed"

# deterministic: same sources, same bytes, whatever the order given
mkdir -p "$T/mix/b" "$T/mix/a"
cp samples/kv-tk-2014Z07524.txt "$T/mix/b/"; cp samples/2022Z01227.txt "$T/mix/a/"
check "pack twice" "$VB" pack -q -o "$T/s2.vbk" samples/
cmp -s "$T/s.vbk" "$T/s2.vbk" && ok "packing twice gives identical bytes" || no "packing twice gives identical bytes"
SOURCE_DATE_EPOCH=1700000000 "$VB" pack -q -o "$T/m1.vbk" "$T/mix/a" "$T/mix/b" 2>/dev/null
SOURCE_DATE_EPOCH=1700000000 "$VB" pack -q -o "$T/m2.vbk" "$T/mix/b" "$T/mix/a" 2>/dev/null
cmp -s "$T/m1.vbk" "$T/m2.vbk" && ok "argument order does not change the bytes" || no "argument order does not change the bytes"

# info and cat --json of the reference document
check "info --json" "$VB" info --json "$T/s.vbk"
grep -q '"documents":31' "$T/out" && ok "info counts 31 documents" || no "info counts 31 documents"
for k in title edition documents kinds first_date last_date source_bytes archive_bytes records_bytes index_bytes; do
    grep -q "\"$k\":" "$T/out" || no "info --json has $k"
done
# the size breakdown: its six parts, adding up to the file
for k in sizes records summaries term_dictionary postings positions other; do
    grep -q "\"$k\":" "$T/out" && ok "info --json has $k" || no "info --json has $k"
done
sizes_sum() { # the parts of the first "sizes" object of $T/out, summed
    sed 's/.*"sizes":{\([^}]*\)}.*/\1/' "$T/out" | tr ',' '\n' | cut -d: -f2 |
        awk '{ s += $1; if ($1 > 0) n++ } END { print s, n }'
}
# (every word with positions: the samples' words are all in fewer than
# posdf documents, which keep none in format 7)
VBPACK_POSDF=0 "$VB" pack -q -o "$T/sp.vbk" samples && "$VB" info --json "$T/sp.vbk" >"$T/out"
file=$(sed 's/.*"archive_bytes":\([0-9]*\).*/\1/' "$T/out")
[ "$(sizes_sum)" = "$file 6" ] && ok "info's six size parts add up to the file, none 0" ||
    no "info's six size parts add up to the file, none 0 ($(sizes_sum) of $file)"
check "info prints the size table" "$VB" info "$T/s.vbk"
grep -q '^            positions  *[0-9][0-9]*  *[0-9.]*%$' "$T/out" && ok "info's text has the positions line" ||
    no "info's text has the positions line"
# a split archive: each part's breakdown and, in part 1, all parts'
SOURCE_DATE_EPOCH=1700000000 "$VB" pack -q -s 120k -o "$T/sp.vbk" samples 2>"$T/err"
check "info --json of a split archive" "$VB" info --json "$T/sp.vbk"
n=$(grep -c '"sizes":{' "$T/out")
[ "$n" -ge 2 ] && [ "$(grep -c '"sizes_all_parts":{' "$T/out")" = 1 ] &&
    ok "a split archive's info has $n parts' sizes and their sum" || no "a split archive's info has each part's sizes and their sum"
check "cat --json 2022Z01227" "$VB" cat --json "$T/s.vbk" 2022Z01227
for want in '"name":"Palland","party":"CDA"' '"name":"Inge van Dijk","party":"CDA"' \
    '"name":"Amhaouch","party":"CDA"' '"submitted":"2022-01-26"' \
    '"Minister van Justitie en Veiligheid"' '"Minister van Economische Zaken en Klimaat"' \
    '"Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"' \
    '"numbers":\[15\]' 'https://www.rtlnieuws.nl/' 'https://www.wsj.com/'; do
    grep -q "$want" "$T/out" && ok "cat --json has $want" || no "cat --json has $want"
done
check "cat --raw is the source" sh -c "'$VB' cat --raw '$T/s.vbk' 2022Z01227 | cmp -s - samples/2022Z01227.txt"
check "ls --json" "$VB" ls --json "$T/s.vbk"
[ "$(wc -l <"$T/out")" = 31 ] && ok "ls lists 31 documents" || no "ls lists 31 documents"
fails 1 "cat of an unknown id fails" "$VB" cat "$T/s.vbk" nope
grep -q "nope" "$T/err" && ok "and names it" || no "and names it"

# search
check "search nuctech" "$VB" search --json "$T/s.vbk" nuctech
grep -q '"id":"2022Z01227"' "$T/out" && ok "search finds 2022Z01227" || no "search finds 2022Z01227"
fails 2 "a malformed query is a usage error" "$VB" search "$T/s.vbk" '(nuctech'
grep -q "\\^" "$T/err" && ok "and points at the place" || no "and points at the place"

# bad input
fails 2 "no arguments" "$VB"
fails 2 "pack without -o" "$VB" pack samples/
printf '' >"$T/empty.txt"
fails 1 "an empty file is refused" "$VB" pack -q -o "$T/e.vbk" "$T/empty.txt"
grep -q "empty.txt" "$T/err" && ok "and named" || no "and named"
[ ! -e "$T/e.vbk" ] && ok "and no archive is written" || no "and no archive is written"
printf 'Vragen\0\001\002' >"$T/bin.txt"
fails 1 "binary junk is refused" "$VB" pack -q -o "$T/e.vbk" "$T/bin.txt"
printf 'Vragen van het lid \377\376 (VVD)\n' >"$T/utf.txt"
fails 1 "invalid UTF-8 is refused" "$VB" pack -q -o "$T/e.vbk" "$T/utf.txt"
grep -q "line 1" "$T/err" && ok "with its line" || no "with its line"
mkdir -p "$T/dup/x" "$T/dup2/x"
cp samples/kv-tk-2014Z07524.txt "$T/dup/x/a.txt"; cp samples/kv-tk-2015Z08452.txt "$T/dup2/x/a.txt"
fails 1 "two documents with the same id" "$VB" pack -q -o "$T/e.vbk" "$T/dup" "$T/dup2"
grep -q "x/a" "$T/err" && ok "the duplicate id is named" || no "the duplicate id is named"
printf 'not an archive' >"$T/junk.vbk"
fails 1 "a non-archive is refused" "$VB" info "$T/junk.vbk"
head -c 20000 "$T/s.vbk" >"$T/trunc.vbk"
fails 1 "a truncated archive is refused" "$VB" verify "$T/trunc.vbk"
fails 1 "a missing archive" "$VB" ls "$T/none.vbk"
# read-only archive on read-only media: no lock file appears
cp "$T/s.vbk" "$T/ro.vbk"; chmod 444 "$T/ro.vbk"
check "a read-only archive opens" "$VB" info "$T/ro.vbk"
[ ! -e "$T/ro.vbk-lock" ] && ok "and no lock file is made" || no "and no lock file is made"

# format 2 (summaries one a key, no chunk positions; packed by 80e1b7a from
# three samples) still reads, exactly as a fresh pack of the same files
gzip -dc tests/data/format2.vbk.gz >"$T/f2.vbk"
mkdir -p "$T/f2src"
cp samples/2022Z01227.txt samples/ah-tk-20142015-1365.txt samples/kv-tk-2014Z07524.txt "$T/f2src/"
SOURCE_DATE_EPOCH=1700000000 "$VB" pack -q -o "$T/f3.vbk" "$T/f2src"
check "a format 2 archive verifies" "$VB" verify "$T/f2.vbk"
# (the signers are compared apart: the format 2 archive holds the parse of
# its day, which put "mede namens" among the signers; a fresh pack keeps
# them in on_behalf_of)
signers='s/"answered_by":\[[^]]*\],"on_behalf_of":\[[^]]*\],//'
for id in 2022Z01227 kv-tk-2014Z07524 ah-tk-20142015-1365; do
    "$VB" cat --json "$T/f2.vbk" "$id" 2>&1 | sed "$signers" >"$T/c2"
    "$VB" cat --json "$T/f3.vbk" "$id" 2>&1 | sed "$signers" >"$T/c3"
    [ -s "$T/c2" ] && cmp -s "$T/c2" "$T/c3" && ok "format 2: cat $id as a fresh pack" || no "format 2: cat $id as a fresh pack"
done
"$VB" cat --json "$T/f3.vbk" ah-tk-20142015-1365 >"$T/c3" 2>&1
grep -q '"answered_by":\["Staatssecretaris Teeven (Veiligheid en Justitie)"\],"on_behalf_of":\["Minister van Binnenlandse Zaken en Koninkrijksrelaties"\]' "$T/c3" &&
    ok "mede namens: on_behalf_of, apart from the signer" || no "mede namens: on_behalf_of, apart from the signer"
# (format 4 files an answer under its own date, format 2 under its
# questions': the "date" of the answer differs, nothing else)
"$VB" search --json "$T/f2.vbk" "minister" | sed 's/"date":"[0-9-]*"//g' >"$T/s2" 2>&1
"$VB" search --json "$T/f3.vbk" "minister" | sed 's/"date":"[0-9-]*"//g' >"$T/s3" 2>&1
[ -s "$T/s2" ] && cmp -s "$T/s2" "$T/s3" && ok "format 2: search as a fresh pack" || no "format 2: search as a fresh pack"

# format 5 (each summary with its own CRC, not deflated; packed by 6160ef6
# from the same three samples) reads exactly as a fresh pack (format 7)
gzip -dc tests/data/format5.vbk.gz >"$T/f5.vbk"
check "a format 5 archive verifies" "$VB" verify --full "$T/f5.vbk"
"$VB" info "$T/f5.vbk" | grep -q "^format: *5$" && ok "info says format 5" || no "info says format 5"
"$VB" info "$T/f3.vbk" | grep -q "^format: *7$" && ok "a fresh pack is format 7" || no "a fresh pack is format 7"
for id in 2022Z01227 kv-tk-2014Z07524 ah-tk-20142015-1365; do
    "$VB" cat --json "$T/f5.vbk" "$id" >"$T/c5" 2>&1
    "$VB" cat --json "$T/f3.vbk" "$id" >"$T/c6" 2>&1
    [ -s "$T/c5" ] && cmp -s "$T/c5" "$T/c6" && ok "format 5: cat $id as a fresh pack" || no "format 5: cat $id as a fresh pack"
done
"$VB" ls "$T/f5.vbk" >"$T/l5" 2>&1; "$VB" ls "$T/f3.vbk" >"$T/l6" 2>&1
[ -s "$T/l5" ] && cmp -s "$T/l5" "$T/l6" && ok "format 5: ls as a fresh pack" || no "format 5: ls as a fresh pack"
"$VB" search --json "$T/f5.vbk" "minister" >"$T/s5" 2>&1
"$VB" search --json "$T/f3.vbk" "minister" >"$T/s6" 2>&1
[ -s "$T/s5" ] && cmp -s "$T/s5" "$T/s6" && ok "format 5: search as a fresh pack" || no "format 5: search as a fresh pack"

# format 6 (per-id entries in ids, 64 records a chunk, positions of every
# word; packed by bc6fdf8 from the three samples and 70 documents of
# tool_gen 70 DIR 1) reads exactly as a fresh pack of the same files
gzip -dc tests/data/format6.vbk.gz >"$T/f6.vbk"
cp -r "$T/f2src" "$T/f6src"
"$B/tests/tool_gen" 70 "$T/f6src/gen" 1 >/dev/null
SOURCE_DATE_EPOCH=1700000000 "$VB" pack -q -o "$T/f7.vbk" "$T/f6src"
check "a format 6 archive verifies" "$VB" verify --full "$T/f6.vbk"
"$VB" info "$T/f6.vbk" | grep -q "^format: *6$" && ok "info says format 6" || no "info says format 6"
"$VB" ls "$T/f6.vbk" >"$T/l6" 2>&1; "$VB" ls "$T/f7.vbk" >"$T/l7" 2>&1
[ "$(wc -l <"$T/l6")" -eq 73 ] && cmp -s "$T/l6" "$T/l7" && ok "format 6: ls as a fresh pack" || no "format 6: ls as a fresh pack"
for id in 2022Z01227 $(sed -n '1p;40p;73p' "$T/l7" | awk '{print $1}'); do
    "$VB" cat --json "$T/f6.vbk" "$id" >"$T/c6" 2>&1
    "$VB" cat --json "$T/f7.vbk" "$id" >"$T/c7" 2>&1
    [ -s "$T/c6" ] && cmp -s "$T/c6" "$T/c7" && ok "format 6: cat $id as a fresh pack" || no "format 6: cat $id as a fresh pack"
done
for q in minister '"de minister"' '"deelt u de mening dat"' '"van de"' 'minister -"de minister van"' ; do
    "$VB" search --json "$T/f6.vbk" "$q" >"$T/s6" 2>&1
    "$VB" search --json "$T/f7.vbk" "$q" >"$T/s7" 2>&1
    [ -s "$T/s6" ] && cmp -s "$T/s6" "$T/s7" && ok "format 6: search $q as a fresh pack" || no "format 6: search $q as a fresh pack"
done

finish
