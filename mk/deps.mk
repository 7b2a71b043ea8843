# Build and test dependencies, installed from Debian's packages by name.

DEB_PACKAGES := build-essential qemu-system-x86 grub-pc-bin grub-common \
	xorriso mtools musl-tools cpio libcmocka-dev clang libclang-rt-14-dev \
	iproute2 nftables dpkg-dev linux-libc-dev gdb kmod python3 bzip2 xz-utils

# ping and arping for test/suites/net-host.sh (Linux's side of the link).
DEB_PACKAGES += iputils-ping iputils-arping

# gnuplot draws `make bench`'s chart (mk/bench.mk, tools/bench).
DEB_PACKAGES += gnuplot-nox

# What deps-check looks for: commands, then headers.  Every command a
# suite needs is here, so a missing one is installed, not skipped (a SKIP
# for want of a Debian package fails CI: test/allowed-skips.txt).
DEP_COMMANDS := gcc make qemu-system-x86_64 grub-mkrescue xorriso mformat \
	musl-gcc cpio clang ip dpkg-source python3 ping arping nstat gnuplot
DEP_FILES := /usr/include/cmocka.h /usr/lib/grub/i386-pc/moddep.lst

.PHONY: deps deps-check
deps:
	$(Q)tools/deps install $(DEB_PACKAGES)

deps-check:
	$(Q)tools/deps check "$(DEP_COMMANDS)" "$(DEP_FILES)" $(DEB_PACKAGES)
