# include/uapi: Tern's one copy of the Linux ABI (issue 8 §0.2).
#
# Every build runs tools/check-uapi (the headers stand alone: only uapi
# includes, each compiles with -nostdinc, each is listed in
# test/unit/uapi/headers.txt).  The unit suite adds test_uapi, which
# compares each header marked "linux" there with the build machine's
# Linux/glibc headers: test/unit/uapi/uapi-names.py lists what the
# header defines, and two translation units fill a table each from that
# list, one with our header (ours_NAME.c, generated) and one with
# Linux's (test/unit/uapi/host/NAME.c).  The host side is compiled
# without -Iinclude, so no Tern header can stand in for a system one.

UAPI_T_O := $(O)/unit/uapi
UAPI_T_GEN := $(UAPI_T_O)/gen
UAPI_T_DIR := test/unit/uapi
UAPI_T_HEADERS := $(shell awk '!/^#/ && $$2 == "linux" { print $$1 }' $(UAPI_T_DIR)/headers.txt)
UAPI_T_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	-I$(UAPI_T_DIR) -I$(UAPI_T_GEN) -MMD -MP
UAPI_T_OBJS := $(UAPI_T_HEADERS:%=$(UAPI_T_O)/ours_%.o) $(UAPI_T_HEADERS:%=$(UAPI_T_O)/host_%.o) \
	$(UAPI_T_O)/walk_ours.o $(UAPI_T_O)/walk_host.o $(UAPI_T_O)/errno_glibc.o \
	$(UAPI_T_O)/test_uapi.o
UAPI_T_BIN := $(O)/unit/bin/test_uapi
UAPI_T_NAMES := $(UAPI_T_HEADERS:%=$(UAPI_T_GEN)/%.names.h)
# generated sources are kept (not intermediate), so rebuilding is quiet
.SECONDARY: $(UAPI_T_NAMES) $(UAPI_T_HEADERS:%=$(UAPI_T_GEN)/ours_%.c)

.PHONY: uapi-check
all: uapi-check
uapi-check: $(O)/uapi-check.stamp
$(O)/uapi-check.stamp: $(wildcard include/uapi/*.h) $(UAPI_T_DIR)/headers.txt tools/check-uapi
	@mkdir -p $(dir $@)
	$(Q)HOSTCC=$(HOSTCC) tools/check-uapi
	$(Q)touch $@

unit: uapi-check $(UAPI_T_BIN)

$(UAPI_T_GEN)/%.names.h: include/uapi/%.h $(UAPI_T_DIR)/uapi-names.py $(UAPI_T_DIR)/walk.h
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  GEN     $@")
	$(Q)python3 $(UAPI_T_DIR)/uapi-names.py $< $* $(UAPI_T_DIR)/walk.h > $@.tmp && mv $@.tmp $@

$(UAPI_T_GEN)/headers.h: $(UAPI_T_DIR)/headers.txt
	@mkdir -p $(dir $@)
	$(Q)printf '#define UAPI_HEADERS(X)%s\n' "$(foreach h,$(UAPI_T_HEADERS), X($(h)))" > $@

$(UAPI_T_GEN)/ours_%.c:
	@mkdir -p $(dir $@)
	$(Q)printf '#define UAPI_OURS\n#include <uapi/%s.h>\n#define UAPI_SIDE ours\n#define UAPI_NAME %s\n#include "%s.names.h"\n#include "uapi_table.h"\n' $* $* $* > $@

$(UAPI_T_O)/ours_%.o: $(UAPI_T_GEN)/ours_%.c $(UAPI_T_GEN)/%.names.h
	$(if $(Q),@echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(UAPI_T_CFLAGS) -Iinclude -c $< -o $@

$(UAPI_T_O)/host_%.o: $(UAPI_T_DIR)/host/%.c $(UAPI_T_GEN)/%.names.h
	$(if $(Q),@echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(UAPI_T_CFLAGS) -c $< -o $@

$(UAPI_T_O)/walk_ours.o: $(UAPI_T_DIR)/walk_ours.c
	$(if $(Q),@echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(UAPI_T_CFLAGS) -Iinclude -c $< -o $@

$(UAPI_T_O)/errno_glibc.o: $(UAPI_T_DIR)/errno_glibc.c
	$(if $(Q),@echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(UAPI_T_CFLAGS) -Iinclude -c $< -o $@

$(UAPI_T_O)/walk_host.o: $(UAPI_T_DIR)/walk_host.c
	$(if $(Q),@echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(UAPI_T_CFLAGS) -c $< -o $@

$(UAPI_T_O)/test_uapi.o: $(UAPI_T_DIR)/test_uapi.c $(UAPI_T_GEN)/headers.h
	$(if $(Q),@echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(UAPI_T_CFLAGS) -Iinclude -c $< -o $@

$(UAPI_T_BIN): $(UAPI_T_OBJS)
	@mkdir -p $(dir $@)
	$(if $(Q),@echo "  HOSTLD  $@")
	$(Q)$(HOSTCC) -fsanitize=address,undefined -o $@ $^ -lcmocka

# (The objects' .d files live under $(O)/unit, which mk/unit.mk includes.)
