/*
 * User-memory access: range check, open SMAP, run the fault-safe copy
 * (copy_user.S), close SMAP.  fixup_exception() is the other half: the
 * page-fault and general-protection handlers call it for kernel-mode
 * faults, and a fault at a listed instruction resumes at its fixup.
 */
#include <asm/cpu.h>
#include <asm/ptrace.h>
#include <tern/errno.h>
#include <tern/panic.h>
#include <tern/spinlock.h>
#include <tern/uaccess.h>

struct exception_table_entry {
	u64 insn;
	u64 fixup;
};

extern const struct exception_table_entry __start_ex_table[], __stop_ex_table[];

long raw_copy_user(void *dst, const void *src, size_t n);
long raw_clear_user(void *dst, size_t n);
size_t raw_copy_user_rem(void *dst, const void *src, size_t n);
long raw_strncpy_user(char *dst, const char *src, size_t n);

/* stac/clac are only valid on CPUs with SMAP (else #UD). */
static inline void user_access_begin(void)
{
	if (cpu_features.smap)
		__asm__ __volatile__("stac" ::: "memory");
}

static inline void user_access_end(void)
{
	if (cpu_features.smap)
		__asm__ __volatile__("clac" ::: "memory");
}

/*
 * Every user copy may fault, and a fault may one day sleep (paging in):
 * never with a spinlock held or interrupts off (docs/design.md §5).
 */
static inline void might_fault(void)
{
	if (unlikely(in_atomic() || irqs_disabled()))
		user_copy_in_atomic();
}

void user_copy_in_atomic(void)
{
	panic("user copy in atomic context (preempt %d, irqs %s)",
	      preempt_count_get(), irqs_disabled() ? "off" : "on");
}

/* The part of [uaddr, uaddr + n) inside the user half. */
static size_t user_span(const void *uaddr, size_t n)
{
	u64 a = (u64)uaddr;

	if (a >= TASK_SIZE_MAX)
		return 0;
	return n < TASK_SIZE_MAX - a ? n : TASK_SIZE_MAX - a;
}

size_t copy_from_user_partial(void *dst, const void *usrc, size_t n)
{
	size_t span = user_span(usrc, n), left;

	might_fault();
	user_access_begin();
	left = raw_copy_user_rem(dst, usrc, span);
	user_access_end();
	return left + (n - span);
}

size_t copy_to_user_partial(void *udst, const void *src, size_t n)
{
	size_t span = user_span(udst, n), left;

	might_fault();
	user_access_begin();
	left = raw_copy_user_rem(udst, src, span);
	user_access_end();
	return left + (n - span);
}

long copy_from_user_atomic(void *dst, const void *usrc, size_t n)
{
	if (!access_ok(usrc, n))
		return -EFAULT;
	user_access_begin();
	long r = raw_copy_user(dst, usrc, n);
	user_access_end();
	return r;
}

long copy_to_user_atomic(void *udst, const void *src, size_t n)
{
	if (!access_ok(udst, n))
		return -EFAULT;
	user_access_begin();
	long r = raw_copy_user(udst, src, n);
	user_access_end();
	return r;
}

long copy_from_user(void *dst, const void *usrc, size_t n)
{
	might_fault();
	return copy_from_user_atomic(dst, usrc, n);
}

long copy_to_user(void *udst, const void *src, size_t n)
{
	might_fault();
	return copy_to_user_atomic(udst, src, n);
}

long clear_user(void *udst, size_t n)
{
	might_fault();
	if (!access_ok(udst, n))
		return -EFAULT;
	user_access_begin();
	long r = raw_clear_user(udst, n);
	user_access_end();
	return r;
}

long strncpy_from_user(char *dst, const char *usrc, size_t n)
{
	/* Only the part inside the user half may be read. */
	u64 a = (u64)usrc;

	might_fault();
	if (a >= TASK_SIZE_MAX)
		return -EFAULT;
	if (n > TASK_SIZE_MAX - a)
		n = TASK_SIZE_MAX - a;
	user_access_begin();
	long r = raw_strncpy_user(dst, usrc, n);
	user_access_end();
	return r;
}

bool fixup_exception(struct pt_regs *regs)
{
	for (const struct exception_table_entry *e = __start_ex_table; e < __stop_ex_table; e++) {
		if (e->insn == regs->rip) {
			regs->rip = e->fixup;
			return true;
		}
	}
	return false;
}
