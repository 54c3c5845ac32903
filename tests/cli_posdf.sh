#!/bin/sh
# cli_posdf.sh - format 7 keeps no positions of a word in fewer than
# posdf (64) documents; appending, a word that reaches posdf gets the old
# documents' positions again from their texts, so the appended edition
# answers as a fresh pack of all the documents, and verify wants exactly
# the positions posdf asks for. Marker words set the document counts: a
# word in 63 old documents and 3 new ones (it crosses), one in 5 and 2
# (it stays below), both in a compound. Bases packed with another posdf
# (VBPACK_POSDF, tests only) are appended to as well.
TEST=vbposdf . tests/lib.sh
export SOURCE_DATE_EPOCH=1700000000
unset VBPACK_POSDF
same() { if cmp -s "$2" "$3"; then ok "$1"; else no "$1"; fi; }

"$GEN" 300 "$T/g" 3 >/dev/null
"$VB" pack -q -o "$T/split.vbk" "$T/g"
# the newest 40 are the new edition; the markers go at the texts' end
"$VB" ls "$T/split.vbk" | awk '{ print $1 }' >"$T/ids"
mark() { printf '\nDe %s nuctech-apparatuur over de %s.\n' "$2" "$2" >>"$T/g/$1.txt"; }
k=0
while read -r id; do
    k=$((k + 1))
    if [ $k -le 260 ]; then
        [ $k -le 63 ] && mark "$id" kruiswoord
        [ $k -le 5 ] && mark "$id" blijfwoord
    else
        [ $k -le 263 ] && mark "$id" kruiswoord
        [ $k -le 262 ] && mark "$id" blijfwoord
    fi
done <"$T/ids"
mkdir -p "$T/rest" "$T/new"
cp -r "$T/g"/* "$T/rest/"
tail -n 40 "$T/ids" | while read -r id; do
    mkdir -p "$T/new/$(dirname "$id")"; mv "$T/rest/$id.txt" "$T/new/$id.txt"
done

"$VB" pack -q -o "$T/R.vbk" "$T/rest"
"$VB" pack -q -o "$T/G.vbk" "$T/g"
VBPACK_POSDF=0 "$VB" pack -q -o "$T/R0.vbk" "$T/rest"
VBPACK_POSDF=0 "$VB" pack -q -o "$T/G0.vbk" "$T/g"
n=$("$VB" search --count "$T/R.vbk" kruiswoord); [ "$n" = 63 ] && ok "kruiswoord in 63 old documents" || no "kruiswoord in 63 old documents ($n)"
n=$("$VB" search --count "$T/G.vbk" kruiswoord); [ "$n" = 66 ] && ok "and in 66 of all" || no "and in 66 of all ($n)"

pos() { "$VB" info "$1" | awk '$1 == "positions" { print $2 }'; }
p=$(pos "$T/G.vbk"); p0=$(pos "$T/G0.vbk")
[ -n "$p" ] && [ -n "$p0" ] && [ "$p" -lt "$p0" ] && ok "rare words keep no positions ($p bytes, all words $p0)" || no "rare words keep no positions ($p, $p0)"
check "verify (the words below posdf without positions)" "$VB" verify --full "$T/G.vbk"
check "verify (every word with positions)" "$VB" verify --full "$T/G0.vbk"

answers() {
    for q in '"kruiswoord nuctech apparatuur"' '"over de kruiswoord"' \
        '"de blijfwoord"' '"blijfwoord nuctech-apparatuur"' kruiswoord \
        '"de kruiswoord" -"de blijfwoord"' '"kruiswoord nuctech" OR "van de"' \
        '"nuctech apparatuur" jaar:2015..2025' '"bent u bereid"' '"van de"'; do
        "$VB" search --json --facets --limit 200 "$1" "$q"
    done
}
info() { "$VB" info "$1" | grep -E '^ *(documents:|index:|postings |positions |term_dictionary )'; }
answers "$T/G.vbk" >"$T/G.ans"; info "$T/G.vbk" >"$T/G.info"
answers "$T/G0.vbk" >"$T/G0.ans"; info "$T/G0.vbk" >"$T/G0.info"
[ "$(grep -c '"id"' "$T/G.ans")" -gt 200 ] && same "phrases read off the texts = phrases from positions" "$T/G.ans" "$T/G0.ans" ||
    no "phrases read off the texts: answers"

# appending: kruiswoord crosses posdf, blijfwoord stays below
appended() { # WHAT BASE FRESH [VBPACK_POSDF]
    if [ -n "${4-}" ]; then
        VBPACK_POSDF=$4 "$VB" update -o "$T/U.vbk" "$2" "$T/new" >"$T/out" 2>"$T/err"
    else
        "$VB" update -o "$T/U.vbk" "$2" "$T/new" >"$T/out" 2>"$T/err"
    fi
    grep -q "appended to the 260" "$T/out" && ok "$1: appended" || no "$1: appended"
    check "$1: verify" "$VB" verify --full "$T/U.vbk"
    answers "$T/U.vbk" >"$T/U.ans"; info "$T/U.vbk" >"$T/U.info"
    fresh=${3%.vbk}
    same "$1: answers = fresh pack" "$T/U.ans" "$fresh.ans"
    same "$1: index sizes = fresh pack" "$T/U.info" "$fresh.info"
}
appended "update" "$T/R.vbk" "$T/G.vbk"
appended "update of a base with every position" "$T/R0.vbk" "$T/G.vbk"
appended "update with every position" "$T/R.vbk" "$T/G0.vbk" 0
check "update --full" "$VB" update -q --full -o "$T/F.vbk" "$T/R.vbk" "$T/new"
"$VB" pack -q --edition 2 -o "$T/G2.vbk" "$T/g"
same "update --full = fresh pack, byte for byte" "$T/F.vbk" "$T/G2.vbk"
finish
