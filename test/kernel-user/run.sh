#!/bin/sh
# /ktest-user: the kernel-user suite's init (test/suites/kernel-user.sh).
# Runs the Tern-only kernel checks (test/kernel-user/ktest.c), then random
# system calls from many processes, then powers off through reboot(2).
# (The test/guest programs run on Tern in the guest-* suites.)
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc 2>/dev/null
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs -o mode=1777 tmpfs /tmp 2>/dev/null
cd /tmp || exit 1
timeout -s KILL 120 /ktest/ktest
rc=$?
case $rc in
0|1) ;;
*) echo "FAIL kernel.ktest: exited with status $rc" ;;
esac
# Last: random syscalls must not bring the kernel down (stdio is
# /dev/null so nothing random reaches the console or the tty state).
for seed in 1 2; do
	timeout -s KILL 60 /ktest/fuzz 16 5000 $seed < /dev/null > /dev/null 2>&1
done
echo "PASS kernel.syscall_fuzz_survived"
echo KTEST-USER-DONE
poweroff -f
