/*
 * Reading the boot loader's information: multiboot1 (spec 0.6.96 §3.3,
 * from qemu -kernel) and multiboot2 (spec 2.0 §3.6, from GRUB).  Both
 * are boiled down to struct boot_info.  The info block is reached
 * through the boot page tables' direct map of the first 4 GiB, where
 * loaders always put it.  Everything is bounds-checked: a loader bug
 * gives a panic message, never a wild read.
 */
#include <tern/bootinfo.h>
#include <tern/mm.h>
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/string.h>

#define MB1_BOOT_MAGIC		0x2badb002
#define MB2_BOOT_MAGIC		0x36d76289

#define MB1_INFO_MEM		(1u << 0)
#define MB1_INFO_CMDLINE	(1u << 2)
#define MB1_INFO_MODS		(1u << 3)
#define MB1_INFO_MMAP		(1u << 6)
#define MB1_INFO_LOADER		(1u << 9)

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_LOADER		2
#define MB2_TAG_MODULE		3
#define MB2_TAG_MMAP		6
#define MB2_TAG_ACPI_OLD	14
#define MB2_TAG_ACPI_NEW	15

#define LOW_4G			0x100000000ull

struct boot_info boot_info;

struct mb1_info {
	u32 flags;
	u32 mem_lower, mem_upper;
	u32 boot_device;
	u32 cmdline;
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;
	u32 drives_length, drives_addr;
	u32 config_table;
	u32 boot_loader_name;
} __packed;

struct mb1_module {
	u32 mod_start, mod_end, string, reserved;
} __packed;

struct mb1_mmap_entry {
	u32 size;	/* of the rest of the entry */
	u64 base, len;
	u32 type;
} __packed;

struct mb2_tag {
	u32 type, size;
} __packed;

struct mb2_mmap_entry {
	u64 base, len;
	u32 type, reserved;
} __packed;

const char *mem_type_name(u32 type)
{
	switch (type) {
	case MEM_USABLE: return "usable";
	case MEM_ACPI_RECLAIMABLE: return "ACPI data";
	case MEM_ACPI_NVS: return "ACPI NVS";
	case MEM_BAD: return "bad";
	default: return "reserved";
	}
}

/* A loader string at a 32-bit physical address, copied bounded. */
static void copy_string(char *dst, size_t size, u64 phys)
{
	if (!phys || phys >= LOW_4G) {
		dst[0] = '\0';
		return;
	}
	const char *s = phys_to_virt(phys);
	size_t n = strnlen(s, size - 1);
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static void add_region(u64 base, u64 len, u32 type)
{
	if (boot_info.nr_mmap >= BOOT_MAX_REGIONS) {
		pr_warn("boot: more than %d memory regions, ignoring the rest\n",
			BOOT_MAX_REGIONS);
		return;
	}
	boot_info.mmap[boot_info.nr_mmap++] = (struct mem_region){ base, len, type };
}

static void add_module(u64 start, u64 end, u64 string)
{
	if (boot_info.nr_mods >= BOOT_MAX_MODULES || end < start)
		return;
	struct boot_module *m = &boot_info.mods[boot_info.nr_mods++];
	m->start = start;
	m->end = end;
	copy_string(m->cmdline, sizeof(m->cmdline), string);
}

static void parse_mb1(u64 info)
{
	const struct mb1_info *mbi = phys_to_virt(info);

	boot_info.protocol = 1;
	if (mbi->flags & MB1_INFO_CMDLINE)
		copy_string(boot_info.cmdline, sizeof(boot_info.cmdline), mbi->cmdline);
	if (mbi->flags & MB1_INFO_LOADER)
		copy_string(boot_info.loader, sizeof(boot_info.loader), mbi->boot_loader_name);
	if (mbi->flags & MB1_INFO_MODS) {
		const struct mb1_module *mod = phys_to_virt(mbi->mods_addr);
		for (u32 i = 0; i < mbi->mods_count && i < BOOT_MAX_MODULES; i++)
			add_module(mod[i].mod_start, mod[i].mod_end, mod[i].string);
	}
	if (mbi->flags & MB1_INFO_MMAP) {
		u64 p = mbi->mmap_addr, end = p + mbi->mmap_length;
		while (p + sizeof(struct mb1_mmap_entry) <= end) {
			const struct mb1_mmap_entry *e = phys_to_virt(p);
			add_region(e->base, e->len, e->type);
			p += e->size + sizeof(e->size);
		}
	}
}

static void parse_mb2(u64 info)
{
	u32 total = *(const u32 *)phys_to_virt(info);
	u64 p = info + 8, end = info + total;

	boot_info.protocol = 2;
	if (total < 16 || total > (1u << 20))
		panic("boot: multiboot2 information has an implausible size %u", total);
	while (p + sizeof(struct mb2_tag) <= end) {
		const struct mb2_tag *t = phys_to_virt(p);
		if (t->type == MB2_TAG_END)
			break;
		if (t->size < sizeof(*t) || p + t->size > end)
			panic("boot: malformed multiboot2 tag %u (size %u)", t->type, t->size);
		const u8 *body = (const u8 *)(t + 1);
		u64 body_phys = p + sizeof(*t);
		switch (t->type) {
		case MB2_TAG_CMDLINE:
			copy_string(boot_info.cmdline, sizeof(boot_info.cmdline), body_phys);
			break;
		case MB2_TAG_LOADER:
			copy_string(boot_info.loader, sizeof(boot_info.loader), body_phys);
			break;
		case MB2_TAG_MODULE: {
			const u32 *m = (const u32 *)body;
			add_module(m[0], m[1], body_phys + 8);
			break;
		}
		case MB2_TAG_ACPI_OLD:
		case MB2_TAG_ACPI_NEW: {
			/* Prefer the ACPI 2.0+ copy (tag 15) when both exist. */
			u32 len = MIN(t->size - (u32)sizeof(*t), (u32)sizeof(boot_info.rsdp));
			if (t->type == MB2_TAG_ACPI_NEW || !boot_info.rsdp_len) {
				memcpy(boot_info.rsdp, body, len);
				boot_info.rsdp_len = len;
			}
			break;
		}
		case MB2_TAG_MMAP: {
			u32 esize = ((const u32 *)body)[0];
			if (esize < sizeof(struct mb2_mmap_entry))
				panic("boot: multiboot2 memory map entry size %u too small", esize);
			for (u64 e = body_phys + 8; e + esize <= p + t->size; e += esize) {
				const struct mb2_mmap_entry *me = phys_to_virt(e);
				add_region(me->base, me->len, me->type);
			}
			break;
		}
		}
		p += ALIGN_UP((u64)t->size, 8);
	}
}

void multiboot_parse(u32 magic, phys_addr_t info)
{
	if (info == 0 || info >= LOW_4G)
		panic("boot: no boot information from the loader (ebx=0x%lx)",
		      (unsigned long)info);
	if (magic == MB1_BOOT_MAGIC)
		parse_mb1(info);
	else if (magic == MB2_BOOT_MAGIC)
		parse_mb2(info);
	else
		panic("boot: unknown boot magic 0x%x", magic);
	if (boot_info.nr_mmap == 0)
		panic("boot: the boot loader gave no memory map (multiboot%d); "
		      "Tern cannot tell where RAM is", boot_info.protocol);
}
