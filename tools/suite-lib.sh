# tools/suite-lib.sh - helpers for the suite scripts (test/suites/*.sh,
# bash), which report in tools/run-suites' protocol (docs/testing.md):
#
#   . tools/suite-lib.sh
#   plan CHECK...          declare checks: one `PLAN CHECK` line each
#   pass CHECK [NOTE...]   `PASS CHECK[: NOTE]`
#   fail CHECK WHY...      `FAIL CHECK: WHY`
#   skip CHECK WHY...      `SKIP CHECK: WHY` (fails the run unless listed
#                          in test/allowed-skips.txt)
#   fail_rest WHY...       FAIL every declared check without a verdict yet
#   skip_rest WHY...       SKIP every declared check without a verdict yet
#   run_cmocka PREFIX SRC_DIR BIN_DIR
#                          the cmocka programs built from SRC_DIR/test_*.c
#
# Reasons are flattened to one line.  The helpers remember which checks
# got a verdict only in the shell that calls them (not in a subshell).

SUITE_PLANNED=()
declare -A SUITE_DONE=()

plan() {
	local c
	for c in "$@"; do
		SUITE_PLANNED+=("$c")
		echo "PLAN $c"
	done
}

_verdict() {
	local word=$1 c=$2 text
	shift 2
	text="$*"
	text=${text//[$'\n\r\t']/ }
	SUITE_DONE[$c]=1
	if [ -n "$text" ]; then echo "$word $c: $text"; else echo "$word $c"; fi
}
pass() { _verdict PASS "$@"; }
fail() { _verdict FAIL "$@"; }
skip() { _verdict SKIP "$@"; }

fail_rest() {
	local c
	for c in "${SUITE_PLANNED[@]}"; do
		[ -n "${SUITE_DONE[$c]:-}" ] || fail "$c" "$@"
	done
}

skip_rest() {
	local c
	for c in "${SUITE_PLANNED[@]}"; do
		[ -n "${SUITE_DONE[$c]:-}" ] || skip "$c" "$@"
	done
}

# run_cmocka PREFIX SRC_DIR BIN_DIR: every SRC_DIR/test_*.c is a cmocka
# program BIN_DIR/test_*, run with TAP output.  Each program is the check
# PREFIX/<program>: it was built, it printed its TAP plan `1..N` (cmocka
# prints it from the program's table before running a test), exactly N
# results followed, and its exit status agrees with them.  So a test that
# crashed the program, or a result line that was lost, fails that check.
# Each test is the check PREFIX/<program>/<test>; cmocka's skip() is a
# SKIP (`not ok N # SKIP test`).  Returns 1 if anything failed.
run_cmocka() {
	local prefix=$1 src=$2 bin=$3 f name out rc want got bad status=0
	local progs=() line t pending= why=
	for f in "$src"/test_*.c; do
		[ -e "$f" ] && progs+=("$(basename "$f" .c)")
	done
	if [ ${#progs[@]} = 0 ]; then
		plan "$prefix/programs"
		fail "$prefix/programs" "no $src/test_*.c"
		return 1
	fi
	plan "${progs[@]/#/$prefix/}"
	for name in "${progs[@]}"; do
		if [ ! -x "$bin/$name" ]; then
			fail "$prefix/$name" "$bin/$name not built"
			status=1
			continue
		fi
		out=$(CMOCKA_MESSAGE_OUTPUT=TAP timeout 300 "$bin/$name" 2>&1)
		rc=$?
		want=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' <<< "$out" | head -n 1)
		got=0 bad=0 pending=
		while IFS= read -r line; do
			# A failed test's diagnostics follow its `not ok` line.
			if [ -n "$pending" ]; then
				case "$line" in
				"# "*) why="$why ${line#\# }"; continue ;;
				*) fail "$pending" "${why:- (no message)}"; pending= ;;
				esac
			fi
			case "$line" in
			"ok "[0-9]*" # SKIP"*|"not ok "[0-9]*" # SKIP"*)
				t=${line#*# SKIP}; t=${t# }
				plan "$prefix/$name/$t"
				skip "$prefix/$name/$t" "cmocka skip()"
				got=$((got + 1)) ;;
			"ok "[0-9]*" - "*)
				t=${line#* - }
				plan "$prefix/$name/$t"
				pass "$prefix/$name/$t"
				got=$((got + 1)) ;;
			"not ok "[0-9]*" - "*)
				t=${line#* - }
				plan "$prefix/$name/$t"
				pending="$prefix/$name/$t" why=
				got=$((got + 1)) bad=$((bad + 1)) ;;
			esac
		done <<< "$out"
		[ -z "$pending" ] || fail "$pending" "${why:- (no message)}"
		if [ -z "$want" ]; then
			fail "$prefix/$name" "no TAP plan line (exit status $rc)"
		elif [ "$got" != "$want" ]; then
			fail "$prefix/$name" "TAP plan 1..$want but $got results (exit status $rc)"
		elif [ "$rc" != 0 ] && [ "$bad" = 0 ]; then
			fail "$prefix/$name" "exit status $rc although every test passed"
		elif [ "$rc" = 0 ] && [ "$bad" != 0 ]; then
			fail "$prefix/$name" "exit status 0 although $bad test(s) failed"
		else
			pass "$prefix/$name" "$got tests"
		fi
		if [ "$rc" != 0 ]; then
			printf '%s\n' "$out" | grep -v '^ok ' | tail -20 >&2
			status=1
		fi
	done
	return $status
}
