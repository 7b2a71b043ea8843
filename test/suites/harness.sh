#!/usr/bin/env bash
# The harness's own test (docs/testing.md): every way of breaking the
# harness that we know of must make the run fail.  The real tools
# (tools/run-suites, tools/guest-suite, tools/suite-lib.sh, .ci/run,
# tools/qemu-run) are run against the small fixtures of test/harness/:
# fixture suites that misreport on purpose, console transcripts written by
# a fake qemu-run, and a sandbox tree whose Makefile runs fixture suites
# (or breaks, as a build error would).  Each case is one check: the run
# it makes must end as stated (status and what it says).  About 15 s.
set -uo pipefail
O=${O:-build}
. tools/suite-lib.sh
ROOT=$PWD
FX=$ROOT/test/harness
W=$O/harness
rm -rf "$W"
mkdir -p "$W"
W=$(cd "$W" && pwd)

# scenario CASE ok|fail PATTERN... -- COMMAND...: runs COMMAND; the check
# harness/CASE passes when it exits 0 (ok) or not (fail) and its output
# matches every extended regex PATTERN (one starting with ! must not match).
scenario() {
	local case=$1 want=$2 pats=() out rc why= p
	shift 2
	while [ "$1" != -- ]; do pats+=("$1"); shift; done
	shift
	out=$W/$case.out
	"$@" > "$out" 2>&1 < /dev/null
	rc=$?
	[ "$want" = ok ] && [ "$rc" != 0 ] && why="exited $rc, want 0;"
	[ "$want" = fail ] && [ "$rc" = 0 ] && why="exited 0, want a failure;"
	for p in "${pats[@]}"; do
		if [ "${p:0:1}" = '!' ]; then
			grep -Eq -- "${p:1}" "$out" && why="$why says /${p:1}/;"
		else
			grep -Eq -- "$p" "$out" || why="$why no /$p/;"
		fi
	done
	if [ -z "$why" ]; then pass "harness/$case"; else fail "harness/$case" "$why (output: $out)"; fi
}

# grade FIXTURE [VAR=value...]: tools/run-suites on one fixture suite of
# test/harness/suites, with the fixtures' own lists, not in CI.
grade() {
	local fx=$1
	shift
	env -u SUITES -u CI O="$W/o-$fx" KERNEL=tern TERN_SUITES_DIR="$FX/suites" \
		TERN_KNOWN_FAILURES="$FX/known-failures.txt" TERN_ALLOWED_SKIPS="$FX/allowed-skips.txt" \
		SUITES="$fx" "$@" tools/run-suites
}

plan harness/green harness/xpass-glued harness/declared-without-verdict \
	harness/undeclared-verdict harness/two-verdicts harness/no-checks harness/exit-status \
	harness/stray-stdout harness/skip-unlisted harness/skip-allowed harness/skip-root-in-ci \
	harness/skip-kvm-in-ci harness/known-failure harness/known-failure-passes \
	harness/known-failure-crash-line harness/known-failure-without-reason \
	harness/known-failure-on-linux harness/suites-none harness/suites-empty \
	harness/cmocka-plan harness/summary-fresh \
	harness/guest-runs-on-tern-deleted harness/guest-green harness/guest-xpass \
	harness/guest-program-missing harness/guest-crash harness/guest-clock-fast \
	harness/ci-green harness/ci-build-breaks-after-green harness/ci-suites-none \
	harness/ci-names-differ harness/qemu-missing-kernel harness/qemu-fails-to-start

# ---- tools/run-suites grading ---------------------------------------------
scenario green ok '^1 passed, 0 failed$' -- grade green
scenario xpass-glued fail 'verdict inside another line' 'h.glued: declared, but no verdict' -- grade glued
scenario declared-without-verdict fail 'FAIL h.b: declared, but no verdict' '^1 passed, 1 failed$' -- grade no-verdict
scenario undeclared-verdict fail 'FAIL h.c: reported \(PASS\) but never declared' -- grade undeclared
scenario two-verdicts fail 'FAIL h.a: 2 verdicts' -- grade twice
scenario no-checks fail 'declared no checks' -- grade nothing
scenario exit-status fail 'exited with status 3 and no FAIL line' -- grade exit-status
scenario stray-stdout fail 'outside the protocol' -- grade stray
scenario skip-unlisted fail 'a SKIP fails the run: not in' -- grade skip
scenario skip-allowed ok '^0 passed, 0 failed, 1 skipped$' -- grade skip-root
scenario skip-root-in-ci fail 'CI=true has root' -- grade skip-root CI=true
scenario skip-kvm-in-ci ok '^0 passed, 0 failed, 1 skipped$' -- grade skip-kvm CI=true
scenario known-failure ok '^0 passed, 0 failed, 1 known failures$' -- grade known-fails
scenario known-failure-passes fail 'h.fixed: passed, but .* lists it as a known failure' -- grade known-passes
scenario known-failure-crash-line fail 'declares no such check' -- grade known-crash
scenario known-failure-without-reason fail 'malformed known-failure entry' -- \
	grade known-fails TERN_KNOWN_FAILURES="$FX/known-failures-malformed.txt"
