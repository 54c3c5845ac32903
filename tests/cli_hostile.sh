#!/bin/sh
# cli_hostile.sh - hostile input to vbpack, as issue 13 found it: outputs
# that are sources, FIFOs, symlinks or devices; symlinks out of a source
# folder; ids that could not come back; escape sequences in the text;
# a full disk; forged checksums; deltas asking for unbounded work; and the
# small ones. Each case names its item of the issue (#N) and fails
# without its fix. Fast: seconds in all.
# Run from the project root with B=build folder (tests/run.sh does).
SHOW_ERR=1
TEST=vbhostile . tests/lib.sh
need "$VB"
MNT=
cleanup() {
    [ -n "$MNT" ] && umount "$MNT" 2>/dev/null
    rm -rf "$T"
}
export SOURCE_DATE_EPOCH=1700000000
DOC="$PWD/samples/2022Z01227.txt"
# run CMD...: exit code in $rc, output in $T/out, $T/err (5 s at most)
run() { timeout 5 "$@" >"$T/out" 2>"$T/err"; rc=$?; }
said() { grep -q -- "$1" "$T/err"; }
cd "$T" || exit 1
mkdir src && cp "$DOC" src/a.txt && cp "$DOC" src/b.txt
"$VB" pack -q -o good.vbk src || { echo "not ok - packing the samples"; exit 1; }

# ---- #3: -o naming one of the sources ---------------------------------------
cp "$DOC" doc.txt
run "$VB" pack -q -o doc.txt doc.txt
[ "$rc" = 1 ] && said "also the output" && cmp -s doc.txt "$DOC" &&
    ok "#3 pack -o doc.txt doc.txt: refused, the source unchanged" ||
    no "#3 pack -o doc.txt doc.txt: refused, the source unchanged (exit $rc)"
run "$VB" pack -q -o src/b.txt src
[ "$rc" = 1 ] && said "src/b.txt is also the output" && cmp -s src/b.txt "$DOC" &&
    [ "$(ls src)" = "a.txt
b.txt" ] && ok "#3 -o a .txt inside a source folder: refused, nothing left behind" ||
    no "#3 -o a .txt inside a source folder: refused, nothing left behind (exit $rc)"
mkdir t3 && cp "$DOC" t3/a.txt && tar cf src.tar t3 && cp src.tar src.tar.orig
run "$VB" pack -q -o src.tar src.tar
[ "$rc" = 1 ] && cmp -s src.tar src.tar.orig && ok "#3 -o the source tar: refused" ||
    no "#3 -o the source tar: refused (exit $rc)"
run "$VB" update -q -o doc.txt good.vbk doc.txt
[ "$rc" = 1 ] && cmp -s doc.txt "$DOC" && ok "#3 update -o a source: refused" ||
    no "#3 update -o a source: refused (exit $rc)"
cp good.vbk inplace.vbk; mkdir new && sed 's/Chinese/Japanse/' "$DOC" >new/c.txt
run "$VB" update -q -o inplace.vbk inplace.vbk new
[ "$rc" = 0 ] && "$VB" ls inplace.vbk | grep -q '^c ' && ok "#3 update -o OLD OLD (in place) still works" ||
    no "#3 update -o OLD OLD (in place) still works (exit $rc)"

# ---- #4: -o a FIFO, a symlink, a device ---------------------------------------
mkfifo fifo; ln -s good.vbk link.vbk
run "$VB" pack -q -o fifo src
[ "$rc" = 1 ] && said "is a FIFO" && [ -p fifo ] && ok "#4 -o a FIFO: refused, still a FIFO" ||
    no "#4 -o a FIFO: refused, still a FIFO (exit $rc)"
run "$VB" pack -q -o link.vbk src
[ "$rc" = 1 ] && said "symbolic link" && [ -L link.vbk ] && ok "#4 -o a symlink: refused, still a link" ||
    no "#4 -o a symlink: refused, still a link (exit $rc)"
if [ "$(id -u)" = 0 ] && mknod null c 1 3 2>/dev/null; then
    run "$VB" update -q -o null good.vbk new
    [ "$rc" = 1 ] && said "device node" && [ -c null ] && ok "#4 -o a device node: refused, still a device" ||
        no "#4 -o a device node: refused, still a device (exit $rc)"
else
    echo "# #4 device node: skipped (mknod needs root)"
fi
for c in "merge -q -o fifo good.vbk" "diff -q -o fifo good.vbk good.vbk"; do
    run "$VB" $c
    [ "$rc" = 1 ] && [ -p fifo ] && ok "#4 $c: refused" || no "#4 $c: refused (exit $rc)"
done

# ---- #7: an archive argument that is a FIFO ------------------------------------
for c in info verify ls "cat" "search"; do
    case $c in cat) a="fifo a";; search) a="fifo word";; *) a=fifo;; esac
    run "$VB" $c $a
    [ "$rc" = 1 ] && said "fifo: not a regular file" && ok "#7 $c FIFO: refused at once" ||
        no "#7 $c FIFO: refused at once (exit $rc)"
