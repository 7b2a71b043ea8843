/*
 * Exceptions.  interrupt_dispatch() is the C side of every vector
 * (entry.S): vectors below 32 are CPU exceptions, the rest go to irq.c.
 *
 * A page fault or general-protection fault at an instruction listed in
 * the exception table (the user-memory copies, copy_user.S) resumes at its
 * fixup, which returns -EFAULT.  Any other exception in the kernel is a
 * kernel bug: die() prints the vector,
 * error code, CR2, every register and a symbolized backtrace, then ends
 * the machine with a failure status (QEMU's isa-debug-exit).  User-mode
 * exceptions (signals) come with the next issue; until then they also
 * die().
 */
#include <asm/cpu.h>
#include <asm/ptrace.h>
#include <tern/irq.h>
#include <tern/kstack.h>
#include <tern/kernel.h>
#include <tern/printk.h>
#include <tern/reboot.h>
#include <tern/stacktrace.h>
#include <tern/uaccess.h>
#include <tern/mm_types.h>
#include <tern/process.h>
#include <tern/signal.h>
#include <tern/syscalls.h>
#include <tern/errno.h>

static const char *const exception_names[32] = {
	[0] = "#DE divide error",
	[1] = "#DB debug",
	[2] = "NMI",
	[3] = "#BP breakpoint",
	[4] = "#OF overflow",
	[5] = "#BR bound range",
	[6] = "#UD invalid opcode",
	[7] = "#NM device not available",
	[8] = "#DF double fault",
	[10] = "#TS invalid TSS",
	[11] = "#NP segment not present",
	[12] = "#SS stack fault",
	[13] = "#GP general protection",
	[14] = "#PF page fault",
	[16] = "#MF x87 error",
	[17] = "#AC alignment check",
	[18] = "#MC machine check",
	[19] = "#XM SIMD error",
	[20] = "#VE virtualization",
	[21] = "#CP control protection",
};

void show_regs(const struct pt_regs *r)
{
	char sym[160];

	kallsyms_format(r->rip, sym, sizeof(sym));
	printk(KERN_EMERG "RIP: %04lx:%016lx %s\n", (unsigned long)r->cs,
	       (unsigned long)r->rip, sym);
	printk(KERN_EMERG "RSP: %04lx:%016lx RFLAGS: %016lx\n",
	       (unsigned long)r->ss, (unsigned long)r->rsp, (unsigned long)r->rflags);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n",
	       (unsigned long)r->rax, (unsigned long)r->rbx, (unsigned long)r->rcx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n",
	       (unsigned long)r->rdx, (unsigned long)r->rsi, (unsigned long)r->rdi);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n",
	       (unsigned long)r->rbp, (unsigned long)r->r8, (unsigned long)r->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n",
	       (unsigned long)r->r10, (unsigned long)r->r11, (unsigned long)r->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n",
	       (unsigned long)r->r13, (unsigned long)r->r14, (unsigned long)r->r15);
	printk(KERN_EMERG "CR0: %016lx CR2: %016lx CR3: %016lx CR4: %016lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

/* Page-fault error code bits (Intel SDM vol. 3A §4.7). */
static void describe_page_fault(u64 err)
{
	printk(KERN_EMERG "page fault: %s %s in %s mode%s%s\n",
	       err & 2 ? "write to" : (err & 16 ? "instruction fetch from" : "read from"),
	       err & 1 ? "a present page (protection violation)" : "a not-present page",
	       err & 4 ? "user" : "kernel",
	       err & 8 ? ", reserved bit set" : "",
	       err & 32 ? ", protection key" : "");
}

static __noreturn void die(struct pt_regs *regs)
{
	static int dying;
	u64 vec = regs->vector;
	const char *name = vec < 32 && exception_names[vec] ? exception_names[vec] : "exception";

	printk_emergency_mode();
	if (dying++) {
		/* A fault while reporting a fault: say the least and stop. */
		printk(KERN_EMERG "nested exception %lu at %016lx while dying\n",
		       (unsigned long)vec, (unsigned long)regs->rip);
		machine_exit(false);
	}
	printk(KERN_EMERG "\nTern: CPU exception %lu (%s), error code 0x%lx, CR2 %016lx\n",
	       (unsigned long)vec, name, (unsigned long)regs->error_code, read_cr2());
	if (vec == 14)
		describe_page_fault(regs->error_code);
	if (kstack_guard_hit(read_cr2()) || kstack_guard_hit(regs->rsp))
		printk(KERN_EMERG "kernel stack overflow: the access hit a stack guard page\n");
	show_regs(regs);
	printk(KERN_EMERG "Call trace:\n");
	print_backtrace(regs->rip, regs->rbp);
	printk(KERN_EMERG "Kernel panic: fatal exception %lu (%s)\n", (unsigned long)vec, name);
	machine_exit(false);
}

/*
 * A page fault on a user address: demand paging and copy-on-write for
 * user mode and for the kernel's user copies alike.  True if resolved.
 * *code gets SEGV_MAPERR (no mapping) or SEGV_ACCERR (protection).
 */
static bool user_page_fault(struct pt_regs *regs, u64 addr, int *code)
{
	struct mm_struct *mm = current->mm;

	*code = SEGV_MAPERR;
	if (!mm || addr >= TASK_SIZE_MAX)
		return false;
	if (regs->rflags & X86_EFLAGS_IF)
		local_irq_enable();
	int err = handle_mm_fault(mm, addr, regs->error_code & 2, regs->error_code & 16);
	local_irq_disable();
	if (!err)
		return true;
	*code = err == -EACCES ? SEGV_ACCERR : err == -ENXIO ? -BUS_ADRERR : SEGV_MAPERR;
	return false;
}

/* A CPU exception in user mode becomes a signal (signal(7)). */
static void user_exception(struct pt_regs *regs, u64 cr2, int segv_code)
{
	int sig, code = SI_KERNEL;
	u64 addr = regs->rip;

	switch (regs->vector) {
	case 0:
		sig = SIGFPE;
		code = FPE_INTDIV;
		break;
	case 16:
	case 19:
		sig = SIGFPE;
		break;
	case 1:
	case 3:
		sig = SIGTRAP;
		code = TRAP_BRKPT;
		break;
	case 6:
		sig = SIGILL;
		code = ILL_ILLOPN;
		break;
	case 14:
		/* A negative code is a SIGBUS (mapping past the end of a file). */
		sig = segv_code < 0 ? SIGBUS : SIGSEGV;
		code = segv_code < 0 ? -segv_code : segv_code;
		addr = cr2;
		break;
	case 17:
		sig = SIGBUS;
		code = BUS_ADRERR;
		break;
	default:		/* #GP, #SS, #NP, ...: si_addr 0, SI_KERNEL */
		sig = SIGSEGV;
		addr = 0;
		break;
	}
	force_sig_fault(sig, code, addr);
}

void interrupt_dispatch(struct pt_regs *regs)
{
	if (regs->vector < 32) {
		u64 cr2 = regs->vector == 14 ? read_cr2() : 0;
		int code = 0;
		if (regs->vector == 14 && user_page_fault(regs, cr2, &code))
			goto out;
		if ((regs->vector == 14 || regs->vector == 13) && !user_mode(regs) &&
		    fixup_exception(regs))
			return;
		if (!user_mode(regs) || !current->proc)
			die(regs);
		user_exception(regs, cr2, code);
		goto out;
	}
	irq_dispatch(regs);
out:
	if (user_mode(regs) && current->proc)
		exit_to_user_mode(regs);
}
