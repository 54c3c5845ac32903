#!/bin/sh
# cli_follow.sh - `vraagbaak --library DIR` follows a folder of editions:
# a new edition copied in slowly, in pieces, while the reader runs is taken
# only once it is complete and its checksum verified, the open case and
# the bookmarks stay, the search is run again on it, the old file is
# unmapped; a half-copied file and one with a flipped byte are never
# taken (the broken one is said on stderr, and taken once repaired); a
# split edition is taken only with all its parts; a kiosk switches at its
# idle reset, not under someone's fingers.
# The reader runs under SDL's dummy driver, its script fed through a FIFO
# while the test copies files; every wait has a deadline (nothing here
# assumes a sleep is long enough), and the reader runs under timeout.
# Run from the project root with B=build folder (tests/run.sh does).
B=${B:-build}
VR="$PWD/$B/vraagbaak"
VB="$PWD/$B/vbpack"
if [ ! -x "$VB" ]; then echo "SKIP: vbpack missing"; exit 0; fi
if [ ! -x "$VR" ]; then echo "SKIP: vraagbaak missing"; exit 0; fi
if [ "$(uname -s)" != Linux ]; then echo "SKIP: --library needs inotify"; exit 0; fi
T=$(mktemp -d /tmp/vbfollow-XXXXXX)
PID=
cleanup() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy}
export XDG_DATA_HOME="$T/xdg"
export SOURCE_DATE_EPOCH=1700000000
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
no() { fail=$((fail + 1)); echo "not ok - $1"; }
has() { printf '%s' "$1" | grep -qF -- "$2"; }
# the part of a state line a failure shows: its editions, else its start
shown() { printf '%s' "$1" | grep -o '"editions":\[[^]]*\]' | head -n 1 | grep . ||
              printf '%s' "$1" | cut -c1-300; }
expect() { # WHAT STATE TEXT: the state line holds TEXT
    if has "$2" "$3"; then ok "$1"; else no "$1 (no $3 in: $(shown "$2"))"; fi
}
lacks() { # WHAT STATE TEXT
    if has "$2" "$3"; then no "$1 ($3 in: $(shown "$2"))"; else ok "$1"; fi
}
num() { printf '%s' "$1" | sed -n "s/.*\"$2\":\([0-9]*\).*/\1/p"; }

