# Tern: the one entry point.  `make`, `make run`, `make test`, `make iso`,
# `make debug`, `make fuzz`, `make bench`, `make deps`.
#
# Conventions (as in Linux's build):
#   O=dir            put every build product under dir (default: build)
#   V=1              echo every command
#   CROSS_COMPILE=p  prefix for the kernel's gcc/ld/objcopy/nm (e.g. x86_64-linux-gnu-)
#   KERNEL=linux     run the in-guest suites on Debian's Linux instead of Tern
#
# Each area keeps its rules in mk/<area>.mk; they are all included here.
# An area that has tests adds its build products to TEST_PREREQS and drops
# a suite script into test/suites/ (docs/testing.md: how a suite reports).

O ?= build
V ?= 0
KERNEL ?= tern
CROSS_COMPILE ?=

ifeq ($(V),1)
Q :=
else
Q := @
endif

# Absolute build directory, so recursive makes and scripts agree.
override O := $(abspath $(O))
export O V KERNEL CROSS_COMPILE

HOSTCC ?= gcc
TEST_PREREQS :=

.PHONY: all test test-build test-run deps deps-check clean
all:

include $(sort $(wildcard mk/*.mk))

# `make test` builds what the suites need, then runs them all.  With
# KERNEL=linux only the in-guest suites run (Linux is the oracle).
test: deps-check
	$(Q)$(MAKE) --no-print-directory test-build
	$(Q)tools/run-suites

test-build: $(TEST_PREREQS)

# The suites alone, on what test-build left (.ci/run builds both kernels'
# prerequisites first, then runs the two halves side by side).
test-run:
	$(Q)tools/run-suites

clean:
	rm -rf $(O)
