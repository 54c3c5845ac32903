#!/bin/sh
# bench_token.sh - the reader opening a document that is one unbroken
# token (issue 13, #1: dot leaders, base64 and URLs from PDF extractions
# took 1.6 s at 10,000 characters, 18 s at 60,000, minutes at 500,000,
# with the window taking no input). For each size: the wall time of the
# script that opens it, and the longest frame while it opens (the time
# input waits), under SDL's dummy driver with the software renderer. The
# case is laid out a slice a frame (about 8 ms of layout each), so the
# longest frame stays short whatever the size; once it is all laid out
# the reader sleeps again: the frames drawn in 1.5 s of idling after it
# must be 0.
#
#   sh tests/bench_token.sh          (make bench runs it; needs B)
#
# BENCH_STRICT=1 makes a frame over 100 ms exit 1; BENCH_TOKEN_SIZES sets
# the sizes (default 10000 60000 500000 2000000).
set -u
B=${B:-build}
VR=$PWD/$B/vraagbaak
VB=$PWD/$B/vbpack
[ -x "$VR" ] || { echo "SKIP: $VR missing"; exit 0; }
W=$(mktemp -d "${TMPDIR:-/tmp}/vbtoken-XXXXXX")
trap 'rm -rf "$W"' EXIT
missed=0
printf 'wait\nstats\nkey ctrl+j\ntype tok\nkey Return\nwait\nstats\nscroll 40\nwait\nstats\nsleep 1500\nstats\nquit\n' >"$W/open.txt"
echo "-- one unbroken token, opened in the reader (dummy driver, software renderer) --"
for n in ${BENCH_TOKEN_SIZES:-10000 60000 500000 2000000}; do
    for kind in dots base64; do
        mkdir -p "$W/s"
        { printf 'Vragen van het lid Jansen (VVD) aan de Minister van Financien over een lange regel (ingezonden 1 maart 2021).\n\nVraag 1\nWat is dit? '
          if [ $kind = dots ]; then head -c "$n" /dev/zero | tr '\0' '.'
          else head -c $((n * 3 / 4 + 3)) /dev/urandom | base64 -w0 | head -c "$n"; fi
          printf '\n'; } >"$W/s/tok.txt"
        "$VB" pack -q -o "$W/t.vbk" "$W/s" || { echo "bench_token: pack failed"; exit 1; }
        t0=$(date +%s%N)
        SDL_VIDEODRIVER=dummy timeout 600 "$VR" --software --script "$W/open.txt" "$W/t.vbk" >"$W/out" 2>"$W/err"
        rc=$?
        t1=$(date +%s%N)
        fmax=$(sed -n 2p "$W/out" | tr ' ' '\n' | sed -n 's/^frame_ms_max=//p')
        smax=$(sed -n 3p "$W/out" | tr ' ' '\n' | sed -n 's/^frame_ms_max=//p')
        idle=$(sed -n 4p "$W/out" | tr ' ' '\n' | sed -n 's/^frames=//p')
        ok=ok
        if [ "$rc" != 0 ] || [ -z "$fmax" ] || [ "${fmax%.*}" -gt 100 ] || [ "${idle:-1}" != 0 ]; then
            ok=MISSED; missed=1
        fi
        printf '%-8s %8s bytes  script %6s ms  longest frame opening %8s ms, scrolling %6s ms, frames idle after %s   bar <= 100 ms, 0 idle  %s\n' \
            "$kind" "$n" "$(( (t1 - t0) / 1000000 ))" "${fmax:-?}" "${smax:-?}" "${idle:-?}" "$ok"
    done
done
[ "${BENCH_STRICT:-0}" = 1 ] && [ "$missed" = 1 ] && exit 1
exit 0
