/*
 * Symbol lookup for backtraces.  The table (kallsyms_*) is generated at
 * build time from the first link (kernel/mkkallsyms.sh) and sorted by
 * address, so lookup is a binary search for the last symbol <= addr.
 */
#include <tern/kallsyms.h>
#include <tern/printk.h>
#include <tern/string.h>

extern const u64 kallsyms_count;
extern const u64 kallsyms_addrs[];
extern const u32 kallsyms_name_offs[];
extern const char kallsyms_names[];
extern const char _text[], _etext[], _boot_start[], _boot_end[];

static bool is_text(u64 addr)
{
	return (addr >= (u64)_text && addr < (u64)_etext) ||
	       (addr >= (u64)_boot_start && addr < (u64)_boot_end);
}

const char *kallsyms_lookup(u64 addr, u64 *offset)
{
	u64 lo = 0, hi = kallsyms_count;

	if (!is_text(addr) || !hi || addr < kallsyms_addrs[0])
		return NULL;
	/* Invariant: kallsyms_addrs[lo] <= addr, answer in [lo, hi). */
	while (hi - lo > 1) {
		u64 mid = lo + (hi - lo) / 2;
		if (kallsyms_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - kallsyms_addrs[lo];
	return kallsyms_names + kallsyms_name_offs[lo];
}

void kallsyms_format(u64 addr, char *buf, size_t size)
{
	u64 off;
	const char *name = kallsyms_lookup(addr, &off);

	if (name)
		snprintf(buf, size, "%s+0x%lx", name, (unsigned long)off);
	else
		snprintf(buf, size, "0x%016lx", (unsigned long)addr);
}

u64 kallsyms_lookup_name(const char *name)
{
	for (u64 i = 0; i < kallsyms_count; i++)
		if (!strcmp(kallsyms_names + kallsyms_name_offs[i], name))
			return kallsyms_addrs[i];
	return 0;
}
