#!/usr/bin/env bash
# In-guest suite: every benchmark of bench/ once, at smoke size, on
# $KERNEL (test/guest/bench/smoke.sh; correctness only, never a time).
# The programs come in $O/bench/overlay.cpio on top of the test
# initramfs (mk/bench.mk): tools/guest-suite boots them from a directory
# of links that holds those images under the names it expects.
# The host-side benchmarks (httpd, virtio-net) are not here: they need
# `make bench`'s host half (tools/bench).
# (Tern's -m 16M boot of the small image is kernel-faults' kernel-boot-16M:
# Linux needs far more, and guest-* suites report the same checks on both.)
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
exec env O="$d" tools/guest-suite bench 120
