/* Mapping device memory (arch/x86_64/paging.c). */
#ifndef TERN_IO_H
#define TERN_IO_H

#include <tern/types.h>

/* Maps [phys, phys+size) uncached into the kernel; NULL on failure. */
void *ioremap(phys_addr_t phys, size_t size);

#endif
