# libFuzzer targets (test/fuzz/): every parser of untrusted bytes.
#
#   make fuzz-build           build every target into $(O)/fuzz/bin/
#   make fuzz [FUZZ_TIME=60]  run each target for FUZZ_TIME seconds, one
#                             after the other, starting from its committed
#                             seed corpus test/fuzz/corpus/<target>/ and
#                             its regression inputs; new inputs go to a
#                             working corpus under $(O)/fuzz/corpus/<target>/
#                             (never committed), crashes to
#                             $(O)/fuzz/artifacts/<target>/.
#   FUZZ_TARGETS="ipv4 tcp"   restrict either to some targets.
# `make test` runs each target for a few seconds (test/suites/fuzz.sh),
# after replaying test/fuzz/regressions/<target>/.
#
# net/ and the host test support are compiled once with coverage
# instrumentation (-fsanitize=fuzzer-no-link) into $(O)/fuzz/obj/; fs/
# (for the cpio unpacker) is built the way mk/unit-fs.mk builds it, with
# test/unit/fs/shim first on the include path.

FUZZ_O := $(O)/fuzz
FUZZ_CC := clang
FUZZ_TIME ?= 60
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter \
	$(FUZZ_SAN) -fno-omit-frame-pointer -MMD -MP
FUZZ_NET_INC := -Iinclude -Itest/unit/net -Itest/fuzz
FUZZ_FS_INC := -Itest/unit/fs/shim -Iinclude -Itest/unit/fs

FUZZ_NET_TARGETS := eth arp ipv4 icmp udp bpf packet ipv6
FUZZ_ALL_TARGETS := $(FUZZ_NET_TARGETS) \
	$(if $(wildcard test/fuzz/fuzz_tcp.c),tcp) \
	$(if $(wildcard test/fuzz/fuzz_cpio.c),cpio) \
	$(if $(wildcard test/fuzz/fuzz_netlink.c),netlink)
FUZZ_TARGETS ?= $(FUZZ_ALL_TARGETS)
FUZZ_BINS := $(FUZZ_ALL_TARGETS:%=$(FUZZ_O)/bin/fuzz_%)

# (Own source lists: this fragment is read before unit*.mk.)
FUZZ_NET_SRCS := $(shell tools/net-portable-srcs)
FUZZ_FS_SRCS := $(shell test/unit/fs/host-srcs.sh) \
	$(wildcard test/unit/fs/shim/*.c)
FUZZ_NET_OBJS := $(FUZZ_NET_SRCS:%.c=$(FUZZ_O)/obj/%.o)
FUZZ_COMMON_OBJS := $(FUZZ_O)/obj/test/unit/net/platform_host.o \
	$(FUZZ_O)/obj/test/unit/net/fakedev.o $(FUZZ_O)/obj/test/fuzz/fuzz_net.o
FUZZ_FS_OBJS := $(FUZZ_FS_SRCS:%.c=$(FUZZ_O)/obj-fs/%.o)

.PHONY: fuzz fuzz-build
.PRECIOUS: $(FUZZ_O)/obj/%.o $(FUZZ_O)/obj-fs/%.o
fuzz-build: $(FUZZ_BINS)
TEST_PREREQS += fuzz-build

# The fuzz targets themselves build with -Werror; the code under test
# (net/, fs/, the host shims) is held to -Werror by its own gcc builds,
# so a diagnostic only clang gives stays a warning here rather than
# breaking `make test`.
FUZZ_LIB_CFLAGS := $(filter-out -Werror,$(FUZZ_CFLAGS))

$(FUZZ_O)/obj/test/fuzz/%.o: test/fuzz/%.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_NET_INC) -c $< -o $@

$(FUZZ_O)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(FUZZ_LIB_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_NET_INC) -c $< -o $@

$(FUZZ_O)/obj-fs/test/fuzz/%.o: test/fuzz/%.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_FS_INC) -c $< -o $@

$(FUZZ_O)/obj-fs/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(FUZZ_LIB_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_FS_INC) -c $< -o $@

$(FUZZ_O)/libnet.a: $(FUZZ_NET_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

$(FUZZ_O)/bin/fuzz_%: $(FUZZ_O)/obj/test/fuzz/fuzz_%.o $(FUZZ_COMMON_OBJS) $(FUZZ_O)/libnet.a
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  FUZZLD  $@")
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^

$(FUZZ_O)/bin/fuzz_tcp: $(FUZZ_O)/obj/test/fuzz/fuzz_tcp.o \
		$(FUZZ_O)/obj/test/unit/net/tcp_harness.o \
		$(FUZZ_O)/obj/test/unit/net/platform_host.o $(FUZZ_O)/libnet.a
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  FUZZLD  $@")
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^

$(FUZZ_O)/bin/fuzz_cpio: $(FUZZ_O)/obj-fs/test/fuzz/fuzz_cpio.o $(FUZZ_FS_OBJS)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  FUZZLD  $@")
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^

# The chosen targets (only they are built), each in turn; a finding stops
# `make fuzz` with the path of the input that caused it.
fuzz: $(FUZZ_TARGETS:%=$(FUZZ_O)/bin/fuzz_%)
	$(Q)for t in $(FUZZ_TARGETS); do \
		test/fuzz/run.sh "$$t" "$(FUZZ_TIME)" || exit 1; \
	done

-include $(shell find $(FUZZ_O)/obj $(FUZZ_O)/obj-fs -name '*.d' 2>/dev/null)
