#!/usr/bin/env bash
# Host unit tests of fs/ (cmocka, TAP output) and the fs/ include rule.
set -uo pipefail
O=${O:-build}
. tools/suite-lib.sh
status=0

# The VFS core uses only the kernel services listed in include/tern/fs.h,
# so it builds and is tested on the host (kernel-only fs/ files such as
# pipes and select are not part of it).
core="attr char_dev dcache fcntl fdtable file_table initramfs inode namei open
	read_write readdir stat super ramfs/file ramfs/inode"
host=$(test/unit/fs/host-srcs.sh)
plan unit-fs/vfs-core-includes-only-host-safe-services
bad=
for f in $core; do
	grep -qx "fs/$f.c" <<< "$host" || bad="$bad fs/$f.c"
done
if [ -z "$bad" ]; then
	pass unit-fs/vfs-core-includes-only-host-safe-services
else
	fail unit-fs/vfs-core-includes-only-host-safe-services "not host-built:$bad"
fi

run_cmocka unit-fs test/unit/fs "$O/unit-fs/bin" || status=1
exit $status
