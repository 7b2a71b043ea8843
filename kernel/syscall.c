/*
 * System-call dispatch: the number indexes sys_call_table
 * (kernel/syscall_table.c); an empty slot or an unknown number is
 * -ENOSYS, and the first call of each logs the Linux name once.
 */
#include <asm/ptrace.h>
#include <tern/errno.h>
#include <tern/printk.h>
#include <tern/process.h>
#include <tern/syscalls.h>
#include <uapi/unistd.h>

static const char *const syscall_names[NR_SYSCALLS] = {
#define NAME(nr, name) [nr] = #name,
	SYSCALL_LIST(NAME)
#undef NAME
};

static u64 enosys_logged[(NR_SYSCALLS + 63) / 64];

const char *syscall_name(u64 nr)
{
	return nr < NR_SYSCALLS && syscall_names[nr] ? syscall_names[nr] : NULL;
}

/* Numbers beyond the table are logged this many times in all. */
#define ENOSYS_UNKNOWN_LOGS	16
static unsigned enosys_unknown_logged;

static long sys_ni_syscall(u64 nr)
{
	if (nr < NR_SYSCALLS) {
		u64 bit = 1ull << (nr % 64);
		if (enosys_logged[nr / 64] & bit)
			return -ENOSYS;
		enosys_logged[nr / 64] |= bit;
	} else if (enosys_unknown_logged++ >= ENOSYS_UNKNOWN_LOGS) {
		return -ENOSYS;
	}
	const char *name = syscall_name(nr);
	pr_info("syscall %ld (%s) not implemented: ENOSYS (pid %d, %s)\n",
		(long)nr, name ? name : "unknown",
		current->proc ? current->proc->pid : 0, current->comm);
	return -ENOSYS;
}

long syscall_dispatch(u64 nr, struct pt_regs *regs)
{
	if (nr >= NR_SYSCALLS || !sys_call_table[nr])
		return sys_ni_syscall(nr);
	return sys_call_table[nr](regs->rdi, regs->rsi, regs->rdx, regs->r10,
				  regs->r8, regs->r9);
}
