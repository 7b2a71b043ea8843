#!/usr/bin/env bash
# When things go wrong: each deliberate crash must end QEMU with a
# failure status AND leave a report naming the functions on the way
# (symbols are embedded at build time).  Too little memory must give a
# clear panic message, not a silent triple fault.
set -uo pipefail
O=${O:-build}
. tools/suite-lib.sh
ELF=$O/tern.elf
LOGS=$O/ktest
mkdir -p "$LOGS"
plan kernel-fault-null-backtrace kernel-fault-write-to-text kernel-fault-invalid-opcode \
	kernel-fault-panic-backtrace kernel-fault-stack-overflow kernel-fault-spinlock-lockup \
	kernel-fault-unknown-test kernel-panic-4M kernel-boot-16M

has() { grep -qF -- "$2" "$1"; }

# crash NAME TEST "expected text"...: boot test=TEST, expect failure + texts.
# (qemu-run removes the log first and reports a QEMU that failed to start
# as status 125, so only this boot's own crash can pass.)
crash() {
	local name=$1 test=$2 log=$LOGS/crash-$2.log why=
	shift 2
	tools/qemu-run --kernel "$ELF" --append "test=$test" --timeout 60 --log "$log" >/dev/null 2>&1
	local rc=$?
	[ "$rc" = 1 ] || why="$why qemu-run status $rc, want 1 (the guest reported failure);"
	for want in "$@"; do has "$log" "$want" || why="$why no \"$want\";"; done
	if [ -z "$why" ]; then pass "$name"; else fail "$name" "$why (see $log)"; fi
}

TRACE=("Call trace:" "] selftest_fault_inner+0x" "] selftest_fault_outer+0x" "] run_one+0x")
crash kernel-fault-null-backtrace fault "CPU exception 14 (#PF page fault), error code 0x0, CR2 0000000000000018" \
	"RIP: 0010:" "RAX: " "R15: " "CR3: " "${TRACE[@]}"
crash kernel-fault-write-to-text wp "CPU exception 14 (#PF page fault), error code 0x3" \
	"write to a present page (protection violation)" "${TRACE[@]}"
crash kernel-fault-invalid-opcode ud "CPU exception 6 (#UD invalid opcode)" "${TRACE[@]}"
crash kernel-fault-panic-backtrace panic "Kernel panic: deliberate panic from the self-test" \
	"] panic+0x" "${TRACE[@]}"
crash kernel-fault-stack-overflow stack "CPU exception 8 (#DF double fault)" \
	"kernel stack overflow: the access hit a stack guard page" "${TRACE[@]}"
crash kernel-fault-spinlock-lockup deadlock 'spinlock lockup: "selftest_lock"' "${TRACE[@]}"
crash kernel-fault-unknown-test nosuchtest "selftest nosuchtest: FAIL (no such test)"

# Too little memory: a clear message.  There is no fixed floor (a 16 MiB
# machine boots, kernel-boot-16M below); 4 MiB leaves under the 2 MiB
# Tern needs free after the kernel and its page metadata.
log=$LOGS/mem4.log
tools/qemu-run --kernel "$ELF" --mem 4M --timeout 60 --log "$log" >/dev/null 2>&1
rc=$?
if [ "$rc" = 1 ] && has "$log" "Kernel panic: not enough memory: " &&
	has "$log" "Tern needs 2048 KiB free to start"; then
	pass kernel-panic-4M
else
	fail kernel-panic-4M "qemu-run status $rc, or no clear message (see $log)"
fi

# A 16 MiB machine (issue 16): the small image of make bench's min_mem
# (mk/bench.mk: busybox, /init, bench/) boots and passes the same smoke
# (bench/boot.sh).  Linux needs far more (min_mem), so this is Tern's.
log=$LOGS/boot-16m.log
tools/qemu-run --kernel "$ELF" --initrd "$O/bench/initramfs-min.cpio" --mem 16M \
	--timeout 60 --log "$log" --append \
	"console=ttyS0 tern.mode=test tern.suite=benchboot tern.net=none tern.kernel=tern" \
	>/dev/null 2>&1
if has "$log" "BENCHBOOT ok"; then
	pass kernel-boot-16M "$(awk '/^BENCHMEM MemTotal/ { t = $3 }
		/^BENCHMEM MemFree/ { f = $3 } END { print t " kB total, " f " kB free" }' "$log")"
else
	fail kernel-boot-16M "no 'BENCHBOOT ok' (console log $log)"
fi
exit 0
