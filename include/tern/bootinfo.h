/*
 * What the boot loader told us, copied out of the multiboot1/multiboot2
 * information (arch/x86_64/multiboot.c) before the page allocator may
 * reuse the memory it lived in.
 */
#ifndef TERN_BOOTINFO_H
#define TERN_BOOTINFO_H

#include <tern/types.h>

#define BOOT_MAX_REGIONS	128
#define BOOT_MAX_MODULES	8
#define BOOT_CMDLINE_LEN	1024

/* Memory region types as in multiboot/E820. */
#define MEM_USABLE		1
#define MEM_RESERVED		2
#define MEM_ACPI_RECLAIMABLE	3
#define MEM_ACPI_NVS		4
#define MEM_BAD			5

struct mem_region {
	u64 base;
	u64 len;
	u32 type;
};

struct boot_module {
	phys_addr_t start;	/* first byte */
	phys_addr_t end;	/* one past the last byte */
	char cmdline[64];
};

struct boot_info {
	int protocol;				/* 1 or 2 (multiboot version) */
	char loader[64];
	char cmdline[BOOT_CMDLINE_LEN];
	struct mem_region mmap[BOOT_MAX_REGIONS];
	int nr_mmap;
	struct boot_module mods[BOOT_MAX_MODULES];
	int nr_mods;
	/* Copy of the ACPI RSDP from multiboot2 tags 14/15 (else rsdp_len 0). */
	u8 rsdp[36];
	u32 rsdp_len;
};

extern struct boot_info boot_info;

/* Parses the loader's info at physical address info (panics if bad). */
void multiboot_parse(u32 magic, phys_addr_t info);
const char *mem_type_name(u32 type);

#endif
