#!/usr/bin/env bash
# kernels: tern linux
# Kernel checks from user space that the guest-* suites do not make: boots
# $KERNEL with the test initramfs plus an overlay whose /ktest-user script
# (test/kernel-user/run.sh) runs test/kernel-user/ktest.c (exec of
# static-PIE and scripts, auxv, FPU state across handlers, hostile
# sigreturn and syscall arguments, CPU and POSIX timers, orphaned process
# groups, robust futexes, set-user-ID exec), a page-leak check and random
# system calls from 16 processes, and powers off.
#
# On Linux (make test KERNEL=linux) the same image runs with
# tern.kernel=linux: every check that Linux can judge runs there too, and
# the Tern-only ones say why they are not (CHECK_TERN_ONLY in ktest.c,
# shown as `# ...: Tern-only` notes).  Check names are the guest's with
# `kernel-user.` in front; the guest declares them (PLAN) before running.
set -uo pipefail
O=${O:-build}
KERNEL=${KERNEL:-tern}
. tools/suite-lib.sh
plan kernel-user.poweroff
case "$KERNEL" in
tern)
	image=$O/tern.elf cpio=$O/ktest/user.cpio append="console=ttyS0 init=/ktest-user" ;;
linux)
	# Linux starts an initramfs's rdinit= (init= is for a root file system).
	image=$O/linux/vmlinux cpio=$O/ktest/user-linux.cpio
	append="console=ttyS0 quiet panic=-1 rdinit=/ktest-user" ;;
*)
	fail kernel-user.poweroff "unknown KERNEL=$KERNEL"; exit 1 ;;
esac
LOG=$O/ktest/kernel-user-$KERNEL.log

for f in "$image" "$cpio"; do
	if [ ! -e "$f" ]; then
		fail kernel-user.poweroff "$f missing (make test builds it)"
		exit 1
	fi
done
tools/qemu-run --kernel "$image" --initrd "$cpio" --mem 512M --timeout 600 \
	--append "$append tern.kernel=$KERNEL" --log "$LOG" >/dev/null
rc=$?
# The guest's protocol lines, named under this suite; and every line with
# a verdict glued to other text, as it is (tools/run-suites fails it).
tr -d '\r' < "$LOG" | sed -nE 's/^(PLAN|PASS|FAIL|SKIP) /\1 kernel-user./p
	/^(PLAN|PASS|FAIL|SKIP) /d
	s/^# ([^ ]*: Tern-only)/# kernel-user.\1/p
	s/^# (phase .*)/# kernel-user: \1/p
	/(PASS|FAIL|SKIP|PLAN) [A-Za-z0-9_.\/+-]/p'
if tr -d '\r' < "$LOG" | grep -qx 'KTEST-USER-DONE' && [ "$rc" = 0 ]; then
	pass kernel-user.poweroff
else
	fail kernel-user.poweroff "no done-marker or no clean power-off (qemu-run status $rc, log $LOG)"
fi
exit 0
