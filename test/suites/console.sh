#!/usr/bin/env bash
# kernels: tern linux
# Issue 3's "Done when", typed by a person: $KERNEL boots into the
# interactive busybox shell (no tern.mode=test) and test/e2e/console.py
# types at the serial console through a pseudo-terminal, as `make run` is
# used:
#   the terminal's size (the login shell's resize asks it; stty size),
#   ls -l /, ps, cat /proc/meminfo, a pipeline, $(...), sleep & with jobs,
#   the Done notice and wait, ^C on sleep 100 ($? = 130), ^Z then jobs and
#   fg then ^C, vi filling the window, insert/ESC/:wq then cat, top refreshing then q (and its
#   rows showing real VSZ/STAT), the guest clock keeping up with the wall
#   clock, df, uptime against /proc/loadavg, hwclock -r against the host,
#   and poweroff (busybox init's) ending QEMU with success; and no syscall of all
#   that answered ENOSYS.
# On Tern, two boot paths: qemu -kernel with -initrd (console-kernel-*)
# and the GRUB ISO that `make run` boots (console-iso-*).  On Linux
# (make test KERNEL=linux; also make console-linux) the -kernel path with
# the same steps: every step is Linux's behaviour.  The ISO (Tern's GRUB
# image) and the ENOSYS report (Tern names each missing syscall on the
# console) are Tern-only.
# Transcripts: $O/console/console-{kernel,iso}-$KERNEL.log.  CONSOLE_SCALE=2
# doubles every wait on a slow machine.  About a minute under TCG.
set -uo pipefail
O=${O:-build}
KERNEL=${KERNEL:-tern}
. tools/suite-lib.sh
LOGS=$O/console
mkdir -p "$LOGS"

# drive NAME TIMEOUT ARGS...: one boot, one PASS/FAIL line per step
# (console.py declares its steps itself).
drive() {
	local name=$1 limit=$2 out log rc
	shift 2
	out=$LOGS/$name-$KERNEL.out
	log=$LOGS/$name-$KERNEL.log
	rm -f "$log"
	plan "$name-driver"
	[ "$KERNEL" = tern ] && plan "$name-no-enosys"
	timeout -k 5 "$limit" python3 test/e2e/console.py --name "$name" \
		--log "$log" "$@" | tee "$out"
	rc=${PIPESTATUS[0]}
	if [ "$rc" = 0 ]; then
		pass "$name-driver"
	else
		fail "$name-driver" "console.py exited with status $rc after $(grep -c '^[A-Z]* ' "$out") lines (transcript $log)"
	fi
	[ "$KERNEL" = tern ] || return 0
	# Issue 3: no syscall used by sh, ls, ps, top, vi or /init's mounts is
	# missing.  Tern names each ENOSYS on the console the first time; the
	# banner shows that this transcript is Tern's console from its boot.
	local missing
	if ! grep -q 'Tern 0.1 (x86_64)' "$log" 2>/dev/null; then
		fail "$name-no-enosys" "no Tern boot banner in $log: the console was not recorded"
		return
	fi
	missing=$(grep -o 'syscall [0-9]* ([a-z0-9_]*) not implemented' "$log" | sort -u | tr '\n' ' ')
	if [ -z "$missing" ]; then
		pass "$name-no-enosys"
	else
		fail "$name-no-enosys" "$missing"
	fi
}

# need NAME FILE...: the files a boot needs, or a FAIL of NAME-boot.
need() {
	local name=$1 f
	shift
	for f in "$@"; do
		[ -e "$f" ] && continue
		plan "$name-boot"
		fail "$name-boot" "$f missing (make test builds it)"
		return 1
	done
}

case "$KERNEL" in
tern)
	need console-kernel "$O/tern.elf" "$O/initramfs.cpio" &&
		drive console-kernel 240 --kernel "$O/tern.elf" --initrd "$O/initramfs.cpio" \
			--append "console=ttyS0"
	need console-iso "$O/tern.iso" && drive console-iso 240 --iso "$O/tern.iso"
	;;
linux)
	need console-kernel "$O/linux/vmlinux" "$O/initramfs-linux.cpio" &&
		drive console-kernel 300 --kernel "$O/linux/vmlinux" \
			--initrd "$O/initramfs-linux.cpio" --append "console=ttyS0 quiet panic=-1"
	;;
esac
exit 0
