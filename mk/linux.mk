# Linux as the oracle: Debian's own kernel (linux-image-amd64's current
# image package, downloaded and extracted, never installed) boots the same
# initramfs, plus its virtio-net modules under /lib/modules.
#
#   make linux-image           $(O)/linux/vmlinuz, $(O)/initramfs-linux.cpio,
#                              and $(O)/linux/vmlinux, the same kernel
#                              decompressed, which QEMU boots through its
#                              PVH entry (tools/linux-vmlinux says why)
#   make test KERNEL=linux     the guest-* suites on Linux
#   make run-linux             an interactive shell on Linux (Ctrl-A X quits)
#
# The download happens only for KERNEL=linux (or when asked for by name).

LINUX_DIR := $(O)/linux
LINUX_APPEND := console=ttyS0

.PHONY: linux-image run-linux
linux-image: $(LINUX_DIR)/release $(LINUX_DIR)/vmlinux $(O)/initramfs-linux.cpio

$(LINUX_DIR)/release: tools/linux-image
	@echo "  FETCH   linux-image-amd64 -> $(LINUX_DIR)"
	$(Q)tools/linux-image $(LINUX_DIR)

$(LINUX_DIR)/vmlinux: $(LINUX_DIR)/release tools/linux-vmlinux
	@echo "  UNPACK  $@"
	$(Q)tools/linux-vmlinux $(LINUX_DIR)/vmlinuz $@

$(O)/initramfs-linux.cpio: $(O)/initramfs.cpio $(LINUX_DIR)/release
	@echo "  CPIO    $@"
	$(Q)python3 initramfs/mkcpio.py $@ --tree $(INITRAMFS_ROOT) \
		--tree $(LINUX_DIR)/modroot --node /dev/console c 5 1 600

run-linux: linux-image
	$(Q)tools/qemu-run --interactive $(RUN_NET) --kernel $(LINUX_DIR)/vmlinux \
		--initrd $(O)/initramfs-linux.cpio --append "$(LINUX_APPEND)"

# test/suites/kernel-user.sh on Linux: the same overlay on Linux's image.
KTEST_USER_LINUX_CPIO := $(O)/ktest/user-linux.cpio
$(KTEST_USER_LINUX_CPIO): $(O)/initramfs-linux.cpio $(KTEST_USER_CPIO)
	$(if $(Q),@echo "  CPIO    $@")
	$(Q)cat $(O)/initramfs-linux.cpio $(O)/ktest/user-overlay.cpio > $@

ifeq ($(KERNEL),linux)
TEST_PREREQS += linux-image $(KTEST_USER_LINUX_CPIO)
else ifneq ($(wildcard $(LINUX_DIR)/release),)
# Linux was fetched before: its image follows every rebuild of ours, so a
# later `make test-run KERNEL=linux` never boots stale check programs.
TEST_PREREQS += $(O)/initramfs-linux.cpio $(KTEST_USER_LINUX_CPIO)
endif
