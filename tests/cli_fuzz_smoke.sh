#!/bin/sh
# cli_fuzz_smoke.sh - the fuzz targets of tests/fuzz/ in CI: built with
# clang's libFuzzer (ASan+UBSan), run once over their seeds and every input
# that once crashed one (tests/fuzz/regress/), then fuzzed a few seconds
# each. Skipped, with a message, where clang's libFuzzer is missing.
# The real runs are `make fuzz` (tests/fuzz.sh; docs/RELIABILITY.md).
# Run from the project root with B=build folder (tests/run.sh does).
B=${B:-build}
export FUZZ_DIR="$B/fuzz"
out=$(FUZZ_REPLAY=1 FUZZ_JOBS=2 sh tests/fuzz.sh 2>&1); rc=$?
echo "$out" | sed 's/^ok - /ok - replay: /; s/^not ok - /not ok - replay: /'
case $out in SKIP*) exit 0 ;; esac
[ "$rc" = 0 ] || exit 1
FUZZ_SECONDS=${FUZZ_SECONDS:-3} FUZZ_JOBS=2 sh tests/fuzz.sh
