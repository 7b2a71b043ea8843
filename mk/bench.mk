# `make bench`: Tern against Debian's Linux in the same QEMU (tools/bench;
# docs/performance.md is the manual and the latest result).
#
#   make bench                  every benchmark, BENCH_RUNS times per kernel
#   make bench BENCH=NAME       one benchmark (tools/bench --list names them)
#   make bench BENCH_RUNS=1     a quick run
#   make bench-profile          where the time goes, per benchmark
#
# The benchmark programs (bench/*.c, static musl) and the guest's scripts
# go into an overlay archive, concatenated onto the test initramfs of each
# kernel (as mk/kernel.mk's kernel-user overlay), so both kernels boot the
# same image:
#   $(O)/bench/initramfs.cpio         Tern's (initramfs.cpio + overlay)
#   $(O)/bench/initramfs-linux.cpio   Linux's (initramfs-linux.cpio + overlay)
# `make test` runs each benchmark once at smoke size (test/suites/guest-bench.sh).
#
# (mk/bench.mk is read before the files that name the kernel and the
# uapi stamp: their paths are spelled out in prerequisites here.)
#
# gnuplot (Debian's gnuplot-nox, in mk/deps.mk's list) draws the chart.

BENCH_RUNS ?= 3
BENCH ?=
BENCH_ROOT := $(O)/bench/root
BENCH_PROGS := $(patsubst bench/%.c,%,$(sort $(wildcard bench/*.c)))
BENCH_BIN := $(BENCH_PROGS:%=$(BENCH_ROOT)/bench/%)
BENCH_CPIO := $(O)/bench/initramfs.cpio
BENCH_LINUX_CPIO := $(O)/bench/initramfs-linux.cpio

$(BENCH_ROOT)/bench/%: bench/%.c bench/bench.h $(O)/uapi/.stamp
	@mkdir -p $(@D)
	$(if $(Q),@echo "  MUSLCC  $@")
	$(Q)$(MUSL_CC) $(GUEST_CFLAGS) -o $@ $<

$(O)/bench/overlay.cpio: $(BENCH_BIN) bench/run.sh bench/boot.sh initramfs/mkcpio.py
	$(if $(Q),@echo "  CPIO    $@")
	$(Q)rm -rf $(BENCH_ROOT)/test && mkdir -p $(BENCH_ROOT)/test/benchrun $(BENCH_ROOT)/test/benchboot
	$(Q)cp bench/run.sh $(BENCH_ROOT)/test/benchrun/run.sh
	$(Q)cp bench/boot.sh $(BENCH_ROOT)/test/benchboot/boot.sh
	$(Q)python3 initramfs/mkcpio.py $@ --tree $(BENCH_ROOT)

$(BENCH_CPIO): $(O)/initramfs.cpio $(O)/bench/overlay.cpio
	$(if $(Q),@echo "  CPIO    $@")
	$(Q)cat $^ > $@

$(BENCH_LINUX_CPIO): $(O)/initramfs-linux.cpio $(O)/bench/overlay.cpio
	$(if $(Q),@echo "  CPIO    $@")
	$(Q)cat $^ > $@

# min_mem boots one small image on both kernels: the test image without
# its check programs and LTP (about 19 MB that would measure the image,
# not the kernel), plus the overlay: busybox, /init, /test/run, bench/.
BENCH_MIN_ROOT := $(O)/bench/min-root
BENCH_MIN_CPIO := $(O)/bench/initramfs-min.cpio
$(BENCH_MIN_CPIO): $(O)/initramfs.cpio $(O)/bench/overlay.cpio
	$(if $(Q),@echo "  CPIO    $@")
	$(Q)rm -rf $(BENCH_MIN_ROOT) && cp -R $(INITRAMFS_ROOT) $(BENCH_MIN_ROOT)
	$(Q)rm -rf $(BENCH_MIN_ROOT)/ltp && find $(BENCH_MIN_ROOT)/test -mindepth 1 \
		-maxdepth 1 -type d -exec rm -rf {} +
	$(Q)python3 initramfs/mkcpio.py $@ --tree $(BENCH_MIN_ROOT) --tree $(BENCH_ROOT) \
		--node /dev/console c 5 1 600

TEST_PREREQS += $(BENCH_CPIO) $(BENCH_MIN_CPIO)
ifeq ($(KERNEL),linux)
TEST_PREREQS += $(BENCH_LINUX_CPIO)
endif

# The GRUB ISOs whose boot time is measured: the same kernels and images
# as the -kernel boots, and the network set up the same way (tern.net=dhcp).
BENCH_BOOT_ARGS := console=ttyS0 tern.mode=test tern.suite=benchboot tern.net=dhcp
$(O)/bench/tern.iso: $(O)/tern.elf $(BENCH_CPIO) mk/bench.mk
	$(if $(Q),@echo "  ISO     $@")
	$(Q)rm -rf $(O)/bench/iso-tern && mkdir -p $(O)/bench/iso-tern/boot/grub
	$(Q)cp $(KERNEL_ELF) $(O)/bench/iso-tern/boot/tern.elf
	$(Q)cp $(BENCH_CPIO) $(O)/bench/iso-tern/boot/initramfs.cpio
	$(Q)$(call grub_cfg,$(BENCH_BOOT_ARGS) tern.kernel=tern,initramfs.cpio) \
		> $(O)/bench/iso-tern/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ $(O)/bench/iso-tern >$(O)/bench/iso-tern.log 2>&1 || \
		{ cat $(O)/bench/iso-tern.log >&2; exit 1; }

$(O)/bench/linux.iso: $(O)/linux/release $(BENCH_LINUX_CPIO) mk/bench.mk
	$(if $(Q),@echo "  ISO     $@")
	$(Q)rm -rf $(O)/bench/iso-linux && mkdir -p $(O)/bench/iso-linux/boot/grub
	$(Q)cp $(LINUX_DIR)/vmlinuz $(O)/bench/iso-linux/boot/vmlinuz
	$(Q)cp $(BENCH_LINUX_CPIO) $(O)/bench/iso-linux/boot/initramfs.cpio
	$(Q){ echo 'set timeout=0'; echo 'set default=0'; \
	  echo 'serial --unit=0 --speed=115200'; echo 'terminal_output serial'; \
	  echo 'menuentry "Linux" {'; \
	  echo '  linux /boot/vmlinuz $(BENCH_BOOT_ARGS) quiet panic=-1 tern.kernel=linux'; \
	  echo '  initrd /boot/initramfs.cpio'; echo '  boot'; echo '}'; } \
		> $(O)/bench/iso-linux/boot/grub/grub.cfg
	$(Q)grub-mkrescue -o $@ $(O)/bench/iso-linux >$(O)/bench/iso-linux.log 2>&1 || \
		{ cat $(O)/bench/iso-linux.log >&2; exit 1; }

.PHONY: bench bench-build bench-profile
bench-build: $(O)/tern.elf $(BENCH_CPIO) $(BENCH_LINUX_CPIO) $(BENCH_MIN_CPIO) $(O)/bench/tern.iso $(O)/bench/linux.iso

bench: bench-build
	$(Q)BENCH_RUNS=$(BENCH_RUNS) BENCH=$(BENCH) tools/bench

# Where the time goes: the guest's program counter sampled per benchmark
# (tools/bench --profile; $(O)/bench/profile.txt).
bench-profile: bench-build
	$(Q)BENCH=$(BENCH) tools/bench --profile
