/*
 * A process's address space (mm/mmap.c, mm/memory.c).
 *
 * struct mm_struct owns one 4-level page table (pgd_alloc) and a sorted,
 * non-overlapping list of VMAs.  Shared by CLONE_VM threads through
 * `users`; fork copies it copy-on-write (dup_mm).
 *
 * Page ownership: every present user PTE maps either
 *  - an anonymous page (private, refcounted in struct page: COW shares
 *    it between address spaces until a write), or
 *  - with PTE_FILEPAGE set, a page owned by a file system (a MAP_SHARED
 *    file mapping): never freed by mm code.
 *
 * Locking: mm->lock (irq-saving spinlock) protects the VMA list and page
 * tables.  Faults take it; nothing sleeps under it.
 */
#ifndef TERN_MM_TYPES_H
#define TERN_MM_TYPES_H

#include <asm/pgtable.h>
#include <tern/list.h>
#include <tern/spinlock.h>
#include <tern/types.h>

/* Software PTE bits (ignored by the MMU: bits 9..11). */
#define PTE_FILEPAGE	(1ull << 9)	/* file system's page, not ours */

#define MMAP_MIN_ADDR	0x10000ull	/* Linux's vm.mmap_min_addr */

#define VM_READ		0x0001u
#define VM_WRITE	0x0002u
#define VM_EXEC		0x0004u
#define VM_SHARED	0x0008u
#define VM_MAYWRITE	0x0020u
#define VM_GROWSDOWN	0x0100u
#define VM_STACK	VM_GROWSDOWN
#define VM_DONTFORK	0x0200u
#define VM_HEAP		0x1000u		/* the brk area (for /proc maps) */
#define VM_MAIN_STACK	0x2000u		/* the stack exec built (for /proc maps) */
#define VM_VVAR		0x4000u		/* the vDSO's data page (kernel/vdso.c) */
#define VM_VDSO		0x8000u		/* the vDSO's code (kernel/vdso.c) */

struct file;

struct vm_area_struct {
	u64 vm_start, vm_end;		/* [start, end), page aligned */
	u32 vm_flags;
	struct file *vm_file;		/* NULL: anonymous */
	u64 vm_pgoff;			/* file offset of vm_start (bytes) */
	/* File data stops here (ELF bss): the rest of the page is zero. */
	u64 vm_file_end;
	struct list_head vm_list;	/* mm->vmas, by address */
};

struct mm_struct {
	spinlock_t lock;
	u32 users;			/* tasks using it (CLONE_VM) */
	pte_t *pgd;
	struct list_head vmas;
	u64 start_code, end_code, start_data, end_data;
	u64 start_brk, brk;
	u64 start_stack;
	u64 arg_start, arg_end, env_start, env_end;
	u64 mmap_base;			/* top-down search starts here */
	u64 total_vm;			/* pages mapped (VmSize) */
	u64 rss;			/* pages present (VmRSS) */
};

struct mm_struct *mm_alloc(void);
/* fork: a copy-on-write copy of old. */
struct mm_struct *dup_mm(struct mm_struct *old);
void mmget(struct mm_struct *mm);
/* Drop a user; the last one frees every page, VMA and table. */
void mmput(struct mm_struct *mm);

/* The VMA containing addr, or NULL. Caller holds mm->lock. */
struct vm_area_struct *find_vma(struct mm_struct *mm, u64 addr);
/* Map [addr, addr+len) (page aligned); replaces what was there. */
long mmap_region(struct mm_struct *mm, u64 addr, u64 len, u32 vm_flags,
		 struct file *file, u64 pgoff, u64 file_end);
int do_munmap(struct mm_struct *mm, u64 addr, u64 len);
/*
 * A driver's mmap (file_operations.mmap, called with a copy of the new
 * VMA): map the kernel page kpage at va in mm, as a file page the
 * driver owns (PTE_FILEPAGE: never freed by mm code; while mapped its
 * refcount is above 0).  -EFAULT outside a VMA, -EBUSY if mapped.
 */
int vm_insert_page(struct mm_struct *mm, u64 va, void *kpage);
/* Is [start, end) free of VMAs?  Takes mm->lock. */
bool vma_range_free(struct mm_struct *mm, u64 start, u64 end);
/* A free range of len bytes, top-down from mmap_base; 0 if none. */
u64 get_unmapped_area(struct mm_struct *mm, u64 len);

/*
 * Resolve a fault at addr (write: a write access; exec: instruction
 * fetch).  0 on success, -EFAULT (no VMA: SEGV_MAPERR), -EACCES
 * (protection: SEGV_ACCERR), -ENXIO (a shared file page past the end of
 * the file: SIGBUS), -ENOMEM.
 */
int handle_mm_fault(struct mm_struct *mm, u64 addr, bool write, bool exec);
/* Read another process's memory without faulting (for /proc/pid/cmdline). */
long access_remote_vm(struct mm_struct *mm, u64 addr, void *buf, size_t len);

#endif
