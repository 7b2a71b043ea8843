/*
 * /proc/meminfo (proc(5)): the page allocator's counters in Linux's
 * "Name:  value kB" layout.  There is no swap and no buffer cache, and
 * the only cached file data is that of tmpfs and ramfs, which Linux
 * counts both in Shmem and in Cached (sysinfo(2)'s sharedram is the
 * same figure); Buffers, SwapTotal and SwapFree are truly 0.
 */
#include "internal.h"
#include <tern/fs.h>
#include <tern/mm.h>
#include <tern/proc_fs.h>

int meminfo_show(struct proc_ctx *pc, struct proc_buf *b)
{
	unsigned long total = (unsigned long)nr_managed_pages() * 4;
	unsigned long free = (unsigned long)nr_free_pages() * 4;
	unsigned long shmem = (unsigned long)ramfs_data_pages() * 4;
	static const char *const zero[] = {
		"SwapCached", "Active", "Inactive",
		"SwapTotal", "SwapFree", "Dirty", "Writeback",
	};

	(void)pc;
	proc_printf(b, "MemTotal:       %8lu kB\n", total);
	proc_printf(b, "MemFree:        %8lu kB\n", free);
	proc_printf(b, "MemAvailable:   %8lu kB\n", free);
	proc_printf(b, "Buffers:        %8lu kB\n", 0ul);
	proc_printf(b, "Cached:         %8lu kB\n", shmem);
	for (unsigned int i = 0; i < ARRAY_SIZE(zero); i++)
		proc_printf(b, "%s:%*s%8lu kB\n", zero[i], (int)(15 - strlen(zero[i])), "", 0ul);
	proc_printf(b, "Shmem:          %8lu kB\n", shmem);
	return 0;
}
