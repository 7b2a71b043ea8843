#!/usr/bin/env bash
# Host unit tests (cmocka, TAP output) and the net/ include rule.
set -uo pipefail
O=${O:-build}
status=0

# DESIGN §3: net/ reaches the kernel only through net_platform.h.
if bad=$(tools/check-net-includes 2>&1); then
	echo "PASS unit/net-includes-only-net_platform"
else
	echo "FAIL unit/net-includes-only-net_platform: $bad"
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
