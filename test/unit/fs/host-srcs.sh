#!/bin/sh
# Print the fs/ sources that build on the host (unit tests, fuzzers): the
# ones whose every <...> include is a service the host shim or the
# kernel's host-safe headers provide.  Kernel-only fs/ files (pipes,
# select, ttys: uaccess, signals, wait queues) are left out, and so are
# those that include "sys_internal.h" (the syscall layer's own header:
# fds, signals, the current task; dnotify.c, whose hooks the shim stubs).
allowed='<(tern/(types|kernel|list|string|errno|printk|panic|spinlock|slab|mm|time|fs|vfs|fdtable|initramfs|uio)\.h|uapi/[a-z0-9_]+\.h)>'
for f in $(find fs -name '*.c' | LC_ALL=C sort); do
	grep -q '^#include "sys_internal.h"' "$f" && continue
	grep -E '^#include <' "$f" | grep -qvE "$allowed" || echo "$f"
done
