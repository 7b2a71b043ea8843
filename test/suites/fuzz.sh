#!/usr/bin/env bash
# libFuzzer smoke: every target built by mk/fuzz.mk replays its
# regression inputs (test/fuzz/regressions/<target>/) and its seed corpus,
# then fuzzes for FUZZ_SMOKE seconds (default 5) from a fresh working
# corpus.  One PASS/FAIL line per target.  `make fuzz` is the long run.
set -uo pipefail
O=${O:-build}
secs=${FUZZ_SMOKE:-5}
targets="eth arp ipv4 icmp udp bpf packet"
[ -f test/fuzz/fuzz_tcp.c ] && targets="$targets tcp"
[ -f test/fuzz/fuzz_cpio.c ] && targets="$targets cpio"

for t in $targets; do
	bin=$O/fuzz/bin/fuzz_$t
	if [ ! -x "$bin" ]; then
		echo "FAIL fuzz/$t: $bin not built (make fuzz-build)"
		continue
	fi
	work=$O/fuzz/smoke/$$/$t
	if out=$(FUZZ_LOG_DIR=$O/fuzz/smoke/$$ test/fuzz/run.sh "$t" "$secs" "$work"); then
		echo "PASS fuzz/$t (${out#fuzz $t: })"
	else
		echo "FAIL fuzz/$t: ${out#fuzz $t: }"
	fi
done
# Earlier runs' working corpora and logs go after two hours (this run's
# stay for a look at a failure; its log path is in the FAIL line).
find "$O/fuzz/smoke" -mindepth 1 -maxdepth 1 -mmin +120 -exec rm -rf {} + 2>/dev/null
exit 0
