# Host unit tests of fs/: the VFS, ramfs, fd tables and the cpio unpacker
# built for the build machine with ASan and UBSan.  test/unit/fs/shim/
# comes BEFORE include/ so its tern/spinlock.h (a checking flag) and
# tern/mm.h (whole pages) stand in for the kernel's arch-dependent ones;
# every other header is the kernel's own, and shim/host.c implements
# kmalloc, pages, the clock, printk and panic over libc.  Every
# test/unit/fs/test_*.c is one cmocka program.

UNITFS_O := $(O)/unit-fs
UNITFS_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -Itest/unit/fs/shim -Iinclude -Itest/unit/fs -MMD -MP
UNITFS_LDFLAGS := -fsanitize=address,undefined

FS_SRCS := $(sort $(shell find fs -name '*.c' 2>/dev/null))
# Only the host-portable part of fs/ (test/unit/fs/host-srcs.sh says which;
# pipes, select, ttys are kernel-only).
FS_HOST_SRCS := $(shell test/unit/fs/host-srcs.sh)
UNITFS_SHIM_SRCS := $(wildcard test/unit/fs/shim/*.c)
UNITFS_SUPPORT_SRCS := $(filter-out test/unit/fs/test_%.c,$(wildcard test/unit/fs/*.c))
UNITFS_TEST_SRCS := $(sort $(wildcard test/unit/fs/test_*.c))
UNITFS_FS_OBJS := $(FS_HOST_SRCS:%.c=$(UNITFS_O)/%.o)
UNITFS_SUPPORT_OBJS := $(UNITFS_SHIM_SRCS:%.c=$(UNITFS_O)/%.o) \
	$(UNITFS_SUPPORT_SRCS:%.c=$(UNITFS_O)/%.o)
UNITFS_BINS := $(UNITFS_TEST_SRCS:test/unit/fs/%.c=$(UNITFS_O)/bin/%)

.PHONY: unit-fs
unit-fs: $(UNITFS_BINS)
TEST_PREREQS += unit-fs

$(UNITFS_O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(UNITFS_CFLAGS) -c $< -o $@

$(UNITFS_O)/libfs.a: $(UNITFS_FS_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

$(UNITFS_O)/bin/%: $(UNITFS_O)/test/unit/fs/%.o $(UNITFS_SUPPORT_OBJS) $(UNITFS_O)/libfs.a
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTLD  $@")
	$(Q)$(HOSTCC) $(UNITFS_LDFLAGS) -o $@ $^ -lcmocka

# The cpio fuzzer (test/fuzz/fuzz_cpio.c) is built and run by mk/fuzz.mk:
# make fuzz FUZZ_TARGETS=cpio [FUZZ_TIME=60].

-include $(shell find $(UNITFS_O) -name '*.d' 2>/dev/null)

# fs/ is kernel code: it is linked into the kernel too (kernel.mk's
# $(KOBJ)/%.o rule builds it with the kernel's flags and headers), so a
# change that breaks the kernel build of fs/ fails `make`.  Nothing in the
# kernel calls it yet; the syscall layer will call vfs_init() at boot.
KERNEL_OBJS += $(FS_SRCS:%.c=$(KOBJ)/%.o)
