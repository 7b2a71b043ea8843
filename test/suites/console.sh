#!/usr/bin/env bash
# Issue 3's "Done when", typed by a person: Tern boots into the interactive
# busybox shell (no tern.mode=test) and test/e2e/console.py types at the
# serial console through a pseudo-terminal, as `make run` is used:
#   ls -l /, ps, cat /proc/meminfo, a pipeline, $(...), sleep & with jobs,
#   the Done notice and wait, ^C on sleep 100 ($? = 130), ^Z then jobs and
#   fg then ^C, vi insert/ESC/:wq then cat, top refreshing then q (and its
#   rows showing real VSZ/STAT), the guest clock keeping up with the wall
#   clock, and poweroff -f ending QEMU with success; and no syscall of all
#   that answered ENOSYS.
# Two boot paths: qemu -kernel with -initrd (console-kernel-*) and the GRUB
# ISO that `make run` boots (console-iso-*).  Every step passes on Debian's
# Linux (make console-linux).  A step listed in test/console-known-failures.txt
# that fails is reported as SKIP with its reason; that list only shrinks.
# Transcripts: $O/console/console-{kernel,iso}.log.  CONSOLE_SCALE=2
# doubles every wait on a slow machine.  About a minute under TCG.
set -uo pipefail
O=${O:-build}
KNOWN=test/console-known-failures.txt
LOGS=$O/console
mkdir -p "$LOGS"

# drive NAME TIMEOUT ARGS...: one boot, one PASS/FAIL/SKIP line per step.
drive() {
	local name=$1 limit=$2 out rc
	shift 2
	out=$LOGS/$name.out
	timeout -k 5 "$limit" python3 test/e2e/console.py --name "$name" \
		--known "$KNOWN" --log "$LOGS/$name.log" "$@" | tee "$out"
	rc=${PIPESTATUS[0]}
	if [ "$rc" != 0 ]; then
		echo "FAIL $name-driver: console.py exited with status $rc after $(grep -c '^[A-Z]* ' "$out") steps (transcript $LOGS/$name.log)"
	fi
	# Issue 3: no syscall used by sh, ls, ps, top, vi or /init's mounts is
	# missing.  Tern names each ENOSYS on the console the first time.
	local missing
	missing=$(grep -o 'syscall [0-9]* ([a-z0-9_]*) not implemented' "$LOGS/$name.log" | sort -u | tr '\n' ' ')
	if [ -z "$missing" ]; then
		echo "PASS $name-no-enosys"
	else
		echo "FAIL $name-no-enosys: $missing"
	fi
}

if [ ! -e "$O/tern.elf" ] || [ ! -e "$O/initramfs.cpio" ]; then
	echo "FAIL console-kernel-boot: $O/tern.elf or $O/initramfs.cpio missing (make test builds them)"
else
	drive console-kernel 240 --kernel "$O/tern.elf" --initrd "$O/initramfs.cpio" \
		--append "console=ttyS0"
fi
if [ ! -e "$O/tern.iso" ]; then
	echo "FAIL console-iso-boot: $O/tern.iso missing (make test builds it)"
else
	drive console-iso 240 --iso "$O/tern.iso"
fi
exit 0