done
VR="${VB%/*}/vraagbaak"
if [ -x "$VR" ]; then
    echo quit >quit.txt
    SDL_VIDEODRIVER=dummy timeout 10 "$VR" --software --script quit.txt fifo >"$T/out" 2>"$T/err"; rc=$?
    [ "$rc" = 1 ] && [ -s "$T/err" ] && ok "#7 the reader with a FIFO: refused at once" ||
        no "#7 the reader with a FIFO: refused at once (exit $rc)"
fi
run "$VB" patch -q -o p.vbk good.vbk fifo
[ "$rc" = 1 ] && said "not a regular file" && ok "#7 patch with a FIFO as delta: refused at once" ||
    no "#7 patch with a FIFO as delta: refused at once (exit $rc)"

# ---- #6: symlinks out of the source folder --------------------------------------
mkdir -p s6/in && cp "$DOC" s6/a.txt && ln -s /etc/passwd s6/leak.txt
mkdir outside && cp "$DOC" outside/secret.txt && ln -s ../outside s6/dir
ln -s a.txt s6/in/same.txt 2>/dev/null; ln -s ../a.txt s6/in/up.txt
run "$VB" pack -q -o s6.vbk s6
[ "$rc" = 1 ] && said "s6/leak.txt: symbolic link to /etc/passwd, outside the source folder" &&
    said "s6/dir: symbolic link to .*outside" && [ ! -e s6.vbk ] &&
    ok "#6 links out of the folder: each named, no archive" ||
    no "#6 links out of the folder: each named, no archive (exit $rc)"
run "$VB" pack -q --keep-going -o s6.vbk s6
"$VB" ls s6.vbk >ls6 2>&1
! grep -q "leak\|secret" ls6 && grep -q "^in/up " ls6 &&
    ok "#6 --keep-going packs the rest, links inside the folder followed" ||
    no "#6 --keep-going packs the rest, links inside the folder followed"
run "$VB" pack -q --follow-links --keep-going -o s6f.vbk s6
"$VB" ls s6f.vbk 2>&1 | grep -q "^dir/secret " && ok "#6 --follow-links follows them" ||
    no "#6 --follow-links follows them (exit $rc)"

# ---- #8: a dangling symlink that is not a document ------------------------------
mkdir s8 && cp "$DOC" s8/a.txt && ln -s /nonexistent/x s8/dangling && ln -s nowhere s8/README
run "$VB" pack -q -o s8.vbk s8
[ "$rc" = 0 ] && [ ! -s "$T/err" ] && ok "#8 dangling links that are not documents: passed over" ||
    no "#8 dangling links that are not documents: passed over (exit $rc)"
ln -s nowhere.txt s8/gone.txt
run "$VB" pack -q -o s8b.vbk s8
[ "$rc" = 1 ] && said "s8/gone.txt" && ok "#8 a dangling link named as a document: an error naming it" ||
    no "#8 a dangling link named as a document: an error naming it (exit $rc)"