scenario known-failure-on-linux fail 'FAIL h.known' '^0 passed, 1 failed$' -- grade known-fails KERNEL=linux
scenario suites-none fail "'none' names no suite" -- grade none
scenario suites-empty fail 'no suite to run' -- grade ''
scenario cmocka-plan fail 'TAP plan 1..3 but 2 results' 'fx/test_fake/second: skipped' -- grade cmocka
# A run that stops before grading leaves no summary behind.
stale() {
	grade green > /dev/null || return 1
	[ -e "$W/o-green/test-summary-tern" ] || { echo "no summary after a run"; return 1; }
	grade green TERN_SUITES_DIR=/nonexistent
	[ ! -e "$W/o-green/test-summary-tern" ] || [ "$(cat "$W/o-green/test-summary-tern")" != "1 0 0 0" ] ||
		echo "STALE: the green run's summary is still there"
}
scenario summary-fresh ok '!STALE' -- stale

# ---- tools/guest-suite, on transcripts from a fake qemu-run ----------------
G=$W/guest
mkdir -p "$G/tools" "$G/test/guest/fx" "$G/test/suites" "$G/build"
ln -s "$ROOT/tools/guest-suite" "$ROOT/tools/run-suites" "$ROOT/tools/suite-lib.sh" "$G/tools/"
ln -s "$FX/fake-qemu-run" "$G/tools/qemu-run"
: > "$G/test/guest/fx/a.c"
: > "$G/test/guest/fx/b.sh"
: > "$G/build/tern.elf"
: > "$G/build/initramfs.cpio"
printf '#!/usr/bin/env bash\nexec tools/guest-suite fx 30\n' > "$G/test/suites/guest-fx.sh"
guest() {	# CONSOLE [VAR=value...]
	local c=$1
	shift
	(cd "$G" && env -u SUITES -u CI -u TERN_SUITES_DIR -u TERN_KNOWN_FAILURES \
		-u TERN_ALLOWED_SKIPS O="$G/build" KERNEL=tern HARNESS_CONSOLE="$FX/consoles/$c.txt" \
		"$@" tools/run-suites)
}
scenario guest-runs-on-tern-deleted fail 'RUNS-ON-TERN is missing' 'a SKIP fails the run' -- guest green
touch "$G/test/guest/RUNS-ON-TERN"
scenario guest-green ok 'PASS fx.clock.host' 'PASS guest-fx.programs' 'PASS guest-fx.done' \
	'^6 passed, 0 failed$' -- guest green
scenario guest-xpass fail 'verdict inside another line' 'fx.two: declared, but no verdict' -- guest glued
scenario guest-program-missing fail 'FAIL guest-fx.programs: b.sh did not run' -- guest missing-program
scenario guest-crash fail 'FAIL guest-fx.done: no done-marker' 'fx.other: declared, but no verdict' \
	'b.sh did not run' -- guest crash HARNESS_QEMU_STATUS=1
scenario guest-clock-fast fail 'FAIL fx.clock.host: CLOCK_MONOTONIC advanced 2\.[0-9]* s while the host clock advanced [01]\.[0-9]* s' \
	-- guest fast-clock

# ---- .ci/run, in a sandbox whose `make test` runs a fixture suite --------
C=$W/ci
mkdir -p "$C/.ci" "$C/tools" "$C/test/suites"
ln -s "$ROOT/.ci/run" "$C/.ci/run"
ln -s "$ROOT/tools/run-suites" "$ROOT/tools/suite-lib.sh" "$C/tools/"
cp "$FX/ci-Makefile" "$C/Makefile"
cp "$FX/ci-suite.sh" "$C/test/suites/guest-ci.sh"
ci() {	# [VAR=value...]
	env -u SUITES -u O -u KERNEL -u TERN_SUITES_DIR -u TERN_KNOWN_FAILURES \
		-u TERN_ALLOWED_SKIPS -u MAKEFLAGS -u MAKELEVEL "$@" "$C/.ci/run"
}
scenario ci-green ok '^2 passed, 0 failed$' -- ci
scenario ci-build-breaks-after-green fail 'no result from the tern run' '!^2 passed, 0 failed$' -- ci BROKEN=1
scenario ci-suites-none fail "'none' names no suite" -- ci SUITES=none
scenario ci-names-differ fail 'only on linux: guest-ci ci.linux-only' -- ci HARNESS_MISMATCH=1

# ---- tools/qemu-run: QEMU's own failures are not a guest's verdict -------
echo stale > "$W/stale.log"
scenario qemu-missing-kernel ok '^status 125$' -- \
	bash -c 'tools/qemu-run --kernel /nonexistent --log "$1" --timeout 10; echo "status $?"' _ "$W/stale.log"
echo stale > "$W/stale.log"
qemu_bad() {
	tools/qemu-run --kernel "$O/tern.elf" --log "$W/stale.log" --timeout 20 -- -no-such-option
	echo "status $?"
	[ ! -e "$W/stale.log" ] || echo "STALE: the old log is still there"
}
scenario qemu-fails-to-start ok '^status 125$' '!STALE' -- qemu_bad
exit 0
