# test/e2e/guest.sh - boot a guest for a host-driven suite and read its
# results; sourced after test/lib/procs.sh (LOG set).
#
#   boot_guest SUITE TIMEOUT APPEND QEMU-RUN-ARGS...
#       boots $KERNEL (tern or linux) with the test initramfs in the
#       background, kernel command line "console=ttyS0 [quiet panic=-1]
#       tern.mode=test tern.suite=SUITE tern.kernel=K APPEND", as
#       tools/guest-suite boots its guests, serial console in
#       $CONSOLE; QEMU's PID goes to $LOG/qemu.pid.  Returns 1 (every
#       declared check failed) if the kernel or image is missing.
#   wait_console REGEX SECONDS   wait (bounded) for a console line
#   wait_guest SECONDS           wait (bounded) for QEMU to end; its
#                                qemu-run status in $guest_rc
#   stop_guest                   stop QEMU and qemu-run by PID
#   guest_results CHECK          pass on the guest's report: its PLAN,
#                                PASS, FAIL and SKIP lines, any console
#                                line with a verdict word glued to other
#                                text (tools/run-suites fails those), and
#                                "# " notes; then the verdict of CHECK
#                                (declared by the caller): the done-marker
#                                came and QEMU ended cleanly
# The guest's side is tools/guest-suite's: /test/run SUITE runs the
# scripts of test/guest/SUITE/ (test/guest/check.sh declares and reports
# their checks), then prints TERN-GUEST-DONE.  Uses tools/suite-lib.sh.
CONSOLE=
guest_pid=
guest_rc=

boot_guest() {
	local suite=$1 timeout=$2 extra=$3 kernel initrd append
	shift 3
	append="tern.mode=test tern.suite=$suite tern.kernel=${KERNEL:-tern} $extra"
	case "${KERNEL:-tern}" in
	tern)
		kernel=$O/tern.elf initrd=$O/initramfs.cpio
		append="console=ttyS0 $append" ;;
	linux)
		kernel=$O/linux/vmlinux initrd=$O/initramfs-linux.cpio
		# quiet: no kernel messages among the result lines; panic=-1:
		# a panic ends QEMU at once.
		append="console=ttyS0 quiet panic=-1 $append" ;;
	*)
		fail_rest "unknown KERNEL=$KERNEL (tern or linux)"
		return 1 ;;
	esac
	for f in "$kernel" "$initrd"; do
		if [ ! -e "$f" ]; then
			fail_rest "$f is missing (make test builds it)"
			return 1
		fi
	done
	CONSOLE=$LOG/console.log
	tools/qemu-run --kernel "$kernel" --initrd "$initrd" --append "$append" \
		--mem 512M --timeout "$timeout" --log "$CONSOLE" "$@" \
		-- -pidfile "$LOG/qemu.pid" > "$LOG/qemu-run.log" 2>&1 &
	guest_pid=$!
	pids+=("$guest_pid")
}

# The console log, or nothing before qemu-run has made it anew.
_console() { [ -e "$CONSOLE" ] && tr -d '\r' < "$CONSOLE"; }

wait_console() {
	local i
	for i in $(seq $(($2 * 10))); do
		_console | grep -Eq "$1" && return 0
		kill -0 "$guest_pid" 2>/dev/null || break
		sleep 0.1
	done
	_console | grep -Eq "$1"
}

wait_guest() {
	local i
	for i in $(seq $(($1 * 10))); do
		kill -0 "$guest_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$guest_pid" 2>/dev/null && return 1
	wait "$guest_pid" 2>/dev/null
	guest_rc=$?
	_forget "$guest_pid"
}

stop_guest() {
	local q
	q=$(cat "$LOG/qemu.pid" 2>/dev/null)
	if [ -n "$q" ] && kill -0 "$q" 2>/dev/null &&
	   grep -q qemu-system "/proc/$q/cmdline" 2>/dev/null; then
		stop_bg "$q"
	fi
	[ -n "$guest_pid" ] && kill -0 "$guest_pid" 2>/dev/null && stop_bg "$guest_pid"
	return 0
}

guest_results() {
	local done=$1
	_console | grep -E '^# |(PASS|FAIL|SKIP|PLAN) [A-Za-z0-9_./+-]'
	if ! _console | grep -qx 'TERN-GUEST-DONE'; then
		fail "$done" "no done-marker (crash or hang); console log: $CONSOLE;" \
			"$(flat "$(tail -n 3 "$LOG/qemu-run.log")")"
	elif [ "$guest_rc" != 0 ]; then
		fail "$done" "QEMU did not end cleanly after the done-marker" \
			"(qemu-run status ${guest_rc:-none: still running}); console log: $CONSOLE"
	else
		pass "$done"
	fi
}

# free_ports N: N distinct TCP ports free on 127.0.0.1 right now.
free_ports() {
	python3 -c '
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))' "$1"
}
