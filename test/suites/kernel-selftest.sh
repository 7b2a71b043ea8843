#!/usr/bin/env bash
# Kernel self-tests and boot paths (see kernel/selftest/ and README.md).
#  - one fast boot through `qemu -kernel` (multiboot1) running test=all
#    with virtio-net attached; one PASS/FAIL line per self-test, plus
#    the boot banner, memory map, PCI devices and the uptime line;
#  - virtio-net on its other paths (INTx, legacy, legacy + INTx, shared
#    MSI-X with a lazy TX device), each with the link taken down and up
#    through QEMU's monitor;
#  - a multiboot1 boot with a module (-initrd): recorded and reserved;
#  - a boot through GRUB from the test ISO (multiboot2, module2).
set -uo pipefail
O=${O:-build}
. tools/suite-lib.sh
ELF=$O/tern.elf
ISO=$O/tern-test.iso
MOD=$O/ktest/module.bin
LOGS=$O/ktest
mkdir -p "$LOGS"

# Self-tests that test=all must run; a test is never dropped from here,
# and one that test=all runs but that is not here fails
# kernel-selftest-summary.
SELFTESTS="alloc kmalloc timer wait mutex pagetable printk boot pci random netplatform netbh virtio_net ioapic uaccess workqueue pipe tty devfs pollfree"
for t in $SELFTESTS; do plan "kernel-selftest-$t"; done
plan kernel-selftest-summary kernel-selftest-verdict kernel-boot-multiboot1 \
	kernel-cmdline-loglevel kernel-cmdline-init-console kernel-selftest-msi \
	kernel-selftest-msix kernel-module-multiboot1 kernel-boot-grub-iso kernel-boot-multiboot2 \
	kernel-virtio-net-intx kernel-virtio-net-legacy kernel-virtio-net-legacy-intx \
	kernel-virtio-net-txq

has() { grep -qF -- "$2" "$1"; }

# boot_checks NAME LOG: the things every normal boot must print.
boot_checks() {
	local name=$1 log=$2 why=
	has "$log" "Tern 0.1 (x86_64)" || why="$why no banner;"
	grep -q '\[mem 0x[0-9a-f]*-0x[0-9a-f]*\] usable' "$log" || why="$why no memory map;"
	grep -Eq 'pci 00:[0-9a-f]{2}\.[0-7] 1af4:(1000|1041) class 02' "$log" || why="$why no virtio-net in PCI list;"
	grep -Eq 'uptime: [0-9]+\.[0-9]{3} s, [0-9]+ ticks' "$log" || why="$why no uptime line;"
	if [ -z "$why" ]; then pass "$name"; else fail "$name" "$why (see $log)"; fi
}

# 1. Fast path: qemu -kernel, all self-tests.
log=$LOGS/selftest-all.log
start=$(date +%s%N)
tools/qemu-run --kernel "$ELF" --append "test=all" --net --timeout 60 --log "$log" >"$LOGS/selftest-all.out" 2>&1
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
for t in $SELFTESTS; do
	if has "$log" "selftest $t: PASS"; then
		pass "kernel-selftest-$t"
	elif has "$log" "selftest $t: FAIL"; then
		fail "kernel-selftest-$t" "$(grep -m1 "selftest $t: FAIL" "$log" | sed 's/^\[[^]]*\] //') (see $log)"
	else
		fail "kernel-selftest-$t" "did not run (qemu-run status $rc, see $log)"
	fi
done
# The kernel's own count: test=all ran exactly the self-tests declared
# above, and all passed.
n=$(wc -w <<< "$SELFTESTS")
ran=$(sed -n 's/^\[[^]]*\] selftest \([a-z0-9_]*\): \(PASS\|FAIL\).*/\1/p' "$log" | sort -u)
undeclared=$(for t in $ran; do grep -qw -- "$t" <<< "$SELFTESTS" || echo "$t"; done | tr '\n' ' ')
summary=$(grep -o 'selftest: [0-9]* passed, [0-9]* failed' "$log" | tail -n 1)
if [ "$summary" = "selftest: $n passed, 0 failed" ] && [ -z "$undeclared" ]; then
	pass kernel-selftest-summary "$summary"
else
	fail kernel-selftest-summary "kernel says '${summary:-nothing}', want 'selftest: $n passed, 0 failed';" \
		"${undeclared:+run but not declared in SELFTESTS: $undeclared}(see $log)"
fi
if [ "$rc" = 0 ]; then
	pass kernel-selftest-verdict "QEMU exited with success after ${ms} ms"
else
	fail kernel-selftest-verdict "qemu-run status $rc (see $log)"
fi
boot_checks kernel-boot-multiboot1 "$log"

# Console log level: by default KERN_DEBUG stays in the ring buffer only;
# loglevel=8 on the command line lets it through to the console.
all=$log log=$LOGS/loglevel.log
tools/qemu-run --kernel "$ELF" --append "console=ttyS0,115200 init=/sbin/tern-probe loglevel=8 test=printk" \
	--timeout 60 --log "$log" >/dev/null 2>&1
rc=$?
if grep -q 'printk probe [0-9]* one' "$all" && ! grep -q 'printk probe [0-9]* two' "$all" &&
   [ "$rc" = 0 ] && grep -q 'printk probe [0-9]* two' "$log"; then
	pass kernel-cmdline-loglevel
