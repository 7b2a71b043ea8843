#!/bin/sh
# The LTP subset in the guest (test/ltp-subset/, docs/testing.md): runs
# /ltp/run-ltp on the runtest file (/ltp/runtest/selected when the image
# was built with RUNTEST=..., else /ltp/runtest/tern-net) and turns its
# lines into the harness's: one check ltp.<name> per runtest entry,
# declared before any test runs.
#   PASS                      PASS ltp.<name>
#   CONF                      PASS with the TCONF line as the note, only if
#                             /ltp/tconf-allowed lists <name> for this
#                             kernel ($TERN_KERNEL) with its reason;
#                             otherwise FAIL
#   FAIL, BROK, TIMEOUT       FAIL with the first TFAIL/TBROK line
rt=/ltp/runtest/tern-net
[ -f /ltp/runtest/selected ] && rt=/ltp/runtest/selected
logs=/tmp/ltp-logs
kernel=${TERN_KERNEL:-tern}
allowed=/ltp/tconf-allowed

# LTP's network tests expect the loopback interface up (/init leaves the
# network alone in test mode).
ifconfig lo 127.0.0.1 up || echo "ltp.sh: cannot bring lo up" >&2

names=$(awk '$1 !~ /^#/ && NF { print $1 }' "$rt")
if [ -z "$names" ]; then
	echo "FAIL ltp: runtest file $rt lists no test"
	exit 1
fi
for n in $names; do
	echo "PLAN ltp.$n"
done

# first_line LOG PATTERN: the first line of LOG matching PATTERN, trimmed.
first_line() {
	grep -m 1 -E "$2" "$1" 2>/dev/null | cut -c 1-200
}

# One verdict per runner line, as each test ends.
verdict() {	# NAME VERDICT
	log=$logs/$1.log
	secs=$(cat "$logs/$1.time" 2>/dev/null)
	case "$2" in
	PASS) echo "PASS ltp.$1: ${secs:-?} s" ;;
	CONF)
		why=$(awk -v n="$1" -v k="$kernel" \
			'$1 == n && ($2 == k || $2 == "any") { $1 = $2 = ""; sub(/^ +/, ""); print; exit }' \
			"$allowed")
		msg=$(first_line "$log" 'TCONF:')
		if [ -n "$why" ]; then
			echo "PASS ltp.$1: TCONF accepted ($why): $msg"
			return 0
		fi
		echo "FAIL ltp.$1: TCONF with no accepted reason in /ltp/tconf-allowed: $msg"
		return 1
		;;
	*)
		msg=$(first_line "$log" 'TFAIL:|TBROK:')
		echo "FAIL ltp.$1: $2${msg:+: $msg}"
		return 1
		;;
	esac
}

# Under TCG on a shared machine "returns at once" takes milliseconds and
# a test minutes: LTP's knob for slow machines scales both (the library's
# timeouts, and bounds such as epoll_wait04's 1 ms).  A test that hangs
# all the same is killed by the runner after LTP_RUNNER_LIMIT seconds.
export LTP_TIMEOUT_MUL=${LTP_TIMEOUT_MUL:-10}
export LTP_RUNNER_LIMIT=${LTP_RUNNER_LIMIT:-120}

LTP_LOGDIR=$logs /ltp/run-ltp "$rt" 2>&1 | {
	status=0
	while IFS= read -r line; do
		printf '%s\n' "$line"
		case "$line" in
		"LTP total:"*) ;;
		"LTP "*)
			set -- $line
			verdict "$2" "$3" || status=1
			;;
		esac
	done
	exit $status
}
