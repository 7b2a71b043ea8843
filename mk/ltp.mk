# The LTP subset (test/ltp-subset/): our own tests named after the Linux
# Test Project's, on our own library with LTP's conventions, run in the
# guest by /ltp/run-ltp (test/suites/guest-ltp.sh; docs/testing.md).
#
#   make ltp                  $(O)/ltp-root/: /ltp/bin/<test> (static musl),
#                             /ltp/runtest/, /ltp/run-ltp; merged into the
#                             test initramfs under /ltp
#   make test LTP_DIR=dir RUNTEST=file
#                             also merges dir (static LTP binaries) as
#                             /opt/ltp/testcases/bin and runs file instead
#                             of runtest/tern-net (same runner, same lines)
#   make test RUNTEST=file    runs another runtest file of the subset
#                             (runtest/tern-net-full: the timer tests'
#                             whole table of sleeps)

LTP_SRC := test/ltp-subset
LTP_ROOT := $(O)/ltp-root
LTP_OBJ := $(O)/ltp-obj
LTP_LIB := $(LTP_OBJ)/libltp.a
LTP_LIB_C := $(sort $(wildcard $(LTP_SRC)/lib/*.c))
LTP_LIB_H := $(sort $(wildcard $(LTP_SRC)/lib/*.h))
LTP_LIB_O := $(patsubst $(LTP_SRC)/lib/%.c,$(LTP_OBJ)/%.o,$(LTP_LIB_C))
# The tests, and the library's own checks (selftest/: programs whose
# verdict is known, graded by the exit status the runtest expects).
LTP_TESTS := $(patsubst $(LTP_SRC)/%.c,$(LTP_OBJ)/bin/%,\
	$(sort $(wildcard $(LTP_SRC)/*.c)))
LTP_SELFTESTS := $(patsubst $(LTP_SRC)/selftest/%.c,$(LTP_OBJ)/bin/%,\
	$(sort $(wildcard $(LTP_SRC)/selftest/*.c)))
LTP_SCRIPTS := $(LTP_SRC)/run-ltp $(LTP_SRC)/expect-status $(LTP_SRC)/tconf-allowed \
	$(wildcard $(LTP_SRC)/runtest/*)
# -Wno-format-zero-length: TST_EXP_*() without a message pass "" (tst_test.h).
LTP_CFLAGS := $(GUEST_CFLAGS) -Wno-format-zero-length -I$(LTP_SRC)/lib

LTP_DIR ?=
RUNTEST ?=
# Which runtest the guest runs and what else the image holds: a change
# of either rebuilds the image.
LTP_CONF := $(O)/ltp-obj/.conf
LTP_CONF_NOW := $(abspath $(LTP_DIR)) $(abspath $(RUNTEST))

.PHONY: ltp ltp-conf-check
ltp: $(LTP_OBJ)/root.stamp
TEST_PREREQS += ltp

$(LTP_OBJ)/%.o: $(LTP_SRC)/lib/%.c $(LTP_LIB_H) $(UAPI_DIR)/.stamp
	@echo "  MUSLCC  $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(MUSL_CC) $(LTP_CFLAGS) -c -o $@ $<

$(LTP_LIB): $(LTP_LIB_O)
	$(Q)rm -f $@ && ar rcs $@ $^

$(LTP_OBJ)/bin/%: $(LTP_SRC)/%.c $(LTP_LIB) $(LTP_LIB_H)
	@echo "  MUSLCC  $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(MUSL_CC) $(LTP_CFLAGS) -o $@ $< $(LTP_LIB)

$(LTP_OBJ)/bin/%: $(LTP_SRC)/selftest/%.c $(LTP_LIB) $(LTP_LIB_H)
	@echo "  MUSLCC  $@"
	$(Q)mkdir -p $(@D)
	$(Q)$(MUSL_CC) $(LTP_CFLAGS) -o $@ $< $(LTP_LIB)

ltp-conf-check:
	$(Q)mkdir -p $(LTP_OBJ)
	$(Q)echo '$(LTP_CONF_NOW) $(LTP_TESTS) $(LTP_SELFTESTS)' | cmp -s - $(LTP_CONF) || \
		echo '$(LTP_CONF_NOW) $(LTP_TESTS) $(LTP_SELFTESTS)' > $(LTP_CONF)
$(LTP_CONF): ltp-conf-check

# The tree merged into the image (rebuilt whole: nothing stale stays).
$(LTP_OBJ)/root.stamp: $(LTP_TESTS) $(LTP_SELFTESTS) $(LTP_SCRIPTS) $(LTP_CONF)
	@echo "  LTP     $(LTP_ROOT)"
	$(Q)rm -rf $(LTP_ROOT) && mkdir -p $(LTP_ROOT)/ltp/runtest $(LTP_ROOT)/ltp/bin
	$(Q)cp $(LTP_TESTS) $(LTP_SELFTESTS) $(LTP_ROOT)/ltp/bin/
	$(Q)cp $(LTP_SRC)/run-ltp $(LTP_SRC)/tconf-allowed $(LTP_ROOT)/ltp/
	$(Q)cp $(LTP_SRC)/expect-status $(LTP_ROOT)/ltp/bin/expect-status
	$(Q)cp $(LTP_SRC)/runtest/* $(LTP_ROOT)/ltp/runtest/
	$(Q)if [ -n "$(LTP_DIR)" ]; then \
		[ -d "$(LTP_DIR)" ] || { echo "LTP_DIR=$(LTP_DIR) is not a directory"; exit 1; }; \
		mkdir -p $(LTP_ROOT)/opt/ltp/testcases/bin && \
		cp -R "$(LTP_DIR)"/. $(LTP_ROOT)/opt/ltp/testcases/bin/; fi
	$(Q)if [ -n "$(RUNTEST)" ]; then \
		cp "$(RUNTEST)" $(LTP_ROOT)/ltp/runtest/selected || exit 1; \
	elif [ -n "$(LTP_DIR)" ]; then \
		echo "LTP_DIR needs RUNTEST=<runtest file>"; exit 1; fi
	$(Q)touch $@

INITRAMFS_TREES += $(LTP_ROOT)
$(O)/initramfs.cpio: $(LTP_OBJ)/root.stamp
