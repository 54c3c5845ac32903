#!/bin/sh
# bench_pack.sh - the packing benchmark of `make bench` (run by tests/bench.sh).
#
# Generates BENCH_N documents (default 100000, about 450 MB) with
# tests/tool_gen into a scratch folder under ${TMPDIR:-/tmp}, kept for the
# next run (a stamp file names N, the seed and the generator's checksum), and
# measures in the same run, on the same files:
#   tar | gzip -9      size, wall time
#   tar | xz -9 -T1    size, wall time
#   vbpack pack        size, records_bytes, wall time, peak memory
#   vbpack bench-get   time to open and decompress a random document
# then prints a table and checks the bars of issue 2: records_bytes at most
# 1.10 x the gzip size, pack no slower than gzip, p99 of a random read at
# most 200 us; and those of issue 14 (format 6, a compact archive): the
# archive at most 65% of its sources up to 20,000 documents, 55% above
# (the index grows slower than the texts), smaller than the ZIM of the
# same documents (BENCH_ZIM=1), pack time at most gzip's, peak memory flat.
# BENCH_STRICT=1 makes a missed bar exit 1.
#
# Environment: B (build folder, default build), BENCH_N, BENCH_SEED (1),
# BENCH_GETS (random reads, 10000), VBPACK (default ./vbpack or $B/vbpack),
# BENCH_OUT (keep the archive there, for the benchmarks that follow; by
# default it is deleted), TMPDIR, BENCH_XZ=0 to skip xz (it takes minutes),
# BENCH_ZIM=1 to add a ZIM file of the same documents as a peer (Debian's
# zim-tools: zimwriterfs with its Xapian full-text index; each document as
# an HTML page holding its text, the form ZIM indexes).
set -u

B=${B:-build}
N=${BENCH_N:-100000}
SEED=${BENCH_SEED:-1}
GETS=${BENCH_GETS:-10000}
TMP=${TMPDIR:-/tmp}
GEN=$B/tests/tool_gen
CORPUS=$TMP/vraagbaak-bench-$N-$SEED
WORK=

die() {
    echo "bench_pack: $*" >&2
    exit 2
}

cleanup() {
    [ -n "$WORK" ] && rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' HUP INT PIPE TERM

case $N in '' | *[!0-9]*) die "BENCH_N must be a number, not '$N'" ;; esac
[ -x "$GEN" ] || die "no $GEN: run make first"

if [ -n "${VBPACK:-}" ]; then
    [ -x "$VBPACK" ] || die "VBPACK=$VBPACK is not a program"
elif [ -x ./vbpack ]; then
    VBPACK=./vbpack
elif [ -x "$B/vbpack" ]; then
    VBPACK=$B/vbpack
else
    VBPACK=
fi

# Wall-clock seconds of a shell command, from POSIX `time -p`. The
# command's own stderr goes to $WORK/err (shown if it fails), time's report
# to $WORK/time.
seconds() {
    time -p sh -c "{ $1 ; } 2>'$WORK/err'" 2>"$WORK/time" || {
        cat "$WORK/err" >&2
        return 1
    }
    sed -n 's/^real[ 	]*//p' "$WORK/time" | tail -n 1
}

size_of() {
    wc -c <"$1" | tr -d ' '
}

# awk does the arithmetic: sh has integers only.
calc() {
    awk "BEGIN { printf \"$1\", $2 }"
}

WORK=$(mktemp -d "$TMP/vraagbaak-bench.XXXXXX") || die "cannot make a folder in $TMP"
VBK=${BENCH_OUT:-$WORK/x.vbk}

# ---- the corpus, reused when the same generator made it -------------------
STAMP="n=$N seed=$SEED gen=$(cksum <tests/tool_gen.c | cut -d' ' -f1)"
if [ -f "$CORPUS/.stamp" ] && [ "$(cat "$CORPUS/.stamp")" = "$STAMP" ]; then
    echo "corpus: $CORPUS (reused)"
else
    rm -rf "$CORPUS"
    mkdir -p "$CORPUS" || die "cannot make $CORPUS"
    echo "corpus: generating $N documents into $CORPUS ..."
    t=$(seconds "'$GEN' '$N' '$CORPUS/docs' '$SEED' >'$WORK/gen.out'") ||
        die "tool_gen failed"
    echo "corpus: $(cat "$WORK/gen.out") in ${t}s"
    echo "$STAMP" >"$CORPUS/.stamp"
