#!/bin/sh
# Busybox shell and tools: fork-heavy loops, pipelines, exit statuses,
# job control, traps, text tools, file tools, /proc readers.
group=shell
. /test/check.sh

t_fork_loop() {
	i=0
	while [ $i -lt 200 ]; do
		( : ) || return 1
		/bin/true || return 1
		i=$((i + 1))
	done
	want "iterations" "$i" 200
}

t_exit_status() {
	sh -c 'exit 3'
	want "sh -c 'exit 3'" $? 3 || return 1
	false
	want "false" $? 1 || return 1
	! false || return 1
	/no/such/command 2>/dev/null
	want "missing command" $? 127 || return 1
	sh -c 'kill -TERM $$'
	want "killed by SIGTERM" $? 143
}

t_pipeline_status() {
	false | true
	want "false | true" $? 0 || return 1
	true | false
	want "true | false" $? 1 || return 1
	set -o pipefail
	false | true
	want "pipefail" $? 1
}

t_find_wc() {
	n=$(find / 2>/dev/null | wc -l)
	[ "$n" -gt 400 ] || { echo "find / listed only $n names"; return 1; }
	n=$(find /bin -name busybox | wc -l)
	want "find -name" "$n" 1
}

t_awk_sed_sort() {
	want "awk sum" "$(seq 1 100 | awk '{ s += $1 } END { print s }')" 5050 || return 1
	want "sed" "$(echo hello world | sed 's/world/tern/')" "hello tern" || return 1
	want "sed -n" "$(seq 1 5 | sed -n '2p;4p' | tr '\n' ' ')" "2 4 " || return 1
	want "sort uniq" "$(printf '3\n1\n2\n3\n10\n' | sort -n | uniq | tr '\n' ' ')" "1 2 3 10 " || return 1
	want "sort -r" "$(printf 'b\na\nc\n' | sort -r | head -n 1)" c || return 1
	want "uniq -c" "$(printf 'a\na\nb\n' | uniq -c | awk '{ print $1 $2 }' | tr '\n' ' ')" "2a 1b "
}

t_text_pipeline() {
	seq 1 2000 | awk '{ print $1 % 7, $1 }' > pairs
	want "wc -l" "$(wc -l < pairs)" 2000 || return 1
	want "grep -c" "$(grep -c '^0 ' pairs)" 285 || return 1
	want "cut|sort|uniq" "$(cut -d' ' -f1 pairs | sort -u | wc -l)" 7 || return 1
	want "head|tail" "$(head -n 10 pairs | tail -n 1 | cut -d' ' -f2)" 10 || return 1
	want "tr" "$(echo Tern | tr a-z A-Z)" TERN || return 1
	want "xargs" "$(seq 1 10 | xargs echo | wc -w)" 10
}

t_substitution_heredoc() {
	x=$(echo a; echo b)
	want "command substitution" "$x" "a
b" || return 1
	y=$(cat <<END
line $((6 * 7))
END
)
	want "here-document" "$y" "line 42" || return 1
	v=outer
	(v=inner)
	want "subshell isolation" "$v" outer || return 1
	export TERN_VAR=exported
	want "export" "$(sh -c 'echo $TERN_VAR')" exported
}

t_redirections() {
	echo one > f
	echo two >> f
	want "append" "$(cat f | tr '\n' ' ')" "one two " || return 1
	sh -c 'echo err >&2' 2> e
	want "2>" "$(cat e)" err || return 1
	exec 3> g
	echo three >&3
	exec 3>&-
	want "exec 3>" "$(cat g)" three || return 1
	read -r first < f
	want "read <" "$first" one
}

t_background_wait() {
	(exit 7) &
	wait $!
	want "wait status" $? 7 || return 1
	sleep 30 &
	p=$!
	kill $p
	wait $p
	want "killed background job" $? 143 || return 1
	sleep 0.2 & sleep 0.1 &
	wait
	want "wait all" $? 0
}

# Job control needs the terminal: a script of its own reads /dev/tty (the
# console, the runner's controlling terminal) as stdin.
t_job_control() {
	cat > jc <<'END'
set -m
case $- in *m*) ;; *) echo "set -m had no effect"; exit 1 ;; esac
sleep 30 &
p=$!
echo "pgrp=$(cut -d' ' -f5 /proc/$p/stat) pid=$p"
kill -STOP $p
i=0
while [ $i -lt 100 ]; do
	jobs > j1
	grep -q Stopped j1 && break
	sleep 0.1
	i=$((i + 1))
done
bg
jobs > j2
kill $p
wait $p 2>/dev/null
sh -c 'exit 5' &
fg > /dev/null
echo "fg=$?"
END
	sh ./jc < /dev/tty > jc.out 2>&1
	pgrp=$(sed -n 's/^pgrp=\([0-9]*\) pid=.*/\1/p' jc.out)
	pid=$(sed -n 's/^pgrp=[0-9]* pid=\([0-9]*\)$/\1/p' jc.out)
	want "background job's own process group" "$pgrp" "$pid" || return 1
	grep -q Stopped j1 || { echo "jobs after SIGSTOP: $(cat j1)"; return 1; }
	grep -q Running j2 || { echo "jobs after bg: $(cat j2)"; return 1; }
	want "fg status" "$(grep '^fg=' jc.out)" "fg=5" || return 1
	# The terminal is handed back to us: /proc/self/stat field 8 (tpgid).
	want "foreground group restored" "$(cut -d' ' -f8 /proc/self/stat)" \
		"$(cut -d' ' -f5 /proc/self/stat)"
}