else
	fail kernel-cmdline-loglevel "console filtering by level wrong (qemu-run status $rc, see $all, $log)"
fi
if has "$all" "init: /init, console ttyS0" && has "$log" "init: /sbin/tern-probe, console ttyS0,115200"; then
	pass kernel-cmdline-init-console
else
	fail kernel-cmdline-init-console "init=/console= not taken (see $all, $log)"
fi

# Message-signalled interrupts need devices test=all does not have:
# QEMU's edu device raises MSIs on request; virtio-net has MSI-X.
log=$LOGS/msi.log
tools/qemu-run --kernel "$ELF" --append "test=msi,msix" --net --timeout 60 --log "$log" -- -device edu >/dev/null 2>&1
rc=$?
for t in msi msix; do
	if [ "$rc" = 0 ] && has "$log" "selftest $t: PASS"; then
		pass "kernel-selftest-$t"
	else
		fail "kernel-selftest-$t" "qemu-run status $rc (see $log)"
	fi
done

# virtio-net beyond test=all's modern MSI-X device: the same echo test
# on the INTx path (no MSI-X table), the legacy interface, and both; the
# TX software queue with QEMU holding transmissions 200 ms after a kick
# (so a burst fills the ring) on shared MSI-X vectors.  In each boot the
# host takes the link down and up through QEMU's monitor (a Unix socket)
# when virtio_link says it is ready; the network stays user,restrict=on.
# virtio_boot NAME DEVICE-PROPERTIES TESTS EXPECT: EXPECT is the driver's
# "<interface>, <interrupts>" as virtio_net/virtio_link report it.
virtio_boot() {
	local name=$1 props=$2 tests=$3 expect=$4 log=$LOGS/virtio-$1.log mon=$LOGS/virtio-$1.mon why= rc mrc qpid
	rm -f "$mon" "$log"	# qemu-monitor must not read an old run's lines
	tools/qemu-run --kernel "$ELF" --append "test=$tests" --net-opts "$props" --timeout 60 \
		--log "$log" -- -monitor "unix:$mon,server=on,wait=off" >"$LOGS/virtio-$name.out" 2>&1 &
	qpid=$!
	tools/qemu-monitor "$mon" "$log" --timeout 50 \
		"virtio_link: ready for link down" "set_link n0 off" \
		"virtio_link: ready for link up" "set_link n0 on" >"$LOGS/virtio-$name.monitor" 2>&1
	mrc=$?
	wait "$qpid"
	rc=$?
	rm -f "$mon"
	[ "$rc" = 0 ] || why="$why QEMU status $rc;"
	[ "$mrc" = 0 ] || why="$why monitor: $(tail -n 1 "$LOGS/virtio-$name.monitor");"
	for t in ${tests//,/ }; do
		has "$log" "selftest $t: PASS" || why="$why $t did not pass;"
	done
	has "$log" "eth0 $expect:" || why="$why not on the $expect path;"
	if [ -z "$why" ]; then
		pass "kernel-virtio-net-$name" "$(grep -m1 -o 'windowed ([0-9]* in flight) in [0-9]* ms = [0-9]*/s' "$log" || grep -m1 -o 'software queue max [0-9]*, [0-9]* refused' "$log")"
	else
		fail "kernel-virtio-net-$name" "$why (see $log)"
	fi
}
virtio_boot intx vectors=0 virtio_net,virtio_link "modern, INTx"
virtio_boot legacy disable-modern=on virtio_net,virtio_link "legacy, MSI-X"
virtio_boot legacy-intx disable-modern=on,vectors=0 virtio_net,virtio_link "legacy, INTx"
virtio_boot txq vectors=2,tx=timer,x-txtimer=200000000 virtio_net_txq,virtio_link \
	"modern, MSI-X (shared queue vector)"

# 2. A module through multiboot1 (-initrd): recorded, readable, reserved.
log=$LOGS/module-mb1.log
size=$(stat -c %s "$MOD")
tools/qemu-run --kernel "$ELF" --initrd "$MOD" --append "test=module" --timeout 60 --log "$log" >/dev/null 2>&1
rc=$?
if [ "$rc" = 0 ] && has "$log" "initramfs: module 0 at" && has "$log" "module: 0: $size bytes, starts \"TERNMOD1\""; then
	pass kernel-module-multiboot1
else
	fail kernel-module-multiboot1 "qemu-run status $rc, module of $size bytes not reported (see $log)"
fi

# 3. The real boot path: GRUB ISO, multiboot2, module2, virtio-net.
log=$LOGS/iso.log
start=$(date +%s%N)
tools/qemu-run --iso "$ISO" --net --timeout 90 --log "$log" >/dev/null 2>&1
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
why=
[ "$rc" = 0 ] || why="$why QEMU status $rc;"
has "$log" "boot: multiboot2 from GRUB" || why="$why not booted by GRUB multiboot2;"
has "$log" "module: 0: $size bytes, starts \"TERNMOD1\"" || why="$why module2 not reported;"
for t in boot module pci ioapic; do has "$log" "selftest $t: PASS" || why="$why selftest $t did not pass;"; done
if [ -z "$why" ]; then pass kernel-boot-grub-iso "${ms} ms including GRUB"; else fail kernel-boot-grub-iso "$why (see $log)"; fi
boot_checks kernel-boot-multiboot2 "$log"
exit 0
