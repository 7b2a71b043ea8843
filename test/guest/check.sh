# check.sh - the shell side of the in-guest check framework; sourced by
# the scripts in test/guest/*/ (installed as /test/check.sh).
#
#   group=NAME; . /test/check.sh
#   check CHECKNAME FUNCTION      (once per check: registers it)
#   ...
#   finish                        (declares them all, then runs them)
#
# finish first prints `PLAN group.CHECKNAME` for every registered check,
# then runs each FUNCTION in a subshell from a fresh directory, in order,
# and prints exactly one line for it: `PASS group.CHECKNAME`, or
# `FAIL group.CHECKNAME: why`, the why being the last line the function
# printed (plus its exit status).  A check the script never reaches (it
# died) has no verdict, and the host fails it (docs/testing.md).  finish
# exits 1 if any check failed.
failed=0
_checks=
workdir=/tmp/$group.$$
mkdir -p "$workdir"

check() {
	_checks="$_checks $1:$2"
}

_run_check() {
	_name=$1
	shift
	_out=$workdir/.out
	(cd "$workdir" && "$@") > "$_out" 2>&1 < /dev/null
	_rc=$?
	if [ "$_rc" = 0 ]; then
		echo "PASS $group.$_name"
	else
		# One line: the reason loses its control characters.
		echo "FAIL $group.$_name: status $_rc: $(tail -n 1 "$_out" | tr '\000-\037' ' ')"
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
	for _c in $_checks; do
		echo "PLAN $group.${_c%%:*}"
	done
	for _c in $_checks; do
		_run_check "${_c%%:*}" "${_c#*:}"
	done
	rm -rf "$workdir"
	exit $failed
}
