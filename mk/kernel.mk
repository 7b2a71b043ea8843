# The kernel: `make` builds $(O)/tern.elf, `make iso` a GRUB rescue ISO,
# `make run` boots that ISO interactively, `make debug` waits for gdb.
#
# The kernel is freestanding x86_64 C (-mcmodel=kernel, no red zone, no
# SSE/x87 registers), linked twice: the first link's `nm` output becomes
# the symbol table (kernel/mkkallsyms.sh) linked into the second, so
# backtraces print function names.  The table sits after .rodata, so
# the second link moves no function; we check that.
#
# Other areas add objects to the kernel with `KERNEL_OBJS += $(O)/kobj/...`
# and a rule for them; the link picks them up (secondary expansion).

, := ,
KCC      := $(CROSS_COMPILE)gcc
KLD      := $(CROSS_COMPILE)ld
KNM      := $(CROSS_COMPILE)nm
KREADELF := $(CROSS_COMPILE)readelf

KERNEL_ELF := $(O)/tern.elf
KERNEL_ISO := $(O)/tern.iso
KOBJ       := $(O)/kobj

KERNEL_DIRS := arch/x86_64 kernel mm drivers lib net ipc
# arch/x86_64/vdso/ is user code, built by mk/vdso.mk.
KERNEL_SRCS := $(filter-out arch/x86_64/vdso/%,\
	$(sort $(shell find $(KERNEL_DIRS) -name '*.c' -o -name '*.S' 2>/dev/null)))
KERNEL_OBJS += $(patsubst %,$(KOBJ)/%.o,$(basename $(KERNEL_SRCS)))

KCFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie -mcmodel=kernel \
	-mno-red-zone -mgeneral-regs-only -mno-mmx -mno-sse -mno-sse2 -mno-avx \
	-fno-stack-protector -fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-shrink-wrap \
	-fno-asynchronous-unwind-tables -fno-strict-aliasing -fno-common \
	-Wall -Wextra -Werror -Wvla -Wmissing-prototypes -Wstrict-prototypes \
	-nostdinc -isystem $(shell $(KCC) -print-file-name=include) \
	-Iinclude -Iarch/x86_64/include -MMD -MP
KAFLAGS := -D__ASSEMBLY__ -g -Iinclude -Iarch/x86_64/include -MMD -MP
KLDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments \
	-T arch/x86_64/kernel.ld

# Test products: a boot module with known contents, and a GRUB ISO whose
# command line runs the boot self-tests with that module.
KTEST_MODULE := $(O)/ktest/module.bin
KTEST_ISO := $(O)/tern-test.iso
TEST_PREREQS += $(KERNEL_ELF) $(KTEST_MODULE) $(KTEST_ISO)

# test/suites/kernel-user.sh: the test initramfs plus an overlay archive
# (concatenated, as Linux accepts) holding its /ktest-user script.
ifneq ($(wildcard mk/initramfs.mk),)
KTEST_USER_CPIO := $(O)/ktest/user.cpio
TEST_PREREQS += $(KTEST_USER_CPIO)
$(O)/ktest/user-root/ktest/ktest: test/kernel-user/ktest.c test/guest/check.h $(UAPI_DIR)/.stamp
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  MUSLCC  $@")
	$(Q)$(MUSL_CC) $(GUEST_CFLAGS) -o $@ $<
$(O)/ktest/user-root/ktest/sockfuzz: test/kernel-user/sockfuzz.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  MUSLCC  $@")
	$(Q)$(MUSL_CC) $(GUEST_CFLAGS) -o $@ $<
$(O)/ktest/user-root/ktest/fuzz: test/kernel-user/fuzz.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  MUSLCC  $@")
	$(Q)$(MUSL_CC) $(GUEST_CFLAGS) -o $@ $<
$(O)/ktest/user-root/ktest/dyn: test/kernel-user/dyn.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  MUSLCC  $@")
	$(Q)$(MUSL_CC) -O2 -o $@ $<
# musl's dynamic loader is its libc.so (Debian's musl-dev installs it here).
MUSL_LIBC_SO := $(firstword $(wildcard /usr/lib/x86_64-linux-musl/libc.so /usr/lib/musl/lib/libc.so))
$(O)/ktest/user-root/lib/ld-musl-x86_64.so.1: $(MUSL_LIBC_SO)
	@mkdir -p $(dir $@)
	$(Q)test -n "$(MUSL_LIBC_SO)" || { echo "kernel-user: musl's libc.so not found" >&2; exit 1; }
	$(Q)install -m 755 $(MUSL_LIBC_SO) $@
