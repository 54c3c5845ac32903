#!/bin/sh
# cli_sync.sh - distributing editions end to end, against a real HTTP
# server on 127.0.0.1 (tests/tool_httpd.c, started and stopped here):
# `vbpack publish` and `catalog` (stable bytes, one entry per split
# archive), `vbpack sync` from a URL and from a folder: a whole fetch into
# an empty DEST, only the delta when DEST holds the edition before (bytes
# counted at the server), a server stopped mid-file and started again (the
# run resumes; nothing is fetched twice), and a hostile or broken mirror
# (a flipped byte, a truncated, stale, huge or deep catalog, a delta from
# another base, names with "../" or "/", absurd sizes, too many bytes,
# redirects to file://): exit 1, a message naming the file, and every
# file in DEST byte for byte as before.
# Run from the project root with B=build folder (tests/run.sh does).
B=${B:-build}
VB="$PWD/$B/vbpack"
GEN="$PWD/$B/tests/tool_gen"
HTTPD="$PWD/$B/tests/tool_httpd"
T=$(mktemp -d /tmp/vbsync-XXXXXX)
PIDS=""
cleanup() { for p in $PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$T"; }
trap cleanup EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
no() { fail=$((fail + 1)); echo "not ok - $1"; }
# every run is bounded: a hang is a failure, not a stuck test
run() { timeout 120 "$@" >"$T/out" 2>"$T/err"; }
check() { desc=$1; shift; if run "$@"; then ok "$desc"; else no "$desc (exit $?)"; sed 's/^/#   /' "$T/err" | head -5; fi; }
fails() { code=$1; desc=$2; shift 2; run "$@"; rc=$?; if [ "$rc" = "$code" ]; then ok "$desc"; else no "$desc (exit $rc, want $code)"; sed 's/^/#   /' "$T/err" "$T/out" | head -5; fi; }
says() { if grep -q -- "$1" "$T/err"; then ok "message: $1"; else no "message: $1"; sed 's/^/#   /' "$T/err" | head -3; fi; }
same() { if cmp -s "$2" "$3"; then ok "$1"; else no "$1"; fi; }
# every file of a folder (hidden ones too) with its checksum
snap() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs -r sha256sum); }
unchanged() { snap "$2" >"$T/after"; if cmp -s "$T/before" "$T/after"; then ok "$1: DEST byte for byte unchanged"; else no "$1: DEST byte for byte unchanged"; diff "$T/before" "$T/after" | sed 's/^/#   /' | head -5; fi; }
size() { wc -c <"$1" | tr -d ' '; }
# body bytes the server sent for names matching $2 (log $1)
served() { awk -v pat="$2" '$2 ~ pat { s += $5 } END { print s + 0 }' "$1"; }
# start_server LOG DIR [options...]: sets PORT and SPID
start_server() {
    log=$1; shift
    : >"$T/port"
    "$HTTPD" --idle 300 "$@" "$log" >"$T/port" 2>"$T/httpd.err" &
    SPID=$!
    PIDS="$PIDS $SPID"
    i=0
    while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    PORT=$(cat "$T/port")
    [ -n "$PORT" ] || { echo "not ok - the test server did not start"; cat "$T/httpd.err"; exit 1; }
}
stop_server() { kill "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null; }
export SOURCE_DATE_EPOCH=1700000000

# ---- two weekly editions of a small generated corpus ------------------------------
"$GEN" 400 "$T/docs" 3 >/dev/null
"$VB" pack -q -o "$T/all.vbk" "$T/docs"
cp -r "$T/docs" "$T/rest"
mkdir -p "$T/newest"
"$VB" ls "$T/all.vbk" | tail -n 8 | while read -r id rest; do
    mkdir -p "$T/newest/$(dirname "$id")"
    mv "$T/rest/$id.txt" "$T/newest/$id.txt"
done
mkdir -p "$T/src"
"$VB" pack -q --title Kamervragen -o "$T/src/k-e1.vbk" "$T/rest"
SOURCE_DATE_EPOCH=1700600000 "$VB" update -q -o "$T/src/k-e2.vbk" "$T/src/k-e1.vbk" "$T/newest"
E1=$("$VB" info --json "$T/src/k-e1.vbk" | sed 's/.*"checksum":"\([0-9a-f]*\)".*/\1/')
E2=$("$VB" info --json "$T/src/k-e2.vbk" | sed 's/.*"checksum":"\([0-9a-f]*\)".*/\1/')

# ---- publish, catalog ------------------------------------------------------------------
P="$T/pub"
mkdir -p "$P"
check "publish edition 1 into an empty folder" "$VB" publish -o "$P" "$T/src/k-e1.vbk"
check "publish edition 2: copied in, with the delta from edition 1" "$VB" publish -o "$P" "$T/src/k-e2.vbk"
[ -f "$P/k-e1_to_k-e2.vbd" ] && ok "the delta is there" || no "the delta is there"
same "the published edition is the file given" "$P/k-e2.vbk" "$T/src/k-e2.vbk"
grep -q '"version": 1' "$P/catalog.json" && ok "the catalog says its version" || no "the catalog says its version"
grep -q "\"from\":\"$E1\",\"to\":\"$E2\"" "$P/catalog.json" && ok "the catalog names the delta's editions" || no "the catalog names the delta's editions"
grep -q "\"lineage\":\[{\"edition\":\"1\",\"checksum\":\"$E1\"}\]" "$P/catalog.json" && ok "the catalog gives edition 2's lineage" || no "the catalog gives edition 2's lineage"
sha=$(sha256sum "$P/k-e2.vbk" | cut -c1-64)
grep -q "\"name\":\"k-e2.vbk\",\"bytes\":$(size "$P/k-e2.vbk"),\"sha256\":\"$sha\"" "$P/catalog.json" && ok "a file's bytes and sha-256 are sha256sum's" || no "a file's bytes and sha-256 are sha256sum's"
cp "$P/catalog.json" "$T/cat1"
mkdir -p "$T/pubcopy"
cp "$P"/*.vbk "$P"/*.vbd "$T/pubcopy/"
check "catalog of a copy of the folder" "$VB" catalog "$T/pubcopy"
same "the same folder gives the same catalog bytes" "$T/cat1" "$T/pubcopy/catalog.json"
check "publish again (already published) keeps the catalog" "$VB" publish -q -o "$P" "$T/src/k-e2.vbk"
same "  byte for byte" "$T/cat1" "$P/catalog.json"
SOURCE_DATE_EPOCH=1690000000 "$VB" pack -q --title Kamervragen --edition 0 -o "$T/src/k-e0.vbk" "$T/newest"
fails 1 "publish refuses an edition older than the folder's newest" "$VB" publish -o "$P" "$T/src/k-e0.vbk"
says "is not newer"
mkdir -p "$T/other"
SOURCE_DATE_EPOCH=1800000000 "$VB" pack -q --title Kamervragen --edition 3 -o "$T/other/k-e2.vbk" "$T/docs"
fails 1 "publish refuses to replace a published file of the same name" "$VB" publish -o "$P" "$T/other/k-e2.vbk"
says "never changes"
same "  the catalog is untouched" "$T/cat1" "$P/catalog.json"
echo junk >"$T/pubcopy/junk.vbk"
fails 1 "catalog refuses a folder with a file that is not an archive" "$VB" catalog "$T/pubcopy"
says "junk.vbk"
rm -f "$T/pubcopy/junk.vbk"

# a split archive: one entry, its parts in order
S="$T/pubsplit"
mkdir -p "$S" "$T/split"
"$VB" pack -q -s 1M --title Gesplitst -o "$T/split/g.vbk" "$T/docs"
nparts=$(ls "$T/split" | wc -l)
[ "$nparts" -ge 2 ] && ok "a split archive to publish ($nparts parts)" || no "a split archive to publish ($nparts parts)"
check "publish a split archive" "$VB" publish -o "$S" "$T/split/g.vbk"
[ "$(grep -c '"title"' "$S/catalog.json")" = 1 ] && ok "a split archive is one catalog entry" || no "a split archive is one catalog entry"
grep -q '"files":\[{"name":"g.vbk".*{"name":"g.2.vbk"' "$S/catalog.json" && ok "with its parts in order" || no "with its parts in order"

# ---- sync over HTTP ----------------------------------------------------------------------
start_server "$T/log1" "$P"
URL="http://127.0.0.1:$PORT"
D="$T/dest"
check "sync into an empty DEST: the whole edition" "$VB" sync "$URL" "$D"
same "  the file is the published edition" "$D/k-e2.vbk" "$P/k-e2.vbk"
[ "$(served "$T/log1" '\.vbk$')" = "$(size "$P/k-e2.vbk")" ] && ok "  the whole file travelled once" || no "  the whole file travelled once ($(served "$T/log1" '\.vbk$'))"
ls -A "$D" | grep -q -v '^k-e2.vbk$' && no "  nothing else is left in DEST" || ok "  nothing else is left in DEST"
[ ! -s "$T/err" ] && ok "  no progress bar when stderr is not a terminal" || no "  no progress bar when stderr is not a terminal"
if command -v script >/dev/null 2>&1; then
    rm -rf "$T/tty"
    timeout 60 script -qec "$VB sync $URL $T/tty" /dev/null >"$T/tty.out" 2>&1
    grep -q "k-e2.vbk .*100%" "$T/tty.out" && ok "  a progress bar on a terminal" || no "  a progress bar on a terminal"
fi
: >"$T/log1"
fails 3 "sync again: already the newest (exit 3)" "$VB" sync "$URL" "$D"
[ "$(served "$T/log1" '\.vb[kd]$')" = 0 ] && ok "  and nothing but the catalog travels" || no "  and nothing but the catalog travels"

D1="$T/dest1"
mkdir -p "$D1"
cp "$T/src/k-e1.vbk" "$D1/"
echo stale >"$D1/k-e1.vbk.part"
echo other >"$D1/other.vbk.part"
: >"$T/log1"
check "sync a DEST holding edition 1" "$VB" sync "$URL" "$D1"
[ ! -e "$D1/k-e1.vbk.part" ] && [ -f "$D1/other.vbk.part" ] && ok "  the title's stale .part goes, another's stays" || no "  the title's stale .part goes, another's stays"
same "  gives edition 2, byte for byte" "$D1/k-e2.vbk" "$P/k-e2.vbk"
full=$(size "$P/k-e2.vbk")
got=$(served "$T/log1" '\.vb[kd]$')
[ "$got" = "$(size "$P/k-e1_to_k-e2.vbd")" ] && ok "  only the delta travels ($got bytes)" || no "  only the delta travels ($got bytes)"
[ $((got * 100)) -le $((full * 5)) ] && ok "  at most 5% of the whole file ($got of $full bytes)" || no "  at most 5% of the whole file ($got of $full bytes)"
[ -f "$D1/k-e1.vbk" ] && ok "  --keep 1 (default) keeps edition 1" || no "  --keep 1 (default) keeps edition 1"
D0="$T/dest0"
mkdir -p "$D0"
cp "$T/src/k-e1.vbk" "$D0/"
check "sync --keep 0" "$VB" sync --keep 0 --limit-rate 50M -q "$URL" "$D0"
[ ! -f "$D0/k-e1.vbk" ] && [ -f "$D0/k-e2.vbk" ] && ok "  removes edition 1 once edition 2 is in" || no "  removes edition 1 once edition 2 is in"
[ ! -s "$T/out" ] && ok "  -q prints nothing" || no "  -q prints nothing"

# ---- a server stopped in the middle of a file, then started again -----------------------
stop_server
cut=$((full / 2))
start_server "$T/log2" --cut "$cut" "$P"
R="$T/resume"
URL="http://127.0.0.1:$PORT"
run "$VB" sync "$URL" "$R"; rc=$?
[ "$rc" = 1 ] && ok "the server stops mid-file: sync fails (exit 1)" || no "the server stops mid-file: sync fails (exit $rc)"
says "run sync again"
part=$(size "$R/k-e2.vbk.part" 2>/dev/null || echo 0)
[ "$part" -gt 0 ] && [ "$part" -lt "$full" ] && ok "  the bytes that came are kept ($part)" || no "  the bytes that came are kept ($part)"
[ ! -f "$R/k-e2.vbk" ] && ok "  no edition under its name" || no "  no edition under its name"
stop_server # gone already when the cut was reached
start_server "$T/log3" --port "$PORT" "$P"
check "the server started again: sync resumes" "$VB" sync "$URL" "$R"
same "  with the right bytes" "$R/k-e2.vbk" "$P/k-e2.vbk"
grep -q "^GET /k-e2.vbk 206 $part " "$T/log3" && ok "  asking for the rest only (Range from byte $part)" || no "  asking for the rest only (Range from byte $part)"
second=$(served "$T/log3" '\.vbk$')
[ $((part + second)) = "$full" ] && ok "  nothing fetched twice ($part + $second = $full bytes)" || no "  nothing fetched twice ($part + $second of $full bytes)"
[ ! -e "$R/k-e2.vbk.part" ] && ok "  the partial file is gone" || no "  the partial file is gone"

# a server that cannot resume (Range ignored): the file from the start
stop_server
start_server "$T/log2b" --cut "$cut" "$P"
URL="http://127.0.0.1:$PORT"
NR="$T/norange"
fails 1 "cut again mid-file" "$VB" sync "$URL" "$NR"
stop_server # gone already when the cut was reached
start_server "$T/log3b" --port "$PORT" --no-range "$P"
check "a server that ignores Range: sync fetches the file again" "$VB" sync "$URL" "$NR"
same "  with the right bytes" "$NR/k-e2.vbk" "$P/k-e2.vbk"

# ---- a broken or hostile mirror: exit 1, DEST unchanged -------------------------------------
stop_server
M="$T/mirror"
mkdir -p "$M"
cp "$P"/* "$M/"
start_server "$T/log4" "$M"
URL="http://127.0.0.1:$PORT"
H="$T/held"
mkdir -p "$H"
cp "$T/src/k-e1.vbk" "$H/"
echo "a note" >"$H/README"
hostile() { # desc, expected message; the mirror is set up by the caller
    snap "$H" >"$T/before"
    fails 1 "$1" "$VB" sync "$URL" "$H"
    says "$2"
    unchanged "$1" "$H"
}
flip() { b=$(dd if="$1" bs=1 skip="$2" count=1 2>/dev/null | od -An -tu1 | tr -d ' '); printf "$(printf '\\%03o' $(( (b + 1) % 256 )))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null; }
flip "$M/k-e1_to_k-e2.vbd" 100
hostile "a delta with one flipped byte" "k-e1_to_k-e2.vbd.*not the"
cp "$P/k-e1_to_k-e2.vbd" "$M/"
flip "$M/k-e2.vbk" $((full / 3))
E="$T/empty"
mkdir -p "$E"
snap "$E" >"$T/before"
fails 1 "a whole file with one flipped byte" "$VB" sync "$URL" "$E"
says "k-e2.vbk.*not the"
unchanged "a whole file with one flipped byte" "$E"
cp "$P/k-e2.vbk" "$M/"
head -c 700 "$P/catalog.json" >"$M/catalog.json"
hostile "a truncated catalog" "not a complete catalog"
: >"$M/catalog.json"
hostile "an empty catalog" "not a complete catalog"
mkdir -p "$T/old"
cp "$T/src/k-e1.vbk" "$T/old/"
"$VB" catalog -q "$T/old"
cp "$T/old/catalog.json" "$M/catalog.json"
cp "$T/src/k-e2.vbk" "$H/"
hostile "a catalog whose newest edition is older than DEST's" "stale"
rm -f "$H/k-e2.vbk"
# a delta from another edition, under the name and sums of the right one
"$VB" diff -q -o "$T/wrong.vbd" "$T/src/k-e0.vbk" "$T/src/k-e2.vbk"
cp "$T/wrong.vbd" "$M/k-e1_to_k-e2.vbd"
wsha=$(sha256sum "$T/wrong.vbd" | cut -c1-64)
dsha=$(sha256sum "$P/k-e1_to_k-e2.vbd" | cut -c1-64)
sed "s/\"bytes\":$(size "$P/k-e1_to_k-e2.vbd"),\"sha256\":\"$dsha\"/\"bytes\":$(size "$T/wrong.vbd"),\"sha256\":\"$wsha\"/" "$P/catalog.json" >"$M/catalog.json"
hostile "a delta whose base is not DEST's edition" "not from $E1 to $E2 as the catalog says"
cp "$P/k-e1_to_k-e2.vbd" "$M/"
# names that leave the folder
for bad in '../evil.vbk' '/tmp/evil.vbk' 'sub/evil.vbk' '.hidden.vbk' 'k-e2.txt'; do
    esc=$(printf '%s' "$bad" | sed 's/[\/&]/\\&/g')
    sed "s/\"name\":\"k-e2.vbk\"/\"name\":\"$esc\"/" "$P/catalog.json" >"$M/catalog.json"
    hostile "a catalog naming the file '$bad'" "not a plain file name"
done
sed "s/\"name\":\"k-e1_to_k-e2.vbd\"/\"name\":\"..\/..\/x.vbd\"/" "$P/catalog.json" >"$M/catalog.json"
hostile "a catalog naming the delta '../../x.vbd'" "not a plain file name"
[ ! -e "$T/evil.vbk" ] && [ ! -e /tmp/evil.vbk ] && [ ! -e "$T/x.vbd" ] && ok "nothing was written outside DEST" || no "nothing was written outside DEST"
# absurd sizes
huge=4503599627370496
sed "s/\"bytes\":$full/\"bytes\":$huge/g" "$P/catalog.json" >"$M/catalog.json"
rm -f "$H/k-e1.vbk"
hostile "a catalog with an absurd size (2^52 bytes)" "bytes free"
cp "$T/src/k-e1.vbk" "$H/"
sed "s/\"bytes\":$full/\"bytes\":99999999999999999999/g" "$P/catalog.json" >"$M/catalog.json"
hostile "a catalog with a size past 2^53" "bytes: not an integer"
small=$((full / 2))
sed "s/\"bytes\":$full/\"bytes\":$small/g" "$P/catalog.json" >"$M/catalog.json"
rm -f "$H/k-e1.vbk"
hostile "a mirror that sends more bytes than the catalog names" "more than the $small bytes"
cp "$T/src/k-e1.vbk" "$H/"
# a huge catalog, a deep one, one made for a later version
head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >"$M/catalog.json"
hostile "a catalog of 17 MB" "larger than"
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "["; }' >"$M/catalog.json"
hostile "a catalog nested 5000 deep" "nested too deeply"
sed 's/"title":"Kamervragen","edition":"2"/"title":"Kamervragen","edition":"2\\u001b]0;owned\\u0007"/' "$P/catalog.json" >"$M/catalog.json"
hostile "a catalog with an escape sequence in an edition" "edition: a control character"
sed 's/"version": 1/"version": 2/' "$P/catalog.json" >"$M/catalog.json"
hostile "a catalog of a later format version" "newer catalog format"
sed 's/"catalog": "vraagbaak",/"catalog": "vraagbaak", "catalog": "x",/' "$P/catalog.json" >"$M/catalog.json"
hostile "a catalog with a key given twice" "a key given twice"
# a catalog passing one edition off as another: right bytes, wrong name
sed "s/\"edition\":\"2\"/\"edition\":\"9\"/" "$P/catalog.json" >"$M/catalog.json"
rm -f "$H/k-e1.vbk"
hostile "a catalog that calls edition 2 edition 9" "not the edition 9"
cp "$T/src/k-e1.vbk" "$H/"
cp "$P/catalog.json" "$M/"

# many deltas: a chain of 4000 is found at once (and its first file is
# not there); 5000 are refused
manydeltas() { # count: a catalog whose deltas lead from E1 to E2 in count steps
    head -n -3 "$P/catalog.json" >"$M/catalog.json"
    awk -v n="$1" -v a="$E1" -v b="$E2" 'BEGIN {
        for (i = 0; i < n; i++) {
            f = i ? sprintf("%064d", i) : a; t = i + 1 < n ? sprintf("%064d", i + 1) : b
            printf "    {\"name\":\"d%d.vbd\",\"bytes\":1,\"sha256\":\"%064d\",\"from\":\"%s\",\"to\":\"%s\"}%s\n", i, 0, f, t, i + 1 < n ? "," : ""
        }
        print "  ]"; print "}" }' >>"$M/catalog.json"
}
manydeltas 4000
hostile "a catalog with a chain of 4000 deltas" "d0.vbd.*404"
manydeltas 5000
hostile "a catalog with 5000 deltas" "more than 4096"
cp "$P/catalog.json" "$M/"

# a catalog naming as the new edition a file DEST holds of another title
sed "s/\"name\":\"k-e2.vbk\"/\"name\":\"mine.vbk\"/" "$P/catalog.json" >"$M/catalog.json"
cp "$P/k-e2.vbk" "$M/mine.vbk"
cp "$T/split/g.vbk" "$H/mine.vbk"
hostile "a new edition named as another title's archive in DEST" "not an edition of 'Kamervragen'"
rm -f "$H/mine.vbk"
cp "$P/catalog.json" "$M/"
rm -f "$M/k-e1_to_k-e2.vbd"
hostile "a mirror without the delta its catalog names" "k-e1_to_k-e2.vbd.*404"
cp "$P/k-e1_to_k-e2.vbd" "$M/"
stop_server

# a split archive: a part with a flipped byte drops the parts fetched
# before it; a server stopped in part 2 resumes there
MS="$T/mirrorsplit"
mkdir -p "$MS"
cp "$S"/* "$MS/"
flip "$MS/g.2.vbk" 1000
start_server "$T/log8" "$MS"
URL="http://127.0.0.1:$PORT"
hostile "a split archive with a flipped byte in part 2" "g.2.vbk.*not the"
stop_server
p1=$(size "$S/g.vbk"); p2=$(size "$S/g.2.vbk")
start_server "$T/log9" --cut $((p1 + p2 / 2 + $(size "$S/catalog.json"))) "$S"
URL="http://127.0.0.1:$PORT"
GS="$T/gsplit-http"
fails 1 "a split archive, the server stopped in part 2" "$VB" sync "$URL" "$GS"
stop_server # gone already when the cut was reached
start_server "$T/log10" --port "$PORT" "$S"
check "  started again: sync resumes" "$VB" sync "$URL" "$GS"
ok=1; for f in "$T/split"/*.vbk; do cmp -s "$f" "$GS/$(basename "$f")" || ok=0; done
[ $ok = 1 ] && ok "  every part byte for byte" || no "  every part byte for byte"
[ "$(served "$T/log10" '^/g\.vbk$')" = 0 ] && ok "  part 1 is not fetched again" || no "  part 1 is not fetched again ($(served "$T/log10" '^/g\.vbk$') bytes)"
[ $(( $(served "$T/log9" '\.vbk$') + $(served "$T/log10" '\.vbk$') )) = "$(cat "$T/split"/*.vbk | wc -c)" ] && ok "  nothing fetched twice" || no "  nothing fetched twice"
stop_server

# two editions behind: the chain of two deltas
P3="$T/pub3"
mkdir -p "$P3"
cp "$P"/* "$P3/"
"$GEN" 4 "$T/more" 9 >/dev/null
SOURCE_DATE_EPOCH=1701200000 "$VB" update -q -o "$T/src/k-e3.vbk" "$T/src/k-e2.vbk" "$T/more"
check "publish edition 3" "$VB" publish -o "$P3" "$T/src/k-e3.vbk"
start_server "$T/log11" "$P3"
URL="http://127.0.0.1:$PORT"
C3="$T/chain"
mkdir -p "$C3"
cp "$T/src/k-e1.vbk" "$C3/"
check "a DEST two editions behind" "$VB" sync "$URL" "$C3"
same "  gets edition 3" "$C3/k-e3.vbk" "$T/src/k-e3.vbk"
grep -q "by 2 delta" "$T/out" && ok "  by the chain of two deltas" || no "  by the chain of two deltas"
[ "$(served "$T/log11" '\.vbk$')" = 0 ] && [ "$(served "$T/log11" '\.vbd$')" -gt 0 ] && ok "  no archive travels, only deltas" || no "  no archive travels, only deltas"
stop_server

# redirects: to another http server is followed, to file:// is not
start_server "$T/log5" "$P"
A=$PORT
start_server "$T/log6" --redirect "http://127.0.0.1:$A" "$P"
RD="$T/redir"
check "a redirect to another http server is followed" "$VB" sync "http://127.0.0.1:$PORT" "$RD"
same "  with the right bytes" "$RD/k-e2.vbk" "$P/k-e2.vbk"
stop_server
start_server "$T/log7" --redirect "file://$P" "$P"
URL="http://127.0.0.1:$PORT"
hostile "a redirect to file://" "catalog.json"
stop_server
URL="http://127.0.0.1:$PORT"
hostile "no server at all" "127.0.0.1"

# ---- sync from a folder (a USB stick) ------------------------------------------------------
F="$T/fromdir"
mkdir -p "$F"
cp "$T/src/k-e1.vbk" "$F/"
check "sync from a folder, by the delta" "$VB" sync "$P" "$F"
same "  gives edition 2" "$F/k-e2.vbk" "$P/k-e2.vbk"
G="$T/gsplit"
check "sync a split archive from a folder: every part" "$VB" sync "$S" "$G"
ok=1; for f in "$T/split"/*.vbk; do cmp -s "$f" "$G/$(basename "$f")" || ok=0; done
[ $ok = 1 ] && ok "  each part byte for byte" || no "  each part byte for byte"
check "  and vbpack verify takes it" "$VB" verify "$G/g.vbk"
fails 1 "a folder without a catalog" "$VB" sync "$T/src" "$T/nocat"
says "catalog.json"

# ---- usage ------------------------------------------------------------------------------------
fails 2 "sync with one argument" "$VB" sync "$P"
fails 2 "an ftp:// SOURCE" "$VB" sync "ftp://127.0.0.1/x" "$T/u"
fails 2 "--keep takes a number" "$VB" sync --keep x "$P" "$T/u"
fails 2 "--limit-rate takes a rate" "$VB" sync --limit-rate fast "$P" "$T/u"
fails 2 "SOURCE and DEST the same folder" "$VB" sync "$P" "$P"
mkdir -p "$T/two"
cp "$P"/*.vbk "$S"/*.vbk "$T/two/"
"$VB" catalog -q "$T/two"
fails 1 "a catalog of two titles needs --title" "$VB" sync "$T/two" "$T/u"
says "--title"
check "--title picks one" "$VB" sync --title Gesplitst "$T/two" "$T/u"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
