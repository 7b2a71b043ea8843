# test/lib/procs.sh - background processes and bounded commands for the
# host-driven suites (test/suites/net-host.sh, guest-e2e*.sh); sourced.
#
# The caller sets LOG (a directory for the logs) and, to run everything
# inside a network namespace it created, NS (unset: the host's own).
#
#   start_bg NAME READY CMD...   start CMD in the background (bounded to
#                                900 s), its output in $LOG/NAME.log; wait
#                                up to 10 s for the regex READY in that log.
#                                The PID is $started_pid, also in pids[].
#   stop_bg PID                  SIGTERM, SIGKILL after 5 s, reap
#   stop_all_bg                  stop_bg every PID in pids[] still alive
#   run NAME TIMEOUT CMD...      run CMD bounded to TIMEOUT seconds, its
#                                output in $LOG/NAME.log and in $out
#   flat TEXT                    TEXT on one line, at most 400 characters
#
# Processes are only ever stopped by the PIDs recorded here.
pids=()
started_pid=
out=

start_bg() {
	local name=$1 ready=$2
	shift 2
	# Not through a shell function: $! must be the process we start
	# (ip netns exec and timeout exec or pass our SIGTERM on), not a
	# subshell.  The timeout bounds it should the caller's trap not run.
	if [ -n "${NS:-}" ]; then
		ip netns exec "$NS" timeout -k 5 900 "$@" > "$LOG/$name.log" 2>&1 &
	else
		timeout -k 5 900 "$@" > "$LOG/$name.log" 2>&1 &
	fi
	started_pid=$!
	pids+=("$started_pid")
	for _ in $(seq 200); do
		grep -q "$ready" "$LOG/$name.log" 2>/dev/null && return 0
		kill -0 "$started_pid" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}

stop_bg() {
	kill "$1" 2>/dev/null
	for _ in $(seq 50); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	_forget "$1"
}

stop_all_bg() {
	local p
	for p in "${pids[@]}"; do
		kill -0 "$p" 2>/dev/null && stop_bg "$p"
	done
}

# In the background and waited for, so that a signal's trap runs at once
# (bash runs traps only between foreground commands, and wait is one) and
# its stop_all_bg stops the command; forgotten once it has ended.
run() {
	local name=$1 t=$2 p rc
	shift 2
	if [ -n "${NS:-}" ]; then
		ip netns exec "$NS" timeout -k 5 "$t" "$@" > "$LOG/$name.log" 2>&1 &
	else
		timeout -k 5 "$t" "$@" > "$LOG/$name.log" 2>&1 &
	fi
	p=$!
	pids+=("$p")
	wait "$p"
	rc=$?
	_forget "$p"
	out=$(tr -d '\0' < "$LOG/$name.log")
	return $rc
}

# _forget PID: drop an ended process from pids[] (its PID may be reused).
_forget() {
	local q keep=()
	for q in "${pids[@]}"; do [ "$q" = "$1" ] || keep+=("$q"); done
	pids=("${keep[@]}")
}

flat() { tr '\n' ' ' <<< "${1:0:400}"; }
