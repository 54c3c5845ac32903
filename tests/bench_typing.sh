#!/bin/sh
# bench_typing.sh - typing in the reader as a visitor does, on a generated
# archive (BENCH_TYPING_N documents, default 20000): real words of the
# corpus typed a character at a time, and after each key the screen read
# back through the script command `state`. From the third letter on every
# keystroke must show cases, and no row may repeat a case; the time from
# each key to the frame showing its results (VRAAGBAAK_STATS) is given as
# p50/p99 against the budget of 50 ms.
#   sh tests/bench_typing.sh            (make bench runs it)
#   BENCH_STRICT=1 makes a missed bar fail.
set -u
B=${B:-build}
N=${BENCH_TYPING_N:-20000}
TMP=${TMPDIR:-/tmp}
DIR=$TMP/vraagbaak-typing-$N
VR=$PWD/$B/vraagbaak
VB=$PWD/$B/vbpack
STRICT=${BENCH_STRICT:-0}
[ -x "$VR" ] && [ -x "$VB" ] || { echo "bench_typing: build first"; exit 2; }
W=$(mktemp -d "$TMP/vbtyping-XXXXXX")
trap 'rm -rf "$W"' EXIT

if [ ! -f "$DIR/a.vbk" ]; then
    mkdir -p "$DIR"
    "$B/tests/tool_gen" "$N" "$DIR/docs" 1 >/dev/null &&
        "$VB" pack -q -o "$DIR/a.vbk" "$DIR/docs" || { echo "bench_typing: no corpus"; exit 2; }
fi
# real words: those of the benchmark queries of five letters or more that
# the corpus holds
WORDS=
for w in $(cut -f1 tests/bench_queries.tsv | tr -d '"()*' | tr ' ' '\n' |
           grep -E '^[a-z]{5,}$' | sort -u); do
    [ "$("$VB" search --count "$DIR/a.vbk" "$w")" -gt 0 ] 2>/dev/null && WORDS="$WORDS $w"
done
WORDS=$(printf '%s\n' $WORDS | head -n 30)
{
    for w in $WORDS; do
        i=1
        while [ $i -le ${#w} ] && [ $i -le 7 ]; do
            printf 'type %s\nwait\nstate\n' "$(printf '%s' "$w" | cut -c$i)"
            i=$((i + 1))
        done
        printf 'key Escape\nkey Escape\nkey Escape\nwait\n'
    done
    echo stats
} >"$W/script"
SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} VRAAGBAAK_STATS=1 \
    "$VR" --software --script "$W/script" "$DIR/a.vbk" >"$W/out" 2>"$W/err" ||
    { echo "bench_typing: the reader failed: $(head -c 300 "$W/err")"; exit 1; }

# every state of a query of 3..7 letters: cases > 0, rows all distinct
keys=0 empty=0 repeats=0
grep '^{"screen":"results"' "$W/out" >"$W/states"
while IFS= read -r s; do
    q=$(printf '%s' "$s" | sed 's/.*"query":"\([^"]*\)".*/\1/')
    [ ${#q} -ge 3 ] || continue
    keys=$((keys + 1))
    c=$(printf '%s' "$s" | sed -n 's/.*"cases":\([0-9]*\).*/\1/p')
    [ "${c:-0}" -gt 0 ] || { empty=$((empty + 1)); echo "  no cases for '$q'"; }
    n=$(printf '%s' "$s" | grep -o '{"zaak":"[^"]*"' | wc -l)
    u=$(printf '%s' "$s" | grep -o '{"zaak":"[^"]*"' | sort -u | wc -l)
    [ "$n" = "$u" ] || { repeats=$((repeats + 1)); echo "  a case repeats for '$q'"; }
done <"$W/states"
lat=$(sed -n 's/^results after \([0-9]*\) ms.*/\1/p' "$W/err" | sort -n)
cnt=$(printf '%s\n' "$lat" | grep -c .)
p50=$(printf '%s\n' "$lat" | awk -v n="$cnt" 'NR == int((n + 1) / 2)')
p99=$(printf '%s\n' "$lat" | awk -v n="$cnt" 'NR == int(n * 0.99 + 0.999)')
ok=ok
[ "$empty" = 0 ] && [ "$repeats" = 0 ] && [ "${p99:-999}" -le 50 ] || ok=MISSED
echo "typing $N documents    $(printf '%s\n' "$WORDS" | wc -l | tr -d ' ') words a letter at a time: $keys keys of 3+ letters, $empty without cases, $repeats with a repeated case; key to results p50 ${p50:-?} ms, p99 ${p99:-?} ms over $cnt searches   bar: cases on every key, none repeated, p99 <= 50 ms  $ok"
[ "$STRICT" = 1 ] && [ "$ok" != ok ] && exit 1
exit 0
