#!/usr/bin/env bash
# kernels: tern linux
# The serial console as a terminal, driven by keystrokes: $KERNEL boots the
# initramfs into its interactive busybox shell (`make run`'s mode) and this
# script types into the serial port, waiting for each answer before the
# next keystroke.  Checks the line discipline end to end: erase, ^C/^\/^Z
# as signals to the foreground job, canonical reads ended by ^D, the
# terminal's initial termios and window size, exit giving a new shell
# (init respawns it) and reboot restarting the machine.
#
# Every expectation is Linux's (make test KERNEL=linux runs this suite on
# Debian's kernel).  What Linux's ttyS0 starts with, booted with
# console=ttyS0: `stty -g` 500:5:cbd:8a3b:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:
# f:17:16:0..., i.e. the console's 9600 baud 8N1 with CREAD, HUPCL and
# CLOCAL set (the serial core applies the console's options), and a 0x0
# window (nobody has told the kernel the terminal's size).
set -uo pipefail
O=${O:-build}
KERNEL=${KERNEL:-tern}
. tools/suite-lib.sh
LOGS=$O/tty-console
mkdir -p "$LOGS"
out=$LOGS/console-$KERNEL.out
fifo=$LOGS/console-$KERNEL.in
plan tty-console-erase tty-console-isig-intr tty-console-isig-quit tty-console-isig-susp \
	tty-console-canon-eof tty-console-termios-modes tty-console-termios-cflag \
	tty-console-winsize tty-console-exit tty-console-reboot

case "$KERNEL" in
tern) image=$O/tern.elf initrd=$O/initramfs.cpio append="console=ttyS0" ;;
linux) image=$O/linux/vmlinux initrd=$O/initramfs-linux.cpio append="console=ttyS0 quiet panic=-1" ;;
*) fail_rest "unknown KERNEL=$KERNEL"; exit 1 ;;
esac
if [ ! -e "$image" ] || [ ! -e "$initrd" ]; then
	fail_rest "$image or $initrd missing (make test builds them)"
	exit 0
fi

rm -f "$fifo" "$out"
mkfifo "$fifo"
timeout -k 5 180 tools/qemu-run --kernel "$image" --initrd "$initrd" \
	--append "$append" --interactive <"$fifo" >"$out" 2>&1 &
qpid=$!
exec 3>"$fifo"

# wait_for REGEX SECONDS: the console output (CRs dropped) has a line
# matching REGEX after the mark set by the last send.
mark=0
since_mark() { tail -c +"$((mark + 1))" "$out" | tr -d '\r'; }
wait_for() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		since_mark | grep -Eq -- "$1" && return 0
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
	if wait_for "$2" "$3"; then pass "tty-console-$1"; else fail "tty-console-$1" "$4 (see $out)"; fi
}

# The login shell's profile asks the terminal for its size (resize, which
# this script does not answer: 3 s, and it flushes what was typed ahead),
# so every first keystroke waits for the prompt.
prompt='tern:[^ ]*# '
if wait_for 'busybox shell' 90 && wait_for "$prompt" 30; then
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

	# stty -g: iflag:oflag:cflag:lflag:the control characters, in hex.
	send 'stty -g; echo termios-done\r'
	if wait_for '^termios-done$' 20; then
		g=$(since_mark | grep -Em1 '^[0-9a-f]+(:[0-9a-f]+){20,}$')
		IFS=: read -r iflag oflag cflag rest <<< "$g"
		modes="$iflag:$oflag:$rest"
		# c_iflag 0x1500: the kernel's ICRNL|IXON plus the IXOFF that
		# busybox init's sane console settings add (it runs the shell).
		want=1500:5:8a3b:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0
		if [ "$modes" = "$want" ]; then
			pass tty-console-termios-modes "$modes"
		else
			fail tty-console-termios-modes "stty -g without c_cflag: $modes, want Linux's $want"
		fi
		if [ "$cflag" = cbd ]; then
			pass tty-console-termios-cflag "c_cflag 0x$cflag: 9600 baud, CS8, CREAD, HUPCL, CLOCAL"
		else
			fail tty-console-termios-cflag "c_cflag 0x$cflag, want Linux's 0xcbd: B9600 (console=ttyS0's default speed), CS8, CREAD, HUPCL, CLOCAL"
		fi
	else
		fail tty-console-termios-modes "stty -g did not answer (see $out)"
		fail tty-console-termios-cflag "stty -g did not answer (see $out)"
	fi

	# busybox stty prints "rows N; columns N;" only for a window that has
	# a size; Linux's ttyS0 has none (0x0) until someone sets it.
	send 'stty -a 2>/dev/null | head -n 1; echo size-done\r'
	if wait_for '^size-done$' 20; then
		first=$(since_mark | grep -Em1 '^speed ')
		if [ -n "$first" ] && ! grep -q 'rows' <<< "$first"; then
			pass tty-console-winsize "$first"
		else
			fail tty-console-winsize "stty -a: '$first', want no rows/columns (Linux's ttyS0 starts with a 0x0 window)"
		fi
	else
		fail tty-console-winsize "stty -a did not answer (see $out)"
	fi

	# /init's busybox init respawns the console shell when it exits, and
	# reboot (SIGTERM to PID 1) restarts the machine: with -no-reboot
	# QEMU ends, successfully, after the kernel's restart message.
	send 'exit\r'
	wait_for "$prompt" 30
	sleep 1
	send 'echo respawned-$((20 + 22))\r'
	check exit '^respawned-42$' 20 "exit did not give a new shell"
	send 'reboot\r'
	if wait_for 'reboot: Restarting system' 30; then
		for ((i = 0; i < 100; i++)); do kill -0 "$qpid" 2>/dev/null || break; sleep 0.1; done
		wait "$qpid"
		st=$?
		if [ "$st" = 0 ]; then
			pass tty-console-reboot
		else
			fail tty-console-reboot "the kernel restarted but qemu-run ended with status $st"
		fi
	else
		fail tty-console-reboot "reboot did not restart the machine (see $out)"
	fi
else
	fail_rest "no shell prompt within 90 s (see $out)"
fi
exec 3>&-
# Ends by itself after reboot; otherwise stop the QEMU we started.
for ((i = 0; i < 100; i++)); do kill -0 "$qpid" 2>/dev/null || break; sleep 0.1; done
kill "$qpid" 2>/dev/null
wait "$qpid" 2>/dev/null
rm -f "$fifo"
exit 0
