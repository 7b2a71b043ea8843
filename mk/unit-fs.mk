# Host unit tests of fs/: the VFS, ramfs, fd tables and the cpio unpacker
# built for the build machine with ASan and UBSan.  test/unit/fs/shim/
# comes BEFORE include/ so its tern/spinlock.h (a checking flag) stands in
# for the kernel's arch-dependent one; every other header is the kernel's
# own, and shim/host.c implements kmalloc, the clock, printk and panic
# over libc.  Every test/unit/fs/test_*.c is one cmocka program.

UNITFS_O := $(O)/unit-fs
UNITFS_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -Itest/unit/fs/shim -Iinclude -Itest/unit/fs -MMD -MP
UNITFS_LDFLAGS := -fsanitize=address,undefined

FS_SRCS := $(sort $(shell find fs -name '*.c' 2>/dev/null))
UNITFS_SHIM_SRCS := $(wildcard test/unit/fs/shim/*.c)
UNITFS_SUPPORT_SRCS := $(filter-out test/unit/fs/test_%.c,$(wildcard test/unit/fs/*.c))
UNITFS_TEST_SRCS := $(sort $(wildcard test/unit/fs/test_*.c))
UNITFS_FS_OBJS := $(FS_SRCS:%.c=$(UNITFS_O)/%.o)
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

# libFuzzer target for the cpio unpacker (make fuzz-cpio; run it briefly
# with FUZZ_SECONDS).  Not part of `make test`.
FUZZ_CPIO_BIN := $(O)/fuzz/fuzz_cpio
FUZZ_SECONDS ?= 30
.PHONY: fuzz-cpio
$(FUZZ_CPIO_BIN): test/fuzz/fuzz_cpio.c $(FS_SRCS) $(UNITFS_SHIM_SRCS) $(wildcard fs/*.h fs/*/*.h include/tern/*.h include/uapi/*.h)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  FUZZ    $@")
	$(Q)clang -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Itest/unit/fs/shim -Iinclude -Itest/unit/fs \
		-o $@ test/fuzz/fuzz_cpio.c $(FS_SRCS) $(UNITFS_SHIM_SRCS)
# Seeds: small real archives (newc and crc) written by cpio(1).
fuzz-cpio: $(FUZZ_CPIO_BIN)
	$(Q)rm -rf $(O)/fuzz/cpio-seed && mkdir -p $(O)/fuzz/cpio-seed/t/d $(O)/fuzz/cpio-corpus
	$(Q)cd $(O)/fuzz/cpio-seed/t && echo hi > d/f && ln -s f d/l && ln d/f d/h && \
		mkfifo d/p && find . | cpio --quiet -o -H newc > ../../cpio-corpus/seed-newc && \
		find . | cpio --quiet -o -H crc > ../../cpio-corpus/seed-crc
	$(Q)$(FUZZ_CPIO_BIN) -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
		-dict=test/fuzz/cpio.dict $(O)/fuzz/cpio-corpus

-include $(shell find $(UNITFS_O) -name '*.d' 2>/dev/null)

# fs/ is kernel code: compile it with the kernel's own flags and headers
# too (not linked yet; the syscall layer will add it to KERNEL_OBJS).
FSK_OBJS := $(FS_SRCS:%.c=$(O)/kobj-fscheck/%.o)
.PHONY: fs-kcheck
fs-kcheck: $(FSK_OBJS)
TEST_PREREQS += fs-kcheck
$(O)/kobj-fscheck/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  KCC     $<")
	$(Q)$(KCC) $(KCFLAGS) -c $< -o $@
