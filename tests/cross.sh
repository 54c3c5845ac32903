#!/bin/sh
# cross.sh - the tests of a cross-built vbpack and vraagbaak under qemu-user
# (make test-cross HOST=...), then the same archive bytes as the machine's
# own build: the samples and a generated corpus are packed by both and
# compared with cmp.
#
#   B=build-HOST N=3000 sh tests/cross.sh HOST
#
# The programs run as qemu-ARCH-static PROG, without -L: the dynamic
# loader and libc then both come from Debian's multiarch libc6:ARCH (a
# dependency of the -dev:ARCH packages). Do not point -L (QEMU_LD_PREFIX)
# at /usr/HOST: that loader is the cross toolchain's libc6-ARCH-cross,
# whose version differs from the multiarch libc.so.6 it would load, and
# with the two mixed, pthread_create never returns (any program, not only
# ours: that was the 100% CPU "spin" of verify and the reader's --script).
#
# Which tests run: every unit test; of the shell tests those that exercise
# what differs on ARM (alignment, word size, signals, the map): cli_pack,
# cli_damage (the fault guard and watchdog), cli_edition and cli_reader
# (the reader with SDL's dummy driver). Not cli_bounds (10^5 files and
# memory ceilings: under emulation it takes many minutes and measures
# qemu's memory, not ours; its limits are the same code on every
# machine), cli_valgrind (valgrind does not run under qemu-user) nor
# cli_fuzz_smoke (no fuzzer build for ARM). CROSS_CLI="cli_bounds ..."
# runs others.
HOST=$1
B=${B:-build-$HOST}
N=${N:-3000}
case "$HOST" in
aarch64-linux-gnu) Q=qemu-aarch64-static ;;
arm-linux-gnueabihf) Q=qemu-arm-static ;;
*) echo "cross.sh: HOST must be aarch64-linux-gnu or arm-linux-gnueabihf" >&2; exit 2 ;;
esac
command -v $Q >/dev/null || { echo "cross.sh: $Q missing (make deps HOST=$HOST)" >&2; exit 2; }
unset QEMU_LD_PREFIX
# CROSS_QEMU replaces the command, for a machine whose libraries of HOST
# are in a sysroot rather than multiarch: then give the loader and libc
# of one version (the cross toolchain's) and the sysroot's libraries, e.g.
# CROSS_QEMU="env QEMU_LD_PREFIX=/usr/$HOST LD_LIBRARY_PATH=SR/usr/lib/$HOST $Q"
Q=${CROSS_QEMU:-$Q}
CLI=${CROSS_CLI:-cli_pack cli_damage cli_edition cli_reader}
# The shell tests run $B/PROG: give them a folder of wrappers that run
# each program under qemu.
W="$B/qemu"
rm -rf "$W"; mkdir -p "$W/tests"
for p in "$B"/vbpack "$B"/vraagbaak "$B"/tests/test_* "$B"/tests/tool_*; do
    case "$p" in *.o|*.d) continue ;; esac
    [ -x "$p" ] || continue
    rel=${p#"$B"/}
    printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$Q" "$PWD/$p" >"$W/$rel"
    chmod +x "$W/$rel"
done
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc | sed 's/^\./0./'; }
pass=0; fail=0; t0=$(now)
run() { # NAME COMMAND...
    name=$1; shift; s=$(now)
    if "$@" >"$W/log" 2>&1; then pass=$((pass + 1)); r=ok; else fail=$((fail + 1)); r=FAILED; fi
    echo "$r $name ($(secs "$s" "$(now)") s)"
    [ $r = ok ] || tail -20 "$W/log" | sed 's/^/#   /'
}
echo "== $HOST under $Q"
T=$(mktemp -d /tmp/vbcross-XXXXXX)
trap 'rm -rf "$T"' EXIT
if [ "$HOST" = arm-linux-gnueabihf ]; then
    # 32-bit: archives cannot be read or written (Debian's LMDB 0.9 lays
    # its file out by word size; see vb_check_layout in format/guard.c).
    # The tests that need no archive, and the message that says so.
    for t in test_parse test_query test_source test_token; do
        run $t env B="$W" "$W/tests/$t"
    done
    ./build/vbpack pack -q -o "$T/x86.vbk" samples/
    said() { # NAME COMMAND...: exit 1 and the 32-bit message
        name=$1; shift
        "$@" >/dev/null 2>"$T/err"; rc=$?
        if [ $rc = 1 ] && grep -q "32-bit build" "$T/err"; then
            pass=$((pass + 1)); echo "ok $name says: $(cat "$T/err")"
        else
            fail=$((fail + 1)); echo "FAILED $name (exit $rc): $(cat "$T/err")"
        fi
    }
    said "vbpack pack" "$W/vbpack" pack -q -o "$T/arm.vbk" samples/
    said "vbpack info (x86-64 archive)" "$W/vbpack" info "$T/x86.vbk"
    said "vbpack search (x86-64 archive)" "$W/vbpack" search "$T/x86.vbk" nuctech
    echo "$pass passed, $fail failed ($HOST, $(secs "$t0" "$(now)") s)"
    [ "$fail" = 0 ]
    exit
fi
for t in "$W"/tests/test_*; do
    [ -x "$t" ] || continue
    run "$(basename "$t")" env B="$W" "$t"
done
# cli_damage: fewer damaged copies than on x86 (150 bit flips, 20
# truncations, 10 kills there), each still run through every command
export FLIPS=${FLIPS:-30} TRUNCS=${TRUNCS:-5} KILLS=${KILLS:-3}
for c in $CLI; do
    run "$c" env B="$W" VB_EMULATED=1 sh "tests/$c.sh"
done

# the same bytes: the machine's own vbpack (build/) against the cross one
same() { # NAME SOURCE
    s=$(now)
    if ./build/vbpack pack -q -o "$T/native.vbk" "$2" &&
       "$W/vbpack" pack -q -o "$T/cross.vbk" "$2" &&
       cmp "$T/native.vbk" "$T/cross.vbk" && "$W/vbpack" verify --full "$T/native.vbk" >/dev/null; then
        pass=$((pass + 1)); echo "ok same bytes: $1, $(wc -c <"$T/native.vbk") bytes ($(secs "$s" "$(now)") s)"
    else
        fail=$((fail + 1)); echo "FAILED same bytes: $1"
    fi
}
same samples samples/
./build/tests/tool_gen "$N" "$T/gen" 7 >/dev/null
same "generated corpus of $N documents" "$T/gen"
echo "$pass passed, $fail failed ($HOST, $(secs "$t0" "$(now)") s)"
[ "$fail" = 0 ]
