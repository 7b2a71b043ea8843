#!/usr/bin/env bash
# In-guest suite: every benchmark of bench/ once, at smoke size, on
# $KERNEL (test/guest/bench/smoke.sh; correctness only, never a time).
# The programs come in $O/bench/overlay.cpio on top of the test
# initramfs (mk/bench.mk): tools/guest-suite boots them from a directory
# of links that holds those images under the names it expects.
# The host-side benchmarks (httpd, virtio-net) are not here: they need
# `make bench`'s host half (tools/bench).
# On Tern it then boots the small image of `make bench`'s min_mem
# (mk/bench.mk: busybox, /init, bench/) with -m 16M and runs the same
# smoke as min_mem (bench/boot.sh): guest-bench.boot_16m (issue 16; Linux
# needs far more, so it is Tern's check only).
# Run time under TCG: 2 s on Tern and 7 s on Linux (its vmlinux) at a
# load of 3; 6 s and 51 s (its vmlinuz) at a load of 9, nearly all of
# it Linux's boot; the benchmarks themselves take a few seconds (20 ms
# loops).
set -u
# The links must hold absolute paths.
O=$(realpath -m "${O:-build}")
d=$O/bench/smoke
mkdir -p "$d"
rm -rf "$d/linux"
ln -sfn "$O/tern.elf" "$d/tern.elf"
ln -sfn "$O/bench/initramfs.cpio" "$d/initramfs.cpio"
ln -sfn "$O/linux" "$d/linux"
ln -sfn "$O/bench/initramfs-linux.cpio" "$d/initramfs-linux.cpio"
O=$d tools/guest-suite bench 120
rc=$?
[ "${KERNEL:-tern}" = tern ] || exit $rc
echo "PLAN guest-bench.boot_16m"
log=$O/bench/boot-16m.log
tools/qemu-run --kernel "$O/tern.elf" --initrd "$O/bench/initramfs-min.cpio" --mem 16M \
	--timeout 60 --log "$log" --append \
	"console=ttyS0 tern.mode=test tern.suite=benchboot tern.net=none tern.kernel=tern" \
	>/dev/null 2>&1
if grep -q '^BENCHBOOT ok' "$log"; then
	echo "PASS guest-bench.boot_16m: $(awk '/^BENCHMEM MemTotal/ { t = $3 }
		/^BENCHMEM MemFree/ { f = $3 } END { print t " kB total, " f " kB free" }' "$log")"
else
	echo "FAIL guest-bench.boot_16m: no 'BENCHBOOT ok' (console log $log)"
	rc=1
fi
exit $rc
