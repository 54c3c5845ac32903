#!/bin/sh
# cli_bounds.sh - bounded memory and time on hostile input, end to end:
# one huge source file, very many tiny files, a very long line, deep
# folders, symlink loops, tar members that would write elsewhere or are
# not files, a gzip bomb, an export that would leave its folder, queries of
# 10,000 words or parentheses. Each case states its limit; a case passes
# when vbpack finishes within it with the expected result or a message,
# and never crashes.
#
# Sizes: CI runs the sizes below; VB_SLOW_TESTS=1 runs the issue's full
# sizes (100 MB file, 10^6 files, 50 MB line, 1 GB gzip bomb).
# Peak memory is measured with GNU time where available, and not checked
# under AddressSanitizer (its shadow memory is not ours).
# Run from the project root with B=build folder (tests/run.sh does).
TEST=vbbounds . tests/lib.sh
need "$VB"
export SOURCE_DATE_EPOCH=1700000000
BIGMB=8 TINY=100000 LINEMB=8 BOMBMB=300
if [ -n "$VB_SLOW_TESTS" ]; then BIGMB=100 TINY=1000000 LINEMB=50 BOMBMB=1024; fi
# one size at a time: VB_BIGMB, VB_TINY, VB_LINEMB, VB_BOMBMB
BIGMB=${VB_BIGMB:-$BIGMB} TINY=${VB_TINY:-$TINY} LINEMB=${VB_LINEMB:-$LINEMB} BOMBMB=${VB_BOMBMB:-$BOMBMB}
TIME=; [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 && TIME=/usr/bin/time

# run NAME SECONDS CMD...: exit code in $T/NAME.rc, peak KB in $T/NAME.kb
run() {
    name=$1 secs=$2; shift 2
    if [ -n "$TIME" ]; then
        timeout "$secs" $TIME -o "$T/$name.kb" -f %M "$@" >"$T/$name.out" 2>"$T/$name.err"
    else
        timeout "$secs" "$@" >"$T/$name.out" 2>"$T/$name.err"; echo 0 >"$T/$name.kb"
    fi
    echo $? >"$T/$name.rc"
}
rc() { cat "$T/$1.rc"; }
kb() { tail -1 "$T/$1.kb" 2>/dev/null | tr -dc 0-9; }
sane() { # NAME: no crash, no timeout, no sanitizer report
    r=$(rc "$1")
    [ "$r" -lt 124 ] && ! grep -q "Sanitizer\|runtime error" "$T/$1.err"
}
mem_under() { # NAME MB what
    k=$(kb "$1")
    if [ -n "$SAN" ] || [ -z "$TIME" ] || [ -z "$k" ]; then echo "# $3: memory not measured"; return; fi
    [ "$k" -le $(($2 * 1024)) ] && ok "$3: $((k / 1024)) MB peak, limit $2 MB" ||
        no "$3: $((k / 1024)) MB peak, limit $2 MB"
}

# ---- one huge document: linear time, memory ~ a few times its size ------
mkdir -p "$T/big"
head -c 60000 samples/2022Z01227.txt >"$T/big/huge.txt"
while [ "$(wc -c <"$T/big/huge.txt")" -lt $((BIGMB << 20)) ]; do
    cat samples/*.txt "$T/big/huge.txt" >"$T/big/x" 2>/dev/null; mv "$T/big/x" "$T/big/huge.txt"
done
head -c $((BIGMB << 20)) "$T/big/huge.txt" >"$T/big/x" && mv "$T/big/x" "$T/big/huge.txt"
run big $((30 + BIGMB * 4)) "$VB" pack -q -o "$T/big.vbk" "$T/big"
sane big && [ "$(rc big)" = 0 ] && "$VB" verify "$T/big.vbk" >/dev/null 2>&1 &&
    ok "a $BIGMB MB document packs and verifies" || no "a $BIGMB MB document packs and verifies (exit $(rc big))"
mem_under big $((BIGMB * 12 + 100)) "a $BIGMB MB document"
run bigcat 60 "$VB" cat --raw "$T/big.vbk" huge
sane bigcat && cmp -s "$T/bigcat.out" "$T/big/huge.txt" && ok "and comes back byte for byte" ||
    no "and comes back byte for byte"

# ---- one very long line (no newline at all) ------------------------------------
mkdir -p "$T/line"
{ printf 'Vragen van het lid Jansen (VVD) aan de Minister van Financien over een lange regel (ingezonden 1 maart 2021). '
  head -c $((LINEMB << 20)) /dev/zero | tr '\0' 'a'; } >"$T/line/line.txt"
run line $((30 + LINEMB * 4)) "$VB" pack -q -o "$T/line.vbk" "$T/line"
sane line && [ "$(rc line)" = 0 ] && ok "a $LINEMB MB line packs" || no "a $LINEMB MB line packs (exit $(rc line))"
mem_under line $((LINEMB * 12 + 100)) "a $LINEMB MB line"
run linesearch 30 "$VB" search "$T/line.vbk" lange
sane linesearch && [ "$(rc linesearch)" = 0 ] && ok "and is found" || no "and is found"

# ---- one document of distinct words: memory bounded by the runs ----------------
# (issue 13 #2: 10 MB of distinct seven-letter words took 480 MB, 48x,
# where repetitive text of the size takes 8x: the words of one document
# were gathered whole before any run could be written)
DISTMB=${VB_DISTMB:-4}; [ -n "$VB_SLOW_TESTS" ] && DISTMB=${VB_DISTMB:-20}
mkdir -p "$T/dist"
{ printf 'Vragen van het lid Jansen (VVD) aan de Minister van Financien over woorden (ingezonden 1 maart 2021).\n\nVraag 1\n'
  LC_ALL=C tr -dc a-z </dev/urandom | head -c $((DISTMB * 7 << 17)) | fold -w 7 |
      awk '{ printf "%s%s", $0, NR % 12 ? " " : "\n" }'; echo; } >"$T/dist/d.txt"
run dist $((30 + DISTMB * 6)) "$VB" pack -q -o "$T/dist.vbk" "$T/dist"
w=$(sed -n 10p "$T/dist/d.txt" | cut -d' ' -f5)
sane dist && [ "$(rc dist)" = 0 ] && [ "$("$VB" search --count "$T/dist.vbk" "$w" 2>/dev/null)" = 1 ] &&
    ok "$DISTMB MB of distinct words packs, and a word of it is found" ||
    no "$DISTMB MB of distinct words packs, and a word of it is found (exit $(rc dist))"
mem_under dist $((DISTMB * 12 + 60)) "$DISTMB MB of distinct words"

# ---- very many tiny files --------------------------------------------------------
mkdir -p "$T/tiny"
awk -v n="$TINY" 'BEGIN { for (i = 0; i < n; i++)
    printf "Vragen van het lid Jansen (VVD) aan de Minister van Financien over rente %d (ingezonden 1 maart 2021).\nVraag 1\nKent u bericht %d?\n", i, i }' |
    (cd "$T/tiny" && split -l 3 -a 7 -d --additional-suffix=.txt - d)
run tiny $((120 + TINY / 500)) "$VB" pack -q -o "$T/tiny.vbk" "$T/tiny"
sane tiny && [ "$(rc tiny)" = 0 ] && ok "$TINY tiny files pack" || no "$TINY tiny files pack (exit $(rc tiny))"
mem_under tiny 400 "$TINY tiny files"
run tinyinfo 30 "$VB" info --json "$T/tiny.vbk"
grep -q "\"documents\":$TINY," "$T/tinyinfo.out" && ok "and all $TINY are there" || no "and all $TINY are there"
rm -rf "$T/tiny"

# ---- deep folders and symlink loops -------------------------------------------
d="$T/deep"; mkdir -p "$d"; p=$d
i=0; while [ $i -lt 100 ]; do p="$p/d"; i=$((i + 1)); done
mkdir -p "$p"; cp samples/2022Z01227.txt "$p/"; cp samples/kv-tk-2014Z07524.txt "$d/"
run deep 30 "$VB" pack -q -o "$T/deep.vbk" "$d"
sane deep && grep -q "deep" "$T/deep.err" && ok "100 nested folders: the walk stops at the limit, with a message" ||
    no "100 nested folders: the walk stops at the limit, with a message (exit $(rc deep))"
mkdir -p "$T/loop/a/b"; cp samples/2022Z01227.txt "$T/loop/a/"
ln -s .. "$T/loop/a/b/up"; ln -s ../.. "$T/loop/a/b/top"; ln -s self "$T/loop/self"
ln -s "$T/loop" "$T/loop/a/abs"
run loop 30 "$VB" pack -q --keep-going -o "$T/loop.vbk" "$T/loop"
sane loop && grep -qi "loop" "$T/loop.err" && ok "symlink loops are reported and skipped" ||
    no "symlink loops are reported and skipped (exit $(rc loop))"
[ -s "$T/loop.vbk" ] && [ "$("$VB" ls "$T/loop.vbk" | wc -l)" = 1 ] &&
    ok "and the one document is packed once" || no "and the one document is packed once"

# ---- tar members that are not plain relative files -----------------------------
# field VALUE N: VALUE padded with NUL bytes to N bytes
field() { printf '%s' "$1"; head -c $(($2 - ${#1})) /dev/zero; }
# tar_member NAME TYPE SIZE: a ustar header (512 bytes) for a made-up member
tar_member() {
    hdr="$T/hdr"
    { field "$1" 100; field 0000644 8; field 0000000 8; field 0000000 8
      field "$(printf %011o "$3")" 12; field "$(printf %011o 1700000000)" 12
      printf '        %s' "$2"; field "" 100; field ustar 6; printf 00
      field "" 32; field "" 32; field "" 8; field "" 8; field "" 155
      field "" 12; } >"$hdr"
    sum=$(od -An -v -tu1 "$hdr" | tr -s ' ' '\n' | awk '{ s += $1 } END { print s }')
    { head -c 148 "$hdr"; printf '%06o' "$sum"; printf '\000 '; tail -c +157 "$hdr"; }
}
pad() { head -c $(( (512 - $1 % 512) % 512 )) /dev/zero; }
good=$(wc -c <samples/2022Z01227.txt)
{
    tar_member "ok/2022Z01227.txt" 0 "$good"; cat samples/2022Z01227.txt; pad "$good"
    tar_member "../escape.txt" 0 5; printf 'boom\n'; pad 5
    tar_member "a/../../x.txt" 0 5; printf 'boom\n'; pad 5
    tar_member "/tmp/vbbounds-absolute.txt" 0 5; printf 'boom\n'; pad 5
    tar_member "dev.txt" 3 0
    tar_member "blk.txt" 4 0
    tar_member "fifo.txt" 6 0
    tar_member "link.txt" 2 0
    tar_member "hard.txt" 1 0
    head -c 1024 /dev/zero
} >"$T/bomb.tar"
mkdir -p "$T/in"; (cd "$T/in" && run tar 30 "$VB" pack -q --keep-going -o "$T/tar.vbk" "$T/bomb.tar")
sane tar && ok "a hostile tar is read without a crash" || no "a hostile tar is read without a crash"
for w in "escape.txt" "x.txt" "absolute" "dev.txt" "blk.txt" "fifo.txt" "link.txt" "hard.txt"; do
    grep "$w" "$T/tar.err" | grep -q "refused\|skipped" && ok "tar member $w refused" || no "tar member $w refused"
done
[ ! -e "$T/escape.txt" ] && [ ! -e "$T/x.txt" ] && [ ! -e /tmp/vbbounds-absolute.txt ] &&
    [ -z "$(ls "$T/in")" ] && ok "nothing written outside" || no "nothing written outside"
[ "$("$VB" ls "$T/tar.vbk" 2>/dev/null | wc -l)" = 1 ] && ok "the good member is packed" || no "the good member is packed"
run exp 30 "$VB" export "$T/tar.vbk" "$T/out"
[ "$(rc exp)" = 0 ] && [ -f "$T/out/ok/2022Z01227.txt" ] && [ "$(find "$T/out" -type f | wc -l)" = 1 ] &&
    ok "export writes inside its folder only" || no "export writes inside its folder only"
# a folder in the way that leads elsewhere: export must not follow it
mkdir -p "$T/elsewhere" "$T/out2"; ln -s "$T/elsewhere" "$T/out2/ok"
run exp2 30 "$VB" export "$T/tar.vbk" "$T/out2"
sane exp2 && [ -z "$(ls "$T/elsewhere")" ] && ok "export does not write through a symlinked folder" ||
    no "export does not write through a symlinked folder (exit $(rc exp2))"

# ---- a gzip bomb: a member far larger than any document ------------------------
mkdir -p "$T/gz"
truncate -s $((BOMBMB << 20)) "$T/gz/zeros.txt"
cp samples/2022Z01227.txt "$T/gz/"
(cd "$T/gz" && tar -cf - 2022Z01227.txt zeros.txt | gzip -1 >"$T/bomb.tar.gz")
rm -rf "$T/gz"
run gz $((60 + BOMBMB / 10)) "$VB" pack -q --keep-going -o "$T/gz.vbk" "$T/bomb.tar.gz"
sane gz && grep "zeros" "$T/gz.err" | grep -q "refused" && ok "a $BOMBMB MB member of a gzip bomb is refused" ||
    no "a $BOMBMB MB member of a gzip bomb is refused (exit $(rc gz))"
mem_under gz 300 "the gzip bomb"
[ "$("$VB" ls "$T/gz.vbk" 2>/dev/null | wc -l)" = 1 ] && ok "the other member is packed" || no "the other member is packed"

# ---- queries: 10,000 words, 10,000 parentheses ------------------------------------
"$VB" pack -q -o "$T/s.vbk" samples/
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "w%d ", i }' >"$T/q1"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "("; printf "x"; for (i = 0; i < 10000; i++) printf ")" }' >"$T/q2"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "-"; printf "nuctech" }' >"$T/q3"
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "w%d OR ", i; printf "x" }' >"$T/q4"
for q in q1 q2 q3 q4; do
    run "$q" 5 "$VB" search "$T/s.vbk" "$(cat "$T/$q")"
    r=$(rc "$q")
    sane "$q" && { [ "$r" = 0 ] || { [ "$r" = 2 ] && grep -q "query" "$T/$q.err"; }; } &&
        ok "query $q ($(head -c 24 "$T/$q")...) answers within 5 s (exit $r)" ||
        no "query $q answers within 5 s (exit $r)"
done
grep -q "too many\|too long\|at most" "$T/q1.err" && ok "10,000 words: refused with the limit named" ||
    no "10,000 words: refused with the limit named"
grep -q "nested too deeply" "$T/q2.err" && ok "10,000 parentheses: refused with the limit named" ||
    no "10,000 parentheses: refused with the limit named"

finish
