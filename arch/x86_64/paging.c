/*
 * The kernel's page tables, replacing the coarse boot tables of head.S:
 *
 *   PAGE_OFFSET + p  ->  p     for every 2 MiB chunk touching RAM, ACPI
 *                              tables or the first 1 MiB: read/write, NX
 *   KERNEL_VMA + p   ->  p     the kernel image in 4 KiB pages:
 *                              text read-only + executable, rodata
 *                              read-only + NX, data/bss read/write + NX
 *   IOREMAP_BASE ...           device MMIO, uncached, NX (ioremap)
 *
 * Nothing is identity-mapped any more, so a NULL dereference faults.
 * All kernel mappings are global (CR4.PGE).  The PDPTs of the upper half
 * are created here once and never replaced, so a process page table
 * (next issue) can share them by copying PML4 entries 256..511.
 */
#include <asm/cpu.h>
#include <asm/pgtable.h>
#include <tern/bootinfo.h>
#include <tern/errno.h>
#include <tern/io.h>
#include <tern/kernel.h>
#include <tern/mm.h>
#include <tern/panic.h>
#include <tern/printk.h>
#include <tern/spinlock.h>
#include <tern/string.h>

#define SIZE_2M		(2ull << 20)

pte_t *kernel_pml4;
u64 pte_nx;

extern const char _text[], _etext[], _rodata[], _erodata[], _data[], _end[];

static DEFINE_SPINLOCK(pgtable_lock);
static u64 ioremap_next = IOREMAP_BASE;

static inline unsigned idx(u64 va, int level)
{
	return (va >> (12 + 9 * (level - 1))) & 511;
}

/*
 * The table the entry points at, creating it if asked.  Intermediate
 * entries are writable and, for user mappings, user-accessible: the
 * leaf entry alone decides a page's permissions.
 */
static pte_t *next_table_flags(pte_t *entry, bool create, u64 user)
{
	if (!(*entry & PTE_P)) {
		if (!create)
			return NULL;
		pte_t *t = get_zeroed_page();
		if (!t)
			return NULL;
		*entry = virt_to_phys(t) | PTE_P | PTE_W | user;
	}
	return phys_to_virt(*entry & PTE_ADDR_MASK);
}

static pte_t *next_table(pte_t *entry, bool create)
{
	return next_table_flags(entry, create, 0);
}

int map_page(pte_t *pml4, u64 va, phys_addr_t pa, u64 flags)
{
	pte_t *t = pml4;

	for (int level = 4; level > 1; level--) {
		t = next_table_flags(&t[idx(va, level)], true, flags & PTE_U);
		if (!t)
			return -ENOMEM;
	}
	t[idx(va, 1)] = pa | flags | PTE_P;
	return 0;
}

static int map_large(pte_t *pml4, u64 va, phys_addr_t pa, u64 flags)
{
	pte_t *t = pml4;

	for (int level = 4; level > 2; level--) {
		t = next_table(&t[idx(va, level)], true);
		if (!t)
			return -ENOMEM;
	}
	t[idx(va, 2)] = pa | flags | PTE_P | PTE_PS;
	return 0;
}

phys_addr_t unmap_page(pte_t *pml4, u64 va)
{
	int level;
	pte_t *pte = pte_lookup(pml4, va, &level);

	if (!pte || level != 1)
		return 0;
	phys_addr_t pa = *pte & PTE_ADDR_MASK;
	*pte = 0;
	invlpg(va);
	return pa;
}

pte_t *pte_lookup(pte_t *pml4, u64 va, int *level)
{
	pte_t *t = pml4;

	for (int l = 4; l >= 1; l--) {
		pte_t *e = &t[idx(va, l)];
		if (!(*e & PTE_P))
			return NULL;
		if (l == 1 || (l <= 3 && (*e & PTE_PS))) {
			*level = l;
			return e;
		}
		t = phys_to_virt(*e & PTE_ADDR_MASK);
	}
	return NULL;
}

