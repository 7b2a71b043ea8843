# The interactive console, typed at like a person (test/suites/console.sh,
# driven by test/e2e/console.py): it boots the GRUB ISO `make run` boots,
# so make test builds it.
#
#   make console-linux    the same keystrokes against Debian's Linux (the
#                         oracle: every step must pass there)

TEST_PREREQS += $(O)/tern.iso

.PHONY: console-linux
console-linux: linux-image
	$(Q)python3 test/e2e/console.py --name console-linux \
		--log $(O)/console/console-linux.log \
		--kernel $(O)/linux/vmlinux --initrd $(O)/initramfs-linux.cpio \
		--append "console=ttyS0 quiet panic=-1"
