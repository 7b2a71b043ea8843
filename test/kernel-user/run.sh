#!/bin/sh
# /ktest-user: the kernel-user suite's init (test/suites/kernel-user.sh).
# Runs the in-guest check programs that exercise processes, memory,
# signals and time on Tern before the full guest suites do, then the
# busybox shell and stress checks, then powers off.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc 2>/dev/null
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/shm
mount -t tmpfs -o mode=1777 tmpfs /dev/shm 2>/dev/null
mount -t tmpfs -o mode=1777 tmpfs /tmp 2>/dev/null
cd /tmp || exit 1
for t in /ktest/ktest /test/syscalls/proc /test/syscalls/mem /test/syscalls/signal /test/syscalls/time \
	/test/stress/forkexec; do
	timeout -s KILL 120 "$t"
	rc=$?
	case $rc in
	0|1) ;;
	*) echo "FAIL ${t##*/}: exited with status $rc" ;;
	esac
done
for t in /test/shell/busybox.sh /test/stress/pipe.sh; do
	timeout -s KILL 120 sh "$t"
done
# Last: random syscalls must not bring the kernel down (stdio is
# /dev/null so nothing random reaches the console or the tty state).
for seed in 1 2; do
	timeout -s KILL 60 /ktest/fuzz 16 5000 $seed < /dev/null > /dev/null 2>&1
done
echo "PASS kernel.syscall_fuzz_survived"
echo KTEST-USER-DONE
poweroff -f