# ---- #9, #10, #15: ids that could not come back ---------------------------------
L=$(printf '%0200d' 0 | tr 0 a)
mkdir -p "s9/$L/$L" && cp "$DOC" s9/a.txt && cp "$DOC" "s9/$L/$L/long.txt" && cp "$DOC" s9/z.txt
run "$VB" pack -q --keep-going -o s9.vbk s9
n=$("$VB" ls s9.vbk 2>/dev/null | wc -l)
[ "$rc" = 1 ] && [ "$n" = 2 ] && said "$L/long.txt: the id (the path without its extension) is 406 bytes" &&
    ok "#9 --keep-going past an over-long id, whose message names the file and the reason" ||
    no "#9 --keep-going past an over-long id ($n packed, exit $rc)"
mkdir s10 && cp "$DOC" 's10/back\slash.txt' && cp "$DOC" s10/a.txt
run "$VB" pack -q -o s10.vbk s10
[ "$rc" = 1 ] && said 'back\\slash.txt: a backslash' && ok "#10 an id with a backslash: refused at pack" ||
    no "#10 an id with a backslash: refused at pack (exit $rc)"
# a 300-byte name can only come from a tar (no file system here has one)
python3 - "$DOC" <<'EOF' 2>/dev/null
import sys, tarfile, io
data = open(sys.argv[1], 'rb').read()
with tarfile.open('long.tar', 'w', format=tarfile.PAX_FORMAT) as t:
    for name in ('b' * 300 + '.txt', 'ok.txt'):
        i = tarfile.TarInfo(name); i.size = len(data); t.addfile(i, io.BytesIO(data))
with tarfile.open('latin.tar', 'w', format=tarfile.GNU_FORMAT, encoding='latin-1') as t:
    for name in ('caf\xe9.txt', 'ok.txt'):
        i = tarfile.TarInfo(name); i.size = len(data); t.addfile(i, io.BytesIO(data))
EOF
if [ -f long.tar ]; then
    run "$VB" pack -q --keep-going -o long.vbk long.tar
    [ "$rc" = 1 ] && said "304 bytes, more than the 255" && "$VB" export long.vbk exp10 >/dev/null 2>&1 &&
        ok "#10 a 300-byte name in a tar: refused at pack; what was packed exports" ||
        no "#10 a 300-byte name in a tar: refused at pack (exit $rc)"
    run "$VB" pack -q --keep-going -o latin.vbk latin.tar
    [ "$rc" = 1 ] && said "not UTF-8" && [ "$("$VB" ls latin.vbk | wc -l)" = 1 ] &&
        ok "#15 a non-UTF-8 tar name: refused at pack (cat could not name it)" ||
        no "#15 a non-UTF-8 tar name: refused at pack (exit $rc)"
else
    echo "# #10/#15 tar names: skipped (python3 missing)"
fi

# ---- #13: escape sequences in the text --------------------------------------------
mkdir s13
printf 'Vragen van het lid Jansen (VVD) aan de Minister van Financi\303\253n over \033]0;pwned\007een titel\033[2J\302\233 (ingezonden 1 maart 2021).\n\nVraag 1\nWat is \033[31mrood\033[0m nu?\n' >s13/esc.txt
"$VB" pack -q -o s13.vbk s13 2>/dev/null
for c in "ls s13.vbk" "search s13.vbk rood" "search s13.vbk titel" "cat s13.vbk esc" "suggest s13.vbk ti"; do
    run "$VB" $c
    if [ "$rc" = 0 ] && [ -s "$T/out" ] && ! od -An -c "$T/out" | grep -q '033\|007\|302 233'; then
        ok "#13 $c: no control characters reach the terminal"
    else
        no "#13 $c: no control characters reach the terminal (exit $rc)"
    fi
done
run "$VB" cat --raw s13.vbk esc
cmp -s "$T/out" s13/esc.txt && ok "#13 cat --raw still gives the bytes" || no "#13 cat --raw still gives the bytes"
run "$VB" ls --json s13.vbk
grep -q 'u001b' "$T/out" && ok "#13 ls --json escapes them" || no "#13 ls --json escapes them"