# ---- editions: the samples in three steps, appended (lineage) ------------
mkdir -p "$T/a" "$T/b1" "$T/b2" "$T/stage"
i=0
for f in samples/*.txt; do
    i=$((i + 1))
    if [ $i -le 20 ]; then cp "$f" "$T/a/"; elif [ $i -le 26 ]; then cp "$f" "$T/b1/"; else cp "$f" "$T/b2/"; fi
done
"$VB" pack -q --title Kamervragen -o "$T/e1.vbk" "$T/a" &&
    "$VB" update -q -o "$T/e2.vbk" "$T/e1.vbk" "$T/b1" &&
    "$VB" update -q -o "$T/e3.vbk" "$T/e2.vbk" "$T/b2" &&
    "$VB" update -q -s 110000 -o "$T/stage/kv-2.vbk" "$T/e1.vbk" "$T/b1" ||
    { no "make the editions"; exit 1; }
# how many parts the split gives depends on the format's page counts: the
# test takes whatever it gave, at least three (so one part lies between)
np=$(ls "$T/stage" | grep -c '^kv-2\(\.[0-9]*\)\{0,1\}\.vbk$')
[ "$np" -ge 3 ] && ok "a split edition 2 in $np parts" || no "a split edition 2 in $np parts, not 3 or more"

# ---- driving a reader that runs while files are copied -----------------
# start NAME ARGS...: the reader on the script FIFO $T/NAME.in, its output
# in $T/NAME.out and .err; commands go to fd 3 (opened read-write, so
# neither side blocks on the other and a dead reader cannot hang us)
start() {
    name=$1; shift
    OUT="$T/$name.out"; ERR="$T/$name.err"
    rm -f "$T/$name.in"; mkfifo "$T/$name.in"
    exec 3<>"$T/$name.in"
    : >"$OUT"; : >"$ERR"       # there before the first look at them
    timeout 300 "$VR" --script "$T/$name.in" "$@" >>"$OUT" 2>>"$ERR" &
    PID=$!
}
# say CMD...: send commands; then the number of output lines matching RE
# grows: wait for it (60 s at most) and print the newest such line
lines() { grep -c "$1" "$OUT"; }
# what the reader is doing when it does not answer: its threads as the
# kernel sees them (state, where each sleeps, CPU ticks) and its last words,
# on stderr, so a rare stall names its cause in the log
stalled() {
    rp=$(ps -o pid= --ppid "$PID" | tr -d ' ')
    echo "# no answer in 60 s; reader $rp, sent: $(tail -c 60 "$T/$name.sent" 2>/dev/null | tr '\n' ';')" >&2
    for t in /proc/"$rp"/task/*; do
        [ -r "$t/stat" ] || continue
        echo "#   thread $(basename "$t"): $(sed 's/^.*) //' "$t/stat" | cut -d' ' -f1,12,13) $(cat "$t/wchan" 2>/dev/null)" >&2
    done
    tail -n 5 "$ERR" | sed 's/^/#   stderr: /' >&2
}
await() { # RE COUNT
    end=$(($(date +%s) + 60))
    while [ "$(lines "$1")" -le "$2" ]; do
        if [ "$(date +%s)" -ge "$end" ]; then stalled; echo "TIMEOUT"; return; fi
        if ! kill -0 "$PID" 2>/dev/null; then echo "DEAD"; return; fi
        sleep 0.1
    done
    grep "$1" "$OUT" | tail -1
}
ask() { # CMD...: run them, then print the state
    n=$(lines '^{')
    for c in "$@" state; do printf '%s\n' "$c" >&3; printf '%s\n' "$c" >>"$T/$name.sent"; done
    await '^{' "$n"
}
stats() {
    n=$(lines '^rss_kb')
    printf 'stats\n' >&3
    await '^rss_kb' "$n"
}
# until_state TEXT: the state again and again until it holds TEXT (90 s)
until_state() {
    end=$(($(date +%s) + 90))
    while :; do
        s=$(ask "sleep 300" wait)
        if has "$s" "$1" || [ "$s" = DEAD ] || [ "$(date +%s)" -ge "$end" ]; then
            printf '%s' "$s"
            return
        fi
    done
}
finish() { # quit and wait for the reader; its exit code
    printf 'quit\n' >&3
    exec 3>&-
    wait "$PID"
    rc=$?
    PID=
    return $rc
}
# the reader is timeout's child
mapped() { grep -q "$1" "/proc/$(ps -o pid= --ppid "$PID" | tr -d ' ')/maps"; }
# copy SRC DST CHUNKS: dd in CHUNKS pieces, each its own open and close
pieces() {
    size=$(wc -c <"$1")
    bs=$(((size + $3 - 1) / $3))
    dd if="$1" of="$2" bs="$bs" count=1 skip="$4" seek="$4" conv=notrunc 2>/dev/null
}

# ---- 1. edition 1, then edition 2 copied in slowly -------------------------
mkdir -p "$T/lib"
cp "$T/e1.vbk" "$T/lib/kv-1.vbk"
start run1 --library "$T/lib"
s=$(ask wait "type minister" wait)
n1=$(num "$s" cases)
[ -n "$n1" ] && [ "$n1" -gt 0 ] && ok "a search on edition 1 ($n1 cases)" || no "a search on edition 1 ($s)"
s=$(ask "key ctrl+j" "type 2022Z01227" "key Return" wait "key ctrl+d" wait)
expect "the case is open" "$s" '"zaak":"2022Z01227"'
expect "and bookmarked" "$s" '"bookmarked":true'
expect "edition 1 is open" "$s" '"editions":[{"file":"kv-1.vbk","title":"Kamervragen","edition":"1"'
mapped kv-1.vbk && ok "edition 1 is mapped" || no "edition 1 is mapped"

early=0
for k in 0 1 2 3 4 5; do     # six pieces, the last one below
    pieces "$T/e2.vbk" "$T/lib/kv-2.vbk" 7 $k
    s=$(ask "sleep 700" wait)
    has "$s" '"file":"kv-2.vbk"' && early=1
done
# more than the 3 s a switch waits for quiet have passed: had the reader
# taken the partial file, it would show by now
[ $early = 0 ] && ok "not taken while it is being copied" || no "not taken while it is being copied"
pieces "$T/e2.vbk" "$T/lib/kv-2.vbk" 7 6
cmp -s "$T/e2.vbk" "$T/lib/kv-2.vbk" && ok "the copy is whole" || no "the copy is whole"
s=$(until_state '"file":"kv-2.vbk"')
expect "edition 2 is taken once complete and verified" "$s" '"editions":[{"file":"kv-2.vbk","title":"Kamervragen","edition":"2","parts":1,"checked":"matches"}]'
expect "the open case is kept" "$s" '"screen":"case","query":"minister","case":{"zaak":"2022Z01227"'
expect "its bookmark stays" "$s" '"bookmarked":true'
grep -q 'kv-2.vbk: edition 2 of "Kamervragen" taken' "$ERR" && ok "the switch is said on stderr" ||
    no "the switch is said on stderr"
mapped kv-1.vbk && no "edition 1 is no longer mapped" || ok "edition 1 is no longer mapped"
mapped kv-2.vbk && ok "edition 2 is mapped" || no "edition 2 is mapped"

# a file that never completes: half of edition 3
head -c $(($(wc -c <"$T/e3.vbk") / 2)) "$T/e3.vbk" >"$T/lib/kv-half.vbk"
s=$(ask "sleep 3500" wait)
expect "a half-copied file is never taken" "$s" '"editions":[{"file":"kv-2.vbk"'
st=$(stats)
expect "nor waiting for a check" "$st" 'follow_waiting=0'
grep -q kv-half "$ERR" && no "nothing said of a half-copied file" || ok "nothing said of a half-copied file"

# edition 3, complete but with one byte flipped in its content
cp "$T/e3.vbk" "$T/bad.vbk"
off=$(($(wc -c <"$T/e3.vbk") / 2))
orig=$(od -An -tu1 -j $off -N1 "$T/e3.vbk" | tr -d ' ')
printf "\\$(printf '%03o' $(((orig + 1) % 256)))" | dd of="$T/bad.vbk" bs=1 seek=$off conv=notrunc 2>/dev/null
cmp -s "$T/e3.vbk" "$T/bad.vbk" && no "a byte flipped" || ok "a byte flipped"
cp "$T/bad.vbk" "$T/lib/kv-3.vbk"
end=$(($(date +%s) + 60))
while st=$(stats); ! has "$st" follow_broken=1 && [ "$(date +%s)" -lt "$end" ] && [ "$st" != DEAD ]; do
    printf 'sleep 200\nwait\n' >&3
done
expect "the flipped byte is found" "$st" 'follow_broken=1'
grep -q 'kv-3.vbk: not taken: .*checksum mismatch' "$ERR" && ok "and said on stderr" ||
    { no "and said on stderr"; sed 's/^/#   /' "$ERR" | head -5; }
s=$(ask "sleep 3500" wait)
expect "a broken file is never taken" "$s" '"editions":[{"file":"kv-2.vbk"'
grep -q 'kv-3.vbk: edition 3' "$ERR" && no "not even for a moment" || ok "not even for a moment"
expect "one switch so far" "$(stats)" 'follow_switches=1 '
# repaired in place (the byte written back): it changed, it is checked again
printf "\\$(printf '%03o' "$orig")" | dd of="$T/lib/kv-3.vbk" bs=1 seek=$off conv=notrunc 2>/dev/null
s=$(until_state '"file":"kv-3.vbk"')
expect "repaired, edition 3 is taken" "$s" '"editions":[{"file":"kv-3.vbk","title":"Kamervragen","edition":"3"'
expect "the case is still open" "$s" '"case":{"zaak":"2022Z01227"'
expect "still bookmarked" "$s" '"bookmarked":true'
# back to the search: run again on edition 3
s=$(ask "key alt+Left" wait)
n3=$(num "$s" cases)
echo "# minister: $n1 cases in edition 1, $n3 after the switch"
finish && ok "the reader ends well" || no "the reader ends well (exit $?)"
grep -q 'Sanitizer\|runtime error' "$ERR" && no "no sanitizer reports" || ok "no sanitizer reports"
# the same search by a reader that opened edition 3 itself
start fresh "$T/e3.vbk"
f3=$(num "$(ask wait "type minister" wait)" cases)
finish
[ -n "$n3" ] && [ "$n3" = "$f3" ] && [ "$n3" -gt "$n1" ] &&
    ok "the search ran again on the new edition ($n3 cases, as a fresh reader finds)" ||
    no "the search ran again on the new edition ($n1 -> $n3, fresh $f3)"

# ---- 2. a split edition: taken only with all its parts -------------------
mkdir -p "$T/lib2"
cp "$T/e1.vbk" "$T/lib2/kv-1.vbk"
start run2 --library "$T/lib2"
s=$(ask wait)
expect "split: edition 1 open" "$s" '"editions":[{"file":"kv-1.vbk"'
cp "$T/stage/kv-2.vbk" "$T/lib2/"
k=2
while [ $k -lt "$np" ]; do cp "$T/stage/kv-2.$k.vbk" "$T/lib2/"; k=$((k + 1)); done
s=$(ask "sleep 3500" wait)
expect "parts 1 to $((np - 1)) of $np are not taken" "$s" '"editions":[{"file":"kv-1.vbk"'
for k in 0 1 2; do
    pieces "$T/stage/kv-2.$np.vbk" "$T/lib2/kv-2.$np.vbk" 3 $k
    [ $k = 2 ] || s=$(ask "sleep 500" wait)
done
has "$s" '"file":"kv-2.vbk"' && no "nor while part $np is copied" || ok "nor while part $np is copied"
s=$(until_state '"file":"kv-2.vbk"')
expect "with part $np whole, the split edition is taken" "$s" '"editions":[{"file":"kv-2.vbk","title":"Kamervragen","edition":"2","parts":'$np',"checked":"matches"}]'
finish && ok "split: the reader ends well" || no "split: the reader ends well"

# ---- 3. a kiosk switches at its idle reset ---------------------------------
mkdir -p "$T/lib3"
cp "$T/e1.vbk" "$T/lib3/kv-1.vbk"
start run3 --kiosk --idle 5s --library "$T/lib3"
s=$(ask wait "type minister" wait)
cp "$T/e2.vbk" "$T/lib3/kv-2.vbk"
early=0
for k in 1 2 3 4 5 6 7 8; do   # someone keeps using it for 6 s and more
    s=$(ask "key Down" "sleep 800" wait)
    has "$s" '"file":"kv-2.vbk"' && early=1
done
[ $early = 0 ] && ok "kiosk: no switch while someone uses it" || no "kiosk: no switch while someone uses it"
s=$(until_state '"file":"kv-2.vbk"')
expect "kiosk: switched at the idle reset" "$s" '"screen":"home","query":""'
expect "kiosk: to edition 2" "$s" '"editions":[{"file":"kv-2.vbk"'
finish && ok "kiosk: the reader ends well" || no "kiosk: the reader ends well"

# ---- 4. at start the newest is broken: a checked older edition replaces it --
mkdir -p "$T/lib4"
cp "$T/e1.vbk" "$T/lib4/kv-1.vbk"
cp "$T/bad.vbk" "$T/lib4/kv-3.vbk"
start run4 --library "$T/lib4"
s=$(ask wait)
expect "start: the newest complete edition is opened" "$s" '"editions":[{"file":"kv-3.vbk"'
s=$(until_state '"file":"kv-1.vbk"')
expect "start: its check fails, and the older one checked replaces it" "$s" '"editions":[{"file":"kv-1.vbk","title":"Kamervragen","edition":"1","parts":1,"checked":"matches"}]'
lacks "start: no damage banner left from the file closed" "$s" '"banner"'
grep -q 'kv-3.vbk: not taken: its content does not match' "$ERR" && ok "start: the broken one is said" ||
    no "start: the broken one is said"
finish && ok "start: the reader ends well" || no "start: the reader ends well"

# ---- 5. an empty folder: the first edition copied in is opened -------------
mkdir -p "$T/lib5"
start run5 --library "$T/lib5"
s=$(ask wait)
expect "empty: the screen without an archive" "$s" '"screen":"error"'
expect "empty: nothing open" "$s" '"editions":[]'
cp "$T/e2.vbk" "$T/lib5/.kv-2.vbk.part"            # written beside, renamed in
mv "$T/lib5/.kv-2.vbk.part" "$T/lib5/kv-2.vbk"
s=$(until_state '"file":"kv-2.vbk"')
expect "empty: the edition moved in is opened" "$s" '"screen":"home"'
expect "empty: checked" "$s" '"editions":[{"file":"kv-2.vbk","title":"Kamervragen","edition":"2","parts":1,"checked":"matches"}]'
finish && ok "empty: the reader ends well" || no "empty: the reader ends well"

# ---- 6. two collections under one title are both opened -----------------
# y1b is y1 with the three newest samples appended (its lineage names y1);
# y2 is another collection, edition 1 under the same default title: y1b's
# lineage shows it grew from another edition 1, so y2 is no older edition
# of it, and both are opened (y1 is not: y1b replaces it)
mkdir -p "$T/lib6" "$T/old" "$T/new"
cp samples/*.txt "$T/old/"
for id in pdf-ah-tk-20232024-302 kv-tk-2023Z19243 tk-2024D18824; do mv "$T/old/$id.txt" "$T/new/"; done
"$VB" pack -q -o "$T/lib6/y1.vbk" "$T/old" && "$VB" pack -q -o "$T/lib6/y2.vbk" "$T/b1" &&
    "$VB" update -o "$T/lib6/y1b.vbk" "$T/lib6/y1.vbk" "$T/new" >"$T/upd.out" ||
    no "make two collections"
grep -q "3 documents appended" "$T/upd.out" && ok "two collections: y1b was appended to y1" ||
    no "two collections: y1b was appended to y1"
start run6 --library "$T/lib6"
s=$(ask wait)
expect "two collections: y1's newer edition and y2 are opened" "$s" '"editions":[{"file":"y1b.vbk","title":"Vraagbaak","edition":"2","parts":1,"checked":'
expect "two collections: and y2" "$s" '{"file":"y2.vbk","title":"Vraagbaak","edition":"1"'
lacks "two collections: not y1 itself" "$s" '"file":"y1.vbk"'
finish && ok "two collections: the reader ends well" || no "two collections: the reader ends well"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
