#!/usr/bin/env bash
# Host unit tests of fs/ (cmocka, TAP output) and the fs/ include rule.
set -uo pipefail
O=${O:-build}
status=0

# fs/ uses only the kernel services listed in include/tern/fs.h, so it
# builds on the host with test/unit/fs/shim/.
allowed='tern/(types|kernel|list|string|errno|printk|panic|spinlock|slab|mm|time|fs|vfs|fdtable|initramfs)\.h|uapi/[a-z0-9_]+\.h'
bad=$(grep -rn '#include' fs/ | grep -vE "#include <($allowed)>|#include \"[a-z0-9_./]+\.h\"")
if [ -z "$bad" ]; then
	echo "PASS unit-fs/fs-includes-only-allowed-services"
else
	echo "FAIL unit-fs/fs-includes-only-allowed-services: $bad"
fi

found=0
for bin in "$O"/unit-fs/bin/test_*; do
	[ -x "$bin" ] || continue
	found=1
	name=$(basename "$bin")
	out=$(CMOCKA_MESSAGE_OUTPUT=TAP timeout 300 "$bin" 2>&1)
	rc=$?
	# TAP: "ok N - test" / "not ok N - test"
	printf '%s\n' "$out" | sed -nE "s/^ok [0-9]+ - (.*)/PASS unit-fs\/$name\/\1/p; s/^not ok [0-9]+ - (.*)/FAIL unit-fs\/$name\/\1/p"
	if [ $rc != 0 ]; then
		printf '%s\n' "$out" | grep -v '^ok ' | tail -20 >&2
		printf '%s\n' "$out" | grep -q '^not ok' || echo "FAIL unit-fs/$name: exited $rc"
		status=1
	fi
done
[ $found = 1 ] || echo "FAIL unit-fs/binaries: none under $O/unit-fs/bin (run make unit-fs)"
exit $status
