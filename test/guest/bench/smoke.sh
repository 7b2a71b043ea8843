#!/bin/sh
# The benchmarks of bench/ (make bench), each once at smoke size (bench.h:
# -s), so that none rots: a check passes when its program exited 0 and
# printed the benchmark's figures, every one of them verified (a wrong
# byte is a BENCH-FAIL, never a figure).  Nothing here looks at a time.
# /bench/ comes from $O/bench/overlay.cpio (mk/bench.mk), which
# test/suites/guest-bench.sh boots on top of the test initramfs.
group=bench
. /test/check.sh
ifconfig lo 127.0.0.1 up

# run PROG NAME [FIGURE...]: /bench/PROG -s NAME, wanting a BENCH line for
# each FIGURE (default: NAME) and no BENCH-FAIL.
run() {
	prog=$1 name=$2
	shift 2
	[ $# -gt 0 ] || set -- "$name"
	out=$(/bench/"$prog" -s "$name" 2>&1)
	rc=$?
	echo "$out"
	echo "$out" | grep '^BENCH-FAIL' && return 1
	[ "$rc" = 0 ] || { echo "/bench/$prog -s $name: status $rc"; return 1; }
	for f in "$@"; do
		echo "$out" | grep -q "^BENCH $f [0-9]" ||
			{ echo "no figure for $f"; return 1; }
	done
}

for pn in sys:getppid sys:clock_gettime sys:open_close sys:stat sys:sleep_1ms \
	proc:page_touch proc:fork_exec proc:pthread proc:ctx_switch proc:futex_rtt \
	data:pipe data:tcp_stream data:tcp_connect data:udp_rtt data:unix_stream; do
	eval "b_${pn#*:}() { run ${pn%%:*} ${pn#*:}; }"
	check "${pn#*:}" "b_${pn#*:}"
done

# epoll(7): both kernels have it, so figures on both.
b_epoll_echo() {
	out=$(/bench/server -s epoll_echo 2>&1)
	rc=$?
	echo "$out"
	echo "$out" | grep '^BENCH-FAIL' && return 1
	[ "$rc" = 0 ] || { echo "status $rc"; return 1; }
	for f in epoll_echo_rps epoll_echo_p50 epoll_echo_p99; do
		echo "$out" | grep -q "^BENCH $f [0-9]" || { echo "no figure for $f"; return 1; }
	done
}
check epoll_echo b_epoll_echo
finish
