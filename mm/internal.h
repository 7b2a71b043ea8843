/* Helpers shared by mm/memory.c and mm/mmap.c. */
#ifndef MM_INTERNAL_H
#define MM_INTERNAL_H

#include <tern/mm_types.h>

pte_t *user_pte_next(pte_t *pgd, u64 *va, u64 end);
int user_map_page(pte_t *pgd, u64 va, phys_addr_t pa, u64 flags);
u64 vma_pte_flags(const struct vm_area_struct *vma);
void flush_tlb_mm(struct mm_struct *mm);
void zap_page_range(struct mm_struct *mm, u64 start, u64 end);
void change_protection(struct mm_struct *mm, struct vm_area_struct *vma, u64 start,
		       u64 end);
/* A VMA takes or drops its file (and the inode's count of shared
 * mappings that may write: i_mmap_writable, which F_SEAL_WRITE needs 0). */
void vma_get_file(struct vm_area_struct *v);
void vma_put_file(struct vm_area_struct *v);
int populate_range(struct mm_struct *mm, u64 addr, u64 len, bool write);

#endif
