/*
 * kmalloc/kfree (mm/slab.c): small objects come from per-size-class
 * slabs, bigger ones straight from the page allocator.  Memory is at
 * least 16-byte aligned.  kmalloc may be called with interrupts off; it
 * never sleeps.  kfree(NULL) is a no-op; freeing anything else that did
 * not come from kmalloc panics.
 */
#ifndef TERN_SLAB_H
#define TERN_SLAB_H

#include <tern/types.h>

void kmalloc_init(void);	/* once, after page_alloc_init */
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(const void *p);
/* The usable size of an allocation (>= the size asked for). */
size_t ksize(const void *p);

/* Per size class statistics, for tests and /proc/slabinfo. */
struct kmalloc_stats {
	size_t size;
	u64 allocs, frees, slabs;
};
int kmalloc_nr_classes(void);
void kmalloc_get_stats(int class, struct kmalloc_stats *st);

#endif
