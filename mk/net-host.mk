# ternhost: the stack in a user-space process on a TAP device, tested
# against Linux's stack inside a network namespace (test/suites/net-host.sh).
# Built optimised, without sanitizers, so throughput figures mean something;
# the fuzzers and unit tests run the same code under ASan/UBSan.

NETHOST_O := $(O)/net-host
NETHOST_CFLAGS := -std=gnu11 -g -O2 -Wall -Wextra -Werror -Wno-unused-parameter \
	-fno-omit-frame-pointer -Iinclude -Itest/net-host -MMD -MP
# net/ is held to -Werror by its own builds (-O1); warnings that only
# -O2's deeper analysis produces there stay warnings here.
NETHOST_LIB_CFLAGS := $(filter-out -Werror,$(NETHOST_CFLAGS))
NETHOST_NET_SRCS := $(shell tools/net-portable-srcs)
NETHOST_SRCS := $(wildcard test/net-host/*.c)
NETHOST_OBJS := $(NETHOST_NET_SRCS:%.c=$(NETHOST_O)/%.o) $(NETHOST_SRCS:%.c=$(NETHOST_O)/%.o)
NETHOST_BIN := $(NETHOST_O)/ternhost

.PHONY: net-host
net-host: $(NETHOST_BIN)
TEST_PREREQS += net-host

$(NETHOST_O)/test/net-host/%.o: test/net-host/%.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(NETHOST_CFLAGS) -c $< -o $@

$(NETHOST_O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(NETHOST_LIB_CFLAGS) -c $< -o $@

$(NETHOST_BIN): $(NETHOST_OBJS)
	$(if $(Q),@echo "  HOSTLD  $@")
	$(Q)$(HOSTCC) -o $@ $^ -lpthread


# The same program under ASan/UBSan, to run the suite with sanitizers:
#   make net-host-asan
#   NET_HOST_BIN=$(O)/net-host-asan/ternhost ASAN_OPTIONS=detect_leaks=0 \
#     SUITES=net-host tools/run-suites
# (No leak check at exit: ternhost exits without tearing the stack down,
# and LeakSanitizer's tracer cannot always attach here.)  Not in `make test`.
NETHOST_ASAN_O := $(O)/net-host-asan
NETHOST_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
.PHONY: net-host-asan
net-host-asan: $(NETHOST_ASAN_O)/ternhost

$(NETHOST_ASAN_O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTCC  $< (asan)")
	$(Q)$(HOSTCC) $(NETHOST_LIB_CFLAGS) -O1 $(NETHOST_SAN) -c $< -o $@

$(NETHOST_ASAN_O)/ternhost: $(NETHOST_NET_SRCS:%.c=$(NETHOST_ASAN_O)/%.o) \
		$(NETHOST_SRCS:%.c=$(NETHOST_ASAN_O)/%.o)
	$(if $(Q),@echo "  HOSTLD  $@")
	$(Q)$(HOSTCC) $(NETHOST_SAN) -o $@ $^ -lpthread

-include $(shell find $(NETHOST_O) $(NETHOST_ASAN_O) -name '*.d' 2>/dev/null)

# `make bench-tcp`: TCP goodput under net-host's seeded impairment
# (tools/bench-tcp; needs root for the namespace and the TAP device).
# BENCH_TCP_MIB, BENCH_TCP_SEED, BENCH_TCP_CASES pick size, seed, cases;
# results in $(O)/bench/tcp-impaired.json.
.PHONY: bench-tcp
bench-tcp: $(NETHOST_BIN)
	$(Q)O=$(O) tools/bench-tcp
