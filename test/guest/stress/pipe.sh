#!/bin/sh
# Stress: 256 MiB through a pipe between two dd processes (bs=64k), and a
# shell loop of 1,000 fork+exec of an external program.  Both bounded by
# /test/run's per-program time limit.
group=stress
. /test/check.sh

t_pipe_256mib() {
	dd if=/dev/zero bs=64k count=4096 2>/dev/null | dd of=/dev/null bs=64k 2> dd.err
	rc=$?
	want "reader status" $rc 0 || return 1
	grep -q '^268435456 bytes' dd.err || { echo "reader: $(tail -n 1 dd.err)"; return 1; }
}

t_pipe_checksum() {
	a=$(dd if=/dev/urandom bs=64k count=64 2>/dev/null | tee data | md5sum | cut -d' ' -f1)
	b=$(cat data | cat | md5sum | cut -d' ' -f1)
	want "4 MiB through pipes" "$b" "$a"
}

t_shell_exec_1000() {
	i=0
	while [ $i -lt 1000 ]; do
		/bin/true || { echo "round $i failed"; return 1; }
		i=$((i + 1))
	done
	want "rounds" $i 1000
}

check pipe_256mib t_pipe_256mib
check pipe_checksum t_pipe_checksum
check shell_exec_1000 t_shell_exec_1000
finish
