/* Controls of the fs host shim (test/unit/fs/shim/host.c). */
#ifndef TEST_FS_SHIM_HOST_H
#define TEST_FS_SHIM_HOST_H

#include <tern/types.h>

/* kmalloc/kzalloc blocks not yet kfree'd. */
long host_live_allocations(void);
/* Make the allocation after the next n succeed-ones fail (n < 0: never). */
void host_fail_alloc_after(long n);
/* Has the failure asked for not happened yet? */
bool host_fail_pending(void);
/* The fake CLOCK_REALTIME. */
void host_clock_set(s64 sec, long nsec);
void host_clock_advance_ns(s64 ns);
/* Lines printed through printk() since the last call (and cleared). */
int host_printk_count(void);

#endif
