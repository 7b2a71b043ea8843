#!/usr/bin/env bash
# Host unit tests (cmocka, TAP output) and the net/ include rule.
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

run_cmocka unit test/unit/net "$O/unit/bin" || status=1
exit $status
