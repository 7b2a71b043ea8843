/*
 * Touching user memory: the only way the kernel reads or writes user
 * addresses (arch/x86_64/uaccess.c).  A bad pointer (outside the user
 * half, unmapped, or not writable) gives -EFAULT, never a kernel crash:
 * the copy instructions have exception-table fixups, and SMAP (when the
 * CPU has it) is opened only around them with stac/clac.
 *
 * linux-compat: copy_from_user/copy_to_user/clear_user return 0 or
 * -EFAULT here, not the number of bytes left uncopied.
 */
#ifndef TERN_UACCESS_H
#define TERN_UACCESS_H

#include <tern/types.h>

/* Highest user address + 1 (Linux: 2^47 minus one guard page). */
#define TASK_SIZE_MAX	0x00007ffffffff000ull

static inline bool access_ok(const void *addr, size_t n)
{
	u64 a = (u64)addr;

	return n <= TASK_SIZE_MAX && a <= TASK_SIZE_MAX - n;
}

long copy_from_user(void *dst, const void *usrc, size_t n);
long copy_to_user(void *udst, const void *src, size_t n);
long clear_user(void *udst, size_t n);
/* Length copied without the NUL; n if no NUL in n bytes; -EFAULT. */
long strncpy_from_user(char *dst, const char *usrc, size_t n);

struct pt_regs;
/* From the fault handlers: resume at a fixup if regs->rip has one. */
bool fixup_exception(struct pt_regs *regs);

#endif