fi
SRC=$(find "$CORPUS/docs" -type f -exec cat {} + | wc -c | tr -d ' ')
[ "$SRC" -gt 0 ] || die "empty corpus in $CORPUS"

# Same bytes for every method: tar in name order when tar can (GNU tar),
# which also keeps a zaak's question, notice and answer together.
TARSORT=
if tar --sort=name -cf /dev/null -C "$CORPUS" docs 2>/dev/null; then
    TARSORT=--sort=name
fi
TARCMD="tar $TARSORT -cf - -C '$CORPUS' docs"

# ---- gzip and xz --------------------------------------------------------
echo "tar | gzip -9 ..."
GZ_T=$(seconds "$TARCMD | gzip -9 >'$WORK/x.tar.gz'") || die "tar | gzip failed"
GZ_S=$(size_of "$WORK/x.tar.gz")
rm -f "$WORK/x.tar.gz"

XZ_T=- XZ_S=-
if [ "${BENCH_XZ:-1}" != 0 ] && command -v xz >/dev/null 2>&1; then
    echo "tar | xz -9 -T1 ..."
    XZ_T=$(seconds "$TARCMD | xz -9 -T1 >'$WORK/x.tar.xz'") || die "tar | xz failed"
    XZ_S=$(size_of "$WORK/x.tar.xz")
    rm -f "$WORK/x.tar.xz"
fi