t_trap() {
	out=$(sh -c 'trap "echo caught" USR1; kill -USR1 $$; echo after')
	want "trap USR1" "$out" "caught
after" || return 1
	out=$(sh -c 'trap "echo bye" EXIT; exit 0')
	want "trap EXIT" "$out" bye || return 1
	out=$(sh -c 'trap "" INT; kill -INT $$; echo survived')
	want "ignored INT" "$out" survived
}

t_ps_top() {
	sleep 5 &
	p=$!
	ps > pl
	grep -q "^ *$p .*sleep 5" pl || { echo "ps: $(grep sleep pl)"; kill $p; return 1; }
	top -b -n 1 > tl
	kill $p
	grep -q PID tl || { echo "top: $(head -n 3 tl)"; return 1; }
	grep -q '^Mem:' tl || { echo "top has no Mem: line"; return 1; }
}

t_mount_tmpfs() {
	mkdir m
	mount -t tmpfs -o size=1m none m || return 1
	echo data > m/f
	grep -q " $PWD/m tmpfs " /proc/mounts || { echo "not in /proc/mounts"; umount m; return 1; }
	umount m || return 1
	[ ! -e m/f ] || { echo "file still there after umount"; return 1; }
}

t_dd_devices() {
	want "dd /dev/zero" "$(dd if=/dev/zero bs=4k count=256 2>/dev/null | wc -c)" 1048576 || return 1
	want "dd /dev/urandom" "$(dd if=/dev/urandom bs=512 count=1 2>/dev/null | wc -c)" 512 || return 1
	dd if=/dev/zero of=/dev/full bs=1 count=1 2> full.err && { echo "/dev/full took a write"; return 1; }
	# null(4): writes to /dev/full fail with ENOSPC.
	grep -q 'No space left on device' full.err || { echo "/dev/full: $(cat full.err)"; return 1; }
}

t_file_tools() {
	mkdir -p a/b/c
	echo x > a/b/c/file
	cp -r a a2
	want "cp -r" "$(cat a2/b/c/file)" x || return 1
	mv a2 a3
	[ -d a3 ] && [ ! -e a2 ] || { echo "mv"; return 1; }
	ln -s a3/b/c/file sym
	want "ln -s" "$(readlink sym)" a3/b/c/file || return 1
	chmod 751 a3/b/c/file
	want "stat -c" "$(stat -c %a a3/b/c/file)" 751 || return 1
	touch -d '2001-02-03 04:05:06' old
	want "touch -d" "$(date -r old +%Y)" 2001 || return 1
	rm -r a3
	[ ! -e a3 ] || { echo "rm -r"; return 1; }
	want "ls" "$(ls -d a/b)" a/b || return 1
	seq 1 20000 > big
	# The digest of `seq 1 20000` (computed on the build machine).
	want "md5sum of a file" "$(md5sum big | cut -d' ' -f1)" e071f707df7bbeee2a6a1eb48011ddd0 || return 1
	want "md5sum of a pipe" "$(cat big | md5sum | cut -d' ' -f1)" e071f707df7bbeee2a6a1eb48011ddd0
}

t_archive_tools() {
	seq 1 5000 > nums
	want "gzip round trip" "$(gzip -c nums | gunzip -c | wc -l)" 5000 || return 1
	mkdir t
	echo inside > t/f
	tar cf t.tar t || return 1
	mkdir u
	tar xf t.tar -C u || return 1
	want "tar round trip" "$(cat u/t/f)" inside
}

t_identity() {
	want "uname -s" "$(uname -s)" Linux || return 1
	want "uname -m" "$(uname -m)" x86_64 || return 1
	want "id -u" "$(id -u)" 0 || return 1
	want "whoami" "$(whoami)" root || return 1
	want "id nobody" "$(id -u nobody)" 65534 || return 1
	want "nobody's group" "$(id -gn nobody)" nobody
}

t_time_tools() {
	t0=$(date +%s)
	sleep 1
	t1=$(date +%s)
	# Whole seconds: 1 s of sleep (and a little more) reads as 1 or 2.
	[ $((t1 - t0)) -ge 1 ] && [ $((t1 - t0)) -le 2 ] || { echo "sleep 1 took $((t1 - t0)) s"; return 1; }
	[ "$t0" -gt 1577836800 ] || { echo "date says $(date)"; return 1; }
	dmesg > d || { echo "dmesg failed"; return 1; }
	[ -s d ] || { echo "dmesg printed nothing"; return 1; }
}

t_su_nobody() {
	want "su nobody" "$(su -s /bin/sh nobody -c 'id -u' 2>&1)" 65534
}

check fork_loop t_fork_loop
check exit_status t_exit_status
check pipeline_status t_pipeline_status
check find_wc t_find_wc
check awk_sed_sort t_awk_sed_sort
check text_pipeline t_text_pipeline
check substitution_heredoc t_substitution_heredoc
check redirections t_redirections
check background_wait t_background_wait
check trap t_trap
check ps_top t_ps_top
check mount_tmpfs t_mount_tmpfs
check dd_devices t_dd_devices
check file_tools t_file_tools
check archive_tools t_archive_tools
check identity t_identity
check time_tools t_time_tools
check su_nobody t_su_nobody
# Last: it hands the terminal around.
check job_control t_job_control
finish
