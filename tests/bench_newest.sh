# bench_newest.sh - sourced by bench_edition.sh and bench_sync.sh: a new
# edition's documents as a benchmark makes them. split_newest W X splits
# the corpus W/docs into W/rest and W/newest (its X newest documents, in
# the archive's date order), hard links, kept for the next run. Needs VB.
split_newest() {
    [ -d "$1/newest" ] && return 0
    "$VB" pack -q -o "$1/split.vbk" "$1/docs"
    rm -rf "$1/rest" "$1/newest.tmp"
    cp -al "$1/docs" "$1/rest"
    "$VB" ls "$1/split.vbk" | tail -n "$2" | while read -r id rest; do
        mkdir -p "$1/newest.tmp/$(dirname "$id")"
        mv "$1/rest/$id.txt" "$1/newest.tmp/$id.txt"
    done
    mv "$1/newest.tmp" "$1/newest"
    rm -f "$1/split.vbk"
}
