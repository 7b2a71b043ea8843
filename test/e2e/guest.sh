# test/e2e/guest.sh - boot a guest for a host-driven suite and read its
# results; sourced after test/lib/procs.sh (LOG set).
#
#   boot_guest SUITE TIMEOUT APPEND QEMU-RUN-ARGS...
#       boots $KERNEL (tern or linux) with the test initramfs in the
#       background, kernel command line "console=ttyS0 [quiet panic=-1]
#       tern.mode=test tern.suite=SUITE APPEND", serial console in
#       $CONSOLE; QEMU's PID goes to $LOG/qemu.pid.  Returns 1 (with a
#       FAIL line) if the kernel or image is missing.
#   wait_console REGEX SECONDS   wait (bounded) for a console line
#   wait_guest SECONDS           wait (bounded) for QEMU to end
#   stop_guest                   stop QEMU and qemu-run by PID
#   guest_results NAME           print the guest's PASS/FAIL/SKIP lines and
#                                "# " notes; FAIL lines of its own when the
#                                done-marker is missing, a name repeats or
#                                the guest reported nothing
# The protocol is tools/guest-suite's: /test/run SUITE prints one line per
# check, then TERN-GUEST-DONE.
CONSOLE=
guest_pid=

boot_guest() {
	local suite=$1 timeout=$2 extra=$3 kernel initrd append
	shift 3
	append="tern.mode=test tern.suite=$suite $extra"
	case "${KERNEL:-tern}" in
	tern)
		kernel=$O/tern.elf initrd=$O/initramfs.cpio
		append="console=ttyS0 $append" ;;
	linux)
		kernel=$O/linux/vmlinuz initrd=$O/initramfs-linux.cpio
		# quiet: no kernel messages among the result lines; panic=-1:
		# a panic ends QEMU at once.
		append="console=ttyS0 quiet panic=-1 $append" ;;
	*)
		echo "FAIL $suite.boot: unknown KERNEL=$KERNEL (tern or linux)"
		return 1 ;;
	esac
	for f in "$kernel" "$initrd"; do
		if [ ! -e "$f" ]; then
			echo "FAIL $suite.boot: $f is missing (make test builds it)"
			return 1
		fi
	done
	CONSOLE=$LOG/console.log
	: > "$CONSOLE"
	tools/qemu-run --kernel "$kernel" --initrd "$initrd" --append "$append" \
		--mem 512M --timeout "$timeout" --log "$CONSOLE" "$@" \
		-- -pidfile "$LOG/qemu.pid" > "$LOG/qemu-run.log" 2>&1 &
	guest_pid=$!
	pids+=("$guest_pid")
}

wait_console() {
	local i
	for i in $(seq $(($2 * 10))); do
		tr -d '\r' < "$CONSOLE" | grep -Eq "$1" && return 0
		kill -0 "$guest_pid" 2>/dev/null || break
		sleep 0.1
	done
	tr -d '\r' < "$CONSOLE" | grep -Eq "$1"
}

wait_guest() {
	local i
	for i in $(seq $(($1 * 10))); do
		kill -0 "$guest_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$guest_pid" 2>/dev/null && return 1
	wait "$guest_pid" 2>/dev/null
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
	local name=$1 lines dups
	lines=$(tr -d '\r' < "$CONSOLE" | grep -E '^(PASS|FAIL|SKIP|#) ')
	[ -n "$lines" ] && printf '%s\n' "$lines"
	dups=$(printf '%s\n' "$lines" | awk '$1 != "#" && NF >= 2 { sub(":$", "", $2); print $2 }' |
		sort | uniq -d)
	[ -z "$dups" ] || echo "FAIL $name.unique-names: repeated:" $dups
	grep -Eq '^(PASS|FAIL|SKIP) ' <<< "$lines" ||
		echo "FAIL $name.checks: the guest reported no checks"
	tr -d '\r' < "$CONSOLE" | grep -qx 'TERN-GUEST-DONE' ||
		echo "FAIL $name.done: no done-marker (crash or hang); console log: $CONSOLE;" \
			"$(flat "$(tail -n 3 "$LOG/qemu-run.log")")"
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
