/*
 * The register frame an interrupt, exception (and later a syscall) saves
 * on the kernel stack.  Order matches arch/x86_64/entry.S: general
 * registers pushed by the stub, then vector and error code, then what
 * the CPU pushes (rip, cs, rflags, rsp, ss).
 */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#include <tern/types.h>

struct pt_regs {
	u64 r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	u64 rax, rcx, rdx, rsi, rdi;
	u64 vector;
	u64 error_code;
	u64 rip, cs, rflags, rsp, ss;
};

_Static_assert(__builtin_offsetof(struct pt_regs, rcx) == 88, "entry_syscall.S");
_Static_assert(__builtin_offsetof(struct pt_regs, rip) == 136, "entry_syscall.S");
_Static_assert(sizeof(struct pt_regs) == 176, "entry_syscall.S");

/* A frame built by the SYSCALL entry has error_code == SYSCALL_FRAME and
 * the syscall number in vector (Linux's orig_ax). */
#define SYSCALL_FRAME	(~0ull)

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) != 0;
}

#endif
