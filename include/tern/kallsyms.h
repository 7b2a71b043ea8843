/*
 * The kernel's own symbol table (function names for backtraces),
 * generated from the first link by kernel/mkkallsyms.sh and linked into
 * the second.  Only text symbols are kept.
 */
#ifndef TERN_KALLSYMS_H
#define TERN_KALLSYMS_H

#include <tern/types.h>

#define KSYM_NAME_LEN 128

/*
 * Finds the function containing addr.  Returns its name (NULL if addr is
 * not in kernel text) and sets *offset to addr - start of the function.
 */
const char *kallsyms_lookup(u64 addr, u64 *offset);
/* Writes "name+0xoff" (or the bare hex address) into buf. */
void kallsyms_format(u64 addr, char *buf, size_t size);
/* Address of a function by name, 0 if unknown (for tests). */
u64 kallsyms_lookup_name(const char *name);

#endif
