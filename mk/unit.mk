# Host unit tests: net/ built for the build machine with ASan and UBSan,
# linked with the host platform (test/unit/net/platform_host.c) and cmocka.
# Every test/unit/net/test_*.c is one test program.

UNIT_O := $(O)/unit
UNIT_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -Iinclude -Itest/unit/net -MMD -MP
UNIT_LDFLAGS := -fsanitize=address,undefined

NET_SRCS := $(shell tools/net-portable-srcs)
UNIT_SUPPORT_SRCS := $(filter-out test/unit/net/test_%.c,$(wildcard test/unit/net/*.c))
UNIT_TEST_SRCS := $(sort $(wildcard test/unit/net/test_*.c))
UNIT_NET_OBJS := $(NET_SRCS:%.c=$(UNIT_O)/%.o)
UNIT_SUPPORT_OBJS := $(UNIT_SUPPORT_SRCS:%.c=$(UNIT_O)/%.o)
UNIT_BINS := $(UNIT_TEST_SRCS:test/unit/net/%.c=$(UNIT_O)/bin/%)

.PHONY: unit net-includes
unit: net-includes $(UNIT_BINS)
TEST_PREREQS += unit

# The seam rule is part of every build, not only of the tests.
all: net-includes
net-includes:
	$(Q)tools/check-net-includes

$(UNIT_O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(UNIT_CFLAGS) -c $< -o $@

$(UNIT_O)/libnet.a: $(UNIT_NET_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

$(UNIT_O)/bin/%: $(UNIT_O)/test/unit/net/%.o $(UNIT_SUPPORT_OBJS) $(UNIT_O)/libnet.a
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTLD  $@")
	$(Q)$(HOSTCC) $(UNIT_LDFLAGS) -o $@ $^ -lcmocka

-include $(shell find $(UNIT_O) -name '*.d' 2>/dev/null)