# ---- a ZIM of the same documents (BENCH_ZIM=1) ----------------------------
# zimwriterfs indexes HTML only, so each text becomes a page with the text
# escaped in a <pre> and its id as title; the conversion is not timed.
ZIM_T=- ZIM_S=- ZIM_POS=-
# Whether the ZIM's full-text index keeps word positions (yes/no; - when
# python3's xapian module is not there: Debian's python3-xapian). libzim
# stores its indexes (metadata "kind": "fulltext", "title") as single-file
# glass databases inside the ZIM; Xapian opens one from a descriptor placed
# at its first byte. zim-tools 3.1.3 keeps none in the full-text index
# (only the title index has them). Without positions a ZIM
# answers no phrase, so the like-for-like size is ours less its positions.
zim_positions() {
    for py in python3 /usr/bin/python3; do
        command -v "$py" >/dev/null 2>&1 || continue
        "$py" -c 'import xapian' 2>/dev/null || continue
        cat >"$WORK/zimpos.py" <<'PY'
import mmap, os, sys, xapian
fd = os.open(sys.argv[1], os.O_RDONLY)
m = mmap.mmap(fd, 0, prot=mmap.PROT_READ)
at, dbs, pos = 0, 0, False
while True:
    at = m.find(b"\x0f\rXapian Glass", at)
    if at < 0:
        break
    d = os.dup(fd)
    os.lseek(d, at, os.SEEK_SET)
    try:
        db = xapian.Database(d)
        if db.get_metadata("kind") == b"fulltext":
            dbs += 1
            pos = pos or db.has_positions()
    except xapian.Error:
        pass
    at += 1
print("-" if not dbs else "yes" if pos else "no")
PY
        ZIM_POS=$("$py" "$WORK/zimpos.py" "$1" 2>/dev/null) || ZIM_POS=-
        return
    done
}
if [ "${BENCH_ZIM:-0}" = 1 ]; then
    if command -v zimwriterfs >/dev/null 2>&1; then
        echo "zimwriterfs (with its full-text index) ..."
        mkdir -p "$WORK/html"
        (cd "$CORPUS/docs" && find . -type f -name '*.txt' | LC_ALL=C sort) |
            awk -v src="$CORPUS/docs" -v dst="$WORK/html" '
            { id = $0; sub(/^\.\//, "", id); gsub(/\//, "_", id); sub(/\.txt$/, "", id)
              out = dst "/" id ".html"; f = src "/" substr($0, 3)
              print "<html><head><meta charset=\"utf-8\"><title>" id "</title></head><body><pre>" > out
              while ((getline line < f) > 0) {
                  gsub(/&/, "\\&amp;", line); gsub(/</, "\\&lt;", line); gsub(/>/, "\\&gt;", line)
                  print line > out
              }
              close(f); print "</pre></body></html>" > out; close(out)
              if (!first) { first = id; print "<html><body><a href=\"" id ".html\">" id "</a></body></html>" > (dst "/index.html") } }'
        cp dist/icons/vraagbaak-48.png "$WORK/html/illustration.png"
        if ZIM_T=$(seconds "zimwriterfs -w index.html -I illustration.png -l nld -t bench -d bench -c bench -p bench '$WORK/html' '$WORK/x.zim' >/dev/null"); then
            ZIM_S=$(size_of "$WORK/x.zim")
            zim_positions "$WORK/x.zim"
        else
            echo "zimwriterfs failed: no ZIM line"
            ZIM_T=-
        fi
        rm -rf "$WORK/html" "$WORK/x.zim"
    else
        echo "BENCH_ZIM=1 but no zimwriterfs (apt-get install zim-tools): no ZIM line"
    fi
fi

# ---- vbpack ---------------------------------------------------------------
VB_T=- VB_S=- VB_REC=- VB_RSS=- GET= VB_RSS_SMALL=- VB_SMALL_SRC=-
if [ -n "$VBPACK" ]; then
    echo "vbpack pack ..."
    if [ -x /usr/bin/time ] && /usr/bin/time -f %M true 2>/dev/null; then
        VB_T=$(seconds "/usr/bin/time -o '$WORK/rss' -f %M '$VBPACK' pack -q -o '$VBK' '$CORPUS/docs'") ||
            die "vbpack pack failed"
        VB_RSS=$(tail -n 1 "$WORK/rss")
    else
        VB_T=$(seconds "'$VBPACK' pack -q -o '$VBK' '$CORPUS/docs'") ||
            die "vbpack pack failed"
    fi
    "$VBPACK" info --json "$VBK" >"$WORK/info.json" || die "vbpack info failed"
    VB_REC=$(tr ',{}' '\n\n\n' <"$WORK/info.json" | sed -n 's/^[ 	]*"records_bytes"[ 	]*:[ 	]*\([0-9]*\).*/\1/p')
    VB_S=$(tr ',{}' '\n\n\n' <"$WORK/info.json" | sed -n 's/^[ 	]*"archive_bytes"[ 	]*:[ 	]*\([0-9]*\).*/\1/p')
    [ -n "$VB_S" ] || VB_S=$(size_of "$VBK")
    [ -n "$VB_REC" ] || VB_REC=-
    # Peak memory must not grow with the corpus: pack the first two years
    # (about an eighth of it) and compare.
    SMALL=$(ls "$CORPUS/docs" | head -n 2 | sed "s|^|$CORPUS/docs/|")
    if [ -x /usr/bin/time ] && [ -n "$SMALL" ]; then
        # shellcheck disable=SC2086
        /usr/bin/time -o "$WORK/rss-small" -f %M "$VBPACK" pack -q -o "$WORK/small.vbk" $SMALL ||
            die "vbpack pack (small) failed"
        VB_RSS_SMALL=$(tail -n 1 "$WORK/rss-small")
        # shellcheck disable=SC2086
        VB_SMALL_SRC=$(find $SMALL -type f -exec cat {} + | wc -c | tr -d ' ')
        rm -f "$WORK/small.vbk"
    fi
    # The hidden random-read benchmark, when this vbpack has it.
    GET=$("$VBPACK" bench-get "$VBK" "$GETS" 2>/dev/null) || GET=
    case $GET in *[0-9]*' '*[0-9]*) ;; *) GET= ;; esac
else
    echo "no vbpack: only gzip and xz are measured"
fi

# ---- the table ------------------------------------------------------------
MB=$(calc '%.1f' "$SRC / 1048576")
row() { # name size seconds
    if [ "$2" = - ]; then
        printf '%-22s %12s %9s %9s %8s\n' "$1" - - - -
        return
    fi
    printf '%-22s %12s %9s %9s %8s\n' "$1" "$2" "$(calc '%.4f' "$2 / $SRC")" \
        "$3" "$(calc '%.1f' "$SRC / 1048576 / ($3 > 0 ? $3 : 0.001)")"
}
echo
echo "source: $N documents, $SRC bytes ($MB MB)"
printf '%-22s %12s %9s %9s %8s\n' method bytes ratio seconds MB/s
row "tar | gzip -9" "$GZ_S" "$GZ_T"
row "tar | xz -9 -T1" "$XZ_S" "$XZ_T"
[ "$ZIM_S" != - ] && row "zimwriterfs (ZIM)" "$ZIM_S" "$ZIM_T"
[ "$ZIM_S" != - ] && echo "  its full-text index keeps word positions: $ZIM_POS (yes/no; - not checked: python3-xapian)"
row "vbpack (archive)" "$VB_S" "$VB_T"
# where the archive's bytes are (vbpack info's breakdown), as shares of
# the sources: the measure of the compact-format work (issue 14)
if [ -f "$WORK/info.json" ]; then
    for k in records summaries term_dictionary postings positions other; do
        v=$(sed -n 's/.*"sizes":{\([^}]*\)}.*/\1/p' "$WORK/info.json" | tr ',' '\n' |
            sed -n "s/^\"$k\":\([0-9]*\)\$/\1/p")
        [ -n "$v" ] && printf '%-22s %12s %9s\n' "  $k" "$v" "$(calc '%.4f' "$v / $SRC")"
    done
