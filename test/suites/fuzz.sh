#!/usr/bin/env bash
# libFuzzer smoke: every target built by mk/fuzz.mk replays its
# regression inputs (test/fuzz/regressions/<target>/) and its seed corpus,
# then fuzzes for FUZZ_SMOKE seconds (default 5) from a fresh working
# corpus.  One PASS/FAIL line per target.  `make fuzz` is the long run.
set -uo pipefail
O=${O:-build}
. tools/suite-lib.sh
secs=${FUZZ_SMOKE:-5}
# Every test/fuzz/fuzz_*.c that defines a fuzz target is one check, so a
# target that is not built fails instead of vanishing.
targets=$(grep -l '^int LLVMFuzzerTestOneInput' test/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')
for t in $targets; do plan "fuzz/$t"; done

for t in $targets; do
	bin=$O/fuzz/bin/fuzz_$t
	if [ ! -x "$bin" ]; then
		fail "fuzz/$t" "$bin not built (make fuzz-build)"
		continue
	fi
	work=$O/fuzz/smoke/$$/$t
	if out=$(FUZZ_LOG_DIR=$O/fuzz/smoke/$$ test/fuzz/run.sh "$t" "$secs" "$work"); then
		pass "fuzz/$t" "${out#fuzz $t: }"
	else
		fail "fuzz/$t" "${out#fuzz $t: }"
	fi
done
# Earlier runs' working corpora and logs go after two hours (this run's
# stay for a look at a failure; its log path is in the FAIL line).
find "$O/fuzz/smoke" -mindepth 1 -maxdepth 1 -mmin +120 -exec rm -rf {} + 2>/dev/null
exit 0
