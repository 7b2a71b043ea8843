#!/usr/bin/env bash
# Host unit tests (cmocka, TAP output), the net/ include rule and the
# include/uapi rules.
set -uo pipefail
O=${O:-build}
status=0

# DESIGN §3: net/ reaches the kernel only through net_platform.h.
if bad=$(tools/check-net-includes 2>&1); then
	echo "PASS unit/net-includes-only-net_platform"
else
	echo "FAIL unit/net-includes-only-net_platform: $bad"
fi

# Issue 8 §0.2: include/uapi stands alone and every header says how it
# is checked against Linux (test_uapi below does the checking).
if bad=$(tools/check-uapi 2>&1); then
	echo "PASS unit/uapi-free-standing"
else
	echo "FAIL unit/uapi-free-standing: $bad"
fi

for bin in "$O"/unit/bin/test_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	out=$(CMOCKA_MESSAGE_OUTPUT=TAP timeout 300 "$bin" 2>&1)
	rc=$?
	# TAP: "ok N - test" / "not ok N - test"
	printf '%s\n' "$out" | sed -nE "s/^ok [0-9]+ - (.*)/PASS unit\/$name\/\1/p; s/^not ok [0-9]+ - (.*)/FAIL unit\/$name\/\1/p"
	if [ $rc != 0 ]; then
		printf '%s\n' "$out" | grep -v '^ok ' | tail -20 >&2
		printf '%s\n' "$out" | grep -q '^not ok' || echo "FAIL unit/$name: exited $rc"
		status=1
	fi
done
exit $status
