#!/bin/sh
# bench_reader.sh - the reader (vraagbaak) on a big archive, each number
# beside its bar from issue 4. Run by tests/bench.sh (`make bench`) with the
# generated 100,000-document archive:
#
#   sh tests/bench_reader.sh ARCHIVE.vbk
#
# With SDL's software renderer, under SDL_VIDEODRIVER=dummy (no display),
# and again under xvfb-run with the x11 driver when xvfb-run is installed,
# it measures
#   first frame     exec to the first frame on screen (median of 5 starts)
#   typing          keystroke to the frame showing its results, p50/p99, for
#                   the first 30 queries of tests/bench_queries.tsv typed a
#                   character at a time, BENCH_TYPE_MS (100) apart, as a
#                   person types (a key whose results never showed because
#                   the next key came first is counted apart)
#   scrolling       frame times while the wheel goes through the longest of
#                   200 sampled cases, 3 lines a notch, down and up again
#   memory          resident memory (VmRSS; its anonymous and file-backed
#                   parts) after start, after the first 20 cases opened and
#                   searches run, and after each quarter of BENCH_READER_RUN
#                   (1000) of each, in between going back home; flat when
#                   the last two quarters stay within 10% of the highest of
#                   the first two checkpoints; and the peak (VmHWM)
#   idle            processor ticks (utime+stime in /proc/PID/stat) the
#                   reader, started as a person starts it, uses in 10 s on
#                   its home screen with no input: 0 ticks is 0.0%
# Scripts drive the reader (--script; `stats` prints its measurements).
# BENCH_STRICT=1 makes a missed bar exit 1. Needs B (build folder).
set -u
B=${B:-build}
VR=$PWD/$B/vraagbaak
VB=$PWD/$B/vbpack
RUN=${BENCH_READER_RUN:-1000}
[ "$RUN" -ge 40 ] || RUN=40
TYPE_MS=${BENCH_TYPE_MS:-100}
STRICT=${BENCH_STRICT:-0}

if [ "${1:-}" = --suite ]; then       # the measurements, in the driver set
    A=$2; W=$3
else
    A=${1:?usage: bench_reader.sh ARCHIVE.vbk}
    [ -x "$VR" ] || { echo "SKIP: $VR missing"; exit 0; }
    W=$(mktemp -d "${TMPDIR:-/tmp}/vbrbench-XXXXXX")
    trap 'rm -rf "$W"' EXIT
