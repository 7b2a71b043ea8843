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
/*
 * Linux's convention, for copies that may stop part way (iov_iter): the
 * number of bytes NOT copied, 0 when all were.  Bytes before a fault
 * are copied.
 */
size_t copy_from_user_partial(void *dst, const void *usrc, size_t n);
size_t copy_to_user_partial(void *udst, const void *src, size_t n);
/*
 * The same as copy_from_user/copy_to_user for the few places that must
 * read or write a user word atomically with a spinlock (futexes, as
 * Linux's get_futex_value_locked): no might_fault() check.  The fault
 * handler maps a missing page without sleeping, so this is safe today;
 * when faults can sleep these must fail instead and the caller retry.
 */
long copy_from_user_atomic(void *dst, const void *usrc, size_t n);
long copy_to_user_atomic(void *udst, const void *src, size_t n);
/* The panic behind might_fault(): a user copy with a spinlock held. */
__attribute__((noreturn)) void user_copy_in_atomic(void);
/* Length copied without the NUL; n if no NUL in n bytes; -EFAULT. */
long strncpy_from_user(char *dst, const char *usrc, size_t n);

struct pt_regs;
/* From the fault handlers: resume at a fixup if regs->rip has one. */
bool fixup_exception(struct pt_regs *regs);

#endif
