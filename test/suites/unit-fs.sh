#!/usr/bin/env bash
# Host unit tests of fs/ (cmocka, TAP output) and the fs/ include rule.
set -uo pipefail
O=${O:-build}
status=0

# The VFS core uses only the kernel services listed in include/tern/fs.h,
# so it builds and is tested on the host (kernel-only fs/ files such as
# pipes and select are not part of it).
core="attr char_dev dcache fcntl fdtable file_table initramfs inode namei open
	read_write readdir stat super ramfs/file ramfs/inode"
host=$(test/unit/fs/host-srcs.sh)
bad=
for f in $core; do
	grep -qx "fs/$f.c" <<< "$host" || bad="$bad fs/$f.c"
done
if [ -z "$bad" ]; then
	echo "PASS unit-fs/vfs-core-includes-only-host-safe-services"
else
	echo "FAIL unit-fs/vfs-core-includes-only-host-safe-services:$bad"
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