fi
if [ "$VB_REC" != - ]; then
    printf '%-22s %12s %9s\n' "vbpack records_bytes" "$VB_REC" "$(calc '%.4f' "$VB_REC / $SRC")"
fi
[ "$VB_RSS" != - ] && echo "vbpack peak memory: $VB_RSS KB"
[ "$VB_RSS_SMALL" != - ] && echo "vbpack peak memory on $VB_SMALL_SRC bytes of the same corpus: $VB_RSS_SMALL KB"

# ---- the bars ---------------------------------------------------------------
missed=0
verdict() { # label ok-expression-for-awk detail
    if awk "BEGIN { exit !($2) }"; then
        echo "bar: $1: $3 ok"
    else
        echo "bar: $1: $3 MISSED"
        missed=1
    fi
}
echo
if [ "$VB_REC" != - ]; then
    verdict "records_bytes <= 1.10 x gzip" "$VB_REC <= 1.10 * $GZ_S" \
        "$(calc '%.3f' "$VB_REC / $GZ_S") x"
fi
if [ "$VB_S" != - ]; then
    # issue 14: 65% up to 20,000 documents, 55% above; this run's applies
    if [ "$N" -le 20000 ]; then
        SIZE_BAR=65 SIZE_WHY="the bar up to 20000 documents; 55% above"
    else
        SIZE_BAR=55 SIZE_WHY="the bar above 20000 documents; 65% up to"
    fi
    verdict "archive <= $SIZE_BAR% of the sources ($SIZE_WHY)" \
        "$VB_S <= $SIZE_BAR / 100 * $SRC" "$(calc '%.1f' "100 * $VB_S / $SRC")%"
fi
if [ "$ZIM_S" != - ] && [ "$VB_S" != - ]; then
    verdict "archive smaller than the ZIM of the same documents" "$VB_S < $ZIM_S" \
        "$(calc '%.3f' "$VB_S / $ZIM_S") x"
    # Like for like when the ZIM keeps no positions (it answers no
    # phrase): ours less its positions part. Shown, not a bar: the issue's
    # bar is the whole archive.
    POS_B=$(sed -n 's/.*"positions":\([0-9]*\).*/\1/p' "$WORK/info.json" 2>/dev/null)
    if [ "$ZIM_POS" = no ] && [ -n "$POS_B" ]; then
        echo "like for like: ours less its positions ($POS_B bytes) / the ZIM (no positions): $(calc '%.3f' "($VB_S - $POS_B) / $ZIM_S") x"
    fi
elif [ "${BENCH_ZIM:-0}" = 1 ]; then
    # asked for and not measured: a strict run must not pass without it
    echo "bar: archive smaller than the ZIM of the same documents: no ZIM measured MISSED"
    missed=1
fi
if [ "$VB_T" != - ]; then
    verdict "pack time <= gzip time" "$VB_T <= $GZ_T" \
        "$(calc '%.2f' "$VB_T / ($GZ_T > 0 ? $GZ_T : 0.001)") x"
fi
if [ "$VB_RSS_SMALL" != - ] && [ "$VB_RSS" != - ]; then
    verdict "peak memory does not grow with the corpus (x$(calc '%.1f' "$SRC / $VB_SMALL_SRC") sources)" \
        "$VB_RSS <= 1.25 * $VB_RSS_SMALL" "$VB_RSS_SMALL KB -> $VB_RSS KB"
fi
if [ -n "$GET" ]; then
    set -- $GET
    echo "random document read over $GETS reads: p50 $1 us, p99 $2 us"
    verdict "random read p99 <= 200 us" "$2 <= 200" "$2 us"
elif [ -n "$VBPACK" ]; then
    echo "random document read: vbpack has no bench-get"
fi
if [ "$missed" = 1 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then
    exit 1
fi
exit 0