# ---- #15: verify shows a damaged key's bytes as \xNN ------------------------------
python3 - <<'EOF' 2>/dev/null
b = open('s13.vbk', 'rb').read().replace(b'esc', b'e\xffc')
open('d15.vbk', 'wb').write(b)
EOF
run "$VB" verify d15.vbk
[ "$rc" = 1 ] && said "\\\\xffc'" && ! od -An -tx1 "$T/err" | grep -q ' ff' &&
    ok "#15 verify names a damaged key as \\xNN, no raw bytes" ||
    no "#15 verify names a damaged key as \\xNN, no raw bytes (exit $rc)"

# ---- #14: a small delta naming 100,000 empty steps --------------------------------
sum=$("$VB" info --json good.vbk | sed 's/.*"checksum":"\([0-9a-f]*\)".*/\1/')
python3 - "$sum" <<'EOF' 2>/dev/null
import sys, gzip, struct
def s(b): return struct.pack('>I', len(b)) + b
old = sys.argv[1].encode()
step = s(b'a' * 64) + s(b'T') + s(b'2') + s(b'0') + s(b'9') + struct.pack('>I', 0)
d = [b'VBKDELTA2\n', s(old), s(b'0' * 64), s(b'T'), s(b'2'), s(b'0'), s(b'9'),
     struct.pack('>I', 100000), s(old) + step[68:]] + [step] * 99999
d.append(struct.pack('>I', 0) * 2 + b'VBKDEND1')
open('steps.delta', 'wb').write(gzip.compress(b''.join(d), 9))
EOF
if [ -s steps.delta ]; then
    TIME=; [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 && [ -z "$SAN" ] && TIME="/usr/bin/time -o $T/kb -f %M"
    timeout 20 $TIME "$VB" patch -q -o p14.vbk good.vbk steps.delta >"$T/out" 2>"$T/err"; rc=$?
    kb=$(tail -1 "$T/kb" 2>/dev/null | tr -dc 0-9)
    [ "$rc" = 1 ] && said "damaged delta (100000 steps in" && [ ! -e p14.vbk ] &&
        { [ -z "$kb" ] || [ "$kb" -lt 40960 ]; } &&
        ok "#14 $(wc -c <steps.delta)-byte delta naming 100,000 steps: refused at once (${kb:-unmeasured} KB peak)" ||
        no "#14 delta naming 100,000 steps: refused at once (exit $rc, ${kb:-?} KB)"
else
    echo "# #14: skipped (python3 missing)"
fi

# ---- #5: a forged checksum in the trailer ------------------------------------------
mkdir alt && sed 's/Chinese/Russische/' "$DOC" >alt/a.txt && cp "$DOC" alt/b.txt
"$VB" pack -q -o alt.vbk alt
gs=$(wc -c <good.vbk); as=$(wc -c <alt.vbk)
dd if=good.vbk bs=1 skip=$((gs - 48)) count=32 2>/dev/null |
    dd of=alt.vbk bs=1 seek=$((as - 48)) conv=notrunc 2>/dev/null
gsum=$("$VB" info --json good.vbk | sed 's/.*"checksum":"\([0-9a-f]*\)".*/\1/')
run "$VB" info alt.vbk
grep -q "sha-256: *$gsum (stored, not yet checked" "$T/out" &&
    ok "#5 info shows a pasted checksum as stored, not yet checked" ||
    no "#5 info shows a pasted checksum as stored, not yet checked: $(grep sha-256 "$T/out")"
run "$VB" info --json alt.vbk
grep -q '"checksum_checked":false' "$T/out" && ok "#5 info --json says checksum_checked false" ||
    no "#5 info --json says checksum_checked false"
run "$VB" verify --expect "$gsum" alt.vbk
[ "$rc" = 1 ] && said "checksum" && ok "#5 verify --expect computes it and refuses the forgery" ||
    no "#5 verify --expect computes it and refuses the forgery (exit $rc)"

# ---- #11, #12: a full disk --------------------------------------------------------
# A small tmpfs is the full disk (root only; elsewhere these cases are
# skipped with the reason). /dev/full cannot stand in: outputs are made
# as temporary files beside the output and renamed.
mkdir full
if mount -t tmpfs -o size=16k tmpfs full 2>/dev/null; then
    MNT=$T/full
    for size in 16k 64k 200k; do
        mount -o remount,size=$size full
        run "$VB" pack -q -o full/a.vbk "$OLDPWD/samples"
        [ "$rc" = 1 ] && said "no space left on device" && said "full" && [ -z "$(ls -A full)" ] &&
            ok "#11 pack onto a full disk ($size): 'no space left on device', where, nothing left" ||
            no "#11 pack onto a full disk ($size): 'no space left on device', where (exit $rc, left: $(ls -A full))"
    done
    "$VB" pack -q -o samples.vbk "$OLDPWD/samples"
    for full in "" --full; do
        run "$VB" update -q $full -o full/new.vbk samples.vbk new
        [ "$rc" = 1 ] && said "full/new.vbk: commit: no space left on device" && [ -z "$(ls -A full)" ] &&
            ok "#11 update${full:+ $full} onto a full disk: 'no space left on device', where, nothing left" ||
            no "#11 update $full onto a full disk (exit $rc, left: $(ls -A full))"
    done
    mount -o remount,size=40k full
    run "$VB" export samples.vbk full/exp
    n0=$(find full/exp -type f -size 0 | wc -l); nt=$(find full/exp -name '.vbexport*' | wc -l)
    [ "$rc" = 1 ] && said "no space left on device" && [ "$n0" = 0 ] && [ "$nt" = 0 ] &&
        ok "#12 export onto a full disk: no empty or partial file under a final name" ||
        no "#12 export onto a full disk: no empty or partial file under a final name (exit $rc, $n0 empty, $nt temporary)"
    mount -o remount,size=1m full
    run "$VB" export samples.vbk full/exp
    bad=0; for f in "$OLDPWD"/samples/*.txt; do cmp -s "$f" "full/exp/${f##*/}" || bad=$((bad + 1)); done
    [ "$rc" = 0 ] && [ "$bad" = 0 ] && grep -q "already there" "$T/out" &&
        ok "#12 export again once there is room: completes what was missing" ||
        no "#12 export again once there is room: completes what was missing (exit $rc, $bad differ)"
    umount full && MNT=
