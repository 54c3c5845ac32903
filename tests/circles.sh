#!/bin/sh
# circles.sh - no two files of a module call each other: for each pair of
# object files of a module (format/, packer/, reader/), fails when A
# defines a symbol B uses and B defines one A uses (a circle makes the
# pair one unit that has to be learned, and changed, at once). Reads the
# symbol tables of the objects already built (nm), so run it after make.
# Usage: sh tests/circles.sh [BUILD_DIR [MODULE...]]   (default: build,
# all three modules). Prints each circle with the symbols each way; exits
# 1 when there is one, 2 when a module has no objects to read.
B=${1:-build}
[ $# -gt 0 ] && shift
mods=${*:-format packer reader}
NM=${NM:-nm}
rc=0
for m in $mods; do
    set -- "$B/$m"/*.o
    if [ ! -f "$1" ]; then
        echo "circles: no objects in $B/$m (build first)" >&2
        rc=2
        continue
    fi
    # one line per symbol: file, D(efined) or U(sed), name
    for o in "$@"; do
        f=$(basename "$o" .o)
        $NM -g "$o" | awk -v f="$f" '
            NF == 2 && $1 == "U" { print f, "U", $2; next }
            NF == 3 && $2 ~ /^[A-TV-Z]$/ { print f, "D", $3 }'
    done | awk -v m="$m" '
        $2 == "D" { def[$3] = $1; next }
        { use[++n] = $1 " " $3 }
        END {
            # edge a -> b: a uses what b defines
            for (i = 1; i <= n; i++) {
                split(use[i], u, " ")
                b = def[u[2]]
                if (b == "" || b == u[1])
                    continue
                k = u[1] SUBSEP b
                if (!(k in why))
                    why[k] = u[2]
                else if (index(" " why[k] " ", " " u[2] " ") == 0)
                    why[k] = why[k] " " u[2]
            }
            bad = 0
            for (k in why) {
                split(k, p, SUBSEP)
                r = p[2] SUBSEP p[1]
                if (p[1] < p[2] && (r in why)) {
                    printf "%s: %s.c <-> %s.c\n  %s.c uses %s\n  %s.c uses %s\n",
                        m, p[1], p[2], p[1], why[k], p[2], why[r]
                    bad = 1
                }
            }
            exit bad
        }' || rc=1
done
[ $rc = 0 ] && echo "circles: none in $mods"
exit $rc