$(O)/ktest/user-root/ktest/pie: test/kernel-user/pie.S
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  AS      $@")
	$(Q)$(HOSTCC) -nostdlib -static-pie -fPIE -o $@ $<
$(KTEST_USER_CPIO): $(O)/initramfs.cpio test/kernel-user/run.sh initramfs/mkcpio.py \
		$(O)/ktest/user-root/ktest/ktest $(O)/ktest/user-root/ktest/pie \
		$(O)/ktest/user-root/ktest/fuzz $(O)/ktest/user-root/ktest/sockfuzz \
		$(O)/ktest/user-root/ktest/dyn \
		$(O)/ktest/user-root/lib/ld-musl-x86_64.so.1
	@mkdir -p $(O)/ktest/user-root
	$(if $(Q),@echo "  CPIO    $@")
	$(Q)install -m 755 test/kernel-user/run.sh $(O)/ktest/user-root/ktest-user
	$(Q)python3 initramfs/mkcpio.py $(O)/ktest/user-overlay.cpio --tree $(O)/ktest/user-root
	$(Q)cat $(O)/initramfs.cpio $(O)/ktest/user-overlay.cpio > $@
endif

.PHONY: kernel iso run debug
all: kernel
kernel: $(KERNEL_ELF) docs/syscalls.md docs/sockopts.md

# docs/syscalls.md is generated from the syscall table (DESIGN.md §2);
# rewritten only when its text changes.
docs/syscalls.md: kernel/syscall_table.c include/uapi/unistd.h kernel/mksyscalldoc.sh
	$(if $(Q),@echo "  GEN     $@")
	$(Q)sh kernel/mksyscalldoc.sh include/uapi/unistd.h kernel/syscall_table.c > $(O)/syscalls.md.tmp
	$(Q)cmp -s $(O)/syscalls.md.tmp $@ || cp $(O)/syscalls.md.tmp $@
	$(Q)rm -f $(O)/syscalls.md.tmp
# docs/sockopts.md is generated from the socket-option tables the kernel
# dispatches on (issue 8: the table is published in docs/).
SOCKOPT_TABLES := $(wildcard net/sockopt.c net/ip_sockopt.c net/tcp_sockopt.c)
docs/sockopts.md: $(SOCKOPT_TABLES) include/uapi/socket.h include/uapi/in.h include/uapi/tcp.h net/mksockoptdoc.py
	$(if $(Q),@echo "  GEN     $@")
	$(Q)python3 net/mksockoptdoc.py > $(O)/sockopts.md.tmp
	$(Q)cmp -s $(O)/sockopts.md.tmp $@ || cp $(O)/sockopts.md.tmp $@
	$(Q)rm -f $(O)/sockopts.md.tmp
iso: $(KERNEL_ISO)

$(KOBJ)/%.o: %.c mk/kernel.mk
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(KCC) $(KCFLAGS) -c $< -o $@

# /proc/config.gz: kernel/tern.config gzipped (no name, no time stamp:
# the same bytes every build) and embedded by kernel/ikconfig.S.
IKCONFIG_GZ := $(KOBJ)/tern.config.gz
$(IKCONFIG_GZ): kernel/tern.config
	@mkdir -p $(dir $@)
	$(Q)gzip -9 -n -c $< > $@
$(KOBJ)/kernel/ikconfig.o: kernel/ikconfig.S $(IKCONFIG_GZ) mk/kernel.mk
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  AS      $<")
	$(Q)$(KCC) $(KAFLAGS) -DIKCONFIG_GZ='"$(IKCONFIG_GZ)"' -c $< -o $@

$(KOBJ)/%.o: %.S mk/kernel.mk
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  AS      $<")
	$(Q)$(KCC) $(KAFLAGS) -c $< -o $@

# Every dependency file under $(KOBJ), not $(KERNEL_OBJS:.o=.d): other
# fragments (mk/unit-fs.mk adds fs/) append to KERNEL_OBJS after this
# point, and their objects must be rebuilt when a header changes too.
-include $(shell find $(KOBJ) -name '*.d' 2>/dev/null)

$(KOBJ)/kallsyms0.S: kernel/mkkallsyms.sh
	@mkdir -p $(dir $@)
	$(Q)sh kernel/mkkallsyms.sh --empty > $@

$(KOBJ)/kallsyms%.o: $(KOBJ)/kallsyms%.S
	$(Q)$(KCC) $(KAFLAGS) -c $< -o $@

