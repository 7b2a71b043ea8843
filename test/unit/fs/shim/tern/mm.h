/*
 * Host stand-in for the page-allocator calls fs/ uses from the
 * kernel's <tern/mm.h> (whose real header needs the arch layout): whole,
 * page-aligned, zeroed pages for file data (so the mm code can map them).
 */
#ifndef TERN_MM_H
#define TERN_MM_H

#include <tern/types.h>

#define PAGE_SIZE	4096

void *get_zeroed_page(void);
void free_pages_virt(void *p, unsigned order);
/* The machine's RAM in pages (tmpfs's default size is half of it). */
u64 nr_managed_pages(void);

#endif
