/*
 * The x86_64 signal frame (Linux's rt_sigframe) and rt_sigreturn(2).
 *
 * On the user stack, from the handler's rsp upwards:
 *   pretcode (sa_restorer: the handler's return address)
 *   struct ucontext (uc_mcontext = struct sigcontext, uc_sigmask)
 *   siginfo_t
 *   ... the FXSAVE image (64-byte aligned), pointed to by sc.fpstate
 * 128 bytes of red zone below the interrupted rsp are skipped.  At
 * handler entry rsp + 8 is 16-byte aligned, as after a call.
 */
#include <asm/cpu.h>
#include <asm/desc.h>
#include <asm/ptrace.h>
#include <tern/errno.h>
#include <tern/kernel.h>
#include <tern/process.h>
#include <tern/signal.h>
#include <tern/string.h>
#include <tern/syscalls.h>
#include <tern/uaccess.h>

struct rt_sigframe {
	u64 pretcode;
	struct ucontext uc;
	siginfo_t info;
};
_Static_assert(sizeof(struct rt_sigframe) == 440, "rt_sigframe layout");

/* Flags a handler may change (Linux's FIX_EFLAGS). */
#define FIX_EFLAGS	0x50dd5ull
#define MXCSR_DEFAULT	0x1f80u
#define MXCSR_MASK	0xffbfu

static void fpu_reset(void)
{
	u32 mxcsr = MXCSR_DEFAULT;

	__asm__ __volatile__("fninit\n\tldmxcsr %0" : : "m"(mxcsr));
}

static bool on_sig_stack(struct task *t, u64 sp)
{
	return t->sas_ss_size && sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;
}

int setup_rt_frame(int sig, const struct k_sigaction *ka, const siginfo_t *info,
		   sigset_t oldset, struct pt_regs *regs)
{
	struct task *t = current;
	u64 sp = regs->rsp - 128;
	bool was_on = on_sig_stack(t, regs->rsp);

	if ((ka->flags & SA_ONSTACK) && t->sas_ss_size && !was_on &&
	    !(t->sas_ss_flags & SS_DISABLE))
		sp = t->sas_ss_sp + t->sas_ss_size;
	u64 fp = ALIGN_DOWN(sp - sizeof(struct fxsave_state), 64ull);
	u64 frame_addr = ALIGN_DOWN(fp - sizeof(struct rt_sigframe), 16ull) - 8;

	/* The live FPU state (the kernel does not use the FPU). */
	__asm__ __volatile__("fxsave64 (%0)" : : "r"(t->fpu) : "memory");
	struct fxsave_state *fx = t->fpu;
	memset(fx->sw_reserved, 0, sizeof(fx->sw_reserved));
	if (copy_to_user((void *)fp, fx, sizeof(*fx)))
		return -EFAULT;

	struct rt_sigframe f;
	memset(&f, 0, sizeof(f));
	f.pretcode = (ka->flags & SA_RESTORER) ? ka->restorer : 0;
	f.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	f.uc.uc_stack.ss_sp = t->sas_ss_sp;
	f.uc.uc_stack.ss_size = t->sas_ss_size;
	f.uc.uc_stack.ss_flags = t->sas_ss_size ? (was_on ? SS_ONSTACK : t->sas_ss_flags)
						: SS_DISABLE;
	struct sigcontext *sc = &f.uc.uc_mcontext;
	sc->r8 = regs->r8;
	sc->r9 = regs->r9;
	sc->r10 = regs->r10;
	sc->r11 = regs->r11;
	sc->r12 = regs->r12;
	sc->r13 = regs->r13;
	sc->r14 = regs->r14;
	sc->r15 = regs->r15;
	sc->rdi = regs->rdi;
	sc->rsi = regs->rsi;
	sc->rbp = regs->rbp;
	sc->rbx = regs->rbx;
	sc->rdx = regs->rdx;
	sc->rax = regs->rax;
	sc->rcx = regs->rcx;
	sc->rsp = regs->rsp;
	sc->rip = regs->rip;
	sc->eflags = regs->rflags;
	sc->cs = USER_CS;
	sc->ss = USER_DS;
	sc->err = regs->error_code == SYSCALL_FRAME ? 0 : regs->error_code;
	sc->trapno = regs->error_code == SYSCALL_FRAME ? 0 : regs->vector;
	sc->oldmask = oldset;
	sc->cr2 = (sig == SIGSEGV || sig == SIGBUS) ? info->fault.addr : 0;
	sc->fpstate = fp;
	f.uc.uc_sigmask = oldset;
	f.info = *info;
	if (copy_to_user((void *)frame_addr, &f, sizeof(f)))
		return -EFAULT;

	if (t->sas_ss_flags & SS_AUTODISARM && (ka->flags & SA_ONSTACK)) {
		t->sas_ss_sp = 0;
		t->sas_ss_size = 0;
	}
	regs->rsp = frame_addr;
	regs->rip = ka->handler;
	regs->rdi = sig;
	regs->rsi = frame_addr + offsetof(struct rt_sigframe, info);
	regs->rdx = frame_addr + offsetof(struct rt_sigframe, uc);
	regs->rax = 0;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->rflags &= ~(0x100ull | 0x400ull | 0x10000ull);	/* TF, DF, RF */
	regs->error_code = 0;
	fpu_reset();
	return 0;
}