.SECONDEXPANSION:
$(KERNEL_ELF): $$(KERNEL_OBJS) $(KOBJ)/kallsyms0.o arch/x86_64/kernel.ld kernel/mkkallsyms.sh
	$(if $(Q),@echo "  LD      $@ (pass 1)")
	$(Q)$(KLD) $(KLDFLAGS) -o $(KOBJ)/tern.pass1.elf $(KERNEL_OBJS) $(KOBJ)/kallsyms0.o
	$(Q)$(KNM) -n $(KOBJ)/tern.pass1.elf | sh kernel/mkkallsyms.sh > $(KOBJ)/kallsyms1.S
	$(Q)$(KCC) $(KAFLAGS) -c $(KOBJ)/kallsyms1.S -o $(KOBJ)/kallsyms1.o
	$(if $(Q),@echo "  LD      $@")
	$(Q)$(KLD) $(KLDFLAGS) -o $@.tmp $(KERNEL_OBJS) $(KOBJ)/kallsyms1.o
	$(Q)$(KNM) -n $(KOBJ)/tern.pass1.elf | awk '$$2 ~ /^[tTwW]$$/' > $(KOBJ)/text1.sym
	$(Q)$(KNM) -n $@.tmp | awk '$$2 ~ /^[tTwW]$$/' > $(KOBJ)/text2.sym
	$(Q)cmp -s $(KOBJ)/text1.sym $(KOBJ)/text2.sym || \
		{ echo "kernel: text moved between link passes; kallsyms would lie" >&2; exit 1; }
	$(Q)sh kernel/check-layout.sh $(KREADELF) $@.tmp
	$(Q)mv $@.tmp $@

# GRUB configuration: module2 lines for each module given.
define grub_cfg
	{ echo 'set timeout=0'; echo 'set default=0'; \
	  echo 'serial --unit=0 --speed=115200'; echo 'terminal_output serial'; \
	  echo 'menuentry "Tern" {'; echo '  multiboot2 /boot/tern.elf $(1)'; \
	  for m in $(2); do echo "  module2 /boot/$$m $$m"; done; \
	  echo '  boot'; echo '}'; }
endef

# The initramfs goes into the ISO as a module: built first when its
# rule exists (mk/initramfs.mk), else used if someone left one in $(O).
ifneq ($(wildcard mk/initramfs.mk),)
KERNEL_INITRAMFS := $(O)/initramfs.cpio
else
KERNEL_INITRAMFS := $(wildcard $(O)/initramfs.cpio)
endif

$(KERNEL_ISO): $(KERNEL_ELF) $(KERNEL_INITRAMFS) mk/kernel.mk
	$(if $(Q),@echo "  ISO     $@")
	$(Q)rm -rf $(O)/iso && mkdir -p $(O)/iso/boot/grub
	$(Q)cp $(KERNEL_ELF) $(O)/iso/boot/tern.elf
	$(Q)if [ -f $(O)/initramfs.cpio ]; then cp $(O)/initramfs.cpio $(O)/iso/boot/; \
		$(call grub_cfg,console=ttyS0,initramfs.cpio) > $(O)/iso/boot/grub/grub.cfg; \
	else $(call grub_cfg,console=ttyS0,) > $(O)/iso/boot/grub/grub.cfg; fi
	$(Q)grub-mkrescue -o $@ $(O)/iso >$(O)/iso.log 2>&1 || { cat $(O)/iso.log >&2; exit 1; }

$(KTEST_MODULE):
	@mkdir -p $(dir $@)
	$(Q){ printf 'TERNMOD1'; head -c 12337 /dev/zero | tr '\0' 'x'; } > $@

$(KTEST_ISO): $(KERNEL_ELF) $(KTEST_MODULE) mk/kernel.mk
	$(if $(Q),@echo "  ISO     $@")
	$(Q)rm -rf $(O)/ktest/iso && mkdir -p $(O)/ktest/iso/boot/grub
	$(Q)cp $(KERNEL_ELF) $(O)/ktest/iso/boot/tern.elf
	$(Q)cp $(KTEST_MODULE) $(O)/ktest/iso/boot/module.bin
	$(Q)$(call grub_cfg,console=ttyS0 test=boot$(,)module$(,)pci$(,)ioapic,module.bin) > $(O)/ktest/iso/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ $(O)/ktest/iso >$(O)/ktest/iso.log 2>&1 || { cat $(O)/ktest/iso.log >&2; exit 1; }

run: $(KERNEL_ISO)
	tools/qemu-run --iso $(KERNEL_ISO) --interactive $(RUN_NET)

debug: $(KERNEL_ELF)
	@echo "QEMU is halted with a gdb stub on :1234; in another terminal run:"
	@echo "  gdb -x tools/gdbinit"
	tools/qemu-run --kernel $(KERNEL_ELF) $(if $(KERNEL_INITRAMFS),--initrd $(KERNEL_INITRAMFS)) \
		--interactive --gdb --net
