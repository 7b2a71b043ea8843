#!/usr/bin/env bash
# Run one libFuzzer target: test/fuzz/run.sh TARGET SECONDS [WORKDIR]
#
# First replays every input in test/fuzz/regressions/TARGET/ (each must
# pass), then fuzzes for SECONDS starting from the seed corpus
# test/fuzz/corpus/TARGET/ and the regressions.  New inputs go to WORKDIR
# (default $O/fuzz/corpus/TARGET, never committed), a crashing input to
# $O/fuzz/artifacts/TARGET/.  Prints one summary line; the full libFuzzer
# output is in $O/fuzz/log/TARGET.log (or $FUZZ_LOG_DIR/TARGET.log).
# Exit status 0 = no finding.
set -uo pipefail
O=${O:-build}
t=$1 secs=$2
work=${3:-$O/fuzz/corpus/$t}
bin=$O/fuzz/bin/fuzz_$t
seeds=test/fuzz/corpus/$t
regs=test/fuzz/regressions/$t
art=$O/fuzz/artifacts/$t
log=${FUZZ_LOG_DIR:-$O/fuzz/log}/$t.log
mkdir -p "$work" "$art" "$(dirname "$log")"
: > "$log"

if [ ! -x "$bin" ]; then
	echo "fuzz $t: $bin not built"
	exit 1
fi

# A smaller ASan quarantine than the default 256 MB: inputs allocate
# packet buffers of up to 64 KB, and reusing freed memory sooner doubles
# the speed (fewer fresh pages); use-after-free within an input is still
# caught.  The caller's ASAN_OPTIONS win.
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=32}

# Inputs are streams of records; let them be long enough for several.
opts=(-max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)

shopt -s nullglob
reg_files=("$regs"/*)
if [ ${#reg_files[@]} -gt 0 ]; then
	if ! timeout 300 "$bin" "${opts[@]}" "${reg_files[@]}" >> "$log" 2>&1; then
		echo "fuzz $t: a regression input fails again (see $log)"
		exit 1
	fi
fi

dirs=("$work")
[ -d "$seeds" ] && dirs+=("$seeds")
[ -d "$regs" ] && dirs+=("$regs")
timeout $((secs + 120)) "$bin" "${opts[@]}" -max_total_time="$secs" \
	-artifact_prefix="$art/" "${dirs[@]}" >> "$log" 2>&1
rc=$?

execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -1)
last=$(grep -E '^#[0-9]+' "$log" | tail -1)
cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<< "$last")
ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<< "$last")
corp=$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<< "$last")
summary="${execs:-?} execs in ${secs} s, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}"
if [ $rc = 0 ]; then
	echo "fuzz $t: $summary, no finding"
	exit 0
fi
crash=$(sed -nE 's/.*Test unit written to (.*)/\1/p' "$log" | tail -1)
reason=$(grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|net_panic|invariant broken|leaked' "$log")
echo "fuzz $t: FINDING after $summary: ${reason:-exit $rc} (input: ${crash:-none}; log: $log)"
exit 1
