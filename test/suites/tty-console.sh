#!/usr/bin/env bash
# The serial console as a terminal, driven by keystrokes: Tern boots the
# initramfs into its interactive busybox shell (`make run`'s mode) and this
# script types into the serial port, waiting for each answer before the
# next keystroke.  Checks the line discipline end to end: erase, ^C/^\/^Z
# as signals to the foreground job, canonical reads ended by ^D, the
# default termios and window size, and exit powering off.
set -uo pipefail
O=${O:-build}
ELF=$O/tern.elf
INITRD=$O/initramfs.cpio
LOGS=$O/tty-console
mkdir -p "$LOGS"
out=$LOGS/console.out
fifo=$LOGS/console.in

if [ ! -e "$ELF" ] || [ ! -e "$INITRD" ]; then
	echo "FAIL tty-console: $ELF or $INITRD missing (make test builds them)"
	exit 0
fi

rm -f "$fifo" "$out"
mkfifo "$fifo"
timeout -k 5 180 tools/qemu-run --kernel "$ELF" --initrd "$INITRD" \
	--append "console=ttyS0" --interactive <"$fifo" >"$out" 2>&1 &
qpid=$!
exec 3>"$fifo"

# wait_for REGEX SECONDS: the console output (CRs dropped) has a line
# matching REGEX after the mark set by the last send.
mark=0
wait_for() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		tail -c +"$((mark + 1))" "$out" | tr -d '\r' | grep -Eq -- "$1" && return 0
		kill -0 "$qpid" 2>/dev/null || break
		sleep 0.1
	done
	return 1
}
send() {
	mark=$(stat -c %s "$out")
	printf "$1" >&3
}
check() {	# NAME REGEX SECONDS WHY
	if wait_for "$2" "$3"; then echo "PASS tty-console-$1"; else echo "FAIL tty-console-$1: $4 (see $out)"; fi
}

if wait_for 'busybox shell' 90; then
	sleep 1
	send 'echo ab\177c\r'
	check erase '^ac$' 20 "echo ab<DEL>c did not print ac"

	send 'sleep 30\r'
	wait_for 'sleep 30' 10; sleep 1
	send '\003'
	sleep 0.5
	send 'echo after-int $?\r'
	check isig-intr '^after-int 130$' 20 "^C did not end the foreground job with SIGINT"

	send 'sleep 30\r'
	wait_for 'sleep 30' 10; sleep 1
	send '\034'
	sleep 0.5
	send 'echo after-quit $?\r'
	check isig-quit '^after-quit 131$' 20 "^\\ did not end the foreground job with SIGQUIT"

	send 'sleep 30\r'
	wait_for 'sleep 30' 10; sleep 1
	send '\032'
	check isig-susp 'Stopped' 20 "^Z did not stop the foreground job"
	send 'kill -9 %%1; echo killed-job\r'
	wait_for 'killed-job' 10

	send 'cat\r'
	wait_for '^cat$' 10; sleep 1
	send 'xyz\r'
	wait_for '^xyz$' 10
	send '\004'
	sleep 0.5
	send 'echo cat-done $?\r'
	check canon-eof '^cat-done 0$' 20 "^D did not end cat's canonical read"

	send 'stty -a\r'
	check termios 'speed 38400 baud; rows 24; columns 80' 20 "stty -a: not Linux's default terminal"

	send 'exit\r'
	check exit 'reboot: Power down|Power down' 30 "exit did not power off"
else
	echo "FAIL tty-console-boot: no shell prompt within 90 s (see $out)"
fi
exec 3>&-
# Ends by itself after exit; otherwise stop the QEMU we started.
for ((i = 0; i < 100; i++)); do kill -0 "$qpid" 2>/dev/null || break; sleep 0.1; done
kill "$qpid" 2>/dev/null
wait "$qpid" 2>/dev/null
rm -f "$fifo"
exit 0
