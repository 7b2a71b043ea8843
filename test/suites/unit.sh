#!/usr/bin/env bash
# Host unit tests (cmocka, TAP output), the net/ include rule and the
# include/uapi rules.
set -uo pipefail
O=${O:-build}
. tools/suite-lib.sh
status=0

# DESIGN §3: net/ reaches the kernel only through net_platform.h.
plan unit/net-includes-only-net_platform
if bad=$(tools/check-net-includes 2>&1); then
	pass unit/net-includes-only-net_platform
else
	fail unit/net-includes-only-net_platform "$bad"
fi

# Issue 8 §0.2: include/uapi stands alone and every header says how it
# is checked against Linux (test_uapi below does the checking).
plan unit/uapi-free-standing
if bad=$(tools/check-uapi 2>&1); then
	pass unit/uapi-free-standing
else
	fail unit/uapi-free-standing "$bad"
fi

run_cmocka unit test/unit/net "$O/unit/bin" || status=1
run_cmocka unit test/unit/uapi "$O/unit/bin" || status=1
exit $status
