/*
 * x86_64 4-level page tables (Intel SDM vol. 3A §4.5).
 */
#ifndef ASM_PGTABLE_H
#define ASM_PGTABLE_H

#include <asm/layout.h>
#include <tern/types.h>

#define PTE_P		(1ull << 0)
#define PTE_W		(1ull << 1)
#define PTE_U		(1ull << 2)
#define PTE_PWT		(1ull << 3)
#define PTE_PCD		(1ull << 4)
#define PTE_A		(1ull << 5)
#define PTE_D		(1ull << 6)
#define PTE_PS		(1ull << 7)	/* 2 MiB / 1 GiB page in PD / PDPT */
#define PTE_G		(1ull << 8)
#define PTE_NX		(1ull << 63)
#define PTE_ADDR_MASK	0x000ffffffffff000ull

typedef u64 pte_t;

/* Root of the kernel's page tables; processes share its upper half. */
extern pte_t *kernel_pml4;
/* PTE_NX if the CPU supports it, else 0. */
extern u64 pte_nx;

void paging_init(void);
/*
 * The leaf entry mapping va in the tables rooted at pml4 (also for
 * 2 MiB pages), or NULL if unmapped; *level gets 1 (4 KiB), 2 (2 MiB).
 */
pte_t *pte_lookup(pte_t *pml4, u64 va, int *level);
/* Map one 4 KiB page; allocates intermediate tables.  0 or -ENOMEM. */
int map_page(pte_t *pml4, u64 va, phys_addr_t pa, u64 flags);
/* A new top-level table sharing the kernel half (entries 256..511) with
 * kernel_pml4, user half empty; NULL on ENOMEM. */
pte_t *pgd_alloc(void);
/* Frees a pgd_alloc() table and its user-half page tables (not the
 * pages mapped there: the caller frees those first). */
void pgd_free(pte_t *pml4);
/* Remove a 4 KiB mapping (and its TLB entry); returns the page it mapped
 * or 0.  Page tables themselves are kept. */
phys_addr_t unmap_page(pte_t *pml4, u64 va);

#endif
