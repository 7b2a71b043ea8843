# check.sh - the shell side of the in-guest check framework; sourced by
# the scripts in test/guest/*/ (installed as /test/check.sh).
#
#   group=NAME; . /test/check.sh
#   check CHECKNAME FUNCTION [ARGS...]
#
# Runs FUNCTION in a subshell from a fresh directory and prints exactly one
# line: `PASS group.CHECKNAME`, or `FAIL group.CHECKNAME: why`, the why
# being the last line the function printed (plus its exit status).  The
# script ends with `finish`, which exits 1 if any check failed.
failed=0
workdir=/tmp/$group.$$
mkdir -p "$workdir"

check() {
	_name=$1
	shift
	_out=$workdir/.out
	(cd "$workdir" && "$@") > "$_out" 2>&1 < /dev/null
	_rc=$?
	if [ "$_rc" = 0 ]; then
		echo "PASS $group.$_name"
	else
		echo "FAIL $group.$_name: status $_rc: $(tail -n 1 "$_out")"
		failed=1
	fi
}

# want WHAT GOT EXPECTED: fails (status 1) with a message unless equal.
want() {
	[ "$2" = "$3" ] && return 0
	echo "$1: got '$2', want '$3'"
	return 1
}

finish() {
	rm -rf "$workdir"
	exit $failed
}
