#!/usr/bin/env bash
# libFuzzer smoke: every target built by mk/fuzz.mk replays its
# regression inputs (test/fuzz/regressions/<target>/) and its seed corpus,
# then fuzzes for FUZZ_SMOKE seconds (default 5) from a fresh working
# corpus.  One PASS/FAIL line per target.  `make fuzz` is the long run.
set -uo pipefail
O=${O:-build}
secs=${FUZZ_SMOKE:-5}
targets="eth arp ipv4 icmp udp"
[ -f test/fuzz/fuzz_tcp.c ] && targets="$targets tcp"
[ -f test/fuzz/fuzz_cpio.c ] && targets="$targets cpio"

for t in $targets; do
	bin=$O/fuzz/bin/fuzz_$t
	if [ ! -x "$bin" ]; then
		echo "FAIL fuzz/$t: $bin not built (make fuzz-build)"
		continue
	fi
	work=$O/fuzz/smoke/$t
	rm -rf "$work"
	if out=$(test/fuzz/run.sh "$t" "$secs" "$work"); then
		echo "PASS fuzz/$t (${out#fuzz $t: })"
	else
		echo "FAIL fuzz/$t: ${out#fuzz $t: }"
	fi
done
exit 0
