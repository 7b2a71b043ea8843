/*
 * Physical memory: the direct map and the page allocator (mm/page_alloc.c).
 *
 * Every page of RAM is mapped at PAGE_OFFSET + its physical address, so
 * kernel code turns a physical address into a pointer with
 * phys_to_virt() and back with virt_to_phys().  The page allocator hands
 * out naturally aligned blocks of 2^order pages by physical address;
 * physical address 0 is never handed out, so 0 means "no memory".
 */
#ifndef TERN_MM_H
#define TERN_MM_H

#include <asm/layout.h>
#include <tern/types.h>

#define PAGE_MASK	(~((u64)PAGE_SIZE - 1))
#define MAX_ORDER	10	/* largest block: 2^10 pages = 4 MiB */
/*
 * Tern refuses to boot (with a clear panic) when less than this is free
 * after the kernel image, the initramfs and the page metadata: about
 * what the boot itself allocates before /init (page tables, slabs, the
 * network stack, the unpacked busybox).  There is no floor on the
 * machine's size as such.
 */
#define MIN_FREE_BYTES	(2ull << 20)

static inline void *phys_to_virt(phys_addr_t p)
{
	return (void *)(p + PAGE_OFFSET);
}

/* For direct-map and kernel-image addresses only. */
static inline phys_addr_t virt_to_phys(const void *v)
{
	u64 a = (u64)v;

	return a >= KERNEL_VMA ? a - KERNEL_VMA : a - PAGE_OFFSET;
}

/*
 * One per page frame.  flags says who owns an allocated page; private is
 * the owner's (the slab header for PG_SLAB, the order for PG_LARGE).
 * refcount is for shared pages (copy-on-write, next issue).
 */
struct page {
	u32 refcount;
	u32 flags;
	void *private;
};
#define PG_SLAB		(1u << 0)	/* part of a kmalloc slab */
#define PG_LARGE	(1u << 1)	/* a large kmalloc block (head page) */
#define PG_FILEMAP	(1u << 2)	/* a file's page mapped into user space */
#define PG_ORPHAN	(1u << 3)	/* freed by its file while mapped */

extern struct page *mem_map;

static inline struct page *phys_to_page(phys_addr_t p)
{
	return &mem_map[p >> PAGE_SHIFT];
}

static inline struct page *virt_to_page(const void *v)
{
	return phys_to_page(virt_to_phys(v));
}

void page_alloc_init(void);
/*
 * Give boot memory that page_alloc_init reserved (a boot module, once
 * the initramfs is unpacked from it) to the allocator: the whole pages
 * of [start, end) that are usable RAM.  Nothing may read it afterwards.
 */
void free_boot_range(phys_addr_t start, phys_addr_t end);
/* 2^order contiguous, naturally aligned pages; 0 when none are free. */
phys_addr_t alloc_pages(unsigned order);
void free_pages(phys_addr_t addr, unsigned order);
/* The same through the direct map; NULL when none are free. */
void *get_free_pages(unsigned order);
void free_pages_virt(void *p, unsigned order);
void *get_zeroed_page(void);
/*
 * A file system's page mapped into user space (MAP_SHARED): while mapped
 * (refcount > 0) a free_pages() by the file system (truncation) only
 * marks it; the last unmapping frees it.  So user space never reaches a
 * page that is free or reused.
 */
void page_filemap_get(phys_addr_t pa);
void page_filemap_put(phys_addr_t pa);

/* Counters: pages free now, and pages the allocator manages. */
u64 nr_free_pages(void);
u64 nr_managed_pages(void);
/* Highest physical address of usable RAM (end, exclusive). */
phys_addr_t max_phys_addr(void);

#endif
