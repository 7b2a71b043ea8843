/*
 * User-memory access: range check, open SMAP, run the fault-safe copy
 * (copy_user.S), close SMAP.  fixup_exception() is the other half: the
 * page-fault and general-protection handlers call it for kernel-mode
 * faults, and a fault at a listed instruction resumes at its fixup.
 */
#include <asm/cpu.h>
#include <asm/ptrace.h>
#include <tern/errno.h>
#include <tern/uaccess.h>

struct exception_table_entry {
	u64 insn;
	u64 fixup;
};

extern const struct exception_table_entry __start_ex_table[], __stop_ex_table[];

long raw_copy_user(void *dst, const void *src, size_t n);
long raw_clear_user(void *dst, size_t n);
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

long copy_from_user(void *dst, const void *usrc, size_t n)
{
	if (!access_ok(usrc, n))
		return -EFAULT;
	user_access_begin();
	long r = raw_copy_user(dst, usrc, n);
	user_access_end();
	return r;
}

long copy_to_user(void *udst, const void *src, size_t n)
{
	if (!access_ok(udst, n))
		return -EFAULT;
	user_access_begin();
	long r = raw_copy_user(udst, src, n);
	user_access_end();
	return r;
}

long clear_user(void *udst, size_t n)
{
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
