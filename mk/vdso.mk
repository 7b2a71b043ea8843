# The vDSO (kernel/vdso.c, arch/x86_64/vdso/): user-mode C built as a
# position-independent shared object with no relocations, no stack
# protector and no libc, then embedded in the kernel (.incbin) so every
# exec can map it.  The build fails if the image needs a relocation or
# lacks one of the symbols libcs look up.

VDSO_DIR := arch/x86_64/vdso
VDSO_O   := $(O)/vdso
VDSO_SO  := $(VDSO_O)/vdso.so
VDSO_DBG := $(VDSO_O)/vdso.dbg.so
VDSO_SYMS := __vdso_clock_gettime __vdso_gettimeofday __vdso_time __vdso_clock_getres __vdso_getcpu

VDSO_CFLAGS := -std=gnu11 -O2 -g -fPIC -ffreestanding -fno-stack-protector -fno-builtin \
	-fno-asynchronous-unwind-tables -fno-unwind-tables -fcf-protection=none \
	-mgeneral-regs-only -fno-omit-frame-pointer \
	-Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes \
	-nostdinc -isystem $(shell $(KCC) -print-file-name=include) \
	-Iinclude -Iarch/x86_64/include -MMD -MP
VDSO_LDFLAGS := -nostdlib -shared -Wl,-T,$(VDSO_DIR)/vdso.lds -Wl,-soname=linux-vdso.so.1 \
	-Wl,--hash-style=both -Wl,-Bsymbolic -Wl,--no-undefined -Wl,-z,max-page-size=4096 \
	-Wl,-z,noexecstack -Wl,--build-id=none

KERNEL_OBJS += $(KOBJ)/vdso-image.o

$(VDSO_O)/vclock.o: $(VDSO_DIR)/vclock.c mk/vdso.mk
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  CC      $<")
	$(Q)$(KCC) $(VDSO_CFLAGS) -c $< -o $@

$(VDSO_SO): $(VDSO_O)/vclock.o $(VDSO_DIR)/vdso.lds mk/vdso.mk
	$(if $(Q),@echo "  VDSO    $@")
	$(Q)$(KCC) $(VDSO_LDFLAGS) -o $(VDSO_DBG) $(VDSO_O)/vclock.o
	$(Q)if $(KREADELF) -rW $(VDSO_DBG) | grep -q 'Relocation section'; then \
		echo "vdso: the image needs relocations:" >&2; $(KREADELF) -rW $(VDSO_DBG) >&2; exit 1; fi
	$(Q)for s in $(VDSO_SYMS); do \
		$(KREADELF) --dyn-syms -W $(VDSO_DBG) | grep -q " $$s@@LINUX_2.6$$" || \
		{ echo "vdso: $$s@@LINUX_2.6 is not exported" >&2; exit 1; }; done
	$(Q)$(CROSS_COMPILE)objcopy -S $(VDSO_DBG) $@

$(KOBJ)/vdso-image.o: $(VDSO_DIR)/vdso-image.S $(VDSO_SO) mk/vdso.mk
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  AS      $<")
	$(Q)$(KCC) $(KAFLAGS) -DVDSO_SO='"$(VDSO_SO)"' -c $< -o $@

-include $(VDSO_O)/vclock.d
