# The initramfs: busybox from Debian's source package, built static with
# musl, plus /init, the test runner and the in-guest check programs.
#
#   make initramfs    $(O)/initramfs.cpio  (booted by Tern; `make run`)
#                     $(O)/initramfs-linux.cpio is the same image plus the
#                     Linux oracle's virtio-net modules (mk/linux.mk)
#
# The busybox source is fetched once with `apt-get source busybox` into
# $(O)/busybox/ and the binary is cached there; delete that directory to
# rebuild it.  The check programs under test/guest/<suite>/ go to
# /test/<suite>/ in the image; /test/run runs them (see initramfs/run).

MUSL_CC ?= musl-gcc
BUSYBOX_DIR := $(O)/busybox
BUSYBOX := $(BUSYBOX_DIR)/busybox
UAPI_DIR := $(O)/uapi
INITRAMFS_ROOT := $(O)/initramfs-root

# musl ships no Linux UAPI headers; busybox and the checks get Debian's
# linux-libc-dev ones through a directory of links (not all of
# /usr/include, whose glibc headers would clash with musl's).
UAPI_LINKS := linux asm-generic mtd
UAPI_ASM := /usr/include/x86_64-linux-gnu/asm

GUEST_CFLAGS := -static -O2 -g0 -Wall -Wextra -Werror -std=gnu11 -pthread \
	-isystem $(UAPI_DIR)
GUEST_C := $(sort $(wildcard test/guest/*/*.c))
GUEST_SH := $(sort $(wildcard test/guest/*/*.sh))
GUEST_BIN := $(patsubst test/guest/%.c,$(O)/guest/%,$(GUEST_C))

INITRAMFS_FILES := initramfs/init initramfs/run initramfs/mkcpio.py \
	test/guest/check.sh $(shell find initramfs/etc -type f)

.PHONY: initramfs busybox guest-bin
initramfs: $(O)/initramfs.cpio
busybox: $(BUSYBOX)
guest-bin: $(GUEST_BIN)
TEST_PREREQS += initramfs

$(UAPI_DIR)/.stamp:
	$(Q)mkdir -p $(UAPI_DIR)
	$(Q)for d in $(UAPI_LINKS); do ln -sfn /usr/include/$$d $(UAPI_DIR)/$$d; done
	$(Q)ln -sfn $(UAPI_ASM) $(UAPI_DIR)/asm
	$(Q)touch $@

$(BUSYBOX_DIR)/.source:
	@echo "  APT-SRC busybox"
	$(Q)rm -rf $(BUSYBOX_DIR) && mkdir -p $(BUSYBOX_DIR)
	$(Q)cd $(BUSYBOX_DIR) && apt-get source -q busybox > source.log 2>&1 || \
		{ cat source.log; exit 1; }
	$(Q)cd $(BUSYBOX_DIR) && d=$$(ls -d busybox-*/ | head -n 1) && \
		[ -n "$$d" ] && mv "$$d" src && rm -f busybox_*
	$(Q)touch $@

# busybox's kbuild reads O, V and CROSS_COMPILE too: give it its own.
BUSYBOX_MAKE = $(MAKE) --no-print-directory -C $(BUSYBOX_DIR)/src O= \
	CROSS_COMPILE= V=$(filter 1,$(V)) HOSTCC=$(HOSTCC) CC=$(MUSL_CC) \
	EXTRA_CFLAGS="-isystem $(UAPI_DIR)"

$(BUSYBOX_DIR)/src/.config: $(BUSYBOX_DIR)/.source initramfs/busybox.config
	@echo "  CONFIG  busybox"
	$(Q)$(BUSYBOX_MAKE) defconfig >/dev/null
	$(Q)sed -n 's/^\(# \)\{0,1\}\(CONFIG_[A-Z0-9_]*\)[= ].*/\2/p' \
		initramfs/busybox.config | while read -r sym; do \
		sed -i "/^$$sym=/d; /^# $$sym is not set/d" $@; done
	$(Q)grep -E '^(CONFIG_|# CONFIG_)' initramfs/busybox.config >> $@
	$(Q)yes '' | $(BUSYBOX_MAKE) oldconfig >/dev/null

$(BUSYBOX): $(BUSYBOX_DIR)/src/.config $(UAPI_DIR)/.stamp
	@echo "  BUILD   busybox (musl, static)"
	$(Q)$(BUSYBOX_MAKE) -j$$(nproc) > $(BUSYBOX_DIR)/build.log 2>&1 || \
		{ tail -n 30 $(BUSYBOX_DIR)/build.log; exit 1; }
	$(Q)cp $(BUSYBOX_DIR)/src/busybox $@

$(O)/guest/%: test/guest/%.c test/guest/check.h $(UAPI_DIR)/.stamp
	@echo "  MUSLCC  $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(MUSL_CC) $(GUEST_CFLAGS) -o $@ $<

# A suite may share helpers between its programs in headers of its own
# directory (test/guest/<suite>/*.h); every check program depends on them.
$(GUEST_BIN): $(wildcard test/guest/*/*.h)

# Changes when a check program is added or removed, so the image follows.
GUEST_LIST := $(O)/guest/.list
.PHONY: guest-list-check
guest-list-check:
	$(Q)mkdir -p $(O)/guest
	$(Q)echo '$(GUEST_BIN) $(GUEST_SH)' | cmp -s - $(GUEST_LIST) || \
		echo '$(GUEST_BIN) $(GUEST_SH)' > $(GUEST_LIST)
$(GUEST_LIST): guest-list-check

# The staging tree is rebuilt from scratch each time: nothing stale stays.
# Other areas add directories to merge into it (INITRAMFS_TREES, copied
# last) and make the image depend on what builds them (mk/ltp.mk).
$(O)/initramfs.cpio: $(BUSYBOX) $(GUEST_BIN) $(GUEST_SH) $(INITRAMFS_FILES) \
		$(GUEST_LIST)
	@echo "  CPIO    $@"
	$(Q)rm -rf $(INITRAMFS_ROOT) && mkdir -p $(INITRAMFS_ROOT)
	$(Q)cd $(INITRAMFS_ROOT) && mkdir -p bin sbin usr/bin usr/sbin etc \
		proc sys dev tmp root lib/modules test
	$(Q)cp $(BUSYBOX) $(INITRAMFS_ROOT)/bin/busybox
	$(Q)$(BUSYBOX) --list-full | while read -r p; do \
		[ "$$p" = bin/busybox ] || \
		ln -sf /bin/busybox $(INITRAMFS_ROOT)/$$p; done
	$(Q)cp initramfs/init $(INITRAMFS_ROOT)/init
	$(Q)cp initramfs/run $(INITRAMFS_ROOT)/test/run
	$(Q)cp test/guest/check.sh $(INITRAMFS_ROOT)/test/check.sh
	$(Q)cp -R initramfs/etc/. $(INITRAMFS_ROOT)/etc/
	$(Q)for f in $(GUEST_BIN) $(GUEST_SH); do \
		s=$$(basename $$(dirname $$f)); mkdir -p $(INITRAMFS_ROOT)/test/$$s; \
		cp $$f $(INITRAMFS_ROOT)/test/$$s/; done
	$(Q)for t in $(INITRAMFS_TREES); do cp -R $$t/. $(INITRAMFS_ROOT)/; done
	$(Q)chmod 1777 $(INITRAMFS_ROOT)/tmp
	$(Q)chmod 700 $(INITRAMFS_ROOT)/root
	$(Q)python3 initramfs/mkcpio.py $@ --tree $(INITRAMFS_ROOT) \
		--node /dev/console c 5 1 600