static void map_direct(void)
{
	u64 flags = PTE_W | PTE_G | pte_nx;

	for (int i = 0; i < boot_info.nr_mmap; i++) {
		const struct mem_region *r = &boot_info.mmap[i];
		/* RAM and ACPI tables; other reserved ranges are device
		 * memory, which ioremap maps uncached when a driver asks. */
		if (!r->len || (r->type != MEM_USABLE && r->type != MEM_ACPI_RECLAIMABLE &&
				r->type != MEM_ACPI_NVS && r->base >= 0x100000))
			continue;
		u64 s = ALIGN_DOWN(r->base, SIZE_2M);
		u64 e = ALIGN_UP(r->base + r->len, SIZE_2M);
		for (u64 p = s; p < e; p += SIZE_2M)
			if (map_large(kernel_pml4, PAGE_OFFSET + p, p, flags))
				panic("paging: out of memory building the direct map");
	}
}

static void map_kernel_range(const char *start, const char *end, u64 flags)
{
	for (u64 va = (u64)start; va < (u64)end; va += PAGE_SIZE)
		if (map_page(kernel_pml4, va, va - KERNEL_VMA, flags | PTE_G))
			panic("paging: out of memory mapping the kernel");
}

void paging_init(void)
{
	pte_nx = cpu_features.nx ? PTE_NX : 0;
	kernel_pml4 = get_zeroed_page();
	if (!kernel_pml4)
		panic("paging: no page for the kernel PML4");

	/* Upper-half PDPTs exist from the start (see the comment above). */
	for (unsigned i = 256; i < 512; i++)
		if (!next_table(&kernel_pml4[i], true))
			panic("paging: out of memory for kernel PDPTs");

	map_direct();
	map_kernel_range(_text, _etext, 0);
	map_kernel_range(_rodata, _erodata, pte_nx);
	map_kernel_range(_data, _end, PTE_W | pte_nx);

	if (cpu_features.pge)
		write_cr4(read_cr4() | X86_CR4_PGE);
	write_cr3(virt_to_phys(kernel_pml4));
	pr_info("paging: direct map of %lu MiB at 0x%lx, kernel text RO, data NX%s\n",
		(unsigned long)(max_phys_addr() >> 20), (unsigned long)PAGE_OFFSET,
		pte_nx ? "" : " (no NX on this CPU)");
}

void *ioremap(phys_addr_t phys, size_t size)
{
	u64 off = phys & (PAGE_SIZE - 1);
	u64 len = ALIGN_UP(size + off, (u64)PAGE_SIZE);
	unsigned long flags = spin_lock_irqsave(&pgtable_lock);
	u64 va = ioremap_next;

	if (va + len > IOREMAP_BASE + IOREMAP_SIZE) {
		spin_unlock_irqrestore(&pgtable_lock, flags);
		return NULL;
	}
	for (u64 i = 0; i < len; i += PAGE_SIZE) {
		if (map_page(kernel_pml4, va + i, (phys - off) + i,
			     PTE_W | PTE_PCD | PTE_PWT | PTE_G | pte_nx)) {
			spin_unlock_irqrestore(&pgtable_lock, flags);
			return NULL;
		}
	}
	/* A guard page between mappings catches overruns. */
	ioremap_next = va + len + PAGE_SIZE;
	spin_unlock_irqrestore(&pgtable_lock, flags);
	return (void *)(va + off);
}

pte_t *pgd_alloc(void)
{
	pte_t *pml4 = get_zeroed_page();

	if (pml4)
		memcpy(pml4 + 256, kernel_pml4 + 256, 256 * sizeof(pte_t));
	return pml4;
}

/*
 * Frees the user half's page-table pages (PDPTs, PDs, PTs) and the PML4.
 * The pages they map belong to the caller and must be freed before.
 * Three nested loops, one per level: no recursion on the kernel stack.
 */
void pgd_free(pte_t *pml4)
{
	for (int i = 0; i < 256; i++) {
		if (!(pml4[i] & PTE_P))
			continue;
		pte_t *pdpt = phys_to_virt(pml4[i] & PTE_ADDR_MASK);
		for (int j = 0; j < 512; j++) {
			if (!(pdpt[j] & PTE_P) || (pdpt[j] & PTE_PS))
				continue;
			pte_t *pd = phys_to_virt(pdpt[j] & PTE_ADDR_MASK);
			for (int k = 0; k < 512; k++)
				if ((pd[k] & PTE_P) && !(pd[k] & PTE_PS))
					free_pages(pd[k] & PTE_ADDR_MASK, 0);
			free_pages_virt(pd, 0);
		}
		free_pages_virt(pdpt, 0);
	}
	free_pages_virt(pml4, 0);
}