fi
case "$A" in /*) ;; *) A=$PWD/$A;; esac
ms() { date +%s%N | cut -c1-13; }     # wall clock in milliseconds
# stat N KEY: KEY of the Nth stats line of $W/out
st() { sed -n "$1p" "$W/out" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
missed=0
# judge 'SHELL CONDITION': $ok is "ok" or "MISSED"; a miss is remembered
judge() { if eval "$1"; then ok=ok; else ok=MISSED; missed=1; fi; }

# ---- inputs, made once ---------------------------------------------------
prepare() {
    "$VB" ls "$A" >"$W/ls" || { echo "bench_reader: cannot list $A"; exit 1; }
    awk '$2 == "question" { print $4 }' "$W/ls" >"$W/questions"
    nq=$(wc -l <"$W/questions")
    awk -v n="$nq" -v r="$RUN" 'NR % int(n / r > 1 ? n / r : 1) == 0' "$W/questions" |
        head -n "$RUN" >"$W/zaken"
    awk '{ for (i = 5; i <= NF; i++) if ($i ~ /^[a-z]+$/ && length($i) >= 6) print $i }' "$W/ls" |
        awk '!seen[$0]++' | awk 'NR % 2 == 1' | head -n "$RUN" >"$W/words"
    head -n 30 tests/bench_queries.tsv | cut -f1 >"$W/queries"
    long= best=0
    for z in $(awk -v n="$nq" 'NR % int(n / 200 > 1 ? n / 200 : 1) == 0' "$W/questions"); do
        size=$("$VB" cat "$A" "$z" 2>/dev/null | wc -c)
        [ "$size" -gt "$best" ] && best=$size long=$z
    done
    echo "$long $best" >"$W/long"

    # typing: every query from an empty field, one character at a time
    { echo wait; echo stats
      while IFS= read -r q; do
          echo "key ctrl+h"; echo wait
          # one key a character: the bytes of a UTF-8 character stay together
          printf '%s\n' "$q" | LC_ALL=C awk -v ms="$TYPE_MS" '
              function key(k) { print "type " k; print "sleep " ms }
              { n = split($0, c, ""); k = ""
                for (i = 1; i <= n; i++)
                    if (k != "" && c[i] ~ /^[\200-\277]$/) k = k c[i]
                    else { if (k != "") key(k); k = c[i] }
                if (k != "") key(k) }'
          echo wait
      done <"$W/queries"
      echo stats; echo quit; } >"$W/typing.txt"
    grep -c '^type' "$W/typing.txt" >"$W/keys"

    # scrolling: the long case, 3 lines a notch, to the end and back
    { echo wait; echo "key ctrl+j"; echo "type $long"; echo "key Return"; echo wait
      echo stats
      i=0; while [ $i -lt 150 ]; do echo "scroll 1"; i=$((i + 1)); done
      i=0; while [ $i -lt 150 ]; do echo "scroll -1"; i=$((i + 1)); done
      echo stats; echo quit; } >"$W/scroll.txt"

    # the long run: open a case, search a word, each RUN times
    paste "$W/zaken" "$W/words" | awk -v run="$RUN" '
        BEGIN { print "wait"; print "stats" }
        { print "key ctrl+j"; print "type " $1; print "key Return"; print "wait"
          print "key ctrl+h"; print "type " $2; print "wait"
          if (NR == 20 || NR == int(run / 4) || NR == int(run / 2) ||
              NR == int(run * 3 / 4) || NR == run) print "stats" }
        END { print "quit" }' >"$W/run.txt"

}

# ---- the measurements ----------------------------------------------------
suite() {
    drv=$SDL_VIDEODRIVER
    echo "-- SDL_VIDEODRIVER=$drv, software renderer, 1024x640 --"

    # first frame: exec to the frame (the reader prints the wall clock then)
    : >"$W/first"
    for i in 1 2 3 4 5; do
        t0=$(ms)
        echo quit | VRAAGBAAK_STATS=1 "$VR" --software --script - "$A" >/dev/null 2>"$W/ff.err"
        at=$(sed -n 's/.*(at \([0-9]*\)\.\([0-9]*\)).*/\1\2/p' "$W/ff.err")
        inner=$(sed -n 's/first frame after \([0-9.]*\) ms.*/\1/p' "$W/ff.err")
        [ -n "$at" ] && echo "$((at - t0)) $inner" >>"$W/first"
    done
    sort -n "$W/first" >"$W/first.s"
    n=$(wc -l <"$W/first.s")
    if [ "$n" -gt 0 ]; then
        med=$(sed -n "$(( (n + 1) / 2 ))p" "$W/first.s")
        ff=${med% *}; inner=${med#* }
        judge '[ "$ff" -le 150 ]'
        printf '%-22s %s ms after exec (median of %s, %s..%s; %s ms after main)   bar <= 150 ms  %s\n' \
            "first frame" "$ff" "$n" "$(head -1 "$W/first.s" | cut -d' ' -f1)" \
            "$(tail -1 "$W/first.s" | cut -d' ' -f1)" "$inner" "$ok"
    else
        echo "first frame            not measured: $(head -c 200 "$W/ff.err")"; missed=1
    fi

    # typing
    "$VR" --software --script "$W/typing.txt" "$A" >"$W/out" 2>"$W/err"
    keys=$(cat "$W/keys"); shown=$(st 2 searches)
    p50=$(st 2 latency_ms_p50); p99=$(st 2 latency_ms_p99); mx=$(st 2 latency_ms_max)
    if [ -n "$p99" ]; then
        judge '[ "$p99" -le 50 ] && [ "$shown" -ge $((keys * 9 / 10)) ]'
        printf '%-22s p50 %s ms, p99 %s ms, max %s ms (%s keys, %s ms apart; results shown for %s)   bar p99 <= 50 ms  %s\n' \
            "keystroke to results" "$p50" "$p99" "$mx" "$keys" "$TYPE_MS" "$shown" "$ok"
    else
        echo "keystroke to results   not measured: $(head -c 200 "$W/err")"; missed=1
    fi

    # scrolling
    "$VR" --software --script "$W/scroll.txt" "$A" >"$W/out" 2>"$W/err"
    read -r long size <"$W/long"
    if [ -n "$(st 2 frames)" ]; then
        printf '%-22s p50 %s ms, p99 %s ms, max %s ms over %s frames (case %s, %s bytes)   60 Hz: <= 16.7 ms\n' \
            "scrolling frame time" "$(st 2 frame_ms_p50)" "$(st 2 frame_ms_p99)" "$(st 2 frame_ms_max)" \
            "$(st 2 frames)" "$long" "$size"
    else
        echo "scrolling              not measured: $(head -c 200 "$W/err")"; missed=1
    fi

    # memory over the long run
    "$VR" --software --script "$W/run.txt" "$A" >"$W/out" 2>"$W/err"
    if [ "$(wc -l <"$W/out")" -ge 6 ]; then
        r0=$(st 1 rss_kb); r1=$(st 2 rss_kb); rq=$(st 3 rss_kb); r3=$(st 5 rss_kb); r4=$(st 6 rss_kb)
        early=$(printf '%s\n%s\n' "$r1" "$rq" | sort -n | tail -1)
        late=$(printf '%s\n%s\n' "$r3" "$r4" | sort -n | tail -1)
        most=$(for i in 1 2 3 4 5 6; do st $i rss_kb; done | sort -n | tail -1)
        peak=$(for i in 1 2 3 4 5 6; do st $i peak_kb; done | sort -n | tail -1)
        judge '[ "$most" -le 40960 ] && [ "$late" -le $((early + early / 10)) ]'
        printf '%-22s after start %s MB; after 20/20 %s; after each quarter of %s/%s: %s, %s, %s, %s MB (at the end anon %s, file %s; heap %s); peak %s MB   bar <= 40 MB and flat  %s\n' \
            "resident memory" "$(mb "$r0")" "$(mb "$r1")" "$RUN" "$RUN" "$(mb "$rq")" \
            "$(mb "$(st 4 rss_kb)")" "$(mb "$r3")" "$(mb "$r4")" "$(mb "$(st 6 anon_kb)")" \
            "$(mb "$(st 6 file_kb)")" "$(mb "$(st 6 heap_kb)")" "$(mb "$peak")" "$ok"
        printf '%-22s searches during the run: p50 %s ms, p99 %s ms (last quarter); archive pages given back %s times\n' \
            "" "$(st 6 latency_ms_p50)" "$(st 6 latency_ms_p99)" "$(st 6 releases)"
    else
        echo "resident memory        not measured: $(head -c 200 "$W/err")"; missed=1
    fi

    # idle: the reader as a person runs it, sampled from outside
    VRAAGBAAK_STATS=1 "$VR" --software "$A" </dev/null >/dev/null 2>"$W/idle.err" &
    pid=$!
    sleep 3
    t1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null)
    sleep 10
    t2=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null)
    rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    if [ -n "$t1" ] && [ -n "$t2" ]; then
        hz=$(getconf CLK_TCK)
        judge '[ $((t2 - t1)) -eq 0 ]'
        printf '%-22s %s ticks in 10 s (%s%% of one core; %s ticks a second), resident %s MB   bar 0.0%%  %s\n' \
            "idle" "$((t2 - t1))" "$(awk -v t=$((t2 - t1)) -v hz="$hz" 'BEGIN { printf "%.1f", t * 100 / hz / 10 }')" \
            "$hz" "$(mb "${rss:-0}")" "$ok"
    else
        echo "idle                   not measured (the reader ended: $(head -c 200 "$W/idle.err"))"; missed=1
    fi
    [ "$STRICT" = 1 ] && [ "$missed" = 1 ] && return 1
    return 0
}

if [ "${1:-}" = --suite ]; then
    suite
    exit $?
fi

prepare
read -r long size <"$W/long"
echo "archive $A: $(wc -l <"$W/ls") documents; run of $RUN cases and searches; long case $long"
rc=0
export SDL_VIDEODRIVER=dummy
suite || rc=1
if command -v xvfb-run >/dev/null 2>&1; then
    xvfb-run -a -s "-screen 0 1280x1024x24" env SDL_VIDEODRIVER=x11 B="$B" \
        BENCH_READER_RUN="$RUN" BENCH_TYPE_MS="$TYPE_MS" BENCH_STRICT="$STRICT" \
        sh "$0" --suite "$A" "$W" || rc=1
else
    echo "-- x11: xvfb-run is not installed, skipped --"
fi
exit $rc
