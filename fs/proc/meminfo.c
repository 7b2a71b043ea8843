/*
 * /proc/meminfo (proc(5)): the page allocator's counters in Linux's
 * "Name:  value kB" layout.  linux-compat: there is no page cache, no
 * swap and no buffer cache, so Buffers, Cached, SwapTotal and SwapFree
 * are truly 0; file data on tmpfs is counted as used memory.
 */
#include "internal.h"
#include <tern/mm.h>
#include <tern/proc_fs.h>

int meminfo_show(struct proc_ctx *pc, struct proc_buf *b)
{
	unsigned long total = (unsigned long)nr_managed_pages() * 4;
	unsigned long free = (unsigned long)nr_free_pages() * 4;
	static const char *const zero[] = {
		"Buffers", "Cached", "SwapCached", "Active", "Inactive",
		"SwapTotal", "SwapFree", "Dirty", "Writeback", "Shmem",
	};

	(void)pc;
	proc_printf(b, "MemTotal:       %8lu kB\n", total);
	proc_printf(b, "MemFree:        %8lu kB\n", free);
	proc_printf(b, "MemAvailable:   %8lu kB\n", free);
	for (unsigned int i = 0; i < ARRAY_SIZE(zero); i++)
		proc_printf(b, "%s:%*s%8lu kB\n", zero[i], (int)(15 - strlen(zero[i])), "", 0ul);
	return 0;
}