long sys_rt_sigreturn(void)
{
	struct pt_regs *regs = current_pt_regs();
	struct task *t = current;
	u64 frame_addr = regs->rsp - 8;
	struct rt_sigframe f;

	if (copy_from_user(&f, (void *)frame_addr, sizeof(f)))
		goto bad;
	struct sigcontext *sc = &f.uc.uc_mcontext;
	if (sc->rip >= (1ull << 47))
		goto bad;	/* IRET to a non-canonical rip would fault in ring 0 */
	if (sc->fpstate) {
		struct fxsave_state *fx = t->fpu;
		if (copy_from_user(fx, (void *)sc->fpstate, sizeof(*fx)))
			goto bad;
		fx->mxcsr &= MXCSR_MASK;
		__asm__ __volatile__("fxrstor64 (%0)" : : "r"(fx) : "memory");
	} else {
		fpu_reset();
	}
	regs->r8 = sc->r8;
	regs->r9 = sc->r9;
	regs->r10 = sc->r10;
	regs->r11 = sc->r11;
	regs->r12 = sc->r12;
	regs->r13 = sc->r13;
	regs->r14 = sc->r14;
	regs->r15 = sc->r15;
	regs->rdi = sc->rdi;
	regs->rsi = sc->rsi;
	regs->rbp = sc->rbp;
	regs->rbx = sc->rbx;
	regs->rdx = sc->rdx;
	regs->rax = sc->rax;
	regs->rcx = sc->rcx;
	regs->rsp = sc->rsp;
	regs->rip = sc->rip;
	regs->rflags = (regs->rflags & ~FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS) | X86_EFLAGS_IF;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->error_code = 0;	/* not a syscall to restart */

	unsigned long fl = spin_lock_irqsave(&tasklist_lock);
	t->blocked = f.uc.uc_sigmask & ~(sigmask(SIGKILL) | sigmask(SIGSTOP));
	spin_unlock_irqrestore(&tasklist_lock, fl);
	/* sigaltstack as saved (errors ignored, as Linux's restore_altstack). */
	stack_t *ss = &f.uc.uc_stack;
	if (!on_sig_stack(t, regs->rsp)) {
		if (ss->ss_flags & SS_DISABLE) {
			t->sas_ss_sp = 0;
			t->sas_ss_size = 0;
		} else if (ss->ss_size >= MINSIGSTKSZ) {
			t->sas_ss_sp = ss->ss_sp;
			t->sas_ss_size = ss->ss_size;
			t->sas_ss_flags = ss->ss_flags & SS_AUTODISARM;
		}
	}
	return regs->rax;
bad:
	force_sig_fault(SIGSEGV, SI_KERNEL, 0);
	return 0;
}
