#!/usr/bin/env bash
# Tern-only kernel checks.  Boots build/tern.elf with the test initramfs
# plus an overlay whose /ktest-user script (test/kernel-user/run.sh) runs
# test/kernel-user/ktest.c (exec of static-PIE and scripts, auxv, FPU
# state across handlers, hostile sigreturn and syscall arguments, CPU
# and POSIX timers, orphaned process groups, robust futexes, set-user-ID
# exec) and then random system calls, and powers off through reboot(2).
#
# Every check line is reported.  A check that cannot pass yet for a
# reason outside the kernel is listed in test/kernel-user/known-failures
# with the reason: its FAIL becomes SKIP.  The list only shrinks.
set -uo pipefail
O=${O:-build}
ELF=$O/tern.elf
CPIO=$O/ktest/user.cpio
LOG=$O/ktest/kernel-user.log
known=test/kernel-user/known-failures

for f in "$ELF" "$CPIO"; do
	if [ ! -e "$f" ]; then
		echo "FAIL kernel-user: $f missing (make test builds it)"
		exit 1
	fi
done
tools/qemu-run --kernel "$ELF" --initrd "$CPIO" --mem 512M --timeout 600 \
	--append "console=ttyS0 init=/ktest-user" --log "$LOG" >/dev/null
rc=$?
status=0
lines=$(tr -d '\r' < "$LOG" | grep -E '^(PASS|FAIL|SKIP) ')
while IFS= read -r line; do
	[ -n "$line" ] || continue
	name=${line#* }
	name=${name%%:*}
	if [ "${line%% *}" = FAIL ] && grep -qE "^$name[[:space:]]" "$known" 2>/dev/null; then
		why=$(grep -E "^$name[[:space:]]" "$known" | head -n 1 | sed -E 's/^[^[:space:]]+[[:space:]]+//')
		echo "SKIP kernel-user.$name: known failure ($why); ${line#*: }"
	else
		echo "${line%% *} kernel-user.${line#* }"
		[ "${line%% *}" = FAIL ] && status=1
	fi
done <<< "$lines"
if tr -d '\r' < "$LOG" | grep -qx 'KTEST-USER-DONE' && [ "$rc" = 0 ]; then
	echo "PASS kernel-user.poweroff"
else
	echo "FAIL kernel-user.poweroff: no done-marker or no clean power-off (qemu-run $rc, log $LOG)"
	status=1
fi
exit $status