else
    echo "# #11/#12 full disk: skipped (mounting a small tmpfs needs root and mount rights here)"
fi

# ---- #15: the small ones -------------------------------------------------------------
run "$VB" search --limit 2000000 good.vbk woord
[ "$rc" = 2 ] && said "at most 1000000" && ok "#15 --limit 2000000: says the limit, not 'not a number'" ||
    no "#15 --limit 2000000: says the limit (exit $rc)"
run "$VB" pack -q -s -5 -o s15.vbk src
[ "$rc" = 2 ] && [ ! -e s15.vbk ] && ok "#15 -s -5: refused" || no "#15 -s -5: refused (exit $rc)"
run "$VB" search --count good.vbk "$(printf '\377\376')"
[ "$rc" = 2 ] && said "not valid UTF-8" && ok "#15 a query of invalid bytes: refused, not every document" ||
    no "#15 a query of invalid bytes: refused, not every document (exit $rc, $(cat "$T/out") hits)"
mkdir t15 && cp "$DOC" t15/one.txt && tar cf one.tar t15 && rm -rf t15 && mkdir t15 && cp "$DOC" t15/two.txt &&
    tar cf two.tar t15 && gzip -c one.tar >both.tar.gz && gzip -c two.tar >>both.tar.gz
run "$VB" pack -q -o both.vbk both.tar.gz
[ "$rc" = 1 ] && said "both.tar.gz: data after the end of the tar archive" &&
    ok "#15 a second tar.gz appended: named, not dropped" || no "#15 a second tar.gz appended: named, not dropped (exit $rc)"
cat one.tar two.tar >both.tar
run "$VB" pack -q -o both.vbk both.tar
[ "$rc" = 1 ] && said "both.tar: data after" && ok "#15 plain tars appended: the same" ||
    no "#15 plain tars appended: the same (exit $rc)"
run "$VB" pack -q -o one.vbk one.tar
[ "$rc" = 0 ] && ok "#15 one tar with its zero padding: packed" || no "#15 one tar with its zero padding: packed (exit $rc)"

finish
