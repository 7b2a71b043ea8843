#!/bin/sh
# busybox syslogd and logger over /dev/log (an AF_UNIX datagram socket).
group=unix_syslog
. /test/check.sh

t_logger() {
	rm -f /dev/log
	syslogd -n -O "$PWD/messages" &
	pid=$!
	i=0
	while [ ! -S /dev/log ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	[ -S /dev/log ] || { echo "syslogd made no /dev/log"; kill $pid; return 1; }
	logger -t tern-test "hello over af_unix"
	logger -p user.err "second message"
	i=0
	while [ $i -lt 100 ]; do
		grep -q "second message" messages 2>/dev/null && break
		sleep 0.05
		i=$((i + 1))
	done
	kill $pid
	wait $pid 2>/dev/null
	rm -f /dev/log
	grep -q "tern-test: hello over af_unix" messages || { echo "missing: $(cat messages)"; return 1; }
	grep -q "user.err.*second message" messages || { echo "missing 2: $(cat messages)"; return 1; }
}

check logger t_logger
finish
