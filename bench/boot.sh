#!/bin/sh
# /test/benchboot/boot.sh: what tools/bench boots to time a boot through
# the GRUB ISO, and to find the smallest -m that works.  Then a short smoke (a fork+exec, a pipe, a
# system call, loopback TCP), and one verdict line: BENCHBOOT ok|fail.
awk '/^(MemTotal|MemFree|MemAvailable):/ { print "BENCHMEM", $1, $2 }' /proc/meminfo
ifconfig lo 127.0.0.1 up
if /bench/proc -s fork_exec && /bench/data -s pipe tcp_stream &&
   /bench/sys -s getppid; then
	echo "BENCHBOOT ok"
else
	echo "BENCHBOOT fail"
fi
exit 0
