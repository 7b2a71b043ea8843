/*
 * Finding the MADT (ACPI 6.4 §5.2.12): the RSDP comes from the
 * multiboot2 ACPI tag or, failing that, a scan of the EBDA's first KiB
 * and 0xe0000-0xfffff on 16-byte boundaries (§5.2.5.1).  The RSDP leads
 * to the XSDT (64-bit pointers, ACPI 2.0+) or the RSDT (32-bit); each
 * table is checked (signature, length, checksum) before use.  Tables are
 * mapped with ioremap, since firmware may place them outside RAM.
 *
 * Without a usable MADT we assume the PC defaults: one I/O APIC at
 * 0xfec00000 and ISA IRQs identity-mapped, edge, active high.
 */
#include <tern/acpi.h>
#include <tern/bootinfo.h>
#include <tern/io.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/printk.h>
#include <tern/string.h>

#define DEFAULT_IOAPIC	0xfec00000
#define MAX_TABLE_LEN	(1u << 20)
#define MAX_ENTRIES	256

struct acpi_info acpi_info;

struct rsdp {
	char signature[8];
	u8 checksum;
	char oem[6];
	u8 revision;
	u32 rsdt;
	u32 length;		/* revision >= 2 from here */
	u64 xsdt;
	u8 ext_checksum;
	u8 reserved[3];
} __packed;

struct sdt_header {
	char signature[4];
	u32 length;
	u8 revision;
	u8 checksum;
	char oem[6];
	char oem_table[8];
	u32 oem_revision;
	u32 creator, creator_revision;
} __packed;

static bool checksum_ok(const void *p, size_t len)
{
	u8 sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += ((const u8 *)p)[i];
	return sum == 0;
}

static const struct rsdp *scan_rsdp(u64 start, u64 len)
{
	for (u64 p = start; p + sizeof(struct rsdp) <= start + len; p += 16) {
		const struct rsdp *r = phys_to_virt(p);
		if (!memcmp(r->signature, "RSD PTR ", 8) && checksum_ok(r, 20))
			return r;
	}
	return NULL;
}

static const char *rsdp_source = "BIOS area scan";

static const struct rsdp *find_rsdp(void)
{
	const struct rsdp *r = (const struct rsdp *)boot_info.rsdp;

	if (boot_info.rsdp_len >= 20 && !memcmp(r->signature, "RSD PTR ", 8) && checksum_ok(r, 20)) {
		rsdp_source = "multiboot2 tag";
		return r;
	}
	u64 ebda = (u64)*(const u16 *)phys_to_virt(0x40e) << 4;
	if (ebda >= 0x80000 && ebda < 0xa0000 && (r = scan_rsdp(ebda, 1024)))
		return r;
	return scan_rsdp(0xe0000, 0x20000);
}

/* Maps and validates the table at phys; NULL if it is not sound. */
static const struct sdt_header *map_table(u64 phys)
{
	const struct sdt_header *h = ioremap(phys, sizeof(*h));

	if (!h || h->length < sizeof(*h) || h->length > MAX_TABLE_LEN)
		return NULL;
	u32 len = h->length;
	h = ioremap(phys, len);
	if (!h || !checksum_ok(h, len))
		return NULL;
	return h;
}

static const struct sdt_header *find_table(const struct rsdp *r, const char *sig)
{
	bool x = r->revision >= 2 && r->xsdt;
	const struct sdt_header *root = map_table(x ? r->xsdt : r->rsdt);

	if (!root)
		return NULL;
	size_t esize = x ? 8 : 4;
	size_t n = MIN((root->length - sizeof(*root)) / esize, (size_t)MAX_ENTRIES);
	const u8 *entries = (const u8 *)(root + 1);
	for (size_t i = 0; i < n; i++) {
		u64 phys = 0;
		memcpy(&phys, entries + i * esize, esize);
		const struct sdt_header *h = map_table(phys);
		if (h && !memcmp(h->signature, sig, 4))
			return h;
	}
	return NULL;
}

static void parse_madt(const struct sdt_header *madt)
{
	const u8 *p = (const u8 *)(madt + 1);
	const u8 *end = (const u8 *)madt + madt->length;

	acpi_info.lapic_addr = *(const u32 *)p;
	p += 8;				/* local APIC address, flags */
	while (p + 2 <= end && p[1] >= 2 && p + p[1] <= end) {
		switch (p[0]) {
		case 1:			/* I/O APIC */
			if (p[1] >= 12 && acpi_info.nr_ioapics < ACPI_MAX_IOAPICS) {
				struct acpi_ioapic *io = &acpi_info.ioapic[acpi_info.nr_ioapics++];
				io->id = p[2];
				io->addr = *(const u32 *)(p + 4);
				io->gsi_base = *(const u32 *)(p + 8);
			}
			break;
		case 2:			/* interrupt source override */
			if (p[1] >= 10 && p[2] == 0 && p[3] < 16) {
				u16 flags = *(const u16 *)(p + 8);
				struct isa_irq_route *r = &acpi_info.isa[p[3]];
				r->gsi = *(const u32 *)(p + 4);
				/* 0 = bus default (ISA: high, edge), 1/3 = high/low. */
				r->active_low = (flags & 3) == 3;
				r->level = ((flags >> 2) & 3) == 3;
			}
			break;
		}
		p += p[1];
	}
}

void acpi_init(void)
{
	for (int i = 0; i < 16; i++)
		acpi_info.isa[i] = (struct isa_irq_route){ .gsi = i };

	const struct rsdp *r = find_rsdp();
	const struct sdt_header *madt = r ? find_table(r, "APIC") : NULL;
	if (madt) {
		parse_madt(madt);
		acpi_info.found = acpi_info.nr_ioapics > 0;
	}
	if (!acpi_info.found) {
		pr_warn("acpi: no usable MADT; assuming one I/O APIC at 0x%x\n", DEFAULT_IOAPIC);
		acpi_info.nr_ioapics = 1;
		acpi_info.ioapic[0] = (struct acpi_ioapic){ 0, DEFAULT_IOAPIC, 0 };
		return;
	}
	pr_info("acpi: RSDP rev %u (%s), %d I/O APIC(s), first at 0x%lx (GSI %u)\n",
		r->revision, rsdp_source,
		acpi_info.nr_ioapics, (unsigned long)acpi_info.ioapic[0].addr,
		acpi_info.ioapic[0].gsi_base);
	for (int i = 0; i < 16; i++) {
		const struct isa_irq_route *ir = &acpi_info.isa[i];
		if (ir->gsi != (u32)i || ir->active_low || ir->level)
			pr_info("acpi: ISA IRQ %d -> GSI %u%s%s\n", i, ir->gsi,
				ir->level ? " level" : " edge", ir->active_low ? " low" : " high");
	}
}
