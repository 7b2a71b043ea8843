/*
 * SYSCALL/SYSRET set-up and the C side of the system-call entry
 * (entry_syscall.S), plus the common return-to-user-mode work: reschedule
 * and deliver signals before any return to ring 3.
 */
#include <asm/cpu.h>
#include <asm/desc.h>
#include <asm/percpu.h>
#include <asm/ptrace.h>
#include <tern/errno.h>
#include <tern/kernel.h>
#include <tern/process.h>
#include <tern/sched.h>
#include <tern/signal.h>
#include <tern/syscalls.h>
#include <tern/uaccess.h>
#include <uapi/sched.h>

#define MSR_STAR	0xc0000081
#define MSR_LSTAR	0xc0000082
#define MSR_SYSCALL_MASK 0xc0000084
/* FMASK: clear TF, IF, DF, IOPL, NT and AC on entry. */
#define SYSCALL_FMASK	0x47700ull

struct percpu cpu0_percpu;

void entry_SYSCALL_64(void);

void syscall_init(void)
{
	cpu0_percpu.self = (u64)&cpu0_percpu;
	wrmsr(MSR_GS_BASE, (u64)&cpu0_percpu);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	wrmsr(MSR_STAR, ((u64)(USER32_CS & ~3) << 48) | ((u64)KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)entry_SYSCALL_64);
	wrmsr(MSR_SYSCALL_MASK, SYSCALL_FMASK);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

/*
 * Work before returning to user mode, interrupts off at the end:
 * a pending reschedule, then pending signals (which may rewrite regs to
 * enter a handler, restart the syscall, or end the thread).
 */
void exit_to_user_mode(struct pt_regs *regs)
{
	for (int rounds = 0;; rounds++) {
		local_irq_disable();
		if (test_need_resched()) {
			local_irq_enable();
			schedule();
			continue;
		}
		long ret = (long)regs->rax;
		bool restart = regs->error_code == SYSCALL_FRAME && ret <= -ERESTARTSYS &&
			       ret >= -ERESTART_RESTARTBLOCK && ret != -ENOIOCTLCMD;
		if (current->proc && (task_has_signal_work(current) || restart) && rounds < 64) {
			local_irq_enable();
			do_signal(regs);
			continue;
		}
		break;
	}
	/* The user FS base may have been changed by arch_prctl. */
}

void do_syscall_64(struct pt_regs *regs);
void do_syscall_64(struct pt_regs *regs)
{
	local_irq_enable();
	regs->rax = syscall_dispatch(regs->vector, regs);
	exit_to_user_mode(regs);
}

/* Tail of ret_from_fork: returns the new task's pt_regs, irqs off. */
struct pt_regs *schedule_tail(struct task *prev);
struct pt_regs *schedule_tail(struct task *prev)
{
	sched_finish_switch(prev);
	struct pt_regs *regs = current_pt_regs();
	if (current->set_child_tid) {
		int tid = current->tid;
		(void)copy_to_user((void *)current->set_child_tid, &tid, sizeof(tid));
		current->set_child_tid = 0;
	}
	exit_to_user_mode(regs);
	return regs;
}

/* arch_prctl(2): the user FS/GS bases (TLS). */
long sys_arch_prctl(int code, unsigned long addr)
{
	u64 v;

	switch (code) {
	case ARCH_SET_FS:
	case ARCH_SET_GS:
		if (addr >= TASK_SIZE_MAX)
			return -EPERM;
		if (code == ARCH_SET_FS) {
			current->fsbase = addr;
			wrmsr(MSR_FS_BASE, addr);
		} else {
			current->gsbase = addr;
			wrmsr(MSR_KERNEL_GS_BASE, addr);	/* the user's while in the kernel */
		}
		return 0;
	case ARCH_GET_FS:
		v = rdmsr(MSR_FS_BASE);
		return copy_to_user((void *)addr, &v, sizeof(v)) ? -EFAULT : 0;
	case ARCH_GET_GS:
		v = rdmsr(MSR_KERNEL_GS_BASE);
		return copy_to_user((void *)addr, &v, sizeof(v)) ? -EFAULT : 0;
	case ARCH_GET_CPUID:
		return 1;
	case ARCH_SET_CPUID:
		return -ENODEV;
	default:
		return -EINVAL;
	}
}
